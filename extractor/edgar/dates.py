"""Parsing of the date and datetime forms found in EDGAR headers and JSON."""

from __future__ import annotations

import datetime as dt


def parse_date(value: str | None) -> dt.date | None:
    """Parse YYYYMMDD or YYYY-MM-DD (with an optional time part); None if absent or invalid."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) >= 10 and text[4] == "-":
            return dt.date.fromisoformat(text[:10])
        if len(text) >= 8 and text[:8].isdigit():
            year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
            if year == 0:
                return None
            return dt.date(year, month, day)
    except ValueError:
        return None
    return None


def parse_acceptance(value: str | None) -> dt.datetime | None:
    """Parse EDGAR's YYYYMMDDhhmmss acceptance stamp (Eastern time, given without a zone)."""
    if not value:
        return None
    text = value.strip()
    if len(text) < 14 or not text[:14].isdigit():
        return None
    try:
        return dt.datetime.strptime(text[:14], "%Y%m%d%H%M%S")
    except ValueError:
        return None
