"""Store writes that fail: a full disk mid-load, a second writer, readers during a load."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import corpus_input_names
from test_store import WHEN, canonical, load, seed_variant, write

from extractor.analysis.queries import load_query, run_query
from extractor.batch.pipeline import BATCH_SIZE, extract_paths
from extractor.cli import cli
from extractor.cli.common import EXIT_STOPPED
from extractor.errors import StoreError, StoreUnavailable
from extractor.rdf.vocab import OX_EKG
from extractor.store.embedded import BOOKKEEPING_PREFIX, KnowledgeStore

JOURNAL = ox.NamedNode(BOOKKEEPING_PREFIX + "loading")
SYNTHETIC_FILINGS = 5 * BATCH_SIZE

# `edgar-kg` as these tests run it: the extraction clock pinned, so that two runs write the same
# quads (as test_store.py's comparisons need), and a line "committed" on stderr after each batch.
# With EDGAR_KG_TEST_PAUSE set it then waits for a line on stdin: the test decides when the
# load goes on, so "during a load" needs no timing.
_EDGAR_KG = textwrap.dedent("""
    import datetime as dt, os, sys
    from extractor.batch import pipeline
    from extractor.cli import main
    from extractor.store.embedded import KnowledgeStore
    when = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    extractions = pipeline.iter_extractions
    def pinned(*args, **kwargs):
        kwargs["when"] = kwargs.get("when") or when
        return extractions(*args, **kwargs)
    pipeline.iter_extractions = pinned
    replace = KnowledgeStore.replace_graphs
    def replace_and_report(self, *args, **kwargs):
        written = replace(self, *args, **kwargs)
        print("committed", file=sys.stderr, flush=True)
        if os.environ.get("EDGAR_KG_TEST_PAUSE"):
            sys.stdin.readline()
        return written
    KnowledgeStore.replace_graphs = replace_and_report
    sys.argv[0] = "edgar-kg"
    main()
""")


def edgar_kg(*args: str) -> list[str]:
    return [sys.executable, "-c", _EDGAR_KG, *args]


def extract_command(inputs: list[str], store: Path) -> list[str]:
    return edgar_kg("extract", *inputs, "--store", str(store), "--headers-only", "--no-validate")


def file_size_limit(limit: int) -> Callable[[], None]:
    """A preexec_fn: files the child writes may not grow past `limit` bytes."""
    def limit_files() -> None:
        # Ignored, SIGXFSZ would kill the child; now the write fails with EFBIG instead.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_files


def error_lines(stderr: str) -> list[str]:
    """The stderr lines other than the test hook's "committed" marks."""
    return [line for line in stderr.splitlines() if line and line != "committed"]


def graphs_of(store: KnowledgeStore) -> dict[str, set[str]]:
    """Each named graph's quads, as N-Quads lines."""
    graphs: dict[str, set[str]] = {}
    for quad in store.store.quads_for_pattern(None, None, None, None):
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs.setdefault(quad.graph_name.value, set()).add(str(quad))
    return graphs


def assert_graphs_whole(store: KnowledgeStore, reference: dict[str, set[str]]) -> int:
    """Every knowledge graph in the store is exactly the reference's; returns how many."""
    present = {name: quads for name, quads in graphs_of(store).items()
               if not name.startswith(BOOKKEEPING_PREFIX)}
    for name, quads in present.items():
        assert quads == reference[name], f"{name} is not whole"
    return len(present)


def filing_ciks(store: KnowledgeStore) -> set[str]:
    return {row[4] for row in run_query(store, load_query("filings")).rows}


# --- a write error in-process (simulated) ----------------------------------------------------


class FillingDisk:
    """A pyoxigraph store whose disk fills up halfway through its `fail_at`th bulk load.

    Half of that load's N-Quads are really written before the OSError, so the batch is
    half-written as after a real failure. With `stays_full`, every write after it fails too.
    """

    def __init__(self, store: ox.Store, fail_at: int, stays_full: bool = False) -> None:
        self.inner = store
        self.fail_at = fail_at
        self.stays_full = stays_full
        self.loads = 0
        self.full = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def _refuse_when_full(self) -> None:
        if self.full:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def bulk_load(self, data: bytes, **options: Any) -> None:
        self._refuse_when_full()
        self.loads += 1
        if self.loads == self.fail_at:
            lines = data.splitlines(keepends=True)
            self.inner.bulk_load(b"".join(lines[:len(lines) // 2]), **options)
            self.full = self.stays_full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.inner.bulk_load(data, **options)

    def extend(self, quads: Any) -> None:
        self._refuse_when_full()
        self.inner.extend(quads)

    def update(self, *args: Any, **options: Any) -> None:
        self._refuse_when_full()
        self.inner.update(*args, **options)


def variants(folder: Path, count: int, first: int = 1) -> Path:
    for number in range(first, first + count):
        write(folder, f"f{number:04d}.txt",
              seed_variant(number, cik=f"{9_000_000 + number:010d}"))
    return folder


@pytest.mark.parametrize("stays_full", [False, True], ids=["space-back", "still-full"])
def test_a_write_error_mid_load_keeps_the_committed_batches(tmp_path: Path,
                                                             stays_full: bool) -> None:
    folder = variants(tmp_path / "in", 9)
    reference = load([folder], read_releases=False, batch_size=3)
    expected = graphs_of(reference)
    store_path = tmp_path / "kg"
    store = KnowledgeStore(store_path)
    disk = FillingDisk(store.store, fail_at=2, stays_full=stays_full)
    store.store = disk
    committed = []
    with pytest.raises(StoreError) as failure:
        extract_paths([str(folder)], store, read_releases=False, validate=False, when=WHEN,
                      batch_size=3, on_batch=lambda summary: committed.append(summary.committed))
    assert committed == [3] and disk.loads == 2
    assert str(failure.value) == (
        f"{store_path}: writing the store failed: [Errno 28] No space left on device. The "
        "batches committed before this one are kept and the unfinished one is discarded; "
        "free some disk space and run the same command again to finish")

    # Right after the error, in the same process: when the disk has room again, the
    # half-written batch is already gone; when it is still full, the journal names it.
    journalled = {quad.object.value for quad in disk.inner.quads_for_pattern(
        None, OX_EKG.loadingGraph, None, JOURNAL)}
    if stays_full:
        assert len(journalled) == 3
    else:
        assert journalled == set() and not disk.inner.contains_named_graph(JOURNAL)
        assert assert_graphs_whole(store, expected) == 3
    store.store, disk.inner = disk.inner, None  # the traceback keeps `disk`, not the store
    store.close()

    reopened = KnowledgeStore(store_path)
    assert sorted(reopened.recovered) == sorted(journalled)
    assert not reopened.store.contains_named_graph(JOURNAL)
    assert assert_graphs_whole(reopened, expected) == 3
    assert filing_ciks(reopened) == {f"{9_000_000 + n:010d}" for n in (1, 2, 3)}
    assert set(reopened.pending_name_histories()) >= filing_ciks(reopened)
    summary = extract_paths([str(folder)], reopened, read_releases=False, validate=False,
                            when=WHEN, batch_size=3)
    assert summary.ok and summary.filings == 9
    assert reopened.pending_name_histories() == []
    assert canonical(reopened) == canonical(reference)


def test_a_failed_replacement_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "a.txt", seed_variant(1))
    store = load([folder], tmp_path / "kg", read_releases=False)
    before = canonical(store)
    # The same filing under a new name replaces its graph: one SPARQL update, refused here.
    write(folder, "a.txt", seed_variant(1, name="Cellectar Renamed Inc."))
    disk = FillingDisk(store.store, fail_at=0, stays_full=True)
    disk.full = True
    store.store = disk
    with pytest.raises(StoreError, match="No space left on device"):
        extract_paths([str(folder)], store, read_releases=False, validate=False, when=WHEN)
    store.store = disk.inner
    assert canonical(store) == before
    assert not store.store.contains_named_graph(JOURNAL)


def test_the_command_line_reports_a_full_disk_in_one_line(
        tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = variants(tmp_path / "in", 3)
    store_path = tmp_path / "kg"
    opened = KnowledgeStore.__init__
    disks = []

    def open_on_a_full_disk(self: KnowledgeStore, *args: Any, **kwargs: Any) -> None:
        opened(self, *args, **kwargs)
        disks.append(FillingDisk(self.store, fail_at=1))
        self.store = disks[-1]

    monkeypatch.setattr(KnowledgeStore, "__init__", open_on_a_full_disk)
    result = runner.invoke(cli, ["extract", str(folder), "--store", str(store_path),
                                 "--headers-only", "--no-validate"])
    assert result.exit_code == EXIT_STOPPED
    assert result.output.splitlines() == [
        f"error: {store_path}: writing the store failed: [Errno 28] No space left on device. "
        "The batches committed before this one are kept and the unfinished one is discarded; "
        "free some disk space and run the same command again to finish"]
    monkeypatch.undo()
    # The runner keeps the error's traceback, and with it the disk: let go of the store.
    for disk in disks:
        disk.inner = None
    with KnowledgeStore(store_path) as store:
        assert store.recovered == [] and store.count(OX_EKG.Filing.value) == 0


# --- a real file size limit on a real load ---------------------------------------------------


@pytest.fixture(scope="module")
def synthetic_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five batches of header-only variants of the seed filing, each its own company."""
    return variants(tmp_path_factory.mktemp("synthetic"), SYNTHETIC_FILINGS)


@pytest.fixture(scope="module")
def reference_run(synthetic_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store the synthetic inputs were loaded into without a limit, read by readers meanwhile.

    Each reader runs while the load is paused after a batch, so it reads a store that a
    writer holds open, with name histories still pending.
    """
    store_path = tmp_path_factory.mktemp("reference") / "kg"
    writer = subprocess.Popen(extract_command([str(synthetic_inputs)], store_path),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "EDGAR_KG_TEST_PAUSE": "1"})
    assert writer.stdin is not None and writer.stderr is not None
    readers = {}
    try:
        for batch in range(1, SYNTHETIC_FILINGS // BATCH_SIZE + 1):
            assert writer.stderr.readline() == "committed\n"
            if batch in (1, 3):  # two readers: each costs a process start
                readers[batch] = subprocess.run(
                    edgar_kg("stats", "--store", str(store_path), "--format", "json"),
                    capture_output=True, text=True, timeout=120)
            writer.stdin.write("go\n")
            writer.stdin.flush()
        _, stderr = writer.communicate(timeout=300)
    finally:
        writer.kill()
    assert writer.returncode == 0, stderr
    for batch, reader in readers.items():
        # A read-only open of a store being written must answer, or say clearly why not.
        assert "Traceback" not in reader.stderr
        if reader.returncode == 0:
            assert f'"filings": {batch * BATCH_SIZE}' in reader.stdout
        else:
            assert reader.returncode == 1 and len(error_lines(reader.stderr)) == 1
    assert any(reader.returncode == 0 for reader in readers.values())
    return store_path


@pytest.mark.slow
def test_a_file_size_limit_mid_load_keeps_the_committed_batches(
        synthetic_inputs: Path, reference_run: Path, tmp_path: Path) -> None:
    # The largest file of the uninterrupted run holds one index of all five batches; a file
    # half that size cannot be written, so the load fails once RocksDB merges its files into
    # one that large: after a batch or more is in, never at the first.
    largest = max(path.stat().st_size for path in reference_run.iterdir())
    limit = largest // 2
    store_path = tmp_path / "kg"
    command = extract_command([str(synthetic_inputs)], store_path)
    limited = subprocess.run(command, capture_output=True, text=True, timeout=300,
                             preexec_fn=file_size_limit(limit))
    assert limited.returncode == EXIT_STOPPED
    assert "Traceback" not in limited.stderr
    [message] = error_lines(limited.stderr)
    assert message.startswith(f"error: {store_path}: writing the store failed: IO error: ")
    assert "File too large" in message
    assert message.endswith("The batches committed before this one are kept and the unfinished "
                            "one is discarded; free some disk space and run the same command "
                            "again to finish")
    reported = limited.stderr.splitlines().count("committed")

    with KnowledgeStore(reference_run, read_only=True) as reference:
        expected = graphs_of(reference)
        expected_quads = canonical(reference)
    with KnowledgeStore(store_path) as store:
        assert not store.store.contains_named_graph(JOURNAL)
        filings = store.count(OX_EKG.Filing.value)
        # Whole batches only, every reported one, never stopped at the first: RocksDB may
        # merge its files while a later batch is written, or only while the finished load's
        # name histories and links are written, which then wait for the next run.
        assert filings == reported * BATCH_SIZE
        assert BATCH_SIZE <= filings <= SYNTHETIC_FILINGS
        assert assert_graphs_whole(store, expected) == filings
        assert len(filing_ciks(store)) == filings
        if filings < SYNTHETIC_FILINGS:
            assert set(store.pending_name_histories()) >= filing_ciks(store)

    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    with KnowledgeStore(store_path, read_only=True) as store:
        assert store.pending_name_histories() == []
        assert not store.store.contains_named_graph(JOURNAL)
        assert canonical(store) == expected_quads


@pytest.mark.slow
def test_a_bulk_write_the_disk_refuses_is_rolled_back_at_once_or_by_the_next_writer(
        synthetic_inputs: Path, reference_run: Path, tmp_path: Path) -> None:
    # A twentieth of the largest file is less than one batch's share of one index: the first
    # batch's bulk write fails after its journal is committed, with the process still alive.
    limit = max(path.stat().st_size for path in reference_run.iterdir()) // 20
    store_path = tmp_path / "kg"
    limited = subprocess.run(extract_command([str(synthetic_inputs)], store_path),
                             capture_output=True, text=True, timeout=300,
                             preexec_fn=file_size_limit(limit))
    assert limited.returncode == EXIT_STOPPED and "Traceback" not in limited.stderr
    [message] = error_lines(limited.stderr)
    assert "File too large" in message and "committed" not in limited.stderr.splitlines()
    bookkeeping = {BOOKKEEPING_PREFIX + "pending-name-histories",
                   BOOKKEEPING_PREFIX + "pending-links"}
    # Read-only, so no writer has recovered anything yet.
    with KnowledgeStore(store_path, read_only=True) as store:
        journalled = {quad.object.value for quad in store.store.quads_for_pattern(
            None, OX_EKG.loadingGraph, None, JOURNAL)}
        if not journalled:
            # The process rolled back itself: at most the batch's bookkeeping marks are left.
            assert not store.store.contains_named_graph(JOURNAL)
            assert store.count(OX_EKG.Filing.value) == 0
            assert {graph.value for graph in store.store.named_graphs()} <= bookkeeping
    if journalled:
        # The rollback's own write did not fit under the limit either (how much it must
        # undo depends on how far RocksDB got): the journal names the batch, and the next
        # writer drops it before anything else.
        assert len(journalled) == BATCH_SIZE
        with KnowledgeStore(store_path) as store:
            assert set(store.recovered) == journalled
            assert store.count(OX_EKG.Filing.value) == 0
            assert {graph.value for graph in store.store.named_graphs()} <= bookkeeping


# --- two writers, real input ------------------------------------------------------------------


@pytest.mark.slow
def test_two_writers_at_once_one_loads_and_the_other_is_refused(
        edgar_corpus: Path, tmp_path: Path) -> None:
    inputs = [str(edgar_corpus / name) for name in corpus_input_names()]
    store_path = tmp_path / "kg"
    paused = {**os.environ, "EDGAR_KG_TEST_PAUSE": "1"}
    # Both wait after their first batch until told to go on, so whichever opened the store
    # first still holds it when the other tries: the loser exits, the winner waits.
    writers = [subprocess.Popen(extract_command(inputs, store_path), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=paused) for _ in range(2)]
    try:
        assert all(writer.stderr is not None for writer in writers)
        # The winner's first line is its "committed" mark; the loser's is its error.
        firsts = [writer.stderr.readline() for writer in writers]
        [winner] = [w for w, line in zip(writers, firsts, strict=True) if line == "committed\n"]
        [loser] = [w for w in writers if w is not winner]
        _, loser_err = loser.communicate(timeout=120)
        reader = subprocess.run(edgar_kg("history", "names", "1750", "--store",
                                         str(store_path)), capture_output=True, text=True,
                                timeout=120)
        winner_out, winner_err = winner.communicate("go\n", timeout=300)
    finally:
        for writer in writers:
            writer.kill()
    assert loser.returncode == EXIT_STOPPED
    lines = error_lines(firsts[writers.index(loser)] + loser_err)
    assert len(lines) == 1 and "Traceback" not in loser_err
    assert lines[0].startswith(f"error: {store_path}: the store cannot be opened (")
    assert "Is another edgar-kg process using it" in lines[0]
    assert winner.returncode == 0, winner_err
    assert "Traceback" not in reader.stderr
    assert reader.returncode == 0, reader.stderr
    assert "ALLEN AIRCRAFT RADIO INC" in reader.stdout

    single = tmp_path / "single"
    alone = subprocess.run(extract_command(inputs, single), capture_output=True, text=True,
                           timeout=300)
    assert alone.returncode == 0, alone.stderr
    with KnowledgeStore(store_path, read_only=True) as shared, \
            KnowledgeStore(single, read_only=True) as reference:
        assert canonical(shared) == canonical(reference)
        assert shared.count(OX_EKG.Filing.value) > 50


class _MergingStore:
    """A stand-in for pyoxigraph's Store whose read-only open meets a writer's merge."""

    def __init__(self, vanishing: int) -> None:
        self.vanishing = vanishing
        self.tries = 0

    def read_only(self, path: str) -> str:
        self.tries += 1
        if self.tries <= self.vanishing:
            raise RuntimeError(f"Corruption: IO error: No such file or directory: While open a "
                               f"file for random read: {path}/000065.sst")
        return "opened"


@pytest.mark.parametrize(("vanishing", "opened"), [(2, True), (99, False)])
def test_a_reader_opening_a_store_a_writer_is_merging_tries_again_then_says_why(
        monkeypatch: pytest.MonkeyPatch, vanishing: int, opened: bool) -> None:
    from extractor.store import opening

    fake = _MergingStore(vanishing)
    monkeypatch.setattr(opening, "ox", type("ox", (), {"Store": fake}))
    monkeypatch.setattr(opening, "_RETRY_PAUSE", 0.0)
    if opened:
        assert opening.open_store_files("kg", read_only=True) == "opened"
        assert fake.tries == 3
    else:
        with pytest.raises(StoreUnavailable, match="kg: the store changed while it was being "
                                                   "read .a load is writing it.; run the "
                                                   "command again"):
            opening.open_store_files("kg", read_only=True)
        assert fake.tries == opening._READ_TRIES
