"""Name statements read back for merging: from graphs this run wrote, else from the store."""

from __future__ import annotations

import sys
from collections.abc import Iterable

import pyoxigraph as ox

from ..edgar.names import NameRecord
from ..rdf.vocab import EKG, OX_EKG, OX_PROV, PREFIX_IRIS, Iris
from .histories import name_record

_EKG_NS = str(EKG)
_DERIVED_FROM = OX_PROV.wasDerivedFrom.value
_ENTITY = _EKG_NS + "entity"
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

    On a store that was empty when it was opened, the memory can also be `complete`: then
    it holds every name statement the store has, by entity, and every source label, so a
    merge reads nothing back at all. Any write it cannot follow (a graph replaced or
    dropped, a graph it could not remember, quads added by hand, a file loaded) ends that
    for the rest of the store object's life, and reads go to the store as before.
    """

    def __init__(self, limit: int = 400_000) -> None:  # about 150 MB
        # statement -> its _KEPT values in order (None where absent): a tuple is a fifth of
        # the dict the graph gives
        self._graphs: dict[str, tuple[str, dict[str, tuple[str | None, ...]]]] = {}
        self._count = 0
        self._limit = limit
        self.complete = False
        # while complete: entity -> (statement, graph, kept values); source -> (rank, label)
        self._by_entity: dict[str, list[tuple[str, str, tuple[str | None, ...]]]] = {}
        self._labels: dict[str, tuple[int, str]] = {}
        # while complete: the CIKs whose merged history graph the store object wrote
        self.histories: set[str] = set()

    def start_complete(self) -> None:
        """Say the store is empty now, so everything it will hold passes through here."""
        self.clear()
        self.complete = True

    def mark_incomplete(self) -> None:
        self.complete = False
        self._by_entity = {}
        self._labels = {}
        self.histories = set()

    def remember(self, graph: str, content_hash: str | None,
                 statements: dict[str, dict[str, str]] | None,
                 labels: dict[str, tuple[int, str]] | None = None) -> None:
        self.forget((graph,))
        if content_hash is None or statements is None \
                or self._count + len(statements) > self._limit:
            self.mark_incomplete()
            return
        kept: dict[str, tuple[str | None, ...]] = {}
        for statement, facts in statements.items():
            # Interned: a company's name and a filing's dates recur across many statements.
            values = tuple(None if value is None else sys.intern(value)
                           for value in map(facts.get, _KEPT))
            kept[statement] = values
            entity = facts.get(_ENTITY)
            if self.complete and entity is not None:
                self._by_entity.setdefault(entity, []).append((statement, graph, values))
        self._graphs[graph] = (content_hash, kept)
        self._count += len(statements)
        if self.complete:
            if labels is None:
                self.mark_incomplete()
                return
            for source, candidate in labels.items():
                best = self._labels.get(source)
                if best is None or candidate < best:
                    self._labels[source] = candidate

    def forget(self, graphs: Iterable[str]) -> None:
        for graph in graphs:
            old = self._graphs.pop(graph, None)
            if old is not None:
                self._count -= len(old[1])
                # its statements and labels are in the by-entity index, which cannot lose them
                self.mark_incomplete()

    def clear(self) -> None:
        self._graphs.clear()
        self._count = 0
        self.mark_incomplete()

    def facts(self, graph: str, content_hash: str | None, statement: str
              ) -> dict[str, str] | None:
        entry = self._graphs.get(graph)
        if entry is None or content_hash is None or entry[0] != content_hash:
            return None
        kept = entry[1].get(statement)
        if kept is None:
            return None
        return _facts(kept)

    def statements_of(self, entities: Iterable[str]
                      ) -> dict[tuple[str, str, str], dict[str, str]]:
        """While complete: every statement of these entities, keyed as the store's rows."""
        return {(entity, statement, graph): _facts(kept) for entity in entities
                for statement, graph, kept in self._by_entity.get(entity, ())}

    def labels_of(self, sources: Iterable[str]) -> dict[str, str]:
        """While complete: what a history cites each source by (see source_labels)."""
        return {source: found[1] for source in sources
                if (found := self._labels.get(source)) is not None}


def _facts(kept: tuple[str | None, ...]) -> dict[str, str]:
    return {key: value for key, value in zip(_KEPT, kept, strict=True) if value is not None}


def read_name_statements(store: ox.Store, iris: Iris, ciks: list[str],
                         memory: StatementMemory) -> dict[str, list[NameRecord]]:
    """The unmerged name records of several CIKs, as every source in the store states them."""
    entities = {str(iris.entity(cik)): cik for cik in ciks}
    if memory.complete:
        values = memory.statements_of(entities)
        labels = memory.labels_of({v[_DERIVED_FROM] for v in values.values()
                                   if _DERIVED_FROM in v})
        return _records(ciks, entities, values, labels)
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
    return _records(ciks, entities, values, labels)


def _records(ciks: list[str], entities: dict[str, str],
             values: dict[tuple[str, str, str], dict[str, str]],
             labels: dict[str, str]) -> dict[str, list[NameRecord]]:
    """Each CIK's name records, in the order of their (entity, statement, graph) keys."""
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
