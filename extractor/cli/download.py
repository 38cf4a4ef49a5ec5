"""`edgar-kg download` and `edgar-kg sync`: filings fetched from EDGAR, and a store kept current."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click

from ..download import (
    DownloadReport,
    Progress,
    SecClient,
    SecRefused,
    download_company,
    download_daily,
    download_index,
    download_names,
    parse_quarters,
)
from ..download import sync as sync_store
from ..download.fetch import STATE_FOLDER, FileOutcome, mirror_root
from ..store.embedded import default_store_path
from .common import (
    CommandError,
    Stopped,
    emit,
    format_option,
    library_errors,
    open_store,
    rows_options,
)
from .common import store_option as _store_option
from .progress import progress_bar

_DATE = click.DateTime(formats=["%Y-%m-%d"])
_DATE.name = "date"


def _quarters(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
              ) -> list[tuple[int, int]]:
    try:
        return [pair for value in values for pair in parse_quarters(value)]
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def fetch_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """What to fetch and how politely: shared by download and sync."""
    for option in reversed([
        click.option("--form", "forms", multiple=True, metavar="FORM",
                     help="Only filings of this form, e.g. 8-K or 4 (repeatable; amendments "
                          "such as 8-K/A are forms of their own)."),
        click.option("--since", type=_DATE, default=None, help="Only filings filed on or "
                                                               "after this day (YYYY-MM-DD)."),
        click.option("--until", type=_DATE, default=None, help="Only filings filed on or "
                                                               "before this day."),
        click.option("--index", "quarters", multiple=True, callback=_quarters,
                     metavar="QUARTER", help="Every filing of --form that the quarter's full "
                                             "index lists, e.g. 2024Q1, or 2024 for a year."),
        click.option("--headers-only", is_flag=True,
                     help="Fetch each filing's SEC header (.hdr.sgml), not the whole filing."),
        click.option("--to", "to", type=click.Path(file_okay=False), default=None,
                     help="Mirror folder, laid out as EDGAR's paths [default: "
                          "$EDGAR_KG_CACHE or ~/.cache/edgar-kg/edgar]."),
        click.option("--user-agent", default=None, metavar="'NAME EMAIL'",
                     help="Who runs this, as SEC requires: a name and an e-mail address "
                          "[default: $EDGAR_KG_USER_AGENT]."),
        click.option("--rate", type=click.FloatRange(0.1, 10), default=10.0,
                     show_default=True, help="Requests a second at most (SEC allows 10)."),
        click.option("--dry-run", is_flag=True,
                     help="Only list what would be fetched (listings are still read)."),
    ]):
        fn = option(fn)
    return fn


class _Bar:
    """A bar of the files fetched, with rate and time left, shown only on a terminal."""

    def __init__(self) -> None:
        self.bar: Any = None

    def start(self, total: int) -> None:
        if self.bar is None:
            self.bar = progress_bar(total, "files", "downloading")
        else:
            self.bar.total = (self.bar.total or 0) + total
            self.bar.refresh()

    def advance(self, outcome: FileOutcome) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _client(to: str | None, user_agent: str | None, rate: float) -> SecClient:
    root = mirror_root(to)
    return SecClient(user_agent, rate=rate, cache_file=root / STATE_FOLDER / "http-cache.sqlite")


def _report_lines(report: DownloadReport, dry_run: bool, fmt: str) -> None:
    if dry_run:
        rows = [[o.status, o.kind, o.filing.form if o.filing else None,
                 o.filing.filed.isoformat() if o.filing else None,
                 o.filing.accession if o.filing else None,
                 o.filing.company if o.filing else None, o.url]
                for o in report.outcomes]
        emit(["status", "kind", "form", "filed", "accession", "company", "url"], rows, fmt)
    for failure in report.failures:
        click.echo(f"error: {failure}", err=True)
    for outcome in report.outcomes:
        if outcome.status == "failed":
            click.echo(f"error: {outcome.reason}", err=True)


def _finish(report: DownloadReport) -> None:
    if report.stopped:
        raise Stopped(f"{report.stopped}\n{report.summary()}")
    if not report.ok:
        sys.exit(1)


@click.command()
@click.argument("companies", nargs=-1, metavar="[COMPANY]...")
@fetch_options
@click.option("--daily", "days", multiple=True, type=_DATE, metavar="DATE",
              help="The day's tarball of every filing (EDGAR's Feed), or with --headers-only "
                   "of every header (daily-index).")
@click.option("--names", is_flag=True,
              help="SEC's name lists for linking: company_tickers.json, its exchange table, "
                   "cik-lookup-data.txt.")
@format_option()
@rows_options
@library_errors
def download(companies: tuple[str, ...], forms: tuple[str, ...], since: dt.datetime | None,
             until: dt.datetime | None, quarters: list[tuple[int, int]], headers_only: bool,
             to: str | None, user_agent: str | None, rate: float, dry_run: bool,
             days: tuple[dt.datetime, ...], names: bool, fmt: str, columns: tuple[str, ...],
             limit: int | None) -> None:
    """Fetch filings from SEC EDGAR into a folder laid out as EDGAR's paths.

    COMPANY is a CIK, ticker or name (by SEC's ticker list); its submissions JSON lists its
    filings. Files already in the folder are not fetched again, a file is written whole or
    not at all, and an interrupted download resumes. `edgar-kg extract` reads the folder as
    it is. Requests keep to SEC's fair-access rules: a User-Agent with your name and e-mail,
    at most 10 a second, waits and retries when the server asks.

    \b
    Examples:
      edgar-kg download CLRB --form 8-K --since 2017-01-01 --user-agent "Jane Doe jd@example.com"
      edgar-kg download 1279704 --headers-only --to filings/
      edgar-kg download --index 2024Q1 --form 8-K --dry-run
      edgar-kg download --daily 2024-01-02 --headers-only
      edgar-kg download --names
    """
    if not (companies or quarters or days or names):
        raise click.UsageError("say what to fetch: COMPANY..., --index, --daily or --names")
    if quarters and not forms:
        raise click.UsageError("--index needs --form: a quarter lists some 300,000 filings")
    first = since.date() if since else None
    last = until.date() if until else None
    bar = _Bar()
    progress = Progress(bar.start, bar.advance)
    report = DownloadReport(mirror_root(to))
    try:
        with _client(to, user_agent, rate) as client:
            common: dict[str, Any] = {"client": client, "headers_only": headers_only,
                                      "dry_run": dry_run, "progress": progress}
            if companies:
                report.merge(download_company(companies, to, forms=forms, since=first,
                                              until=last, **common))
            if quarters:
                report.merge(download_index(quarters, to, forms=forms, since=first,
                                            until=last, **common))
            if days:
                report.merge(download_daily([day.date() for day in days], to, **common))
            if names and not dry_run:
                report.merge(download_names(to, client=client))
    except SecRefused as exc:
        report.stopped = str(exc)
    finally:
        bar.close()
    _report_lines(report, dry_run, fmt)
    click.echo(report.summary())
    _finish(report)


@click.command("sync")
@click.argument("companies", nargs=-1, metavar="[COMPANY]...")
@fetch_options
@_store_option
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes for extraction.")
@click.option("--names", is_flag=True,
              help="Also fetch SEC's name lists and read them into the store's company index, "
                   "so organizations link by them.")
@format_option()
@rows_options
@library_errors
def sync(companies: tuple[str, ...], forms: tuple[str, ...],
                 since: dt.datetime | None, until: dt.datetime | None,
                 quarters: list[tuple[int, int]], headers_only: bool, to: str | None,
                 user_agent: str | None, rate: float, dry_run: bool, store_path: str | None,
                 jobs: int, names: bool, fmt: str, columns: tuple[str, ...],
                 limit: int | None) -> None:
    """Fetch what is new for COMPANY... (or --index quarters) and extract it into the store.

    Files already in the mirror are not fetched again, and filings already in the store are
    not extracted again, so running it again only adds what EDGAR has added since.

    \b
    Examples:
      edgar-kg sync CLRB --form 8-K --user-agent "Jane Doe jd@example.com"
      edgar-kg sync 1279704 --headers-only --names --store cellectar.db
      edgar-kg sync --index 2024Q1 --form 8-K --dry-run
    """
    if not (companies or quarters):
        raise click.UsageError("say what to keep in sync: COMPANY... or --index QUARTER")
    if quarters and not forms:
        raise click.UsageError("--index needs --form: a quarter lists some 300,000 filings")
    bar = _Bar()
    path = store_path or default_store_path()
    # A dry run writes nothing: with no store yet, everything it would fetch is new.
    store = None if dry_run and not Path(path).is_dir() else open_store(
        path, must_exist=False, read_only=dry_run)
    try:
        with store or nullcontext(), _client(to, user_agent, rate) as client:
            outcome = sync_store(store, companies, quarters, to, forms=forms,
                           since=since.date() if since else None,
                           until=until.date() if until else None, headers_only=headers_only,
                           client=client, names=names, dry_run=dry_run, jobs=jobs,
                           progress=Progress(bar.start, bar.advance))
    except SecRefused as exc:
        raise Stopped(str(exc)) from None
    finally:
        bar.close()
    _report_lines(outcome.download, dry_run, fmt)
    click.echo(outcome.download.summary())
    for loaded in outcome.names:
        click.echo(f"company index: {loaded.summary()}")
    if dry_run:
        click.echo(f"{len(outcome.to_extract)} files would be extracted into the store")
    elif outcome.extraction is None:
        click.echo("nothing new to extract: the store is up to date")
    else:
        summary = outcome.extraction
        for failure in summary.failures:
            click.echo(f"error: {failure.line()}", err=True)
        click.echo(f"{summary.inputs} inputs extracted: {summary.filings} filings, "
                   f"{summary.triples} triples; {len(summary.failures)} failed")
    _finish(outcome.download)
    if outcome.extraction is not None and not outcome.extraction.ok:
        raise CommandError("some files could not be extracted (listed above)")
