"""Stage 9, download: filings fetched from SEC EDGAR into a mirror of its paths, and stores kept
in sync with it.

Requests keep to SEC's fair-access rules: a declared User-Agent, at most ten a second, retries
that honour Retry-After (`client`). Listings say what to fetch: a company's submissions JSON,
a quarter's full index (`listings`); a company is named by CIK, ticker or name through SEC's
ticker list (`companies`). Files land whole or not at all and resume after a kill (`fetch`);
`sync` extracts into a store what it lacks.
"""

from .client import DownloadError, SecClient, SecRefused, UserAgentMissing
from .fetch import (
    DownloadReport,
    Progress,
    default_mirror,
    download_company,
    download_daily,
    download_index,
    download_names,
)
from .listings import FilingRef, parse_index, parse_quarters
from .sync import SyncReport, sync

__all__ = ["DownloadError", "DownloadReport", "FilingRef", "Progress", "SecClient", "SecRefused",
           "SyncReport", "UserAgentMissing", "default_mirror", "download_company",
           "download_daily", "download_index", "download_names", "parse_index",
           "parse_quarters", "sync"]
