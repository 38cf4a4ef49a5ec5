"""Links in the store: each source graph's organizations resolved to CIKs in a links graph.

A source graph's links live in their own named graph (the source graph's IRI + "/links"),
so they can be recomputed without touching what was extracted. Work is driven by marks in a
bookkeeping graph, written with the batch that causes it and cleared only after the work is
written: a killed run leaves its marks, and the next run finishes them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..edgar.dates import parse_date
from ..nlp.organizations import acronym_of
from ..rdf.graph import literal, node
from ..rdf.vocab import OX_EKG as EKG
from ..rdf.vocab import OX_PROV as PROV
from ..rdf.vocab import OX_RDF as RDF
from ..rdf.vocab import OX_RDFS as RDFS
from ..rdf.vocab import slug
from ..store.embedded import KnowledgeStore
from ..store.link_marks import (
    PENDING_LINKS,
    cik_mark,
    graph_mark,
    is_links_graph,
    link_marks,
    links_graph_name,
)
from .index import STORE, CompanyIndex, index_path_for
from .keys import company_key
from .resolve import SCORES, Link, resolve

_CHUNK = 200
_PASSES = 5
# An acronym as texts define one: "WARF", "UCSD", "MD Anderson" not. Shorter ones ("MGH")
# stand for too many organizations to carry from one text to another.
_ACRONYM = re.compile(r"[A-Z][A-Z&]{3,7}")

# A chunk of graphs or CIKs is read with one query each (VALUES of store IRIs or digit
# strings, safe to write into the text): a query per graph made linking query-bound.
# Each graph's date: its release date, else its filing date, else its period of report.
_DATES_OF_GRAPHS = """
SELECT ?graph (MIN(?day) AS ?date) WHERE {
  VALUES ?graph { %s }
  GRAPH ?graph { { [] ekg:releaseDate ?day } UNION { [] ekg:filedOn ?day }
                 UNION { [] ekg:periodOfReport ?day } }
} GROUP BY ?graph
"""
# Organizations the graphs name that have no CIK of their own, with their names and tickers.
# CIK entities are left out: a header already identifies them.
_ORGANIZATIONS = """
SELECT ?graph ?organization ?name ?kind ?ticker ?exchange WHERE {
  VALUES ?graph { %s }
  GRAPH ?graph {
    ?organization a ekg:Organization .
    FILTER (!STRSTARTS(STR(?organization), "%s"))
    { ?organization rdfs:label ?name BIND ("0" AS ?kind) }
    UNION { ?organization skos:altLabel ?name BIND ("1" AS ?kind) }
    OPTIONAL { ?organization ekg:ticker ?ticker
               OPTIONAL { ?organization ekg:exchange ?exchange } }
  }
}
"""
# Subsidiaries an Exhibit 21 of the graph lists, with the CIK of the parent listing them.
_LISTED_SUBSIDIARIES = """
SELECT ?organization ?cik WHERE {
  GRAPH %s { ?parent org:hasSubOrganization ?organization . ?parent ekg:cik ?cik }
}
"""
_SOURCE_GRAPHS = """
SELECT DISTINCT ?graph WHERE { GRAPH ?graph { ?organization a ekg:Organization } }
"""


@dataclass(slots=True)
class LinkSummary:
    """What a linking pass did: graphs linked, organizations by outcome, index names refreshed."""

    graphs: int = 0
    companies_indexed: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    def count(self, link: Link) -> None:
        outcome = ("linked" if link.linked else "ambiguous" if link.ambiguous else "not linked")
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    @property
    def linked(self) -> int:
        return self.outcomes.get("linked", 0)


def mark_everything(store: KnowledgeStore) -> None:
    """Mark every source graph and every CIK of the store, for a first or full relink."""
    graphs = [row["graph"].value for row in store.query(_SOURCE_GRAPHS)
              if not is_links_graph(row["graph"].value)]
    ciks = [row["cik"].value for row in store.query(
        "SELECT DISTINCT ?cik WHERE { ?entity ekg:cik ?cik }")]
    store.commit(insert=link_marks(graphs, ciks))


def company_index_of(store: KnowledgeStore) -> CompanyIndex:
    """The company index that belongs to a store (one per store object, opened once)."""
    index = getattr(store, "company_index", None)
    if index is None:
        index = store.company_index = CompanyIndex(index_path_for(store.path))
    return index


def link_pending(store: KnowledgeStore) -> LinkSummary:
    """Finish the store's pending linking work with its own company index."""
    return finish_links(store, company_index_of(store))


def relink_after_names(store: KnowledgeStore, index: CompanyIndex,
                       names_added: bool) -> LinkSummary:
    """After names were added to the index from SEC's lists, relink every graph mentioning
    one of them (and finish any other pending work)."""
    if names_added:
        store.commit(insert=link_marks(index.graphs_with_known_mentions(), ()))
    return finish_links(store, index)


def finish_links(store: KnowledgeStore, index: CompanyIndex) -> LinkSummary:
    """Refresh the index from pending CIKs' name histories, then relink every pending graph.

    A CIK whose names changed sends every graph that mentions one of its names (old or new)
    back to be linked. Call after the store's name histories are finished.
    """
    summary = LinkSummary()
    raw = store.store
    graphs = sorted({quad.subject.value for quad in raw.quads_for_pattern(
        None, EKG.linksPending, None, PENDING_LINKS)})
    # Companies a pending graph describes without a header's name history (an 8-K's cover
    # alone) are indexed too: the names their filings show them under are dated evidence.
    ciks = sorted({quad.object.value for quad in raw.quads_for_pattern(
        PENDING_LINKS, EKG.indexPending, None, PENDING_LINKS)}
        | {quad.object.value for graph in graphs for quad in raw.quads_for_pattern(
            None, EKG.cik, None, ox.NamedNode(graph))})
    for start in range(0, len(ciks), _CHUNK):
        chunk = ciks[start:start + _CHUNK]
        keys: set[str] = set()
        observed = _observed_names(store, chunk)
        for cik in chunk:
            keys.update(company_key(row.name) for row in index.names_of(cik)
                        if row.source == STORE)
            index.set_history(cik, store.name_history(cik), observed.get(cik, []))
            keys.update(company_key(row.name) for row in index.names_of(cik)
                        if row.source == STORE)
        for cik, ticker, exchange in tickers_of(store, chunk):
            index.add_ticker(ticker, cik, exchange)
        relink = index.graphs_mentioning(keys)
        index.commit()  # before the marks go: a crash in between only redoes the chunk
        store.commit(insert=link_marks(relink, ()),
                     delete=[cik_mark(cik) for cik in chunk])
        summary.companies_indexed += len(chunk)
    entity_prefix = store.iris.entity("").rstrip("/") + "/"
    # Linking a graph can send others back (an acronym they use is newly defined); a few
    # passes settle it, and what a last pass marks waits for the next run.
    for _ in range(_PASSES):
        graphs = sorted({quad.subject.value for quad in raw.quads_for_pattern(
            None, EKG.linksPending, None, PENDING_LINKS)})
        if not graphs:
            break
        for start in range(0, len(graphs), _CHUNK):
            chunk = graphs[start:start + _CHUNK]
            drop, insert, again = [], [], set()
            present = [graph for graph in chunk if raw.contains_named_graph(ox.NamedNode(graph))]
            dates = graph_dates(store, present)
            organizations = graph_organizations(store, present, entity_prefix)
            for graph in chunk:
                drop.append(ox.NamedNode(links_graph_name(graph)))
                if graph in present:
                    quads, relink = _link_graph(store, index, graph, dates.get(graph),
                                                organizations.get(graph, {}), summary)
                    insert += quads
                    again |= relink
            index.commit()
            store.commit(drop=drop, insert=insert + link_marks(sorted(again), ()),
                         delete=[graph_mark(graph) for graph in chunk if graph not in again])
            summary.graphs += len(chunk)
    if not any(True for _ in raw.quads_for_pattern(None, None, None, PENDING_LINKS)):
        store.commit(drop=[PENDING_LINKS])
    return summary


Organizations = dict[str, tuple[list[str], list[tuple[str, str]]]]


def _iris(values: list[str]) -> str:
    return " ".join(str(ox.NamedNode(value)) for value in values)


def graph_dates(store: KnowledgeStore, graphs: list[str]) -> dict[str, dt.date | None]:
    """Each graph's date: its release date, else its filing date, else its period."""
    if not graphs:
        return {}
    return {row["graph"].value: parse_date(row["date"].value)
            for row in store.query(_DATES_OF_GRAPHS % _iris(graphs))
            if row["date"] is not None}


def graph_organizations(store: KnowledgeStore, graphs: list[str], entity_prefix: str
                        ) -> dict[str, Organizations]:
    """Each graph's CIK-less organizations: their names (label first) and tickers."""
    found: dict[str, dict[str, tuple[set[tuple[str, str]], list[tuple[str, str]]]]] = {}
    if not graphs:
        return {}
    text = _ORGANIZATIONS % (_iris(graphs), entity_prefix.replace('"', ""))
    for row in store.query(text):
        names, tickers = found.setdefault(row["graph"].value, {}).setdefault(
            row["organization"].value, (set(), []))
        names.add((row["kind"].value, row["name"].value))
        if row["ticker"] is not None:
            listing = (row["ticker"].value,
                       row["exchange"].value if row["exchange"] is not None else "")
            if listing not in tickers:
                tickers.append(listing)
    return {graph: {organization: ([name for _, name in sorted(names)], tickers)
                    for organization, (names, tickers) in organizations.items()}
            for graph, organizations in found.items()}


def _link_graph(store: KnowledgeStore, index: CompanyIndex, graph: str, date: dt.date | None,
                organizations: Organizations, summary: LinkSummary
                ) -> tuple[list[ox.Quad], set[str]]:
    """A graph's links graph, and the other graphs to link again because of it."""
    index.record_mentions(graph, (company_key(name) for names, _ in organizations.values()
                                  for name in names))
    name = node(links_graph_name(graph))
    quads: list[ox.Quad] = []
    defined: list[tuple[str, str, str]] = []
    # A subsidiary is never the parent that lists it, however alike their names ("Ford Motor
    # Company Limited" in Ford Motor Co's Exhibit 21).
    # (Asked only of a graph with organizations to link: a filing's header graph has none,
    # and one query per filing was a tenth of a large header load's writer time.)
    parents = {(row["organization"].value, row["cik"].value)
               for row in store.query(_LISTED_SUBSIDIARIES % f"<{graph}>")
               } if organizations else set()
    for organization, (names, tickers) in sorted(organizations.items()):
        link = resolve(index, names, date, tickers)
        if link.cik is not None and (organization, link.cik) in parents:
            link = Link(None, "subsidiary-of-namesake", 0.0, link.matched_name)
        if not link.linked and not link.candidates:
            link = _by_acronym(index, organization, names) or link
        summary.count(link)
        quads += _link_quads(store, index, name, node(organization), link, date)
        defined += [(acronym, organization, link.cik or "")
                    for acronym in _defined_acronyms(names)]
    # A newly defined acronym may be what another graph names an organization by alone.
    new = index.record_acronyms(graph, defined)
    relink = index.graphs_mentioning(company_key(acronym) for acronym in new) - {graph}
    if not quads:
        return [], relink  # no graph for a source without a link or a candidate
    return [ox.Quad(name, RDF.type, EKG.LinkGraph, name),
            ox.Quad(name, PROV.wasDerivedFrom, node(graph), name), *quads], relink


def _link_quads(store: KnowledgeStore, index: CompanyIndex, graph: ox.NamedNode,
                organization: ox.NamedNode, link: Link, date: dt.date | None) -> list[ox.Quad]:
    if not link.linked and not link.candidates:
        return []
    record = node(f"{graph.value}/{slug(organization.value.rsplit('/', 1)[-1])}")
    quads = [
        (record, RDF.type, EKG.OrganizationLink),
        (record, EKG.linkOf, organization),
        (record, EKG.linkMethod, literal(link.method)),
        (record, EKG.linkScore, ox.Literal(f"{link.score:.2f}", datatype=_DECIMAL)),
        (record, EKG.matchedName, literal(link.matched_name)),
    ]
    if date is not None:
        quads.append((record, EKG.linkDate, literal(date)))
    if link.same_as:
        target = node(link.same_as)
        quads += [(organization, EKG.refersTo, target), (record, EKG.linkedTo, target)]
    elif link.cik is not None:
        entity = node(store.iris.entity(link.cik))
        quads += [(organization, EKG.refersTo, entity), (record, EKG.linkedTo, entity)]
        quads += _described(index, entity, link.cik)
    for cik, candidate_name in link.candidates:
        entity = node(store.iris.entity(cik))
        quads.append((record, EKG.linkCandidate, entity))
        quads += _described(index, entity, cik, candidate_name)
    return [ox.Quad(s, p, o, graph) for s, p, o in quads]


_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")


def _defined_acronyms(names: list[str]) -> list[str]:
    """The acronyms of an organization's full name (its first name) among its other names."""
    if len(names) < 2:
        return []
    initials = acronym_of(names[0])
    return [alias for alias in names[1:] if _ACRONYM.fullmatch(alias) and alias == initials]


def _by_acronym(index: CompanyIndex, organization: str, names: list[str]) -> Link | None:
    """An organization named only by an acronym another text defined for exactly one
    organization is that organization (or the company it is linked to)."""
    if len(names) != 1 or not _ACRONYM.fullmatch(names[0]):
        return None
    found = {other: cik for other, cik in index.organizations_for_acronym(names[0]).items()
             if other != organization}
    if len(found) != 1:
        return None
    other, cik = next(iter(found.items()))
    return Link(cik or None, "acronym", SCORES["acronym"], matched_name=names[0],
                same_as="" if cik else other)


def _described(index: CompanyIndex, entity: ox.NamedNode, cik: str,
               name: str = "") -> list[tuple[ox.NamedNode, ox.NamedNode, ox.Literal]]:
    """A company known only from SEC's name lists gets its CIK and a name to show."""
    rows = index.names_of(cik)
    if any(row.source == STORE for row in rows):
        return []
    shown = name or (rows[0].name if rows else "")
    triples = [(entity, EKG.cik, literal(cik))]
    if shown:  # an organization with a name, as the shapes want one
        triples += [(entity, RDF.type, EKG.Organization), (entity, RDFS.label, literal(shown))]
    return triples


# The names filings show a CIK under, each with the filing's date or period: an 8-K's Inline
# XBRL cover names its registrant on that day even where no header (with its dated former
# names) came with it.
_OBSERVED = """
SELECT ?cik ?name (MIN(?day) AS ?first) (MAX(?day) AS ?last) WHERE {
  { SELECT DISTINCT ?graph ?name ?cik WHERE {
      VALUES ?cik { %s }
      ?entity ekg:cik ?cik . GRAPH ?graph { ?entity ekg:conformedName ?name } } }
  GRAPH ?graph { { [] ekg:filedOn ?day } UNION { [] ekg:periodOfReport ?day } }
} GROUP BY ?cik ?name
"""
_TICKERS = """
SELECT DISTINCT ?cik ?ticker ?exchange WHERE {
  VALUES ?cik { %s }
  ?entity ekg:cik ?cik ; ekg:ticker ?ticker OPTIONAL { ?entity ekg:exchange ?exchange }
}
"""


def _literals(ciks: list[str]) -> str:
    return " ".join(f'"{cik}"' for cik in ciks if cik.isdigit())


def _observed_names(store: KnowledgeStore, ciks: list[str]
                    ) -> dict[str, list[tuple[str, str, str]]]:
    found: dict[str, list[tuple[str, str, str]]] = {}
    for row in store.query(_OBSERVED % _literals(ciks)):
        if row["first"] is not None:
            found.setdefault(row["cik"].value, []).append(
                (row["name"].value, row["first"].value, row["last"].value))
    return found


def tickers_of(store: KnowledgeStore, ciks: list[str]) -> list[tuple[str, str, str]]:
    """(CIK, ticker, exchange or '') of each listing the store gives these companies."""
    return sorted({(row["cik"].value, row["ticker"].value,
                    row["exchange"].value if row["exchange"] is not None else "")
                   for row in store.query(_TICKERS % _literals(ciks))})
