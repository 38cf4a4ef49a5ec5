"""`edgar-kg query`: named SPARQL queries and .rq files over the store or RDF files."""

from __future__ import annotations

import click

from ..analysis.queries import list_queries, load_query, run_query
from ..store.embedded import KnowledgeStore
from .common import format_option, library_errors, open_store, store_option
from .formatting import render


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    values = {}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{param!r} is not key=value", param_hint="--param")
        values[key.strip()] = value
    return values


@click.command()
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
