"""Load speed against the store's own bulk load: extraction, validation and writing, as ratios.

For a synthetic header-only corpus (and the shared EDGAR corpus, when it is there) the
installed CLI loads a store three ways: with validation, without, and to an N-Quads file with
no store. The quads of the validated store are then dumped and bulk-loaded alone into an empty
store by pyoxigraph: the floor any loader of these quads has. Each run is a child process
watched for wall time, CPU and peak memory; the table gives each time as a ratio of the bulk
load. A canonical hash of each store (its sorted N-Quads without prov:generatedAtTime, the one
value that differs between runs) shows that the quads are the same in every run, and, with
--hashes FILE, the same as those an earlier version of the code wrote.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402 - the sibling script's runner and corpus cache

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_EDGAR = REPO_ROOT.parent / "shared" / "corpus" / "edgar"
GENERATED_AT = "<http://www.w3.org/ns/prov#generatedAtTime>"
_FILINGS = re.compile(r"(?P<filings>\d+) filings")

_BULK_LOAD = """
import sys, pyoxigraph as ox
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.flush()
print(len(store))
"""
_DUMP_AND_HASH = """
import hashlib, sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
if sys.argv[2] != "-":
    store.dump(sys.argv[2], format=ox.RdfFormat.N_QUADS)
lines = sorted(str(q) for q in store.quads_for_pattern(None, None, None, None)
               if str(q.predicate) != sys.argv[-1])
print(len(lines), hashlib.sha256("\\n".join(lines).encode()).hexdigest())
"""


def measure(name: str, corpus: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Every run of one corpus, and the ratios to the bulk load of the same quads."""
    work = args.workdir / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    logs = work / "logs"
    base = [*shlex.split(args.cli), "extract", str(corpus), "--headers-only", "--skip-unknown",
            "--jobs", str(args.jobs)]
    runs = {
        "validated": base + ["--store", str(work / "validated")],
        "not validated": base + ["--store", str(work / "plain"), "--no-validate"],
        "N-Quads file": base + ["-o", str(work / "out.nq"), "--no-validate"],
    }
    figures: dict[str, Any] = {"corpus": str(corpus), "runs": {}}
    for label, command in runs.items():
        result = scale.run_watched(command, logs / label.replace(" ", "-"))
        summary = _FILINGS.search(result["stdout"] + result["stderr"])
        # Exit status 1 says an input failed (the corpus has some on purpose); no summary
        # line says the run itself did.
        if result["returncode"] not in (0, 1) or summary is None:
            raise SystemExit(f"{label} failed:\n{result['stderr'][-2000:]}")
        figures["runs"][label] = _figures(result)
        figures["filings"] = int(summary["filings"])
    dump = work / "validated.nq"
    hashes = {}
    for label, store in (("validated", "validated"), ("not validated", "plain")):
        target = str(dump) if label == "validated" else "-"
        result = scale.run_watched([sys.executable, "-c", _DUMP_AND_HASH, str(work / store),
                                    target, GENERATED_AT], logs / f"hash-{store}")
        count, digest = result["stdout"].split()
        hashes[label] = {"quads": int(count), "sha256": digest}
    figures["hashes"] = hashes
    bulk = scale.run_watched([sys.executable, "-c", _BULK_LOAD, str(dump), str(work / "bulk")],
                             logs / "bulk-load")
    figures["runs"]["bulk load alone"] = _figures(bulk)
    floor = bulk["seconds"]
    for run in figures["runs"].values():
        run["ratio"] = run["seconds"] / floor
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def _figures(result: dict[str, Any]) -> dict[str, Any]:
    return {"seconds": result["seconds"], "cpu_seconds": result["cpu_seconds"],
            "peak_rss_mb": result["peak_rss_mb"], "load": result["load_average"][0]}


def print_figures(name: str, jobs: int, figures: dict[str, Any]) -> None:
    filings = figures["filings"]
    print(f"\n{name}: {filings:,} filings, --jobs {jobs}")
    rows = [[label, run["seconds"], run["cpu_seconds"], run["peak_rss_mb"],
             filings / run["seconds"], f"{run['ratio']:.2f}x"]
            for label, run in figures["runs"].items()]
    scale.print_table(["run", "seconds", "cpu s", "peak MB", "filings/s", "vs bulk load"],
                      rows)
    same = len({h["sha256"] for h in figures["hashes"].values()}) == 1
    first = next(iter(figures["hashes"].values()))
    print(f"stores: {first['quads']:,} quads, canonical hash {first['sha256'][:16]}… "
          f"({'the same' if same else 'DIFFERENT'} with and without validation)")


def compare_hashes(path: Path, results: dict[str, Any]) -> bool:
    """Record the canonical hashes, or compare them with those an earlier run recorded."""
    now = {name: figures["hashes"]["validated"] for name, figures in results.items()}
    if not path.is_file():
        path.write_text(json.dumps(now, indent=2) + "\n", encoding="utf-8")
        print(f"\ncanonical hashes written to {path}")
        return True
    before = json.loads(path.read_text(encoding="utf-8"))
    equal = True
    for name, digest in now.items():
        if name in before:
            same = before[name] == digest
            equal &= same
            print(f"{name}: {'same quads as' if same else 'QUADS DIFFER FROM'} {path}")
    return equal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filings", type=int, default=5000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/edgar-kg-load"))
    parser.add_argument("--cli", default=scale._default_cli(),
                        help="the command to run; for another checkout: "
                        "'env PYTHONPATH=CHECKOUT python -P -m extractor.cli'")
    parser.add_argument("--no-corpus", action="store_true",
                        help="skip the shared EDGAR corpus even when it is there")
    parser.add_argument("--hashes", type=Path,
                        help="write the stores' canonical hashes here, or compare with it")
    parser.add_argument("--keep", action="store_true", help="keep the stores and files")
    parser.add_argument("--out", type=Path, help="also write every figure as JSON")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    # what scale.ensure_corpus reads
    args.releases_fraction, args.companies = 0.0, None
    corpus, _ = scale.ensure_corpus(args.filings, args)
    results = {f"synthetic-{args.filings}": measure(f"synthetic-{args.filings}", corpus, args)}
    print_figures(f"synthetic-{args.filings}", args.jobs, results[f"synthetic-{args.filings}"])
    if SHARED_EDGAR.is_dir() and not args.no_corpus:
        results["shared-edgar"] = measure("shared-edgar", SHARED_EDGAR, args)
        print_figures("shared EDGAR corpus", args.jobs, results["shared-edgar"])
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.hashes and not compare_hashes(args.hashes, results):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
