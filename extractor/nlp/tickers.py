"""Stock tickers in a press release, each with the organization it trades for."""

from __future__ import annotations

import re

from .facts import Ticker
from .organizations import EXCHANGES
from .sentences import SentenceReader

# A symbol as releases print it: bare, or in quotes ("TSX: “HBP”"); Asian exchanges list
# numbers ("HKEX: 02142").
_SYMBOL = r"[\"“”']?([A-Z][A-Z0-9.\-]{0,9}|\d{4,6})\b[\"“”']?"
_EXCHANGE = rf"({EXCHANGES}|OTC PINK|OTC Markets|FRANKFURT|Frankfurt|FWB)"
# "NASDAQ: LEXX", then more symbols on the same exchange: "(Nasdaq: ACON, ACONW)".
_LISTING = re.compile(rf"\b{_EXCHANGE}\s*[:：]\s*{_SYMBOL}(?![\w:：])")
_MORE_SYMBOLS = re.compile(rf"\s*,\s*{_SYMBOL}(?=\s*[,;)]|\s*$)")
# "trading under the symbol “CRNC” on the NASDAQ Global Select Market".
_UNDER_SYMBOL = re.compile(
    rf"\bunder the (?:ticker |trading )?symbols?\s+{_SYMBOL}\s+on the\s+{_EXCHANGE}")
_NUMBERED_EXCHANGES = frozenset({"HKEX", "SEHK", "HKSE", "KRX", "KOSDAQ", "SGX", "BSE", "NSE"})


class TickerReader(SentenceReader):
    """Ticker symbols ("Nasdaq: ACME"), each for the organization named before it, or the
    issuer."""

    def tickers(self) -> list[Ticker]:
        tickers: dict[str, Ticker] = {}
        for sentence in self.sentences:
            for start, exchange, symbol in stock_listings(sentence.text):
                if symbol in tickers:
                    continue
                before = sentence.text[max(0, start - 160):start]
                mentions = self.names.mentions(before)
                org = mentions[-1][2] if mentions else self.issuer
                tickers[symbol] = Ticker(exchange, symbol, org, self.evidence(sentence))
        return list(tickers.values())


def stock_listings(text: str) -> list[tuple[int, str, str]]:
    """(offset, exchange, symbol) of each listing a sentence states."""
    found: list[tuple[int, str, str]] = []
    for match in _LISTING.finditer(text):
        exchange = match.group(1)
        symbols = [match.group(2)]
        position = match.end()
        while more := _MORE_SYMBOLS.match(text, position):
            symbols.append(more.group(1))
            position = more.end()
        found += [(match.start(), exchange, symbol.rstrip(".")) for symbol in symbols
                  if _plausible(exchange, symbol)]
    for match in _UNDER_SYMBOL.finditer(text):
        if _plausible(match.group(2), match.group(1)):
            found.append((match.start(), match.group(2), match.group(1)))
    return found


def _plausible(exchange: str, symbol: str) -> bool:
    symbol = symbol.rstrip(".")
    return bool(symbol) and (not symbol.isdigit() or exchange.upper() in _NUMBERED_EXCHANGES)

