"""Batch extraction: inputs streamed through the extractor into a store; bad files never stop it."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import InputError
from .extract import Extraction, extract_source
from .facts import gold_style
from .inputs import Source, iter_sources
from .store import KnowledgeStore
from .vocab import Iris

# Filings written to the store per transaction.
BATCH_SIZE = 200


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
    kinds: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def _extract_one(item: Source | InputError, base: str, when: dt.datetime,
                 read_releases: bool = True) -> Extraction | InputError:
    if isinstance(item, InputError):
        return item
    try:
        return extract_source(item, Iris(base), when, read_releases)
    except InputError as exc:
        return exc
    except RecursionError:
        return InputError(item.name, "structure nested too deeply to parse", stage="parse")
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop a batch
        return InputError(item.name, f"unexpected {type(exc).__name__}: {exc}", stage="extract")


def _worker(args: tuple[Source | InputError, str, dt.datetime, bool]
            ) -> Extraction | InputError:
    return _extract_one(*args)


def iter_extractions(paths: Iterable[str], base: str, jobs: int = 1,
                     when: dt.datetime | None = None, read_releases: bool = True,
                     ) -> Iterator[Extraction | InputError]:
    """Extract every input under `paths`, in order, in `jobs` processes."""
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    items = ((item, base, when, read_releases) for item in iter_sources(paths))
    if jobs <= 1:
        for args in items:
            yield _worker(args)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs) as pool:
        yield from pool.imap(_worker, items, chunksize=4)


def extract_paths(paths: Iterable[str], store: KnowledgeStore, jobs: int = 1,
                  on_result: Callable[[Extraction | InputError], None] | None = None,
                  read_releases: bool = True) -> BatchSummary:
    """Extract everything under `paths` into `store`; merged name histories are refreshed."""
    started = time.perf_counter()
    summary = BatchSummary()
    pending: list[Extraction] = []
    touched: set[str] = set()

    def flush() -> None:
        graphs = [pair for extraction in pending for pair in extraction.graphs]
        if graphs:
            store.replace_graphs(graphs)
        pending.clear()

    for result in iter_extractions(paths, store.iris.base, jobs, read_releases=read_releases):
        summary.inputs += 1
        if isinstance(result, InputError):
            summary.failures.append(Failure(result.source, result.stage, result.reason))
        else:
            summary.kinds[result.kind] += 1
            summary.filings += result.filings
            summary.graphs += len(result.graphs)
            summary.triples += result.triples
            summary.warnings.extend((result.source, w) for w in result.warnings)
            touched |= result.name_ciks
            pending.append(result)
            if len(pending) >= BATCH_SIZE:
                flush()
        if on_result is not None:
            on_result(result)
    flush()
    summary.name_histories = store.refresh_name_histories(touched)
    store.flush()
    summary.seconds = time.perf_counter() - started
    return summary


def predict_paths(paths: Iterable[str], jobs: int = 1
                  ) -> tuple[dict[str, dict], list[Failure]]:
    """Extract inputs without a store; their facts in the gold annotation format, by base name."""
    predictions: dict[str, dict] = {}
    failures: list[Failure] = []
    for result in iter_extractions(paths, Iris().base, jobs):
        if isinstance(result, InputError):
            failures.append(Failure(result.source, result.stage, result.reason))
            continue
        doc = result.source.replace("\\", "/").rsplit("/", 1)[-1]
        predictions[doc] = gold_style(doc, result.releases)
    return predictions, failures
