"""Agreement exhibits read by their preamble only: title, date, parties and one deal."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from extractor.edgar.filing import parse_submission
from extractor.edgar.records import Entity
from extractor.nlp.agreements import (
    PREAMBLE_CHARS,
    agreement_kind,
    find_preamble,
    is_preamble_end,
    read_agreement,
)
from extractor.nlp.facts import ReleaseFacts
from extractor.read.archives import sources_from_bytes
from extractor.read.kinds import decode

LABELS = Path(__file__).parent / "data" / "genre_labels.tsv"

LICENSE = """<html><body>
<p align="center"><b>EXCLUSIVE LICENSE AGREEMENT</b></p>
<p>This EXCLUSIVE LICENSE AGREEMENT (the &#8220;Agreement&#8221;) is entered into as of
March&nbsp;3, 2021 (the &#8220;Effective Date&#8221;) by and between Acme Biologics, Inc., a
Delaware corporation (&#8220;Licensor&#8221;), and Beta Therapeutics Ltd., a company organized
under the laws of Israel ("Licensee").</p>
<p align="center">RECITALS</p>
<p>WHEREAS, Licensor owns patents that Gamma Corp. (the "Buyer") wishes to buy;</p>
<p>NOW, THEREFORE, the parties agree as follows:</p>
"""
# A clause that reads like a preamble: it must never make a deal.
CLAUSE = ("<p>Section 2.{n} Grant. Licensor grants to Licensee an exclusive license. This "
          "AGREEMENT AND PLAN OF MERGER is made as of June 1, 2020 by and between Gamma Corp. "
          "(\"Parent\") and Delta Inc. (the \"Company\").</p>\n")


def _roles(facts: ReleaseFacts) -> dict[str, str]:
    [deal] = facts.deals
    return {facts.name_of(p.organization) or "": p.role for p in deal.parties}


def test_a_license_preamble_with_both_quote_styles_is_one_directed_license() -> None:
    facts = read_agreement(LICENSE + "</body></html>")
    assert facts.title == "EXCLUSIVE LICENSE AGREEMENT"
    assert facts.date == dt.date(2021, 3, 3)
    assert _roles(facts) == {"Acme Biologics, Inc.": "licensor",
                             "Beta Therapeutics Ltd.": "licensee"}
    [deal] = facts.deals
    assert (deal.kind, deal.status, deal.directed, deal.new) == ("license", "completed", True, True)
    assert deal.date == dt.date(2021, 3, 3)
    # The defined terms are the parties' aliases; the recitals' Gamma Corp. is no party.
    assert facts.organizations["acme biologics"].aliases == ["Licensor"]
    assert facts.organizations["beta therapeutics"].aliases == ["Licensee"]
    assert "gamma" not in facts.organizations
    assert facts.issuer is None  # no filing company among the parties
    # The evidence is the preamble, its offsets into the HTML as given.
    [evidence] = deal.evidence
    assert evidence.sentence.startswith("This EXCLUSIVE LICENSE AGREEMENT")
    assert evidence.sentence.endswith('("Licensee").')
    assert LICENSE[evidence.start:].startswith("This EXCLUSIVE")
    assert LICENSE[:evidence.end].endswith('("Licensee").')


def test_a_party_that_is_a_filing_company_gets_its_cik_and_is_the_issuer() -> None:
    companies = [Entity(cik="0000000042", name="BETA THERAPEUTICS LTD")]
    facts = read_agreement(LICENSE, companies=companies)
    assert facts.issuer == "beta therapeutics"
    beta = facts.organizations["beta therapeutics"]
    assert beta.cik == "0000000042" and beta.is_issuer
    assert facts.organizations["acme biologics"].cik is None


def test_a_10_mb_agreement_is_read_by_its_head_only() -> None:
    clauses = "".join(CLAUSE.format(n=n) for n in range(50_000))
    source = LICENSE + clauses + "</body></html>"
    assert len(source) > 10_000_000
    facts = read_agreement(source)
    # The preamble's deal, and nothing from the clauses that read like preambles.
    assert _roles(facts) == {"Acme Biologics, Inc.": "licensor",
                             "Beta Therapeutics Ltd.": "licensee"}
    assert set(facts.organizations) == {"acme biologics", "beta therapeutics"}
    [evidence] = facts.deals[0].evidence
    assert evidence.end < PREAMBLE_CHARS
    assert any(w.startswith("only the first ") and f"of {len(source)} characters" in w
               for w in facts.warnings)


def test_a_preamble_past_heavily_styled_html_is_still_found() -> None:
    # A table of contents whose markup outweighs its text 30 to 1: the preamble stands past
    # the first 200,000 source characters, though well within PREAMBLE_CHARS of text.
    style = '<span style="font-family:Times New Roman;font-size:10pt;' + "x" * 900 + '">'
    toc = "".join(f"<p>{style}Section {n}.1 Terms ........ {n}</span></p>\n" for n in range(300))
    source = "<html><body>" + toc + LICENSE[len("<html><body>"):]
    assert source.index("This EXCLUSIVE") > 200_000
    facts = read_agreement(source)
    assert facts.title == "EXCLUSIVE LICENSE AGREEMENT" and len(facts.deals) == 1
    [evidence] = facts.deals[0].evidence
    assert source[evidence.start:].startswith("This EXCLUSIVE")


def test_clauses_never_make_a_deal() -> None:
    # Recitals first: the body is past any preamble, and the preamble-like clause is a clause.
    body = "<p>WHEREAS, the parties wish to agree;</p>\n" + "".join(
        CLAUSE.format(n=n) for n in range(50))
    facts = read_agreement(body)
    assert facts.deals == [] and facts.organizations == {}
    assert facts.warnings == [f"no preamble in the first {PREAMBLE_CHARS} characters"]
    # Many clauses after a preamble: still its one deal.
    facts = read_agreement(LICENSE + "".join(CLAUSE.format(n=n) for n in range(500)))
    assert len(facts.deals) == 1 and facts.deals[0].kind == "license"


def test_people_are_not_parties_and_an_agreement_with_one_organization_is_no_deal() -> None:
    text = ("SERVICES AGREEMENT\n"
            "This Services Agreement (this “Agreement”) is made as of this 6th day of "
            "January, 2025, by and between Acorn Energy, Inc. (the “Company”) and Jan H. Loeb "
            "(“Provider”).\nWHEREAS, the Company wishes to engage the Provider;\n")
    facts = read_agreement(text, media="text")
    assert (facts.title, facts.date) == ("Services Agreement", dt.date(2025, 1, 6))
    assert list(facts.organizations) == ["acorn energy"]
    assert facts.deals == []
    assert "no deal" in facts.warnings[0]


def test_a_merger_subsidiary_and_its_parent_acquire_the_company() -> None:
    text = ("AGREEMENT AND PLAN OF MERGER\n"
            "THIS AGREEMENT AND PLAN OF MERGER, dated as of December 13, 1999 (this "
            "\"AGREEMENT\"), by and among ALPHA HOLDINGS, INC., a Delaware corporation, "
            "Omega Merger Sub LLC, a Delaware limited liability company and a wholly owned "
            "subsidiary of Alpha (\"Merger Sub\"), Zeta Corp. (the \"Company\") and Shareholder "
            "Representative Services LLC (the \"Stockholders' Representative\");\n"
            "WHEREAS, the boards have approved the merger;\n")
    facts = read_agreement(text, media="text")
    assert facts.title == "AGREEMENT AND PLAN OF MERGER"
    # The escrow of the deal signs for holders: no side of it.
    assert _roles(facts) == {"ALPHA HOLDINGS, INC.": "acquirer",
                             "Omega Merger Sub LLC": "acquirer", "Zeta Corp.": "target"}
    assert facts.deals[0].directed


def test_an_amendment_is_amended_and_its_kind_is_the_amended_agreement() -> None:
    text = ("AMENDMENT NO. 1 TO ASSET PURCHASE AGREEMENT\n"
            "This AMENDMENT NO. 1 TO ASSET PURCHASE AGREEMENT (this \"Amendment\"), dated as of "
            "May 1, 2000 to the Asset Purchase Agreement dated as of January 2, 2000, is made "
            "and entered into as of May 15, 2000 by and between Kappa Inc. (\"Buyer\") and "
            "Lambda LLC (\"Seller\").\n1. Amendments.\n")
    facts = read_agreement(text, media="text")
    [deal] = facts.deals
    assert (deal.kind, deal.status, deal.directed) == ("acquisition", "amended", True)
    assert facts.date == dt.date(2000, 5, 15)  # the date it is entered into, not the original's
    assert _roles(facts) == {"Kappa Inc.": "acquirer", "Lambda LLC": "seller"}


@pytest.mark.parametrize(("title", "kind"), [
    ("AGREEMENT AND PLAN OF REORGANIZATION AND MERGER", "acquisition"),
    ("ASSET PURCHASE AGREEMENT", "acquisition"), ("Stock Purchase Agreement", "acquisition"),
    ("MEMBERSHIP INTEREST PURCHASE AGREEMENT", "acquisition"),
    ("Purchase and Sale Agreement", "acquisition"), ("SECURITIES PURCHASE AGREEMENT", "investment"),
    ("Subscription Agreement", "investment"), ("EXCLUSIVE LICENSE AGREEMENT", "license"),
    ("Option Agreement", "option"), ("Collaboration and License Agreement", "license"),
    ("JOINT VENTURE AGREEMENT", "collaboration"), ("Co-Development Agreement", "collaboration"),
    ("SUPPLY AGREEMENT", "supply"), ("Manufacturing Services Agreement", "supply"),
    ("Distribution Agreement", "distribution"), ("TRANSITION SERVICES AGREEMENT", "other"),
])
def test_the_title_names_the_kind(title: str, kind: str) -> None:
    assert agreement_kind(title) == kind


@pytest.mark.parametrize(("line", "ends"), [
    ("WHEREAS, the Company wishes", True), ("W I T N E S S E T H:", True),
    ("RECITALS", True), ("R E C I T A L S:", True), ("NOW, THEREFORE, the parties", True),
    ("ARTICLE I DEFINITIONS", True), ("Section 1. Definitions.", True), ("1. Services", True),
    ("BACKGROUND", True), ("and Beta LLC (\"Beta\").", False), ("(1) ACME INC.", False),
    ("The Company and Beta are the Parties.", False),
])
def test_the_preamble_ends_where_the_recitals_or_the_clauses_begin(line: str,
                                                                   ends: bool) -> None:
    assert is_preamble_end(line) is ends


def test_a_cover_page_and_a_table_of_contents_are_not_the_preamble() -> None:
    text = ("ASSET PURCHASE AGREEMENT BETWEEN ACME, INC. AND BETA CORP. DATED MAY 2, 2001\n"
            "TABLE OF CONTENTS\nARTICLE 1 DEFINITIONS\nSection 1.1 Agreement.......... 1\n"
            "This ASSET PURCHASE AGREEMENT (this \"Agreement\"), dated May 2, 2001, is made by "
            "and between ACME, INC., an Ohio corporation (\"Buyer\"), and BETA CORP. "
            "(\"Seller\").\nWHEREAS, Seller owns assets;\n")
    preamble = find_preamble(text)
    assert preamble is not None and text[preamble.start:].startswith("This ASSET")
    assert (preamble.title, preamble.date) == ("ASSET PURCHASE AGREEMENT", dt.date(2001, 5, 2))


# -- real agreements -------------------------------------------------------------------------


def _document(shared_dir: Path, path: str, sequence: int) -> tuple[str, list[Entity], dt.date]:
    """The body of document `sequence` of a corpus submission, its companies and filing date."""
    file = shared_dir / "corpus" / path
    if not file.is_file():
        pytest.skip(f"corpus file {file} is absent")
    submission = parse_submission(decode(file.read_bytes()))
    document = next(d for d in submission.documents if d.sequence == sequence)
    assert submission.header is not None and document.text
    return (document.text, [p.entity for p in submission.header.parties],
            submission.header.filed)


def _read(shared_dir: Path, path: str, sequence: int) -> tuple[ReleaseFacts, str]:
    text, companies, filed = _document(shared_dir, path, sequence)
    return read_agreement(text, companies=companies, filing_date=filed), text


REAL_DEALS = [
    # path, document, title, date, kind, status, {party: role}, issuer
    ("8k/1004963_8K_1996_0000899243-96-000861.txt", 2,
     "AGREEMENT AND PLAN OF REORGANIZATION AND MERGER", dt.date(1996, 6, 28), "acquisition",
     "completed", {"COTELLIGENT GROUP, INC.": "acquirer", "CGI ACQUISITION, INC.": "acquirer",
                   "INNOVA SOLUTIONS, INC.": "target"}, "cotelligent group"),
    ("8k/1004963_8K_1996_0000899243-96-000861.txt", 3,
     "AGREEMENT AND PLAN OF REORGANIZATION AND MERGER", dt.date(1996, 6, 28), "acquisition",
     "completed", {"COTELLIGENT GROUP, INC.": "acquirer",
                   "Cotelligent/ESP Acquisition Corporation": "acquirer",
                   "ESP SOFTWARE SERVICES, INC.": "target"}, "cotelligent group"),
    # "(JasTech and JasTech/Fla are hereinafter referred to as the "Company")": two targets.
    ("8k/1004963_8K_1996_0001004963-96-000010.txt", 2,
     "AGREEMENT AND PLAN OF REORGANIZATION AND MERGER", dt.date(1996, 9, 30), "acquisition",
     "completed", {"COTELLIGENT GROUP, INC.": "acquirer", "JASTECH, INCORPORATED": "target",
                   "JASTECH OF FLORIDA, INC.": "target",
                   "COTELLIGENT/JASTECH CORPORATION": "acquirer"}, "cotelligent group"),
    ("8k/1002135_8K_1999_0000914760-99-000229.txt", 3, "AGREEMENT AND PLAN OF MERGER",
     dt.date(1999, 12, 13), "acquisition", "completed",
     {"Westell Technologies, Inc.": "acquirer", "Theta Acquisition Corp.": "acquirer",
      "Teltrend Inc.": "target"}, "westell technologies"),
    # Its preamble names no buyer or seller (the recitals do, and they are not read).
    ("8k/1001136_8K_2001_0000950124-01-500182.txt", 2, "ASSET PURCHASE AGREEMENT",
     dt.date(2001, 2, 26), "acquisition", "completed",
     {"BLUESUIT, INC.": "partner", "STOCKWALK GROUP, INC.": "partner"}, "stockwalk group"),
    ("8k/1001136_8K_2001_0000950124-01-500182.txt", 3, "TRANSITION SERVICES AGREEMENT",
     dt.date(2001, 2, 26), "other", "completed",
     {"BlueSuit, Inc.": "partner", "Stockwalk Group, Inc.": "partner"}, "stockwalk group"),
    ("8k/1002135_8K_1999_0000914760-99-000090.txt", 10, "Subordination Agreement",
     dt.date(1999, 4, 15), "other", "completed",
     {"Castle Creek Technology Partners LLC": "partner",
      "Marshall Capital Management, Inc.": "partner",
      "Capital Ventures International": "partner", "LaSalle National Bank": "partner"}, None),
    ("edgar/edgarwebr__0000037996-94-000005.txt", 3,
     "AMENDED AND RESTATED PROFIT MAINTENANCE AGREEMENT", dt.date(1993, 7, 1), "other", "amended",
     {"Ford Motor Company": "partner", "Ford Motor Credit Company": "partner"}, "ford motor"),
]


@pytest.mark.parametrize(("path", "sequence", "title", "date", "kind", "status", "roles",
                          "issuer"), REAL_DEALS, ids=[f"{r[0]}#{r[1]}" for r in REAL_DEALS])
def test_a_real_agreement_gives_its_preamble_deal(
        shared_dir: Path, path: str, sequence: int, title: str, date: dt.date, kind: str,
        status: str, roles: dict[str, str], issuer: str | None) -> None:
    facts, source = _read(shared_dir, path, sequence)
    assert (facts.title, facts.date, facts.issuer) == (title, date, issuer)
    assert issuer is None or facts.organizations[issuer].cik is not None
    [deal] = facts.deals
    assert (deal.kind, deal.status, deal.date) == (kind, status, date)
    assert _roles(facts) == roles
    # The evidence is the preamble, where the source has it: past the table of contents.
    [evidence] = deal.evidence
    assert " ".join(source[evidence.start:evidence.end].split()) == evidence.sentence
    assert re.match(r"(?:THIS |This )?" + re.escape(title), evidence.sentence, re.IGNORECASE)


def test_people_who_sign_a_merger_agreement_are_not_its_parties(shared_dir: Path) -> None:
    facts, _ = _read(shared_dir, "8k/1004963_8K_1996_0000899243-96-000861.txt", 2)
    assert not any("TRICE" in o.name.upper() for o in facts.organizations.values())
    assert facts.organizations["cotelligent group"].aliases == ["Cotelligent"]
    assert facts.organizations["innova solutions"].aliases == ["Company"]


@pytest.mark.parametrize(("path", "sequence", "title", "organizations"), [
    ("8k/1002022_8K_2000_0000914260-00-000030.txt", 2,
     "AMENDED AND RESTATED FORBEARANCE, LOCK-UP AND VOTING AGREEMENT",
     ["Innovative Clinical Solutions, Ltd.", "Green River Fund I, L.P.",
      "Green River Fund II, L.P."]),
    ("8k/1002135_8K_1999_0000914760-99-000229.txt", 4, "VOTING AGREEMENT",
     ["Westell Technologies, Inc.", "Teltrend Inc."]),  # its trustees are people
])
def test_voting_and_lock_up_agreements_name_parties_but_make_no_deal(
        shared_dir: Path, path: str, sequence: int, title: str,
        organizations: list[str]) -> None:
    facts, _ = _read(shared_dir, path, sequence)
    assert facts.title == title and facts.deals == []
    assert [o.name for o in facts.organizations.values()] == organizations
    assert facts.warnings == [f"{title}: not an agreement that makes a deal"]


def test_an_employment_agreement_gives_no_deal(shared_dir: Path) -> None:
    facts, _ = _read(shared_dir, "8k/1002022_8K_2000_0000912057-00-043726.txt", 5)
    assert (facts.title, facts.date) == ("EMPLOYMENT AGREEMENT", dt.date(2000, 9, 21))
    assert facts.deals == []
    assert [o.name for o in facts.organizations.values()] == [
        "INNOVATIVE CLINICAL SOLUTIONS, LTD."]  # the employee is a person


def test_a_securities_purchase_with_unnamed_purchasers_gives_no_deal(shared_dir: Path) -> None:
    facts, _ = _read(shared_dir, "8k/1002135_8K_1999_0000914760-99-000090.txt", 2)
    assert (facts.title, facts.date) == ("SECURITIES PURCHASE AGREEMENT", dt.date(1999, 4, 14))
    assert [o.name for o in facts.organizations.values()] == ["Westell Technologies, Inc."]
    assert facts.deals == [] and "no deal" in facts.warnings[0]


def _labelled_agreements() -> list[tuple[str, int]]:
    rows = [line.rstrip("\n").split("\t") for line in LABELS.read_text().splitlines()[1:]]
    return [(row[0], int(row[1])) for row in rows if row[3] == "agreement"]


def _labelled_source(shared_dir: Path, path: str, sequence: int) -> str:
    file = shared_dir / "corpus" / path
    if not file.is_file():
        pytest.skip(f"corpus file {file} is absent")
    if file.suffix == ".tar":  # a bundle: the exhibit is its second document
        [bundle] = [s for s in sources_from_bytes(file.name, file.read_bytes())
                    if not isinstance(s, Exception)]
        exhibits = [name for name in bundle.members if name.startswith("ex")]
        return decode(bundle.members[exhibits[0]])
    return _document(shared_dir, path, sequence)[0]


@pytest.mark.parametrize(("path", "sequence"), _labelled_agreements(),
                         ids=[f"{p}#{s}" for p, s in _labelled_agreements()])
def test_every_labelled_agreement_gives_at_most_one_deal_from_its_preamble(
        shared_dir: Path, path: str, sequence: int) -> None:
    source = _labelled_source(shared_dir, path, sequence)
    facts = read_agreement(source)
    assert len(facts.deals) <= 1
    for deal in facts.deals:
        [evidence] = deal.evidence
        assert not re.search(r"WHEREAS|NOW,? THEREFORE|IN WITNESS", evidence.sentence)
        assert len({p.organization for p in deal.parties}) >= 2
