"""Typed networkx views of the store: deals, products, indications and people as graphs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

from ..errors import AmbiguousCompany, QueryError, UnknownCompany
from ..nlp.facts import DEAL_KINDS
from ..store.embedded import KnowledgeStore, python_value
from .history import resolve_organization
from .queries import load_query, run_query

DEAL_NETWORK_QUERY = "deal-network"


class NotInGraph(UnknownCompany):
    """The store knows the organization, but it is no node of the view asked for."""


class UnknownView(QueryError):
    """A view, ranking or deal kind that does not exist; the message lists the valid ones."""


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

# What EDGAR states outright: parent → subsidiary (Exhibit 21), insider → issuer (Forms 3, 4,
# 5), holder → subject company (Schedules 13D and 13G). Each statement is read in its graph.
_STATED_EDGES = """
SELECT DISTINCT ?statement ?source ?target ?kind ?date ?detail WHERE {
  {
    GRAPH ?graph {
      ?statement a ekg:SubsidiaryListing ; ekg:parentOrganization ?source ; ekg:subsidiary ?target .
      OPTIONAL { ?statement ekg:asOf ?date }
      OPTIONAL { ?statement ekg:jurisdiction ?detail }
    }
    BIND ("subsidiary" AS ?kind)
  } UNION {
    GRAPH ?graph {
      ?statement a ekg:InsiderRelationship ; ekg:insider ?source ; ekg:issuerCompany ?target .
      OPTIONAL { ?statement ekg:periodOfReport ?date }
      OPTIONAL { ?statement ekg:officerTitle ?detail }
    }
    BIND ("insider" AS ?kind)
  } UNION {
    GRAPH ?graph {
      ?statement a ekg:BeneficialOwnership ; ekg:holder ?source ; ekg:subjectCompany ?target .
      OPTIONAL { ?statement ekg:asOf ?date }
      OPTIONAL { ?statement ekg:percentOfClass ?percent
                 BIND (CONCAT(STR(?percent), "%") AS ?detail) }
    }
    BIND ("owner" AS ?kind)
  }
}
"""
# Names of the nodes of stated relationships that are no organization of a release: people
# by their "First Last" name, then EDGAR's current or filed name.
_STATED_NAMES = """
SELECT ?node (STRAFTER(MIN(?ranked), "\\t") AS ?label) (MIN(?id) AS ?cik)
       (MAX(?personal) AS ?person) WHERE {
  { SELECT DISTINCT ?node WHERE {
      GRAPH ?graph { { [] ekg:insider ?node } UNION { [] ekg:holder ?node }
                     UNION { [] ekg:issuerCompany ?node } UNION { [] ekg:subjectCompany ?node }
                     UNION { [] ekg:parentOrganization ?node } } } }
  OPTIONAL {
    { ?node schema:name ?known BIND ("0" AS ?rank) }
    UNION { ?node ekg:currentName ?known BIND ("1" AS ?rank) }
    UNION { ?node rdfs:label ?known BIND ("2" AS ?rank) }
    BIND (CONCAT(?rank, "\\t", STR(?known)) AS ?ranked)
  }
  OPTIONAL { ?node ekg:cik ?id }
  OPTIONAL { { ?node a ekg:Person } UNION { ?node a schema:Person } BIND (1 AS ?personal) }
}
GROUP BY ?node
"""
STATED_ROLES = {"subsidiary": ("parent", "subsidiary"), "insider": ("insider", "issuer"),
                "owner": ("holder", "subject company")}


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


def stated_relationships(store: KnowledgeStore) -> nx.MultiDiGraph:
    """Parents and subsidiaries, insiders and issuers, holders and subject companies: one
    edge per pair and kind, dated by its newest statement.

    Edge attributes as in the deals view (kind "subsidiary", "insider" or "owner",
    source_role, target_role, directed True, is_new True, date), with detail: the
    jurisdiction, the officer title or the percent of class of the newest statement, and
    statements: how many documents state it.
    """
    known = _organization_nodes(store)
    for row in _rows(store, _STATED_NAMES):
        iri = row["node"] or ""
        if iri not in known or row["cik"]:
            kind = "person" if row["person"] else "company" if row["cik"] else known.get(
                iri, {}).get("kind", "organization")
            known[iri] = {"label": row["label"] or known.get(iri, {}).get("label") or iri,
                          "kind": kind, **({"cik": row["cik"]} if row["cik"] else {})}
    graph = nx.MultiDiGraph(view="ownership", kind="all")
    newest: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in _rows(store, _STATED_EDGES):
        key = (row["source"] or "", row["target"] or "", row["kind"] or "")
        edge = newest.setdefault(key, {"statements": 0})
        edge["statements"] += 1
        if row["date"] and row["date"] >= edge.get("date", ""):
            edge["date"] = row["date"]
            edge["detail"] = row["detail"] or ""
        edge.setdefault("detail", row["detail"] or "")
    for (source, target, kind), edge in sorted(newest.items()):
        for iri in (source, target):
            _add_node(graph, iri, known, "organization")
        source_role, target_role = STATED_ROLES[kind]
        graph.add_edge(source, target, key=f"{kind}:{source}:{target}", kind=kind,
                       source_role=source_role, target_role=target_role, directed=True,
                       is_new=True, **edge)
    return graph


VIEWS: dict[str, Callable[[KnowledgeStore], nx.Graph]] = {
    "deals": deal_network,
    "ownership": stated_relationships,
    "products": company_products,
    "indications": product_indications,
    "people": person_companies,
}


def build_view(store: KnowledgeStore, view: str = "deals", kind: str | None = None
               ) -> nx.Graph:
    """The view called `view`: deals, ownership, products, indications or people.

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
