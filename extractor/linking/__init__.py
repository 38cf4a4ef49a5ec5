"""Stage 7, linking: the store's organizations in, links to EDGAR companies out.

Names compare by keys that leave legal forms, EDGAR's state tags and punctuation aside
(`keys`); every known name of every CIK, dated where the store's histories date it, and
tickers sit in a SQLite company index that SEC's bulk name lists also fill (`index`). An
organization's names resolve to one CIK by the name valid on the document's date, or to
candidates (`resolve`), explained for people (`explain`) and scored against a linking gold
(`scoring`). Links are written beside each source graph and recomputed when names change
(`store_links`).
"""

from .index import CompanyIndex, LoadReport
from .resolve import Link, resolve

__all__ = ["CompanyIndex", "Link", "LoadReport", "resolve"]
