"""`edgar-kg export`, `stats` and `remove`: the store as a whole."""

from __future__ import annotations

import json
import sys

import click

from ..linking.store_links import link_pending
from .common import format_option, library_errors, open_store, store_option
from .formatting import render


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="File to write; the format follows the extension (.ttl .trig .nq .nt .jsonld).")
@store_option
@library_errors
def export(output: str, store_path: str | None) -> None:
    """Write the whole store to an RDF file."""
    with open_store(store_path, read_only=True) as store:
        quads = store.export(output)
    click.echo(f"{quads} quads -> {output}")


@click.command()
@store_option
@format_option(("table", "json"))
@library_errors
def stats(store_path: str | None, fmt: str) -> None:
    """Counts of filings, companies, deals, people, graphs and quads, and the store's size."""
    with open_store(store_path, read_only=True) as store:
        figures = store.stats()
    if fmt == "json":
        click.echo(json.dumps(figures, indent=2))
    else:
        click.echo(render(["figure", "value"], list(figures.items()), "table"))


@click.command()
@click.argument("accessions", nargs=-1, required=True)
@store_option
@library_errors
def remove(accessions: tuple[str, ...], store_path: str | None) -> None:
    """Remove the filings with these ACCESSION numbers (with or without dashes) from the store.

    The merged name histories they spoke of are recomputed from the filings that remain, and
    the documents that mention those companies are linked again.
    Exit status 1 if any accession number is not in the store.
    """
    missing = []
    with open_store(store_path) as store:
        for accession in accessions:
            graphs = store.remove_filing(accession)
            if graphs:
                click.echo(f"removed {accession}: {', '.join(graphs)}")
            else:
                missing.append(accession)
        link_pending(store)  # documents that named the removed companies are relinked
        store.flush()
    for accession in missing:
        click.echo(f"error: no filing {accession} in the store", err=True)
    if missing:
        sys.exit(1)
