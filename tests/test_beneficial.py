"""Schedules 13D and 13G: real filings from the shared corpus, then hand-written covers."""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

import pytest

from extractor.edgar.beneficial import BeneficialOwner, Schedule13, read_schedule_13
from extractor.edgar.filing import parse_submission
from extractor.edgar.records import Submission
from extractor.read.kinds import decode

D = dt.date


def _owner(holder: str, citizenship: str | None, shares: float, percent: float | None,
           votes: tuple[float, float, float, float], kind: str | None) -> BeneficialOwner:
    return BeneficialOwner(holder=holder, holder_cik=None, citizenship=citizenship,
                           shares=shares, percent=percent, sole_voting=votes[0],
                           shared_voting=votes[1], sole_dispositive=votes[2],
                           shared_dispositive=votes[3], reporting_person_type=kind)


def _front(result: Schedule13) -> tuple[object, ...]:
    return (result.form, result.amendment, result.subject_company, result.security_class,
            result.cusip, result.event_date)


@pytest.fixture(scope="session")
def more_dir(shared_dir: Path) -> Path:
    """../shared/corpus/edgar-more (real documents of other kinds), or skip."""
    folder = shared_dir / "corpus" / "edgar-more"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    return folder


def _submission(edgar_corpus: Path, name: str) -> Submission:
    path = edgar_corpus / name
    if not path.is_file():
        pytest.skip(f"corpus file {path} is absent")
    return parse_submission(decode(path.read_bytes()))


def _schedule_document(submission: Submission) -> tuple[str, str]:
    for document in submission.documents:
        return document.type, document.text
    pytest.fail("the submission holds no document")


# --- real filings ---------------------------------------------------------------------------

def test_livent_13g_four_joint_filers_who_sold_down_to_zero(more_dir: Path) -> None:
    path = more_dir / "SC-13G-DOCUMENT.html"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    result = read_schedule_13(path.read_text(encoding="utf-8", errors="replace"))
    # The file is a whole <DOCUMENT>: its <TYPE> line gives the form.
    assert _front(result) == ("SC 13G", None, "LIVENT CORPORATION",
                              "COMMON STOCK, PAR VALUE $0.001 PER SHARE", "53814L108",
                              D(2023, 12, 29))
    zero = (0.0, 0.0, 0.0, 0.0)
    assert result.owners == [
        _owner("ICS Opportunities, Ltd.", "Cayman Islands", 0.0, 0.0, zero, "CO"),
        _owner("Millennium Management LLC", "Delaware", 0.0, 0.0, zero, "OO"),
        _owner("Millennium Group Management LLC", "Delaware", 0.0, 0.0, zero, "OO"),
        _owner("Israel A. Englander", "United States", 0.0, 0.0, zero, "IN"),
    ]
    assert result.warnings == []


def test_avid_13g_two_reporting_persons(edgar_corpus: Path) -> None:
    form, text = _schedule_document(
        _submission(edgar_corpus, "edgartools__0001076809-24-000144.nc"))
    assert form == "SC 13G"
    result = read_schedule_13(text, form)
    assert _front(result) == ("SC 13G", None, "AVID BIOSERVICES, INC.",
                              "Common Stock, par value $0.001 per share", "05368M106",
                              D(2024, 12, 9))
    powers = (0.0, 3394114.0, 0.0, 3394114.0)
    assert result.owners == [
        _owner("Glazer Capital, LLC", "State of Delaware", 3394114.0, 5.31, powers, "IA, OO"),
        _owner("Paul J. Glazer", "United States", 3394114.0, 5.31, powers, "IN"),
    ]
    assert result.warnings == []


CVR_OWNERS = [
    ("IEP Energy Holding LLC", "Delaware", 52070593.0, 51.8, "OO"),
    ("American Entertainment Properties Corp.", "Delaware", 52070593.0, 51.8, "CO"),
    ("Icahn Enterprises Holdings L.P.", "Delaware", 67570593.0, 67.2, "PN"),
    ("Icahn Enterprises G.P. Inc.", "Delaware", 67570593.0, 67.2, "CO"),
    ("Beckton Corp.", "Delaware", 67570593.0, 67.2, "CO"),
    ("Carl C. Icahn", "United States of America", 67570593.0, 67.2, "IN"),
]


@pytest.mark.parametrize("name", ["edgartools__0001104659-25-002604.nc",
                                  "edgartools__0001104659-25-002604.txt"])
def test_cvr_13d_amendment_inside_a_tender_offer_statement(edgar_corpus: Path,
                                                           name: str) -> None:
    # A combined Schedule TO-T/A and 13D/A: six 13D cover pages (rows 1-14) ahead of the
    # tender offer items; a Schedule TO has no event date.
    form, text = _schedule_document(_submission(edgar_corpus, name))
    assert form == "SC TO-T/A"
    result = read_schedule_13(text, form)
    assert _front(result) == ("SC TO-T/A", 3, "CVR ENERGY, INC.",
                              "Common Stock, par value $0.01 per share", "12662P108", None)
    assert result.owners == [
        _owner(holder, citizenship, shares, percent, (0.0, shares, 0.0, shares), kind)
        for holder, citizenship, shares, percent, kind in CVR_OWNERS]
    assert result.warnings == ["event date not found"]
    # Without the caller's form, the document's own words name it.
    assert read_schedule_13(text).form == "SC 13D/A"


@pytest.mark.parametrize("name", ["pysecm__sc13da_real_header_variant.txt",
                                  "pysecm__sc13ga_real_header_variant.txt"])
def test_header_only_schedules_have_no_body_to_read(edgar_corpus: Path, name: str) -> None:
    submission = _submission(edgar_corpus, name)
    assert submission.documents == []
    assert submission.header.form_type in ("SC 13D/A", "SC 13G/A")


# --- hand-written covers --------------------------------------------------------------------

OLD_TEXT_13D = """\
                       SECURITIES AND EXCHANGE COMMISSION
                             Washington, D.C. 20549

                                  SCHEDULE 13D
                   Under the Securities Exchange Act of 1934
                              (Amendment No. 1)*

                            Harbor Widget Corporation
                 --------------------------------------------------
                                (Name of Issuer)

                     Common Stock, par value $.01 per share
                 --------------------------------------------------
                         (Title of Class of Securities)

                                   41234K 10 5
                 --------------------------------------------------
                                 (CUSIP Number)

                                 March 3, 1997
                 --------------------------------------------------
            (Date of Event which Requires Filing of this Statement)

<PAGE>
CUSIP No. 41234K105                  13D                    Page 2 of 6 Pages
-------------------------------------------------------------------------------
  1    NAME OF REPORTING PERSON
       S.S. OR I.R.S. IDENTIFICATION NO. OF ABOVE PERSON

       Seaport Value Partners, L.P.
       13-3456789
-------------------------------------------------------------------------------
  2    CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP*            (a) [X]
                                                                    (b) [ ]
-------------------------------------------------------------------------------
  3    SEC USE ONLY
-------------------------------------------------------------------------------
  4    SOURCE OF FUNDS*
       WC
-------------------------------------------------------------------------------
  5    CHECK BOX IF DISCLOSURE OF LEGAL PROCEEDINGS IS REQUIRED
       PURSUANT TO ITEMS 2(d) OR 2(e)                                   [ ]
-------------------------------------------------------------------------------
  6    CITIZENSHIP OR PLACE OF ORGANIZATION
       Delaware
-------------------------------------------------------------------------------
                  7    SOLE VOTING POWER
   NUMBER OF           612,500
    SHARES       --------------------------------------------------------------
 BENEFICIALLY     8    SHARED VOTING POWER
   OWNED BY            -0-
     EACH        --------------------------------------------------------------
   REPORTING      9    SOLE DISPOSITIVE POWER
    PERSON             612,500
     WITH        --------------------------------------------------------------
                 10    SHARED DISPOSITIVE POWER
                       -0-
-------------------------------------------------------------------------------
 11    AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON
       612,500 shares
-------------------------------------------------------------------------------
 12    CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES
       CERTAIN SHARES*                                                  [ ]
-------------------------------------------------------------------------------
 13    PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)
       6.2%
-------------------------------------------------------------------------------
 14    TYPE OF REPORTING PERSON*
       PN
-------------------------------------------------------------------------------
                     *SEE INSTRUCTIONS BEFORE FILLING OUT!
<PAGE>
CUSIP No. 41234K105                  13D                    Page 3 of 6 Pages
-------------------------------------------------------------------------------
  1    NAME OF REPORTING PERSON
       S.S. OR I.R.S. IDENTIFICATION NO. OF ABOVE PERSON

       Martha R. Seaport
-------------------------------------------------------------------------------
  6    CITIZENSHIP OR PLACE OF ORGANIZATION
       United States
-------------------------------------------------------------------------------
                  7    SOLE VOTING POWER
   NUMBER OF           10,000
    SHARES       --------------------------------------------------------------
 BENEFICIALLY     8    SHARED VOTING POWER
   OWNED BY            612,500
     EACH        --------------------------------------------------------------
   REPORTING      9    SOLE DISPOSITIVE POWER
    PERSON             10,000
     WITH        --------------------------------------------------------------
                 10    SHARED DISPOSITIVE POWER
                       612,500
-------------------------------------------------------------------------------
 11    AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON
       622,500
-------------------------------------------------------------------------------
 13    PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)
       6.3%
-------------------------------------------------------------------------------
 14    TYPE OF REPORTING PERSON*
       IN
-------------------------------------------------------------------------------
<PAGE>
Item 1.  Security and Issuer.

     The aggregate amount beneficially owned by each reporting person is set
forth in row 11 of the cover pages.

Item 5.  Interest in Securities of the Issuer.

     (a) Aggregate amount beneficially owned: 622,500 Shares, or 6.3%.

                      INSTRUCTIONS FOR COVER PAGE

(1) Names and I.R.S. Identification Numbers of Reporting Persons--Furnish the
    full legal name of each person for whom the report is filed.
(6) Citizenship or Place of Organization--Furnish citizenship if the named
    reporting person is a natural person.
(14) Type of Reporting Person--Please classify each "reporting person"
    according to the following breakdown:
            Category                                  Symbol
            Broker Dealer                               BD
SEC 1746 (12-91)
"""


def test_old_plain_text_13d_with_two_reporting_persons() -> None:
    result = read_schedule_13(OLD_TEXT_13D)
    assert _front(result) == ("SC 13D/A", 1, "Harbor Widget Corporation",
                              "Common Stock, par value $.01 per share", "41234K105",
                              D(1997, 3, 3))
    # The left column (NUMBER OF / SHARES / ...) shares lines with the values; the body's
    # Item 5 and the instructions page (with its "BD" example) are no cover pages.
    assert result.owners == [
        _owner("Seaport Value Partners, L.P.", "Delaware", 612500.0, 6.2,
               (612500.0, 0.0, 612500.0, 0.0), "PN"),
        _owner("Martha R. Seaport", "United States", 622500.0, 6.3,
               (10000.0, 612500.0, 10000.0, 612500.0), "IN"),
    ]
    assert result.warnings == []


def _html_cover(name: str, citizenship: str, sole: str, shared: str, total: str,
                percent: str, kind: str) -> str:
    rows = [("(1)", "Names of Reporting Persons.<br>I.R.S. Identification Nos. of above "
                    "persons (entities only)."), ("", name),
            ("(2)", "Check the Appropriate Box if a Member of a Group<br>(a) [ ]<br>(b) [ ]"),
            ("(3)", "SEC Use Only"), ("(4)", "Citizenship or Place of Organization"),
            ("", citizenship)]
    powers = [("(5)", "Sole Voting Power", sole), ("(6)", "Shared Voting Power", shared),
              ("(7)", "Sole Dispositive Power", sole), ("(8)", "Shared Dispositive Power",
                                                         shared)]
    tail = [("(9)", "Aggregate Amount Beneficially Owned by Each Reporting Person"),
            ("", total), ("(10)", "Check if the Aggregate Amount in Row (9) Excludes Certain "
                                  "Shares&nbsp;[&nbsp;]"),
            ("(11)", "Percent of Class Represented by Amount in Row (9)"), ("", percent),
            ("(12)", "Type of Reporting Person (See Instructions)"), ("", kind)]
    html = ["<p>CUSIP No. 66987P201 &nbsp; 13G</p><table border=1>"]
    html += [f"<tr><td>{n}</td><td colspan=3>{text}</td></tr>" for n, text in rows]
    left = "<td rowspan=4>Number of Shares Beneficially Owned by Each Reporting Person With</td>"
    html += [f"<tr>{left if i == 0 else ''}<td>{n}</td><td>{label}</td><td>{value}</td></tr>"
             for i, (n, label, value) in enumerate(powers)]
    html += [f"<tr><td>{n}</td><td colspan=3>{text}</td></tr>" for n, text in tail]
    return "".join(html) + "</table>"


HTML_13GA = (
    "<html><body><p align=center><b>SECURITIES AND EXCHANGE COMMISSION</b><br>"
    "Washington, D.C. 20549</p><p align=center><b>SCHEDULE 13G</b></p>"
    "<p align=center>Under the Securities Exchange Act of 1934<br>(Amendment No.&nbsp;2)*</p>"
    "<p align=center><u>Northwind Therapeutics, Inc.</u><br>(Name of Issuer)</p>"
    "<p align=center><u>Class A Common Stock, $0.0001 par value</u><br>"
    "(Title of Class of Securities)</p><p align=center><u>66987P 20 1</u><br>(CUSIP Number)</p>"
    "<p align=center><u>12/31/2008</u><br>"
    "(Date of Event Which Requires Filing of this Statement)</p>"
    + _html_cover("Tall Oak Capital Management, LLC", "Delaware", "1,050,000", "0",
                  "1,050,000", "7.9%", "IA")
    + _html_cover("Tall Oak Micro Cap Fund, L.P.", "Cayman Islands", "45,000", "None",
                  "45,000 shares", "Less than 1%", "PN")
    + "<p><b>Item 1(a). Name of Issuer:</b> Northwind Therapeutics, Inc.</p>"
    "<p><b>Item 4. Ownership.</b></p><p>(a) Amount beneficially owned: 1,050,000</p>"
    "<p>(b) Percent of class: 7.9%</p></body></html>")


def test_html_13g_amendment_with_values_below_and_beside_labels() -> None:
    result = read_schedule_13(HTML_13GA, "SC 13G/A")
    assert _front(result) == ("SC 13G/A", 2, "Northwind Therapeutics, Inc.",
                              "Class A Common Stock, $0.0001 par value", "66987P201",
                              D(2008, 12, 31))
    assert result.owners == [
        _owner("Tall Oak Capital Management, LLC", "Delaware", 1050000.0, 7.9,
               (1050000.0, 0.0, 1050000.0, 0.0), "IA"),
        # "Less than 1%" is a bound: no made-up value, and a warning that says so.
        _owner("Tall Oak Micro Cap Fund, L.P.", "Cayman Islands", 45000.0, None,
               (45000.0, 0.0, 45000.0, 0.0), "PN"),
    ]
    assert result.warnings == [
        "percent of class for reporting person 2 (Tall Oak Micro Cap Fund, L.P.) is stated "
        "only as an upper bound ('Less than 1%')"]


ITEM_STYLE_13D = """<DOCUMENT>
<TYPE>SC 13D
<SEQUENCE>1
<FILENAME>d123.htm
<TEXT>
<HTML><BODY><P>SCHEDULE 13D</P>
<TABLE><TR><TD>Name of Issuer:</TD><TD>Bluegill Energy Corp.</TD></TR>
<TR><TD>Title of Class of Securities:</TD><TD>Ordinary Shares</TD></TR>
<TR><TD>CUSIP Number:</TD><TD>G1234A105</TD></TR></TABLE>
<P>June&nbsp;5,&nbsp;2012<BR>(Date of Event which Requires Filing of this Statement)</P>
<TABLE>
<TR><TD>Item 1.</TD><TD>Names of Reporting Persons: Redfin Holdings Ltd.</TD></TR>
<TR><TD>Item 2.</TD><TD>Check the Appropriate Box if a Member of a Group (a) &#9744;</TD></TR>
<TR><TD>Item 4.</TD><TD>Source of Funds: OO</TD></TR>
<TR><TD>Item 6.</TD><TD>Citizenship or Place of Organization: British Virgin Islands</TD></TR>
<TR><TD>Item 7.</TD><TD>Sole Voting Power: 12,000,000*</TD></TR>
<TR><TD>Item 8.</TD><TD>Shared Voting Power: 0</TD></TR>
<TR><TD>Item 9.</TD><TD>Sole Dispositive Power: 12,000,000*</TD></TR>
<TR><TD>Item 10.</TD><TD>Shared Dispositive Power: 0</TD></TR>
<TR><TD>Item 11.</TD><TD>Aggregate Amount Beneficially Owned by Each Reporting Person:
12,000,000*</TD></TR>
<TR><TD>Item 13.</TD><TD>Percent of Class Represented by Amount in Row (11): 24.6%**</TD></TR>
<TR><TD>Item 14.</TD><TD>Type of Reporting Person: CO</TD></TR>
</TABLE></BODY></HTML>
</TEXT>
</DOCUMENT>
"""


def test_item_numbered_html_13d_in_its_document_wrapper() -> None:
    result = read_schedule_13(ITEM_STYLE_13D)
    assert _front(result) == ("SC 13D", None, "Bluegill Energy Corp.", "Ordinary Shares",
                              "G1234A105", D(2012, 6, 5))
    assert result.owners == [_owner("Redfin Holdings Ltd.", "British Virgin Islands",
                                    12000000.0, 24.6, (12000000.0, 0.0, 12000000.0, 0.0),
                                    "CO")]


FIXED_13G = """\
                               SCHEDULE 13G
                            (Amendment No. 4)*
Name of Issuer:                        Pinecone Retail Group, Inc.
Title of Class of Securities:          Common Stock
CUSIP Number:                          722934-10-3
Date of Event Which Requires Filing of this Statement:   February 14, 1998

 (1) Names of Reporting Persons.  S.S. or I.R.S. Identification Nos. of Above Persons
     Granite Mutual Corp. 04-2507163
 (4) Citizenship or Place of Organization
     Massachusetts
Number of    (5) Sole Voting Power                         123,456
Shares Bene- (6) Shared Voting Power                        -0-
ficially     (7) Sole Dispositive Power.............     1,234,567
Owned by     (8) Shared Dispositive Power                   None
Each Report-
ing Person
 (9) Aggregate Amount Beneficially Owned by Each Reporting Person
     1,234,567
(10) Check Box if the Aggregate Amount in Row (9) Excludes Certain Shares
(11) Percent of Class Represented by Amount in Row (9)
     12.40%
(12) Type of Reporting Person (See Instructions)
     HC
"""


def test_fixed_layout_13g_with_values_beside_the_labels() -> None:
    result = read_schedule_13(FIXED_13G)
    assert _front(result) == ("SC 13G/A", 4, "Pinecone Retail Group, Inc.", "Common Stock",
                              "722934103", D(1998, 2, 14))
    # The tax number after the name is not part of it.
    assert result.owners == [_owner("Granite Mutual Corp.", "Massachusetts", 1234567.0, 12.4,
                                    (123456.0, 0.0, 1234567.0, 0.0), "HC")]


XML_13GA = """<?xml version="1.0" encoding="UTF-8"?>
<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13g"
                 xmlns:com="http://www.sec.gov/edgar/common">
  <headerData><submissionType>SCHEDULE 13G/A</submissionType></headerData>
  <formData>
    <coverPageHeader>
      <amendmentNo>4</amendmentNo>
      <securitiesClassTitle>Common Stock, $0.001 par value</securitiesClassTitle>
      <eventDateRequiresFilingThisStatement>12/31/2024</eventDateRequiresFilingThisStatement>
      <issuerInfo>
        <issuerCik>0000777001</issuerCik>
        <issuerName>Quillfeather Software Inc.</issuerName>
        <issuerCusips><issuerCusipNumber>74838Q109</issuerCusipNumber></issuerCusips>
        <issuerPrincipalExecutiveOfficeAddress><com:city>Austin</com:city>
        </issuerPrincipalExecutiveOfficeAddress>
      </issuerInfo>
    </coverPageHeader>
    <coverPageHeaderReportingPersonDetails>
      <reportingCik>0001999001</reportingCik>
      <reportingPersonName>Larkspur Advisors LP</reportingPersonName>
      <citizenshipOrOrganization>DE</citizenshipOrOrganization>
      <reportingPersonBeneficiallyOwnedNumberOfShares>
        <soleVotingPower>2100000.00</soleVotingPower>
        <sharedVotingPower>0.00</sharedVotingPower>
        <soleDispositivePower>2350000.00</soleDispositivePower>
        <sharedDispositivePower>0.00</sharedDispositivePower>
      </reportingPersonBeneficiallyOwnedNumberOfShares>
      <reportingPersonBeneficiallyOwnedAggregateNumberOfShares>2350000.00
      </reportingPersonBeneficiallyOwnedAggregateNumberOfShares>
      <classPercent>6.1</classPercent>
      <typeOfReportingPerson>IA</typeOfReportingPerson>
      <typeOfReportingPerson>PN</typeOfReportingPerson>
    </coverPageHeaderReportingPersonDetails>
    <coverPageHeaderReportingPersonDetails>
      <reportingCikNotPresentInEdgarFlag>Y</reportingCikNotPresentInEdgarFlag>
      <reportingPersonName>Ada Larkspur</reportingPersonName>
      <citizenshipOrOrganization>X1</citizenshipOrOrganization>
      <reportingPersonBeneficiallyOwnedNumberOfShares>
        <soleVotingPower>0.00</soleVotingPower>
        <sharedVotingPower>2100000.00</sharedVotingPower>
        <soleDispositivePower>0.00</soleDispositivePower>
        <sharedDispositivePower>2350000.00</sharedDispositivePower>
      </reportingPersonBeneficiallyOwnedNumberOfShares>
      <reportingPersonBeneficiallyOwnedAggregateNumberOfShares>2350000.00
      </reportingPersonBeneficiallyOwnedAggregateNumberOfShares>
      <classPercent>6.1</classPercent>
      <typeOfReportingPerson>IN</typeOfReportingPerson>
    </coverPageHeaderReportingPersonDetails>
    <items><item4><classPercent>See row 11</classPercent></item4></items>
    <signatureInformation>
      <reportingPersonName>Larkspur Advisors LP</reportingPersonName>
    </signatureInformation>
  </formData>
</edgarSubmission>
"""

XML_13D = """<XML>
<?xml version="1.0" encoding="UTF-8"?>
<ns1:edgarSubmission xmlns:ns1="http://www.sec.gov/edgar/schedule13D">
  <ns1:headerData><ns1:submissionType>SCHEDULE 13D</ns1:submissionType></ns1:headerData>
  <ns1:formData>
    <ns1:coverPageHeader>
      <ns1:securitiesClassTitle>Ordinary Shares</ns1:securitiesClassTitle>
      <ns1:dateOfEvent>01/15/2025</ns1:dateOfEvent>
      <ns1:issuerInfo>
        <ns1:issuerCIK>0000555002</ns1:issuerCIK>
        <ns1:issuerCUSIP>G5555X101</ns1:issuerCUSIP>
        <ns1:issuerName>Saltmarsh Shipping Ltd</ns1:issuerName>
      </ns1:issuerInfo>
    </ns1:coverPageHeader>
    <ns1:reportingPersons>
      <ns1:reportingPersonInfo>
        <ns1:reportingPersonCIK>1888003</ns1:reportingPersonCIK>
        <ns1:reportingPersonName>Tern Capital Partners</ns1:reportingPersonName>
        <ns1:citizenshipOrOrganization>E9</ns1:citizenshipOrOrganization>
        <ns1:soleVotingPower>3000000</ns1:soleVotingPower>
        <ns1:sharedVotingPower>0</ns1:sharedVotingPower>
        <ns1:soleDispositivePower>3000000</ns1:soleDispositivePower>
        <ns1:sharedDispositivePower>0</ns1:sharedDispositivePower>
        <ns1:aggregateAmountOwned>3000000</ns1:aggregateAmountOwned>
        <ns1:percentOfClass>12.5</ns1:percentOfClass>
        <ns1:typeOfReportingPerson>PN</ns1:typeOfReportingPerson>
      </ns1:reportingPersonInfo>
    </ns1:reportingPersons>
  </ns1:formData>
</ns1:edgarSubmission>
</XML>
"""


def test_xml_13g_amendment_of_2024() -> None:
    result = read_schedule_13(XML_13GA)
    assert _front(result) == ("SCHEDULE 13G/A", 4, "Quillfeather Software Inc.",
                              "Common Stock, $0.001 par value", "74838Q109", D(2024, 12, 31))
    assert result.subject_cik == "0000777001"
    # Only the cover page's persons count: the signature block names one again.
    assert [o.holder for o in result.owners] == ["Larkspur Advisors LP", "Ada Larkspur"]
    first, second = result.owners
    assert (first.holder_cik, first.citizenship, first.shares, first.percent,
            first.sole_voting, first.sole_dispositive, first.reporting_person_type) == (
        "0001999001", "DE", 2350000.0, 6.1, 2100000.0, 2350000.0, "IA, PN")
    assert (second.holder_cik, second.shared_voting, second.shared_dispositive,
            second.reporting_person_type) == (None, 2100000.0, 2350000.0, "IN")
    assert result.warnings == []


def test_xml_13d_read_by_local_names_under_any_prefix() -> None:
    result = read_schedule_13(XML_13D, "SCHEDULE 13D")
    assert _front(result) == ("SCHEDULE 13D", None, "Saltmarsh Shipping Ltd", "Ordinary Shares",
                              "G5555X101", D(2025, 1, 15))
    assert result.subject_cik == "0000555002"
    assert result.owners == [BeneficialOwner(
        "Tern Capital Partners", "0001888003", "E9", 3000000.0, 12.5, 3000000.0, 0.0,
        3000000.0, 0.0, "PN")]


def test_xml_with_a_doctype_is_refused() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE edgarSubmission [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><edgarSubmission><formData>'
            '<reportingPersonInfo><reportingPersonName>&b;</reportingPersonName>'
            '</reportingPersonInfo></formData></edgarSubmission>')
    result = read_schedule_13(bomb)
    assert result.owners == []
    assert "XML schedule with a DOCTYPE refused" in result.warnings


def test_broken_xml_is_a_warning() -> None:
    result = read_schedule_13(XML_13GA[: len(XML_13GA) // 2] + "</edgarSubmission>")
    assert result.owners == []
    assert any(w.startswith("malformed XML schedule") for w in result.warnings)


# --- values ---------------------------------------------------------------------------------

def _one_cover(shares: str, percent: str) -> str:
    return ("1 NAME OF REPORTING PERSON\n   Oak Fund LP\n"
            "9 AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n"
            f"   {shares}\n11 PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)\n"
            f"   {percent}\n12 TYPE OF REPORTING PERSON\n   PN\n")


@pytest.mark.parametrize("written,expected", [
    ("1,234,567", 1234567.0), ("1,234,567 shares of Common Stock", 1234567.0),
    ("1,234,567 (1)", 1234567.0), ("0", 0.0), ("-0-", 0.0), ("None", 0.0),
    ("Approximately 2,000,000", 2000000.0), ("See Item 4", None),
])
def test_share_counts(written: str, expected: float | None) -> None:
    result = read_schedule_13(_one_cover(written, "5.3%"))
    assert result.owners[0].shares == expected
    assert any("aggregate amount" in w for w in result.warnings) == (expected is None)


@pytest.mark.parametrize("written,expected,warning", [
    ("5.3%", 5.3, None), ("5.3", 5.3, None), ("0.0%", 0.0, None), ("9.99%*", 9.99, None),
    ("Approximately 6.2% (1)", 6.2, None), ("-0-", 0.0, None),
    ("Less than 1%", None, "upper bound"), ("<0.1%", None, "upper bound"),
    ("See Item 4", None, "not a number"), ("150%", None, "out of range"),
])
def test_percents(written: str, expected: float | None, warning: str | None) -> None:
    result = read_schedule_13(_one_cover("1,000", written))
    assert result.owners[0].percent == expected
    percent_warnings = [w for w in result.warnings if w.startswith("percent of class")]
    assert len(percent_warnings) == (warning is not None)
    assert warning is None or warning in percent_warnings[0]


# --- what is no schedule --------------------------------------------------------------------

def test_prose_is_no_cover_page() -> None:
    prose = ("On May 1 the Fund filed a Schedule 13G. The aggregate amount beneficially owned "
             "by each reporting person and the percent of class represented by amount in row "
             "(9) appear there; the names of reporting persons are listed in Item 2.\n") * 20
    result = read_schedule_13(prose)
    assert result.owners == []
    assert "no cover page found" in result.warnings


@pytest.mark.parametrize("text", [
    "", "   \n\n", "\x00\x01\x02", "<html><body></body></html>", "<<<>>>&&&;;(((", "<!--",
    "<edgarSubmission", "1 NAMES OF REPORTING PERSONS", "(Name of Issuer)\n(CUSIP Number)",
    "<pre>\n5 SOLE VOTING POWER\n", "\ufeff<?xml version='1.0'?><edgarSubmission/>",
])
def test_garbage_gives_warnings_not_exceptions(text: str) -> None:
    result = read_schedule_13(text)
    assert result.owners == []
    assert result.warnings[0] in ("no cover page found", "XML schedule with a DOCTYPE refused") \
        or result.warnings[0].startswith(("malformed XML", "XML schedule without"))


def test_damaged_schedules_never_raise() -> None:
    rng = random.Random(13)
    samples = [OLD_TEXT_13D, HTML_13GA, ITEM_STYLE_13D, FIXED_13G, XML_13GA, XML_13D]
    noise = "<>/&;#()-.,%0123456789 \n\tXa\"'=![]?\u00a0"
    for _ in range(300):
        chars = list(rng.choice(samples))
        for _ in range(rng.randint(1, 30)):
            at = rng.randrange(len(chars) + 1)
            if rng.random() < 0.5:
                chars.insert(at, rng.choice(noise))
            else:
                del chars[at:at + rng.randint(1, 200)]
        result = read_schedule_13("".join(chars), rng.choice([None, "SC 13D/A"]))
        assert all(o.percent is None or 0 <= o.percent <= 100 for o in result.owners)


@pytest.mark.parametrize("text", [
    "<" * 1_000_000, "(" * 1_000_000, "<!--" * 250_000, "<pre>" * 200_000, "1 " * 500_000,
    "1 NAME OF REPORTING PERSON x 5 SOLE VOTING POWER 7 " * 20_000,
    "1 NAME OF REPORTING PERSON\n" + "I.R.S. " * 140_000,
    "<edgarSubmission>" + "<reportingPersonInfo>" * 30_000 + "</reportingPersonInfo>" * 30_000
    + "</edgarSubmission>", "<p>" + "<!" * 500_000, "<p>" + "<a " * 330_000,
], ids=["lt", "paren", "comments", "pre", "digits", "labels", "irs", "xml-nesting",
        "html-declarations", "html-open-tags"])
def test_a_megabyte_reads_in_bounded_time(text: str) -> None:
    start = time.perf_counter()
    read_schedule_13(text)
    assert time.perf_counter() - start < 10
