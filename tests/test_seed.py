"""The seed 8-K (Cellectar, 2017) gives exactly the expected facts as triples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS, XSD

from extractor.extract import extract_source
from extractor.rdf.vocab import EKG, ITEMS, SCHEMA, Iris
from extractor.read.source import Source
from extractor.store.embedded import KnowledgeStore
from extractor.validate.shacl import load_shapes

SEED = Path(__file__).parent / "data" / "seed_8k_cellectar.txt"
WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
IRIS = Iris("https://example.org/kg/")
CELLECTAR = IRIS.entity("0001279704")
FILING = IRIS.filing("0001144204-17-013452")


@pytest.fixture(scope="module")
def seed_graph() -> Graph:
    extraction = extract_source(Source(str(SEED), SEED.read_bytes()), IRIS, WHEN)
    assert len(extraction.graphs) == 1
    graph_iri, graph = extraction.graphs[0]
    assert graph_iri == IRIS.filing_graph("0001144204-17-013452")
    return graph.to_rdflib()


def _one(graph: Graph, subject: URIRef, predicate: URIRef) -> object:
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, f"{predicate} of {subject}: {values}"
    return values[0]


def test_company_facts(seed_graph: Graph) -> None:
    assert (CELLECTAR, RDF.type, EKG.Company) in seed_graph
    assert _one(seed_graph, CELLECTAR, EKG.cik) == Literal("0001279704")
    assert _one(seed_graph, CELLECTAR, EKG.conformedName) == Literal("Cellectar Biosciences, Inc.")
    assert _one(seed_graph, CELLECTAR, EKG.sicCode) == Literal("2834")
    assert _one(seed_graph, CELLECTAR, EKG.sicLabel) == Literal("PHARMACEUTICAL PREPARATIONS")
    assert _one(seed_graph, CELLECTAR, EKG.stateOfIncorporation) == Literal("DE")
    assert _one(seed_graph, CELLECTAR, EKG.irsNumber) == Literal("043321804")
    assert _one(seed_graph, CELLECTAR, EKG.fiscalYearEnd) == Literal("1231")
    assert _one(seed_graph, CELLECTAR, SCHEMA.telephone) == Literal("617-244-1616")


def test_both_addresses(seed_graph: Graph) -> None:
    for predicate in (EKG.businessAddress, EKG.mailAddress):
        address = _one(seed_graph, CELLECTAR, predicate)
        assert _one(seed_graph, address, SCHEMA.streetAddress) == Literal("3301 AGRICULTURE DRIVE")
        assert _one(seed_graph, address, SCHEMA.addressLocality) == Literal("MADISON")
        assert _one(seed_graph, address, SCHEMA.addressRegion) == Literal("WI")
        assert _one(seed_graph, address, SCHEMA.postalCode) == Literal("53716")


def test_filing_facts(seed_graph: Graph) -> None:
    assert (FILING, RDF.type, EKG.Filing) in seed_graph
    assert _one(seed_graph, FILING, EKG.accessionNumber) == Literal("0001144204-17-013452")
    assert _one(seed_graph, FILING, EKG.formType) == Literal("8-K")
    assert _one(seed_graph, FILING, EKG.filedOn) == Literal(dt.date(2017, 3, 8), datatype=XSD.date)
    assert _one(seed_graph, FILING, EKG.acceptedAt) == Literal(
        dt.datetime(2017, 3, 8, 16, 2, 21), datatype=XSD.dateTime)
    assert _one(seed_graph, FILING, EKG.publicDocumentCount) == Literal(2)
    items = set(seed_graph.objects(FILING, EKG.reportsItem))
    assert items == {ITEMS["8-K/7.01"], ITEMS["8-K/9.01"]}
    assert (_one(seed_graph, ITEMS["8-K/7.01"], SKOS.prefLabel)
            == Literal("Regulation FD Disclosure"))


def test_two_documents(seed_graph: Graph) -> None:
    documents = sorted(seed_graph.objects(FILING, EKG.hasDocument))
    assert documents == [IRIS.document("0001144204-17-013452", 1),
                         IRIS.document("0001144204-17-013452", 2)]
    press_release = IRIS.document("0001144204-17-013452", 2)
    assert _one(seed_graph, press_release, EKG.documentType) == Literal("EX-99.1")
    assert _one(seed_graph, press_release, EKG.fileName) == Literal("v461435_ex99-1.htm")
    assert _one(seed_graph, press_release, EKG.description) == Literal("EXHIBIT 99.1")


def test_filer_party(seed_graph: Graph) -> None:
    party = _one(seed_graph, FILING, EKG.hasParty)
    assert _one(seed_graph, party, EKG.role) == EKG.Filer
    assert _one(seed_graph, party, EKG.entity) == CELLECTAR
    assert _one(seed_graph, party, EKG.formType) == Literal("8-K")
    assert _one(seed_graph, party, EKG.secAct) == Literal("34")
    assert _one(seed_graph, party, EKG.fileNumber) == Literal("001-36598")
    assert _one(seed_graph, party, EKG.filmNumber) == Literal("17675115")


def test_provenance(seed_graph: Graph) -> None:
    graph_iri = IRIS.filing_graph("0001144204-17-013452")
    assert _one(seed_graph, graph_iri, EKG.sourceFile) == Literal(str(SEED))
    assert _one(seed_graph, graph_iri, EKG.extractorVersion) == Literal("0.1.0")
    assert _one(seed_graph, graph_iri, PROV.generatedAtTime).toPython() == WHEN
    assert (graph_iri, PROV.wasDerivedFrom, FILING) in seed_graph


def test_merged_name_history_from_store() -> None:
    store = KnowledgeStore(None, base=IRIS.base)
    extraction = extract_source(Source(str(SEED), SEED.read_bytes()), IRIS, WHEN)
    store.replace_graphs(extraction.graphs)
    store.refresh_name_histories(extraction.name_ciks)
    history = store.name_history("0001279704")
    assert [(r.name, r.start.edtf(), r.end.edtf() if r.end else None) for r in history] == [
        ("COMMON HORIZONS INC", "2004-02-11", "2005-06-17"),
        ("NOVELOS THERAPEUTICS, INC.", "2005-06-17", "[2005-06-17..2017-03-08]"),
        ("Cellectar Biosciences, Inc.", "[2005-06-17..2017-03-08]", None),
    ]
    assert history[-1].seen == dt.date(2017, 3, 8)
    assert all(r.source_labels == ("0001144204-17-013452",) for r in history)
    # The merged records are nodes with qualifiers, in their own graph.
    rows = list(store.query(
        "SELECT ?record ?qualifier ?name WHERE { ?record a ekg:NameRecord ; ekg:name ?name ; "
        "ekg:endQualifier ?qualifier }", {"name": ox.Literal("NOVELOS THERAPEUTICS, INC.")}))
    assert [(r["record"].value, r["qualifier"].value) for r in rows] == [(
        str(IRIS.name_record("0001279704", "NOVELOS THERAPEUTICS, INC.", "20050617")),
        str(EKG.BetweenDates),
    )]


def test_seed_conforms_to_core_shapes(seed_graph: Graph) -> None:
    conforms, _, text = validate(seed_graph, shacl_graph=load_shapes(), inference="none")
    assert conforms, text
