"""The edgar-kg command line: a thin layer over the library that turns its errors into messages."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..analysis.history import history_rows, history_table_rows, license_history, resolve_company
from ..analysis.plots import picture_format, plot_name_history
from ..analysis.queries import list_queries, load_query, run_query
from ..batch.pipeline import (
    DOCUMENT_TIME_BUDGET,
    BatchSummary,
    extract_paths,
    predict_paths,
    validate_paths,
)
from ..errors import InputError
from ..evaluate.scoring import evaluate as evaluate_predictions
from ..evaluate.scoring import load_gold
from ..extract import Extraction
from ..rdf.vocab import BASE_ENV, default_base
from ..read.inputs import base_name
from ..store.embedded import KnowledgeStore, default_store_path, format_for
from ..validate.shacl import ShapeValidator, load_shapes, validate_store
from .common import format_option, library_errors, open_store, store_option
from .formatting import render
from .graph import graph
from .remote import push


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edgar-kg")
def cli() -> None:
    """Turn SEC EDGAR filings and press releases into an RDF knowledge graph."""


class _Progress:
    """A one-line running count on stderr, shown only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.done = self.failed = self.filings = 0

    def __call__(self, result: Extraction | InputError) -> None:
        self.done += 1
        if isinstance(result, InputError):
            self.failed += 1
        else:
            self.filings += result.filings
        if self.enabled and (self.done % 10 == 0 or self.done < 10):
            click.echo(f"\r{self.done} inputs, {self.filings} filings, {self.failed} failed",
                       err=True, nl=False)

    def close(self) -> None:
        if self.enabled and self.done:
            click.echo("\r" + " " * 60 + "\r", err=True, nl=False)


def _print_summary(summary: BatchSummary, target: str) -> None:
    for failure in summary.failures:
        click.echo(f"error: {failure.line()}", err=True)
    for source, warning in summary.warnings:
        click.echo(f"warning: {source}: {warning}", err=True)
    checked = ""
    if summary.validation is not None:
        for result in summary.validation.violations:
            click.echo(f"shape violation: {result.line()}", err=True)
        checked = (f"; shapes: {len(summary.validation.violations)} violations, "
                   f"{len(summary.validation.warnings)} warnings")
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(summary.kinds.items()))
    click.echo(
        f"{summary.inputs} inputs ({kinds or 'none readable'}): {summary.filings} filings, "
        f"{summary.triples} triples, {summary.name_histories} name histories -> {target} "
        f"in {summary.seconds:.2f}s; {len(summary.failures)} failed{checked}"
    )


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write an RDF file instead of loading the store; the format follows the "
                   "extension: .ttl .trig .nq .nt .jsonld")
@store_option
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes.")
@click.option("--base", default=None, help=f"Base IRI for minted resources [default: ${BASE_ENV} "
                                           f"or {default_base()}].")
@click.option("--errors", "errors_file", type=click.Path(dir_okay=False), default=None,
              help="Also write every failed input as a JSON line (source, stage, reason).")
@click.option("--headers-only", is_flag=True,
              help="Skip reading press releases for deals, products and people (faster).")
@click.option("--strict", is_flag=True,
              help="Leave out every graph that violates a SHACL shape and count it as failed.")
@click.option("--no-validate", "no_validate", is_flag=True,
              help="Skip SHACL validation of each graph (faster bulk loads; see `validate`).")
@click.option("--document-timeout", type=click.FloatRange(0, None), metavar="SECONDS",
              default=DOCUMENT_TIME_BUDGET, show_default=True,
              help="Skip (and list as failed) any one document that takes longer; 0 waits for "
                   "every document. Enforced in worker processes, not on Dask threads.")
@click.option("--dask", "dask_scheduler", metavar="ADDRESS", default=None,
              help="Extract on a Dask cluster: a scheduler address (tcp://host:8786), or "
                   "'local' for one worker process per core. Needs the `dask` extra.")
@click.option("--shards", "shards_dir", type=click.Path(file_okay=False), default=None,
              help="With --dask: keep the workers' N-Quads shards in DIR (a folder every "
                   "worker can write) [default: a temporary folder, removed after loading].")
@click.option("--partitions", type=click.IntRange(1, None), default=None,
              help="With --dask: tasks (and shards) to split the inputs into "
                   "[default: one per 200 files, at least two per worker].")
@library_errors
def extract(paths: tuple[str, ...], output: str | None, store_path: str | None, jobs: int,
            base: str | None, errors_file: str | None, headers_only: bool, strict: bool,
            no_validate: bool, document_timeout: float, dask_scheduler: str | None,
            shards_dir: str | None, partitions: int | None) -> None:
    """Extract PATHS (files, folders, archives, - for stdin) into the store or an RDF file.

    Each filing's graph is checked against the SHACL shapes; violations are listed (file,
    focus node, path, message) and, unless --strict, still loaded. Bad inputs are reported one
    line each and never stop the batch; the exit status is 1 if any input failed.
    """
    if strict and no_validate:
        raise click.UsageError("--strict needs validation; drop --no-validate")
    if (shards_dir or partitions) and not dask_scheduler:
        raise click.UsageError("--shards and --partitions go with --dask")
    if dask_scheduler and jobs > 1:
        raise click.UsageError("--jobs runs local processes; with --dask the workers do")
    progress = _Progress()

    def run(store: KnowledgeStore) -> BatchSummary:
        if dask_scheduler:
            from ..batch.distributed import extract_into_store

            return extract_into_store(paths, store, dask_scheduler, shards_dir, partitions,
                                      read_releases=not headers_only,
                                      validate=not no_validate, strict=strict)
        return extract_paths(paths, store, jobs=jobs, on_result=progress,
                             read_releases=not headers_only, validate=not no_validate,
                             strict=strict, time_budget=document_timeout or None)
    if output:
        format_for(output)  # refuse an unknown extension before doing the work
        scratch = tempfile.mkdtemp(prefix="edgar-kg-")
        try:
            with KnowledgeStore(Path(scratch) / "store", base=base) as store:
                summary = run(store)
                progress.close()
                store.export(output)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        target = output
    else:
        target = store_path or default_store_path()
        with KnowledgeStore(target, base=base) as store:
            summary = run(store)
        progress.close()
    if errors_file:
        with open(errors_file, "w", encoding="utf-8") as handle:
            for failure in summary.failures:
                handle.write(json.dumps({"source": failure.source, "stage": failure.stage,
                                         "reason": failure.reason}) + "\n")
    _print_summary(summary, target)
    if not summary.ok:
        sys.exit(1)


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    values = {}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{param!r} is not key=value", param_hint="--param")
        values[key.strip()] = value
    return values


@cli.command()
@click.argument("name", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the named queries and exit.")
@click.option("-i", "--input", "inputs", multiple=True, type=click.Path(exists=True,
              dir_okay=False), help="Query these RDF files (in memory) instead of the store.")
@store_option
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind a query parameter (as an RDF term, never as query text).")
@format_option()
@library_errors
def query(name: str | None, list_only: bool, inputs: tuple[str, ...], store_path: str | None,
          params: tuple[str, ...], fmt: str) -> None:
    """Run the named query NAME (see --list) or a .rq file over the store or -i files."""
    if list_only or not name:
        queries = list_queries()
        rows = [[q.name, q.description, ", ".join(f"{p.name} ({p.type})" for p in q.params)]
                for q in queries]
        click.echo(render(["name", "description", "parameters"], rows, fmt))
        return
    named = load_query(name)
    values = _parse_params(params)
    with KnowledgeStore(None) if inputs else open_store(store_path, read_only=True) as store:
        for path in inputs:
            store.load_file(path)
        result = run_query(store, named, values)
    click.echo(render(result.variables, result.rows, fmt))


@cli.group()
def history() -> None:
    """Trace a company's history."""


@history.command("names")
@click.argument("company")
@store_option
@format_option(("table", "json"))
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), default=None,
              help="Also draw the names as a timeline to this .svg or .png file.")
@library_errors
def history_names(company: str, store_path: str | None, fmt: str, plot_path: str | None) -> None:
    """The ordered name history of COMPANY (a CIK, or any current or former name)."""
    if plot_path:
        picture_format(plot_path)  # refuse a bad extension before doing the work
    with open_store(store_path, read_only=True) as store:
        cik = resolve_company(store, company)
        records = store.name_history(cik)
    if plot_path:
        plot_name_history(records, plot_path)
        click.echo(f"timeline of {len(records)} names -> {plot_path}", err=True)
    if fmt == "json":
        click.echo(json.dumps(history_rows(records), indent=2, ensure_ascii=False))
        return
    rows = history_table_rows(records)
    click.echo(f"CIK {cik}")
    columns = ["name", "start", "end", "source"]
    click.echo(render(columns, [[row[c] for c in columns] for row in rows], "table"))


@history.command("licenses")
@click.argument("company")
@store_option
@format_option(("table", "json"))
@library_errors
def history_licenses(company: str, store_path: str | None, fmt: str) -> None:
    """The license and option deals of COMPANY (a CIK, or any name a filing or release uses)."""
    with open_store(store_path, read_only=True) as store:
        history = license_history(store, company)
    if fmt == "json":
        click.echo(json.dumps(history.rows, indent=2, ensure_ascii=False))
        return
    click.echo(f"{history.organization.name} <{history.organization.iri}>")
    columns = ["date", "kind", "role", "counterparty", "assets", "indications", "status", "new",
               "evidence"]
    click.echo(render(columns, [[row[c] for c in columns] for row in history.rows], "table"))


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="File to write; the format follows the extension (.ttl .trig .nq .nt .jsonld).")
@store_option
@library_errors
def export(output: str, store_path: str | None) -> None:
    """Write the whole store to an RDF file."""
    with open_store(store_path, read_only=True) as store:
        quads = store.export(output)
    click.echo(f"{quads} quads -> {output}")


@cli.command()
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


@cli.command()
@click.argument("accessions", nargs=-1, required=True)
@store_option
@library_errors
def remove(accessions: tuple[str, ...], store_path: str | None) -> None:
    """Remove the filings with these ACCESSION numbers (with or without dashes) from the store.

    The merged name histories they spoke of are recomputed from the filings that remain.
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
        store.flush()
    for accession in missing:
        click.echo(f"error: no filing {accession} in the store", err=True)
    if missing:
        sys.exit(1)


@cli.command()
@click.option("-i", "--input", "inputs", multiple=True, type=click.Path(exists=True),
              help="Validate these files instead of the store: RDF files as they are (by "
                   "extension), any other input extracted first.")
@store_option
@click.option("--shapes", "shapes_dir", type=click.Path(exists=True, file_okay=False),
              default=None, help="A folder of SHACL shapes (*.ttl) [default: the shipped ones].")
@format_option(("table", "json", "turtle"))
@library_errors
def validate(inputs: tuple[str, ...], store_path: str | None, shapes_dir: str | None,
             fmt: str) -> None:
    """Check the store (or -i files) against the SHACL shapes, one graph at a time.

    Prints every result (severity, file, focus node, path, message), as a table, JSON, or a
    standard sh:ValidationReport in Turtle. Exit status 1 when anything violates a core
    shape; warnings alone exit 0.
    """
    validator = ShapeValidator(load_shapes(shapes_dir)) if shapes_dir else None
    failures = []
    if inputs:
        report, failures = validate_paths(inputs, validator)
    else:
        with open_store(store_path, read_only=True) as store:
            report = validate_store(store.store, validator)
    for failure in failures:
        click.echo(f"error: {failure.line()}", err=True)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    elif fmt == "turtle":
        click.echo(report.to_rdf().serialize(format="turtle"))
    else:
        columns = ["severity", "file", "focus", "path", "message"]
        rows = [[r.severity, base_name(r.source or r.graph or ""), r.focus, r.path, r.message]
                for r in report.results]
        if rows:
            click.echo(render(columns, rows, "table"))
        click.echo(f"{report.summary()} in {report.seconds:.2f}s")
    if report.violations or failures:
        sys.exit(1)


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("paths", nargs=-1, required=True)
@format_option(("table", "json"))
@click.option("--verbose", "-v", is_flag=True, help="Also list every miss, document by document.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes.")
@library_errors
def evaluate(gold: str, paths: tuple[str, ...], fmt: str, verbose: bool, jobs: int) -> None:
    """Score extraction of PATHS against GOLD annotations (JSON lines, one per file).

    Deal precision, recall and F1, direction accuracy, asset and indication recall, and
    product, people, indication and ticker precision and recall; the gold format and its
    matching rules are in the README.
    """
    try:
        gold_lines = load_gold(gold)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    predictions, failures = predict_paths(paths, jobs)
    scored = {doc: line for doc, line in predictions.items() if doc in gold_lines}
    result = evaluate_predictions(gold_lines, scored)
    for failure in failures:
        click.echo(f"failed: {failure.line()}", err=True)
    if fmt == "json":
        report = result.to_dict()
        if not verbose:
            report.pop("misses", None)
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    columns = ["measure", "matched", "predicted", "gold", "precision", "recall", "f1"]
    rows = [[_figure(row.get(c)) for c in columns] for row in result.rows()]
    click.echo(f"{len(scored)} documents scored against {len(gold_lines)} gold lines")
    click.echo(render(columns, rows, "table"))
    if result.missing_predictions:
        click.echo(f"no prediction for: {', '.join(result.missing_predictions)}")
    if verbose:
        for miss in result.misses:
            click.echo(f"{miss.doc}: {miss.category}: {miss.detail}")


def _figure(value: Any) -> Any:
    return f"{value:.3f}" if isinstance(value, float) else value


cli.add_command(graph)
cli.add_command(push)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="edgar-kg")

