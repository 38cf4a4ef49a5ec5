"""Primary documents without their SEC header: Inline XBRL 8-Ks and SEC cover pages."""

from __future__ import annotations

import datetime as dt
import random
import re
import time
from pathlib import Path

import pytest
from extraction_checks import BASE, WHEN, extract_validated, violations
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from extractor import extract as extract_module
from extractor.edgar.cover import read_cover
from extractor.edgar.ixbrl import exchange_code, number_value, read_inline, state_code, text_date
from extractor.edgar.primary import accession_from_name, read_primary_document
from extractor.errors import InputError
from extractor.extract import Extraction, extract_document
from extractor.rdf.vocab import EKG
from extractor.read.kinds import (
    PRESS_RELEASE,
    PRIMARY_DOCUMENT,
    PROBE_BYTES,
    decode,
    detect_kind,
    probe_kind,
)
from extractor.read.source import Source
from extractor.text.conversion import plain_text

FIXTURE = Path(__file__).parent / "data" / "primary_8k_0000999999-24-000007.htm"
FIXTURE_ACCESSION = "0000999999-24-000007"
# Files of the 8-K folder that describe it and are not inputs.
NOT_INPUTS = frozenset({"README.md", "gold.jsonl"})
# The Inline XBRL 8-Ks of the shared folder (2019 on): all failed detection before.
INLINE_XBRL_8KS = 62





def _graph(result: Extraction):
    assert len(result.graphs) == 1
    return result.graphs[0][1].to_rdflib()


def _values(graph, predicate: URIRef) -> set[str]:
    return {str(o) for o in graph.objects(None, predicate)}


# --- the shared 8-K folder --------------------------------------------------------------------


def test_every_8k_document_has_a_kind(eight_k: Path) -> None:
    """0 detection failures, told both from the whole text and, as extraction does, from the
    first PROBE_BYTES alone."""
    kinds: dict[str, str] = {}
    for path in sorted(eight_k.iterdir()):
        if path.name in NOT_INPUTS:
            continue
        data = path.read_bytes()
        kind = detect_kind(path.name, decode(data))
        probe = data[:PROBE_BYTES]
        assert probe_kind(path.name, probe, len(probe) == len(data)) == kind, path.name
        kinds[path.name] = kind
    assert len(kinds) == 277
    primary = sorted(name for name, kind in kinds.items() if kind == PRIMARY_DOCUMENT)
    assert len(primary) == INLINE_XBRL_8KS
    # Exactly the Inline XBRL ones, which are the documents of 2019 on.
    assert {int(name.split("_")[2]) >= 2019 for name in primary} == {True}
    assert PRESS_RELEASE not in kinds.values()


@pytest.mark.parametrize("folder", ["press-releases", "unlabeled-releases"])
def test_no_release_is_taken_for_a_primary_document(shared_dir: Path, folder: str) -> None:
    releases = shared_dir / "corpus" / folder
    if not releases.is_dir():
        pytest.skip(f"{releases} is absent")
    taken = [path.name for path in sorted(releases.iterdir()) if path.is_file()
             and _kind_or_none(path) == PRIMARY_DOCUMENT]
    assert taken == []


def _kind_or_none(path: Path) -> str | None:
    try:
        return detect_kind(path.name, decode(path.read_bytes()))
    except InputError:
        return None


# (file, CIK, registrant, period, file number, state, IRS number, listings): three companies
# and three filing agents (DFIN ActiveDisclosure, Workiva, Broadridge/Toppan Merrill).
REAL_8KS = [
    ("108516_8K_2023_0000950170-23-010300.htm", "0000108516", "WORTHINGTON INDUSTRIES, INC.",
     "2023-03-23", "001-08399", "OH", "311189815", {("WOR", "NYSE")}),
    ("1048911_8K_2023_0001193125-23-061505.htm", "0001048911", "FEDEX CORP", "2023-03-06",
     "1-15829", "DE", "621721435",
     {("FDX", "NYSE"), ("FDX 25A", "NYSE"), ("FDX 27", "NYSE"), ("FDX 29A", "NYSE"),
      ("FDX 31", "NYSE"), ("FDX 33", "NYSE")}),
    ("1002517_8K_2021_0001140361-21-021146.htm", "0001002517", "NUANCE COMMUNICATIONS, INC.",
     "2021-06-15", "000-27038", "DE", "943156479", {("NUAN", "NASDAQ")}),
]


@pytest.mark.parametrize(("name", "cik", "registrant", "period", "file_number", "state", "irs",
                          "listings"), REAL_8KS, ids=[case[0] for case in REAL_8KS])
def test_an_inline_xbrl_8k_is_a_filing_of_its_filer(eight_k: Path, name: str, cik: str,
                                                     registrant: str, period: str,
                                                     file_number: str, state: str, irs: str,
                                                     listings: set[tuple[str, str]]) -> None:
    result = extract_validated(name, (eight_k / name).read_bytes())
    assert result.kind == PRIMARY_DOCUMENT and result.filings == 1 and result.warnings == []
    accession = name.rsplit("_", 1)[1].removesuffix(".htm")
    assert result.graphs[0][0] == URIRef(f"{BASE}graph/filing/{accession}/primary-document")
    assert violations(result) == []
    # The filing date is not in the document: the one thing SHACL says is missing.
    assert {r.shape.rsplit("#", 1)[1] for rs in result.shape_results.values() for r in rs} == {
        "Filing-filedOnMissing"}
    graph = _graph(result)
    filing = URIRef(f"{BASE}filing/{accession}")
    company = URIRef(f"{BASE}cik/{cik}")
    assert (filing, RDF.type, EKG.Filing) in graph
    assert graph.value(filing, EKG.accessionNumber) == Literal(accession)
    assert graph.value(filing, EKG.formType) == Literal("8-K")
    assert graph.value(filing, EKG.periodOfReport) == Literal(period, datatype=XSD.date)
    party = graph.value(filing, EKG.hasParty)
    assert graph.value(party, EKG.role) == EKG.Filer
    assert graph.value(party, EKG.entity) == company
    assert graph.value(party, EKG.nameAtFiling) == Literal(registrant)
    assert graph.value(party, EKG.fileNumber) == Literal(file_number)
    assert graph.value(company, EKG.cik) == Literal(cik)
    assert graph.value(company, EKG.stateOfIncorporation) == Literal(state)
    assert graph.value(company, EKG.irsNumber) == Literal(irs)
    found = {(str(graph.value(listing, EKG.ticker)), str(graph.value(listing, EKG.exchange)))
             for listing in graph.objects(company, EKG.hasListing)}
    assert found == listings
    document = graph.value(filing, EKG.hasDocument)
    assert graph.value(document, EKG.sequence) == Literal(1)
    assert graph.value(document, EKG.documentType) == Literal("8-K")


def test_the_cover_page_agrees_with_the_dei_facts(eight_k: Path) -> None:
    """The cover reader, run on the visible text of every Inline XBRL 8-K, gives what its dei
    facts say: form, date, file number, IRS number, state; and the name (up to case and
    punctuation), except where a shorter name sits in a hidden fact (FedEx: FEDEX CORP)."""
    names = {}
    for path in sorted(eight_k.glob("*.htm")):
        text = decode(path.read_bytes())
        if detect_kind(path.name, text) != PRIMARY_DOCUMENT:
            continue
        inline = read_inline(text)
        cover = read_cover(inline.text)
        assert cover.form_type == inline.first("DocumentType")
        assert cover.date_of_report == inline.first("DocumentPeriodEndDate")
        assert cover.file_number == inline.first("EntityFileNumber")
        assert cover.irs_number == inline.first("EntityTaxIdentificationNumber")
        assert cover.state_of_incorporation == inline.first("EntityIncorporationStateCountryCode")
        names[path.name] = (cover.registrant, inline.first("EntityRegistrantName"))
    assert len(names) == INLINE_XBRL_8KS
    differ = {pair for pair in names.values() if _letters(pair[0]) != _letters(pair[1])}
    assert differ == {("FedEx Corporation", "FEDEX CORP")}


def _letters(name: str | None) -> str:
    """A name in capitals without punctuation: the dei and the cover may print it so."""
    return re.sub(r"[^A-Z0-9]", "", (name or "").upper())


def test_a_real_8k_cut_short_is_read_up_to_the_cut(eight_k: Path) -> None:
    name = "108516_8K_2023_0000950170-23-010300.htm"
    data = (eight_k / name).read_bytes()
    assert len(data) > 2 * PROBE_BYTES  # the kind is told from the probe, then read whole
    result = extract_validated(name, data[:100_000])
    assert result.kind == PRIMARY_DOCUMENT and result.filings == 1
    assert any("truncated" in warning for warning in result.warnings)
    assert violations(result) == []
    assert _values(_graph(result), EKG.cik) == {"0000108516"}


# --- the synthetic Inline XBRL fixture (offline) ----------------------------------------------


@pytest.fixture(scope="module")
def fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def test_dei_facts_nested_continued_excluded_and_transformed(fixture_text: str) -> None:
    inline = read_inline(fixture_text)
    assert inline.is_inline_xbrl and inline.complete and inline.problems == []
    assert inline.first("EntityCentralIndexKey") == "0000999999"  # hidden, in ix:hidden
    assert inline.first("DocumentType") == "8-K"  # inside <span><b>
    # <b>, <i> and <br/> inside the fact; the ix:exclude footnote mark is no part of it
    assert inline.first("EntityRegistrantName") == "Acme Widget Holdings, Inc."
    assert inline.first("EntityAddressAddressLine1") == "100 Example Parkway"  # continuation
    assert inline.first("DocumentPeriodEndDate") == "2024-04-02"  # April&#160;2, 2024
    assert inline.first("EntityIncorporationStateCountryCode") == "DE"
    assert inline.first("EntityAddressStateOrProvince") == "IL"
    assert [f.value for f in inline.values("SecurityExchangeName")] == ["NASDAQ", "NYSEAMER"]
    assert inline.first("AmendmentFlag") == "false"
    assert inline.first("Revenues") == "1234500000"  # 1,234.5 at scale 6
    assert inline.first("OperatingIncomeLoss") == "-250000"  # 250 at scale 3, sign "-"
    assert inline.context_ciks == ["0000999999", "0000999999"]


def test_hidden_facts_are_never_read_as_text(fixture_text: str) -> None:
    for text in (read_inline(fixture_text).text, plain_text(fixture_text).text):
        assert "0000999999" not in text and "2024-04-02" not in text
        assert "Item 1.01 Entry into a Material Definitive Agreement." in text
        assert "p { margin" not in text and "acwh-20240402" not in text  # style, title


def test_the_filer_of_the_fixture(fixture_text: str) -> None:
    primary = read_primary_document(fixture_text)
    assert primary.warnings == []
    assert (primary.cik, primary.registrant, primary.form_type, primary.period) == (
        "0000999999", "Acme Widget Holdings, Inc.", "8-K", dt.date(2024, 4, 2))
    assert (primary.file_number, primary.irs_number, primary.state_of_incorporation) == (
        "001-99999", "123456789", "DE")
    assert primary.address is not None
    assert (primary.address.street1, primary.address.city, primary.address.state,
            primary.address.zip, primary.address.phone) == (
        "100 Example Parkway", "Springfield", "IL", "62701", "(217) 555-0100")
    assert primary.listings == [("ACWH", "NASDAQ"), ("ACWHW", "NYSEAMER")]
    assert primary.amendment is False
    assert set(primary.sources.values()) == {"dei"}


def test_the_fixture_is_extracted_as_a_filing_that_conforms() -> None:
    result = extract_validated(FIXTURE.name, FIXTURE.read_bytes())
    assert result.kind == PRIMARY_DOCUMENT and result.filings == 1 and result.warnings == []
    assert violations(result) == []
    graph = _graph(result)
    filing = URIRef(f"{BASE}filing/{FIXTURE_ACCESSION}")
    assert graph.value(filing, EKG.formType) == Literal("8-K")
    assert graph.value(graph.value(filing, EKG.hasParty), EKG.entity) == URIRef(
        f"{BASE}cik/0000999999")
    assert _values(graph, EKG.ticker) == {"ACWH", "ACWHW"}
    # No name statements: a printed registrant name is not EDGAR's conformed name history.
    assert not result.name_ciks and (None, RDF.type, EKG.NameStatement) not in graph


def test_without_the_dei_cik_the_contexts_give_it(fixture_text: str) -> None:
    text = re.sub(r'<ix:nonNumeric name="dei:EntityCentralIndexKey".*?</ix:nonNumeric>', "",
                  fixture_text)
    primary = read_primary_document(text)
    assert primary.cik == "0000999999" and primary.sources["cik"] == "context"


def test_without_any_cik_the_document_is_kept_with_a_warning(fixture_text: str) -> None:
    text = re.sub(r'<ix:nonNumeric name="dei:EntityCentralIndexKey".*?</ix:nonNumeric>', "",
                  fixture_text).replace("http://www.sec.gov/CIK", "http://example.com/id")
    result = extract_validated(FIXTURE.name, text.encode())
    assert result.filings == 0 and violations(result) == []
    assert [w for w in result.warnings if w.startswith("no CIK")] == [
        "no CIK in the document (Acme Widget Holdings, Inc.): no dei:EntityCentralIndexKey and "
        "no context with a CIK identifier (a cover page never states one), so no company is "
        "linked"]
    graph = _graph(result)
    assert (None, RDF.type, EKG.DocumentSet) in graph
    assert _values(graph, EKG.documentType) == {"8-K"}
    assert (None, RDF.type, EKG.Company) not in graph


def test_without_dei_facts_the_cover_page_is_read(fixture_text: str) -> None:
    # The same document with its inline XBRL taken out: plain HTML with a cover page.
    text = re.sub(r'<div style="display:none">.*?</div>', "", fixture_text, flags=re.S)
    text = re.sub(r"</?ix:[^>]*>|\sxmlns:[\w-]+=\"[^\"]*\"", "", text)
    assert detect_kind("cover.htm", text) == PRIMARY_DOCUMENT
    primary = read_primary_document(text)
    assert not primary.is_inline_xbrl and primary.cik is None
    assert (primary.registrant, primary.form_type, primary.period, primary.file_number,
            primary.irs_number, primary.state_of_incorporation) == (
        "Acme Widget Holdings, Inc.", "8-K", dt.date(2024, 4, 2), "001-99999", "123456789",
        "DE")
    assert set(primary.sources.values()) == {"cover"}


TEXT_COVER = """
                       SECURITIES AND EXCHANGE COMMISSION
                             Washington, D.C. 20549

                                    FORM 10-K

     ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934

                        Commission File Number 0-12345

                            EXAMPLE RIVER BANCORP
             (Exact name of registrant as specified in its charter)

          Washington                                         91-0000001
(State or other jurisdiction of                         (I.R.S. Employer
incorporation or organization)                          Identification No.)
"""


def test_a_text_cover_page_is_a_primary_document() -> None:
    assert detect_kind("10k.txt", TEXT_COVER) == PRIMARY_DOCUMENT
    cover = read_cover(TEXT_COVER)
    assert (cover.form_type, cover.registrant, cover.file_number, cover.irs_number,
            cover.state_of_incorporation) == (
        "10-K", "EXAMPLE RIVER BANCORP", "0-12345", "91-0000001", "WA")
    result = extract_validated("10k.txt", TEXT_COVER.encode())
    assert result.filings == 0 and violations(result) == []
    assert any(w.startswith("no accession number") for w in result.warnings)


def test_a_release_that_cites_a_form_stays_a_release() -> None:
    text = ("ACME, Inc. (NASDAQ: ACME) today announced results. The company filed a Form 8-K "
            "with the Securities and Exchange Commission on March 3, 2024; see its Commission "
            "File Number 001-12345 filings.")
    assert detect_kind("release.txt", text) == PRESS_RELEASE


@pytest.mark.parametrize(("marker", "filings", "warning"), [
    ("0000999999</ix:nonNumeric>", 0, "the text ends inside 1 fact(s) "
                                      "(dei:EntityCentralIndexKey): not read"),
    ("Holdings,<br/>", 1, "the text ends inside 1 fact(s) (dei:EntityRegistrantName): not read"),
    ("Parkway</ix:continuation>", 1, "dei:EntityAddressAddressLine1: continuation 'street-2' "
                                     "is missing (truncated?)"),
    ("<p><b>Item 1.01", 1, "the document ends before </html>: it looks truncated; what it "
                           "holds up to there was read"),
])
def test_a_truncated_fixture_gives_a_clear_outcome(marker: str, filings: int,
                                                   warning: str) -> None:
    data = FIXTURE.read_bytes()
    result = extract_validated(FIXTURE.name, data[:data.index(marker.encode()) + 4])
    assert result.kind == PRIMARY_DOCUMENT and result.filings == filings
    assert warning in result.warnings
    assert violations(result) == []


def test_every_cut_of_the_fixture_is_read_or_refused_cleanly() -> None:
    data = FIXTURE.read_bytes()
    for cut in range(0, len(data), 97):
        result = extract_document(Source(FIXTURE.name, data[:cut]), BASE, WHEN, validate=True)
        if isinstance(result, InputError):
            assert result.stage == "detect", result.reason  # cut before the namespace
        else:
            assert violations(result) == [], cut


_HEAD = '<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body>'


# Shapes on which html.parser (before CPython 3.13.4) rescans the rest of the text for each
# tag: quadratic, minutes at these sizes, so the reader defuses them first.
@pytest.mark.parametrize("body", [
    "<a" * 200_000, "</a" * 150_000, "<!--" * 100_000, "<![foo[" * 60_000,
    "<div>" * 80_000 + "</span>" * 80_000,
    '<ix:nonNumeric name="dei:EntityRegistrantName">x ' * 20_000 + "text " * 50_000,
], ids=["lt", "end-lt", "comments", "marked-sections", "stray-ends", "open-facts"])
def test_hostile_markup_is_read_in_bounded_time(body: str) -> None:
    started = time.monotonic()
    result = extract_validated("hostile_0001193125-23-010300.htm", (_HEAD + body).encode())
    assert time.monotonic() - started < 20
    assert result.kind == PRIMARY_DOCUMENT and violations(result) == []
    assert len(result.warnings) <= 13  # problems past ten are counted, not listed


def test_mutated_fixtures_are_read_or_refused_cleanly() -> None:
    data = FIXTURE.read_bytes()
    rng = random.Random(14)
    for _ in range(300):
        start = rng.randrange(len(data))
        end = min(len(data), start + rng.randrange(1, 400))
        mutated = rng.choice([
            data[:start] + data[end:],  # a span dropped
            data[:end] + data[start:],  # a span doubled
            data[:start] + b"<" + data[start:],  # a stray "<"
            data[:start] + data[start:end].upper() + data[end:],
        ])
        result = extract_document(Source(FIXTURE.name, mutated), BASE, WHEN, validate=True)
        if isinstance(result, InputError):
            assert result.stage == "detect", result.reason
        else:
            assert violations(result) == []


def test_a_primary_document_over_the_text_limit_is_refused(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.setattr(extract_module, "MAX_TEXT_INPUT_BYTES", 4096)
    result = extract_document(Source(FIXTURE.name, FIXTURE.read_bytes()), BASE, WHEN)
    assert isinstance(result, InputError) and result.stage == "read"
    assert "too large for a primary-document" in result.reason


@pytest.mark.parametrize(("name", "accession"), [
    ("0001193125-23-010300.htm", "0001193125-23-010300"),
    ("108516_8K_2023_0000950170-23-010300.htm", "0000950170-23-010300"),
    ("corpus/8k/108516_8K_2023_0000950170-23-010300.htm.gz", "0000950170-23-010300"),
    ("000119312523010300.htm", None),  # the SEC's undashed folder name is not read
    ("d431234d8k.htm", None),
    ("wor-20230323.htm", None),
    ("report-0001193125-23-010300.htm", None),
])
def test_accession_numbers_only_from_edgar_file_names(name: str, accession: str | None) -> None:
    assert accession_from_name(name) == accession


def test_transforms_of_the_cover_facts() -> None:
    assert text_date("March\u00a06, 2023") == "2023-03-06"
    assert text_date("6 March 2023", "dmy") == "2023-03-06"
    assert text_date("03/06/2023") == "2023-03-06"
    assert text_date("February 30, 2023") is None
    assert state_code("Commonwealth of Massachusetts") == "MA"
    assert state_code("Ontario") == "ON" and state_code("Ontario", edgar_codes=True) == "A6"
    assert state_code("Cayman Islands") is None
    assert exchange_code("The NASDAQ Stock Market LLC") == "NASDAQ"
    assert exchange_code("New York Stock Exchange") == "NYSE"
    assert exchange_code("NYSE Arca, Inc.") == "NYSEArca"
    assert number_value("1.234,5", "ixt:num-comma-decimal", "3", None) == "1234500"
    assert number_value("—", "ixt:fixed-zero", None, None) == "0"
    assert number_value("n/a", None, None, None) is None
