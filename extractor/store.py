"""The corpus store: an embedded pyoxigraph dataset holding one named graph per filing."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from .dates import parse_date
from .errors import QueryError, StoreError
from .names import DateBound, NameRecord, merge_histories
from .rdf import NamedGraph, merged_names_graph
from .vocab import EKG, PREFIXES, Iris

DEFAULT_STORE = "edgar-kg.db"
STORE_ENV = "EDGAR_KG_STORE"

# Formats told by file extension; the ones without named graphs get the union of all graphs.
EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}
_PREFIX_STRINGS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def default_store_path() -> str:
    """The store folder: $EDGAR_KG_STORE or ./edgar-kg.db."""
    return os.environ.get(STORE_ENV) or DEFAULT_STORE


def format_for(path: str | os.PathLike[str]) -> ox.RdfFormat:
    """The RDF format a file name asks for, or StoreError listing the known extensions."""
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_FORMATS:
        known = ", ".join(sorted(EXPORT_FORMATS))
        raise StoreError(f"{path}: unknown RDF file extension {suffix!r}; use one of {known}")
    return EXPORT_FORMATS[suffix]


def python_value(term: Any) -> str | None:
    """A query result term as the plain string a table or JSON row shows."""
    if term is None:
        return None
    return term.value


class KnowledgeStore:
    """A pyoxigraph store on disk (or in memory) with filing graphs and merged name histories."""

    def __init__(self, path: str | os.PathLike[str] | None = None, base: str | None = None,
                 read_only: bool = False) -> None:
        self.path = None if path is None else str(path)
        self.read_only = read_only
        self.iris = Iris(base)
        try:
            if self.path is None:
                self.store = ox.Store()
            elif read_only:
                self.store = ox.Store.read_only(self.path)
            else:
                self.store = ox.Store(self.path)
        except OSError as exc:
            raise StoreError(
                f"{self.path}: the store cannot be opened ({exc}). Is another edgar-kg "
                "process using it, or is the folder not an edgar-kg store?"
            ) from None

    def close(self) -> None:
        """Release the store (and its lock on disk); the object is unusable afterwards."""
        store = self.__dict__.pop("store", None)
        if store is not None and self.path is not None and not self.read_only:
            try:
                store.flush()
            except OSError:
                pass
        del store

    def __enter__(self) -> KnowledgeStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------

    def replace_graphs(self, graphs: Iterable[tuple[Any, NamedGraph]]) -> int:
        """Replace each named graph with the given one; returns the number of quads written."""
        quads: list[ox.Quad] = []
        # The same filing can come twice in one batch (two copies of a submission): the later
        # copy replaces the earlier, as it would have in a later batch, never merges with it.
        latest = {graph.name: graph for _, graph in graphs}
        try:
            for graph in latest.values():
                if self.store.contains_named_graph(graph.name):
                    self.store.remove_graph(graph.name)
                quads.extend(graph.quads())
            self.store.extend(quads)
        except OSError as exc:
            raise StoreError(f"{self.path or 'memory store'}: write failed: {exc}") from None
        return len(quads)

    def remove_graph(self, graph_iri: str) -> bool:
        name = ox.NamedNode(graph_iri)
        if not self.store.contains_named_graph(name):
            return False
        self.store.remove_graph(name)
        return True

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            self.store.flush()

    # --- name histories ------------------------------------------------------------------

    _STATEMENTS = """
        SELECT DISTINCT ?entity ?name ?current ?sE ?sL ?eE ?eL ?seen ?src ?label WHERE {
          ?stmt a ekg:NameStatement ; ekg:entity ?entity ; ekg:name ?name ;
                ekg:isCurrentName ?current ; prov:wasDerivedFrom ?src .
          OPTIONAL { ?stmt ekg:startEarliest ?sE } OPTIONAL { ?stmt ekg:startLatest ?sL }
          OPTIONAL { ?stmt ekg:endEarliest ?eE } OPTIONAL { ?stmt ekg:endLatest ?eL }
          OPTIONAL { ?stmt ekg:seenOn ?seen }
          OPTIONAL { ?src ekg:accessionNumber ?acc }
          OPTIONAL { ?src ekg:sourceLabel ?lab }
          BIND(COALESCE(?acc, ?lab, STR(?src)) AS ?label)
        }"""

    def name_statements(self, cik: str) -> list[NameRecord]:
        """Every name record any source in the store states for a CIK, unmerged."""
        rows = self.store.query(
            self._STATEMENTS, prefixes=_PREFIX_STRINGS, use_default_graph_as_union=True,
            substitutions={ox.Variable("entity"): ox.NamedNode(str(self.iris.entity(cik)))},
        )
        records = []
        for row in rows:
            current = row["current"].value == "true"
            start = DateBound(parse_date(python_value(row["sE"])),
                              parse_date(python_value(row["sL"])))
            end = None if current else DateBound(parse_date(python_value(row["eE"])),
                                                 parse_date(python_value(row["eL"])))
            records.append(NameRecord(
                cik, row["name"].value, start, end, (row["src"].value,),
                seen=parse_date(python_value(row["seen"])),
                source_labels=(row["label"].value,),
            ))
        return records

    def name_history(self, cik: str) -> list[NameRecord]:
        """The merged, ordered name history of one CIK from every source in the store."""
        return merge_histories(self.name_statements(cik))

    def refresh_name_histories(self, ciks: Iterable[str]) -> int:
        """Recompute the merged name-history graph of each CIK; returns graphs written."""
        written = 0
        graphs = []
        for cik in sorted(set(ciks)):
            statements = self.name_statements(cik)
            graph_iri = self.iris.names_graph(cik)
            if not statements:
                self.remove_graph(str(graph_iri))
                continue
            labels = {}
            for record in statements:
                for source, label in zip(record.sources, record.source_labels, strict=False):
                    labels[source] = label
            history = merge_histories(statements)
            graphs.append((graph_iri, merged_names_graph(cik, history, self.iris, labels)))
            written += 1
            if len(graphs) >= 500:
                self.replace_graphs(graphs)
                graphs = []
        if graphs:
            self.replace_graphs(graphs)
        return written

    # --- reading -------------------------------------------------------------------------

    def query(self, sparql: str, substitutions: dict[str, Any] | None = None) -> Any:
        """Run SPARQL over the union of all graphs; parameters are bound as RDF terms."""
        bound = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        try:
            return self.store.query(sparql, prefixes=_PREFIX_STRINGS,
                                    use_default_graph_as_union=True, substitutions=bound)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except (RuntimeError, ValueError) as exc:
            raise QueryError(str(exc)) from None

    def load_file(self, path: str | os.PathLike[str]) -> None:
        """Load an RDF file (any format pyoxigraph reads) into the store as it is."""
        fmt = format_for(path)
        try:
            if fmt.supports_datasets:
                self.store.load(path=str(path), format=fmt)
            else:
                self.store.load(path=str(path), format=fmt, to_graph=ox.DefaultGraph())
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{path}: cannot be read as {fmt.name}: {exc}") from None

    def export(self, path: str | os.PathLike[str]) -> int:
        """Write the whole store to a file whose format follows its extension; returns quads."""
        fmt = format_for(path)
        try:
            if fmt.supports_datasets:
                self.store.dump(str(path), format=fmt, prefixes=_PREFIX_STRINGS)
            else:
                # Turtle, N-Triples and RDF/XML have no named graphs: write their union.
                triples = (q.triple for q in self.store.quads_for_pattern(None, None, None, None))
                ox.serialize(_unique(triples), str(path), format=fmt, prefixes=_PREFIX_STRINGS)
        except OSError as exc:
            raise StoreError(f"{path}: cannot write: {exc}") from None
        return len(self.store)

    def graph_count(self) -> int:
        return sum(1 for _ in self.store.named_graphs())

    def __len__(self) -> int:
        return len(self.store)

    def has_entity(self, cik: str) -> bool:
        """Whether any graph in the store describes this CIK."""
        rows = self.query("SELECT ?cik WHERE { ?entity ekg:cik ?cik } LIMIT 1",
                          {"cik": ox.Literal(cik)})
        return any(True for _ in rows)

    def count(self, rdf_type: URIRef) -> int:
        """How many distinct resources have this rdf:type in any graph."""
        rows = self.query("SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type } "
                          "GROUP BY ?type", {"type": ox.NamedNode(str(rdf_type))})
        for row in rows:
            return int(row["n"].value)
        return 0

    def stats(self) -> dict[str, int]:
        return {
            "filings": self.count(EKG.Filing),
            "companies": self.count(EKG.Company),
            "people": self.count(EKG.Person),
            "name_records": self.count(EKG.NameRecord),
            "graphs": self.graph_count(),
            "quads": len(self.store),
        }


def _unique(triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    seen: set[ox.Triple] = set()
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            yield triple
