"""Linking organizations to EDGAR companies: keys, the company index, name-at-date resolution,
links in the store that queries follow, the link and company commands, and the linking gold."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import SEED

from extractor.analysis.history import license_history
from extractor.analysis.queries import load_query, run_query
from extractor.batch.pipeline import extract_paths
from extractor.cli import cli
from extractor.edgar.dates import parse_date
from extractor.edgar.names import DateBound, NameRecord
from extractor.errors import InputError
from extractor.linking import CompanyIndex, resolve
from extractor.linking.keys import company_key, legal_form
from extractor.linking.scoring import read_gold, score_links
from extractor.linking.store_links import (
    company_index_of,
    link_pending,
    mark_everything,
    relink_after_names,
)
from extractor.store.embedded import KnowledgeStore
from extractor.store.link_marks import PENDING_LINKS

DATA = Path(__file__).parent / "data" / "linking"
CELLECTAR = "0001279704"

# A 2006 release that names Cellectar by the name it had then, and licenses from it.
NOVELOS_RELEASE = """\
Acme Oncology Licenses NOV-002 from Novelos Therapeutics

BOSTON, May 1, 2006 -- Acme Oncology, Inc. today announced that it has entered into an \
exclusive license agreement with Novelos Therapeutics, Inc. (OTCBB: NVLT) under which Novelos \
Therapeutics grants Acme Oncology exclusive worldwide rights to develop NOV-002 for the \
treatment of non-small cell lung cancer.

"This license gives us a late-stage program," said Jane Roe, Chief Executive Officer of Acme \
Oncology.
"""


def dated(cik: str, name: str, start: str, end: str | None) -> NameRecord:
    start_day = dt.date.fromisoformat(start)
    end_bound = None if end is None else DateBound.exact(dt.date.fromisoformat(end))
    return NameRecord(cik, name, DateBound.exact(start_day), end_bound, ("test",))


# --- keys ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "key"), [
    ("Wal-Mart Stores, Inc.", "wal mart stores"),
    ("WAL MART STORES INC", "wal mart stores"),
    ("BANK OF AMERICA CORP /DE/", "bank of america"),
    ("VERTEX PHARMACEUTICALS INC / MA", "vertex pharmaceuticals"),
    ("US BANCORP \\DE\\", "us bancorp"),
    ("MONDELEZ INTL INC", "mondelez international"),
    ("Eli Lilly and Company", "eli lilly"),
    ("ELI LILLY & Co", "eli lilly"),
])
def test_company_keys_meet_across_spellings(text: str, key: str) -> None:
    assert company_key(text) == key


def test_legal_forms_are_told_apart_by_family() -> None:
    assert legal_form("The Worthington Steel Company, LLC") == "llc"
    assert legal_form("Worthington Steel, Inc.") == "corporation"
    assert legal_form("Apollo Management VII, L.P.") == "partnership"
    assert legal_form("Pfizer") is None


# --- the index -----------------------------------------------------------------------------


def test_lookup_file_lines_are_read_and_bad_ones_skipped_with_a_count() -> None:
    lines = [
        "NOVELOS THERAPEUTICS, INC.:0001279704:",
        "CELLECTAR BIOSCIENCES, INC.:0001279704:",
        "A:B COMPANY LLC:0000000042:",  # a colon inside a name
        "NOVELOS THERAPEUTICS, INC.:0001279704:",  # a duplicate line
        "NO CIK HERE",
        "BAD CIK:12AB:",
        "X" * 10_000 + ":0000000007:",
        "",
    ]
    with CompanyIndex() as index:
        report = index.load_lookup(io.StringIO("\n".join(lines)), "cik-lookup-data.txt")
        assert (report.read, report.added, report.duplicates) == (7, 3, 1)
        assert report.skipped == {"lines not of the form NAME:CIK:": 2,
                                  "names over 300 characters": 1}
        assert report.examples[0] == "cik-lookup-data.txt:5: lines not of the form NAME:CIK:"
        assert {row.cik for row in index.names_for_key("novelos therapeutics")} == {CELLECTAR}
        assert [row.name for row in index.names_for_key("a b")] == ["A:B COMPANY LLC"]
        assert "7 rows read, 3 added, 1 duplicates" in report.summary()


def test_both_sec_ticker_files_are_read() -> None:
    plain = {"0": {"cik_str": 78003, "ticker": "PFE", "title": "PFIZER INC"},
             "1": {"cik_str": "x", "ticker": "BAD", "title": "NO CIK"},
             # One CIK listed twice, for two classes of shares: one name, both tickers.
             "2": {"cik_str": 78003, "ticker": "PFE-PA", "title": "PFIZER INC"}}
    exchange = {"fields": ["cik", "name", "ticker", "exchange"],
                "data": [[1279704, "Cellectar Biosciences, Inc.", "CLRB", "Nasdaq"], [1, 2]]}
    with CompanyIndex() as index:
        first = index.load_tickers(io.StringIO(json.dumps(plain)), "company_tickers.json")
        second = index.load_tickers(io.StringIO(json.dumps(exchange)), "exchange.json")
        assert (first.added, first.duplicates, sum(first.skipped.values())) == (1, 1, 1)
        assert index.ciks_for_ticker("PFE-PA") == {"0000078003"}
        assert (second.added, sum(second.skipped.values())) == (1, 1)
        assert index.ciks_for_ticker("pfe") == {"0000078003"}
        assert index.ciks_for_ticker("CLRB", "NASDAQ") == {CELLECTAR}
        with pytest.raises(InputError, match="not a JSON file of SEC tickers"):
            index.load_tickers(io.StringIO("{not json"), "broken.json")


def test_a_gzipped_name_list_is_read_as_it_is(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "cik-lookup-data.txt.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write("NOVELOS THERAPEUTICS, INC.:0001279704:\n")
    with CompanyIndex() as index:
        assert index.load_file(path).added == 1
        assert resolve(index, ["Novelos Therapeutics"]).cik == CELLECTAR


def test_an_unreadable_name_file_is_an_error_naming_it(tmp_path: Path) -> None:
    with CompanyIndex() as index, pytest.raises(InputError, match="missing.txt: cannot be read"):
        index.load_file(tmp_path / "missing.txt")


# --- resolution ----------------------------------------------------------------------------


@pytest.fixture
def reused_name_index() -> CompanyIndex:
    """Two companies that held 'Acme Bio' at different times, and one renamed."""
    index = CompanyIndex()
    index.set_history("0000000001", [dated("0000000001", "ACME BIO INC", "1995-01-01",
                                           "2000-06-30"),
                                     dated("0000000001", "ZENITH THERAPEUTICS INC",
                                           "2000-06-30", None)])
    index.set_history("0000000002", [dated("0000000002", "ACME BIO CORP", "2003-01-01", None)])
    return index


def test_a_name_resolves_to_the_company_that_held_it_on_the_date(
        reused_name_index: CompanyIndex) -> None:
    early = resolve(reused_name_index, ["Acme Bio, Inc."], dt.date(1998, 5, 1))
    late = resolve(reused_name_index, ["Acme Bio, Inc."], dt.date(2010, 5, 1))
    assert (early.cik, early.method, early.score) == ("0000000001", "name-at-date", 0.98)
    assert (late.cik, late.method) == ("0000000002", "name-at-date")
    between = resolve(reused_name_index, ["Acme Bio"], dt.date(2001, 5, 1))
    assert between.cik is None and between.ambiguous
    assert [cik for cik, _ in between.candidates] == ["0000000001", "0000000002"]


def test_aliases_are_tried_after_the_full_name(reused_name_index: CompanyIndex) -> None:
    link = resolve(reused_name_index, ["Zenith Oncology Holdings", "Zenith Therapeutics"],
                   dt.date(2005, 1, 1))
    assert (link.cik, link.matched_name) == ("0000000001", "Zenith Therapeutics")


def test_a_ticker_tells_undated_namesakes_apart() -> None:
    with CompanyIndex() as index:
        index.load_lookup(io.StringIO("NOVA BIO INC:0000000011:\nNOVA BIO LTD:0000000012:\n"),
                          "lookup")
        index.add_ticker("NVB", "0000000012", "NASDAQ")
        assert resolve(index, ["Nova Bio"]).ambiguous
        link = resolve(index, ["Nova Bio"], tickers=[("NVB", "NASDAQ")])
        assert (link.cik, link.method) == ("0000000012", "name+ticker")
        assert resolve(index, ["Unknown Name"], tickers=[("NVB", "")]).method == "ticker"


def test_a_different_legal_form_is_a_different_company() -> None:
    with CompanyIndex() as index:
        index.load_lookup(io.StringIO("WORTHINGTON STEEL, INC.:0001968487:\n"), "lookup")
        assert resolve(index, ["The Worthington Steel Company, LLC"]).cik is None
        assert resolve(index, ["Worthington Steel"]).cik == "0001968487"


# --- the store -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def linked_store(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeStore:
    folder = tmp_path_factory.mktemp("linking")
    release = folder / "acme-novelos-2006.txt"
    release.write_text(NOVELOS_RELEASE, encoding="utf-8")
    store = KnowledgeStore(folder / "kg")
    summary = extract_paths([str(SEED), str(release)], store)
    assert not summary.failures
    yield store
    store.close()


def test_a_release_naming_a_former_name_is_linked_to_the_cik(
        linked_store: KnowledgeStore) -> None:
    rows = list(linked_store.query(
        "SELECT ?name ?method ?entity WHERE { GRAPH ?g { ?r ekg:linkedTo ?entity ; "
        "ekg:matchedName ?name ; ekg:linkMethod ?method } }"))
    found = {(row["name"].value, row["method"].value, row["entity"].value) for row in rows}
    assert ("Novelos Therapeutics, Inc.", "name-around-date",
            str(linked_store.iris.entity(CELLECTAR))) in found
    # Nothing is left to do: the marks are cleared with the links written.
    assert not linked_store.store.contains_named_graph(PENDING_LINKS)


def test_license_history_and_network_follow_the_link(linked_store: KnowledgeStore) -> None:
    history = license_history(linked_store, "1279704")
    counterparties = {(row["role"], row["counterparty"]) for row in history.rows}
    assert ("licensor", "Acme Oncology, Inc.") in counterparties  # told by its counterparty
    assert ("licensee", "Wisconsin Alumni Research Foundation") in counterparties
    edges = run_query(linked_store, load_query("deal-network"), {"kind": "license"}).records()
    entity = str(linked_store.iris.entity(CELLECTAR))
    assert {(row["sourceName"], row["targetName"]) for row in edges if entity in (
        row["source"], row["target"])} >= {("Cellectar Biosciences, Inc.", "Acme Oncology, Inc."),
                                           ("Wisconsin Alumni Research Foundation",
                                            "Cellectar Biosciences, Inc.")}


def test_a_company_arriving_later_relinks_the_documents_naming_it(tmp_path: Path) -> None:
    release = tmp_path / "acme.txt"
    release.write_text(NOVELOS_RELEASE, encoding="utf-8")
    entity = None
    with KnowledgeStore(tmp_path / "kg") as store:
        first = extract_paths([str(release)], store)
        assert first.links.get("linked", 0) == 0  # nobody knows Novelos yet
        second = extract_paths([str(SEED)], store)  # its header brings the name history
        entity = str(store.iris.entity(CELLECTAR))
        linked = {row["name"].value for row in store.query(
            "SELECT ?name ?entity WHERE { GRAPH ?g { ?r ekg:linkedTo ?entity ; "
            "ekg:matchedName ?name } }", {"entity": ox.NamedNode(entity)})}
        assert linked == {"Novelos Therapeutics, Inc."}
        assert second.links.get("linked", 0) >= 1


def test_pending_links_survive_until_they_are_done(tmp_path: Path) -> None:
    release = tmp_path / "acme.txt"
    release.write_text(NOVELOS_RELEASE, encoding="utf-8")
    with KnowledgeStore(tmp_path / "kg") as store:
        extract_paths([str(SEED)], store)
        from extractor.batch.pipeline import iter_extractions
        extraction = next(iter_extractions([str(release)], store.iris.base))
        store.replace_graphs(extraction.graphs, extraction.name_ciks)  # killed before linking
        assert store.store.contains_named_graph(PENDING_LINKS)
        summary = link_pending(store)  # the next run finishes it
        assert summary.graphs == 1 and summary.linked >= 1
        assert not store.store.contains_named_graph(PENDING_LINKS)


def test_link_and_company_commands(linked_store: KnowledgeStore, tmp_path: Path) -> None:
    runner = CliRunner()
    path = linked_store.path
    linked_store.close()
    try:
        lookup = tmp_path / "cik-lookup-data.txt"
        lookup.write_text("ACME ONCOLOGY INC:0000999999:\nBROKEN LINE\n", encoding="utf-8")
        result = runner.invoke(cli, ["link", "--store", path, str(lookup)])
        assert result.exit_code == 0, result.output
        assert "2 rows read, 1 added, 0 duplicates; skipped 1 lines not of the form" in (
            result.output)
        explained = runner.invoke(cli, ["link", "--store", path, "--explain",
                                        "Novelos Therapeutics", "--date", "2006-05-01"])
        assert "-> CIK 0001279704 by name-around-date" in explained.output
        card = runner.invoke(cli, ["company", "--store", path, "Novelos", "--format", "json"])
        assert card.exit_code == 0, card.output
        data = json.loads(card.output)
        assert data["cik"] == CELLECTAR
        assert [row["name"] for row in data["names"]][:2] == ["COMMON HORIZONS INC",
                                                              "NOVELOS THERAPEUTICS, INC."]
        assert {"name": "Novelos Therapeutics, Inc.", "method": "name-around-date",
                "documents": 1} in data["mentioned_as"]
        assert {(row["role"], row["counterparty"]) for row in data["deals"]} >= {
            ("licensor", "ACME ONCOLOGY INC")}  # the new list names the counterparty's CIK
        assert all(isinstance(row["new"], bool) for row in data["deals"])
        bad = runner.invoke(cli, ["link", "--store", path, "--explain", "x", "--date", "soon"])
        assert bad.exit_code == 2 and "is not a date" in bad.output
    finally:
        linked_store.__init__(path)  # reopen for any later test of the module


# --- the linking gold ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_store(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeStore:
    """The shared corpus (releases, 8-Ks, EDGAR files, the seed) in one store, with 120 real
    rows of SEC's company_tickers.json in its company index."""
    corpus = shared_dir / "corpus"
    store = KnowledgeStore(tmp_path_factory.mktemp("shared") / "kg")
    summary = extract_paths([str(SEED), str(corpus / "edgar"), str(corpus / "8k"),
                             str(corpus / "press-releases")], store, jobs=2, validate=False)
    assert summary.filings > 150
    report = company_index_of(store).load_file(DATA / "company_tickers_sample.json")
    assert report.added == 120
    relink_after_names(store, company_index_of(store), names_added=True)
    yield store
    store.close()


@pytest.mark.slow
def test_linking_gold_precision_and_recall(shared_store: KnowledgeStore) -> None:
    gold = read_gold(DATA / "gold.jsonl")
    assert len(gold) >= 150 and sum(mention.former for mention in gold) >= 25
    assert all(parse_date(mention.date) for mention in gold)
    scores = score_links(company_index_of(shared_store), gold)
    assert scores.precision >= 0.98, scores.errors
    assert scores.recall >= 0.9, scores.errors
    assert scores.former_right >= 0.9 * scores.former_total


@pytest.mark.slow
def test_deal_network_nodes_of_store_companies_carry_their_cik(
        shared_store: KnowledgeStore) -> None:
    index = company_index_of(shared_store)
    edges = run_query(shared_store, load_query("deal-network"), {}).records()
    nodes = {row["source"]: row["sourceName"] for row in edges}
    nodes.update({row["target"]: row["targetName"] for row in edges})
    with_cik = {node for node in nodes if "/cik/" in node}
    assert len(with_cik) >= 10  # Nuance, Worthington, Westell, Cellectar, Royalty Pharma...
    unlinked = [(node, name) for node, name in nodes.items() if node not in with_cik and any(
        row.source == "store" for row in index.names_for_key(company_key(name)))]
    assert unlinked == []


# --- acronyms across documents ---------------------------------------------------------------

ACRONYM_GRAPHS = """\
@prefix ekg: <https://w3id.org/edgar-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/edgar-kg/id/> .

id:graph\\/document\\/a {
  id:document\\/a ekg:releaseDate "2020-06-01"^^xsd:date .
  id:org\\/warf a ekg:Organization ; rdfs:label "WARF" .
  id:org\\/mgh a ekg:Organization ; rdfs:label "MGH" .
}
id:graph\\/document\\/b {
  id:document\\/b ekg:releaseDate "2017-03-08"^^xsd:date .
  id:org\\/wisconsin-alumni-research-foundation a ekg:Organization ;
    rdfs:label "Wisconsin Alumni Research Foundation" ; skos:altLabel "WARF" .
  id:org\\/massachusetts-general-hospital a ekg:Organization ;
    rdfs:label "Massachusetts General Hospital" ; skos:altLabel "MGH" .
}
"""


def test_an_acronym_one_text_defines_links_another_texts_bare_acronym(tmp_path: Path) -> None:
    trig = tmp_path / "acronyms.trig"
    trig.write_text(ACRONYM_GRAPHS, encoding="utf-8")
    with KnowledgeStore(tmp_path / "kg") as store:
        store.load_file(trig)
        mark_everything(store)
        # Graph a is linked first, before graph b defines WARF: defining it sends a back.
        summary = link_pending(store)
        assert summary.graphs == 3
        links = {(row["o"].value.rsplit("/", 1)[-1], row["t"].value.rsplit("/", 1)[-1],
                  row["m"].value) for row in store.query(
            "SELECT ?o ?t ?m WHERE { GRAPH ?g { ?r ekg:linkOf ?o ; ekg:linkedTo ?t ; "
            "ekg:linkMethod ?m } }")}
        # Three letters stand for too many organizations: MGH stays apart.
        assert links == {("warf", "wisconsin-alumni-research-foundation", "acronym")}
        assert not store.store.contains_named_graph(PENDING_LINKS)


def test_extract_points_sec_name_lists_to_the_link_command() -> None:
    from extractor.read.kinds import detect_kind

    tickers = json.dumps({"0": {"cik_str": 78003, "ticker": "PFE", "title": "PFIZER INC"}})
    with pytest.raises(InputError, match="company_tickers.json: SEC's list of company names"
                                         ".*edgar-kg link FILE"):
        detect_kind("company_tickers.json", tickers)
    lookup = "!J INC:0001438823:\n#1 A LIFESAFER HOLDINGS, INC.:0001509607:\n"
    with pytest.raises(InputError, match="cik-lookup-data.txt \\(NAME:CIK: lines\\)"):
        detect_kind("names.txt", lookup)
