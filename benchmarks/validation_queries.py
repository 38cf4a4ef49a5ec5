"""Time SHACL validation per 1,000 filings and the latency of every named query, by store size."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from extractor.analysis.queries import list_queries, run_query  # noqa: E402
from extractor.batch.pipeline import iter_extractions  # noqa: E402
from extractor.errors import InputError  # noqa: E402
from extractor.extract import Extraction, validate_extraction  # noqa: E402
from extractor.rdf.vocab import Iris  # noqa: E402
from extractor.store.embedded import KnowledgeStore  # noqa: E402
from extractor.validate.shacl import default_validator, validate_store  # noqa: E402

SHARED = REPO_ROOT.parent / "shared" / "corpus"
WHEN = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
_ACCESSION = re.compile(r"\b(\d{10})-(\d{2})-(\d{6})\b")
_ACCESSION_DIGITS = re.compile(r"(ACCESSION[ -]NUMBER>?:?\s*)(\d{10})(\d{2})(\d{6})")
_CIK = re.compile(r"((?:CENTRAL INDEX KEY|<CIK>)[:\s]*)(\d{1,10})")


def corpus_inputs(corpus: Path) -> list[Path]:
    """The EDGAR files and press releases of the shared corpus (not its manifests or gold),
    and the shipped seed, whose company the queries' documented examples ask about."""
    return [path for folder in (corpus / "edgar", corpus / "press-releases",
                                REPO_ROOT / "examples")
            for path in sorted(folder.glob("*"))
            if path.is_file() and path.suffix not in {".tsv", ".md", ".jsonl"}]


def shifted_copy(text: str, copy: int) -> str:
    """The same filing as a different one: new accession numbers and new CIKs.

    Benchmark-only scaling of the real corpus (issue 5 brings a proper synthetic generator):
    every copy is a distinct filing of distinct companies, so the store grows like a corpus.
    """
    if copy == 0:
        return text
    text = _ACCESSION.sub(lambda m: f"{m[1]}-{m[2]}-{(int(m[3]) + copy * 37) % 1_000_000:06d}",
                          text)
    text = _ACCESSION_DIGITS.sub(
        lambda m: f"{m[1]}{m[2]}{m[3]}{(int(m[4]) + copy * 37) % 1_000_000:06d}", text)
    return _CIK.sub(lambda m: f"{m[1]}{int(m[2]) + copy * 10_000_000:010d}", text)


def write_copies(inputs: list[Path], copies: int, folder: Path) -> list[str]:
    paths = []
    for copy in range(copies):
        for path in inputs:
            if "press-releases" in path.parts and copy:
                continue  # releases have no accession or CIK to shift: one copy of each
            text = path.read_bytes().decode("latin-1")
            target = folder / f"{copy:03d}-{path.name}"
            target.write_bytes(shifted_copy(text, copy).encode("latin-1"))
            paths.append(str(target))
    return paths


def extractions(paths: list[str], read_releases: bool) -> list[Extraction]:
    return [result for result in iter_extractions(paths, Iris().base, when=WHEN,
                                                  read_releases=read_releases)
            if not isinstance(result, InputError)]


def time_validation(batch: list[Extraction]) -> dict[str, float]:
    validator = default_validator()
    graphs = sum(len(e.graphs) for e in batch)
    filings = sum(e.filings for e in batch)
    triples = sum(e.triples for e in batch)
    started = time.perf_counter()
    for extraction in batch:
        validate_extraction(extraction, validator)
    seconds = time.perf_counter() - started
    return {"graphs": graphs, "filings": filings, "triples": triples, "seconds": seconds,
            "ms_per_graph": 1000 * seconds / max(graphs, 1),
            "seconds_per_1000_filings": 1000 * seconds / max(filings, 1)}


def example_params(example: str | None) -> dict[str, str]:
    """The --param values of a query's documented example command line."""
    values: dict[str, str] = {}
    words = shlex.split(example or "")
    for flag, value in zip(words, words[1:], strict=False):
        if flag in {"--param", "-p"} and "=" in value:
            key, _, text = value.partition("=")
            values[key] = text
    return values


def time_queries(store: KnowledgeStore, repeat: int) -> list[dict[str, Any]]:
    rows = []
    for query in list_queries():
        params = example_params(query.example)
        times, count = [], 0
        for _ in range(repeat):
            started = time.perf_counter()
            count = len(run_query(store, query, params).rows)
            times.append(time.perf_counter() - started)
        rows.append({"query": query.name, "params": params, "rows": count,
                     "median_ms": 1000 * statistics.median(times),
                     "best_ms": 1000 * min(times)})
    return rows


def run(corpus: Path, sizes: list[int], repeat: int) -> dict[str, Any]:
    inputs = corpus_inputs(corpus)
    results: dict[str, Any] = {"machine": platform.platform(), "python": platform.python_version(),
                               "sizes": []}
    with tempfile.TemporaryDirectory(prefix="ekg-bench-") as scratch:
        for copies in sizes:
            folder = Path(scratch) / f"x{copies}"
            folder.mkdir()
            paths = write_copies(inputs, copies, folder)
            headers = extractions(paths, read_releases=False)
            full = extractions(paths, read_releases=True)
            size: dict[str, Any] = {"copies": copies, "inputs": len(paths)}
            size["validation_headers_only"] = time_validation(headers)
            size["validation_with_releases"] = time_validation(full)
            with KnowledgeStore(Path(scratch) / f"store-{copies}") as store:
                store.replace_graphs(pair for e in full for pair in e.graphs)
                store.refresh_name_histories({cik for e in full for cik in e.name_ciks})
                started = time.perf_counter()
                report = validate_store(store.store)
                size["validate_store"] = {"graphs": report.graphs,
                                          "violations": len(report.violations),
                                          "warnings": len(report.warnings),
                                          "seconds": time.perf_counter() - started}
                size["quads"] = len(store)
                size["queries"] = time_queries(store, repeat)
            results["sizes"].append(size)
            _print_size(size)
    _print_growth(results["sizes"])
    return results


def _print_size(size: dict[str, Any]) -> None:
    headers, full = size["validation_headers_only"], size["validation_with_releases"]
    print(f"\n== {size['inputs']} inputs ({size['copies']} copies of the corpus), "
          f"{size['quads']:,} quads")
    print(f"validation, headers only : {headers['filings']} filings, {headers['graphs']} graphs, "
          f"{headers['ms_per_graph']:.1f} ms/graph, "
          f"{headers['seconds_per_1000_filings']:.1f} s per 1,000 filings")
    print(f"validation, with releases: {full['graphs']} graphs, {full['triples']:,} triples, "
          f"{full['ms_per_graph']:.1f} ms/graph, "
          f"{full['seconds_per_1000_filings']:.1f} s per 1,000 filings")
    store = size["validate_store"]
    print(f"validate --store         : {store['graphs']} graphs in {store['seconds']:.1f} s, "
          f"{store['violations']} violations, {store['warnings']} warnings")
    print(f"{'query':<24}{'rows':>8}{'median ms':>12}{'best ms':>10}")
    for row in size["queries"]:
        print(f"{row['query']:<24}{row['rows']:>8}{row['median_ms']:>12.1f}{row['best_ms']:>10.1f}")


def _print_growth(sizes: list[dict[str, Any]]) -> None:
    for small, large in zip(sizes, sizes[1:], strict=False):
        ratio = large["quads"] / small["quads"]
        print(f"\n{small['copies']} -> {large['copies']} copies: quads x{ratio:.1f}")
        before = {row["query"]: row["median_ms"] for row in small["queries"]}
        for row in large["queries"]:
            print(f"  {row['query']:<24} latency x{row['median_ms'] / before[row['query']]:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=SHARED,
                        help="the shared corpus folder (with edgar/ and press-releases/)")
    parser.add_argument("--sizes", default="1,4,15",
                        help="comma-separated copies of the corpus to build (default 1,4,15)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query (median kept)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    if not (args.corpus / "edgar").is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    results = run(args.corpus, [int(s) for s in args.sizes.split(",")], args.repeat)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
