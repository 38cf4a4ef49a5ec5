"""Measures of a network view: size and shape, rankings, paths, neighbours and communities."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..errors import EdgarKgError
from .network import NotInGraph, UnknownView

RANKINGS = ("pagerank", "degree", "betweenness")


class NoPath(EdgarKgError):
    """Two nodes of a view are not connected, however many hops are allowed."""


def undirected(graph: nx.Graph) -> nx.Graph:
    """A simple undirected copy: one edge per linked pair, `weight` = how many edges link it."""
    simple = nx.Graph(**graph.graph)
    simple.add_nodes_from(graph.nodes(data=True))
    for u, v in graph.edges():
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += 1
        else:
            simple.add_edge(u, v, weight=1)
    return simple


@dataclass(slots=True)
class NetworkStats:
    """Size and shape of a view; components ignore edge direction."""

    view: str
    nodes: int
    edges: int
    components: int
    largest_component: int
    density: float
    node_kinds: dict[str, int] = field(default_factory=dict)
    edge_kinds: dict[str, int] = field(default_factory=dict)
    # degree -> number of nodes with that degree (parallel edges each count)
    degree_distribution: dict[int, int] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, object]]:
        """(figure, value) pairs for a table."""
        rows: list[tuple[str, object]] = [
            ("view", self.view), ("nodes", self.nodes), ("edges", self.edges),
            ("components", self.components), ("largest_component", self.largest_component),
            ("density", round(self.density, 6)),
        ]
        rows += [(f"nodes[{kind}]", count) for kind, count in self.node_kinds.items()]
        rows += [(f"edges[{kind}]", count) for kind, count in self.edge_kinds.items()]
        rows += [(f"degree={degree}", count)
                 for degree, count in self.degree_distribution.items()]
        return rows


def network_stats(graph: nx.Graph) -> NetworkStats:
    """Nodes, edges, components, largest component, density, kinds and degree distribution."""
    simple = undirected(graph)
    components = [len(c) for c in nx.connected_components(simple)]
    return NetworkStats(
        view=str(graph.graph.get("view", "")),
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        components=len(components),
        largest_component=max(components, default=0),
        density=nx.density(simple) if simple.number_of_nodes() > 1 else 0.0,
        node_kinds=dict(sorted(Counter(k for _, k in graph.nodes(data="kind")).items())),
        edge_kinds=dict(sorted(Counter(k for _, _, k in graph.edges(data="kind")).items())),
        degree_distribution=dict(sorted(Counter(d for _, d in graph.degree()).items())),
    )


@dataclass(slots=True)
class RankedNode:
    """A node and its score under one ranking."""

    node: str
    label: str
    kind: str
    score: float


def top_nodes(graph: nx.Graph, by: str = "pagerank", n: int = 10) -> list[RankedNode]:
    """The `n` best-connected nodes by pagerank, degree or betweenness, best first.

    Degree counts edges (two deals with one partner count twice). PageRank and betweenness
    use the undirected view weighted by edge count: who licenses to whom is not a flow of
    endorsement, so ranking by deal direction would just favour licensees and targets.
    Ties are broken by label, so the order is stable.
    """
    if by not in RANKINGS:
        raise UnknownView(f"unknown ranking {by!r}; rankings: {', '.join(RANKINGS)}")
    if graph.number_of_nodes() == 0:
        return []
    if by == "degree":
        scores: dict[str, float] = dict(graph.degree())
    elif by == "pagerank":
        scores = nx.pagerank(undirected(graph), weight="weight")
    else:
        # Betweenness counts shortest paths, which do not get shorter with more deals.
        scores = nx.betweenness_centrality(undirected(graph), weight=None, normalized=True)
    ranked = [RankedNode(node, str(graph.nodes[node].get("label", node)),
                         str(graph.nodes[node].get("kind", "")), score)
              for node, score in scores.items()]
    ranked.sort(key=lambda r: (-r.score, r.label.lower(), r.node))
    return ranked[:max(n, 0)]


@dataclass(slots=True)
class Hop:
    """One step of a relationship path, read from `source` to `target` whatever the edge's
    own direction: the edge's kind and each end's role in it, with its date and evidence."""

    source: str
    source_label: str
    source_role: str
    target: str
    target_label: str
    target_role: str
    kind: str
    directed: bool
    date: str | None
    evidence: str | None
    deal: str | None
    edges: int  # how many edges link the pair; the newest dated one is shown


def _edges_between(graph: nx.Graph, u: str, v: str) -> list[tuple[bool, dict[str, Any]]]:
    """Every edge between u and v as (stored u→v, attributes)."""
    found: list[tuple[bool, dict[str, Any]]] = []
    pairs = [(u, v, True), (v, u, False)] if graph.is_directed() else [(u, v, True)]
    for a, b, forward in pairs:
        if not graph.has_edge(a, b):
            continue
        if graph.is_multigraph():
            found += [(forward, data) for data in graph[a][b].values()]
        else:
            found.append((forward, graph[a][b]))
    return found


def _edge_roles(data: dict[str, Any], forward: bool) -> tuple[str, str]:
    """The roles of the hop's source and target in an edge."""
    source_role = str(data.get("source_role") or "")
    target_role = str(data.get("target_role") or "")
    return (source_role, target_role) if forward else (target_role, source_role)


def _hop(graph: nx.Graph, u: str, v: str) -> Hop:
    edges = _edges_between(graph, u, v)
    # The newest dated edge, then one with evidence; the deal IRI breaks ties.
    forward, data = max(edges, key=lambda e: (str(e[1].get("date") or ""),
                                              bool(e[1].get("evidence")),
                                              str(e[1].get("deal") or "")))
    if graph.is_directed():
        source_role, target_role = _edge_roles(data, forward)
    else:
        # Bipartite views store no direction: the detail (roles, title) belongs to the
        # side that is an organization in products, or a person in people.
        detail = str(data.get("roles") or data.get("title") or "")
        u_kind = graph.nodes[u].get("bipartite")
        source_role, target_role = (detail, "") if u_kind == 0 else ("", detail)
    return Hop(
        source=u, source_label=str(graph.nodes[u].get("label", u)), source_role=source_role,
        target=v, target_label=str(graph.nodes[v].get("label", v)), target_role=target_role,
        kind=str(data.get("kind", "")), directed=bool(data.get("directed", False)),
        date=data.get("date"), evidence=data.get("evidence"), deal=data.get("deal"),
        edges=len(edges),
    )


def _require(graph: nx.Graph, node: str) -> None:
    if node not in graph:
        view = graph.graph.get("view", "this")
        raise NotInGraph(f"{node} is not a node of the {view} view")


def relationship_path(graph: nx.Graph, a: str, b: str) -> list[Hop]:
    """The shortest chain of edges from node `a` to node `b`, ignoring edge direction.

    Each hop gives the edge's kind, both ends' roles, date and evidence sentence. Raises
    NotInGraph for a node the view lacks and NoPath when the two are not connected;
    a path from a node to itself is empty.
    """
    _require(graph, a)
    _require(graph, b)
    try:
        nodes = nx.shortest_path(undirected(graph), a, b)
    except nx.NetworkXNoPath:
        label_a = graph.nodes[a].get("label", a)
        label_b = graph.nodes[b].get("label", b)
        view = graph.graph.get("view", "")
        links = "deals" if view == "deals" else f"links in the {view} view"
        raise NoPath(f"no chain of {links} connects {label_a} ({a}) and {label_b} ({b})"
                     ) from None
    return [_hop(graph, u, v) for u, v in zip(nodes, nodes[1:], strict=False)]


@dataclass(slots=True)
class Neighbor:
    """A node near the centre: how many hops away, through which node, and how linked."""

    node: str
    label: str
    kind: str
    distance: int
    via: str
    via_label: str
    # "kind (role)" for each edge between `via` and this node, role being this node's role
    relations: tuple[str, ...]


def _relations(graph: nx.Graph, via: str, node: str) -> tuple[str, ...]:
    found = set()
    for forward, data in _edges_between(graph, via, node):
        if graph.is_directed():
            _, role = _edge_roles(data, forward)
        else:
            role = str(data.get("roles") or data.get("title") or "")
        kind = str(data.get("kind", ""))
        found.add(f"{kind} ({role})" if role else kind)
    return tuple(sorted(found))


def neighborhood_graph(graph: nx.Graph, node: str, depth: int = 1) -> nx.Graph:
    """The subgraph of every node within `depth` hops of `node` (edge direction ignored)."""
    _require(graph, node)
    return nx.ego_graph(graph, node, radius=depth, undirected=True).copy()


def neighbors(graph: nx.Graph, node: str, depth: int = 1) -> list[Neighbor]:
    """Nodes within `depth` hops of `node`, nearest first then by label, ignoring direction."""
    _require(graph, node)
    simple = undirected(graph)
    found: list[Neighbor] = []
    distance = {node: 0}

    def by_label(nodes: Iterable[str]) -> list[str]:
        return sorted(nodes, key=lambda n: (str(simple.nodes[n].get("label", n)).lower(), n))

    # Breadth first, so `via` is the neighbour's predecessor on a shortest path.
    for via, near in nx.bfs_edges(simple, node, depth_limit=max(depth, 0),
                                  sort_neighbors=by_label):
        distance[near] = distance[via] + 1
        found.append(Neighbor(
            node=near, label=str(graph.nodes[near].get("label", near)),
            kind=str(graph.nodes[near].get("kind", "")), distance=distance[near], via=via,
            via_label=str(graph.nodes[via].get("label", via)),
            relations=_relations(graph, via, near),
        ))
    found.sort(key=lambda f: (f.distance, f.label.lower(), f.node))
    return found


def communities(graph: nx.Graph, seed: int = 0, resolution: float = 1.0) -> list[list[str]]:
    """Louvain communities of the undirected view weighted by edge count, largest first.

    The seed makes the result repeatable; members are sorted by label.
    """
    simple = undirected(graph)
    if simple.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(simple, weight="weight", resolution=resolution,
                                             seed=seed)

    def label(node: str) -> str:
        return str(graph.nodes[node].get("label", node)).lower()

    groups = [sorted(group, key=lambda n: (label(n), n)) for group in found]
    groups.sort(key=lambda g: (-len(g), label(g[0]), g[0]))
    return groups
