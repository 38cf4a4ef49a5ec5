"""A store kept up to date with EDGAR: fetch what is new, extract what the store lacks."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..batch.pipeline import BatchSummary, extract_paths
from ..errors import InputError
from ..extract import Extraction
from ..linking.index import LoadReport
from ..linking.store_links import company_index_of, relink_after_names
from ..store.documents import stored_graphs
from ..store.embedded import KnowledgeStore
from .client import SecClient
from .fetch import (
    WORKERS,
    DownloadReport,
    FileOutcome,
    Progress,
    client_session,
    download_company,
    download_index,
    download_names,
    mirror_root,
)


@dataclass(slots=True)
class SyncReport:
    """The download, the files handed to extraction, and what extraction did (None when
    nothing was new, or on a dry run)."""

    download: DownloadReport
    to_extract: list[Path] = field(default_factory=list)
    extraction: BatchSummary | None = None
    names: list[LoadReport] = field(default_factory=list)  # name lists read into the index

    @property
    def ok(self) -> bool:
        return self.download.ok and (self.extraction is None or self.extraction.ok)


def sync(store: KnowledgeStore | None, companies: Iterable[str] = (),
         quarters: Iterable[tuple[int, int]] = (), to: str | os.PathLike[str] | None = None,
         *, forms: Collection[str] = (), since: dt.date | None = None,
         until: dt.date | None = None, headers_only: bool = False,
         user_agent: str | None = None, client: SecClient | None = None,
         names: bool = False, dry_run: bool = False, jobs: int = 1,
         workers: int = WORKERS, progress: Progress | None = None,
         on_result: Callable[[Extraction | InputError], None] | None = None) -> SyncReport:
    """Fetch what is new for the companies and quarters into the mirror `to`, then extract
    into `store` every file of theirs the store lacks: filings by accession number, a
    submissions JSON when it changed. Running it again fetches and extracts nothing new.
    With `names`, SEC's name lists are fetched too and read into the store's company index
    first, so the new documents link by them and the old ones are relinked. A dry run
    fetches only listings; its store may be None (a store not made yet).
    """
    companies, quarters = list(companies), list(quarters)
    root = mirror_root(to)
    report = DownloadReport(root)
    with client_session(client, user_agent, root) as sec:
        options = {"forms": forms, "since": since, "until": until,
                   "headers_only": headers_only, "client": sec, "dry_run": dry_run,
                   "workers": workers, "progress": progress}
        if companies:
            report.merge(download_company(companies, root, **options))  # type: ignore[arg-type]
        if quarters:
            report.merge(download_index(quarters, root, **options))  # type: ignore[arg-type]
        lists = download_names(root, client=sec) if names and not dry_run else None
    outcome = SyncReport(report)
    if lists is not None:
        report.merge(lists)
        if store is not None:
            outcome.names = _read_name_lists(store, lists)
    outcome.to_extract = [o.path for o in report.outcomes if _new_to(store, o)]
    if outcome.to_extract and store is not None and not dry_run:
        outcome.extraction = extract_paths([str(p) for p in outcome.to_extract], store,
                                           jobs=jobs, on_result=on_result)
    return outcome


def _read_name_lists(store: KnowledgeStore, lists: DownloadReport) -> list[LoadReport]:
    """Read the fetched name lists into the store's company index and relink by them."""
    index = company_index_of(store)
    loaded = [index.load_file(o.path) for o in lists.outcomes if o.status != "failed"]
    relink_after_names(store, index, names_added=bool(loaded))
    return loaded


def _new_to(store: KnowledgeStore | None, outcome: FileOutcome) -> bool:
    """Whether a file of the download has something the store lacks."""
    if store is None:
        return outcome.kind != "names" and outcome.status in ("fetched", "present", "planned")
    if outcome.status == "planned":
        return outcome.filing is None or not store.filing_graphs(outcome.filing.accession)
    if outcome.status not in ("fetched", "present") or outcome.kind == "names":
        return False
    if outcome.filing is not None:
        return not store.filing_graphs(outcome.filing.accession)
    # A listing (a submissions JSON): again whenever it changed.
    return outcome.status == "fetched" or not stored_graphs(store, str(outcome.path))
