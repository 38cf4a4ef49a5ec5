"""Subsidiaries, insiders and beneficial owners from the filings that state them, end to end:
extraction, shapes, named queries, the company card and the ownership view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.analysis.network import build_view
from extractor.analysis.queries import load_query, run_query
from extractor.batch.pipeline import extract_paths
from extractor.cli import cli
from extractor.extract import extract_source, validate_extraction
from extractor.read.source import Source
from extractor.store.embedded import KnowledgeStore

SEED = Path(__file__).parent / "data" / "seed_8k_cellectar.txt"
CELLECTAR = "https://w3id.org/edgar-kg/id/cik/0001279704"

_EX21 = """<DOCUMENT>
<TYPE>EX-21
<SEQUENCE>3
<FILENAME>ex21.htm
<TEXT>
<html><body><p>SUBSIDIARIES OF CELLECTAR BIOSCIENCES, INC.</p>
<table>
<tr><td>Name of Subsidiary</td><td>Jurisdiction of Organization</td></tr>
<tr><td>Cellectar, Inc.</td><td>Wisconsin</td></tr>
<tr><td>Novelos Therapeutics Ltd.</td><td>Delaware</td></tr>
</table></body></html>
</TEXT>
</DOCUMENT>
"""

_FORM4 = """<?xml version="1.0"?>
<ownershipDocument>
  <schemaVersion>X0508</schemaVersion>
  <documentType>4</documentType>
  <periodOfReport>2017-03-06</periodOfReport>
  <issuer><issuerCik>0001279704</issuerCik><issuerName>Cellectar Biosciences, Inc.</issuerName>
    <issuerTradingSymbol>CLRB</issuerTradingSymbol></issuer>
  <reportingOwner>
    <reportingOwnerId><rptOwnerCik>0001600001</rptOwnerCik>
      <rptOwnerName>CARUSO JAMES V</rptOwnerName></reportingOwnerId>
    <reportingOwnerRelationship><isDirector>1</isDirector><isOfficer>1</isOfficer>
      <officerTitle>President and CEO</officerTitle></reportingOwnerRelationship>
  </reportingOwner>
  <nonDerivativeTable><nonDerivativeTransaction>
    <securityTitle><value>Common Stock</value></securityTitle>
    <transactionDate><value>2017-03-06</value></transactionDate>
    <transactionCoding><transactionCode>P</transactionCode></transactionCoding>
    <transactionAmounts><transactionShares><value>10000</value></transactionShares>
      <transactionPricePerShare><value>1.62</value></transactionPricePerShare>
      <transactionAcquiredDisposedCode><value>A</value></transactionAcquiredDisposedCode></transactionAmounts>
    <postTransactionAmounts><sharesOwnedFollowingTransaction><value>25000</value></sharesOwnedFollowingTransaction></postTransactionAmounts>
    <ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership></ownershipNature>
  </nonDerivativeTransaction></nonDerivativeTable>
</ownershipDocument>
"""


def _as_form(form: str, accession: str, documents: str, keep_seed_documents: bool) -> bytes:
    """The seed's header as another form's: its Cellectar filer, another accession number."""
    text = SEED.read_text(encoding="latin-1")
    text = text.replace("0001144204-17-013452", accession)
    text = text.replace("CONFORMED SUBMISSION TYPE:\t8-K", f"CONFORMED SUBMISSION TYPE:\t{form}")
    if not keep_seed_documents:
        text = text[: text.index("<DOCUMENT>")] + "</SEC-DOCUMENT>\n"
    return text.replace("</SEC-DOCUMENT>", documents + "</SEC-DOCUMENT>").encode("latin-1")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 10-K of Cellectar with an Exhibit 21, and a Form 4 of its chief executive."""
    folder = tmp_path_factory.mktemp("stated")
    (folder / "10-k.txt").write_bytes(_as_form("10-K", "0001144204-17-020000", _EX21, True))
    form4 = ("<DOCUMENT>\n<TYPE>4\n<SEQUENCE>1\n<FILENAME>form4.xml\n<TEXT>\n<XML>\n"
             f"{_FORM4}</XML>\n</TEXT>\n</DOCUMENT>\n")
    (folder / "form-4.txt").write_bytes(_as_form("4", "0001600001-17-000001", form4, False))
    return folder


@pytest.fixture(scope="module")
def store(made: Path) -> KnowledgeStore:
    kg = KnowledgeStore(None)
    summary = extract_paths([str(made)], kg)
    assert summary.ok and summary.filings == 2
    assert summary.validation is not None and not summary.validation.violations
    return kg


def _rows(store: KnowledgeStore, name: str, **params: str) -> list[dict]:
    return run_query(store, load_query(name), params).typed_records()


def test_an_exhibit_21_gives_dated_subsidiaries_of_the_filer(store: KnowledgeStore) -> None:
    rows = _rows(store, "subsidiaries-of", company="1279704")
    assert [(r["subsidiary"], r["jurisdiction"], r["parent"], r["asOf"]) for r in rows] == [
        ("Cellectar, Inc.", "Wisconsin", "Cellectar Biosciences, Inc.", "2017-03-08"),
        ("Novelos Therapeutics Ltd.", "Delaware", "Cellectar Biosciences, Inc.", "2017-03-08")]
    (parent,) = _rows(store, "parents-of", company="Cellectar, Inc.")
    assert parent["parentIri"] == CELLECTAR
    # Keyed as releases key organizations, except a subsidiary bearing the parent's short name
    # (releases call Cellectar Biosciences "Cellectar"): that one is keyed with its jurisdiction.
    assert [r["subsidiaryIri"].rsplit("/", 1)[-1] for r in rows] == [
        "cellectar-inc-wisconsin", "novelos-therapeutics"]


def test_a_form_4_gives_the_insider_and_the_holding(store: KnowledgeStore) -> None:
    (insider,) = _rows(store, "insiders-of", company="CLRB")
    assert (insider["insider"], insider["director"], insider["officer"], insider["title"],
            insider["period"], insider["form"]) == (
        "James V Caruso", True, True, "President and CEO", "2017-03-06", "4")
    (holding,) = _rows(store, "holdings-of", holder="1600001")
    assert (holding["security"], holding["sharesAfter"], holding["direct"], holding["code"],
            holding["shares"], holding["price"], holding["acquired"]) == (
        "Common Stock", 25000, True, "P", 10000, 1.62, True)


def test_the_company_card_and_the_ownership_view(store: KnowledgeStore, made: Path,
                                                 tmp_path: Path) -> None:
    from extractor.analysis.company import company_card

    card = company_card(store, "1279704")
    assert [row["subsidiary"] for row in card["subsidiaries"]] == [
        "Cellectar, Inc.", "Novelos Therapeutics Ltd."]
    assert card["insiders"] == [{"insider": "James V Caruso", "roles": ["director", "officer"],
                                 "title": "President and CEO", "period": "2017-03-06",
                                 "form": "4"}]
    view = build_view(store, "ownership")
    edges = {(view.nodes[u]["label"], view.nodes[v]["label"], data["kind"])
             for u, v, data in view.edges(data=True)}
    assert edges == {("Cellectar Biosciences, Inc.", "Cellectar, Inc.", "subsidiary"),
                     ("Cellectar Biosciences, Inc.", "Novelos Therapeutics Ltd.", "subsidiary"),
                     ("James V Caruso", "Cellectar Biosciences, Inc.", "insider")}
    kinds = {view.nodes[n]["label"]: view.nodes[n]["kind"] for n in view}
    assert (kinds["James V Caruso"], kinds["Cellectar, Inc."]) == ("person", "organization")


def test_the_commands_show_them(made: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "kg")
    assert runner.invoke(cli, ["extract", str(made), "--store", db]).exit_code == 0
    card = runner.invoke(cli, ["company", "CLRB", "--store", db])
    assert "Subsidiaries (newest Exhibit 21) (2)" in card.output
    assert "James V Caruso" in card.output
    picture = tmp_path / "clrb.svg"
    drawn = runner.invoke(cli, ["graph", "draw", "CLRB", "-o", str(picture), "--ownership",
                                "--store", db])
    assert drawn.exit_code == 0, drawn.output
    svg = picture.read_text(encoding="utf-8")
    assert "Deals and ownership of Cellectar Biosciences, Inc." in svg and "Cellectar, Inc." in svg
    listed = runner.invoke(cli, ["graph", "neighbors", "CLRB", "--view", "ownership",
                                 "--format", "json", "--store", db])
    assert {row["name"] for row in json.loads(listed.output)} == {
        "Cellectar, Inc.", "Novelos Therapeutics Ltd.", "James V Caruso"}


def test_bad_exhibits_and_forms_give_clear_outcomes_and_the_batch_goes_on(tmp_path: Path) -> None:
    prose = _EX21.replace(_EX21[_EX21.index("<html>"):_EX21.index("</TEXT>")],
                          "<p>The Company has no subsidiaries.</p>\n")
    (tmp_path / "prose-10-k.txt").write_bytes(_as_form("10-K", "0001144204-17-020001", prose,
                                                       False))
    (tmp_path / "no-issuer.xml").write_text(_FORM4.replace(
        "<issuerCik>0001279704</issuerCik>", ""), encoding="utf-8")
    rows = "".join(f"<tr><td>Subsidiary {n} LLC</td><td>Delaware</td></tr>" for n in range(5000))
    (tmp_path / "big-10-k.txt").write_bytes(_as_form(
        "10-K", "0001144204-17-020002", _EX21.replace("<tr><td>Cellectar, Inc.", rows
                                                      + "<tr><td>Cellectar, Inc."), False))
    kg = KnowledgeStore(None)
    summary = extract_paths([str(tmp_path)], kg, validate=False)
    assert summary.filings == 2
    (failure,) = summary.failures
    assert failure.source.endswith("no-issuer.xml") and "no issuer" in failure.reason
    assert len(_rows(kg, "subsidiaries-of", company="1279704")) == 5002


@pytest.fixture(scope="module")
def corpus_store(shared_dir: Path) -> KnowledgeStore:
    edgar, more = shared_dir / "corpus" / "edgar", shared_dir / "corpus" / "edgar-more"
    paths = [edgar / "edgarwebr__0000037996-94-000005.txt", edgar / "deansh__1.txt",
             edgar / "edgartools__0001076809-24-000144.nc", more / "form4.snow.xml",
             more / "form3.snow.nonderiv.xml"]
    kg = KnowledgeStore(None)
    summary = extract_paths([str(p) for p in paths], kg)
    assert summary.ok and summary.kinds["ownership-xml"] == 2
    assert summary.validation is not None and not summary.validation.violations
    return kg


def test_real_filings(corpus_store: KnowledgeStore) -> None:
    ford = _rows(corpus_store, "subsidiaries-of", company="37996")
    assert len(ford) == 46
    nested = {r["subsidiary"]: r["parent"] for r in ford if r["parent"] != "FORD MOTOR CO"}
    assert len(nested) == 25
    assert nested["Associates Corporation of North America"] == (
        "Associates First Capital Corporation")
    # Namesakes of the parent are entities of their own, and never linked to the parent.
    namesakes = {r["subsidiaryIri"] for r in ford
                 if r["subsidiary"].startswith("Ford Motor Company")}
    assert len(namesakes) == 5
    ford_iri = "https://w3id.org/edgar-kg/id/cik/0000037996"
    assert not list(corpus_store.query(
        f"SELECT ?organization WHERE {{ GRAPH ?g {{ ?organization ekg:refersTo <{ford_iri}> }} }}"))
    (mcguirk,) = _rows(corpus_store, "insiders-of", company="842517")
    assert (mcguirk["insider"], mcguirk["director"], mcguirk["period"]) == (
        "Richard L McGuirk", True, "2024-04-29")
    holdings = _rows(corpus_store, "holdings-of", holder="1849440")
    assert [(h["sharesAfter"], h["direct"], h["nature"]) for h in holdings] == [
        (15711.8844, True, None), (383262.5326, False, "Held by LLC"),
        (2170.3157, False, "Held by minor child")]
    owners = _rows(corpus_store, "owners-of", company="Avid Bioservices")
    assert [(o["holder"], o["percent"], o["shares"], o["eventDate"], o["current"])
            for o in owners] == [("GLAZER CAPITAL, LLC", 5.31, 3394114, "2024-12-09", True),
                                 ("Paul J. Glazer", 5.31, 3394114, "2024-12-09", True)]
    snowflake = _rows(corpus_store, "insiders-of", company="1640147")
    assert [(r["insider"], r["officer"], r["title"], r["tenPercent"]) for r in snowflake] == [
        ("Michael Scarpelli", True, "Chief Financial Officer", False),
        ("BERKSHIRE HATHAWAY INC", False, None, True), ("Warren E Buffett", False, None, True)]


def test_a_form_3_derivative_holding_keeps_its_underlying_shares(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "edgar-more" / "form3.snow.xml"
    kg = KnowledgeStore(None)
    assert extract_paths([str(path)], kg).ok
    holdings = _rows(kg, "holdings-of", holder="1246215")
    assert len(holdings) == 6
    first = holdings[0] if holdings[0]["security"].startswith("Series E") else next(
        h for h in holdings if h["security"] == "Series E Preferred Stock")
    assert (first["derivative"], first["sharesAfter"], first["underlying"],
            first["underlyingShares"], first["direct"], first["nature"]) == (
        True, None, "Class B Common Stock", 134018, False, "Limited Partnership")


def test_a_standalone_ownership_document_is_its_own_kind(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "edgar-more" / "form3.nosecurities.xml"
    extraction = validate_extraction(extract_source(Source(path.name, path.read_bytes())))
    assert extraction.kind == "ownership-xml" and not extraction.shape_results
    assert extraction.triples > 0


def test_a_schedule_read_on_its_own_names_its_subject_and_owners(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "edgar-more" / "SC-13G-DOCUMENT.html"
    kg = KnowledgeStore(None)
    summary = extract_paths([str(path)], kg)
    assert summary.ok and summary.validation is not None and not summary.validation.violations
    owners = _rows(kg, "owners-of", company="LIVENT CORPORATION")
    assert [(o["holder"], o["percent"], o["shares"], o["eventDate"]) for o in owners] == [
        (name, 0, 0, "2023-12-29") for name in (
            "ICS Opportunities, Ltd.", "Israel A. Englander", "Millennium Group Management LLC",
            "Millennium Management LLC")]
