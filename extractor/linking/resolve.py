"""Resolve an organization's names (and tickers) to one CIK, by the name valid on a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from .index import CompanyIndex, NameRow
from .keys import company_key, legal_form

# How sure each way of matching is. A name the store's histories date to the document's
# day is the strongest; a name from SEC's undated lists is good when only one CIK ever had
# it; a name the company had at another time, or a ticker alone, is a weaker hint.
SCORES = {
    "name-at-date": 0.98,
    "name-around-date": 0.94,
    "name": 0.9,
    "name-at-other-time": 0.8,
    "ticker": 0.85,
    "acronym": 0.85,
}
# A key this short is an initialism or a fragment, never enough to pick a company.
_MIN_KEY = 3


@dataclass(slots=True)
class Link:
    """The CIK an organization refers to (None if unknown or ambiguous) and how it was found."""

    cik: str | None
    method: str
    score: float
    matched_name: str = ""
    candidates: list[tuple[str, str]] = field(default_factory=list)
    # For an acronym another text defined: the organization it stands for, when no CIK does.
    same_as: str = ""

    @property
    def ambiguous(self) -> bool:
        return self.cik is None and len(self.candidates) > 1

    @property
    def linked(self) -> bool:
        return self.cik is not None or bool(self.same_as)


def resolve(index: CompanyIndex, names: Sequence[str], date: dt.date | None = None,
            tickers: Sequence[tuple[str, str]] = ()) -> Link:
    """The company `names` (full name first, then aliases) refer to on `date`.

    Each name is tried in turn, by its key and then by its key without spaces (a name of
    another legal form, an LLC for a corporation, does not count); the first that picks one
    CIK wins. Candidates are ranked: a name the store dates to cover `date`,
    then a name from SEC's undated lists, then a dated name held at another time. Several
    CIKs in the best rank are told apart by the text's tickers, or the link is left out and
    the candidates listed. With no name known, a ticker of one CIK links by itself.
    """
    ambiguous: Link | None = None
    for name in dict.fromkeys(name for name in names if name):
        key = company_key(name)
        if len(key.replace(" ", "")) < _MIN_KEY:
            continue
        rows, _ = index.names_matching(key)
        form = legal_form(name)
        if form is not None:
            rows = [row for row in rows if legal_form(row.name) in (None, form)]
        if not rows:
            continue
        link = _decide(index, rows, date, tickers)
        link.matched_name = name
        if link.cik is not None:
            return link
        ambiguous = ambiguous or link
    if ambiguous is not None:
        return ambiguous
    ticker_ciks = _ticker_ciks(index, tickers)
    if len(ticker_ciks) == 1:
        return Link(next(iter(ticker_ciks)), "ticker", SCORES["ticker"],
                    matched_name=tickers[0][0])
    return Link(None, "none", 0.0)


def _decide(index: CompanyIndex, rows: list[NameRow], date: dt.date | None,
            tickers: Sequence[tuple[str, str]]) -> Link:
    by_cik: dict[str, list[NameRow]] = {}
    for row in rows:
        by_cik.setdefault(row.cik, []).append(row)
    ranked: dict[str, tuple[int, str]] = {cik: _rank(cik_rows, date)
                                          for cik, cik_rows in by_cik.items()}
    best = min(rank for rank, _ in ranked.values())
    chosen = sorted(cik for cik, (rank, _) in ranked.items() if rank == best)
    if len(chosen) > 1:
        ticker_ciks = _ticker_ciks(index, tickers)
        if len(ticker_ciks & set(chosen)) == 1:
            cik = next(iter(ticker_ciks & set(chosen)))
            method = ranked[cik][1]
            return Link(cik, f"{method}+ticker", min(1.0, SCORES[method] + 0.01))
        names = {cik: by_cik[cik][0].name for cik in chosen}
        return Link(None, "ambiguous", 0.0, candidates=sorted(names.items()))
    cik = chosen[0]
    method = ranked[cik][1]
    score = SCORES[method]
    if tickers and cik in _ticker_ciks(index, tickers):
        score = min(1.0, score + 0.01)
    return Link(cik, method, score)


def _rank(rows: list[NameRow], date: dt.date | None) -> tuple[int, str]:
    """How well one CIK's rows for the name fit the date: lower is better."""
    dated = [row for row in rows if row.dated]
    if not dated:
        return 1, "name"
    if date is None:
        return 0, "name"
    day = date.isoformat()
    if any(_surely_held(row, day) for row in dated):
        return 0, "name-at-date"
    if any(_possibly_held(row, day) for row in dated):
        return 0, "name-around-date"
    return 2, "name-at-other-time"


def _surely_held(row: NameRow, day: str) -> bool:
    started = bool(row.start_hi) and row.start_hi <= day
    not_ended = row.current or (bool(row.end_lo) and day <= row.end_lo)
    return started and not_ended


def _possibly_held(row: NameRow, day: str) -> bool:
    may_have_started = not row.start_lo or row.start_lo <= day
    may_not_have_ended = row.current or not row.end_hi or day <= row.end_hi
    return may_have_started and may_not_have_ended


def _ticker_ciks(index: CompanyIndex, tickers: Sequence[tuple[str, str]]) -> set[str]:
    found: set[str] = set()
    for symbol, exchange in tickers:
        found |= index.ciks_for_ticker(symbol, exchange)
    return found
