"""`edgar-kg validate`: the store or files checked against the SHACL shapes."""

from __future__ import annotations

import json
import sys

import click

from ..batch.pipeline import validate_paths
from ..read.source import base_name
from ..validate.shacl import ENGINES, ShapeValidator, load_shapes, validate_store
from .common import emit, format_option, library_errors, open_store, rows_options, store_option
from .progress import progress_bar


@click.command()
@click.option("-i", "--input", "inputs", multiple=True, type=click.Path(exists=True),
              help="Validate these files instead of the store: RDF files as they are (by "
                   "extension), any other input extracted first.")
@store_option
@click.option("--shapes", "shapes_dir", type=click.Path(exists=True, file_okay=False),
              default=None, help="A folder of SHACL shapes (*.ttl) [default: the shipped ones].")
@click.option("--engine", type=click.Choice(ENGINES), default="compiled", show_default=True,
              help="compiled: the shapes as Python checks, giving pyshacl's results ten times "
                   "faster (shapes it cannot read go to pyshacl); pyshacl: pyshacl alone.")
@format_option(("table", "json", "jsonl", "csv", "tsv", "turtle"))
@rows_options
@library_errors
def validate(inputs: tuple[str, ...], store_path: str | None, shapes_dir: str | None,
             engine: str, fmt: str, columns: tuple[str, ...], limit: int | None) -> None:
    """Check the store (or -i files) against the SHACL shapes, one graph at a time.

    Prints every result (severity, file, focus node, path, message), as a table, JSON, or a
    standard sh:ValidationReport in Turtle. Exit status 1 when anything violates a core
    shape; warnings alone exit 0.

    \b
    Examples:
      edgar-kg validate
      edgar-kg validate -i export.trig --format json
      edgar-kg validate --engine pyshacl
    """
    validator = (ShapeValidator(load_shapes(shapes_dir) if shapes_dir else None, engine)
                 if shapes_dir or engine != "compiled" else None)
    failures = []
    if inputs:
        report, failures = validate_paths(inputs, validator)
    else:
        with open_store(store_path, read_only=True) as store:
            bar = progress_bar(store.graph_count(), "graphs", "validating")
            with bar:
                report = validate_store(store.store, validator, on_graph=lambda: bar.update(1))
    for failure in failures:
        click.echo(f"error: {failure.line()}", err=True)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    elif fmt == "turtle":
        click.echo(report.to_rdf().serialize(format="turtle"))
    elif fmt in ("jsonl", "csv", "tsv"):
        emit(["severity", "file", "focus", "path", "message"],
             [[r.severity, r.source or r.graph, r.focus, r.path, r.message]
              for r in report.results], fmt)
    else:
        rows = [[r.severity, base_name(r.source or r.graph or ""), r.focus, r.path, r.message]
                for r in report.results]
        if rows:
            emit(["severity", "file", "focus", "path", "message"], rows, "table")
        click.echo(f"{report.summary()} in {report.seconds:.2f}s")
    if report.violations or failures:
        sys.exit(1)
