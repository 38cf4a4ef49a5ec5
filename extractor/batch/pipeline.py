"""Batch extraction: inputs streamed through the extractor into a store; bad files never stop it."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, StoreError, WorkerError
from ..extract import DOCUMENT_TIME_BUDGET, Extraction, extract_document
from ..linking.store_links import link_pending
from ..nlp.facts import gold_style
from ..rdf.vocab import Iris
from ..read.inputs import iter_input_files, read_input
from ..read.kinds import NAME_LIST
from ..read.source import Source, base_name
from ..store.embedded import KnowledgeStore
from ..store.formats import EXPORT_FORMATS
from ..validate.shacl import ShapeValidator, ValidationReport, default_validator, validate_store

# Filings written to the store per transaction, or fewer when they reach BATCH_QUADS: each
# batch is one ingestion into RocksDB, whose compactions slow the next writes, so batches are
# large (a 1,000-filing batch loaded 20,000 headers 7 % faster than 200-filing ones).
BATCH_SIZE = 1000
BATCH_QUADS = 250_000
# Tasks submitted ahead per worker: enough to keep workers busy while the writer loads a
# batch (a header-only result is ~10 KB of N-Quads), few enough that memory stays flat.
IN_FLIGHT_PER_WORKER = 8
# Files sent to a worker in one task: handing over a task costs both sides about as much CPU
# as extracting a small header, so files go in groups. (Sizes are not looked at: a stat per
# file cost the writer more than the grouping saved, and a worker reads one file at a time.)
FILES_PER_TASK = 16


@dataclass(slots=True)
class Failure:
    """An input that could not be extracted: which, at what stage, and why."""

    source: str
    stage: str
    reason: str

    def line(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class BatchSummary:
    """What a batch did: inputs seen, filings and triples written, failures and warnings."""

    inputs: int = 0
    filings: int = 0
    graphs: int = 0
    triples: int = 0
    name_histories: int = 0
    # organizations linked to a CIK (and left ambiguous or unlinked) by this run
    links: dict[str, int] = field(default_factory=dict)
    # quads actually written: unchanged graphs of a re-run are left as they are
    written: int = 0
    # filings whose batch is committed (the other counts include the batch being gathered)
    committed: int = 0
    batches: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    # inputs that are no filing or release (READMEs, manifests), set aside by skip_unrecognized
    skipped: list[Failure] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    validation: ValidationReport | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures

    def skip_unrecognized(self) -> None:
        """Count inputs that were no kind of filing or release as skipped, not failed: a corpus
        folder's README or manifest, an empty file."""
        self.skipped += [failure for failure in self.failures if failure.stage == "detect"]
        self.failures = [failure for failure in self.failures if failure.stage != "detect"]

    def record(self, result: Extraction | InputError, strict: bool = False) -> bool:
        """Count one input's outcome; True when it is an extraction with graphs to write.

        With `strict`, graphs that violate a core shape are dropped from the extraction and
        its input counted as failed.
        """
        self.inputs += 1
        if isinstance(result, InputError):
            failure = Failure(result.source, result.stage, result.reason)
            (self.skipped if result.stage == NAME_LIST else self.failures).append(failure)
            return False
        if self.validation is not None:
            self._record_validation(result, strict)
        self.kinds[result.kind] += 1
        self.filings += result.filings
        self.graphs += len(result.graphs)
        self.triples += result.triples
        self.warnings.extend((result.source, w) for w in result.warnings)
        return True

    def merge(self, other: BatchSummary) -> None:
        """Add another summary's counts, failures, warnings and shape results to this one."""
        self.inputs += other.inputs
        self.filings += other.filings
        self.graphs += other.graphs
        self.triples += other.triples
        self.kinds.update(other.kinds)
        self.failures.extend(other.failures)
        self.skipped.extend(other.skipped)
        self.warnings.extend(other.warnings)
        if self.validation is not None and other.validation is not None:
            self.validation.results.extend(other.validation.results)
            self.validation.graphs += other.validation.graphs

    def _record_validation(self, extraction: Extraction, strict: bool) -> None:
        assert self.validation is not None
        kept = []
        for pair in extraction.graphs:
            name = pair[1].name.value
            results = extraction.shape_results.get(name, [])
            self.validation.add(results)
            violations = [r for r in results if r.is_violation]
            if not (strict and violations):
                kept.append(pair)
                continue
            first = violations[0]
            self.failures.append(Failure(
                extraction.source, "validate",
                f"{len(violations)} shape violation(s) in {name}, not loaded (--strict);"
                f" first: {first.focus} {first.path or ''}: {first.message}"))
        extraction.graphs = kept


WorkItem = Path | Source | InputError


def extract_work_item(item: WorkItem, base: str, when: dt.datetime, read_releases: bool = True,
                      validate: bool = False, keep_facts: bool = True,
                      time_budget: float | None = DOCUMENT_TIME_BUDGET,
                      genre: str | None = None) -> list[Extraction | InputError]:
    """Read one unread file (or take a ready source) and extract every input it holds.

    Without `keep_facts`, the release facts (already in the graphs) are dropped, so a worker
    sends back only the graphs.
    """
    sources = read_input(item) if isinstance(item, Path) else (item,)
    results = [extract_document(source, base, when, read_releases, validate, time_budget, genre)
               for source in sources]
    if not keep_facts:
        for result in results:
            if isinstance(result, Extraction):
                result.releases = []
                result.form_items = []
    return results


def _worker(args: tuple[list[WorkItem], str, dt.datetime, bool, bool, bool, float | None,
                        str | None]) -> list[Extraction | InputError]:
    items, *options = args
    return [result for item in items for result in extract_work_item(item, *options)]


def _tasks(items: Iterable[WorkItem]) -> Iterator[list[WorkItem]]:
    """Consecutive inputs grouped into tasks of FILES_PER_TASK."""
    task: list[WorkItem] = []
    for item in items:
        task.append(item)
        if len(task) >= FILES_PER_TASK:
            yield task
            task = []
    if task:
        yield task


def iter_extractions(paths: Iterable[str], base: str, jobs: int = 1,
                     when: dt.datetime | None = None, read_releases: bool = True,
                     validate: bool = False, keep_facts: bool = True,
                     time_budget: float | None = DOCUMENT_TIME_BUDGET,
                     genre: str | None = None,
                     only: Collection[str] | None = None) -> Iterator[Extraction | InputError]:
    """Extract every input under `paths`, in order, in `jobs` processes.

    Input is streamed: files are listed lazily, read by the worker that extracts them, and
    at most a few per worker are in flight, so memory does not grow with the corpus. With
    `validate`, each extraction is checked against the SHACL shapes in the worker that made
    it, so validation runs in parallel too.
    """
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    inputs = (item for item in iter_input_files(paths) if only is None or _named_in(item, only))
    if jobs <= 1:
        for item in inputs:
            yield from extract_work_item(item, base, when, read_releases, validate, keep_facts,
                                         time_budget, genre)
        return
    items = ((task, base, when, read_releases, validate, keep_facts, time_budget, genre)
             for task in _tasks(inputs))
    # A bounded window of submitted tasks: Pool.imap would read the whole input list ahead.
    window = jobs * IN_FLIGHT_PER_WORKER
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        pending: deque[Future[list[Extraction | InputError]]] = deque()
        try:
            for args in items:
                pending.append(pool.submit(_worker, args))
                if len(pending) >= window:
                    yield from _result(pending.popleft())
            while pending:
                yield from _result(pending.popleft())
        finally:
            for future in pending:
                future.cancel()


def _named_in(item: WorkItem, names: Collection[str]) -> bool:
    """Whether an input is one of `names` (base names): what an evaluation has gold for.
    A file that failed to open is kept, so its error is still reported."""
    if isinstance(item, InputError):
        return True
    name = base_name(item.name if isinstance(item, Source) else str(item))
    # An archive is opened to see whether it holds them.
    return name in names or name.lower().endswith(_ARCHIVE_SUFFIXES)


_ARCHIVE_SUFFIXES = (".zip", ".tar", ".tgz", ".gz", ".zst", ".bz2", ".xz")


def _result(future: Future[list[Extraction | InputError]]) -> list[Extraction | InputError]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise WorkerError("a worker process died (killed, or out of memory); the batches "
                          "written before it are in the store, run the command again to "
                          "finish") from None


def extract_paths(paths: Iterable[str], store: KnowledgeStore, jobs: int = 1,
                  on_result: Callable[[Extraction | InputError], None] | None = None,
                  read_releases: bool = True, validate: bool = True,
                  strict: bool = False, when: dt.datetime | None = None,
                  batch_size: int = BATCH_SIZE,
                  on_batch: Callable[[BatchSummary], None] | None = None,
                  time_budget: float | None = DOCUMENT_TIME_BUDGET,
                  genre: str | None = None) -> BatchSummary:
    """Extract everything under `paths` into `store`; merged name histories are refreshed.

    Filings are written in batches of BATCH_SIZE, each in one transaction: a run killed
    midway leaves every earlier batch in the store, and name histories it left pending are
    finished by the next run. Every graph is validated against the SHACL shapes unless
    `validate` is False. A graph that violates a core shape is reported in the summary and
    still loaded, unless `strict`: then it is left out and its input counted as failed.
    `on_batch` is called with the running summary after each batch is committed (its
    `committed` filings are in the store; its other counts run ahead, since the next batch
    is gathered while one is written). A document
    taking longer than `time_budget` seconds is skipped and counted as failed (stage
    "budget"); None waits for every document. `genre` reads every file without an SEC
    header as that genre (see extract_source).
    """
    started = time.perf_counter()
    summary = BatchSummary(validation=ValidationReport() if validate else None)
    pending: list[Extraction] = []
    quads = 0  # in the pending graphs
    store.finish_name_histories()
    with _BatchWriter(store, summary, on_batch) as writer:
        for result in iter_extractions(paths, store.iris.base, jobs, when=when,
                                       read_releases=read_releases, validate=validate,
                                       keep_facts=False, time_budget=time_budget,
                                       genre=genre):
            if summary.record(result, strict):
                assert isinstance(result, Extraction)
                pending.append(result)
                quads += sum(len(graph) for _, graph in result.graphs)
                if len(pending) >= batch_size or quads >= BATCH_QUADS:
                    writer.write(pending)
                    pending, quads = [], 0
            if on_result is not None:
                on_result(result)
        writer.write(pending)
    summary.name_histories = store.finish_name_histories()
    summary.links = link_pending(store).outcomes
    store.flush()
    summary.seconds = time.perf_counter() - started
    return summary


class _BatchWriter:
    """Writes batches to the store from a thread, one at a time and in order.

    Oxigraph's bulk load lets go of the GIL, so while one batch is written the next is
    gathered: the workers' results keep being taken in and the workers kept busy, instead
    of all of them waiting for each load (5,000 headers: 10.6 s before, 8.9 s after). A
    write's error is raised by the next call, or on leaving the `with` block.
    """

    def __init__(self, store: KnowledgeStore, summary: BatchSummary,
                 on_batch: Callable[[BatchSummary], None] | None) -> None:
        self._store = store
        self._summary = summary
        self._on_batch = on_batch
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="edgar-kg-writer")
        self._under_way: tuple[Future[int], int] | None = None  # a write, and its filings

    def write(self, extractions: list[Extraction]) -> None:
        """Start writing a batch once the one before is committed."""
        graphs = [pair for extraction in extractions for pair in extraction.graphs]
        ciks = {cik for extraction in extractions for cik in extraction.name_ciks}
        filings = sum(extraction.filings for extraction in extractions)
        self.wait()
        if graphs:
            self._under_way = (self._thread.submit(self._store.replace_graphs, graphs, ciks),
                               filings)

    def wait(self) -> None:
        """Wait for the write under way; count it and tell `on_batch`."""
        if self._under_way is None:
            return
        future, filings = self._under_way
        self._under_way = None
        self._summary.written += future.result()
        self._summary.committed += filings
        self._summary.batches += 1
        if self._on_batch is not None:
            self._on_batch(self._summary)

    def __enter__(self) -> _BatchWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            if exc_info[0] is None:
                self.wait()
        finally:
            # An error stops the batch, but the write under way still ends whole first.
            self._thread.shutdown(wait=True)


def validate_paths(paths: Iterable[str], validator: ShapeValidator | None = None,
                   jobs: int = 1) -> tuple[ValidationReport, list[Failure]]:
    """Validate RDF files as they are, and extract any other input first and validate that.

    RDF files are told by their extension (.ttl .trig .nq .nt .jsonld ...); each named graph
    in them is validated on its own, like the graphs extraction writes.
    """
    validator = validator or default_validator()
    report = ValidationReport()
    failures: list[Failure] = []
    started = time.perf_counter()
    paths = list(paths)
    rdf_files = [path for path in paths if Path(path).suffix.lower() in EXPORT_FORMATS]
    others = [path for path in paths if path not in rdf_files]
    for path in rdf_files:
        with KnowledgeStore(None) as scratch:
            try:
                scratch.load_file(path)
            except StoreError as exc:
                failures.append(Failure(path, "read", str(exc).removeprefix(f"{path}: ")))
                continue
            validate_store(scratch.store, validator, report, default_source=path)
    if others:
        # Checked here, not in the workers: they would use the shipped shapes and engine.
        for result in iter_extractions(others, Iris().base, jobs):
            if isinstance(result, InputError):
                failures.append(Failure(result.source, result.stage, result.reason))
                continue
            for _, graph in result.graphs:
                report.add(validator.validate_named_graph(graph, result.source))
    report.seconds = time.perf_counter() - started
    return report, failures


def predict_paths(paths: Iterable[str], jobs: int = 1, only: Collection[str] | None = None,
                  on_result: Callable[[Extraction | InputError], None] | None = None
                  ) -> tuple[dict[str, dict], list[Failure]]:
    """Extract inputs without a store; their facts in the gold annotation format, by base name.

    With `only`, just the inputs of those base names are read (the documents a gold file
    annotates), so a folder's README or the gold file itself is not taken for an input.
    `on_result` sees each extraction or failure as it comes (for a progress bar).
    """
    predictions: dict[str, dict] = {}
    failures: list[Failure] = []
    for result in iter_extractions(paths, Iris().base, jobs, only=only):
        if on_result is not None:
            on_result(result)
        if isinstance(result, InputError):
            failures.append(Failure(result.source, result.stage, result.reason))
            continue
        doc = base_name(result.source)
        predictions[doc] = gold_style(doc, result.facts)
    return predictions, failures
