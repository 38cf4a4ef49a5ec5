"""Extraction on a Dask cluster: shards, loaded, give the graphs a single-process run gives."""

from __future__ import annotations

import datetime as dt
import inspect
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from extractor.batch.distributed import (
    DaskSummary,
    DaskUnavailable,
    expand_inputs,
    extract_partition,
    extract_with_dask,
    load_shards,
    plan_partitions,
    shard_files,
)
from extractor.batch.pipeline import extract_paths, iter_extractions
from extractor.errors import InputError
from extractor.extract import Extraction
from extractor.rdf.vocab import OX_EKG as EKG
from extractor.rdf.vocab import OX_PROV as PROV
from extractor.rdf.vocab import Iris
from extractor.store.embedded import KnowledgeStore

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SEED = Path(__file__).parent / "data" / "seed_8k_cellectar.txt"
BASE = Iris().base
FIXED = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
# A spread of kinds: tab and angle headers, former names, several filers, a datamule bundle
# (.tar), index pages, submissions JSON, a filing with a press-release exhibit, documents
# without a header, and one filing twice (.nc and .txt: the later copy must win).
CORPUS_PICKS = (
    "deansh__1.txt", "deansh__5.txt", "deansh__8.txt",
    "edgartools__0000929638-25-000114.nc",
    "edgartools__0001104659-25-002604.nc", "edgartools__0001104659-25-002604.txt",
    "edgartools__000143774924000106.tar", "edgartools__0001127602-25-001055.txt",
    "edgartools__0001971857-23-000246-index-headers.html", "edgartools__1990sheader.txt",
    "edgartools__MultipleFilersHeader.txt", "edgartools__MultipleFormerCompaniesHeader.txt",
    "edgartools__company_submission.json", "sedl__CIK0000320193.json",
    "sedl__aapl-8k-20191115.txt", "edgartools__secheader.4.evercommerce.txt",
    "pysecm__sc13da_real_header_variant.txt",
    "worwin__berkshire_2000_0000950150-00-000752.txt",
    "worwin__berkshire_2003_0000950150-03-000988.txt",
    "worwin__loews_2013_0000060086-13-000013.txt", "edgartools__0000899681-95-000096.txt",
)
PARTITIONS = 3


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two single-threaded worker processes on this machine, shared by the module's tests."""
    distributed = pytest.importorskip(
        "distributed", reason="dask[distributed] is not installed (the `dask` extra)")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as local:
        yield local


def _inputs(folder: Path, corpus: Path | None) -> list[str]:
    # The seed comes twice: first as a copy, last as itself, in different partitions, so the
    # shards must replay the single-process order for the later copy to win.
    copy = folder / "a-copy-of-the-seed.txt"
    shutil.copyfile(SEED, copy)
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    paths = [str(copy), str(EXAMPLES)]
    if corpus is not None:
        paths += [str(corpus / name) for name in CORPUS_PICKS if (corpus / name).is_file()]
        releases = sorted((corpus.parent / "press-releases").glob("*.txt"))[:3]
        paths += [str(path) for path in releases]
    return [*paths, str(SEED), str(empty), str(folder / "no-such-file.txt")]


@dataclass
class Run:
    paths: list[str]
    target: Path
    summary: DaskSummary
    reference: list[Extraction | InputError]


@pytest.fixture(scope="module")
def run(request: pytest.FixtureRequest, cluster: Any,
        tmp_path_factory: pytest.TempPathFactory) -> Run:
    """One Dask run over the inputs, and the single-process extractions of the same inputs.

    The inputs are the files kept in the repository, plus ~20 EDGAR files and three press
    releases from ../shared when it is there; without it the run goes on with the first.
    Releases are read for headers only: reading them for deals loads spaCy in every process
    (seconds each), and it is the same extract_document either way.
    """
    try:
        corpus: Path | None = request.getfixturevalue("edgar_corpus")
    except pytest.skip.Exception:
        corpus = None
    paths = _inputs(tmp_path_factory.mktemp("inputs"), corpus)
    target = tmp_path_factory.mktemp("shards")
    summary = extract_with_dask(paths, target, scheduler=cluster.scheduler_address,
                                partitions=PARTITIONS, when=FIXED, read_releases=False,
                                validate=True)
    reference = list(iter_extractions(paths, BASE, jobs=1, when=FIXED, read_releases=False,
                                      validate=True))
    return Run(paths, target, summary, reference)


def _shard_graphs(shards: list[str]) -> dict[str, list[ox.Quad]]:
    """Each graph's quads as loading the shards in order leaves them: the last copy wins."""
    graphs: dict[str, list[ox.Quad]] = {}
    for shard in shards:
        in_shard: dict[str, list[ox.Quad]] = {}
        for quad in ox.parse(path=shard, format=ox.RdfFormat.N_QUADS):
            in_shard.setdefault(quad.graph_name.value, []).append(quad)
        graphs.update(in_shard)
    return graphs


def _reference_graphs(results: list[Extraction | InputError]) -> dict[str, list[ox.Quad]]:
    graphs: dict[str, list[ox.Quad]] = {}
    for result in results:
        if isinstance(result, Extraction):
            for _, graph in result.graphs:
                graphs[graph.name.value] = list(graph.quads())
    return graphs


def _has_blank(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def _comparable(quads: Any) -> tuple[set[str], int]:
    """Canonical N-Quads of the quads without blank nodes, and how many have one.

    Blank node labels differ from run to run, so those quads are only counted.
    """
    unique = set(quads)
    return {str(q) for q in unique if not _has_blank(q)}, sum(map(_has_blank, unique))


def _failures(results: list[Extraction | InputError]) -> set[tuple[str, str, str]]:
    return {(r.source, r.stage, r.reason) for r in results if isinstance(r, InputError)}


def test_plan_keeps_order_archives_and_failures(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "b/1.txt", "a.tar.gz", "c.txt", "b/.hidden"):
        (tmp_path / name).write_text("x")
    paths = [str(tmp_path / "c.txt"), str(tmp_path / "b"), str(tmp_path / "a.tar.gz"),
             str(tmp_path / "gone.txt"), "-"]
    plan = plan_partitions(paths, partitions=2)
    # The order a single-process run reads them in; a folder is walked sorted, hidden files
    # skipped; an archive stays one input for its worker to open.
    assert plan.partitions == [[str(tmp_path / "c.txt"), str(tmp_path / "b" / "1.txt")],
                               [str(tmp_path / "b" / "2.txt"), str(tmp_path / "a.tar.gz")]]
    assert [(f.source, f.reason) for f in plan.failures] == [
        (str(tmp_path / "gone.txt"), "no such file or folder"),
        ("<stdin>", "standard input cannot be sent to Dask workers; save it to a file first")]
    assert plan.files == 4
    assert [len(p) for p in plan_partitions(paths, partitions=3).partitions] == [2, 1, 1]
    assert len(plan_partitions(paths, partitions=10).partitions) == 4
    assert [len(p) for p in plan_partitions(paths, inputs_per_partition=3).partitions] == [2, 2]
    assert plan_partitions([str(tmp_path / "gone.txt")]).partitions == []
    assert expand_inputs([tmp_path / "b"])[0] == [str(tmp_path / "b" / n) for n in ("1.txt",
                                                                                    "2.txt")]


def test_missing_dask_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(DaskUnavailable, match=r"Dask is not installed: pip install "
                                              r"'edgar-kg\[dask\]'"):
        extract_with_dask([str(SEED)], tmp_path)


def test_partition_keeps_the_last_copy_of_a_graph(tmp_path: Path) -> None:
    # Two inputs of one partition make the same filing graph: the shard holds the later
    # copy only, as the store would.
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    shutil.copyfile(SEED, first)
    shutil.copyfile(SEED, second)
    result = extract_partition(0, [str(first), str(second)], str(tmp_path / "out"), BASE, FIXED,
                               read_releases=False)
    assert result.inputs == 2 and result.filings == 2 and result.failures == []
    quads = list(ox.parse(path=result.shard, format=ox.RdfFormat.N_QUADS))
    sources = {q.object.value for q in quads if q.predicate == EKG.sourceFile}
    assert sources == {str(second)}
    assert len({q.graph_name for q in quads}) == 1
    assert result.quads_written == len(quads) == len(set(quads))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["part-00000.nq"]


def test_failed_partition_leaves_no_shard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    import extractor.batch.distributed as module

    calls = []

    def dies_on_second(*args: Any, **options: Any) -> Any:
        calls.append(args)
        if len(calls) == 2:
            raise MemoryError("worker ran out of memory")
        return real(*args, **options)

    real = module.extract_document
    monkeypatch.setattr(module, "extract_document", dies_on_second)
    out = tmp_path / "out"
    with pytest.raises(MemoryError):
        extract_partition(4, [str(SEED), str(SEED)], str(out), BASE, FIXED, read_releases=False)
    assert list(out.iterdir()) == []  # neither a half shard nor its temporary file


def test_shards_equal_a_single_process_run(run: Run) -> None:
    summary = run.summary
    assert len(summary.shards) == summary.partitions == PARTITIONS
    assert [Path(s).name for s in summary.shards] == ["part-00000.nq", "part-00001.nq",
                                                       "part-00002.nq"]
    assert shard_files(run.target) == [Path(s) for s in summary.shards]
    # Graph by graph, with the same timestamp: every quad equal.
    shards = _shard_graphs(summary.shards)
    reference = _reference_graphs(run.reference)
    assert shards.keys() == reference.keys()
    for name, quads in reference.items():
        assert _comparable(shards[name]) == _comparable(quads), name
    # The same failures, worded the same, the bad file and the missing path among them.
    failures = {(f.source, f.stage, f.reason) for f in summary.failures}
    assert failures == _failures(run.reference)
    assert (run.paths[-2], "detect", "the file is empty") in failures
    assert (run.paths[-1], "read", "no such file or folder") in failures
    # The same figures.
    extractions = [r for r in run.reference if isinstance(r, Extraction)]
    assert summary.inputs == len(run.reference)
    assert summary.filings == sum(r.filings for r in extractions)
    assert summary.graphs == sum(len(r.graphs) for r in extractions)
    assert summary.triples == sum(r.triples for r in extractions)
    assert summary.name_ciks == set().union(*(r.name_ciks for r in extractions))
    assert sum(summary.kinds.values()) == len(extractions)
    # Validated on the workers, with the same results.
    assert summary.validation is not None
    shape_results = [x for r in extractions for x in r.shape_results.values()]
    assert summary.validation.graphs == summary.graphs
    assert sorted(map(repr, summary.validation.results)) == sorted(
        repr(x) for results in shape_results for x in results)


def _quads(store: KnowledgeStore) -> set[ox.Quad]:
    return set(store.store.quads_for_pattern(None, None, None, None))


def _timeless(quads: set[ox.Quad]) -> set[ox.Quad]:
    return {q for q in quads if q.predicate != PROV.generatedAtTime}


def test_loaded_shards_equal_extract_paths(run: Run) -> None:
    # extract_paths has taken `when` since the batch rework; before it, it stamped the time
    # it ran at, and only prov:generatedAtTime could differ. Either way is checked.
    takes_when = "when" in inspect.signature(extract_paths).parameters
    options = {"when": FIXED} if takes_when else {}
    with KnowledgeStore(None) as loaded, KnowledgeStore(None) as direct:
        graphs, quads = load_shards(loaded, run.target)
        batch = extract_paths(run.paths, direct, read_releases=False, validate=False,
                              **options)
        shard_quads = [list(ox.parse(path=s, format=ox.RdfFormat.N_QUADS))
                       for s in run.summary.shards]
        assert graphs == sum(len({q.graph_name for q in qs}) for qs in shard_quads)
        assert quads == sum(map(len, shard_quads))
        stamped = [q for q in _quads(loaded) if q.predicate == PROV.generatedAtTime]
        assert stamped and {dt.datetime.fromisoformat(q.object.value) for q in stamped} \
            == {FIXED}
        if takes_when:
            assert _comparable(_quads(loaded)) == _comparable(_quads(direct))
        else:
            assert _comparable(_timeless(_quads(loaded))) == _comparable(
                _timeless(_quads(direct)))
        # The merged name histories are there, the same, and the later seed copy won though
        # the two copies went to different shards.
        assert not any(run.paths[0] in part and str(SEED) in part
                       for part in plan_partitions(run.paths, PARTITIONS).partitions)
        names = {g.value for g in loaded.store.named_graphs() if "/graph/names/" in g.value}
        assert names and names == {g.value for g in direct.store.named_graphs()
                                   if "/graph/names/" in g.value}
        assert len(names) == batch.name_histories
        copies = {run.paths[0], str(SEED)}
        assert {q.object.value for q in loaded.store.quads_for_pattern(
            None, EKG.sourceFile, None, None) if q.object.value in copies} == {str(SEED)}
        # Loading again replaces each graph with itself: the same store.
        before = _quads(loaded)
        load_shards(loaded, run.summary.shards)
        assert _quads(loaded) == before


def test_a_rerun_replaces_previous_shards(cluster: Any, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    target = tmp_path / "shards"
    target.mkdir()
    junk = '<urn:stale> <urn:stale> "from an earlier run" <urn:stale> .\n'
    for name in ("part-00000.nq", "part-00007.nq", ".part-00001.nq.0123abcd.tmp"):
        (target / name).write_text(junk)
    # A Client given by the caller is used as it is and left open.
    with distributed.Client(cluster) as client:
        summary = extract_with_dask([str(SEED)], target, scheduler=client, partitions=1,
                                    when=FIXED, read_releases=False)
        assert client.status == "running"
    assert summary.ok and summary.filings == 1
    assert sorted(p.name for p in target.iterdir()) == ["part-00000.nq"]
    text = (target / "part-00000.nq").read_text()
    assert "urn:stale" not in text
    quads = list(ox.parse(path=str(target / "part-00000.nq"), format=ox.RdfFormat.N_QUADS))
    assert 0 < len(quads) <= summary.triples and {q.object for q in quads
                                                   if q.predicate == EKG.sourceFile} \
        == {ox.Literal(str(SEED))}
