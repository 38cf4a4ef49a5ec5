"""The release date, read from the dateline near the top of a release."""

from __future__ import annotations

import datetime as dt
import re

from .plain import PlainText

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)
# What may follow a dateline's date: a wire tag, a dash, a slash, a closing bracket, a time.
_DATE_AFTER = re.compile(r"\s*(?:$|[-‐‑‒–—―(/)@:|.,])")
_PREFIX_TOKEN = re.compile(r"[^\s,/()\[\]‐‑‒–—―-]+")
_PREFIX_SMALL = frozenset("and of the de du la le del des y am an upon on sur".split())
_DATELINE_BLOCKS = 20
_DATELINE_CHARS = 300


def dateline_date(pt: PlainText) -> dt.date | None:
    """The release date from the dateline near the top, else the front matter's date."""
    seen = 0
    for block in pt.blocks:
        if block.role in ("front-matter", "title", "navigation"):
            continue
        seen += 1
        if seen > _DATELINE_BLOCKS:
            break
        head = pt.text[block.start:min(block.end, block.start + _DATELINE_CHARS)]
        m = _DATE.search(head)
        if m is None or not _DATE_AFTER.match(head, m.end()):
            continue
        if not _dateline_prefix(head[:m.start()]):
            continue
        month = (m.group("m1") or m.group("m2"))[:3].lower()
        day = int(m.group("d1") or m.group("d2"))
        year = int(m.group("y1") or m.group("y2"))
        try:
            return dt.date(year, _MONTHS[month], day)
        except ValueError:
            continue
    value = pt.front_matter.get("date", "").strip()
    if len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _dateline_prefix(prefix: str) -> bool:
    # A dateline's words before the date are places, a weekday and a wire name: all
    # capitalized. A sentence that happens to hold a date has lowercase words.
    if len(prefix) > 200:
        return False
    for token in _PREFIX_TOKEN.findall(prefix):
        if token[0].isupper() or token.lower() in _PREFIX_SMALL or token in ("&", "@"):
            continue
        return False
    return True
