"""The store at scale: idempotent re-runs, replaced and removed filings, crash-safe batches."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pyoxigraph as ox
import pytest

from extractor.analysis.queries import load_query, run_query
from extractor.batch import pipeline
from extractor.batch.pipeline import extract_paths, iter_extractions
from extractor.extract import extract_document
from extractor.linking.store_links import link_pending
from extractor.rdf.graph import NamedGraph
from extractor.rdf.vocab import OX_EKG, OX_PROV, Iris
from extractor.read.inputs import iter_sources
from extractor.store.embedded import KnowledgeStore

SEED = Path(__file__).parent / "data" / "seed_8k_cellectar.txt"

WHEN = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
SEED_ACCESSION = "0001144204-17-013452"
SEED_CIK = "0001279704"
SEED_NAME = "Cellectar Biosciences, Inc."


def seed_variant(number: int, *, cik: str = SEED_CIK, name: str = SEED_NAME,
                 filed: str = "20170308", header_only: bool = True) -> str:
    """The seed filing under another accession number (and optionally CIK, name, date)."""
    text = SEED.read_text(encoding="utf-8")
    if header_only:
        text = text[:text.index("</SEC-HEADER>")] + "</SEC-HEADER>\n"
    accession = f"0001144204-17-{number:06d}"
    text = text.replace(SEED_ACCESSION, accession).replace(SEED_CIK, cik)
    text = text.replace(f"COMPANY CONFORMED NAME:\t\t\t{SEED_NAME}",
                        f"COMPANY CONFORMED NAME:\t\t\t{name}")
    return text.replace("FILED AS OF DATE:\t\t20170308", f"FILED AS OF DATE:\t\t{filed}")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def canonical(store: KnowledgeStore) -> tuple[int, str]:
    """The store's quad count and a hash of its sorted N-Quads."""
    lines = sorted(str(quad) for quad in store.store.quads_for_pattern(None, None, None, None))
    return len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()


def load(paths: list[Path], store_path: Path | None = None, **options) -> KnowledgeStore:
    store = KnowledgeStore(store_path)
    summary = extract_paths([str(p) for p in paths], store, validate=False, when=WHEN, **options)
    assert summary.ok, summary.failures
    return store


def history_names(store: KnowledgeStore, cik: str = SEED_CIK) -> list[tuple[str, bool]]:
    return [(record.name, record.is_current) for record in store.name_history(cik)]


def names_graph_quads(store: KnowledgeStore, cik: str = SEED_CIK) -> set[str]:
    graph = ox.NamedNode(str(store.iris.names_graph(cik)))
    return {str(q) for q in store.store.quads_for_pattern(None, None, None, graph)}


# --- idempotence ---------------------------------------------------------------------------


def test_running_a_batch_twice_leaves_the_same_quads(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write(inputs, "seed.txt", SEED.read_text(encoding="utf-8"))
    for number in range(1, 4):
        write(inputs, f"v{number}.txt", seed_variant(number, cik=f"{9_000_000 + number:010d}"))
    store = KnowledgeStore(tmp_path / "kg")
    # A different clock on the second run: unchanged graphs must still stay as they are.
    first = extract_paths([str(inputs)], store, validate=False, when=WHEN)
    before = canonical(store)
    second = extract_paths([str(inputs)], store, validate=False, when=WHEN + dt.timedelta(1))
    assert canonical(store) == before
    assert first.written > 0 and second.written == 0
    assert second.filings == first.filings == 4
    assert store.pending_name_histories() == []


def test_every_graph_carries_a_content_hash_that_ignores_the_clock() -> None:
    graph = ox.NamedNode(str(Iris().filing_graph(SEED_ACCESSION)))

    def stamped(when: dt.datetime) -> tuple[list[str], list[str]]:
        store = KnowledgeStore(None)
        extract_paths([str(SEED)], store, validate=False, when=when)
        hashes = [q.object.value for q in store.store.quads_for_pattern(
            graph, OX_EKG.contentHash, None, graph)]
        times = [q.object.value for q in store.store.quads_for_pattern(
            graph, OX_PROV.generatedAtTime, None, graph)]
        return hashes, times

    hashes, times = stamped(WHEN)
    later_hashes, later_times = stamped(WHEN + dt.timedelta(days=3))
    assert len(hashes) == 1 and len(hashes[0]) == 64
    assert hashes == later_hashes
    assert times == ["2026-11-22T12:00:00Z"] and later_times == ["2026-11-25T12:00:00Z"]


def test_the_content_hash_is_the_sha256_of_the_sorted_distinct_triple_lines() -> None:
    extraction = extract_document(next(iter_sources([str(SEED)])), Iris().base, WHEN)
    for _, graph in extraction.graphs:  # the filing, with its press release's facts
        assert len(graph) > 300
        lines = sorted({f"{s} {p} {o}" for s, p, o in graph.triples
                        if p not in (OX_PROV.generatedAtTime, OX_EKG.contentHash)})
        expected = hashlib.sha256("".join(line + "\n" for line in lines).encode()).hexdigest()
        assert graph.stamped_hash == graph.content_hash() == expected
        # The N-Quads sent to the store are these triples in this graph, the hash included.
        quads = set(ox.parse(graph.nquads(), format=ox.RdfFormat.N_QUADS))
        assert quads == set(graph.quads())
        assert ox.Quad(graph.name, OX_EKG.contentHash, ox.Literal(expected), graph.name) in quads


def test_n_quads_of_a_graph_keep_literals_with_line_breaks_and_dots_whole() -> None:
    graph = NamedGraph("urn:g")
    text = 'ends here .\nand " .\r\n goes on \u00e9 \U0001F600'
    graph.add((ox.NamedNode("urn:s"), OX_EKG.name, ox.Literal(text)))
    graph.add((ox.BlankNode("b1"), OX_EKG.name, ox.Literal("x .", language="en")))
    graph.stamp_content_hash()
    parsed = list(ox.parse(graph.nquads(), format=ox.RdfFormat.N_QUADS))
    assert set(parsed) == set(graph.quads()) and len(parsed) == 3
    assert {q.object.value for q in parsed} >= {text, "x ."}


def test_a_graphs_n_triples_are_byte_for_byte_the_serializers() -> None:
    """The lines are formatted from each term's str(); they must stay what pyoxigraph's
    N-Triples serializer writes, or every content hash in existing stores would change."""
    from extractor.rdf.named_graph import _ntriples

    awkward = ['tab\tquote " backslash \\ cr\r nl\n', "control \x01\x1f\x7f del",
               "\u00e9 \u2028 \U0001F600", "", " . ", "trailing space "]
    terms = [ox.Literal(text) for text in awkward] + [
        ox.Literal("x", language="en-GB"), ox.Literal("12", datatype=OX_EKG.cik),
        ox.Literal("2017-03-08", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
        ox.NamedNode("urn:x:a%20b?q=1#f"), ox.BlankNode("b0"), ox.BlankNode()]
    triples = [(subject, OX_EKG.name, value)
               for subject in (ox.NamedNode("http://example.org/s/é"), ox.BlankNode("s1"))
               for value in terms]
    expected = ox.serialize((ox.Triple(*t) for t in triples), format=ox.RdfFormat.N_TRIPLES)
    assert _ntriples(triples) == expected
    assert _ntriples([]) == b""


def _link_marks(store: KnowledgeStore) -> tuple[set[str], set[str]]:
    """The graphs and the CIKs the store has marked for linking."""
    pending = ox.NamedNode("urn:edgar-kg:pending-links")
    graphs = {q.subject.value for q in store.store.quads_for_pattern(
        None, OX_EKG.linksPending, None, pending)}
    ciks = {q.object.value for q in store.store.quads_for_pattern(
        None, OX_EKG.indexPending, None, pending)}
    return graphs, ciks


def test_a_new_header_graph_is_not_marked_for_linking_but_its_companies_are() -> None:
    store = KnowledgeStore(None)
    headers = extract_document(next(iter_sources([str(SEED)])), Iris().base, WHEN,
                               read_releases=False)
    store.replace_graphs(headers.graphs, headers.name_ciks)
    graphs, ciks = _link_marks(store)
    assert graphs == set() and ciks == {SEED_CIK}
    # Read with its press release, the filing names organizations without a CIK: linked.
    full = extract_document(next(iter_sources([str(SEED)])), Iris().base, WHEN)
    store.replace_graphs(full.graphs, full.name_ciks)
    filing_graph = str(Iris().filing_graph(SEED_ACCESSION))
    assert filing_graph in _link_marks(store)[0]
    link_pending(store)
    assert _link_marks(store) == (set(), set())
    # A header graph that replaces one is linked again: the old one's links must go.
    store.replace_graphs(headers.graphs, headers.name_ciks)
    assert _link_marks(store)[0] == {filing_graph}


def test_a_changed_filing_replaces_its_graph_and_the_merged_history(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    seed = write(folder, "a.txt", seed_variant(1))
    later = write(folder, "b.txt", seed_variant(2, name="Cellectar Renamed Inc.",
                                                 filed="20190101"))
    store = load([seed, later])
    assert ("Cellectar Renamed Inc.", True) in history_names(store)

    # The same accession number again, now with yet another name: it replaces the graph.
    write(folder, "b.txt", seed_variant(2, name="Cellectar Second Name Inc.", filed="20190101"))
    extract_paths([str(later)], store, validate=False, when=WHEN)
    names = [name for name, _ in history_names(store)]
    assert "Cellectar Renamed Inc." not in names
    assert ("Cellectar Second Name Inc.", True) in history_names(store)

    fresh = load([seed, later])
    assert canonical(store) == canonical(fresh)


# --- remove --------------------------------------------------------------------------------


def test_remove_a_filing_recomputes_the_name_history(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    seed = write(folder, "a.txt", seed_variant(1))
    later = write(folder, "b.txt", seed_variant(2, name="Cellectar Renamed Inc.",
                                                 filed="20190101"))
    store = load([seed, later], tmp_path / "kg")
    assert store.remove_filing("000114420417000002") == [
        str(store.iris.filing_graph("0001144204-17-000002"))]
    link_pending(store)  # as `edgar-kg remove` does: relinking is the linker's work
    only_seed = load([seed])
    assert history_names(store) == history_names(only_seed)
    assert ("Cellectar Renamed Inc.", True) not in history_names(store)
    assert names_graph_quads(store) == names_graph_quads(only_seed)
    assert canonical(store) == canonical(only_seed)

    # Removing the last filing of a company removes its merged history too.
    assert store.remove_filing("0001144204-17-000001")
    assert names_graph_quads(store) == set()
    link_pending(store)  # indexes the CIK's (now empty) names and clears the marks
    assert len(store) == 0
    assert store.remove_filing("0001144204-17-000001") == []


def test_remove_command(runner, tmp_path: Path) -> None:
    from extractor.cli import cli

    store_path = str(tmp_path / "kg")
    folder = tmp_path / "in"
    write(folder, "a.txt", seed_variant(1))
    write(folder, "b.txt", seed_variant(2, cik="0009000002"))
    assert runner.invoke(cli, ["extract", str(folder), "--store", store_path,
                               "--no-validate"]).exit_code == 0
    result = runner.invoke(cli, ["remove", "0001144204-17-000002", "--store", store_path])
    assert result.exit_code == 0, result.output
    assert "removed 0001144204-17-000002" in result.output
    stats = runner.invoke(cli, ["stats", "--store", store_path, "--format", "json"])
    assert '"filings": 1' in stats.output and '"name_histories": 1' in stats.output
    missing = runner.invoke(cli, ["remove", "0001144204-17-000002", "--store", store_path])
    assert missing.exit_code == 1
    assert "no filing, input file or graph '0001144204-17-000002' in the store" in (
        missing.output)


def test_stats_counts(store: str) -> None:
    with KnowledgeStore(store, read_only=True) as opened:
        figures = opened.stats()
    assert figures["filings"] == 1 and figures["companies"] == 1
    assert figures["deals"] == 2
    assert figures["name_histories"] == 1 and figures["pending_name_histories"] == 0
    assert figures["graphs"] == 2
    assert figures["quads"] == 593 and figures["bytes_on_disk"] > 0


# --- crash safety --------------------------------------------------------------------------


def test_pending_name_histories_are_finished_by_the_next_run(tmp_path: Path) -> None:
    # A load that wrote its batch but was killed before recomputing the merged histories.
    store = KnowledgeStore(tmp_path / "kg")
    extraction = next(iter_extractions([str(SEED)], store.iris.base, when=WHEN,
                                       read_releases=False))
    store.replace_graphs(extraction.graphs, extraction.name_ciks)
    assert store.pending_name_histories() == [SEED_CIK]
    assert names_graph_quads(store) == set()
    store.close()

    reopened = KnowledgeStore(tmp_path / "kg")
    summary = extract_paths([], reopened, validate=False)
    assert summary.inputs == 0
    assert reopened.pending_name_histories() == []
    assert names_graph_quads(reopened) == names_graph_quads(load([SEED], read_releases=False))


_KILLED_LOAD = textwrap.dedent("""
    import datetime as dt, sys
    from extractor.batch.pipeline import extract_paths
    from extractor.store.embedded import KnowledgeStore
    store = KnowledgeStore(sys.argv[1])
    when = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    def committed(summary):
        print(f"committed {summary.committed}", flush=True)
    extract_paths([sys.argv[2]], store, read_releases=False, validate=False, when=when,
                  batch_size=int(sys.argv[3]), on_batch=committed)
    print("done", flush=True)
""")


@pytest.mark.slow
def test_a_load_killed_with_sigkill_keeps_every_committed_batch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    filings = 600
    for number in range(1, filings + 1):
        write(folder / f"{number // 200:02d}", f"f{number:05d}.txt",
              seed_variant(number, cik=f"{9_000_000 + number:010d}"))
    store_path = tmp_path / "kg"
    batch = 10
    process = subprocess.Popen(
        [sys.executable, "-c", _KILLED_LOAD, str(store_path), str(folder), str(batch)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    committed = 0
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("committed"):
                committed = int(line.split()[1])
                if committed >= 4 * batch:
                    break
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert batch * 4 <= committed < filings

    with KnowledgeStore(store_path) as store:
        filing_graphs = store.count(OX_EKG.Filing.value)
        # Every reported batch is there, and batches are whole: never part of one.
        assert filing_graphs >= committed
        assert filing_graphs % batch == 0
        rows = run_query(store, load_query("filings")).rows
        assert len(rows) == filing_graphs
        # A second run finishes the job: the same store as one run without a kill.
        summary = extract_paths([str(folder)], store, read_releases=False, validate=False,
                                when=WHEN, batch_size=batch)
        assert summary.ok and summary.filings == filings
        assert store.pending_name_histories() == []
        resumed = canonical(store)
    clean = load([folder], tmp_path / "clean", read_releases=False, batch_size=batch)
    assert resumed == canonical(clean)


# --- streaming -----------------------------------------------------------------------------


def test_parallel_extraction_reads_inputs_lazily(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "FILES_PER_TASK", 2)
    monkeypatch.setattr(pipeline, "IN_FLIGHT_PER_WORKER", 2)
    folder = tmp_path / "in"
    paths = [write(folder, f"f{n:03d}.txt", seed_variant(n)) for n in range(1, 41)]
    consumed = 0

    def lazily() -> Iterator[str]:
        nonlocal consumed
        for path in paths:
            consumed += 1
            yield str(path)

    results = iter_extractions(lazily(), Iris().base, jobs=2, when=WHEN, read_releases=False)
    first = next(results)
    # Pool.imap would have drained all 40 paths by now; the window holds a few tasks per
    # worker, and the task being grouped.
    assert consumed <= (2 * pipeline.IN_FLIGHT_PER_WORKER + 1) * pipeline.FILES_PER_TASK
    rest = list(results)
    assert 1 + len(rest) == 40 and consumed == 40
    assert [r.source for r in [first, *rest]] == [str(p) for p in paths]


def _pipeline_loads_in_worker(paths: list[str]) -> tuple[int, int]:
    from extractor.nlp.pipeline import load_pipeline

    for path in paths:
        pipeline.extract_work_item(Path(path), Iris().base, WHEN)
    return os.getpid(), load_pipeline.cache_info().misses


def test_spacy_is_loaded_once_per_worker(tmp_path: Path) -> None:
    seed = write(tmp_path, "seed.txt", SEED.read_text(encoding="utf-8"))
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        results = [pool.submit(_pipeline_loads_in_worker, [str(seed)] * 2) for _ in range(4)]
        loads: dict[int, int] = {}
        for future in results:
            pid, misses = future.result()
            loads[pid] = max(loads.get(pid, 0), misses)
    assert loads and set(loads.values()) == {1}


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_and_serial_runs_give_the_same_store(tmp_path: Path, jobs: int) -> None:
    folder = tmp_path / "in"
    for number in range(1, 9):
        write(folder, f"f{number}.txt", seed_variant(number, cik=f"{9_000_000 + number:010d}"))
    write(folder, "seed.txt", SEED.read_text(encoding="utf-8"))
    write(folder, "empty.txt", "")
    store = KnowledgeStore(None)
    summary = extract_paths([str(folder)], store, jobs=jobs, validate=False, when=WHEN)
    assert [f.source for f in summary.failures] == [str(folder / "empty.txt")]
    assert summary.filings == 9
    reference = KnowledgeStore(None)
    extract_paths([str(folder)], reference, jobs=1, validate=False, when=WHEN)
    assert canonical(store) == canonical(reference)


def test_a_second_writer_gets_a_clear_error_and_readers_still_work(tmp_path: Path) -> None:
    store_path = tmp_path / "kg"
    with KnowledgeStore(store_path) as writer:
        extract_paths([str(SEED)], writer, validate=False, read_releases=False, when=WHEN)
        second = subprocess.run(
            [sys.executable, "-m", "extractor.cli", "extract", str(SEED), "--store",
             str(store_path), "--headers-only"], capture_output=True, text=True, timeout=120)
        # 3: the run stopped, nothing was done; running it again later finishes it.
        assert second.returncode == 3
        assert f"{store_path}: the store cannot be opened" in second.stderr
        assert "Traceback" not in second.stderr
        reader = subprocess.run(
            [sys.executable, "-m", "extractor.cli", "history", "names", "1279704", "--store",
             str(store_path)], capture_output=True, text=True, timeout=120)
        assert reader.returncode == 0, reader.stderr
        assert "NOVELOS THERAPEUTICS, INC." in reader.stdout


def test_an_interrupted_bulk_write_is_rolled_back_by_the_next_writer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    first = write(folder, "a.txt", seed_variant(1))
    second = write(folder, "b.txt", seed_variant(2, name="Cellectar Renamed Inc."))
    store = load([first], tmp_path / "kg", read_releases=False)
    commit = store._commit

    def killed_before_the_journal_is_cleared(drop=(), insert=(), delete=()):
        if drop and drop[-1].value == "urn:edgar-kg:loading":
            raise KeyboardInterrupt
        return commit(drop, insert, delete)

    # The batch's graphs are bulk-written, then the process dies before it is committed.
    monkeypatch.setattr(store, "_commit", killed_before_the_journal_is_cleared)
    batch = next(iter_extractions([str(second)], store.iris.base, when=WHEN,
                                  read_releases=False))
    with pytest.raises(KeyboardInterrupt):
        store.replace_graphs(batch.graphs, batch.name_ciks)
    assert store.store.contains_named_graph(batch.graphs[0][1].name)
    store.close()

    reopened = KnowledgeStore(tmp_path / "kg")
    assert reopened.recovered == [str(reopened.iris.filing_graph("0001144204-17-000002"))]
    extract_paths([], reopened, validate=False)
    assert canonical(reopened) == canonical(load([first], read_releases=False))


def test_the_stored_history_is_the_merge_of_the_statements(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    seed = write(folder, "a.txt", SEED.read_text(encoding="utf-8"))
    later = write(folder, "b.txt", seed_variant(2, name="Cellectar Renamed Inc.",
                                                 filed="20190101"))
    store = load([seed, later])
    stored = store.name_history(SEED_CIK)
    assert [(r.name, r.is_current) for r in stored][-1] == ("Cellectar Renamed Inc.", True)
    assert stored == store.name_history(SEED_CIK, recompute=True)
    assert stored[0].source_labels == ("0001144204-17-000002", SEED_ACCESSION)


@pytest.mark.slow
def test_stored_histories_equal_merged_statements_across_the_corpus(edgar_corpus: Path) -> None:
    store = KnowledgeStore(None)
    extract_paths([str(edgar_corpus)], store, validate=False, read_releases=False, when=WHEN)
    ciks = {q.object.value for q in store.store.quads_for_pattern(
        None, OX_EKG.cik, None, None)}
    compared = 0
    for cik in sorted(ciks):
        stored = store.name_history(cik)
        assert stored == store.name_history(cik, recompute=True), cik
        compared += bool(stored)
    assert compared > 300


@pytest.mark.slow
def test_statements_from_memory_equal_the_stores_across_the_corpus(edgar_corpus: Path,
                                                                    tmp_path: Path) -> None:
    store = KnowledgeStore(tmp_path / "db")
    extract_paths([str(edgar_corpus)], store, validate=False, read_releases=False, when=WHEN,
                  jobs=2)
    assert store._statements.complete
    ciks = sorted({q.object.value for q in store.store.quads_for_pattern(
        None, OX_EKG.cik, None, None)})
    from_memory = store.name_statements_of(ciks)
    store.close()
    with KnowledgeStore(tmp_path / "db") as reopened:
        assert not reopened._statements.complete
        assert reopened.name_statements_of(ciks) == from_memory
    assert sum(len(records) for records in from_memory.values()) > 700


# --- name statements remembered from the graphs a run wrote --------------------------------


def test_remembered_name_statements_equal_the_stored_ones(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for number, (name, filed) in enumerate([("Novelos Therapeutics, Inc.", "20100104"),
                                            (SEED_NAME, "20170308"),
                                            (SEED_NAME, "20180102")], start=1):
        write(folder, f"f{number}.txt", seed_variant(number, name=name, filed=filed))
    store = load([folder, SEED], tmp_path / "db", read_releases=False, jobs=2)
    remembered = store.name_statements(SEED_CIK)
    assert store._statements._graphs  # the run's graphs came back from the workers with them
    store.close()
    with KnowledgeStore(tmp_path / "db") as reopened:  # remembers nothing: reads the store
        assert not reopened._statements._graphs
        read_back = reopened.name_statements(SEED_CIK)
    assert remembered == read_back
    assert {record.name for record in read_back} >= {"Novelos Therapeutics, Inc.", SEED_NAME}


def test_a_graph_another_writer_changed_is_read_from_the_store(tmp_path: Path) -> None:
    load([SEED], tmp_path / "db", read_releases=False).close()
    folder = tmp_path / "in"
    write(folder, "later.txt", seed_variant(1, name="Cellectar Later Inc.", filed="20190101"))
    # A store that held quads when opened remembers only what this object writes.
    store = KnowledgeStore(tmp_path / "db")
    extract_paths([str(folder)], store, validate=False, read_releases=False, when=WHEN)
    assert not store._statements.complete and store._statements._graphs
    graph = next(name for name in store.store.named_graphs()
                 if name.value.endswith("0001144204-17-000001"))
    statement = next(quad.subject for quad in store.store.quads_for_pattern(
        None, OX_EKG.name, ox.Literal("Cellectar Later Inc."), graph))
    # Another writer renames the statement and changes the graph's content hash.
    store.store.update(f"""DELETE {{ GRAPH {graph} {{ {statement} <{OX_EKG.name.value}> ?n .
                                                     {graph} <{OX_EKG.contentHash.value}> ?h }} }}
        INSERT {{ GRAPH {graph} {{ {statement} <{OX_EKG.name.value}> "Renamed Inc." .
                                   {graph} <{OX_EKG.contentHash.value}> "{'0' * 64}" }} }}
        WHERE {{ GRAPH {graph} {{ {statement} <{OX_EKG.name.value}> ?n .
                                  {graph} <{OX_EKG.contentHash.value}> ?h }} }}""")
    assert "Renamed Inc." in {record.name for record in store.name_statements(SEED_CIK)}
    store.close()


def test_a_store_filled_from_empty_merges_from_memory_alone(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for number, (name, filed) in enumerate([("Novelos Therapeutics, Inc.", "20100104"),
                                            (SEED_NAME, "20180102")], start=1):
        write(folder, f"f{number}.txt", seed_variant(number, name=name, filed=filed))
    store = KnowledgeStore(tmp_path / "db")
    assert store._statements.complete  # empty when opened
    extract_paths([str(folder), str(SEED)], store, validate=False, read_releases=False,
                  when=WHEN, jobs=2)
    memory = store._statements
    assert memory.complete
    # Nothing is read back: the store's queries are not even asked.
    store.store = _NoQueries(store.store)
    from_memory = store.name_statements(SEED_CIK)
    assert {record.source_labels[0] for record in from_memory} == {
        "0001144204-17-000001", "0001144204-17-000002", SEED_ACCESSION}
    store.store = store.store.inner
    # Link bookkeeping keeps it complete; a replaced graph or quads added by hand end it.
    store.commit(insert=[ox.Quad(OX_EKG.x, OX_EKG.y, OX_EKG.z,
                                 ox.NamedNode("urn:edgar-kg:pending-links"))])
    assert memory.complete
    store.remove_filing(SEED_ACCESSION)
    assert not memory.complete and not memory._by_entity
    store.close()
    with KnowledgeStore(tmp_path / "db") as reopened:
        assert not reopened._statements.complete
        assert reopened.name_statements(SEED_CIK) == [
            record for record in from_memory if record.sources[0].find(SEED_ACCESSION) < 0]


class _NoQueries:
    """A pyoxigraph store that refuses SPARQL queries (everything else passes through)."""

    def __init__(self, inner: ox.Store) -> None:
        self.inner = inner

    def query(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("the store was queried")

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


def test_histories_kept_after_a_refresh_equal_the_stored_ones(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "old.txt", seed_variant(1, name="Novelos Therapeutics, Inc.", filed="20100104"))
    store = load([folder, SEED], tmp_path / "db", read_releases=False)
    kept = store.name_history(SEED_CIK)
    assert SEED_CIK in store._fresh_histories and len(kept) >= 3  # with former names
    kept[0].name = "changed by a caller"  # a copy: what the store keeps is untouched
    assert store.name_history(SEED_CIK)[0].name != "changed by a caller"
    # A write that can change a history forgets them; link bookkeeping does not.
    store.commit(insert=[ox.Quad(OX_EKG.x, OX_EKG.y, OX_EKG.z,
                                 ox.NamedNode("urn:edgar-kg:pending-links"))])
    assert SEED_CIK in store._fresh_histories
    store.commit(insert=[ox.Quad(OX_EKG.x, OX_EKG.y, OX_EKG.z, ox.NamedNode("urn:g"))])
    assert not store._fresh_histories
    stored = store.name_history(SEED_CIK)
    store.close()
    with KnowledgeStore(tmp_path / "db") as reopened:
        assert reopened.name_history(SEED_CIK) == stored
    assert [(r.name, r.sources) for r in stored] == [
        (r.name, r.sources) for r in load([folder, SEED], tmp_path / "db2",
                                          read_releases=False).name_history(SEED_CIK)]
