"""Filings fetched from EDGAR into a folder that mirrors its paths: by company, quarter or day."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AmbiguousCompany, UnknownCompany
from .client import DownloadError, NotFound, SecClient, SecRefused, partial_path
from .companies import EXCHANGES_PATH, LOOKUP_PATH, TICKERS_PATH, TickerList
from .listings import (
    FilingRef,
    daily_archive_path,
    index_path,
    older_pages,
    parse_index,
    submission_rows,
    submissions_path,
    wanted,
)

MIRROR_ENV = "EDGAR_KG_CACHE"
# Inside the mirror, hidden so `edgar-kg extract MIRROR` passes it by: the HTTP cache.
STATE_FOLDER = ".edgar-kg"
WORKERS = 4


def default_mirror() -> Path:
    """$EDGAR_KG_CACHE, else edgar-kg/edgar under the user's cache folder."""
    if os.environ.get(MIRROR_ENV):
        return Path(os.environ[MIRROR_ENV])
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "edgar-kg" / "edgar"


@dataclass(slots=True)
class FileOutcome:
    """One file of a download: fetched now, already there (whole), planned (a dry run), or
    failed (reason says why). Its kind: a filing (or its header), a company's listing (the
    submissions JSON), a day's tarball, or a name list."""

    url: str
    path: Path
    status: str
    bytes: int = 0
    filing: FilingRef | None = None
    reason: str | None = None
    resumed: bool = False
    kind: str = "filing"


@dataclass(slots=True)
class DownloadReport:
    """What a download did, file by file, and the requests it took."""

    root: Path
    outcomes: list[FileOutcome] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # listings that could not be read
    stopped: str | None = None  # why the run stopped early (SEC refused it)
    requests: int = 0
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.stopped and not self.count("failed")

    def merge(self, other: DownloadReport) -> None:
        self.outcomes += other.outcomes
        self.failures += other.failures
        self.stopped = self.stopped or other.stopped
        self.requests += other.requests
        self.seconds += other.seconds

    def summary(self) -> str:
        fetched = sum(o.bytes for o in self.outcomes if o.status == "fetched")
        parts = [f"{self.count('fetched')} files fetched ({_size(fetched)})",
                 f"{self.count('present')} already there"]
        if self.count("planned"):
            parts.append(f"{self.count('planned')} to fetch (dry run)")
        parts.append(f"{self.count('failed') + len(self.failures)} failed")
        return f"{', '.join(parts)}; {self.requests} requests in {self.seconds:.1f}s -> {self.root}"


def _size(count: int) -> str:
    size = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


@dataclass(slots=True)
class Progress:
    """Callbacks for a progress bar: the number of files planned, then each file's outcome."""

    start: Callable[[int], None] = lambda total: None
    advance: Callable[[FileOutcome], None] = lambda outcome: None


@contextmanager
def client_session(client: SecClient | None, user_agent: str | None, root: Path
             ) -> Iterator[SecClient]:
    """The client given, or one made for this call (with the mirror's HTTP cache)."""
    if client is not None:
        yield client
        return
    with SecClient(user_agent, cache_file=root / STATE_FOLDER / "http-cache.sqlite") as made:
        yield made


@contextmanager
def _run(client: SecClient | None, user_agent: str | None, root: Path
         ) -> Iterator[tuple[SecClient, DownloadReport]]:
    """A client and an empty report, which gets the requests and seconds the run took."""
    report = DownloadReport(root)
    started = time.monotonic()
    with client_session(client, user_agent, root) as sec:
        first = sec.requests
        try:
            yield sec, report
        finally:
            report.requests = sec.requests - first
            report.seconds = time.monotonic() - started


def _planned(sec: SecClient, root: Path, filings: Iterable[FilingRef],
             forms: Collection[str], since: dt.date | None, until: dt.date | None,
             headers_only: bool) -> list[tuple[str, Path, FilingRef | None]]:
    """(URL, mirror path, filing) of each wanted filing."""
    return [(sec.www_url(f.path(headers_only)), root / f.path(headers_only), f)
            for f in filings if wanted(f, forms, since, until)]


def mirror_root(to: str | os.PathLike[str] | None) -> Path:
    return Path(to) if to is not None else default_mirror()


def download_company(companies: Iterable[str], to: str | os.PathLike[str] | None = None, *,
                     forms: Collection[str] = (), since: dt.date | None = None,
                     until: dt.date | None = None, headers_only: bool = False,
                     user_agent: str | None = None, client: SecClient | None = None,
                     dry_run: bool = False, workers: int = WORKERS,
                     progress: Progress | None = None) -> DownloadReport:
    """Fetch the filings of each company (a CIK, ticker or name) into the mirror `to`.

    Each company's submissions JSON (data host, with its older pages when the dates reach
    them) lists its filings; those of `forms` filed in [since, until] are fetched in full,
    or only their headers. The submissions JSON itself is kept in the mirror too: it holds
    the company's former names, which `extract` reads.
    """
    root = mirror_root(to)
    with _run(client, user_agent, root) as (sec, report):
        tickers: TickerList | None = None
        plan: list[tuple[str, Path, FilingRef | None]] = []
        for query in companies:
            try:
                if not query.strip().isdigit() and tickers is None:
                    tickers = TickerList(sec.get_json(sec.www_url(TICKERS_PATH)))
                listed = (tickers or TickerList({})).resolve(query)
                filings, listing = _company_filings(sec, listed.cik, since, until)
            except SecRefused:
                raise
            except (DownloadError, ValueError) as exc:
                report.failures.append(f"{query}: {exc}")
                continue
            except (UnknownCompany, AmbiguousCompany) as exc:
                report.failures.append(str(exc))
                continue
            path = submissions_path(listed.cik)
            report.outcomes.append(
                FileOutcome(sec.data_url(path), root / path, "planned", kind="listing")
                if dry_run else _keep(sec.data_url(path), root / path, listing, "listing"))
            plan += _planned(sec, root, filings, forms, since, until, headers_only)
        _fetch_all(sec, plan, report, dry_run, workers, progress, headers_only)
    return report


def _company_filings(sec: SecClient, cik: str, since: dt.date | None, until: dt.date | None
                     ) -> tuple[list[FilingRef], bytes]:
    """A company's filings from its submissions JSON and the older pages the dates reach,
    and the submissions JSON's own bytes."""
    import json

    url = sec.data_url(submissions_path(cik))
    try:
        body = sec.get(url)
    except NotFound:
        raise DownloadError(f"CIK {cik}: EDGAR has no company of that number") from None
    data = json.loads(body)
    company = data.get("name")
    filings = list(submission_rows((data.get("filings") or {}).get("recent") or {}, cik,
                                   company))
    for page in older_pages(data, since, until):
        filings += submission_rows(sec.get_json(sec.data_url(f"submissions/{page}")), cik,
                                   company)
    return filings, body


def download_index(quarters: Iterable[tuple[int, int]], to: str | os.PathLike[str] | None = None,
                   *, forms: Collection[str], since: dt.date | None = None,
                   until: dt.date | None = None, headers_only: bool = False,
                   user_agent: str | None = None, client: SecClient | None = None,
                   dry_run: bool = False, workers: int = WORKERS,
                   progress: Progress | None = None) -> DownloadReport:
    """Fetch the filings of `forms` that each quarter's full index (master.idx) lists.

    `forms` is required: a quarter lists some 300,000 filings, days of fetching at SEC's rate.
    """
    if not forms:
        raise ValueError("a quarter's index lists every filing of the quarter (some 300,000): "
                         "choose forms (e.g. 8-K)")
    root = mirror_root(to)
    with _run(client, user_agent, root) as (sec, report):
        plan: list[tuple[str, Path, FilingRef | None]] = []
        for year, quarter in quarters:
            url = sec.www_url(index_path(year, quarter))
            try:
                text = sec.get(url).decode("latin-1")
                filings = list(parse_index(text))
            except SecRefused:
                raise
            except (DownloadError, ValueError) as exc:
                report.failures.append(f"{year}Q{quarter}: {exc}")
                continue
            plan += _planned(sec, root, filings, forms, since, until, headers_only)
        _fetch_all(sec, plan, report, dry_run, workers, progress, headers_only)
    return report


def download_daily(days: Iterable[dt.date], to: str | os.PathLike[str] | None = None, *,
                   headers_only: bool = False, user_agent: str | None = None,
                   client: SecClient | None = None, dry_run: bool = False,
                   progress: Progress | None = None) -> DownloadReport:
    """Fetch each day's tarball of every filing (the Feed) or of their headers alone
    (daily-index); `extract` reads the .nc files inside."""
    root = mirror_root(to)
    with _run(client, user_agent, root) as (sec, report):
        plan = [(sec.www_url(daily_archive_path(day, headers_only)),
                 root / daily_archive_path(day, headers_only), None) for day in days]
        _fetch_all(sec, plan, report, dry_run, 1, progress, headers_only)
    return report


def download_names(to: str | os.PathLike[str] | None = None, *, user_agent: str | None = None,
                   client: SecClient | None = None) -> DownloadReport:
    """Fetch SEC's name lists for linking (company_tickers.json, its exchange table and
    cik-lookup-data.txt), revalidated through the HTTP cache, rewritten when changed."""
    root = mirror_root(to)
    with _run(client, user_agent, root) as (sec, report):
        for path in (TICKERS_PATH, EXCHANGES_PATH, LOOKUP_PATH):
            url = sec.www_url(path)
            try:
                report.outcomes.append(_keep(url, root / path, sec.get(url), "names"))
            except SecRefused:
                raise
            except DownloadError as exc:
                report.outcomes.append(FileOutcome(url, root / path, "failed", reason=str(exc),
                                                   kind="names"))
    return report


def _keep(url: str, target: Path, body: bytes, kind: str) -> FileOutcome:
    """Write a listing into the mirror unless the same bytes are there already."""
    if target.exists() and target.stat().st_size == len(body) and target.read_bytes() == body:
        return FileOutcome(url, target, "present", len(body), kind=kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = partial_path(target)
    part.write_bytes(body)
    os.replace(part, target)
    return FileOutcome(url, target, "fetched", len(body), kind=kind)


def _fetch_all(sec: SecClient, plan: list[tuple[str, Path, FilingRef | None]],
               report: DownloadReport, dry_run: bool, workers: int,
               progress: Progress | None, headers_only: bool) -> None:
    """Fetch what the mirror lacks, `workers` at a time (the client keeps the rate); a 403
    stops the run and says so, any other failure is one file's."""
    progress = progress or Progress()
    seen: set[Path] = set()
    todo = []
    for url, target, filing in plan:
        if target in seen:
            continue
        seen.add(target)
        there = _already_there(target, filing, headers_only)
        if there is not None:
            report.outcomes.append(FileOutcome(url, there, "present", there.stat().st_size,
                                               filing, kind=_kind(filing)))
        elif dry_run:
            report.outcomes.append(FileOutcome(url, target, "planned", filing=filing,
                                               kind=_kind(filing)))
        else:
            todo.append((url, target, filing))
    progress.start(len(todo))
    with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:
        running: dict[Future[FileOutcome], int] = {}
        queue = iter(todo)
        for item in queue:
            running[pool.submit(_fetch_one, sec, *item, headers_only)] = 0
            if len(running) >= workers:
                break
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                del running[future]
                try:
                    outcome = future.result()
                except SecRefused as exc:
                    report.stopped = str(exc)
                    for other in running:
                        other.cancel()
                    running.clear()
                    break
                report.outcomes.append(outcome)
                progress.advance(outcome)
                if not report.stopped:
                    item = next(queue, None)
                    if item is not None:
                        running[pool.submit(_fetch_one, sec, *item, headers_only)] = 0


def _already_there(target: Path, filing: FilingRef | None, headers_only: bool) -> Path | None:
    """The file in the mirror that stands for `target`: itself, or for a header the
    index-headers page fetched in its place."""
    if target.exists():
        return target
    if headers_only and filing is not None:
        page = _header_page(target, filing)
        if page.exists():
            return page
    return None


def _header_page(target: Path, filing: FilingRef) -> Path:
    return target.with_name(f"{filing.accession}-index-headers.html")


def _kind(filing: FilingRef | None) -> str:
    return "filing" if filing is not None else "archive"


def _fetch_one(sec: SecClient, url: str, target: Path, filing: FilingRef | None,
               headers_only: bool) -> FileOutcome:
    kind = _kind(filing)
    try:
        try:
            fetched = sec.fetch_to(url, target)
        except NotFound:
            if not (headers_only and filing is not None):
                raise
            # Older filings have no .hdr.sgml; their index-headers page holds the same header.
            url = sec.www_url(f"{filing.folder}/{filing.accession}-index-headers.html")
            target = _header_page(target, filing)
            fetched = sec.fetch_to(url, target)
    except SecRefused:
        raise
    except DownloadError as exc:
        return FileOutcome(url, target, "failed", filing=filing, reason=str(exc), kind=kind)
    except OSError as exc:  # the mirror's disk, not the server: full, or not writable
        return FileOutcome(url, target, "failed", filing=filing, kind=kind,
                           reason=f"{target}: cannot write ({exc.strerror or exc})")
    return FileOutcome(url, target, "fetched", fetched.bytes, filing, resumed=fetched.resumed,
                       kind=kind)
