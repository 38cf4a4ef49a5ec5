"""Release facts as RDF: deals with roles and evidence, products, people, tickers; the named
queries over them, SHACL validation, and `edgar-kg history licenses`.

The facts are built by hand to mirror the seed 8-K's EX-99.1 (Cellectar's licence from WARF),
so these tests do not depend on the press-release extractor.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from extractor.analysis.queries import load_query, run_query
from extractor.cli import cli
from extractor.edgar.records import Address, Entity
from extractor.nlp.facts import (
    Deal,
    DealParty,
    Designation,
    Evidence,
    Indication,
    Organization,
    Person,
    Product,
    ReleaseFacts,
    Ticker,
)
from extractor.rdf.graph import NamedGraph, add_entity, add_provenance, literal, node
from extractor.rdf.releases import add_release_facts, curie_iri
from extractor.rdf.vocab import EKG, OA, Iris
from extractor.rdf.vocab import OX_EKG as OX_EKG_TERMS
from extractor.rdf.vocab import OX_RDF as OX_RDF_TERMS
from extractor.store.embedded import KnowledgeStore
from extractor.validate.shacl import ShapeResult, default_validator

BASE = "https://w3id.org/edgar-kg/id/"
ACCESSION = "0001144204-17-013452"
CIK = "0001279704"
SOURCE = "corpus/seed_8k_cellectar.txt"
VERSION = "0.1.0-test"
WARF = "wisconsin alumni research foundation"
CELLECTAR = "cellectar biosciences"
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

S_LICENSE = (
    "Cellectar Biosciences, Inc. (Nasdaq: CLRB) (the \u201ccompany\u201d), an oncology-focused, "
    "clinical stage biotechnology company, today announces it has entered into a licensing "
    "agreement with the Wisconsin Alumni Research Foundation (WARF) for intellectual property "
    "rights covering the method of use (MOU) for the company\u2019s lead PDC compound, CLR 131, "
    "in multiple myeloma.")
S_INVESTOR = (
    "WARF has been, and continues to be, an investor in Cellectar and has been a joint owner, "
    "with Cellectar, of the MOU patent filing for CLR 131 for the treatment of multiple myeloma.")
S_EXCLUSIVE = (
    "While the company has always maintained the rights to develop and commercialize CLR 131 "
    "for multiple myeloma, the execution of this licensing agreement provides the company with "
    "exclusive rights to the development and commercialization of the compound in multiple "
    "myeloma.")
S_CEO = (
    "\u201cWARF is one of Cellectar\u2019s largest shareholders and remains a formidable partner. "
    "We believe this expansion of our relationship further solidifies our mutual commitment,"
    "\u201d said Jim Caruso, president and CEO of Cellectar.")
S_PHASE = (
    "It is currently being evaluated as a single-dose treatment in a Phase I clinical trial in "
    "patients with relapsed or refractory multiple myeloma.")
S_ORPHAN = ("The FDA has granted Cellectar an orphan drug designation for CLR 131 in the "
            "treatment of multiple myeloma.")
TEXT = "\n\n".join([
    "Expanding Its Strategic Relationship with Wisconsin Alumni Research Foundation (WARF), "
    "Cellectar Biosciences Executes New License Agreement",
    "Madison, Wisc. (March 8, 2017) -- " + S_LICENSE,
    S_INVESTOR + " " + S_EXCLUSIVE,
    S_CEO,
    "About CLR 131",
    "CLR 131 is an investigational compound under development for a range of hematologic "
    "malignancies. " + S_PHASE + " " + S_ORPHAN,
])


def _evidence(sentence: str, background: bool = False) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence(sentence, start, start + len(sentence), background)


def seed_facts(license_deal: bool = True) -> ReleaseFacts:
    facts = ReleaseFacts(
        title="Cellectar Biosciences Executes New License Agreement",
        date=dt.date(2017, 3, 8),
        issuer=CELLECTAR,
        organizations={
            WARF: Organization(WARF, "Wisconsin Alumni Research Foundation", ["WARF"]),
            CELLECTAR: Organization(CELLECTAR, "Cellectar Biosciences, Inc.", ["Cellectar"],
                                    cik=CIK, is_issuer=True),
        },
        indications=[Indication("multiple myeloma", ("DOID:9538", "ICD10CM:C90.0"))],
        products=[Product(
            "CLR 131", "drug-candidate", phases=["Phase 1"],
            designations=[Designation("orphan drug", "FDA", _evidence(S_ORPHAN, True))],
            indications=["multiple myeloma"], owner=CELLECTAR,
            evidence=[_evidence(S_PHASE, True)],
        )],
        people=[Person("Jim Caruso", "president and CEO", CELLECTAR, _evidence(S_CEO))],
        tickers=[Ticker("Nasdaq", "CLRB", CELLECTAR, _evidence(S_LICENSE))],
    )
    if license_deal:
        facts.deals.append(Deal(
            "license", [DealParty("licensor", WARF), DealParty("licensee", CELLECTAR)],
            assets=["CLR 131"], indications=["multiple myeloma"], exclusive=True,
            directed=True, evidence=[_evidence(S_EXCLUSIVE), _evidence(S_LICENSE)],
        ))
    facts.deals.append(Deal(
        "investment", [DealParty("investor", WARF), DealParty("investee", CELLECTAR)],
        status="completed", new=False, directed=True, evidence=[_evidence(S_INVESTOR)],
    ))
    return facts


def filing_graph(facts: ReleaseFacts) -> tuple[NamedGraph, Iris]:
    """A filing graph as the extractor writes it: the header company, the EX-99 document and
    the release's facts."""
    iris = Iris(BASE)
    graph = NamedGraph(iris.filing_graph(ACCESSION))
    add_entity(graph, iris, Entity(CIK, "Cellectar Biosciences, Inc.", addresses=[
        Address("business", "3301 AGRICULTURE DRIVE", city="MADISON", state="WI", zip="53716")]))
    document = node(iris.document(ACCESSION, 2))
    graph.add((document, OX_RDF_TERMS.type, OX_EKG_TERMS.Document))
    graph.add((document, OX_EKG_TERMS.sequence, literal(2)))
    graph.add((document, OX_EKG_TERMS.size, literal(14_032)))
    add_release_facts(graph, facts, iris, document, SOURCE, VERSION)
    add_provenance(graph, SOURCE, VERSION, dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    return graph, iris


def load_store(path: Path, facts: ReleaseFacts) -> str:
    graph, _ = filing_graph(facts)
    with KnowledgeStore(path, base=BASE) as store:
        store.replace_graphs([(graph.name, graph)])
    return str(path)


@pytest.fixture()
def store_path(tmp_path: Path) -> str:
    return load_store(tmp_path / "kg", seed_facts())


def rows(store_path: str, name: str, **params: str) -> list[dict[str, str | None]]:
    with KnowledgeStore(store_path, base=BASE) as store:
        return run_query(store, load_query(name), params).records()


# --- the graph ------------------------------------------------------------------------------


def test_writing_twice_gives_the_same_triples() -> None:
    first, _ = filing_graph(seed_facts())
    second, _ = filing_graph(seed_facts())
    assert set(first) == set(second)


def test_iris_and_types() -> None:
    graph = filing_graph(seed_facts())[0].to_rdflib()
    cellectar = URIRef(BASE + f"cik/{CIK}")
    warf = URIRef(BASE + "org/wisconsin-alumni-research-foundation")
    product = URIRef(BASE + "product/clr-131")
    indication = URIRef(BASE + "indication/multiple-myeloma")
    document = URIRef(BASE + f"filing/{ACCESSION}/document/2")
    assert (warf, RDF.type, EKG.Organization) in graph
    assert (cellectar, RDF.type, EKG.Organization) in graph
    assert (warf, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"), Literal("WARF")) in graph
    assert (document, EKG.issuedBy, cellectar) in graph
    assert {warf, cellectar, product, indication} <= set(graph.objects(document, EKG.mentions))
    assert (cellectar, EKG.ticker, Literal("CLRB")) in graph
    assert (cellectar, EKG.exchange, Literal("Nasdaq")) in graph
    assert (product, RDF.type, EKG.DrugCandidate) in graph
    assert (product, EKG.productIndication, indication) in graph
    assert (product, EKG.owner, cellectar) in graph
    match = URIRef("http://www.w3.org/2004/02/skos/core#exactMatch")
    assert set(graph.objects(indication, match)) == {
        URIRef("http://purl.obolibrary.org/obo/DOID_9538"),
        URIRef("http://purl.bioontology.org/ontology/ICD10CM/C90.0")}
    deals = set(graph.subjects(RDF.type, EKG.Deal))
    assert len(deals) == 2 and all(str(d).startswith(BASE + "deal/") for d in deals)
    (license_deal,) = graph.subjects(RDF.type, EKG.LicenseAgreement)
    assert (license_deal, EKG.licensor, warf) in graph
    assert (license_deal, EKG.licensee, cellectar) in graph
    assert set(graph.objects(license_deal, EKG.party)) == {warf, cellectar}
    assert (license_deal, EKG.asset, product) in graph
    assert (license_deal, EKG.dealDate, Literal("2017-03-08", datatype=XSD.date)) in graph
    assert (license_deal, EKG.reportedIn, document) in graph
    (designation,) = graph.subjects(RDF.type, EKG.RegulatoryDesignation)
    assert (designation, EKG.designationOf, product) in graph
    assert (designation, EKG.grantedBy, Literal("FDA")) in graph


def test_curie_iris() -> None:
    assert curie_iri("DRUGBANK:DB01048") == "https://go.drugbank.com/drugs/DB01048"
    assert curie_iri("MESH:D000069") == "http://id.nlm.nih.gov/mesh/D000069"
    assert curie_iri("DOID:9538") == "http://purl.obolibrary.org/obo/DOID_9538"
    assert curie_iri("ICD10CM:C90.0") == "http://purl.bioontology.org/ontology/ICD10CM/C90.0"
    assert curie_iri("MEDLINEPLUS:a699012") == "https://medlineplus.gov/druginfo/meds/a699012.html"
    assert curie_iri("NOPE:1") is None
    assert curie_iri("DOID:9 538") is None


def test_deal_evidence_has_both_selectors() -> None:
    graph = filing_graph(seed_facts())[0].to_rdflib()
    (license_deal,) = graph.subjects(RDF.type, EKG.LicenseAgreement)
    annotations = set(graph.subjects(OA.hasBody, license_deal))
    assert len(annotations) == 2
    quotes = {}
    for annotation in annotations:
        assert str(annotation).startswith(BASE + "evidence/")
        assert (annotation, RDF.type, OA.Annotation) in graph
        assert (annotation, EKG.sourceFile, Literal(SOURCE)) in graph
        assert (annotation, EKG.extractorVersion, Literal(VERSION)) in graph
        assert (annotation, EKG.background, Literal(False)) in graph
        target = graph.value(annotation, OA.hasTarget)
        assert (target, RDF.type, OA.SpecificResource) in graph
        assert graph.value(target, OA.hasSource) == URIRef(
            BASE + f"filing/{ACCESSION}/document/2")
        selectors = {graph.value(s, RDF.type): s for s in graph.objects(target, OA.hasSelector)}
        assert set(selectors) == {OA.TextQuoteSelector, OA.TextPositionSelector}
        exact = str(graph.value(selectors[OA.TextQuoteSelector], OA.exact))
        start = graph.value(selectors[OA.TextPositionSelector], OA.start)
        end = graph.value(selectors[OA.TextPositionSelector], OA.end)
        assert start.datatype == end.datatype == XSD.integer
        quotes[exact] = (int(start), int(end))
    for sentence, (start, end) in quotes.items():
        assert TEXT[start:end] == sentence
    assert set(quotes) == {S_LICENSE, S_EXCLUSIVE}
    # Background evidence is marked as such.
    (designation,) = graph.subjects(RDF.type, EKG.RegulatoryDesignation)
    (annotation,) = graph.subjects(OA.hasBody, designation)
    assert (annotation, EKG.background, Literal(True)) in graph


# --- named queries -------------------------------------------------------------------------


def test_deals_query(store_path: str) -> None:
    found = rows(store_path, "deals")
    assert list(found[0]) == ["deal", "kind", "role", "party", "assets", "indications",
                              "exclusive", "status", "date", "new", "source"]
    assert all(row.pop("deal").startswith(BASE + "deal/") for row in found)
    common = {"source": "seed_8k_cellectar.txt"}
    investment = {"kind": "investment", "assets": None, "indications": None, "exclusive": None,
                  "status": "completed", "date": None, "new": "false", **common}
    licence = {"kind": "license", "assets": "CLR 131", "indications": "multiple myeloma",
               "exclusive": "true", "status": "announced", "date": "2017-03-08", "new": "true",
               **common}
    assert found == [
        {**investment, "role": "investor", "party": "Wisconsin Alumni Research Foundation"},
        {**investment, "role": "investee", "party": "Cellectar Biosciences, Inc."},
        {**licence, "role": "licensor", "party": "Wisconsin Alumni Research Foundation"},
        {**licence, "role": "licensee", "party": "Cellectar Biosciences, Inc."},
    ]


def test_deals_query_sorts_assets(tmp_path: Path) -> None:
    facts = seed_facts()
    facts.deals[0].assets = ["Zeta 9", "CLR 131", "alpha platform"]
    found = rows(load_store(tmp_path / "kg", facts), "deals")
    assert {row["assets"] for row in found if row["kind"] == "license"} == {
        "CLR 131|Zeta 9|alpha platform"}


def test_license_history_query(store_path: str) -> None:
    cellectar = BASE + f"cik/{CIK}"
    found = rows(store_path, "license-history", company=cellectar)
    assert len(found) == 1
    row = found[0]
    assert row["deal"].startswith(BASE + "deal/")
    assert {k: v for k, v in row.items() if k != "deal"} == {
        "company": cellectar, "date": "2017-03-08", "kind": "license", "role": "licensee",
        "counterparty": "Wisconsin Alumni Research Foundation", "counterparty_role": "licensor",
        "assets": "CLR 131", "indications": "multiple myeloma", "exclusive": "true",
        "status": "announced", "new": "true", "evidence": S_LICENSE,
    }
    warf = rows(store_path, "license-history",
                company=BASE + "org/wisconsin-alumni-research-foundation")
    assert [(r["role"], r["counterparty"]) for r in warf] == [
        ("licensor", "Cellectar Biosciences, Inc.")]


def test_products_query(store_path: str) -> None:
    assert rows(store_path, "products") == [{
        "product": BASE + "product/clr-131", "name": "CLR 131", "kind": "drug-candidate",
        "phases": "Phase 1", "designations": "orphan drug (FDA)",
        "indications": "multiple myeloma", "owner": "Cellectar Biosciences, Inc.", "ids": None,
    }]


def test_people_query(store_path: str) -> None:
    assert rows(store_path, "people") == [{
        "person": BASE + "person/cellectar-biosciences/jim-caruso", "name": "Jim Caruso",
        "title": "president and CEO", "organization": "Cellectar Biosciences, Inc.",
    }]


# --- SHACL ---------------------------------------------------------------------------------


def results_of(graph: Graph) -> list[ShapeResult]:
    return default_validator().validate(graph)


def test_seed_graph_conforms() -> None:
    results = results_of(filing_graph(seed_facts())[0].to_rdflib())
    # The background WARF investment is not a licence, and the seed's people all have their
    # organization: nothing to report.
    assert results == []


def test_graph_read_back_from_the_store_conforms(store_path: str, tmp_path: Path) -> None:
    # The store keeps every integer type as xsd:integer: the shapes must accept what it gives.
    exported = tmp_path / "kg.ttl"
    with KnowledgeStore(store_path, base=BASE) as store:
        store.export(exported)
    assert results_of(Graph().parse(exported, format="turtle")) == []


def test_directed_license_without_licensor_is_a_violation() -> None:
    facts = seed_facts()
    facts.deals[0].parties = [DealParty("licensee", CELLECTAR)]
    graph = filing_graph(facts)[0].to_rdflib()
    (license_deal,) = graph.subjects(RDF.type, EKG.LicenseAgreement)
    assert [(r.severity, r.focus, r.path, r.shape_name) for r in results_of(graph)] == [
        ("Violation", str(license_deal), "ekg:licensor", "Licence or option"),
        ("Violation", str(license_deal), "ekg:party", "Deal / parties"),
        ("Warning", str(license_deal), "ekg:licensor", "Licence or option / licensor"),
    ]


def test_bad_offsets_and_kind_are_violations() -> None:
    facts = seed_facts()
    facts.deals[1].kind = "handshake"
    facts.people[0].evidence = Evidence(S_CEO, 500, 20)
    results = results_of(filing_graph(facts)[0].to_rdflib())
    assert {(r.severity, r.path) for r in results} == {("Violation", "ekg:dealKind"),
                                                       ("Violation", "oa:start")}


def test_license_without_asset_is_only_a_warning() -> None:
    facts = seed_facts()
    facts.deals[0].assets = []
    results = results_of(filing_graph(facts)[0].to_rdflib())
    assert [(r.severity, r.path, r.message) for r in results] == [
        ("Warning", "ekg:asset", "The licence or option names no asset (product or technology).")]


# --- edgar-kg history licenses -------------------------------------------------------------


@pytest.mark.parametrize("company", ["1279704", "Cellectar", "cellectar biosciences, inc."])
def test_history_licenses_table(store_path: str, company: str) -> None:
    result = CliRunner().invoke(cli, ["history", "licenses", company, "--store", store_path])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Cellectar Biosciences, Inc. <{BASE}cik/{CIK}>"
    assert lines[1].split() == ["date", "kind", "role", "counterparty", "assets", "indications",
                                "status", "new", "evidence"]
    assert lines[3].startswith("2017-03-08  license  licensee  Wisconsin Alumni Research "
                               "Foundation  CLR 131  multiple myeloma  announced  true")
    assert lines[-1] == "(1 row)"


def test_history_licenses_json_by_alias(store_path: str) -> None:
    result = CliRunner().invoke(cli, ["history", "licenses", "WARF", "--store", store_path,
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert (row["role"], row["counterparty"], row["counterparty_role"]) == (
        "licensor", "Cellectar Biosciences, Inc.", "licensee")
    assert row["evidence"] == S_LICENSE
    # Real JSON types: a boolean, and lists of assets and indications.
    assert (row["new"], row["exclusive"]) == (True, True)
    assert (row["assets"], row["indications"]) == (["CLR 131"], ["multiple myeloma"])


def test_history_licenses_unknown_company(store_path: str) -> None:
    result = CliRunner().invoke(cli, ["history", "licenses", "No Such Company", "--store",
                                      store_path])
    assert result.exit_code != 0
    assert "error: no company or organization named 'No Such Company'" in result.output
    assert "Traceback" not in result.output


def test_history_licenses_without_licenses(tmp_path: Path) -> None:
    path = load_store(tmp_path / "kg", seed_facts(license_deal=False))
    result = CliRunner().invoke(cli, ["history", "licenses", "WARF", "--store", path])
    assert result.exit_code != 0
    assert "error: no license or option deals for Wisconsin Alumni Research Foundation" in (
        result.output)


def test_history_names_still_needs_a_cik(store_path: str) -> None:
    result = CliRunner().invoke(cli, ["history", "names", "WARF", "--store", store_path])
    assert result.exit_code == 1
    assert "no company named 'WARF'" in result.output
