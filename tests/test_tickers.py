"""Stock listings: each symbol a sentence states, with its exchange and company."""

from __future__ import annotations

import pytest

from extractor.nlp.form_items import read_form_items
from extractor.nlp.release import read_release
from extractor.nlp.tickers import stock_listings


@pytest.mark.parametrize(
    ("text", "listings"),
    [
        ("Lexaria Bioscience Corp. (NASDAQ:LEXX, LEXXW) (the “Company”)",
         [("NASDAQ", "LEXX"), ("NASDAQ", "LEXXW")]),
        # Quoted symbols, several exchanges, and one symbol with a digit.
        ("Helix BioPharma Corp. (TSX: “HBP”, OTC PINK: “HBPCD”, FRANKFURT: “HBP0”)",
         [("TSX", "HBP"), ("OTC PINK", "HBPCD"), ("FRANKFURT", "HBP0")]),
        # Hong Kong lists numbers; elsewhere a number after an exchange is no symbol.
        ("Harbour BioMed (the Company; HKEX: 02142), a global company", [("HKEX", "02142")]),
        ("NASDAQ: 2025 results were strong.", []),
        ("Cerence is trading under the symbol “CRNC” on the NASDAQ Global Select Market.",
         [("NASDAQ", "CRNC")]),
        ("(TSX.V:VM) (OTC Pink:VYYRF)", [("TSX.V", "VM"), ("OTC Pink", "VYYRF")]),
    ],
)
def test_listings(text: str, listings: list[tuple[str, str]]) -> None:
    assert [(exchange, symbol) for _, exchange, symbol in stock_listings(text)] == listings


def test_each_symbol_goes_to_the_company_named_before_it() -> None:
    facts = read_release(
        "# Acme and Beta Sign a License\n\n"
        "BOSTON, March 8, 2025 -- Acme Therapeutics, Inc. (Nasdaq: ACME, ACMEW) and Beta "
        "Pharma Corp. (NYSE: BETA) today announced an exclusive license agreement.")
    owners = {t.symbol: facts.name_of(t.organization) for t in facts.tickers}
    assert owners == {"ACME": "Acme Therapeutics, Inc.", "ACMEW": "Acme Therapeutics, Inc.",
                      "BETA": "Beta Pharma Corp."}


def test_an_8k_items_text_gives_its_tickers() -> None:
    text = ("<html><body><p>Item 5.02 Departure of Directors or Certain Officers.</p>"
            "<p>On May 1, 2018, the Board appointed Jane Roe as Chief Financial Officer. "
            "Ms. Roe spent 24 years with Automatic Data Processing, Inc. (NASDAQ: ADP).</p>"
            "</body></html>")
    facts = read_form_items(text, registrant="Nuance Communications, Inc.")
    assert [(t.exchange, t.symbol) for t in facts.tickers] == [("NASDAQ", "ADP")]
    assert facts.name_of(facts.tickers[0].organization) == "Automatic Data Processing, Inc."
