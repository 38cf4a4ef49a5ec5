"""Name statements read back for merging: from graphs this run wrote, else from the store."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from ..edgar.names import NameRecord
from ..rdf.vocab import EKG, OX_EKG, OX_PROV, PREFIX_IRIS, Iris
from .histories import name_record

_EKG_NS = str(EKG)
_DERIVED_FROM = OX_PROV.wasDerivedFrom.value
_REQUIRED = (_EKG_NS + "name", _EKG_NS + "isCurrentName")
# What a name record is made of (see histories.name_record): all a remembered statement keeps
_KEPT = (*_REQUIRED, *(_EKG_NS + key for key in (
    "startEarliest", "startLatest", "endEarliest", "endLatest", "seenOn", "sourcesDisagree")),
    _DERIVED_FROM)

# Which statements name which CIKs, in which graph (VALUES first: Oxigraph then starts
# from the CIKs, not from every statement)
_STATEMENTS = """
    SELECT ?entity ?statement ?g WHERE {
      VALUES ?entity { %s }
      GRAPH ?g { ?statement ekg:entity ?entity ; a ekg:NameStatement }
    }"""
_FACTS = """
    SELECT ?statement ?g ?p ?o WHERE {
      VALUES (?statement ?g) { %s }
      GRAPH ?g { ?statement ?p ?o }
    }"""
_LABELS = """
    SELECT ?source ?rank ?label WHERE {
      { ?source ekg:accessionNumber ?label BIND(0 AS ?rank) }
      UNION { ?source ekg:sourceLabel ?label BIND(1 AS ?rank) }
    } VALUES ?source { %s }"""
# Statement-fact pairs read back per query: a VALUES list this long still parses quickly
_FACT_CHUNK = 2_000


class StatementMemory:
    """The name statements of graphs this store object wrote, by graph and content hash.

    Reading a statement back from RocksDB costs about 15 µs a property; a run that wrote the
    graph a moment ago still has its statements. An entry is used only while the stored
    graph has the same content hash, so a graph changed by any other writer is read from the
    store. Bounded: past `limit` statements, new graphs are simply not remembered.
    """

    def __init__(self, limit: int = 200_000) -> None:  # about 120 MB
        # statement -> its _KEPT values in order (None where absent): a tuple is a fifth of
        # the dict the graph gives
        self._graphs: dict[str, tuple[str, dict[str, tuple[str | None, ...]]]] = {}
        self._count = 0
        self._limit = limit

    def remember(self, graph: str, content_hash: str | None,
                 statements: dict[str, dict[str, str]] | None) -> None:
        self.forget((graph,))
        if content_hash is None or statements is None:
            return
        if self._count + len(statements) > self._limit:
            return
        self._graphs[graph] = (content_hash, {
            statement: tuple(facts.get(key) for key in _KEPT)
            for statement, facts in statements.items()})
        self._count += len(statements)

    def forget(self, graphs: Iterable[str]) -> None:
        for graph in graphs:
            old = self._graphs.pop(graph, None)
            if old is not None:
                self._count -= len(old[1])

    def clear(self) -> None:
        self._graphs.clear()
        self._count = 0

    def facts(self, graph: str, content_hash: str | None, statement: str
              ) -> dict[str, str] | None:
        entry = self._graphs.get(graph)
        if entry is None or content_hash is None or entry[0] != content_hash:
            return None
        kept = entry[1].get(statement)
        if kept is None:
            return None
        return {key: value for key, value in zip(_KEPT, kept, strict=True) if value is not None}


def read_name_statements(store: ox.Store, iris: Iris, ciks: list[str],
                         memory: StatementMemory) -> dict[str, list[NameRecord]]:
    """The unmerged name records of several CIKs, as every source in the store states them."""
    entities = {str(iris.entity(cik)): cik for cik in ciks}
    values: dict[tuple[str, str, str], dict[str, str]] = {}
    unread: dict[tuple[str, str], str] = {}
    rows = store.query(_STATEMENTS % " ".join(f"<{iri}>" for iri in entities),
                       prefixes=PREFIX_IRIS)
    hashes: dict[ox.NamedNode, str | None] = {}
    for entity, statement, graph in rows:
        key = (entity.value, statement.value, graph.value)
        if graph not in hashes:
            hashes[graph] = next((quad.object.value for quad in store.quads_for_pattern(
                graph, OX_EKG.contentHash, None, graph)), None)
        facts = memory.facts(graph.value, hashes[graph], statement.value)
        if facts is not None:
            values[key] = facts
        else:
            unread[(statement.value, graph.value)] = entity.value
    pairs = sorted(unread)
    for start in range(0, len(pairs), _FACT_CHUNK):
        chunk = pairs[start:start + _FACT_CHUNK]
        for statement, graph, predicate, value in store.query(
                _FACTS % " ".join(f"(<{s}> <{g}>)" for s, g in chunk), prefixes=PREFIX_IRIS):
            key = (unread[(statement.value, graph.value)], statement.value, graph.value)
            # A statement states each property once; setdefault keeps the first if not.
            values.setdefault(key, {}).setdefault(predicate.value, value.value)
    labels = source_labels(store, {v[_DERIVED_FROM] for v in values.values()
                                   if _DERIVED_FROM in v})
    records: dict[str, list[NameRecord]] = {cik: [] for cik in ciks}
    for (entity, _, _), facts in sorted(values.items()):
        source = facts.get(_DERIVED_FROM)
        if source is None or any(key not in facts for key in _REQUIRED):
            continue
        cik = entities[entity]
        records[cik].append(name_record(cik, facts, (source,), (labels.get(source, source),)))
    return records


def source_labels(store: ox.Store, sources: set[str]) -> dict[str, str]:
    """What a history cites each source by: its accession number, or its label."""
    if not sources:
        return {}
    rows = store.query(_LABELS % " ".join(f"<{iri}>" for iri in sorted(sources)),
                       prefixes=PREFIX_IRIS, use_default_graph_as_union=True)
    best: dict[str, tuple[int, str]] = {}
    for source, rank, label in rows:
        # An accession number beats a label; among equals the choice must be stable.
        candidate = (int(rank.value), label.value)
        best[source.value] = min(best.get(source.value, candidate), candidate)
    return {source: label for source, (_, label) in best.items()}
