"""Time SEC header -> RDF on the shared EDGAR corpus and compare header parsing with edgartools."""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import json
import platform
import pstats
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from extractor.edgar.header import parse_header  # noqa: E402
from extractor.errors import HeaderError, InputError  # noqa: E402
from extractor.extract import extract_source  # noqa: E402
from extractor.rdf.graph import NamedGraph, header_graph  # noqa: E402
from extractor.rdf.vocab import Iris  # noqa: E402
from extractor.read.inputs import iter_sources  # noqa: E402
from extractor.read.kinds import ANGLE_SUBMISSION, SUBMISSION, decode, detect_kind  # noqa: E402
from extractor.read.source import Source  # noqa: E402
from extractor.read.submission import split_header  # noqa: E402

DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "edgar"
SUBMISSION_KINDS = (SUBMISSION, ANGLE_SUBMISSION)
# A fixed extraction time, so every pass builds the same triples.
WHEN = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
MB = 1024 * 1024


@dataclass(slots=True)
class Filing:
    """One submission of the corpus, read and prepared outside the timed loops."""

    source: Source
    kind: str
    text: str
    header_text: str
    accession: str | None = None  # ours, digits only; None if our header parse failed

    @property
    def name(self) -> str:
        return Path(self.source.name).name


@dataclass(slots=True)
class Timing:
    """The best of N passes of one variant over one set of filings."""

    variant: str
    files: int
    input_bytes: int
    best_s: float
    all_s: list[float] = field(default_factory=list)
    triples: int | None = None
    per_file_s: dict[str, float] = field(default_factory=dict)  # each file's best pass

    @property
    def median_ms(self) -> float | None:
        return 1000 * statistics.median(self.per_file_s.values()) if self.per_file_s else None

    def as_dict(self) -> dict[str, Any]:
        per_s = self.files / self.best_s if self.best_s else None
        return {
            "variant": self.variant,
            "files": self.files,
            "input_mb": self.input_bytes / MB,
            "best_total_s": self.best_s,
            "all_totals_s": self.all_s,
            "filings_per_s": per_s,
            "mb_per_s": self.input_bytes / MB / self.best_s if self.best_s else None,
            "ms_per_filing_mean": 1000 * self.best_s / self.files if self.files else None,
            "ms_per_filing_median": self.median_ms,
            "triples": self.triples,
            "per_file_best_ms": {k: 1000 * v for k, v in self.per_file_s.items()},
        }


Lap = Callable[[str, float], None]


def _no_lap(name: str, seconds: float) -> None:
    return None


def best_of(repeat: int,
            run: Callable[[Lap], int]) -> tuple[float, list[float], int, dict[str, float]]:
    """Run `run` `repeat` times: the fastest total, every total, its result, each file's best."""
    totals: list[float] = []
    per_file: dict[str, float] = {}
    result = 0

    def lap(name: str, seconds: float) -> None:
        if seconds < per_file.get(name, float("inf")):
            per_file[name] = seconds

    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = run(lap)
        totals.append(time.perf_counter() - start)
    return min(totals), totals, result, per_file


def load_filings(corpus: Path) -> tuple[list[Filing], list[str]]:
    """Read the corpus with the project's reader; keep SEC submissions and headers."""
    filings: list[Filing] = []
    skipped: list[str] = []
    for item in iter_sources([corpus]):
        if isinstance(item, InputError):
            skipped.append(f"{item}")
            continue
        text = decode(item.data)
        try:
            kind = detect_kind(item.name, text)
        except InputError as exc:
            skipped.append(f"{exc}")
            continue
        if kind not in SUBMISSION_KINDS:
            skipped.append(f"{Path(item.name).name}: kind {kind}, not a submission")
            continue
        filings.append(Filing(item, kind, text, split_header(text)[0]))
    return filings, skipped


def digits(value: object) -> str | None:
    text = "".join(ch for ch in str(value or "") if ch.isdigit())
    return text or None


# --- the timed loops ------------------------------------------------------------------------
# Each loop reports every file's own time through `lap` (one perf_counter call per file);
# the pass total is measured around the whole loop by best_of.


def run_full(filings: Sequence[Filing], iris: Iris, lap: Lap = _no_lap) -> int:
    """Ours: header + documents + rdflib graph, through the public extract_source."""
    triples = 0
    clock = time.perf_counter
    for filing in filings:
        start = clock()
        triples += extract_source(filing.source, iris, WHEN, read_releases=False).triples
        lap(filing.name, clock() - start)
    return triples


def run_header(filings: Sequence[Filing], lap: Lap = _no_lap) -> int:
    """Ours: split_header on the decoded text, then parse_header."""
    clock = time.perf_counter
    for filing in filings:
        start = clock()
        parse_header(split_header(filing.text)[0])
        lap(filing.name, clock() - start)
    return 0


def run_header_presplit(filings: Sequence[Filing], lap: Lap = _no_lap) -> int:
    """Ours: parse_header alone on the pre-split header texts (what edgartools is given)."""
    clock = time.perf_counter
    for filing in filings:
        start = clock()
        parse_header(filing.header_text)
        lap(filing.name, clock() - start)
    return 0


def run_header_triples(filings: Sequence[Filing], iris: Iris, lap: Lap = _no_lap) -> int:
    """Ours: split_header, parse_header, then the header's triples in a fresh rdflib graph."""
    triples = 0
    clock = time.perf_counter
    for filing in filings:
        start = clock()
        header = parse_header(split_header(filing.text)[0])
        graph = NamedGraph(iris.filing_graph(header.accession_number))
        header_graph(graph, iris, header)
        triples += len(graph)
        lap(filing.name, clock() - start)
    return triples


def run_edgartools(filings: Sequence[Filing], parse: Callable[[str], Any],
                   lap: Lap = _no_lap) -> int:
    """edgartools: FilingHeader.parse_from_sgml_text on the same pre-split header texts."""
    clock = time.perf_counter
    for filing in filings:
        start = clock()
        parse(filing.header_text)
        lap(filing.name, clock() - start)
    return 0


# --- checks done once, untimed --------------------------------------------------------------


def check_ours(filings: list[Filing], iris: Iris) -> tuple[list[Filing], list[str]]:
    """The filings our full extraction handles; the others with their error."""
    good: list[Filing] = []
    failed: list[str] = []
    for filing in filings:
        try:
            header = parse_header(filing.header_text)
            extract_source(filing.source, iris, WHEN, read_releases=False)
        except (InputError, HeaderError, ValueError, KeyError, TypeError) as exc:
            failed.append(f"{filing.name}: {type(exc).__name__}: {exc}")
            continue
        filing.accession = digits(header.accession_number)
        good.append(filing)
    return good, failed


def check_edgartools(filings: list[Filing], parse: Callable[[str], Any]) -> dict[str, Any]:
    """Which filings edgartools parses: no exception and a header with an accession number."""
    parsed: list[Filing] = []
    errors: dict[str, str] = {}
    empty: list[str] = []
    differ: dict[str, str] = {}
    for filing in filings:
        try:
            result = parse(filing.header_text)
        except Exception as exc:  # noqa: BLE001 - any failure of the other library is counted
            errors[filing.name] = f"{type(exc).__name__}: {str(exc)[:120]}"
            continue
        accession = digits(getattr(result, "accession_number", None))
        if accession is None:
            empty.append(filing.name)
            continue
        parsed.append(filing)
        if accession != filing.accession:
            differ[filing.name] = f"edgartools {accession} / ours {filing.accession}"
    return {"parsed": parsed, "errors": errors, "empty": empty, "accession_differs": differ}


def load_edgartools() -> tuple[Callable[[str], Any] | None, str | None]:
    """edgartools' header parser and version, or (None, None) if it is not installed."""
    try:
        from edgar.sgml.sgml_header import FilingHeader
    except ImportError:
        return None, None
    try:
        from importlib.metadata import version

        edgar_version = version("edgartools")
    except Exception:  # noqa: BLE001
        edgar_version = "unknown"
    return FilingHeader.parse_from_sgml_text, edgar_version


def max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return rss / MB if sys.platform == "darwin" else rss / 1024


def tracemalloc_peak_mb(filings: Sequence[Filing], iris: Iris) -> float:
    """Peak Python allocation during one pass of our full extraction (results not kept)."""
    gc.collect()
    tracemalloc.start()
    try:
        run_full(filings, iris)
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def profile_header_triples(filings: Sequence[Filing], iris: Iris, top: int) -> str:
    """cProfile of one pass of our header + triples loop: the top functions by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    run_header_triples(filings, iris)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


# --- report ---------------------------------------------------------------------------------


def print_table(rows: Sequence[Timing]) -> None:
    head = (f"{'variant':<46} {'files':>5} {'MB in':>6} {'best s':>7} {'filings/s':>9} "
            f"{'MB/s':>6} {'mean ms':>8} {'median ms':>9} {'triples':>7}")
    print(head)
    print("-" * len(head))
    for row in rows:
        d = row.as_dict()
        triples = "-" if row.triples is None else str(row.triples)
        median = "-" if row.median_ms is None else f"{row.median_ms:.3f}"
        print(f"{row.variant:<46} {row.files:>5} {d['input_mb']:>6.2f} {row.best_s:>7.4f} "
              f"{d['filings_per_s']:>9.1f} {d['mb_per_s']:>6.2f} "
              f"{d['ms_per_filing_mean']:>8.3f} {median:>9} {triples:>7}")


def median_ratio(slow: Timing, fast: Timing) -> float:
    """The median over files of slow-time / fast-time, each file at its best pass."""
    return statistics.median(slow.per_file_s[name] / fast.per_file_s[name]
                             for name in slow.per_file_s)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="DIR",
                        help=f"folder of EDGAR files (default: {DEFAULT_CORPUS})")
    parser.add_argument("--repeat", type=int, default=5, metavar="N",
                        help="passes per measurement; the fastest is kept (default 5)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write all figures here")
    parser.add_argument("--profile", type=int, nargs="?", const=15, default=0, metavar="TOP",
                        help="also cProfile our header+triples loop and print the top "
                             "functions by own time (default 15)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    corpus: Path = args.corpus
    if not corpus.is_dir():
        print(f"error: corpus folder not found: {corpus}\n"
              "  pass --corpus DIR (a folder of EDGAR .txt/.nc submissions)", file=sys.stderr)
        return 2

    iris = Iris()
    loaded, skipped = load_filings(corpus)
    filings, ours_failed = check_ours(loaded, iris)
    if not filings:
        print(f"error: no SEC submissions or headers that we can extract in {corpus}",
              file=sys.stderr)
        return 2

    file_bytes = sum(len(f.source.data) for f in filings)
    header_bytes = sum(len(f.header_text.encode("utf-8")) for f in filings)
    by_kind = {kind: sum(f.kind == kind for f in filings) for kind in SUBMISSION_KINDS}

    print("edgar-kg header -> RDF benchmark")
    print(f"python {platform.python_version()} on {platform.machine()} / {platform.system()}")
    print(f"corpus: {corpus}")
    print(f"  submissions/headers: {len(filings)} "
          f"({', '.join(f'{k}={v}' for k, v in by_kind.items())}), "
          f"{file_bytes / MB:.2f} MB of files, {header_bytes / MB:.3f} MB of header text")
    print(f"  skipped (not a submission, or unreadable): {len(skipped)}")
    for line in ours_failed:
        print(f"  our extraction failed, left out: {line}")
    print(f"repeat: {args.repeat} (best total kept; gc on, setup objects frozen)\n")

    def measure(variant: str, subset: Sequence[Filing], nbytes: int,
                run: Callable[[Lap], int]) -> Timing:
        best, totals, triples, per_file = best_of(args.repeat, run)
        return Timing(variant, len(subset), nbytes, best, totals, triples or None, per_file)

    # Objects alive now (modules, the corpus) are left out of the cyclic GC's scans, so
    # every variant pays only for the garbage it makes itself.
    gc.collect()
    gc.freeze()
    rows = [
        measure("ours: full extract_source (hdr+docs+graph)", filings, file_bytes,
                lambda lap: run_full(filings, iris, lap)),
        measure("ours: header only (split+parse)", filings, header_bytes,
                lambda lap: run_header(filings, lap)),
        measure("ours: header only, pre-split (parse_header)", filings, header_bytes,
                lambda lap: run_header_presplit(filings, lap)),
        measure("ours: header + triples (split+parse+graph)", filings, header_bytes,
                lambda lap: run_header_triples(filings, iris, lap)),
    ]
    ours_rss = max_rss_mb()
    trace_peak = tracemalloc_peak_mb(filings, iris)

    parse, edgar_version = load_edgartools()
    comparison: dict[str, Any] | None = None
    if parse is None:
        print("edgartools is not installed: comparison skipped "
              "(it is an optional extra: pip install '.[bench]')\n")
    else:
        check = check_edgartools(filings, parse)
        gc.collect()
        gc.freeze()
        both: list[Filing] = check["parsed"]
        both_bytes = sum(len(f.header_text.encode("utf-8")) for f in both)
        comparison = {
            "edgartools_version": edgar_version,
            "files_ours_parsed": len(filings),
            "files_edgartools_parsed": len(both),
            "edgartools_exceptions": check["errors"],
            "edgartools_empty_results": check["empty"],
            "accession_differs": check["accession_differs"],
        }
        if both:
            e_row = measure(f"edgartools {edgar_version}: FilingHeader parse [common]", both,
                            both_bytes, lambda lap: run_edgartools(both, parse, lap))
            o_hdr = measure("ours: header only (split+parse) [common]", both, both_bytes,
                            lambda lap: run_header(both, lap))
            o_pre = measure("ours: header only, pre-split [common]", both, both_bytes,
                            lambda lap: run_header_presplit(both, lap))
            o_tri = measure("ours: header + triples [common]", both, both_bytes,
                            lambda lap: run_header_triples(both, iris, lap))
            rows.extend([e_row, o_hdr, o_pre, o_tri])
            comparison.update({
                "speedup_header_only": e_row.best_s / o_hdr.best_s,
                "speedup_header_only_presplit": e_row.best_s / o_pre.best_s,
                "speedup_header_triples": e_row.best_s / o_tri.best_s,
                "median_file_speedup_header_only": median_ratio(e_row, o_hdr),
                "median_file_speedup_header_triples": median_ratio(e_row, o_tri),
            })

    print_table(rows)
    print("MB in: whole files for the full extraction, header text for the header variants.")
    if comparison is not None:
        print("[common]: only the files both edgar-kg and edgartools parse.")
    print()
    if comparison is not None:
        errors = comparison["edgartools_exceptions"]
        empty = comparison["edgartools_empty_results"]
        differ = comparison["accession_differs"]
        parsed = comparison["files_edgartools_parsed"]
        print(f"parsed: edgar-kg {len(filings)} of {len(filings)} files, edgartools "
              f"{edgar_version} {parsed} of {len(filings)} ({len(errors)} raised, "
              f"{len(empty)} gave a header with no accession number)")
        for name, message in sorted(errors.items()):
            print(f"  edgartools raised: {name}: {message}")
        for name in sorted(empty):
            print(f"  edgartools empty:  {name}")
        if parsed:
            print(f"  accession numbers agree on {parsed - len(differ)} of {parsed} common files")
            for name, message in sorted(differ.items()):
                print(f"  accession differs: {name}: {message}")
            print("edgartools time / our time, on the files both parse (best totals):")
            print(f"speed-up vs edgartools (header only): "
                  f"{comparison['speedup_header_only']:.1f}x")
            print(f"speed-up vs edgartools (header only, pre-split): "
                  f"{comparison['speedup_header_only_presplit']:.1f}x")
            print(f"speed-up vs edgartools (header+triples): "
                  f"{comparison['speedup_header_triples']:.1f}x")
            print(f"median per-file speed-up: header only "
                  f"{comparison['median_file_speedup_header_only']:.1f}x, header+triples "
                  f"{comparison['median_file_speedup_header_triples']:.1f}x")
        print()

    final_rss = max_rss_mb()
    print(f"peak RSS after our timed runs (ru_maxrss): {ours_rss:.1f} MB")
    print(f"peak RSS of the whole process (ru_maxrss): {final_rss:.1f} MB"
          + (" (includes importing edgartools)" if parse is not None else ""))
    print(f"tracemalloc peak, one pass of our full extraction: {trace_peak:.1f} MB")

    profile = None
    if args.profile:
        profile = profile_header_triples(filings, iris, args.profile)
        print(f"\ncProfile, one pass of our header + triples loop ({len(filings)} files), "
              f"top {args.profile} by own time:")
        print(profile.rstrip())

    if args.json:
        report = {
            "corpus": str(corpus),
            "python": platform.python_version(),
            "repeat": args.repeat,
            "files": len(filings),
            "files_by_kind": by_kind,
            "file_mb": file_bytes / MB,
            "header_mb": header_bytes / MB,
            "skipped": skipped,
            "ours_failed": ours_failed,
            "timings": [row.as_dict() for row in rows],
            "comparison": comparison,
            "max_rss_mb_after_ours": ours_rss,
            "max_rss_mb": final_rss,
            "tracemalloc_peak_mb_full_pass": trace_peak,
            "profile_header_triples": profile,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
