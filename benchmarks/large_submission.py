"""Peak memory and time of extracting one very large submission, plain and gzipped."""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import psutil

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED = REPO_ROOT / "tests" / "data" / "seed_8k_cellectar.txt"
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "large-submission-work"
DEFAULT_OUT = REPO_ROOT / "benchmarks" / "results" / "large_submission.json"
MB = 1 << 20
POLL_SECONDS = 0.02


def write_large_submission(path: Path, target_mb: int, seed: int = 1) -> int:
    """The seed 8-K with its EX-99.1 release, grown to `target_mb` by the kinds of document
    that make real submissions big: uuencoded graphics, a PDF, and an XBRL instance."""
    rng = random.Random(seed)
    text = SEED.read_bytes()
    head, tail = text.split(b"</SEC-DOCUMENT>")
    sequence = 3
    with path.open("wb") as out:
        out.write(head)
        written = len(head)

        def document(doc_type: str, filename: str, lines: bytes, count: int) -> int:
            nonlocal sequence
            meta = (f"<DOCUMENT>\n<TYPE>{doc_type}\n<SEQUENCE>{sequence}\n<FILENAME>{filename}\n"
                    f"<TEXT>\n").encode()
            out.write(meta)
            for _ in range(count):
                out.write(lines)
            out.write(b"</TEXT>\n</DOCUMENT>\n")
            sequence += 1
            return len(meta) + len(lines) * count + 20

        # uuencoded lines: 61 characters of noise each, repeated in blocks of 1 MB
        uu_block = b"".join(b"M" + bytes(rng.choice(range(33, 96)) for _ in range(60)) + b"\n"
                            for _ in range(16_000))
        xbrl_block = b"".join(
            f'<us-gaap:Revenues contextRef="c{n}" unitRef="usd" decimals="-3">{n * 1000}'
            f"</us-gaap:Revenues>\n".encode() for n in range(10_000))
        graphics_mb = int(target_mb * 0.6)
        for number in range(max(1, graphics_mb // 20)):
            written += document("GRAPHIC", f"g{number}.jpg",
                                b"begin 644 g.jpg\n" + uu_block, 20)
        written += document("PDF", "report.pdf", b"%PDF-1.4\n" + uu_block, 5)
        remaining = max(1, (target_mb * MB - written) // len(xbrl_block))
        written += document("EX-101.INS", "x-20170308.xml", xbrl_block, remaining)
        out.write(b"</SEC-DOCUMENT>" + tail)
    return path.stat().st_size


def _peak_rss(command: list[str]) -> tuple[float, int, str]:
    """Run a command; its wall seconds, the peak RSS of its process tree, and its summary."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            tree = [watched, *watched.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(POLL_SECONDS)
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr.decode()}")
    return time.perf_counter() - started, peak, stdout.decode().strip()


def _in_process_peak(path: Path) -> tuple[float, int, int]:
    """Seconds, tracemalloc peak and document count of extract_source, headers only."""
    sys.path.insert(0, str(REPO_ROOT))
    from extractor.extract import extract_source
    from extractor.read.inputs import read_input

    (source,) = read_input(path)
    tracemalloc.start()
    started = time.perf_counter()
    extraction = extract_source(source, read_releases=False)  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    documents = sum(1 for line in extraction.graphs[0][1].nquads().splitlines()
                    if b"ontology#sequence>" in line)
    return seconds, peak, documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mb", type=int, default=200, help="Submission size to build.")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    beside_python = Path(sys.executable).parent / "edgar-kg"
    parser.add_argument("--edgar-kg", default=str(beside_python) if beside_python.exists()
                        else shutil.which("edgar-kg") or "edgar-kg",
                        help="The installed command to run [default: the one beside this "
                             "Python].")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    big = args.workdir / f"large-{args.size_mb}mb.txt"
    size = write_large_submission(big, args.size_mb)
    packed = args.workdir / f"large-{args.size_mb}mb.txt.gz"
    with big.open("rb") as source, gzip.open(packed, "wb", compresslevel=1) as target:
        shutil.copyfileobj(source, target, MB)
    results: dict[str, object] = {
        "date": dt.date.today().isoformat(), "cpus": os.cpu_count(),
        "submission_bytes": size, "gzip_bytes": packed.stat().st_size,
    }
    seconds, traced, documents = _in_process_peak(big)
    results["in_process"] = {"seconds": round(seconds, 2), "traced_peak_mb": traced / MB,
                             "documents": documents}
    print(f"submission {size / MB:.0f} MB ({documents} documents), gzip "
          f"{packed.stat().st_size / MB:.0f} MB")
    print(f"extract_source in process: {seconds:.2f}s, Python allocations peak "
          f"{traced / MB:.1f} MB ({size / max(traced, 1):.0f}x smaller than the file)")
    runs = {"seed only (baseline)": SEED, "plain": big, "gzip": packed}
    for label, path in runs.items():
        for mode in ("--headers-only", None):
            store = args.workdir / "store"
            shutil.rmtree(store, ignore_errors=True)
            command = [args.edgar_kg, "extract", str(path), "--store", str(store)]
            if mode:
                command.append(mode)
            seconds, peak, summary = _peak_rss(command)
            key = f"{label} {'headers only' if mode else 'with releases'}"
            results[key] = {"seconds": round(seconds, 2), "peak_rss_mb": round(peak / MB, 1),
                            "summary": summary}
            print(f"{key:40} {seconds:6.2f}s  peak RSS {peak / MB:7.1f} MB")
    for mode in ("headers only", "with releases"):
        base = results[f"seed only (baseline) {mode}"]["peak_rss_mb"]  # type: ignore[index]
        for label in ("plain", "gzip"):
            peak = results[f"{label} {mode}"]["peak_rss_mb"]  # type: ignore[index]
            print(f"{label} {mode}: {peak - base:+.1f} MB over the seed alone "
                  f"({size / MB:.0f} MB submission)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results -> {args.out}")


if __name__ == "__main__":
    main()
