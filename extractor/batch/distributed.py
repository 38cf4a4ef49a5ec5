"""Per-document extraction on a Dask cluster: file paths out, N-Quads shards back, then a load."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..errors import EdgarKgError, InputError, StoreError
from ..extract import Extraction, extract_document
from ..linking.store_links import link_pending
from ..rdf.graph import NamedGraph
from ..rdf.vocab import OX_EKG as EKG
from ..rdf.vocab import OX_RDF as RDF
from ..rdf.vocab import Iris
from ..read.inputs import iter_input_files, read_input
from ..read.source import Source
from ..store.embedded import KnowledgeStore
from ..validate.shacl import ValidationReport
from .pipeline import BatchSummary, Failure

if TYPE_CHECKING:
    from distributed import Client

# A partition is one Dask task and one shard: big enough that task overhead (~1 ms) and the
# per-worker warm-up (spaCy, shapes) vanish, small enough that a lost worker costs little.
INPUTS_PER_PARTITION = 200
# Graphs per store transaction when loading shards, as extract_paths batches filings.
LOAD_BATCH = 200
SHARD_GLOB = "part-*.nq"
_INSTALL_HINT = "Dask is not installed: pip install 'edgar-kg[dask]'"
# load_shards takes a folder of shards, one shard file, or shard files in load order.
ShardPaths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


class DaskError(EdgarKgError):
    """Dask is missing, or its scheduler cannot be reached."""


class DaskUnavailable(DaskError):
    """The `dask` extra (dask[distributed]) is not installed."""


def _distributed() -> Any:
    # Imported on use so the package, its CLI and its tests work without the extra.
    try:
        import distributed
    except ImportError:
        raise DaskUnavailable(_INSTALL_HINT) from None
    return distributed


def shard_name(index: int) -> str:
    """The file name of partition `index`'s shard; zero-padded so names sort in run order."""
    return f"part-{index:05d}.nq"


# --- planning (on the client) ------------------------------------------------------------


@dataclass(slots=True)
class Plan:
    """Input files grouped into partitions, and the paths that could not be planned."""

    partitions: list[list[str]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def files(self) -> int:
        return sum(len(part) for part in self.partitions)


def expand_inputs(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[str], list[Failure]]:
    """Every file under `paths`, unread, in the order a single-process run reads them.

    Folders are walked as iter_sources walks them; an archive stays one input (the worker
    opens it). Missing paths, and '-' (standard input cannot travel to a worker), are failures.
    """
    files: list[str] = []
    failures: list[Failure] = []
    for raw in paths:
        if os.fspath(raw) == "-":
            failures.append(Failure("<stdin>", "read", "standard input cannot be sent to Dask "
                                                       "workers; save it to a file first"))
            continue
        for item in iter_input_files([raw]):
            if isinstance(item, InputError):
                failures.append(Failure(item.source, item.stage, item.reason))
            elif isinstance(item, Path):
                files.append(str(item))
    return files, failures


def split_evenly(files: list[str], partitions: int) -> list[list[str]]:
    """Contiguous runs of `files` whose lengths differ by at most one.

    Contiguous, not round-robin: shards loaded in index order then replay the inputs in their
    original order, so when two inputs make the same graph the later one wins, as it does in
    a single-process run.
    """
    if not files:
        return []
    count = max(1, min(partitions, len(files)))
    size, extra = divmod(len(files), count)
    parts, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        parts.append(files[start:end])
        start = end
    return parts


def plan_partitions(paths: Iterable[str | os.PathLike[str]], partitions: int | None = None,
                    inputs_per_partition: int = INPUTS_PER_PARTITION) -> Plan:
    """Expand `paths` into files and group them into `partitions` runs of about equal count.

    Without `partitions`, one partition per `inputs_per_partition` files. Only these paths
    travel to the workers, never file contents, so the client never holds the corpus.
    """
    files, failures = expand_inputs(paths)
    count = partitions or math.ceil(len(files) / max(1, inputs_per_partition))
    return Plan(split_evenly(files, count), failures)


# --- one partition (on a worker) ---------------------------------------------------------


@dataclass(slots=True)
class PartitionResult(BatchSummary):
    """What one partition did; small and picklable, it is all a worker sends back."""

    index: int = 0
    shard: str = ""
    quads_written: int = 0
    name_ciks: set[str] = field(default_factory=set)


def _read_inputs(paths: Iterable[str], root: str | None) -> Iterator[Source | InputError]:
    # Sources keep the path as the client planned it, so provenance names match a
    # single-process run; relative paths are opened against the client's working folder,
    # not the worker's (a `dask worker` may have been started anywhere).
    for path in paths:
        yield from read_input(Path(root, path) if root else Path(path), name=path)


def _drop_superseded(temp: Path, blocks: list[tuple[str, int]], last: dict[str, int]) -> int:
    """Rewrite a shard keeping only the last block of each graph; returns quads kept.

    Two inputs of one partition made the same graph (say a filing's .nc and .txt). The store
    would keep only the later copy; a loader cannot tell two adjacent blocks of one graph
    apart, so the shard must hold only that copy. Rare, and streamed from disk.
    """
    rewritten = temp.with_name(temp.name + ".dedup")
    quads = ox.parse(path=str(temp), format=ox.RdfFormat.N_QUADS)
    kept = 0
    with open(rewritten, "wb") as handle:
        for number, (name, count) in enumerate(blocks):
            block = list(itertools.islice(quads, count))
            if last[name] == number:
                ox.serialize(block, handle, format=ox.RdfFormat.N_QUADS)
                kept += count
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(rewritten, temp)
    return kept


def extract_partition(index: int, paths: list[str], target_dir: str, base: str,
                      when: dt.datetime, read_releases: bool = True, validate: bool = False,
                      root: str | None = None, strict: bool = False,
                      genre: str | None = None) -> PartitionResult:
    """Extract one partition's files and write their graphs to one N-Quads shard.

    Runs on a worker. Each extraction is written as soon as it is made, so a worker holds one
    document at a time. The shard is written under a temporary name and renamed when
    complete: a failed or retried task never leaves half a shard, and a rerun replaces the
    previous shard instead of appending to it.
    """
    started = time.perf_counter()
    target = Path(target_dir)
    target.mkdir(parents=True, exist_ok=True)
    shard = target / shard_name(index)
    # Unique per attempt: two attempts of one task (a worker thought lost) never share a file.
    temp = target / f".{shard.name}.{uuid.uuid4().hex}.tmp"
    result = PartitionResult(index=index, shard=str(shard),
                             validation=ValidationReport() if validate else None)
    blocks: list[tuple[str, int]] = []  # (graph name, quads) in file order
    last: dict[str, int] = {}  # graph name -> its last block
    try:
        with open(temp, "wb") as handle:
            for item in _read_inputs(paths, root):
                outcome = extract_document(item, base, when, read_releases, validate,
                                           genre=genre)
                if not result.record(outcome, strict):
                    continue
                assert isinstance(outcome, Extraction)
                result.name_ciks |= outcome.name_ciks
                for _, graph in outcome.graphs:
                    # A graph may state a triple twice; the store would keep it once.
                    quads = list(dict.fromkeys(graph.quads()))
                    ox.serialize(quads, handle, format=ox.RdfFormat.N_QUADS)
                    last[graph.name.value] = len(blocks)
                    blocks.append((graph.name.value, len(quads)))
            handle.flush()
            os.fsync(handle.fileno())
        if len(last) < len(blocks):
            result.quads_written = _drop_superseded(temp, blocks, last)
        else:
            result.quads_written = sum(count for _, count in blocks)
        os.replace(temp, shard)
    finally:
        temp.unlink(missing_ok=True)
        temp.with_name(temp.name + ".dedup").unlink(missing_ok=True)
    result.seconds = time.perf_counter() - started
    return result


# --- the run (on the client) -------------------------------------------------------------


@dataclass(slots=True)
class DaskSummary(BatchSummary):
    """What a Dask run did: a BatchSummary's figures, plus the shards written."""

    name_ciks: set[str] = field(default_factory=set)
    shards: list[str] = field(default_factory=list)
    partitions: int = 0
    workers: int = 0

    def add(self, part: PartitionResult) -> None:
        self.merge(part)
        self.name_ciks |= part.name_ciks


def _remove_previous_shards(target: Path) -> None:
    # A previous run may have had more partitions: its extra shards would be loaded with
    # this run's. Only files named like ours are touched.
    for stale in itertools.chain(target.glob(SHARD_GLOB), target.glob(".part-*.tmp*")):
        stale.unlink(missing_ok=True)


def _worker_threads(client: Client) -> int:
    return max(1, sum(client.nthreads().values()))


def extract_with_dask(paths: Iterable[str | os.PathLike[str]], target_dir: str | os.PathLike[str],
                      scheduler: str | Client | None = None, partitions: int | None = None,
                      base: str | None = None, when: dt.datetime | None = None,
                      read_releases: bool = True, validate: bool = False,
                      strict: bool = False, workers: int | None = None,
                      on_partition: Callable[[PartitionResult], None] | None = None,
                      genre: str | None = None) -> DaskSummary:
    """Extract everything under `paths` on a Dask cluster into N-Quads shards in `target_dir`.

    `scheduler` is None or "local" (a LocalCluster of `workers` single-threaded processes,
    closed afterwards), a scheduler address such as "tcp://host:8786", or a Client to use as
    it is. Workers read the files themselves and write their shards to `target_dir`, so on a
    real cluster both must be on a filesystem every machine sees, under the same path.
    Without `partitions`, one partition per INPUTS_PER_PARTITION files and at least two per
    worker thread, so a slow partition does not leave the others idle.
    """
    started = time.perf_counter()
    distributed = _distributed()
    # One timestamp for the whole run, chosen here, so every worker stamps the same time.
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    # Resolved here: the base may come from the client's environment, unknown to workers.
    base = Iris(base).base
    target = Path(target_dir).resolve()
    target.mkdir(parents=True, exist_ok=True)
    _remove_previous_shards(target)
    files, failures = expand_inputs(paths)
    # Paths that failed planning count as inputs, as they do in extract_paths.
    summary = DaskSummary(inputs=len(failures), failures=failures,
                          validation=ValidationReport() if validate else None)
    if not files:
        summary.seconds = time.perf_counter() - started
        return summary
    opened: list[Any] = []
    try:
        if isinstance(scheduler, distributed.Client):
            client = scheduler
        elif scheduler in (None, "local"):
            cluster = distributed.LocalCluster(
                n_workers=workers or min(len(files), os.cpu_count() or 1),
                threads_per_worker=1, processes=True, dashboard_address=None)
            opened.append(cluster)
            client = distributed.Client(cluster)
            opened.append(client)
        else:
            try:
                client = distributed.Client(scheduler)
            except (OSError, ValueError) as exc:
                raise DaskError(f"cannot reach the Dask scheduler at {scheduler}: {exc}"
                                ) from None
            opened.append(client)
        threads = _worker_threads(client)
        count = partitions or max(math.ceil(len(files) / INPUTS_PER_PARTITION), 2 * threads)
        parts = split_evenly(files, count)
        summary.partitions, summary.workers = len(parts), len(client.nthreads())
        # client.map, one task per partition: each task has a side effect (its shard) and a
        # small result, needs no task graph (no shuffles, no reductions), and as_completed
        # hands results back one by one, so the client holds one partition's figures at a
        # time. A bag would gather every result at once and add nothing here.
        futures = client.map(
            extract_partition, range(len(parts)), parts, target_dir=str(target), base=base,
            when=when, read_releases=read_releases, validate=validate, root=os.getcwd(),
            genre=genre,
            strict=strict, pure=False, retries=2,
            key=[f"edgar-kg-partition-{index:05d}-{uuid.uuid4().hex[:8]}"
                 for index in range(len(parts))])
        indexes = {future.key: index for index, future in enumerate(futures)}
        results: dict[int, str] = {}
        for future in distributed.as_completed(futures):
            index = indexes[future.key]
            try:
                part: PartitionResult = future.result()
            except Exception as exc:
                # A partition whose task failed (or whose worker kept dying) fails its
                # inputs; the other partitions go on.
                reason = f"partition {index} failed on the cluster: {exc!r}"
                summary.inputs += len(parts[index])
                summary.failures.extend(Failure(path, "dask", reason) for path in parts[index])
            else:
                summary.add(part)
                results[index] = part.shard
                if on_partition is not None:
                    on_partition(part)
            future.release()
        del futures
        summary.shards = [results[index] for index in sorted(results)]
    finally:
        for resource in reversed(opened):
            resource.close()
    summary.seconds = time.perf_counter() - started
    return summary


# --- loading shards into a store ---------------------------------------------------------


def shard_files(shards: ShardPaths) -> list[Path]:
    """A folder's shards in partition order, or the given shard files as given."""
    if isinstance(shards, (str, os.PathLike)):
        path = Path(shards)
        return sorted(path.glob(SHARD_GLOB)) if path.is_dir() else [path]
    return [Path(shard) for shard in shards]


def _shard_graphs(path: Path) -> Iterator[NamedGraph]:
    # A shard holds each graph as one contiguous block (extract_partition writes them so),
    # so grouping runs of one graph name reads it with one graph in memory at a time. They
    # come back as NamedGraphs, the very objects extraction hands the store.
    current: NamedGraph | None = None
    try:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
            name = quad.graph_name
            if not isinstance(name, ox.NamedNode):
                raise StoreError(f"{path}: a quad outside any named graph; not an edgar-kg "
                                 "shard")
            if current is None or current.name != name:
                if current is not None:
                    yield current
                current = NamedGraph(name.value)
            current.add((quad.subject, quad.predicate, quad.object))
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{path}: cannot be read as N-Quads: {exc}") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if current is not None:
        yield current


def _name_ciks(graph: NamedGraph, entity_prefix: str) -> set[str]:
    """CIKs whose names this graph states: entities of its ekg:NameStatement nodes.

    rdf.add_name_statements writes each statement node with its type and its ekg:entity in
    the graph that states it, so one graph is enough to pair them.
    """
    statements = {s for s, p, o in graph.triples if p == RDF.type and o == EKG.NameStatement}
    ciks = set()
    for subject, predicate, entity in graph.triples:
        if predicate == EKG.entity and subject in statements:
            if entity.value.startswith(entity_prefix):
                ciks.add(entity.value[len(entity_prefix):])
    return ciks


def load_shards(store: KnowledgeStore, shards: ShardPaths) -> tuple[int, int]:
    """Load shards (a folder of them, or shard files) into `store`; returns (graphs, quads).

    Each graph a shard holds replaces the store's graph of that name, so loading twice gives
    the same store. Shards are read one at a time, written ~LOAD_BATCH graphs per
    transaction; the merged name histories of the CIKs they state names for are then
    refreshed, as extract_paths does.
    """
    graphs, quads, _ = _load(store, shards)
    return graphs, quads


def _load(store: KnowledgeStore, shards: ShardPaths) -> tuple[int, int, int]:
    entity_prefix = str(store.iris.entity(""))
    graphs = quads = 0
    store.finish_name_histories()
    for path in shard_files(shards):
        batch: list[tuple[str, NamedGraph]] = []
        ciks: set[str] = set()
        for graph in _shard_graphs(path):
            # The batch's CIKs are marked pending in its own transaction (crash-safe).
            ciks |= _name_ciks(graph, entity_prefix)
            batch.append((graph.name.value, graph))
            if len(batch) >= LOAD_BATCH:
                quads += store.replace_graphs(batch, ciks)
                graphs += len(batch)
                batch, ciks = [], set()
        if batch:
            quads += store.replace_graphs(batch, ciks)
            graphs += len(batch)
    histories = store.finish_name_histories()
    link_pending(store)
    store.flush()
    return graphs, quads, histories


# --- for the command line ----------------------------------------------------------------


def extract_into_store(paths: Iterable[str | os.PathLike[str]], store: KnowledgeStore,
                       scheduler: str | Client | None = None,
                       shards_dir: str | os.PathLike[str] | None = None,
                       partitions: int | None = None, read_releases: bool = True,
                       validate: bool = True, strict: bool = False,
                       on_partition: Callable[[PartitionResult], None] | None = None,
                       genre: str | None = None) -> DaskSummary:
    """`extract --dask`: extract on the cluster, then load the shards into `store`.

    Shards go to `shards_dir` and stay there (load them again any time); without it, to a
    temporary folder removed afterwards, which on a multi-machine cluster must then be on a
    shared filesystem (TMPDIR). The summary's name_histories counts the refreshed histories.
    """
    started = time.perf_counter()
    scratch = None if shards_dir else tempfile.mkdtemp(prefix="edgar-kg-shards-")
    try:
        summary = extract_with_dask(paths, shards_dir or scratch, scheduler, partitions,
                                    base=store.iris.base, read_releases=read_releases,
                                    validate=validate, strict=strict,
                                    on_partition=on_partition, genre=genre)
        _, summary.written, summary.name_histories = _load(store, summary.shards)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    summary.seconds = time.perf_counter() - started
    return summary
