"""`edgar-kg export`, `stats` and `remove`: the store as a whole."""

from __future__ import annotations

import json
import os
import sys

import click

from ..linking.store_links import link_pending
from ..store.documents import stored_graphs
from ..store.formats import format_for, format_named
from .common import emit, format_option, library_errors, open_store, rows_options, store_option

_RDF_FORMATS = ("ttl", "trig", "nq", "nt", "jsonld", "rdf")


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              show_default=True,
              help="File to write, or - for standard output. The format follows the extension "
                   "(.ttl .trig .nq .nt .jsonld .rdf) unless --format says it.")
@click.option("--format", "rdf_format", type=click.Choice(_RDF_FORMATS), default=None,
              help="RDF format [default: from the file's extension; N-Quads on standard "
                   "output].")
@store_option
@library_errors
def export(output: str, rdf_format: str | None, store_path: str | None) -> None:
    """Write the whole store as RDF, to a file or standard output.

    \b
    Examples:
      edgar-kg export -o corpus.trig
      edgar-kg export --format ttl > corpus.ttl
    """
    to_stdout = output == "-"
    fmt = (format_named(rdf_format) if rdf_format
           else format_named("nq") if to_stdout else format_for(output))
    with open_store(store_path, read_only=True) as store:
        if to_stdout:
            try:
                quads, written = store.export_to(sys.stdout.buffer, fmt)
                sys.stdout.buffer.flush()
            except BrokenPipeError:
                # The reader stopped ("| head"); Python would complain once more at exit.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return
        else:
            quads, written = store.export_to(output, fmt)
    target = "standard output" if to_stdout else output
    if written == quads:
        click.echo(f"{quads} quads -> {target}", err=True)
    else:
        click.echo(f"{quads} quads in the store's named graphs -> {written} distinct triples "
                   f"in {target}: {fmt.name} has no named graphs, so the graphs are merged and "
                   "a triple that several graphs state is written once", err=True)


@click.command()
@store_option
@format_option()
@rows_options
@library_errors
def stats(store_path: str | None, fmt: str, columns: tuple[str, ...],
          limit: int | None) -> None:
    """Counts of filings, companies, deals, people, graphs and quads, and the store's size.

    \b
    Example:
      edgar-kg stats --format csv
    """
    with open_store(store_path, read_only=True) as store:
        figures = store.stats()
    if fmt == "json":
        click.echo(json.dumps(figures, indent=2))
        return
    rows = [[name, human_size(value) if name == "bytes_on_disk" and fmt == "table" else value]
            for name, value in figures.items()]
    emit(["figure", "value"], rows, fmt)


def human_size(size: int) -> str:
    """A byte count as people read it: 1,234,567 -> '1.2 MB'."""
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB", "TB"):
        if value < 1000 or unit == "TB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} bytes"


@click.command()
@click.argument("documents", nargs=-1, required=True)
@store_option
@library_errors
def remove(documents: tuple[str, ...], store_path: str | None) -> None:
    """Remove stored documents: filings by ACCESSION number (with or without dashes), press
    releases and other inputs by their file's path or name, or any graph by its IRI.

    The merged name histories they spoke of are recomputed from what remains, and the
    documents that mention those companies are linked again. Exit status 1 if any of them is
    not in the store.

    \b
    Examples:
      edgar-kg remove 0001144204-17-013452
      edgar-kg remove 001_biocorrx-acquires-lucemyra-from-uswm.txt
    """
    missing = []
    with open_store(store_path) as store:
        for document in documents:
            graphs = store.remove_graphs(stored_graphs(store, document))
            if graphs:
                click.echo(f"removed {document}: {', '.join(graphs)}")
            else:
                missing.append(document)
        link_pending(store)  # documents that named the removed companies are relinked
        store.flush()
    for document in missing:
        click.echo(f"error: no filing, input file or graph {document!r} in the store", err=True)
    if missing:
        sys.exit(1)
