"""Stock tickers in a press release, each with the organization it trades for."""

from __future__ import annotations

from .facts import Ticker
from .organizations import TICKER
from .sentences import SentenceReader


class TickerReader(SentenceReader):
    """Ticker symbols ("Nasdaq: ACME"), each for the organization named before it, or the
    issuer."""

    def tickers(self) -> list[Ticker]:
        tickers: dict[str, Ticker] = {}
        for sentence in self.sentences:
            for match in TICKER.finditer(sentence.text):
                symbol = match.group(2).rstrip(".")
                if symbol in tickers or len(symbol) < 1:
                    continue
                before = sentence.text[max(0, match.start() - 160):match.start()]
                mentions = self.names.mentions(before)
                org = mentions[-1][2] if mentions else self.issuer
                tickers[symbol] = Ticker(match.group(1), symbol, org, self.evidence(sentence))
        return list(tickers.values())
