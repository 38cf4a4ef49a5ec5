"""The `push` command: copy the store's named graphs to a SPARQL Graph Store endpoint."""

from __future__ import annotations

import click

from ..store.remote import GraphPush, push_graphs
from .common import library_errors, open_store, store_option
from .progress import progress_bar


class _Progress:
    """A bar of the graphs pushed, with rate and time left, shown only on a terminal."""

    def __init__(self, total: int) -> None:
        self.bar = progress_bar(total, "graphs", "pushing")
        self.failed = 0

    def __call__(self, outcome: GraphPush) -> None:
        self.failed += outcome.error is not None
        self.bar.set_postfix(failed=self.failed, refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


@click.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="SPARQL 1.1 Graph Store Protocol endpoint, e.g. http://localhost:7878/store.")
@store_option
@click.option("--graph", "graphs", multiple=True, metavar="IRI",
              help="Push only this named graph (repeatable).")
@click.option("--retries", type=click.IntRange(0, 100), default=3, show_default=True,
              help="Retries of a graph after a connection error, a timeout or HTTP 5xx/429.")
@click.option("--timeout", type=click.FloatRange(0, min_open=True), default=30.0,
              show_default=True, help="Seconds to wait for the server's answer to each graph.")
@library_errors
def push(endpoint: str, store_path: str | None, graphs: tuple[str, ...], retries: int,
         timeout: float) -> None:
    """Send the store's named graphs to a SPARQL endpoint, one HTTP PUT per graph.

    PUT replaces the server's graph of the same name, so pushing again is safe. A graph the
    server refuses is reported and the others still go; the exit status is 1 if any failed.
    Oxigraph serves such an endpoint: `oxigraph serve --location DIR --union-default-graph`.

    \b
    Examples:
      edgar-kg push --endpoint http://localhost:7878/store
      edgar-kg push --endpoint http://localhost:3030/kg/data --graph GRAPH_IRI
    """
    with open_store(store_path, read_only=True) as store:
        progress = _Progress(len(set(graphs)) if graphs else store.graph_count())
        try:
            summary = push_graphs(store, endpoint, graphs=graphs or None, retries=retries,
                                  timeout=timeout, on_graph=progress)
        finally:
            progress.close()
    for failure in summary.failures:
        click.echo(f"error: {failure.reason}", err=True)
    if summary.default_graph_triples:
        click.echo(f"warning: {summary.default_graph_triples:,} triples in the store's default "
                   "graph were not pushed (only named graphs are)", err=True)
    click.echo(f"pushed {summary.graphs:,} graphs ({summary.triples:,} triples) to {endpoint} "
               f"in {summary.seconds:.1f}s; {len(summary.failures)} failed")
    if summary.failures:
        raise click.exceptions.Exit(1)
