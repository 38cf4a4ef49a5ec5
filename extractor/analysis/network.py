"""Typed networkx views of the store (deals, products, indications, people) and their analysis."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import AmbiguousCompany, EdgarKgError, QueryError, StoreError, UnknownCompany
from ..nlp.facts import DEAL_KINDS
from ..store.embedded import KnowledgeStore, python_value
from .history import resolve_organization
from .queries import load_query, run_query

DEAL_NETWORK_QUERY = "deal-network"
RANKINGS = ("pagerank", "degree", "betweenness")
GRAPH_FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "node-link JSON"}


class NotInGraph(UnknownCompany):
    """The store knows the organization, but it is no node of the view asked for."""


class NoPath(EdgarKgError):
    """Two nodes of a view are not connected, however many hops are allowed."""


class UnknownView(QueryError):
    """A view, ranking or deal kind that does not exist; the message lists the valid ones."""


class GraphFormatError(StoreError):
    """An output file's extension names no format the writer knows."""


# --- the SELECTs behind the views ------------------------------------------------------------
# Each view is one SELECT of IRI-to-IRI edges plus small SELECTs of node labels: far cheaper
# than converting the whole RDF graph, and the user-facing query library stays uncluttered.
#
# The default graph is the union of the named graphs, where a triple repeats once per graph
# holding it: an organization, product or person that many releases or filings name comes
# back once per graph, and joining two such patterns multiplies the repeats (a square, or
# worse, in the number of graphs). So each SELECT first makes its nodes or facts distinct,
# reading them inside the graph that holds them (GRAPH ?g), and only then looks up the
# properties that many graphs repeat.

# Every organization with the name to show: its current EDGAR name, else the release's name.
# One ranked UNION rather than an OPTIONAL per kind of name, whose cross product grows with
# the square of the graphs naming the organization: the least "rank<TAB>name" is the least
# name of the first kind of name it has. Its CIK is looked up once the names are grouped.
_ORGANIZATIONS = """
SELECT ?node ?label (MIN(?id) AS ?cik) WHERE {
  { SELECT ?node (STRAFTER(MIN(?rankedName), "\\t") AS ?label) WHERE {
      { SELECT DISTINCT ?node WHERE { GRAPH ?graph { ?node a ekg:Organization } } }
      OPTIONAL {
        { ?node ekg:currentName ?known BIND ("0" AS ?rank) }
        UNION { ?node skos:prefLabel ?known BIND ("1" AS ?rank) }
        UNION { ?node rdfs:label ?known BIND ("2" AS ?rank) }
        UNION { ?node skos:altLabel ?known BIND ("3" AS ?rank) }
        BIND (CONCAT(?rank, "\\t", STR(?known)) AS ?rankedName)
      }
    } GROUP BY ?node }
  OPTIONAL { ?node ekg:cik ?id }
}
GROUP BY ?node ?label
"""


def _labels_query(node_class: str, label: str) -> str:
    """Each node of a class once (distinct across graphs), with its lowest-sorting label."""
    return f"""
SELECT ?node (MIN(?name) AS ?label) WHERE {{
  {{ SELECT DISTINCT ?node WHERE {{ GRAPH ?graph {{ ?node a {node_class} }} }} }}
  ?node {label} ?name .
}}
GROUP BY ?node
"""


_PRODUCTS = _labels_query("ekg:Product", "rdfs:label")
_INDICATIONS = _labels_query("ekg:Indication", "rdfs:label")
_PEOPLE = _labels_query("schema:Person", "schema:name")

# A product belongs with an organization that owns it or is a party to a deal over it.
_COMPANY_PRODUCT_EDGES = """
SELECT DISTINCT ?organization ?product ?relation ?deal WHERE {
  {
    { SELECT DISTINCT ?product WHERE { GRAPH ?graph { ?product a ekg:Product } } }
    ?product ekg:owner ?organization .
    BIND ("owner" AS ?relation)
  }
  UNION {
    GRAPH ?graph { ?deal a ekg:Deal ; ekg:asset ?product ; ?roleProperty ?organization . }
    VALUES (?roleProperty ?relation) {
      (ekg:licensor "licensor") (ekg:licensee "licensee") (ekg:acquirer "acquirer")
      (ekg:target "target") (ekg:seller "seller") (ekg:investor "investor")
      (ekg:investee "investee") (ekg:partner "partner")
    }
  }
}
ORDER BY ?organization ?product ?relation ?deal
"""
_PRODUCT_INDICATION_EDGES = """
SELECT DISTINCT ?product ?indication WHERE {
  { SELECT DISTINCT ?product WHERE { GRAPH ?graph { ?product a ekg:Product } } }
  ?product ekg:productIndication ?indication .
}
ORDER BY ?product ?indication
"""
_MEMBERSHIP_EDGES = """
SELECT DISTINCT ?person ?organization ?title WHERE {
  { SELECT DISTINCT ?membership ?person ?organization WHERE {
      GRAPH ?graph {
        ?membership a org:Membership ; org:member ?person ; org:organization ?organization .
      }
    } }
  OPTIONAL { SELECT DISTINCT ?membership ?title WHERE {
      GRAPH ?titleGraph { ?membership schema:jobTitle ?title }
    } }
}
ORDER BY ?person ?organization ?title
"""


def _rows(store: KnowledgeStore, sparql: str) -> Iterable[dict[str, str | None]]:
    solutions = store.query(sparql)
    names = [variable.value for variable in solutions.variables]
    for solution in solutions:
        yield {name: python_value(solution[name]) for name in names}


def _organization_nodes(store: KnowledgeStore) -> dict[str, dict[str, Any]]:
    """Node attributes of every organization: label, kind (company if it has a CIK), cik."""
    nodes: dict[str, dict[str, Any]] = {}
    for row in _rows(store, _ORGANIZATIONS):
        iri = row["node"] or ""
        attributes: dict[str, Any] = {"label": row["label"] or iri,
                                      "kind": "company" if row["cik"] else "organization"}
        if row["cik"]:
            attributes["cik"] = row["cik"]
        nodes[iri] = attributes
    return nodes


def _labelled_nodes(store: KnowledgeStore, sparql: str, kind: str) -> dict[str, dict[str, Any]]:
    return {row["node"] or "": {"label": row["label"] or row["node"], "kind": kind}
            for row in _rows(store, sparql)}


def _add_node(graph: nx.Graph, iri: str, known: dict[str, dict[str, Any]], kind: str,
              side: int | None = None) -> None:
    if iri in graph:
        return
    attributes = dict(known.get(iri) or {"label": iri, "kind": kind})
    if side is not None:
        attributes["bipartite"] = side  # networkx's convention for the two sides
    graph.add_node(iri, **attributes)


# --- the views -------------------------------------------------------------------------------


def deal_network(store: KnowledgeStore, kind: str | None = None) -> nx.MultiDiGraph:
    """Organizations linked by deals: one edge per deal and pair of parties, keyed by deal IRI.

    Edges run licensor→licensee, acquirer→target, seller→acquirer and investor→investee
    (`directed` True); partners of a deal are linked once, in IRI order, with `directed` False
    and both roles "partner". Edge attributes: kind, source_role, target_role, directed,
    is_new, deal, and date and evidence (the first quoted sentence) when known. Nodes are
    organization IRIs with label, kind ("company" when EDGAR knows it by a CIK, else
    "organization") and cik. `kind` keeps only the deals of one kind (license, option, ...).
    """
    if kind is not None and kind not in DEAL_KINDS:
        raise UnknownView(f"unknown deal kind {kind!r}; kinds: {', '.join(DEAL_KINDS)}")
    result = run_query(store, load_query(DEAL_NETWORK_QUERY), {"kind": kind} if kind else None)
    organizations = _organization_nodes(store)
    graph = nx.MultiDiGraph(view="deals", kind=kind or "all")
    for row in result.records():
        source, target, deal = row["source"] or "", row["target"] or "", row["deal"] or ""
        for iri, name in ((source, row["sourceName"]), (target, row["targetName"])):
            if iri not in graph:
                attributes = dict(organizations.get(iri) or {"kind": "organization"})
                attributes["label"] = name or attributes.get("label") or iri
                graph.add_node(iri, **attributes)
        if graph.has_edge(source, target, key=deal):
            continue
        edge: dict[str, Any] = {
            "kind": row["kind"] or "other",
            "source_role": row["sourceRole"] or "",
            "target_role": row["targetRole"] or "",
            "directed": row["sourceRole"] != "partner",
            "is_new": row["isNew"] == "true",
            "deal": deal,
        }
        if row["date"]:
            edge["date"] = row["date"]
        if row["evidence"]:
            edge["evidence"] = row["evidence"]
        graph.add_edge(source, target, key=deal, **edge)
    return graph


def company_products(store: KnowledgeStore) -> nx.Graph:
    """Organizations (bipartite 0) and the products they own or made deals over (bipartite 1).

    Edge attributes: kind ("owner", "deal asset" or both joined by "|"), roles (the
    organization's roles in those deals, "|"-joined) and deals (how many deals).
    """
    organizations = _organization_nodes(store)
    products = _labelled_nodes(store, _PRODUCTS, "product")
    graph = nx.Graph(view="products")
    links: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in _rows(store, _COMPANY_PRODUCT_EDGES):
        organization, product = row["organization"] or "", row["product"] or ""
        _add_node(graph, organization, organizations, "organization", 0)
        _add_node(graph, product, products, "product", 1)
        link = links.setdefault((organization, product),
                                {"kind": set(), "roles": set(), "deals": set()})
        if row["relation"] == "owner":
            link["kind"].add("owner")
        else:
            link["kind"].add("deal asset")
            link["roles"].add(row["relation"] or "")
            link["deals"].add(row["deal"] or "")
    for (organization, product), link in links.items():
        graph.add_edge(organization, product, kind="|".join(sorted(link["kind"])),
                       roles="|".join(sorted(link["roles"])), deals=len(link["deals"]))
    return graph


def product_indications(store: KnowledgeStore) -> nx.Graph:
    """Products (bipartite 0) and the indications releases name for them (bipartite 1)."""
    products = _labelled_nodes(store, _PRODUCTS, "product")
    indications = _labelled_nodes(store, _INDICATIONS, "indication")
    graph = nx.Graph(view="indications")
    for row in _rows(store, _PRODUCT_INDICATION_EDGES):
        product, indication = row["product"] or "", row["indication"] or ""
        _add_node(graph, product, products, "product", 0)
        _add_node(graph, indication, indications, "indication", 1)
        graph.add_edge(product, indication, kind="indication")
    return graph


def person_companies(store: KnowledgeStore) -> nx.Graph:
    """People (bipartite 0) and the organizations they hold a title at (bipartite 1).

    Edge attributes: kind "member" and title (several titles "|"-joined, "" when none given).
    """
    people = _labelled_nodes(store, _PEOPLE, "person")
    organizations = _organization_nodes(store)
    graph = nx.Graph(view="people")
    titles: dict[tuple[str, str], set[str]] = {}
    for row in _rows(store, _MEMBERSHIP_EDGES):
        person, organization = row["person"] or "", row["organization"] or ""
        _add_node(graph, person, people, "person", 0)
        _add_node(graph, organization, organizations, "organization", 1)
        found = titles.setdefault((person, organization), set())
        if row["title"]:
            found.add(row["title"])
    for (person, organization), found in titles.items():
        graph.add_edge(person, organization, kind="member", title="|".join(sorted(found)))
    return graph


VIEWS: dict[str, Callable[[KnowledgeStore], nx.Graph]] = {
    "deals": deal_network,
    "products": company_products,
    "indications": product_indications,
    "people": person_companies,
}


def build_view(store: KnowledgeStore, view: str = "deals", kind: str | None = None
               ) -> nx.Graph:
    """The view called `view`: deals, products, indications or people.

    `kind` keeps one kind of deal and only applies to the deals view.
    """
    builder = VIEWS.get(view)
    if builder is None:
        raise UnknownView(f"unknown view {view!r}; views: {', '.join(VIEWS)}")
    if kind is not None:
        if view != "deals":
            raise UnknownView(f"a deal kind ({kind!r}) only applies to the deals view, "
                              f"not to {view!r}")
        return deal_network(store, kind)
    return builder(store)


def resolve_node(store: KnowledgeStore, graph: nx.Graph, text: str) -> str:
    """The node of `graph` that `text` means: a node IRI, a CIK or any name of an organization.

    Organizations resolve as in history.resolve_organization (so former names and aliases
    such as 'WARF' work); failing that, a node whose label is `text` (case-insensitive), so
    products, indications and people can be named too. Raises UnknownCompany,
    AmbiguousCompany, or NotInGraph when the organization is known but not in this view.
    """
    if text in graph:
        return text
    try:
        organization = resolve_organization(store, text)
    except AmbiguousCompany as exc:
        # A release may name a company that EDGAR also knows under a CIK, as two nodes;
        # when only one of them is in this view, that is the one meant.
        nodes = [str(store.iris.entity(key)) if key.isdigit() else key
                 for key, _ in exc.candidates]
        in_view = [node for node in nodes if node in graph]
        if len(in_view) == 1:
            return in_view[0]
        raise
    except UnknownCompany:
        wanted = " ".join(text.lower().split())
        matches = sorted(node for node, label in graph.nodes(data="label")
                         if label and " ".join(str(label).lower().split()) == wanted)
        if len(matches) == 1:
            return matches[0]
        raise
    if organization.iri not in graph:
        view = graph.graph.get("view", "this")
        what = "is party to no deal" if view == "deals" else f"is not in the {view} view"
        raise NotInGraph(f"{organization.name} ({organization.iri}) {what}")
    return organization.iri


# --- analysis --------------------------------------------------------------------------------


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
        raise NoPath(f"no chain of {graph.graph.get('view', '')} links connects "
                     f"{label_a} ({a}) and {label_b} ({b})") from None
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


# --- export ----------------------------------------------------------------------------------


def graph_format(path: str | os.PathLike[str]) -> str:
    """The export format a file name asks for, or GraphFormatError listing the known ones."""
    suffix = Path(path).suffix.lower()
    if suffix not in GRAPH_FORMATS:
        known = ", ".join(GRAPH_FORMATS)
        raise GraphFormatError(f"{path}: unknown graph file extension {suffix!r}; "
                               f"use one of {known}")
    return suffix


def _scalar(value: Any) -> str | int | float | bool | None:
    if value is None:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return "|".join(sorted(str(item) for item in value))
    return str(value)


def _clean(attributes: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for key, value in attributes.items():
        scalar = _scalar(value)
        if scalar is not None:
            cleaned[str(key)] = scalar
    return cleaned


def export_safe(graph: nx.Graph) -> nx.Graph:
    """A copy whose graph, node and edge attributes are all scalars, with no None values.

    GraphML and GEXF accept only strings, numbers and booleans, and Gephi and Cytoscape
    reject files whose attributes say "None"; lists become "|"-joined strings.
    """
    safe = graph.__class__()
    safe.graph.update(_clean(graph.graph))
    safe.add_nodes_from((node, _clean(data)) for node, data in graph.nodes(data=True))
    if graph.is_multigraph():
        safe.add_edges_from((u, v, key, _clean(data))
                            for u, v, key, data in graph.edges(keys=True, data=True))
    else:
        safe.add_edges_from((u, v, _clean(data)) for u, v, data in graph.edges(data=True))
    return safe


def export_graph(graph: nx.Graph, path: str | os.PathLike[str]) -> str:
    """Write `graph` as .graphml, .gexf or .json (networkx node-link); returns the format.

    The files open in Gephi and Cytoscape (GraphML, GEXF) and in d3 or networkx (JSON, read
    back with `nx.node_link_graph(data, edges="edges")`).
    """
    suffix = graph_format(path)
    safe = export_safe(graph)
    try:
        if suffix == ".graphml":
            nx.write_graphml(safe, path)
        elif suffix == ".gexf":
            nx.write_gexf(safe, path)
        else:
            data = nx.node_link_data(safe, edges="edges")
            Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return GRAPH_FORMATS[suffix]

