"""A company named on the command line (CIK, ticker or name) as its CIK, by SEC's ticker list."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..edgar.header import normalize_cik
from ..errors import AmbiguousCompany, UnknownCompany
from ..linking.index import ticker_rows
from ..linking.keys import company_key

TICKERS_PATH = "files/company_tickers.json"
EXCHANGES_PATH = "files/company_tickers_exchange.json"
LOOKUP_PATH = "Archives/edgar/cik-lookup-data.txt"


@dataclass(frozen=True, slots=True)
class Listed:
    """A company of SEC's ticker list."""

    cik: str
    name: str
    ticker: str | None


class TickerList:
    """SEC's company_tickers.json, searchable by CIK, ticker and name."""

    def __init__(self, data: object, source: str = TICKERS_PATH) -> None:
        self.companies: list[Listed] = []
        for cik, name, ticker, _ in ticker_rows(data, source):
            number = normalize_cik(cik) if isinstance(cik, int | str) else None
            if number and isinstance(name, str) and name.strip():
                self.companies.append(Listed(number, name.strip(),
                                             str(ticker).upper() if ticker else None))

    def name_of(self, cik: str) -> str | None:
        return next((c.name for c in self.companies if c.cik == cik), None)

    def resolve(self, query: str) -> Listed:
        """The company `query` names: a CIK (listed or not), a ticker ("BRK.B" = "BRK-B"),
        or a name, exactly by its key, else as the start of one name only.

        UnknownCompany says what is close; AmbiguousCompany lists the candidates.
        """
        text = query.strip()
        if text.isdigit():
            cik = normalize_cik(text)
            if cik:
                return Listed(cik, self.name_of(cik) or f"CIK {cik}", None)
        symbol = text.upper().replace(".", "-")
        by_ticker = {c.cik: c for c in self.companies if c.ticker == symbol}
        if len(by_ticker) == 1:
            return next(iter(by_ticker.values()))
        key = company_key(text)
        exact = _one_per_cik(c for c in self.companies if company_key(c.name) == key)
        starting = exact or _one_per_cik(
            c for c in self.companies if key and company_key(c.name).startswith(key + " "))
        if len(starting) == 1:
            return starting[0]
        if starting:
            raise AmbiguousCompany(text, [(c.cik, c.name) for c in starting[:10]],
                                   "give a ticker or a CIK instead")
        raise UnknownCompany(self._unknown(text))

    def _unknown(self, text: str) -> str:
        names = {c.name.lower(): c.name for c in self.companies}
        close = [names[n] for n in difflib.get_close_matches(text.lower(), list(names), n=3,
                                                             cutoff=0.75)]
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        return (f"no company {text!r} in SEC's ticker list (listed companies only): give its "
                f"CIK instead, found with EDGAR's company search{hint}")


def _one_per_cik(companies: object) -> list[Listed]:
    seen: dict[str, Listed] = {}
    for company in companies:  # type: ignore[attr-defined]
        seen.setdefault(company.cik, company)
    return list(seen.values())
