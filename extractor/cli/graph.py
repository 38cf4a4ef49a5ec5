"""The `edgar-kg graph` commands: relationship networks of the store, their figures and pictures."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

import click
import networkx as nx

from ..analysis.export import export_graph, graph_format
from ..analysis.measures import (
    RANKINGS,
    communities,
    neighbors,
    network_stats,
    relationship_path,
    top_nodes,
)
from ..analysis.network import VIEWS, build_view, resolve_node
from ..analysis.plots import draw_deal_neighbourhood, picture_format
from ..nlp.facts import DEAL_KINDS
from .common import emit, format_option, library_errors, open_store, rows_options, store_option
from .formatting import render


def view_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--view and --kind, shared by every command that works on one network."""
    fn = click.option("--kind", type=click.Choice(DEAL_KINDS), default=None,
                      help="Only deals of this kind (deals view only).")(fn)
    return click.option(
        "--view", type=click.Choice(tuple(VIEWS)), default="deals", show_default=True,
        help="deals: organizations linked by deals; ownership: parents and subsidiaries, "
             "insiders and issuers, holders and the companies they own stakes in; products: "
             "organizations and the products "
             "they own or dealt over; indications: products and indications; people: people "
             "and the organizations they hold titles at.")(fn)


def _load(store_path: str | None, view: str, kind: str | None, *names: str
          ) -> tuple[nx.Graph, list[str]]:
    """The view, and the node each of `names` (CIK, name or IRI) stands for in it."""
    with open_store(store_path, read_only=True) as store:
        graph = build_view(store, view, kind)
        return graph, [resolve_node(store, graph, name) for name in names]


@click.group()
def graph() -> None:
    """Analyse the store as networks: deals between organizations, products, people.

    Every command builds one view from the store (--view, default deals) and names
    companies by CIK, any current or former name, or an alias such as WARF.
    """


@graph.command("stats")
@view_options
@store_option
@format_option()
@library_errors
def stats(view: str, kind: str | None, store_path: str | None, fmt: str) -> None:
    """Size of a view: nodes, edges, components, largest component, degree distribution.

    \b
    Examples:
      edgar-kg graph stats
      edgar-kg graph stats --view people --format json
    """
    network, _ = _load(store_path, view, kind)
    figures = network_stats(network)
    if fmt == "json":
        click.echo(json.dumps(dataclasses.asdict(figures), indent=2))
        return
    click.echo(render(["figure", "value"], figures.rows(), fmt))


@graph.command("top")
@view_options
@click.option("--by", type=click.Choice(RANKINGS), default="pagerank", show_default=True,
              help="Ranking: pagerank or betweenness on the undirected view, or degree (edges).")
@click.option("-n", "count", type=click.IntRange(1), default=10, show_default=True,
              help="How many nodes to list.")
@store_option
@format_option()
@rows_options
@library_errors
def top(view: str, kind: str | None, by: str, count: int, store_path: str | None,
        fmt: str, columns: tuple[str, ...], limit: int | None) -> None:
    """The best-connected nodes of a view, best first.

    \b
    Examples:
      edgar-kg graph top -n 20
      edgar-kg graph top --by betweenness --kind license --format csv
    """
    network, _ = _load(store_path, view, kind)
    ranked = top_nodes(network, by=by, n=count)
    rows = [[rank, r.label, r.kind, r.score if by == "degree" else round(r.score, 6), r.node]
            for rank, r in enumerate(ranked, start=1)]
    emit(["rank", "name", "kind", by, "node"], rows, fmt)


@graph.command("path")
@click.argument("source")
@click.argument("target")
@view_options
@store_option
@format_option()
@rows_options
@library_errors
def path(source: str, target: str, view: str, kind: str | None, store_path: str | None,
         fmt: str, columns: tuple[str, ...], limit: int | None) -> None:
    """The shortest chain of deals (or other links) from SOURCE to TARGET, with evidence.

    \b
    Examples:
      edgar-kg graph path WARF Cellectar
      edgar-kg graph path 1279704 "Royalty Pharma" --format json
    """
    network, (start, end) = _load(store_path, view, kind, source, target)
    hops = relationship_path(network, start, end)
    rows = [[index, hop.source_label, hop.source_role, hop.kind, hop.target_role,
             hop.target_label, hop.date, hop.evidence]
            for index, hop in enumerate(hops, start=1)]
    emit(["hop", "from", "from_role", "kind", "to_role", "to", "date", "evidence"], rows, fmt)


@graph.command("neighbors")
@click.argument("company")
@click.option("--depth", type=click.IntRange(1), default=1, show_default=True,
              help="How many hops out to go.")
@view_options
@store_option
@format_option()
@rows_options
@library_errors
def neighbors_command(company: str, depth: int, view: str, kind: str | None,
                      store_path: str | None, fmt: str, columns: tuple[str, ...],
                      limit: int | None) -> None:
    """Everything within --depth hops of COMPANY, and how each is linked.

    \b
    Examples:
      edgar-kg graph neighbors Cellectar
      edgar-kg graph neighbors PathAI --depth 2 --columns distance,name,relations
    """
    network, (center,) = _load(store_path, view, kind, company)
    found = neighbors(network, center, depth)
    rows = [[n.distance, n.label, n.kind, list(n.relations), n.via_label, n.node]
            for n in found]
    emit(["distance", "name", "kind", "relations", "via", "node"], rows, fmt)


@graph.command("communities")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed of the Louvain method; the same seed gives the same groups.")
@view_options
@store_option
@format_option()
@rows_options
@library_errors
def communities_command(seed: int, view: str, kind: str | None, store_path: str | None,
                        fmt: str, columns: tuple[str, ...], limit: int | None) -> None:
    """Groups of closely linked nodes (Louvain), largest first.

    \b
    Examples:
      edgar-kg graph communities --limit 5
      edgar-kg graph communities --view people --format json
    """
    network, _ = _load(store_path, view, kind)
    groups = communities(network, seed=seed)
    rows = [[index, len(group), [str(network.nodes[n].get("label", n)) for n in group]]
            for index, group in enumerate(groups, start=1)]
    emit(["community", "size", "members"], rows, fmt)


@graph.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="File to write; the format follows the extension: .graphml .gexf .json")
@view_options
@store_option
@library_errors
def export(output: str, view: str, kind: str | None, store_path: str | None) -> None:
    """Write a view for Gephi or Cytoscape (.graphml, .gexf) or d3/networkx (.json).

    \b
    Examples:
      edgar-kg graph export -o deals.graphml
      edgar-kg graph export -o products.gexf --view products
    """
    graph_format(output)  # refuse an unknown extension before reading the store
    network, _ = _load(store_path, view, kind)
    written = export_graph(network, output)
    click.echo(f"{network.number_of_nodes()} nodes, {network.number_of_edges()} edges "
               f"({view}) -> {output} ({written})")


@graph.command("draw")
@click.argument("company")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="Picture to write: .svg or .png")
@click.option("--depth", type=click.IntRange(1), default=1, show_default=True,
              help="How many hops out to draw.")
@click.option("--kind", type=click.Choice(DEAL_KINDS), default=None,
              help="Only deals of this kind.")
@click.option("--no-background", is_flag=True,
              help="Leave out deals a text mentions as background (drawn dashed otherwise).")
@click.option("--ownership", is_flag=True,
              help="Also draw subsidiaries, insiders and holders (the ownership view).")
@store_option
@library_errors
def draw(company: str, output: str, depth: int, kind: str | None, no_background: bool,
         ownership: bool, store_path: str | None) -> None:
    """Draw the deals around COMPANY: arrows licensor→licensee, lines for partners, each
    labelled with its kind and date; background mentions dashed.

    \b
    Example:
      edgar-kg graph draw Cellectar -o cellectar.svg --depth 2
      edgar-kg graph draw Apple -o apple.png --ownership
    """
    picture_format(output)  # refuse an unknown extension before reading the store
    with open_store(store_path, read_only=True) as store:
        network = build_view(store, "deals", kind)
        if ownership:
            network = nx.compose(network, build_view(store, "ownership"))
        center = resolve_node(store, network, company)
    label = network.nodes[center].get("label", center)
    hops = f" within {depth} hops" if depth > 1 else ""
    draw_deal_neighbourhood(network, center, output, depth=depth,
                            background=not no_background,
                            title=f"Deals and ownership of {label}{hops}" if ownership else None)
    click.echo(f"{network.nodes[center].get('label', center)} -> {output}")
