"""Time the edgar-kg CLI on synthetic corpora: speed, peak memory, store size, query latency."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import platform
import pstats
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

REPO_ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = REPO_ROOT / "benchmarks" / "synthetic.py"
SEED_EXAMPLES = REPO_ROOT / "examples"
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "scale-work"
DEFAULT_OUT = REPO_ROOT / "benchmarks" / "results" / "scale.json"
BIG_SIZE = 100_000
POLL_SECONDS = 0.05
MB = 1024 * 1024

_EXTRACT_SUMMARY = re.compile(
    r"(?P<inputs>\d+) inputs \(.*?\): (?P<filings>\d+) filings, (?P<triples>\d+) triples, "
    r"(?P<histories>\d+) name histories -> .*? in (?P<seconds>[\d.]+)s; (?P<failed>\d+) failed")
_VALIDATE_SUMMARY = re.compile(
    r"(?P<graphs>\d+) graphs validated: (?P<violations>\d+) violations, (?P<warnings>\d+) "
    r"warnings in (?P<seconds>[\d.]+)s")


# --- running a command and watching its memory ------------------------------------------------

def tree_rss(process: psutil.Process) -> tuple[int, int, int]:
    """RSS of a process and all its descendants (bytes), its own RSS, and how many there are.

    Shared pages (the interpreter, libraries) count once per process, as `ps` shows them.
    """
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0, 0
    total = own = 0
    for member in members:
        try:
            rss = member.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total += rss
        if member.pid == process.pid:
            own = rss
    return total, own, len(members)


def run_watched(command: list[str], log_stem: Path, cwd: Path | None = None,
                timeout: float | None = None) -> dict[str, Any]:
    """Run `command`, polling the process tree's RSS every ~50 ms; output goes to log files.
    Past `timeout` seconds the whole tree is killed and the result says so."""
    log_stem.parent.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_stem.with_suffix(".out"), log_stem.with_suffix(".err")
    peak_tree = peak_own = most = 0
    timed_out = False
    # CPU time of every finished descendant: less sensitive than wall time to other work on a
    # shared machine. Pool workers are reaped by the CLI, so their time reaches us through it.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd)
        watched = psutil.Process(child.pid)
        while child.poll() is None:
            total, own, count = tree_rss(watched)
            peak_tree, peak_own, most = max(peak_tree, total), max(peak_own, own), max(most, count)
            if timeout is not None and time.perf_counter() - started > timeout:
                timed_out = True
                kill_tree(watched)
                child.wait()
                break
            time.sleep(POLL_SECONDS)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    return {"command": shlex.join(command), "returncode": child.returncode, "seconds": seconds,
            "peak_rss_mb": peak_tree / MB, "peak_parent_rss_mb": peak_own / MB,
            "max_processes": most, "cpu_seconds": cpu, "timed_out": timed_out,
            "load_average": [load_before, os.getloadavg()[0]],
            "stdout": stdout, "stderr": stderr,
            "log": str(out_path)}


def kill_tree(process: psutil.Process) -> None:
    """Kill a process we started and every process it started."""
    try:
        members = [*process.children(recursive=True), process]
    except psutil.NoSuchProcess:
        return
    for member in members:
        try:
            member.kill()
        except psutil.NoSuchProcess:
            pass


def code_state() -> dict[str, str]:
    """A fingerprint of the code, queries and shapes the CLI runs, with the newest file: the
    tool may change while a long run goes on, and figures from two versions do not compare."""
    files = sorted(f for pattern in ("extractor/**/*.py", "queries/*.rq", "shapes/*.ttl")
                   for f in REPO_ROOT.glob(pattern) if f.is_file())
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(REPO_ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    newest = max(files, key=lambda f: f.stat().st_mtime) if files else None
    return {"sha": digest.hexdigest()[:16],
            "newest_file": newest.relative_to(REPO_ROOT).as_posix() if newest else "",
            "newest_mtime": dt.datetime.fromtimestamp(newest.stat().st_mtime).isoformat(
                timespec="seconds") if newest else ""}


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


def _last_match(pattern: re.Pattern[str], text: str) -> dict[str, str] | None:
    found = list(pattern.finditer(text))
    return found[-1].groupdict() if found else None


# --- the corpus ---------------------------------------------------------------------------------

def ensure_corpus(size: int, args: argparse.Namespace) -> tuple[Path, dict[str, Any]]:
    """The synthetic corpus of `size` filings, generated once and reused from the workdir."""
    name = f"corpus-{size}-seed{args.seed}-rf{args.releases_fraction:g}"
    if args.companies:
        name += f"-m{args.companies}"
    folder = args.workdir / name
    manifest_path = args.workdir / f"{name}.json"
    generator_hash = hashlib.sha256(SYNTHETIC.read_bytes()).hexdigest()[:16]
    if manifest_path.is_file() and folder.is_dir():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        # Reuse only what this very generator made.
        if manifest.get("filings") == size and manifest.get("generator_sha") == generator_hash:
            manifest["generated_now"] = False
            return folder, manifest
    shutil.rmtree(folder, ignore_errors=True)
    command = [sys.executable, str(SYNTHETIC), str(folder), "--filings", str(size),
               "--seed", str(args.seed), "--releases-fraction", str(args.releases_fraction),
               "--manifest", str(manifest_path)]
    if args.companies:
        command += ["--companies", str(args.companies)]
    print(f"generating {size:,} synthetic filings in {folder} ...", flush=True)
    result = run_watched(command, args.workdir / "logs" / f"generate-{size}")
    if result["returncode"] != 0:
        raise SystemExit(f"the generator failed:\n{result['stderr'][-2000:]}")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["generator_sha"] = generator_hash
    manifest["generator_peak_rss_mb"] = result["peak_rss_mb"]
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    manifest["generated_now"] = True
    return folder, manifest


# --- measured runs ------------------------------------------------------------------------------

def _with_retries(args: argparse.Namespace, label: str, attempt: Any) -> dict[str, Any]:
    """Run `attempt` again after a pause when the CLI crashed (no summary line): the tool may
    be mid-change; a run whose inputs merely failed is a valid measurement."""
    for number in range(args.retries + 1):
        result = attempt()
        if result.get("summary") is not None:
            return result
        tail = (result["stderr"] or result["stdout"])[-600:]
        print(f"  {label}: the CLI exited {result['returncode']} without a summary:\n{tail}",
              flush=True)
        if number < args.retries:
            print(f"  retrying in {args.retry_wait:.0f}s ...", flush=True)
            time.sleep(args.retry_wait)
    return result


def extract_run(args: argparse.Namespace, corpus: Path, size: int, label: str, jobs: int,
                headers_only: bool) -> dict[str, Any]:
    slug = f"{size}-{label.replace(' ', '-')}-j{jobs}"
    store = args.workdir / "stores" / slug
    store.parent.mkdir(parents=True, exist_ok=True)
    errors = args.workdir / "logs" / f"extract-{slug}-errors.jsonl"
    command = [args.cli, "extract", str(corpus), "--store", str(store), "--jobs", str(jobs),
               "--no-validate", "--errors", str(errors)]
    if headers_only:
        command.append("--headers-only")

    def attempt() -> dict[str, Any]:
        shutil.rmtree(store, ignore_errors=True)
        result = run_watched(command, args.workdir / "logs" / f"extract-{slug}")
        result["summary"] = _last_match(_EXTRACT_SUMMARY, result["stderr"] + result["stdout"])
        return result

    print(f"  extract {label}, --jobs {jobs} ...", flush=True)
    result = _with_retries(args, f"extract {label} j{jobs}", attempt)
    summary = result["summary"] or {}
    filings = int(summary.get("filings", 0))
    store_bytes = dir_bytes(store)
    failures = []
    if errors.is_file():
        failures = [json.loads(line) for line in errors.read_text().splitlines() if line]
    return {
        "run": label, "jobs": jobs, "headers_only": headers_only, "store": str(store),
        "command": result["command"], "returncode": result["returncode"],
        "seconds": result["seconds"], "cli_seconds": float(summary.get("seconds", "nan")),
        "cpu_seconds": result["cpu_seconds"], "load_average": result["load_average"],
        "filings": filings, "triples": int(summary.get("triples", 0)),
        "name_histories": int(summary.get("histories", 0)),
        "failed": int(summary.get("failed", 0)) if summary else None,
        "failures": failures[:20],
        "filings_per_s": filings / result["seconds"] if result["seconds"] else None,
        "peak_rss_mb": result["peak_rss_mb"], "peak_parent_rss_mb": result["peak_parent_rss_mb"],
        "max_processes": result["max_processes"],
        "store_mb": store_bytes / MB, "store_bytes": store_bytes,
        "bytes_per_filing": store_bytes / filings if filings else None,
    }


def validate_run(args: argparse.Namespace, store: Path, size: int, label: str
                 ) -> dict[str, Any]:
    command = [args.cli, "validate", "--store", str(store)]

    def attempt() -> dict[str, Any]:
        result = run_watched(command, args.workdir / "logs" /
                             f"validate-{size}-{label.replace(' ', '-')}")
        result["summary"] = _last_match(_VALIDATE_SUMMARY, result["stdout"] + result["stderr"])
        return result

    print(f"  validate --store ({label}) ...", flush=True)
    result = _with_retries(args, f"validate {label}", attempt)
    summary = result["summary"] or {}
    graphs = int(summary.get("graphs", 0))
    return {"run": f"validate ({label})", "store": str(store), "command": result["command"],
            "returncode": result["returncode"], "seconds": result["seconds"],
            "cli_seconds": float(summary.get("seconds", "nan")), "graphs": graphs,
            "cpu_seconds": result["cpu_seconds"], "load_average": result["load_average"],
            "violations": int(summary["violations"]) if summary else None,
            "warnings": int(summary["warnings"]) if summary else None,
            "graphs_per_s": graphs / result["seconds"] if result["seconds"] else None,
            "peak_rss_mb": result["peak_rss_mb"], "log": result["log"]}


def add_seed(args: argparse.Namespace, store: Path, size: int) -> dict[str, Any]:
    """Load the shipped seed filing into the query store (unmeasured): the named queries'
    documented examples ask about its company, so they then return rows."""
    command = [args.cli, "extract", str(SEED_EXAMPLES), "--store", str(store), "--no-validate"]
    result = run_watched(command, args.workdir / "logs" / f"seed-{size}")
    return {"command": result["command"], "returncode": result["returncode"],
            "seconds": result["seconds"],
            "summary": _last_match(_EXTRACT_SUMMARY, result["stderr"] + result["stdout"])}


def query_names(args: argparse.Namespace) -> list[tuple[str, bool]]:
    """The named queries, from `edgar-kg query --list --format json`, and whether each takes
    a CIK parameter."""
    listing = subprocess.run([args.cli, "query", "--list", "--format", "json"],
                             capture_output=True, text=True, check=True)
    return [(row["name"], "(cik)" in row.get("parameters", ""))
            for row in json.loads(listing.stdout)]


def query_run(args: argparse.Namespace, store: Path, long_cik: str, size: int
              ) -> dict[str, Any]:
    """Every named query's latency and name_history's, each in its own child process with a
    time limit: a query can run for hours on some stores, and this process never loads the
    store, rdflib or pyoxigraph."""
    me = [sys.executable, str(Path(__file__).resolve()), "--query-worker", str(store),
          "--long-cik", long_cik, "--query-repeat", str(args.query_repeat),
          "--history-repeat", str(args.history_repeat),
          "--query-timeout", str(args.query_timeout)]
    tasks: list[tuple[str, list[str]]] = []
    for name, takes_cik in query_names(args):
        tasks.append((f"{name}", ["--only-query", name, "--variant", "example"]))
        if takes_cik:
            tasks.append((f"{name} (long-history cik)",
                          ["--only-query", name, "--variant", "long-history cik"]))
    tasks.append(("name_history", ["--only-query", "name_history", "--variant", "history"]))
    rows: list[dict[str, Any]] = []
    history: dict[str, Any] = {}
    peak = 0.0
    print(f"  {len(tasks)} queries, each in its own process (limit {args.query_timeout:.0f}s)"
          " ...", flush=True)
    for label, extra in tasks:
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        result = run_watched(me + extra, args.workdir / "logs" / f"query-{size}-{slug}",
                             timeout=args.query_timeout + 30)
        peak = max(peak, result["peak_rss_mb"])
        figure: dict[str, Any]
        if result["timed_out"]:
            figure = {"timed_out": True, "median_ms": None,
                      "limit_s": args.query_timeout + 30}
        elif result["returncode"] != 0:
            figure = {"error": result["stderr"][-1500:], "median_ms": None}
        else:
            figure = json.loads(result["stdout"])
        figure["process_peak_rss_mb"] = result["peak_rss_mb"]
        if label == "name_history":
            history = {"cik": long_cik, **figure}
        else:
            name, _, variant = label.partition(" (")
            variant = variant.rstrip(")") or "example"
            figure.setdefault("query", name)
            figure.setdefault("variant", variant)
            figure.setdefault("params", documented_params(name) if variant == "example"
                              else {"cik": long_cik})
            figure.setdefault("rows", None)
            rows.append(figure)
        shown = ("timed out" if figure.get("timed_out") else "error" if "error" in figure
                 else f"{figure['median_ms']:.1f} ms")
        print(f"    {label}: {shown}", flush=True)
    return {"quads": history.get("quads"), "repeat": args.query_repeat, "queries": rows,
            "name_history": history, "peak_rss_mb": peak}


def documented_params(name: str) -> dict[str, str]:
    """A named query's example parameters, read from its .rq file's `# example:` line."""
    path = REPO_ROOT / "queries" / f"{name}.rq"
    if not path.is_file():
        return {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, _, text = line.lstrip("# ").partition(":")
        if key.strip() == "example":
            return example_params(text)
    return {}


def example_params(example: str | None) -> dict[str, str]:
    """The --param values of a query's documented `# example:` command line."""
    values: dict[str, str] = {}
    words = shlex.split(example or "")
    for flag, value in zip(words, words[1:], strict=False):
        if flag in ("--param", "-p") and "=" in value:
            key, _, text = value.partition("=")
            values[key] = text
    return values


def query_worker(args: argparse.Namespace) -> int:
    """Child process: time one named query (with its documented example parameters, or with
    the long-history CIK) or name_history; print one JSON object on stdout."""
    sys.path.insert(0, str(REPO_ROOT))
    from extractor.analysis.queries import load_query, run_query
    from extractor.store.embedded import KnowledgeStore

    def timed(call: Any, times: int) -> tuple[float, int, Any]:
        started = time.perf_counter()
        result = call()  # warm-up: caches, first page-ins
        warm = time.perf_counter() - started
        if warm * (times + 1) > args.query_timeout:
            return 1000 * warm, 1, result  # too slow to repeat: the warm-up is the figure
        samples = []
        for _ in range(times):
            started = time.perf_counter()
            result = call()
            samples.append(time.perf_counter() - started)
        return 1000 * statistics.median(samples), len(samples), result

    with KnowledgeStore(args.query_worker, read_only=True) as store:
        if args.only_query == "name_history":
            median_ms, runs, records = timed(lambda: store.name_history(args.long_cik),
                                             args.history_repeat)
            figure = {"median_ms": median_ms, "runs": runs, "records": len(records),
                      "statements": len(store.name_statements(args.long_cik)),
                      "quads": len(store)}  # once per size, outside any timing
        else:
            query = load_query(args.only_query)
            params = (example_params(query.example) if args.variant == "example"
                      else {"cik": args.long_cik})
            median_ms, runs, result = timed(lambda: run_query(store, query, params),
                                            args.query_repeat)
            figure = {"query": query.name, "variant": args.variant, "params": params,
                      "rows": len(result.rows), "median_ms": median_ms, "runs": runs}
            if query.name == "deals":
                figure["distinct_deals"] = len({row[0] for row in result.rows})
    print(json.dumps(figure))
    return 0

# --- profile ----------------------------------------------------------------------------------

def profile_headers(args: argparse.Namespace, corpus: Path, size: int) -> dict[str, Any]:
    """cProfile of one headers-only extract of the corpus, through the CLI module."""
    store = args.workdir / "stores" / f"{size}-profile"
    store.parent.mkdir(parents=True, exist_ok=True)
    out = args.workdir / f"profile-{size}-headers.out"
    shutil.rmtree(store, ignore_errors=True)
    command = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "extractor.cli",
               "extract", str(corpus), "--store", str(store), "--headers-only", "--no-validate"]
    print(f"  profiling headers-only extract of {size:,} filings ...", flush=True)
    result = run_watched(command, args.workdir / "logs" / f"profile-{size}", cwd=REPO_ROOT)
    shutil.rmtree(store, ignore_errors=True)
    text, work = io.StringIO(), io.StringIO()
    if out.is_file():
        stats = pstats.Stats(str(out), stream=text)
        stats.strip_dirs().sort_stats("cumulative").print_stats(args.profile)
        # The same without the import machinery, which tops any short run's cumulative list.
        stats.stream = work  # type: ignore[attr-defined]
        stats.print_stats(_NOT_IMPORTS, args.profile)
    return {"command": result["command"], "seconds": result["seconds"],
            "returncode": result["returncode"], "profile_file": str(out),
            "top_cumulative": _stats_rows(text.getvalue()),
            "top_cumulative_without_imports": _stats_rows(work.getvalue())}


_NOT_IMPORTS = (r"^(?!.*(?:<frozen |__init__\.py:1\(<module>\)|builtins\.exec|"
                r"builtins\.__import__|<string>:1|_call_with_frames_removed))")


def _stats_rows(text: str) -> str:
    """The table of a pstats print, without its preamble."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return "\n".join(line for line in lines[start:] if line.strip())


# --- one size -----------------------------------------------------------------------------------

def measure_size(args: argparse.Namespace, size: int) -> dict[str, Any]:
    corpus, manifest = ensure_corpus(size, args)
    code_before = code_state()
    print(f"corpus: {corpus} ({manifest['bytes'] / 1e6:.1f} MB, "
          f"{manifest['counts'].get('releases', 0):,} press releases, "
          f"{'generated' if manifest['generated_now'] else 'cached'})", flush=True)
    figures: dict[str, Any] = {"size": size, "corpus": str(corpus), "manifest": manifest,
                               "code_before": code_before, "runs": []}
    runs = figures["runs"]
    for jobs in args.jobs:
        runs.append(extract_run(args, corpus, size, "headers only", jobs, headers_only=True))
    with_releases = size < BIG_SIZE or args.with_releases_100k
    if with_releases:
        for jobs in args.jobs:
            runs.append(extract_run(args, corpus, size, "with releases", jobs,
                                    headers_only=False))
    query_label = "with releases" if with_releases else "headers only"
    query_store = Path(next(r["store"] for r in runs if r["run"] == query_label))
    if size <= args.validate_max:
        figures["validation"] = validate_run(args, query_store, size, query_label)
    figures["deals"] = None
    if args.profile and size == min(args.sizes):
        figures["profile"] = profile_headers(args, corpus, size)
    figures["query_store"] = {"store": str(query_store), "run": query_label}
    figures["seed_added"] = add_seed(args, query_store, size)
    figures["queries"] = query_run(args, query_store, manifest["long_history"]["cik"], size)
    deals = next((row for row in figures["queries"].get("queries", [])
                  if row["query"] == "deals"), None)
    figures["deals"] = deals.get("distinct_deals") if deals else None
    figures["code_after"] = code_state()
    figures["code_changed"] = figures["code_after"]["sha"] != code_before["sha"]
    if not args.keep_stores:
        for run in runs:
            if Path(run["store"]) != query_store:
                shutil.rmtree(run["store"], ignore_errors=True)
    return figures


# --- reporting --------------------------------------------------------------------------------

def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if value != value:  # NaN: the CLI printed no figure
            return "-"
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def print_table(header: list[str], rows: list[list[Any]], left: int = 1) -> None:
    """A plain-text table: the first `left` columns flush left, figures flush right."""
    cells = [[_fmt(c) if not isinstance(c, str) else c for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h)
              for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) if i < left else v.rjust(w)
                         for i, (v, w) in enumerate(zip(values, widths, strict=True)))

    print(line(header))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print(line(row))


def print_size(figures: dict[str, Any]) -> None:
    manifest = figures["manifest"]
    counts = manifest["counts"]
    print(f"\n== {figures['size']:,} synthetic filings: {manifest['bytes'] / 1e6:.1f} MB, "
          f"{manifest['companies']:,} companies, {counts.get('releases', 0):,} with a press "
          f"release, {counts.get('dialect angle', 0):,} in the angle dialect, "
          f"{counts.get('multiple filers', 0):,} with several filers ==")
    rows = []
    for run in figures["runs"]:
        rows.append([run["run"], run["jobs"], run["seconds"], run["cpu_seconds"],
                     run["filings_per_s"], run["peak_rss_mb"], run["store_mb"],
                     run["bytes_per_filing"], run["triples"], run["failed"],
                     f"{run['load_average'][0]:.1f}"])
    validation = figures.get("validation")
    if validation:
        rows.append([validation["run"], 1, validation["seconds"], validation["cpu_seconds"],
                     None, validation["peak_rss_mb"], None, None, None,
                     f"{_fmt(validation['violations'])} viol.",
                     f"{validation['load_average'][0]:.1f}"])
    if figures.get("code_changed"):
        print(f"WARNING: the extractor's code changed during these runs (newest: "
              f"{figures['code_after']['newest_file']} at "
              f"{figures['code_after']['newest_mtime']}): the figures mix versions")
    print_table(["run", "jobs", "seconds", "cpu s", "filings/s", "peak MB", "store MB",
                 "bytes/filing", "triples", "failed", "load"], rows)
    if validation:
        print(f"validation: {_fmt(validation['graphs'])} graphs, "
              f"{_fmt(validation['graphs_per_s'])} graphs/s, {_fmt(validation['violations'])} "
              f"violations, {_fmt(validation['warnings'])} warnings")
    for run in figures["runs"]:
        for failure in run["failures"][:5]:
            print(f"  failed ({run['run']} j{run['jobs']}): {failure.get('source')}: "
                  f"{failure.get('reason')}")
    queries = figures["queries"]
    print(f"\nqueries on the '{figures['query_store']['run']}' store plus the seed filing "
          f"({_fmt(queries['quads'])} quads; median of {queries['repeat']} runs after a "
          f"warm-up, or the warm-up alone when slow; peak of a query process "
          f"{_fmt(queries['peak_rss_mb'])} MB); deals in the store: {_fmt(figures['deals'])}")
    print_table(["query", "parameters", "rows", "median ms"],
                [[row["query"], " ".join(f"{k}={v}" for k, v in row["params"].items()) or "-",
                  row["rows"], _latency(row)] for row in queries["queries"]], left=2)
    history = queries["name_history"]
    print(f"KnowledgeStore.name_history({history['cik']}): {_latency(history)} ms, median of "
          f"{history.get('runs', '-')} ({history.get('records', '-')} names from "
          f"{history.get('statements', '-')} name statements)")


def _latency(row: dict[str, Any]) -> str:
    if row.get("timed_out"):
        return f"> {row['limit_s'] * 1000:,.0f} (killed)"
    if row.get("median_ms") is None:
        return "error"
    return f"{row['median_ms']:,.1f}" + ("" if row.get("runs", 2) > 1 else " (1 run)")


def _figure_map(figures: dict[str, Any]) -> dict[str, float | None]:
    """Every comparable figure of one size, by name."""
    found: dict[str, float | None] = {}
    for run in figures["runs"]:
        key = f"{run['run']} j{run['jobs']}"
        found[f"{key}: seconds"] = run["seconds"]
        found[f"{key}: cpu seconds"] = run["cpu_seconds"]
        found[f"{key}: filings/s"] = run["filings_per_s"]
        found[f"{key}: peak MB"] = run["peak_rss_mb"]
        found[f"{key}: store MB"] = run["store_mb"]
        found[f"{key}: bytes/filing"] = run["bytes_per_filing"]
    if figures.get("validation"):
        found["validate: seconds"] = figures["validation"]["seconds"]
        found["validate: cpu seconds"] = figures["validation"]["cpu_seconds"]
        found["validate: peak MB"] = figures["validation"]["peak_rss_mb"]
    queries = figures["queries"]
    if "queries" in queries:
        found["store quads"] = queries["quads"]
        for row in queries["queries"]:
            suffix = "" if row["variant"] == "example" else f" ({row['variant']})"
            found[f"query {row['query']}{suffix}: ms"] = row["median_ms"]
        found["name_history: ms"] = queries["name_history"].get("median_ms")
        found["name_history: statements"] = queries["name_history"].get("statements")
    return found


def growth(sizes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    steps = []
    for small, large in zip(sizes, sizes[1:], strict=False):
        before, after = _figure_map(small), _figure_map(large)
        ratios = {}
        for key, value in after.items():
            old = before.get(key)
            ratios[key] = {"from": old, "to": value,
                           "ratio": value / old if old and value is not None else None}
        same = (small["code_before"]["sha"] == small["code_after"]["sha"]
                == large["code_before"]["sha"] == large["code_after"]["sha"])
        steps.append({"from": small["size"], "to": large["size"], "same_code": same,
                      "size_ratio": large["size"] / small["size"], "figures": ratios})
    return steps


def print_growth(steps: list[dict[str, Any]]) -> None:
    for step in steps:
        print(f"\n== growth {step['from']:,} -> {step['to']:,} filings "
              f"(size x{step['size_ratio']:.1f}) ==")
        if not step["same_code"]:
            print("WARNING: the two sizes ran different versions of the code")
        print_table(["figure", f"at {step['from']:,}", f"at {step['to']:,}", "ratio"],
                    [[key, value["from"], value["to"],
                      None if value["ratio"] is None else f"x{value['ratio']:.2f}"]
                     for key, value in step["figures"].items()])


def write_json(path: Path, report: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")


# --- main -------------------------------------------------------------------------------------

def _int_list(text: str) -> list[int]:
    try:
        values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of "
                                         "integers") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("give positive integers, e.g. 1000,10000")
    return values


LOCK_NAME = ".scale.lock"


def take_lock(workdir: Path) -> bool:
    """Claim the workdir for this run: False while another live run holds it."""
    lock = workdir / LOCK_NAME
    for _ in range(2):
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            text = lock.read_text(encoding="utf-8").strip()
            if text.isdigit() and psutil.pid_exists(int(text)):
                return False
            lock.unlink(missing_ok=True)  # left by a run that died
            continue
        os.write(handle, str(os.getpid()).encode())
        os.close(handle)
        return True
    return False


def _default_cli() -> str:
    beside = Path(sys.executable).parent / "edgar-kg"
    return str(beside) if beside.is_file() else (shutil.which("edgar-kg") or "edgar-kg")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__ + " The corpora come from "
                                     "benchmarks/synthetic.py: for scale only, never accuracy.")
    parser.add_argument("--sizes", type=_int_list, default=[1000, 10000],
                        help="comma-separated corpus sizes in filings (default 1000,10000)")
    parser.add_argument("--with-100k", action="store_true",
                        help=f"also run {BIG_SIZE:,} filings (headers only unless "
                             "--with-releases-100k)")
    parser.add_argument("--with-releases-100k", action="store_true",
                        help=f"at {BIG_SIZE:,} filings, also time the run with press releases")
    parser.add_argument("--jobs", type=_int_list, default=[1, 2],
                        help="worker counts to time each run with (default 1,2)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"JSON file for every figure (default {DEFAULT_OUT})")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR,
                        help=f"corpora, stores and logs go here (default {DEFAULT_WORKDIR})")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--releases-fraction", type=float, default=0.3,
                        help="share of 8-Ks with a press release (default 0.3)")
    parser.add_argument("--companies", type=int, default=None,
                        help="company pool size (default: the generator's, N/5)")
    parser.add_argument("--validate-max", type=int, default=10_000, metavar="N",
                        help="time `validate --store` only up to this size (default 10000)")
    parser.add_argument("--query-repeat", type=int, default=3,
                        help="timed runs of each query after a warm-up (median kept; default 3)")
    parser.add_argument("--history-repeat", type=int, default=20,
                        help="timed name_history calls after a warm-up (default 20)")
    parser.add_argument("--profile", type=int, nargs="?", const=15, default=0, metavar="TOP",
                        help="also cProfile a headers-only extract at the smallest size and "
                             "print the TOP entries by cumulative time (default 15)")
    parser.add_argument("--keep-stores", action="store_true",
                        help="keep every run's store (by default only the query store stays)")
    parser.add_argument("--retries", type=int, default=2,
                        help="re-runs of a CLI call that crashed without a summary (default 2)")
    parser.add_argument("--retry-wait", type=float, default=180.0,
                        help="seconds to wait before such a re-run (default 180)")
    parser.add_argument("--cli", default=_default_cli(), help="the edgar-kg executable")
    parser.add_argument("--query-timeout", type=float, default=300.0, metavar="S",
                        help="give up on a query after about this many seconds (default 300)")
    parser.add_argument("--query-worker", metavar="STORE", help=argparse.SUPPRESS)
    parser.add_argument("--long-cik", help=argparse.SUPPRESS)
    parser.add_argument("--only-query", help=argparse.SUPPRESS)
    parser.add_argument("--variant", default="example", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.query_worker:
        return query_worker(args)
    if args.with_100k and BIG_SIZE not in args.sizes:
        args.sizes.append(BIG_SIZE)
    args.sizes = sorted(set(args.sizes))
    args.workdir = args.workdir.resolve()
    if REPO_ROOT in args.workdir.parents or args.workdir == REPO_ROOT:
        parser.error("--workdir must be outside the repository (corpora and stores are large)")
    args.workdir.mkdir(parents=True, exist_ok=True)
    if not take_lock(args.workdir):
        parser.error(f"another scale.py run is using {args.workdir} (see its .scale.lock); "
                     "two runs would delete each other's stores: give another --workdir")
    try:
        return run_sizes(args)
    finally:
        (args.workdir / LOCK_NAME).unlink(missing_ok=True)


def run_sizes(args: argparse.Namespace) -> int:
    report: dict[str, Any] = {
        "benchmark": "benchmarks/scale.py", "started": dt.datetime.now(dt.UTC).isoformat(),
        "machine": platform.platform(), "python": platform.python_version(),
        "cpus": os.cpu_count(), "memory_gb": psutil.virtual_memory().total / 1024 ** 3,
        "cli": args.cli, "args": {k: v for k, v in vars(args).items()
                                  if k not in ("query_worker", "long_cik", "only_query",
                                               "variant")},
        "note": "synthetic corpora from benchmarks/synthetic.py: scale figures only, "
                "never accuracy", "sizes": [], "growth": []}
    for size in args.sizes:
        print(f"\n### {size:,} filings", flush=True)
        figures = measure_size(args, size)
        report["sizes"].append(figures)
        print_size(figures)
        if figures.get("profile"):
            print(f"\ncProfile, headers-only extract of {size:,} filings, top {args.profile} "
                  "by cumulative time:")
            print(figures["profile"]["top_cumulative"])
            print("\nthe same without the import machinery:")
            print(figures["profile"]["top_cumulative_without_imports"])
        report["growth"] = growth(report["sizes"])
        write_json(args.out, report)  # after every size, so a long run keeps what it has
    print_growth(report["growth"])
    report["finished"] = dt.datetime.now(dt.UTC).isoformat()
    write_json(args.out, report)
    print(f"\nfigures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
