"""Forms 3, 4 and 5 ownership XML: real filings read value by value, and hand-written shapes."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from extractor.edgar import ownership
from extractor.edgar.ownership import (
    Holding,
    Owner,
    OwnershipError,
    OwnershipReport,
    is_ownership_xml,
    read_ownership,
)
from extractor.edgar.records import Submission

OWNERSHIP_FILES = ("form3.snow.xml", "form3.snow.nonderiv.xml", "form3.nosecurities.xml",
                   "form4.snow.xml")


@pytest.fixture(scope="module")
def edgar_more(shared_dir: Path) -> Path:
    """The folder of more real EDGAR documents (../shared/corpus/edgar-more), or skip."""
    folder = shared_dir / "corpus" / "edgar-more"
    if not folder.is_dir():
        pytest.skip(f"document corpus {folder} is absent")
    return folder


def _read_real(folder: Path, name: str) -> OwnershipReport:
    path = folder / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return read_ownership(path.read_bytes())


def _owner_xml(name: str, cik: str = "0000000001", relationship: str = "") -> str:
    return (f"<reportingOwner><reportingOwnerId><rptOwnerCik>{cik}</rptOwnerCik>"
            f"<rptOwnerName>{name}</rptOwnerName></reportingOwnerId>"
            f"<reportingOwnerRelationship>{relationship}</reportingOwnerRelationship>"
            "</reportingOwner>")


def _doc(body: str = "", *, owners: str | None = None, form: str = "4",
         schema: str = "X0508", issuer: str | None = None) -> str:
    issuer = issuer if issuer is not None else (
        "<issuer><issuerCik>0000320193</issuerCik><issuerName>Apple Inc.</issuerName>"
        "<issuerTradingSymbol>AAPL</issuerTradingSymbol></issuer>")
    owners = owners if owners is not None else _owner_xml(
        "COOK TIMOTHY D", "0001214156", "<isOfficer>1</isOfficer>"
        "<officerTitle>Chief Executive Officer</officerTitle>")
    return (f'<?xml version="1.0"?>\n<ownershipDocument>\n'
            f"<schemaVersion>{schema}</schemaVersion>\n<documentType>{form}</documentType>\n"
            f"<periodOfReport>2024-04-01</periodOfReport>\n{issuer}\n{owners}\n{body}\n"
            "</ownershipDocument>\n")


def _row(code: str = "S", shares: str = "1000", price: str = "170.5", after: str = "3000",
         ad: str = "D", kind: str = "D", title: str = "Common Stock") -> str:
    return (
        f"<nonDerivativeTransaction><securityTitle><value>{title}</value></securityTitle>"
        "<transactionDate><value>2024-04-01</value></transactionDate>"
        f"<transactionCoding><transactionFormType>4</transactionFormType>"
        f"<transactionCode>{code}</transactionCode></transactionCoding>"
        f"<transactionAmounts><transactionShares><value>{shares}</value></transactionShares>"
        f"<transactionPricePerShare><value>{price}</value><footnoteId id=\"F1\"/>"
        "</transactionPricePerShare><transactionAcquiredDisposedCode>"
        f"<value>{ad}</value></transactionAcquiredDisposedCode></transactionAmounts>"
        f"<postTransactionAmounts><sharesOwnedFollowingTransaction><value>{after}</value>"
        "</sharesOwnedFollowingTransaction></postTransactionAmounts><ownershipNature>"
        f"<directOrIndirectOwnership><value>{kind}</value></directOrIndirectOwnership>"
        "</ownershipNature></nonDerivativeTransaction>")


def _table(*rows: str) -> str:
    return f"<nonDerivativeTable>{''.join(rows)}</nonDerivativeTable>"


def _named(name: str) -> Owner:
    return read_ownership(_doc(owners=_owner_xml(name))).owners[0]


# --- the real files ------------------------------------------------------------------------

def test_form3_derivative_holdings_direct_and_through_a_partnership_and_trusts(
        edgar_more: Path) -> None:
    report = _read_real(edgar_more, "form3.snow.xml")
    assert (report.form, report.schema_version, report.period) == (
        "3", "X0206", dt.date(2020, 9, 15))
    assert (report.issuer_cik, report.issuer_name, report.issuer_ticker) == (
        "0001640147", "Snowflake Inc.", "SNOW")
    assert report.no_securities_owned is False
    assert report.remarks == "Exhibit 24 - Power of Attorney"
    assert report.warnings == []
    [owner] = report.owners
    assert (owner.cik, owner.name, owner.display_name, owner.is_person) == (
        "0001246215", "GARRETT MARK", "Mark Garrett", True)
    assert (owner.is_director, owner.is_officer, owner.is_ten_percent_owner, owner.is_other) == (
        True, False, False, False)
    assert owner.officer_title is None and owner.other_text is None
    assert len(report.holdings) == 6 and all(h.derivative for h in report.holdings)
    preferred, option = report.holdings[:2]
    assert preferred.security == "Series E Preferred Stock"
    assert (preferred.direct, preferred.nature) == (False, "Limited Partnership")
    assert (preferred.underlying, preferred.underlying_shares) == ("Class B Common Stock", 134018.0)
    # A Form 3 states no transaction, and a derivative holding's amount is its underlying shares.
    assert preferred.transaction_code is None and preferred.transaction_date is None
    assert preferred.shares_after is None
    assert (option.security, option.direct, option.underlying_shares) == (
        "Stock Option (Right to Buy)", True, 383594.0)
    assert [h.nature for h in report.holdings[2:]] == ["Trust"] * 4
    assert [h.direct for h in report.holdings[2:]] == [False] * 4


def test_form3_joint_filing_keeps_the_company_and_the_person(edgar_more: Path) -> None:
    report = _read_real(edgar_more, "form3.snow.nonderiv.xml")
    assert (report.form, report.period, report.issuer_cik, report.issuer_ticker) == (
        "3", dt.date(2020, 9, 18), "0001640147", "SNOW")
    berkshire, buffett = report.owners
    assert (berkshire.cik, berkshire.name, berkshire.display_name, berkshire.is_person) == (
        "0001067983", "BERKSHIRE HATHAWAY INC", "BERKSHIRE HATHAWAY INC", False)
    assert (buffett.cik, buffett.display_name, buffett.is_person) == (
        "0000315090", "Warren E Buffett", True)
    for owner in report.owners:
        assert owner.is_ten_percent_owner and not owner.is_director and not owner.is_officer
    [holding] = report.holdings
    assert (holding.security, holding.derivative, holding.shares_after) == (
        "Class A Common Stock", False, 6125376.0)
    assert (holding.direct, holding.nature) == (False, "See footnote")
    assert report.remarks is None  # <remarks/>


def test_form3_with_no_securities_owned(edgar_more: Path) -> None:
    report = _read_real(edgar_more, "form3.nosecurities.xml")
    assert report.no_securities_owned is True
    assert report.holdings == []
    assert (report.issuer_cik, report.issuer_name, report.issuer_ticker) == (
        "0000867773", "SUNPOWER CORP", "SPWR")
    assert report.period == dt.date(2021, 12, 31)
    [owner] = report.owners
    assert (owner.cik, owner.name, owner.display_name) == (
        "0001698764", "Hegde Vinayak", "Vinayak Hegde")
    assert owner.is_director and not owner.is_officer
    assert report.remarks == "Exhibit 24.1 - Power of Attorney"


def test_form4_sales_after_an_option_exercise(edgar_more: Path) -> None:
    report = _read_real(edgar_more, "form4.snow.xml")
    assert (report.form, report.schema_version, report.period) == (
        "4", "X0306", dt.date(2022, 12, 13))
    assert (report.issuer_cik, report.issuer_ticker) == ("0001640147", "SNOW")
    [owner] = report.owners
    assert (owner.cik, owner.display_name, owner.is_officer, owner.officer_title) == (
        "0001402349", "Michael Scarpelli", True, "Chief Financial Officer")
    assert not owner.is_director
    assert len(report.holdings) == 15
    exercise, first_sale = report.holdings[:2]
    assert exercise == Holding(
        security="Class A Common Stock", derivative=False, shares_after=301097.0, direct=True,
        nature=None, transaction_date=dt.date(2022, 12, 13), transaction_code="M",
        shares=200000.0, price=8.88, acquired=True, underlying=None)
    assert (first_sale.transaction_code, first_sale.shares, first_sale.price) == (
        "S", 73170.0, 150.841)
    assert (first_sale.acquired, first_sale.shares_after) == (False, 227927.0)
    assert [h.transaction_code for h in report.holdings[:6]] == ["M"] + ["S"] * 5
    assert report.holdings[5].shares_after == 101097.0
    trusts = report.holdings[6:14]
    assert all(h.direct is False and h.nature == "Trust" and h.transaction_code is None
               for h in trusts)
    assert [h.shares_after for h in trusts[:2]] == [577218.0, 178947.0]
    option = report.holdings[14]
    assert (option.derivative, option.security, option.transaction_code) == (
        True, "Stock Option (Right to Buy)", "M")
    assert (option.shares, option.price, option.shares_after) == (200000.0, 0.0, 2219299.0)
    assert (option.underlying, option.underlying_shares) == ("Class A Common Stock", 200000.0)


@pytest.mark.parametrize("name", OWNERSHIP_FILES)
def test_the_probe_recognises_the_real_files(edgar_more: Path, name: str) -> None:
    path = edgar_more / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    assert is_ownership_xml(path.read_text(encoding="utf-8"))


# Form 4 submissions of the EDGAR corpus whose primary document is ownership XML: file, then
# issuer, ticker, period, owner display name, officer title, holdings as (code, shares, after).
CORPUS_FORM4 = [
    ("deansh__1.txt", "0000842517", "ISABELLA BANK Corp", "ISBA", dt.date(2024, 4, 29),
     "Richard L McGuirk", None,
     [("P", 275.634, 15711.8844), (None, None, 2170.3157), (None, None, 383262.5326)]),
    ("edgartools__0001127602-25-001055.txt", "0000001750", "AAR CORP", "AIR",
     dt.date(2025, 1, 10), "Jessica A. Garascia", "Senior VP, GC, CAO & Secretary",
     [("S", 1500.0, 37565.0)]),
    ("edgartools__0001127602-25-004598.nc", "0000007536", "ARROW ELECTRONICS, INC.", "ARW",
     dt.date(2025, 2, 12), "Carine Lamercie Jean-Claude", "SVP, CLO & Secretary",
     [("A", 2193.0, 21878.0), ("F", 1009.0, 20869.0)]),
    ("edgartools__0001562180-25-000280.nc", "0001860782", "2seventy bio, Inc.", "TSVT",
     dt.date(2025, 1, 6), "Jessica Snow", "See Remarks",
     [("A", 106150.0, 253329.0), ("A", 70750.0, 70750.0)]),
]


@pytest.mark.parametrize(
    ("name", "cik", "issuer", "ticker", "period", "display", "title", "rows"), CORPUS_FORM4,
    ids=[case[0] for case in CORPUS_FORM4])
def test_form4_read_from_its_submission_document(
        parse_file: Callable[[str], Submission], name: str, cik: str, issuer: str,
        ticker: str, period: dt.date, display: str, title: str | None,
        rows: list[tuple[str | None, float | None, float]]) -> None:
    submission = parse_file(name)
    documents = [d for d in submission.documents if d.text and "<ownershipDocument" in d.text]
    assert len(documents) == 1
    text = documents[0].text
    assert is_ownership_xml(text)  # the <XML> line and declaration EDGAR keeps come first
    report = read_ownership(text)
    assert (report.form, report.issuer_cik, report.issuer_name, report.issuer_ticker) == (
        "4", cik, issuer, ticker)
    assert report.schema_version == "X0508" and report.period == period
    assert report.warnings == []
    [owner] = report.owners
    assert (owner.display_name, owner.officer_title, owner.is_person) == (display, title, True)
    assert owner.is_officer == (title is not None) and owner.is_director == (title is None)
    assert [(h.transaction_code, h.shares, h.shares_after) for h in report.holdings] == rows
    # The XML agrees with the submission's header on who filed about whom.
    parties = {p.role: p.entity.cik for p in submission.header.parties}
    assert parties["issuer"] == report.issuer_cik
    assert parties["reporting-owner"] == owner.cik
    # Everything else in the submission is never taken for ownership XML.
    for other in submission.documents:
        if other is not documents[0]:
            assert not is_ownership_xml(other.text or "")


def test_the_corpus_form4_submissions_read_whole(edgar_corpus: Path) -> None:
    path = edgar_corpus / "deansh__1.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    text = path.read_text(encoding="utf-8", errors="replace")
    assert not is_ownership_xml(text)  # its root is the submission, not the XML
    report = read_ownership(text)  # but the reader finds the document inside
    assert report.issuer_name == "ISABELLA BANK Corp"
    assert [h.nature for h in report.holdings] == [None, "Held by minor child", "Held by LLC"]


def test_a_paper_era_form4_holds_no_ownership_xml(
        parse_file: Callable[[str], Submission]) -> None:
    submission = parse_file("edgartools__0001094891-00-000193.txt")
    assert submission.header.form_type == "4"
    for document in submission.documents:
        assert not is_ownership_xml(document.text or "")
        with pytest.raises(OwnershipError, match="no <ownershipDocument> element"):
            read_ownership(document.text or "")


# --- shapes written by hand ------------------------------------------------------------------

def test_a_joint_filing_with_fund_and_company_owners() -> None:
    owners = (
        _owner_xml("ACME VENTURE FUND III, L.P.", "1111111",
                   "<isDirector>false</isDirector><isTenPercentOwner>true</isTenPercentOwner>")
        + _owner_xml("ACME MANAGEMENT CO", "2222222",
                     "<isTenPercentOwner>true</isTenPercentOwner><isOther>true</isOther>"
                     "<otherText>General partner of the fund</otherText>")
        + _owner_xml("ROE RICHARD", "3333333", "<isDirector>true</isDirector>"))
    report = read_ownership(_doc(_table(_row(kind="I")), owners=owners))
    fund, manager, person = report.owners
    assert (fund.cik, fund.is_person, fund.display_name) == (
        "0001111111", False, "ACME VENTURE FUND III, L.P.")
    assert fund.is_ten_percent_owner and not fund.is_director
    assert (manager.is_person, manager.is_other, manager.other_text) == (
        False, True, "General partner of the fund")
    assert (person.is_person, person.display_name, person.is_director) == (
        True, "Richard Roe", True)
    assert report.holdings[0].direct is False


def test_bare_values_without_value_wrappers() -> None:
    row = ("<nonDerivativeTransaction><securityTitle>Common Stock</securityTitle>"
           "<transactionDate>2004-01-07</transactionDate>"
           "<transactionCoding><transactionCode>P</transactionCode></transactionCoding>"
           "<transactionAmounts><transactionShares>1,250.5<footnoteId id=\"F1\"/>"
           "</transactionShares><transactionPricePerShare>$12.25</transactionPricePerShare>"
           "<transactionAcquiredDisposedCode>A</transactionAcquiredDisposedCode>"
           "</transactionAmounts><postTransactionAmounts><sharesOwnedFollowingTransaction>"
           "<footnoteId id=\"F2\"/>5000</sharesOwnedFollowingTransaction>"
           "</postTransactionAmounts><ownershipNature><directOrIndirectOwnership>D"
           "</directOrIndirectOwnership></ownershipNature></nonDerivativeTransaction>")
    report = read_ownership(_doc(_table(row), schema="X0201"))
    [holding] = report.holdings
    assert holding == Holding(
        security="Common Stock", derivative=False, shares_after=5000.0, direct=True,
        nature=None, transaction_date=dt.date(2004, 1, 7), transaction_code="P",
        shares=1250.5, price=12.25, acquired=True, underlying=None)
    assert report.warnings == []


def test_a_form5_with_a_gift_and_year_end_holdings() -> None:
    body = (
        "<form3HoldingsReported>0</form3HoldingsReported>"
        "<form4TransactionsReported>1</form4TransactionsReported>"
        + _table(
            _row(code="G", shares="500", price="0", after="9500", ad="D").replace(
                "<transactionFormType>4", "<transactionFormType>5"),
            "<nonDerivativeHolding><securityTitle><value>Common Stock</value></securityTitle>"
            "<transactionCoding><transactionFormType>5</transactionFormType>"
            "</transactionCoding><postTransactionAmounts><sharesOwnedFollowingTransaction>"
            "<value>1200</value></sharesOwnedFollowingTransaction></postTransactionAmounts>"
            "<ownershipNature><directOrIndirectOwnership><value>I</value>"
            "</directOrIndirectOwnership><natureOfOwnership><value>By spouse</value>"
            "</natureOfOwnership></ownershipNature></nonDerivativeHolding>")
        + "<derivativeTable><derivativeHolding><securityTitle><value>Warrants</value>"
        "</securityTitle><underlyingSecurity><underlyingSecurityTitle><value>Common Stock"
        "</value></underlyingSecurityTitle><underlyingSecurityShares><value>300</value>"
        "</underlyingSecurityShares></underlyingSecurity><postTransactionAmounts>"
        "<sharesOwnedFollowingTransaction><value>300</value>"
        "</sharesOwnedFollowingTransaction></postTransactionAmounts><ownershipNature>"
        "<directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>"
        "</ownershipNature></derivativeHolding></derivativeTable>")
    report = read_ownership(_doc(body, form="5", schema="X0202"))
    assert report.form == "5" and report.warnings == []
    gift, spouse, warrants = report.holdings
    assert (gift.transaction_code, gift.shares, gift.acquired, gift.shares_after) == (
        "G", 500.0, False, 9500.0)
    assert (spouse.transaction_code, spouse.direct, spouse.nature, spouse.shares_after) == (
        None, False, "By spouse", 1200.0)
    assert (warrants.derivative, warrants.underlying, warrants.shares_after) == (
        True, "Common Stock", 300.0)


def test_an_older_form3_amendment_with_shares_owned() -> None:
    holding = ("<nonDerivativeHolding><securityTitle><value>Common Stock</value>"
               "</securityTitle><postTransactionAmounts><sharesOwned><value>42</value>"
               "</sharesOwned></postTransactionAmounts><ownershipNature>"
               "<directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>"
               "</ownershipNature></nonDerivativeHolding>")
    report = read_ownership(_doc(
        f"<dateOfOriginalSubmission>2005-03-01</dateOfOriginalSubmission>{_table(holding)}",
        form="3/A", schema="X0202"))
    assert (report.form, report.holdings[0].shares_after) == ("3/A", 42.0)
    assert report.holdings[0].transaction_code is None


def test_an_unknown_schema_version_is_read_with_a_warning() -> None:
    report = read_ownership(_doc(_table(_row()), schema="X0999"))
    assert report.warnings == ["unknown schema version X0999: read as the known ones"]
    assert report.schema_version == "X0999"
    assert report.holdings[0].shares_after == 3000.0
    newest = read_ownership(_doc(_table(_row()), schema="X0609"))
    assert newest.warnings == []


def test_unreadable_numbers_dates_and_form_are_warnings() -> None:
    report = read_ownership(_doc(_table(_row(shares="about 100", after="NaN")), form="8-K")
                            .replace("2024-04-01</value>", "2024-13-45</value>"))
    [holding] = report.holdings
    assert holding.shares is None and holding.shares_after is None
    assert holding.transaction_date is None
    assert holding.price == 170.5  # the rest of the row still reads
    assert any("unreadable number 'about 100'" in w for w in report.warnings)
    assert any("unreadable number 'NaN'" in w for w in report.warnings)
    assert any("unreadable date '2024-13-45'" in w for w in report.warnings)
    assert any("unknown document type '8-K'" in w for w in report.warnings)


@pytest.mark.parametrize(("issuer", "reason"), [
    ("", "no issuer: the ownershipDocument has no issuerCik"),
    ("<issuer><issuerName>Apple Inc.</issuerName></issuer>", "has no issuerCik"),
    ("<issuer><issuerCik>none</issuerCik></issuer>", "issuerCik 'none' is not a CIK"),
])
def test_no_issuer_is_refused(issuer: str, reason: str) -> None:
    with pytest.raises(OwnershipError, match="^no issuer: ") as caught:
        read_ownership(_doc(_table(_row()), issuer=issuer))
    assert reason in str(caught.value)


def test_a_doctype_is_refused_before_any_entity_expands() -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE ownershipDocument [\n' + "\n".join(entities)
            + "\n]>\n" + _doc("<remarks>&lol9;</remarks>").split("\n", 1)[1])
    started = time.perf_counter()
    with pytest.raises(OwnershipError, match="DOCTYPE"):
        read_ownership(bomb)
    assert time.perf_counter() - started < 1.0
    plain = _doc().replace("<ownershipDocument>", '<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x">'
                                                  "<ownershipDocument>", 1)
    with pytest.raises(OwnershipError, match="DOCTYPE"):
        read_ownership(plain)


def test_malformed_xml_names_the_parser_message_and_the_line() -> None:
    wrapped = ('\n<XML>\n<?xml version="1.0"?>\n<ownershipDocument>\n'
               "<issuer><issuerCik>1</issuerCik>\n</issr>\n</ownershipDocument>\n</XML>\n")
    with pytest.raises(OwnershipError, match=r"mismatched tag at line 6\b"):
        read_ownership(wrapped)
    # An entity reference with no DOCTYPE to define it is malformed, not expanded.
    with pytest.raises(OwnershipError, match="undefined entity at line 8"):
        read_ownership(_doc("<remarks>&secret;</remarks>"))


@pytest.mark.parametrize("bad", [
    "", b"", "   \n", "<html><body>Form 4</body></html>", "<ownershipDocument>",
    "<ownershipDocument><issuer><issuerCik>1</issuer", b"\x00" * 64,
    bytes(range(256)) * 4, b"\xff\xfe<\x00o\x00", "<ownershipDocument>\ud800</ownershipDocument>",
    "<ownershipDocument>\x00</ownershipDocument>", 42,
], ids=["empty", "empty-bytes", "blank", "html", "open-root", "cut-tag", "nuls", "binary",
        "utf16-bom", "surrogate", "nul-in-xml", "not-text"])
def test_bad_input_raises_ownership_error(bad: object) -> None:
    with pytest.raises(OwnershipError):
        read_ownership(bad)  # type: ignore[arg-type]


def test_every_truncation_raises_ownership_error_or_reads() -> None:
    text = _doc(_table(_row(), _row(code="P", ad="A")))
    outcomes = {"read": 0, "refused": 0}
    for cut in range(0, len(text), 7):
        try:
            report = read_ownership(text[:cut])
        except OwnershipError:
            outcomes["refused"] += 1
        else:
            assert isinstance(report, OwnershipReport)
            outcomes["read"] += 1
    # Only a cut after the closing root tag still reads.
    assert outcomes["refused"] > 100 and outcomes["read"] <= 1


def test_random_damage_never_escapes_as_another_exception() -> None:
    source = _doc(_table(_row(), _row(code="M", ad="A"))).encode()
    rng = random.Random(20240401)
    refused = 0
    for _ in range(400):
        data = bytearray(source)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(data))
            action = rng.randrange(4)
            if action == 0:
                data[at] = rng.randrange(256)
            elif action == 1:
                del data[at:at + rng.randint(1, 40)]
            elif action == 2:
                data[at:at] = rng.choice([b"<", b"&", b"]]>", b"<value>", b"\x00", b"\xc3"])
            else:
                data[at:at] = data[at:at + rng.randint(1, 80)]
        try:
            read_ownership(bytes(data))
        except OwnershipError:
            refused += 1
    assert refused > 0


def test_large_and_deeply_nested_documents_read_in_bounded_time() -> None:
    rows = [_row(shares=str(n), after=str(n * 2)) for n in range(1, 5001)]
    started = time.perf_counter()
    report = read_ownership(_doc(_table(*rows)))
    assert len(report.holdings) == 5000 and report.holdings[-1].shares_after == 10000.0
    deep = _doc("<remarks>" + "<x>" * 100_000 + "</x>" * 100_000 + "</remarks>")
    assert read_ownership(deep).issuer_cik == "0000320193"
    assert time.perf_counter() - started < 20


def test_a_document_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ownership, "MAX_CHARS", 1000)
    with pytest.raises(OwnershipError, match="over the 1,000 read"):
        read_ownership(_doc(_table(*[_row()] * 10)))


def test_bytes_in_latin1_with_a_namespace_and_carriage_returns() -> None:
    text = _doc(_table(_row()), owners=_owner_xml("MU\u00d1OZ JOS\u00c9")).replace(
        "<ownershipDocument>", '<ownershipDocument xmlns="http://www.sec.gov/edgar/ownership">')
    report = read_ownership(("\r<XML>\r" + text.replace("\n", "\r") + "</XML>\r")
                            .encode("latin-1"))
    assert report.owners[0].display_name == "Jos\u00e9 Mu\u00f1oz"
    assert report.holdings[0].transaction_code == "S"
    utf8 = read_ownership(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert utf8.owners[0].name == "MU\u00d1OZ JOS\u00c9"


def test_a_ticker_of_none_is_no_ticker() -> None:
    issuer = ("<issuer><issuerCik>12345</issuerCik><issuerName>Private Co</issuerName>"
              "<issuerTradingSymbol>NONE</issuerTradingSymbol></issuer>")
    report = read_ownership(_doc(issuer=issuer))
    assert (report.issuer_cik, report.issuer_ticker) == ("0000012345", None)


def test_a_document_without_owners_reads_with_a_warning() -> None:
    report = read_ownership(_doc(owners="<reportingOwner><reportingOwnerId><rptOwnerName>"
                                        "DOE JANE</rptOwnerName></reportingOwnerId>"
                                        "</reportingOwner>"))
    assert report.owners[0].cik is None and report.owners[0].display_name == "Jane Doe"
    empty = read_ownership(_doc(owners=""))
    assert empty.owners == []
    assert any("no reportingOwner" in w for w in empty.warnings)


@pytest.mark.parametrize(("filed", "display"), [
    ("SLOOTMAN FRANK", "Frank Slootman"),
    ("SMITH JOHN A JR", "John A Smith Jr"),
    ("SMITH JOHN A. JR.", "John A. Smith Jr."),
    ("GATES WILLIAM H III", "William H Gates III"),
    ("MCDONALD RONALD", "Ronald McDonald"),
    ("MACDONALD ANGUS", "Angus MacDonald"),
    ("MACHADO LUIS", "Luis Machado"),
    ("O'BRIEN PATRICK J", "Patrick J O'Brien"),
    ("D'AMATO ALFONSE M", "Alfonse M D'Amato"),
    ("SMITH-JONES MARY", "Mary Smith-Jones"),
    ("VAN DYKE DICK", "Dick Van Dyke"),
    ("DE LA CRUZ MARIA", "Maria De La Cruz"),
    ("JOHNSON JAMES R /TX/", "James R Johnson"),
    ("DOE, JANE", "Jane Doe"),
    ("McGuirk Richard L", "Richard L McGuirk"),
    ("Jean-Claude Carine Lamercie", "Carine Lamercie Jean-Claude"),
])
def test_person_names_read_first_name_first(filed: str, display: str) -> None:
    owner = _named(filed)
    assert owner.is_person and owner.name == filed
    assert owner.display_name == display


@pytest.mark.parametrize("filed", [
    "BERKSHIRE HATHAWAY INC", "SEQUOIA CAPITAL XII", "ALTIMETER GROWTH PARTNERS FUND, L.P.",
    "SOFTBANK GROUP CORP.", "GARRETT FAMILY TRUST", "KKR &amp; CO. L.P.",
    "ICONIQ STRATEGIC PARTNERS IV-B, L.P.", "BLACKROCK", "Vanguard Group Inc",
    "SVF II HOLDCO (DE) LLC", "ESTATE OF DOE JOHN",
])
def test_company_names_are_kept_as_filed(filed: str) -> None:
    owner = _named(filed)
    assert owner.is_person is False
    assert owner.display_name == owner.name == filed.replace("&amp;", "&")


@pytest.mark.parametrize(("text", "expected"), [
    ('<?xml version="1.0"?>\n<ownershipDocument>', True),
    ("\n<XML>\n<?xml version='1.0'?>\n<!-- Form 4 -->\n<ownershipDocument>\n", True),
    ('\ufeff<ownershipDocument xmlns="http://www.sec.gov/edgar/ownership">', True),
    ('<?xml version="1.0"?><edgarSubmission><schemaVersion>X0202</schemaVersion>', False),
    ("<html><body><ownershipDocument>", False),
    ("x" * 5000 + "<ownershipDocument>", False),
    ("", False),
    ("<ownershipDocuments>", False),
])
def test_the_probe_looks_only_at_the_root(text: str, expected: bool) -> None:
    assert is_ownership_xml(text) is expected
