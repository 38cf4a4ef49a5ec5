"""Company index at EDGAR's size: build time and memory for a million-line name list, and the
time to resolve one name; with ../shared, the linking gold's precision and recall."""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from extractor.linking.index import CompanyIndex
from extractor.linking.resolve import resolve

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "corpus"
GOLD = HERE.parent / "tests" / "data" / "linking"
_WORDS = ("acme alpha apex arbor atlas beacon bio bright cardio cedar cell cor delta eagle "
          "ever gen genix harbor helix immuno iris keystone lumen meridian neuro nova omni "
          "onco orbit pacific pharma pioneer prime quantum regen sierra summit terra thera "
          "vector vita zenith").split()
_TAILS = ("INC", "CORP", "LLC", "LP", "LTD", "HOLDINGS INC", "THERAPEUTICS INC", "TRUST",
          "FUND LP", "CAPITAL LLC", "PARTNERS LP", "BANCORP", "GROUP INC", "/DE/", "CO")


def write_lookup_file(path: Path, lines: int, seed: int) -> list[str]:
    """A file shaped like SEC's cik-lookup-data.txt; returns a sample of its names."""
    rng = random.Random(seed)
    sample: list[str] = []
    with open(path, "w", encoding="utf-8") as stream:
        for number in range(lines):
            words = " ".join(rng.choice(_WORDS).upper() for _ in range(rng.randint(1, 4)))
            name = f"{words} {number % 9973} {rng.choice(_TAILS)}"
            cik = rng.randint(1, 2_100_000)
            stream.write(f"{name}:{cik:010d}:\n")
            if number % 997 == 0:
                sample.append(name)
    return sample


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="edgar-kg-linking-") as folder:
        lookup = Path(folder) / "cik-lookup-data.txt"
        names = write_lookup_file(lookup, args.lines, args.seed)
        before = peak_rss_mb()
        started = time.perf_counter()
        with CompanyIndex(Path(folder) / "companies.sqlite") as index:
            report = index.load_file(lookup)
            built = time.perf_counter() - started
            grown = peak_rss_mb() - before
            size = os.path.getsize(Path(folder) / "companies.sqlite") / 2**20
            rng = random.Random(args.seed)
            queries = [rng.choice(names).title() + ", Inc." if i % 2 else
                       f"Unknown Company {i} Ltd" for i in range(args.lookups)]
            timings = []
            for query in queries:
                start = time.perf_counter()
                resolve(index, [query])
                timings.append(time.perf_counter() - start)
        print(f"lookup file: {args.lines:,} lines, {lookup.stat().st_size / 2**20:.1f} MB")
        print(f"index build: {built:.1f} s ({args.lines / built:,.0f} lines/s); "
              f"peak memory grew {grown:.0f} MB; index file {size:.0f} MB")
        print(f"  {report.summary()}")
        timings.sort()
        print(f"resolve one name ({len(timings):,} names, half known): median "
              f"{statistics.median(timings) * 1e6:.0f} us, p99 "
              f"{timings[int(len(timings) * 0.99)] * 1e6:.0f} us, max {timings[-1] * 1e3:.2f} ms")
    gold_figures()
    return 0


def gold_figures() -> None:
    if not SHARED.is_dir():
        print(f"linking gold: skipped ({SHARED} is absent)")
        return
    from extractor.batch.pipeline import extract_paths
    from extractor.linking.scoring import read_gold, score_links
    from extractor.linking.store_links import company_index_of
    from extractor.store.embedded import KnowledgeStore

    with tempfile.TemporaryDirectory(prefix="edgar-kg-linking-") as folder:
        with KnowledgeStore(Path(folder) / "kg") as store:
            extract_paths([str(SHARED.parent / "seeds"), str(SHARED / "edgar"),
                           str(SHARED / "8k")], store, jobs=2, read_releases=False,
                          validate=False)
            index = company_index_of(store)
            index.load_file(GOLD / "company_tickers_sample.json")
            scores = score_links(index, read_gold(GOLD / "gold.jsonl"))
    print("linking gold (index: the shared corpus's headers and covers, plus "
          "company_tickers_sample.json):")
    for line in scores.lines():
        print(f"  {line}")
    for error in scores.errors:
        print(f"  - {error}")


if __name__ == "__main__":
    sys.exit(main())
