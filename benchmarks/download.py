"""Downloads against a local EDGAR with a distant server's latency: the request rate reached
against SEC's limit, the busiest second at the server, and what a second run costs."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the tests' local EDGAR server

from edgar_server import EdgarServer, EdgarTree, max_in_any_second, seed_filings  # noqa: E402

from extractor.download import SecClient, download_company  # noqa: E402

SEED = HERE.parent / "tests" / "data" / "seed_8k_cellectar.txt"


def run(filings: int, rate: float, latency: float, workers: int) -> None:
    tree = EdgarTree(seed_filings(SEED, filings), tickers={"CLRB": "0001279704"})
    with EdgarServer(tree) as server, tempfile.TemporaryDirectory() as folder:
        server.latency = latency
        mirror = Path(folder) / "mirror"
        agent = "edgar-kg benchmark bench@example.com"
        timings = []
        for attempt in ("first", "second"):
            server.hits.clear()
            started = time.perf_counter()
            with SecClient(agent, rate=rate, www=server.url, data=server.url,
                           cache_file=mirror / ".edgar-kg" / "http-cache.sqlite") as client:
                report = download_company(["CLRB"], mirror, client=client, workers=workers)
            seconds = time.perf_counter() - started
            timings.append(seconds)
            sent = len(server.hits)
            busiest = max_in_any_second([hit.at for hit in server.hits])
            print(f"{attempt} run: {report.count('fetched')} files fetched, "
                  f"{report.count('present')} already there, {sent} requests at the server in "
                  f"{seconds:.2f}s = {sent / seconds:.2f}/s (limit {rate:g}/s, "
                  f"{sent / seconds / rate:.0%} of it); busiest second: {busiest} requests")
        size = sum(len(body) for path, body in tree.files.items() if path.endswith(".txt"))
        print(f"{filings} filings, {size / 1e6:.1f} MB; server latency {latency * 1000:.0f} ms; "
              f"{workers} workers; second run {timings[1]:.2f}s "
              f"({timings[0] / timings[1]:.0f}x faster than the first)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--filings", type=int, default=100)
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--latency", type=float, default=0.25)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    run(args.filings, args.rate, args.latency, args.workers)


if __name__ == "__main__":
    main()
