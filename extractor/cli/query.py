"""`edgar-kg query`: named queries, .rq files or inline SPARQL over the store or RDF files."""

from __future__ import annotations

import sys

import click

from ..analysis.queries import (
    list_queries,
    load_query,
    looks_like_sparql,
    parse_query_text,
    run_query,
)
from ..store.embedded import KnowledgeStore
from .common import emit, format_option, library_errors, open_store, rows_options, store_option
from .formatting import render


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    values = {}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{param!r} is not key=value", param_hint="--param")
        values[key.strip()] = value
    return values


def _the_query(name: str):  # noqa: ANN202 - NamedQuery
    if name == "-":
        return parse_query_text(sys.stdin.read(), "stdin")
    if looks_like_sparql(name):
        return parse_query_text(name, "inline")
    return load_query(name)


@click.command()
@click.argument("name", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the named queries and exit.")
@click.option("--show", is_flag=True, help="Print the query's text (with its header) and exit.")
@click.option("-i", "--input", "inputs", multiple=True, type=click.Path(exists=True,
              dir_okay=False), help="Query these RDF files (in memory) instead of the store.")
@store_option
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind a query parameter (as an RDF term, never as query text). A company "
                   "parameter takes a CIK, ticker, any name or an IRI.")
@format_option()
@rows_options
@library_errors
def query(name: str | None, list_only: bool, show: bool, inputs: tuple[str, ...],
          store_path: str | None, params: tuple[str, ...], fmt: str,
          columns: tuple[str, ...], limit: int | None) -> None:
    """Run a query over the store (or -i files) and print its rows.

    NAME is a named query (see --list), a .rq file, a SPARQL query itself, or - to read
    the query from standard input.

    \b
    Examples:
      edgar-kg query --list
      edgar-kg query license-history -p company=Novelos --format json
      edgar-kg query deals --columns kind,role,party --limit 10
      edgar-kg query 'SELECT ?name WHERE { ?c ekg:conformedName ?name } LIMIT 5'
      echo 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | edgar-kg query -
    """
    if list_only or not name:
        queries = list_queries()
        rows = [[q.name, q.description, ", ".join(f"{p.name} ({p.type})" for p in q.params)]
                for q in queries]
        click.echo(render(["name", "description", "parameters"], rows, fmt))
        return
    named = _the_query(name)
    if show:
        click.echo(named.text.rstrip("\n"))
        return
    values = _parse_params(params)
    with KnowledgeStore(None) if inputs else open_store(store_path, read_only=True) as store:
        for path in inputs:
            store.load_file(path)
        result = run_query(store, named, values)
    emit(result.variables, result.values if fmt in ("json", "jsonl") else result.rows, fmt)
