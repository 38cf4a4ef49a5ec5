"""Parsing of the date and datetime forms found in EDGAR headers and JSON."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


def parse_date(value: str | None) -> dt.date | None:
    """Parse YYYYMMDD or YYYY-MM-DD (with an optional time part); None if absent or invalid."""
    return _parse_date(value) if value else None


# Remembered by their text: a header has five dates or so, and a corpus's filings share their
# days (30 years are 11,000 of them). Bounded, since damaged files can hold any text; dates
# are immutable, so sharing them is safe.
@lru_cache(maxsize=50_000)
def _parse_date(value: str) -> dt.date | None:
    text = value.strip()
    try:
        if len(text) >= 10 and text[4] == "-":
            return dt.date.fromisoformat(text[:10])
        if len(text) >= 8 and text[:8].isdigit():
            # One int() cut up by arithmetic, not three of slices: each header has a few dates.
            year, month_day = divmod(int(text[:8]), 10000)
            if year == 0:
                return None
            return dt.date(year, month_day // 100, month_day % 100)
    except ValueError:
        return None
    return None


def parse_acceptance(value: str | None) -> dt.datetime | None:
    """Parse EDGAR's YYYYMMDDhhmmss acceptance stamp (Eastern time, given without a zone)."""
    if not value:
        return None
    stamp = value.strip()[:14]
    if len(stamp) < 14 or not stamp.isdigit():
        return None
    try:
        if stamp.isascii():
            # Cut up by arithmetic, not by strptime (ten times slower), to the same result:
            # fourteen digits leave every field two digits wide, and datetime() refuses
            # whatever strptime refuses.
            day, time = divmod(int(stamp), 1_000_000)
            return dt.datetime(day // 10_000, day // 100 % 100, day % 100,
                               time // 10_000, time // 100 % 100, time % 100)
        # Other scripts' digits: strptime takes them in some places only, so it decides.
        return dt.datetime.strptime(stamp, "%Y%m%d%H%M%S")
    except ValueError:
        return None
