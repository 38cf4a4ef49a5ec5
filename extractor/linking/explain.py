"""How a name resolves, for people: the index rows it meets and the decision, as text."""

from __future__ import annotations

import datetime as dt

from .index import CompanyIndex
from .keys import company_key, legal_form, squashed_key
from .resolve import resolve


def explain(index: CompanyIndex, name: str, date: dt.date | None = None) -> str:
    """Lines saying which companies had `name` (by key) and when, and which one it links to."""
    key = company_key(name)
    lines = [f"name: {name!r}  key: {key!r}  legal form: {legal_form(name) or 'none'}"
             f"  date: {date.isoformat() if date else 'any'}"]
    rows, squashed = index.names_matching(key)
    if rows and squashed:
        lines.append(f"no name has this key; matched without spaces ({squashed_key(key)!r})")
    if not rows:
        lines.append("no company in the index has this name")
    for row in sorted(rows, key=lambda row: (row.cik, row.start_lo, row.start_hi)):
        held = ("from SEC's undated name lists" if not row.dated else
                f"held {row.start_lo or '?'}..{row.start_hi or '?'} to "
                + ("now" if row.current else f"{row.end_lo or '?'}..{row.end_hi or '?'}"))
        lines.append(f"  CIK {row.cik}  {row.name}  ({row.source}; {held})")
    link = resolve(index, [name], date)
    if link.cik is not None:
        lines.append(f"-> CIK {link.cik} by {link.method} (score {link.score:.2f})")
    elif link.candidates:
        listed = "; ".join(f"{cik} {candidate}" for cik, candidate in link.candidates[:20])
        lines.append(f"-> not linked: {len(link.candidates)} companies fit equally ({listed})")
    else:
        lines.append("-> not linked")
    return "\n".join(lines)
