"""The corpus store: an embedded pyoxigraph dataset holding one named graph per filing."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import URIRef

from ..edgar.names import NameRecord, merge_histories
from ..errors import QueryError, StoreError, StoreUnavailable
from ..rdf.graph import NamedGraph, merged_names_graph
from ..rdf.vocab import EKG, OX_EKG, OX_PROV, OX_RDF, PREFIX_IRIS, SCHEMA, Iris
from ..read.xml_safety import UnsafeXml, check_xml_entities
from . import link_marks as marks
from .formats import format_for
from .histories import HistoryChanges, name_record, sources_by_label
from .link_marks import BOOKKEEPING_PREFIX, is_links_graph, link_marks, links_graph_name
from .opening import open_store_files
from .statements import StatementMemory, read_name_statements

DEFAULT_STORE = "edgar-kg.db"
STORE_ENV = "EDGAR_KG_STORE"

_EKG_NS = str(EKG)
_RDF_TYPE = OX_RDF.type.value
_DERIVED_FROM = OX_PROV.wasDerivedFrom.value
# Graphs under this prefix are the store's own bookkeeping, not knowledge: never pushed.
# CIKs whose merged name history awaits recomputation (normally absent).
_PENDING_GRAPH = ox.NamedNode(BOOKKEEPING_PREFIX + "pending-name-histories")
# The graphs of the batch being bulk-written (absent unless a load was interrupted).
_LOADING_GRAPH = ox.NamedNode(BOOKKEEPING_PREFIX + "loading")
# What pyoxigraph raises when RocksDB cannot write: OSError for I/O errors (a full disk, a file
# size limit), RuntimeError for its other storage errors.
_WRITE_ERRORS = (OSError, RuntimeError)


def default_store_path() -> str:
    """The store folder: $EDGAR_KG_STORE or ./edgar-kg.db."""
    return os.environ.get(STORE_ENV) or DEFAULT_STORE


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
        self.recovered: list[str] = []
        self._statements = StatementMemory()
        # The merged histories the last refresh wrote, by CIK, while no write has changed them
        self._fresh_histories: dict[str, list[NameRecord]] = {}
        self.store = ox.Store() if self.path is None else open_store_files(self.path, read_only)
        if not read_only:
            # A writer finishes what a killed load left: its partial batch goes.
            self.recovered = self._recover_interrupted_load()
            if next(iter(self.store), None) is None:  # empty: every quad will pass through here
                self._statements.start_complete()

    def close(self) -> None:
        """Release the store (and its lock on disk); the object is unusable afterwards."""
        store = self.__dict__.pop("store", None)
        if store is not None and self.path is not None and not self.read_only:
            try:
                store.flush()
            except _WRITE_ERRORS:
                pass  # what was committed is in RocksDB's log already; flushing only compacts
        del store

    def __enter__(self) -> KnowledgeStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------

    def replace_graphs(self, graphs: Iterable[tuple[Any, NamedGraph]],
                       name_ciks: Iterable[str] = ()) -> int:
        """Write a batch of named graphs, all or nothing; returns the quads written.

        Each graph replaces the stored graph of its name; one whose ekg:contentHash equals
        the stored one is left as it is, so re-running a batch leaves the same quads.
        `name_ciks` are the CIKs whose merged name history the batch changes: they are marked
        pending with the batch and recomputed by `finish_name_histories`.
        """
        self._fresh_histories.clear()
        # The same filing can come twice in one batch (two copies of a submission): the later
        # copy replaces the earlier, as it would have in a later batch, never merges with it.
        latest = {graph.name: graph for _, graph in graphs}
        replaced: list[ox.NamedNode] = []
        writes: list[NamedGraph] = []
        for name, graph in latest.items():
            if self.store.contains_named_graph(name):
                new_hash = _graph_hash(graph)
                if new_hash is not None and new_hash == self._stored_hash(name):
                    continue
                replaced.append(name)
            writes.append(graph)
        name_ciks = set(name_ciks)
        pending = [_pending_quad(self.iris, cik) for cik in sorted(name_ciks)]
        # Linking follows the batch: its graphs get linked, its CIKs' names indexed.
        to_link, to_index = marks.linking_work(writes, set(replaced), name_ciks,
                                               str(self.iris.entity("")))
        pending += link_marks(to_link, sorted(to_index))
        if replaced:
            # Replacing graphs needs a drop and an insert in one transaction: one SPARQL update.
            quads = [quad for graph in writes for quad in graph.quads()]
            self._commit(drop=replaced, insert=quads + pending)
        else:
            self._bulk_write_new_graphs([graph.name for graph in writes],
                                        b"".join(graph.nquads() for graph in writes), pending)
        for graph in writes:
            self._statements.remember(graph.name.value, graph.stamped_hash,
                                      graph.name_statements(), graph.source_labels())
        return sum(len(graph) for graph in writes)

    def _bulk_write_new_graphs(self, names: list[ox.NamedNode], nquads: bytes,
                               pending: list[ox.Quad]) -> None:
        """Write graphs that are not in the store yet, about twice as fast as a transaction.

        Oxigraph's bulk writer is not transactional, so the batch is journalled: the names
        of its graphs (with its pending name histories) are committed first, and the journal
        is cleared once the batch is in. A load killed in between leaves the journal, and
        the next writer to open the store drops those graphs, which did not exist before.
        """
        if not nquads:
            self._commit(insert=pending)
            return
        journal = [ox.Quad(name, OX_EKG.loadingGraph, name, _LOADING_GRAPH) for name in names]
        self._commit(insert=journal + pending)
        try:
            self.store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
        except _WRITE_ERRORS as exc:
            self._roll_back_load()
            raise self._write_failed(exc) from None
        try:
            self._commit(drop=[_LOADING_GRAPH])
        except StoreError:
            self._roll_back_load()
            raise

    def _roll_back_load(self) -> None:
        """Drop the journalled graphs of a bulk write that failed, if the store still can.

        A write error (a full disk, a file size limit) leaves this process alive, so the
        half-written batch goes at once rather than at the next writable open: readers of the
        store, and a caller that catches the StoreError and goes on with this object, never see
        part of a batch. When the disk is still full the drop fails too; the journal then
        stays, and the next writer to open the store drops the batch as after a kill.
        """
        try:
            self._recover_interrupted_load()
        except (StoreError, *_WRITE_ERRORS):
            pass

    def _recover_interrupted_load(self) -> list[str]:
        """Drop the graphs of a batch whose load was interrupted; returns their names."""
        names = [quad.object for quad in self.store.quads_for_pattern(
            None, OX_EKG.loadingGraph, None, _LOADING_GRAPH)]
        if self.store.contains_named_graph(_LOADING_GRAPH):
            self._commit(drop=[*names, _LOADING_GRAPH])
        return [name.value for name in names]

    def _stored_hash(self, name: ox.NamedNode) -> str | None:
        for quad in self.store.quads_for_pattern(name, OX_EKG.contentHash, None, name):
            return quad.object.value
        return None

    def commit(self, drop: Iterable[ox.NamedNode] = (), insert: Iterable[ox.Quad] = (),
               delete: Iterable[ox.Quad] = ()) -> None:
        """Drop graphs, delete and insert quads as one transaction: all of it or none."""
        drop, insert, delete = list(drop), list(insert), list(delete)
        if not _bookkeeping_only(drop, insert + delete):
            self._fresh_histories.clear()
            self._statements.mark_incomplete()  # these quads may state names or labels
        self._commit(drop, insert, delete)

    def _commit(self, drop: list[ox.NamedNode] = (), insert: list[ox.Quad] = (),
                delete: list[ox.Quad] = ()) -> None:
        self._statements.forget({name.value for name in drop}
                                | {quad.graph_name.value for quad in (*insert, *delete)
                                   if isinstance(quad.graph_name, ox.NamedNode)})
        try:
            if not drop and not delete:
                if insert:
                    self.store.extend(insert)
                return
            # pyoxigraph has no multi-step transaction, but one SPARQL update is one, so a
            # replacement goes in as text: N-Triples terms are valid SPARQL terms.
            parts = [f"DROP SILENT GRAPH {name}" for name in drop]
            if delete:
                parts.append("DELETE DATA { " + _quad_data(delete) + " }")
            if insert:
                parts.append("INSERT DATA { " + _quad_data(insert) + " }")
            self.store.update(" ;\n".join(parts))
        except _WRITE_ERRORS as exc:
            raise self._write_failed(exc) from None

    def _write_failed(self, exc: BaseException) -> StoreUnavailable:
        """The error for a write the store refused: which store, why, and what is kept."""
        return StoreUnavailable(
            f"{self.path or 'memory store'}: writing the store failed: {exc}. The batches "
            "committed before this one are kept and the unfinished one is discarded; free "
            "some disk space and run the same command again to finish")

    def filing_graphs(self, accession: str) -> list[str]:
        """The named graphs that describe the filing with this accession number."""
        wanted = accession.strip()
        digits = wanted.replace("-", "")
        if len(digits) == 18 and digits.isdigit():
            wanted = f"{digits[:10]}-{digits[10:12]}-{digits[12:]}"
        graphs = {quad.graph_name.value for quad in self.store.quads_for_pattern(
            None, OX_EKG.accessionNumber, ox.Literal(wanted), None)
            if isinstance(quad.graph_name, ox.NamedNode)}
        # The merged name histories cite accession numbers as labels, never as filings.
        return sorted(g for g in graphs if self._is_source_graph(ox.NamedNode(g)))

    def _is_source_graph(self, name: ox.NamedNode) -> bool:
        return any(True for _ in self.store.quads_for_pattern(
            name, OX_RDF.type, OX_EKG.SourceGraph, name))

    def remove_filing(self, accession: str) -> list[str]:
        """Remove a filing's graphs (see remove_graphs); returns their names."""
        return self.remove_graphs(self.filing_graphs(accession))

    def remove_graphs(self, graphs: list[str]) -> list[str]:
        """Remove source graphs and recompute the name histories they spoke of; the graphs
        that mention their companies' names are marked for linking (see extractor.linking)."""
        names = [ox.NamedNode(graph) for graph in graphs]
        ciks = {cik for name in names for cik in self._name_ciks_in(name)}
        if names:
            # Its links go with it; the CIKs it named are indexed anew, which relinks the
            # graphs that mention their names.
            links = [ox.NamedNode(links_graph_name(graph)) for graph in graphs]
            self._commit(drop=names + links,
                         insert=[_pending_quad(self.iris, cik) for cik in ciks]
                         + link_marks((), sorted(ciks)))
            self.finish_name_histories()
        return graphs

    def _name_ciks_in(self, name: ox.NamedNode) -> set[str]:
        """The CIKs a graph states names for (their merged histories depend on it)."""
        ciks = set()
        for quad in self.store.quads_for_pattern(None, OX_EKG.entity, None, name):
            for cik in self.store.quads_for_pattern(quad.object, OX_EKG.cik, None, None):
                ciks.add(cik.object.value)
                break
            else:
                ciks.add(quad.object.value.rstrip("/").rsplit("/", 1)[-1])
        return ciks

    def flush(self) -> None:
        """Write RocksDB's buffers to disk; StoreError when the disk refuses."""
        if self.path is not None and not self.read_only:
            try:
                self.store.flush()
            except _WRITE_ERRORS as exc:
                raise self._write_failed(exc) from None

    # --- name histories ------------------------------------------------------------------

    def name_statements(self, cik: str) -> list[NameRecord]:
        """Every name record any source in the store states for a CIK, unmerged."""
        return self.name_statements_of([cik])[cik]

    def name_statements_of(self, ciks: list[str]) -> dict[str, list[NameRecord]]:
        """The unmerged name records of several CIKs, read in few queries (fast for many)."""
        return read_name_statements(self.store, self.iris, ciks, self._statements)

    def name_history(self, cik: str, recompute: bool = False) -> list[NameRecord]:
        """The merged, ordered name history of one CIK from every source in the store.

        It is read from the CIK's merged name-history graph (a few dozen quads however many
        filings name the company), unless that is pending after an interrupted load, missing,
        or `recompute` asks to merge every source's statements afresh. The histories the last
        refresh merged are kept (as long as nothing is written) and given as they are.
        """
        fresh = None if recompute else self._fresh_histories.get(cik)
        if fresh is not None:
            return [replace(record) for record in fresh]  # copies: callers may change them
        if not recompute and not self._is_pending(cik):
            stored = self._stored_history(cik)
            if stored:
                return stored
        return [sources_by_label(record)
                for record in merge_histories(self.name_statements(cik))]

    def _is_pending(self, cik: str) -> bool:
        return any(True for _ in self.store.quads_for_pattern(
            None, OX_EKG.pendingNameHistory, ox.Literal(cik), _PENDING_GRAPH))

    def _stored_history(self, cik: str) -> list[NameRecord]:
        """The name records of a CIK's merged history graph, in their order."""
        graph = ox.NamedNode(str(self.iris.names_graph(cik)))
        facts: dict[str, dict[str, list[str]]] = {}
        for quad in self.store.quads_for_pattern(None, None, None, graph):
            facts.setdefault(quad.subject.value, {}).setdefault(
                quad.predicate.value, []).append(quad.object.value)
        records = []
        for values in facts.values():
            if str(EKG.NameRecord) not in values.get(_RDF_TYPE, []):
                continue
            sources = sorted(values.get(_DERIVED_FROM, []))
            labels = [(facts.get(src, {}).get(_EKG_NS + "sourceLabel") or [src])[0]
                      for src in sources]
            pairs = sorted(zip(labels, sources, strict=True))
            first = {predicate: found[0] for predicate, found in values.items()}
            records.append((int(first.get(_EKG_NS + "order") or 0), name_record(
                cik, first, tuple(source for _, source in pairs),
                tuple(label for label, _ in pairs))))
        return [record for _, record in sorted(records, key=lambda pair: pair[0])]

    def pending_name_histories(self) -> list[str]:
        """CIKs whose merged name history is waiting to be recomputed."""
        return sorted({quad.object.value for quad in self.store.quads_for_pattern(
            None, OX_EKG.pendingNameHistory, None, _PENDING_GRAPH)})

    def finish_name_histories(self, chunk: int = 2000) -> int:
        """Recompute every pending merged name history; returns the histories written.

        A chunk's pending marks are cleared only after its histories are written, so an
        interrupted refresh is simply finished by the next call. (Chunks of 2,000: 15,715
        histories took 6.0 s, in chunks of 500 7.3 s.)
        """
        # Not in worker processes: a read-only view of a store being written can lose SST
        # files to the writer's background compaction mid-read (seen at 100k filings).
        pending = self.pending_name_histories()
        chunks = [pending[start:start + chunk] for start in range(0, len(pending), chunk)]
        written = 0
        self._fresh_histories.clear()
        # Chunk k is written by a thread (Oxigraph's bulk load lets go of the GIL) while
        # chunk k+1 is merged; chunks are still written one at a time, in order.
        with ThreadPoolExecutor(1, thread_name_prefix="edgar-kg-histories") as writer:
            under_way: Future[None] | None = None
            for index, ciks in enumerate(chunks):
                change = self.history_changes(ciks)
                if under_way is not None:
                    under_way.result()
                under_way = writer.submit(self._apply_history_changes, ciks, change,
                                          index == len(chunks) - 1)
                # the linker reads these next: kept, they need not be read back from the store
                self._fresh_histories.update(change.merged)
                written += change.histories
            if under_way is not None:
                under_way.result()
        return written

    def refresh_name_histories(self, ciks: Iterable[str]) -> int:
        """Recompute the merged name-history graph of each CIK (and any pending); returns
        graphs written."""
        ciks = sorted(set(ciks))
        if ciks:
            self._commit(insert=[_pending_quad(self.iris, cik) for cik in ciks])
        return self.finish_name_histories()

    def history_changes(self, ciks: list[str]) -> HistoryChanges:
        """The merged histories of some CIKs that differ from the stored ones (only reads)."""
        drop: list[str] = []
        changed = []
        histories = 0
        fresh: dict[str, list[NameRecord]] = {}
        statements_of = self.name_statements_of(ciks)
        for cik in ciks:
            graph_name = ox.NamedNode(str(self.iris.names_graph(cik)))
            statements = statements_of[cik]
            # A store filled from empty by this object has no history it did not write.
            unwritten = self._statements.complete and cik not in self._statements.histories
            stored = set() if unwritten else set(
                self.store.quads_for_pattern(None, None, None, graph_name))
            if not statements:
                if stored:
                    drop.append(graph_name.value)
                continue
            labels = {}
            for record in statements:
                for source, label in zip(record.sources, record.source_labels, strict=False):
                    labels[source] = label
            merged = merge_histories(statements)
            history = merged_names_graph(cik, merged, self.iris, labels)
            histories += 1
            fresh[cik] = [sources_by_label(replace(record)) for record in merged]
            if stored and set(history.quads()) == stored:
                continue  # unchanged (a re-run): leave it, and its quads, as they are
            if stored:
                drop.append(graph_name.value)
            changed.append(history.nquads())
        return HistoryChanges(drop, b"".join(changed), histories, fresh)

    def _apply_history_changes(self, ciks: list[str], change: HistoryChanges,
                               last: bool) -> None:
        """Write a chunk's new histories, then clear its pending marks.

        The marks go last: until then a crash leaves them, and the next run rewrites these
        histories from scratch, so the writes before can use the fast bulk writer.
        """
        self._commit(drop=[ox.NamedNode(name) for name in change.drop])
        self._statements.histories.update(change.merged)
        if change.nquads:
            try:
                self.store.bulk_load(change.nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
            except _WRITE_ERRORS as exc:
                # The chunk's pending marks are still there: the next run rewrites it whole.
                raise self._write_failed(exc) from None
        if last:
            # Dropping the emptied bookkeeping graph keeps it out of graph listings.
            self._commit(drop=[_PENDING_GRAPH])
        else:
            self._commit(delete=[_pending_quad(self.iris, cik) for cik in ciks])

    # --- reading -------------------------------------------------------------------------

    def query(self, sparql: str, substitutions: dict[str, Any] | None = None) -> Any:
        """Run SPARQL over the union of all graphs; parameters are bound as RDF terms."""
        bound = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        try:
            return self.store.query(sparql, prefixes=PREFIX_IRIS,
                                    use_default_graph_as_union=True, substitutions=bound)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except (RuntimeError, ValueError) as exc:
            raise QueryError(str(exc)) from None

    def load_file(self, path: str | os.PathLike[str]) -> None:
        """Load an RDF file (any format pyoxigraph reads) into the store as it is.

        RDF/XML is checked first for external entities and entity expansion bombs; JSON-LD
        remote contexts are never fetched (pyoxigraph has no loader for them).
        """
        fmt = format_for(path)
        self._statements.clear()  # the file may hold any graph
        self._fresh_histories.clear()
        try:
            if fmt == ox.RdfFormat.RDF_XML:
                check_xml_entities(path)
            if fmt.supports_datasets:
                self.store.load(path=str(path), format=fmt)
            else:
                self.store.load(path=str(path), format=fmt, to_graph=ox.DefaultGraph())
        except UnsafeXml as exc:
            raise StoreError(f"{path}: {exc}") from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{path}: cannot be read as {fmt.name}: {exc}") from None

    def export(self, path: str | os.PathLike[str]) -> int:
        """Write the whole store to a file whose format follows its extension; returns quads."""
        return self.export_to(str(path), format_for(path))[0]

    def export_to(self, target: str | BinaryIO, fmt: ox.RdfFormat) -> tuple[int, int]:
        """Write the whole store to a file path or a binary stream in `fmt`; returns the quads
        in the store and the statements written. A format without named graphs (Turtle,
        N-Triples, RDF/XML) gets their union, where a triple several graphs state is written
        once, so it writes fewer statements than the store holds quads."""
        written = len(self.store)
        try:
            if fmt.supports_datasets:
                self.store.dump(target, format=fmt, prefixes=PREFIX_IRIS)
            else:
                seen: set[ox.Triple] = set()
                triples = (q.triple for q in self.store.quads_for_pattern(None, None, None, None))
                ox.serialize(_unique(triples, seen), target, format=fmt,
                             prefixes=PREFIX_IRIS)
                written = len(seen)
        except BrokenPipeError:
            raise  # the reader of a pipe stopped reading ("| head"): no failure to report
        except OSError as exc:
            raise StoreError(f"{getattr(target, 'name', target)}: cannot write: {exc}") from None
        return len(self.store), written

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
        # A pattern scan over one index, not SPARQL: COUNT(DISTINCT) over the union graph
        # would first join every copy of the fact across graphs.
        return len({quad.subject for quad in self.store.quads_for_pattern(
            None, OX_RDF.type, ox.NamedNode(str(rdf_type)), None)})

    def size_on_disk(self) -> int:
        """Bytes the store's files take (0 for a memory store)."""
        if self.path is None:
            return 0
        return sum(f.stat().st_size for f in Path(self.path).rglob("*") if f.is_file())

    def stats(self) -> dict[str, int]:
        """Filings, companies, deals, people, graphs, quads and bytes on disk."""
        return {
            "filings": self.count(EKG.Filing),
            "companies": self.count(EKG.Company),
            "deals": self.count(EKG.Deal),
            "organizations": self.count(EKG.Organization),
            "products": self.count(EKG.Product),
            "people": self.count(EKG.Person) + self.count(SCHEMA.Person),
            "name_records": self.count(EKG.NameRecord),
            "name_histories": self._names_graph_count(),
            "pending_name_histories": len(self.pending_name_histories()),
            "graphs": self.graph_count(),
            "quads": len(self.store),
            "bytes_on_disk": self.size_on_disk(),
        }

    def _names_graph_count(self) -> int:
        return len({quad.graph_name for quad in self.store.quads_for_pattern(
            None, OX_RDF.type, OX_EKG.NameRecord, None)})


def _bookkeeping_only(drop: list[ox.NamedNode], quads: list[ox.Quad]) -> bool:
    """Whether a write touches only bookkeeping and links graphs (never a name history)."""
    names = [name.value for name in drop]
    names += [quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
              for quad in quads]
    return all(name.startswith(BOOKKEEPING_PREFIX) or is_links_graph(name) for name in names)


def _pending_quad(iris: Iris, cik: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(str(iris.entity(cik))), OX_EKG.pendingNameHistory,
                   ox.Literal(cik), _PENDING_GRAPH)


def _graph_hash(graph: NamedGraph) -> str | None:
    """The ekg:contentHash a graph carries (extraction stamps one on every graph)."""
    if graph.stamped_hash is not None:
        return graph.stamped_hash
    for s, p, o in graph.triples:
        if p == OX_EKG.contentHash and s == graph.name:
            return o.value
    return None


def _quad_data(quads: Iterable[ox.Quad]) -> str:
    """Quads as SPARQL QuadData: one GRAPH block per run of quads in the same graph."""
    parts: list[str] = []
    current = None
    for quad in quads:
        if quad.graph_name != current:
            if current is not None:
                parts.append("}")
            current = quad.graph_name
            parts.append(f"GRAPH {current} {{")
        parts.append(f"{quad.subject} {quad.predicate} {quad.object} .")
    if current is not None:
        parts.append("}")
    return "\n".join(parts)


def _unique(triples: Iterable[ox.Triple], seen: set[ox.Triple]) -> Iterator[ox.Triple]:
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            yield triple
