"""Validation during extraction and the `validate` command: reports, formats, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from click.testing import CliRunner
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from extractor import extract as extract_module
from extractor.batch.pipeline import extract_paths, iter_extractions
from extractor.cli import cli
from extractor.extract import Extraction, extract_source
from extractor.rdf.graph import NamedGraph
from extractor.rdf.vocab import EKG, Iris
from extractor.read.source import Source
from extractor.store.embedded import KnowledgeStore
from extractor.validate.reference import pyshacl_shapes
from extractor.validate.shacl import (
    ShapeResult,
    ShapeValidator,
    load_shapes,
    validate_store,
)

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_8k_cellectar.txt"
CONFORMING = DATA / "shapes" / "conforming.ttl"
SEED_GRAPH = "https://w3id.org/edgar-kg/id/graph/filing/0001144204-17-013452"
CELLECTAR = "https://w3id.org/edgar-kg/id/cik/0001279704"
FIXTURE_COMPANY = "https://w3id.org/edgar-kg/id/company"

# A stricter house rule a team might add: every company must be in SIC 9999. The seed's
# Cellectar (SIC 2834) breaks it, which lets the tests see a real filing fail.
HOUSE_RULE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ekg: <https://w3id.org/edgar-kg/ontology#> .
<urn:house#SicShape> a sh:NodeShape ; sh:targetClass ekg:Company ;
    sh:name "House SIC" ; sh:description "Only SIC 9999 companies." ;
    sh:property <urn:house#Sic> .
<urn:house#Sic> sh:path ekg:sicCode ; sh:hasValue "9999" ; sh:severity sh:Violation ;
    sh:name "SIC" ; sh:description "SIC 9999" ; sh:message "Only SIC 9999 is allowed here." .
"""


@pytest.fixture()
def house_shapes(tmp_path: Path) -> Path:
    folder = tmp_path / "shapes"
    folder.mkdir()
    (folder / "house.ttl").write_text(HOUSE_RULE, encoding="utf-8")
    return folder


@pytest.fixture()
def broken_file(tmp_path: Path) -> Path:
    text = CONFORMING.read_text(encoding="utf-8").replace('ekg:cik "0001279704"',
                                                           'ekg:cik "1279704"')
    path = tmp_path / "broken.ttl"
    path.write_text(text, encoding="utf-8")
    return path


def test_extraction_reports_its_shape_results(store: str, runner: CliRunner,
                                              tmp_path: Path) -> None:
    result = runner.invoke(cli, ["extract", str(SEED), "--store", str(tmp_path / "again")])
    assert result.exit_code == 0
    assert "; shapes: 0 violations, 0 warnings" in result.output


def test_validate_store_of_the_seed(store: str, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", "--store", store])
    assert result.exit_code == 0, result.output
    # The filing's graph and the merged name history of Cellectar.
    assert result.output.startswith("2 graphs validated: 0 violations, 0 warnings in ")


def test_validate_conforming_file(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", "-i", str(CONFORMING)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 graphs validated: 0 violations, 0 warnings")


def test_validate_broken_file_table(runner: CliRunner, broken_file: Path) -> None:
    result = runner.invoke(cli, ["validate", "-i", str(broken_file)])
    assert result.exit_code == 1
    header, _, row = result.output.splitlines()[:3]
    assert header.split() == ["severity", "file", "focus", "path", "message"]
    # Tables shorten the project's IRIs to prefixed names; JSON keeps them whole.
    assert row.split()[:4] == ["Violation", "broken.ttl", "id:company", "ekg:cik"]
    assert "A company needs exactly one CIK of 10 digits (zero-padded)." in row
    assert "1 graphs validated: 1 violations, 0 warnings" in result.output


def test_validate_broken_file_json(runner: CliRunner, broken_file: Path) -> None:
    result = runner.invoke(cli, ["validate", "-i", str(broken_file), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert (report["conforms"], report["violations"], report["warnings"]) == (False, 1, 0)
    (row,) = report["results"]
    assert row == {
        "severity": "Violation", "focus": FIXTURE_COMPANY, "path": "ekg:cik",
        "message": "A company needs exactly one CIK of 10 digits (zero-padded).",
        "shape": "https://w3id.org/edgar-kg/shapes#Company-cik", "shape_name": "Company / CIK",
        "component": "Pattern", "value": "1279704", "source": str(broken_file),
        "graph": None,
    }


@pytest.mark.parametrize("engine", ["compiled", "pyshacl"])
def test_validate_engines_report_the_same(runner: CliRunner, broken_file: Path,
                                          engine: str) -> None:
    result = runner.invoke(cli, ["validate", "-i", str(broken_file), "-i", str(SEED),
                                 "--engine", engine, "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert (report["graphs"], report["violations"]) == (2, 1)  # the file, the seed filing
    assert report["results"][0]["component"] == "Pattern"


def test_validate_broken_file_turtle_is_a_standard_report(runner: CliRunner,
                                                          broken_file: Path) -> None:
    result = runner.invoke(cli, ["validate", "-i", str(broken_file), "--format", "turtle"])
    assert result.exit_code == 1
    report = Graph().parse(data=result.output, format="turtle")
    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    (row,) = report.objects(node, SH.result)
    assert report.value(row, SH.focusNode) == URIRef(FIXTURE_COMPANY)
    assert report.value(row, SH.resultPath) == EKG.cik
    assert report.value(row, SH.resultSeverity) == SH.Violation
    assert report.value(row, SH.sourceConstraintComponent) == SH.PatternConstraintComponent
    assert report.value(row, SH.sourceShape) == URIRef(
        "https://w3id.org/edgar-kg/shapes#Company-cik")
    assert report.value(row, EKG.sourceFile) == Literal(str(broken_file))


def test_warnings_alone_exit_zero(runner: CliRunner, tmp_path: Path) -> None:
    text = CONFORMING.read_text(encoding="utf-8").replace(
        '    ekg:businessAddress id:address ;\n', '')
    path = tmp_path / "thin.ttl"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["validate", "-i", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["conforms"], report["violations"], report["warnings"]) == (True, 0, 1)
    assert report["results"][0]["path"] == "ekg:businessAddress"


def test_validate_input_that_is_not_rdf_is_extracted_first(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", "-i", str(SEED)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 graphs validated: 0 violations, 0 warnings")


def test_validate_with_other_shapes(store: str, runner: CliRunner, house_shapes: Path) -> None:
    result = runner.invoke(cli, ["validate", "--store", store, "--shapes", str(house_shapes),
                                 "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert [(r["focus"], r["path"], r["message"], r["graph"]) for r in report["results"]] == [
        (CELLECTAR, "ekg:sicCode", "Only SIC 9999 is allowed here.", SEED_GRAPH)]


def test_bad_shapes_folder_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.ttl").write_text("this is not turtle", encoding="utf-8")
    result = runner.invoke(cli, ["validate", "-i", str(CONFORMING), "--shapes", str(tmp_path)])
    assert result.exit_code == 1
    assert "bad.ttl: not valid Turtle" in result.output
    assert "Traceback" not in result.output


def test_unreadable_rdf_file_is_reported_and_others_go_on(runner: CliRunner,
                                                          tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    result = runner.invoke(cli, ["validate", "-i", str(bad), "-i", str(CONFORMING)])
    assert result.exit_code == 1
    assert f"error: {bad}: cannot be read as" in result.output
    assert "1 graphs validated: 0 violations, 0 warnings" in result.output


@pytest.fixture()
def house_rule_on(house_shapes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction checks the shipped shapes plus the house rule (jobs=1 runs in-process)."""
    shapes = load_shapes()
    shapes += load_shapes(house_shapes)
    validator = ShapeValidator(shapes)
    monkeypatch.setattr(extract_module, "default_validator", lambda: validator)


@pytest.mark.usefixtures("house_rule_on")
def test_violations_are_reported_and_still_loaded(runner: CliRunner, tmp_path: Path) -> None:
    path = str(tmp_path / "kg")
    result = runner.invoke(cli, ["extract", str(SEED), "--store", path])
    assert result.exit_code == 0
    assert (f"shape violation: {SEED}: {CELLECTAR} ekg:sicCode: Only SIC 9999 is allowed here."
            in result.output)
    assert "0 failed; shapes: 1 violations, 0 warnings" in result.output
    with KnowledgeStore(path) as store:
        assert store.stats()["filings"] == 1


@pytest.mark.usefixtures("house_rule_on")
def test_strict_leaves_the_filing_out_and_fails(runner: CliRunner, tmp_path: Path) -> None:
    path = str(tmp_path / "kg")
    result = runner.invoke(cli, ["extract", str(SEED), "--store", path, "--strict"])
    assert result.exit_code == 1
    assert (f"error: {SEED}: 1 shape violation(s) in {SEED_GRAPH}, not loaded (--strict)"
            in result.output)
    assert "1 failed; shapes: 1 violations" in result.output
    with KnowledgeStore(path) as store:
        assert store.stats()["filings"] == 0


def test_strict_and_no_validate_cannot_go_together(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["extract", str(SEED), "--store", str(tmp_path / "kg"),
                                 "--strict", "--no-validate"])
    assert result.exit_code == 2
    assert "--strict needs validation" in result.output


def test_no_validate_skips_the_shapes(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["extract", str(SEED), "--store", str(tmp_path / "kg"),
                                 "--no-validate"])
    assert result.exit_code == 0
    assert "shapes:" not in result.output


@pytest.mark.slow
def test_whole_shared_corpus_has_zero_violations(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    inputs = [str(path) for folder in ("edgar", "press-releases", "8k", "edgar-more")
              for path in sorted((corpus / folder).iterdir())
              if path.is_file() and path.suffix not in {".tsv", ".md", ".jsonl"}]
    with KnowledgeStore(None) as store:
        summary = extract_paths(inputs, store)
        assert summary.validation is not None
        assert [r.line() for r in summary.validation.violations] == []
        assert summary.validation.graphs == summary.graphs
        # The merged name histories, written by the store, are checked here.
        report = validate_store(store.store)
        assert report.graphs == store.graph_count()
    assert [r.line() for r in report.violations] == []


# Made-up releases: an acquisition whose buyer is the only organization named, and the same
# wording with a named target. The deal shape asks for two parties.
BUYER_ALONE = ("Zentrix Biologics Acquires Regional Clinic Network\n\n"
               "DENVER, May 4, 2026 -- Zentrix Biologics, Inc. (Nasdaq: ZNTX) today announced"
               " that it has acquired a regional network of infusion clinics.\n")
BUYER_AND_TARGET = BUYER_ALONE.replace("a regional network of infusion clinics",
                                       "Marlow Therapeutics, Inc., a private company")


def test_a_deal_with_one_organization_is_neither_read_nor_written(tmp_path: Path) -> None:
    paths = []
    for name, text in (("alone.txt", BUYER_ALONE), ("both.txt", BUYER_AND_TARGET)):
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    deals = {path.name: [(deal.kind, sorted((p.role, p.organization) for p in deal.parties))
                         for facts in extract_source(Source(path.name, path.read_bytes()))
                         .releases for deal in facts.deals]
             for path in paths}
    # The reader used to let an acquisition stand with its buyer alone.
    assert deals == {"alone.txt": [],
                     "both.txt": [("acquisition", [("acquirer", "zentrix biologics"),
                                                   ("target", "marlow therapeutics")])]}
    with KnowledgeStore(None) as store:
        summary = extract_paths([str(path) for path in paths], store)
        assert summary.validation is not None
        assert [r.line() for r in summary.validation.violations] == []
        written = store.store.query(
            "SELECT ?deal (COUNT(DISTINCT ?party) AS ?n) WHERE { GRAPH ?g { ?deal a <"
            f"{EKG}Deal> ; <{EKG}party> ?party }} }} GROUP BY ?deal")
        assert [int(row["n"].value) for row in written] == [2]


# ShapeValidator hands pyshacl only the shapes that can have focus nodes in a graph, and a copy
# of the shapes where property shapes carry their node shape's targets. The results must be
# those of pyshacl run on the shapes as written, which these tests compare, field by field.

def _plain_pyshacl(validator: ShapeValidator, data: Graph, shapes: Graph) -> list[ShapeResult]:
    """pyshacl's own validate() on the shapes as written, read into the same results."""
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                    allow_warnings=True, allow_infos=True)
    return sorted(validator._results(report, data, None, None), key=repr)


def _same_as_plain(shapes: Callable[[], Graph], data: Callable[[], Graph]) -> list[ShapeResult]:
    # Each run gets its own copies: pyshacl adds to the shapes graph and binds prefixes in
    # the data graph, and result paths are written with those prefixes.
    results = sorted(ShapeValidator(shapes()).validate(data()), key=repr)
    assert results == _plain_pyshacl(ShapeValidator(shapes()), data(), shapes())
    return results


# Many rules broken at once, with several focus nodes per class (two companies, licences,
# annotations), so each moved property shape and the licence's SPARQL rule see more than one.
MANY_BREAKS = """
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX schema: <https://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX ekg: <https://w3id.org/edgar-kg/ontology#>
PREFIX id: <https://w3id.org/edgar-kg/id/>
DELETE DATA { id:company ekg:cik "0001279704" } ;
INSERT DATA {
  id:company ekg:cik "1279704" ; ekg:sicCode "28341" .
  id:company-2 a ekg:Company ; ekg:cik "0000000002" ; ekg:irsNumber "12" .
  id:party-2 a ekg:Party ; ekg:role ekg:licensor ; ekg:entity id:product .
  id:filing ekg:hasParty id:party-2 ; ekg:hasDocument id:product .
  id:address-2 a schema:PostalAddress ; schema:telephone "555" .
  id:license-2 a ekg:Deal, ekg:LicenseAgreement ; ekg:dealKind "licence" ;
    ekg:party id:warf ; ekg:isNew true ; ekg:directionStated true .
  id:evidence-2 a oa:Annotation ; oa:hasBody id:license-2 ; oa:hasTarget id:target-2 .
  id:target-2 a oa:SpecificResource ; oa:hasSource id:document ; oa:hasSelector id:quote .
  id:position oa:start 3000 .
}
"""


def test_results_are_pyshacls_on_the_conforming_and_a_broken_fixture() -> None:
    assert _same_as_plain(load_shapes, lambda: Graph().parse(CONFORMING, format="turtle")) == []

    def broken() -> Graph:
        graph = Graph().parse(CONFORMING, format="turtle")
        graph.update(MANY_BREAKS)
        return graph

    results = _same_as_plain(load_shapes, broken)
    # Rules of most kinds fire: cardinality, pattern, class, or, in, node, SPARQL...
    assert len({r.shape for r in results}) >= 15
    assert {"SPARQL", "Or", "Node", "In", "Class", "Pattern", "MinCount", "MaxCount",
            "LessThanOrEquals"} <= {r.component for r in results}
    assert {r.severity for r in results} == {"Violation", "Warning"}


def _named_results_as_plain(validator: ShapeValidator, graph: NamedGraph,
                            shapes: Graph) -> None:
    expected = [replace(r, graph=graph.name.value)
                for r in _plain_pyshacl(validator, graph.to_rdflib(), shapes)]
    assert sorted(validator.validate_named_graph(graph), key=repr) == expected


def test_named_graphs_of_the_seed_give_pyshacls_results() -> None:
    (extraction,) = iter_extractions([str(SEED)], Iris().base)
    assert isinstance(extraction, Extraction)
    for _, graph in extraction.graphs:
        _named_results_as_plain(ShapeValidator(), graph, load_shapes())


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _named_graph(graph: Graph) -> NamedGraph:
    """An extracted graph of pyoxigraph terms holding the triples of an rdflib graph."""
    def term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(node, URIRef):
            return ox.NamedNode(node)
        if isinstance(node, BNode):
            return ox.BlankNode(node)
        assert isinstance(node, Literal)
        if node.language:
            return ox.Literal(node, language=node.language)
        return ox.Literal(node, datatype=ox.NamedNode(node.datatype or XSD_STRING))

    named = NamedGraph("urn:graph")
    for triple in graph:
        named.add(tuple(term(t) for t in triple))  # type: ignore[arg-type]
    return named


# Shapes built to take each way of preparing them: property shapes that take their node
# shape's targets, and ones that must stay nested (shared, under a property shape, a closed,
# deactivated or nested node shape, recursive, under a class), other kinds of targets,
# subclasses the data declares, and rules with no message of their own.
EDGE_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <urn:ex#> .
@prefix s: <urn:shapes#> .

s:Thing a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property s:Thing-label, s:Thing-size, s:Shared, s:Classy .
s:Classy a sh:PropertyShape, rdfs:Class ; sh:path ex:colour ; sh:minCount 1 .
s:Thing-label sh:path rdfs:label ; sh:minCount 1 ; sh:message "A thing needs a label." .
s:Thing-size a sh:PropertyShape ; sh:path ex:size ; sh:datatype xsd:integer ; sh:maxCount 1 ;
    sh:severity sh:Violation .
s:Other a sh:NodeShape ; sh:targetClass ex:Other ; sh:property s:Shared .
s:Shared a sh:PropertyShape ; sh:path ex:code ; sh:minCount 1 ; sh:severity sh:Warning .
s:Owner a sh:NodeShape ; sh:targetSubjectsOf ex:owns ; sh:property s:Owns .
s:Owns a sh:PropertyShape ; sh:path ex:owns ; sh:property s:Owned-label .
s:Owned-label a sh:PropertyShape ; sh:path rdfs:label ; sh:minCount 1 .
s:Closed a sh:NodeShape ; sh:targetObjectsOf ex:link ; sh:closed true ;
    sh:ignoredProperties ( rdf:type ) ; sh:property s:Closed-name .
s:Closed-name a sh:PropertyShape ; sh:path ex:name ; sh:maxCount 1 .
s:Off a sh:NodeShape ; sh:targetClass ex:Thing ; sh:deactivated true ; sh:property s:Off-never .
s:Off-never a sh:PropertyShape ; sh:path ex:never ; sh:minCount 1 .
s:Part a sh:NodeShape ; sh:targetClass ex:Part ; sh:property s:Part-name .
s:Part-name a sh:PropertyShape ; sh:path ex:name ; sh:minCount 1 .
s:Whole a sh:NodeShape ; sh:targetNode ex:whole ; sh:property [ sh:path ex:part ; sh:node s:Part ] .
s:Chain a sh:NodeShape ; sh:targetClass ex:Chain ; sh:property s:Chain-next .
s:Chain-next a sh:PropertyShape ; sh:path ex:next ; sh:node s:Link .
s:Link a sh:NodeShape ; sh:property [ sh:path ex:next ; sh:node s:Link ] ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ] .
s:Klass a sh:NodeShape, rdfs:Class ; sh:property s:Klass-name .
s:Klass-name a sh:PropertyShape ; sh:path ex:name ; sh:minCount 1 .
s:Gizmo a sh:NodeShape, rdfs:Class ; sh:targetClass ex:Other ; sh:property s:Gizmo-name .
s:Gizmo-name a sh:PropertyShape ; sh:path ex:name ; sh:minCount 1 .
s:Sized sh:targetClass ex:Box ; sh:path ex:size ; sh:property s:Size-unit .
s:Size-unit a sh:PropertyShape ; sh:path ex:unit ; sh:minCount 1 .
s:Gadget a sh:NodeShape ; sh:targetClass ex:Gadget ; sh:property s:Gadget-name .
s:Gadget-name a sh:PropertyShape ; sh:path ex:name ; sh:minCount 1 .
s:Noted a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:sparql [ sh:message "No note (SPARQL, with a prefix only the data graph binds)." ;
                sh:select "SELECT $this WHERE { FILTER NOT EXISTS { $this ekg:note ?n } }" ] .
"""
EDGE_DATA = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ekg: <https://w3id.org/edgar-kg/ontology#> .
@prefix ex: <urn:ex#> .
@prefix s: <urn:shapes#> .
ex:t1 a ex:Thing, s:Classy ; ex:size "big", 3 .
ex:t2 a ex:Thing, ex:Other ; rdfs:label "two" ; ex:size 2 .
ex:SubThing rdfs:subClassOf ex:Thing .
ex:s1 a ex:SubThing .
ex:o1 ex:owns ex:p1 .
ex:p1 ex:name "p" .
ex:a ex:link ex:c1 .
ex:c1 ex:name "a", "b" ; ex:extra 1 .
ex:whole ex:part ex:part1 .
ex:part1 a ex:Part .
ex:chain a ex:Chain ; ex:next ex:l1 .
ex:l1 ex:next ex:l2 ; ex:name "one" .
ex:l2 ex:next ex:l1 .
ex:k1 a s:Klass .
ex:z1 a s:Gizmo .
ex:b1 a ex:Box ; ex:size ex:size1 .
ex:SubGadget rdfs:subClassOf ex:Gadget .
ex:SubSubGadget rdfs:subClassOf ex:SubGadget .
ex:g1 a ex:SubSubGadget .
"""
S = Namespace("urn:shapes#")


# pyshacl warns when it backs out of the recursive chain, on both runs alike.
@pytest.mark.filterwarnings("ignore::pyshacl.errors.ShapeRecursionWarning")
def test_results_are_pyshacls_for_every_kind_of_shape() -> None:
    results = _same_as_plain(lambda: Graph().parse(data=EDGE_SHAPES, format="turtle"),
                             lambda: Graph().parse(data=EDGE_DATA, format="turtle"))
    fired = {(r.focus.removeprefix("urn:ex#"), r.shape.removeprefix("urn:shapes#"))
             for r in results if r.shape}
    assert {("t1", "Thing-label"), ("t1", "Thing-size"), ("s1", "Thing-label"),
            ("t2", "Shared"), ("p1", "Owned-label"), ("part1", "Part-name"),
            ("k1", "Klass-name"), ("z1", "Gizmo-name"), ("size1", "Size-unit"),
            ("g1", "Gadget-name"), ("t1", "Noted")} <= fired
    # Shapes reached twice check twice: ex:t2 is a Thing and an Other, ex:t1 a Thing and a
    # Classy (a property shape that is a class too).
    assert len([r for r in results if r.shape == str(S.Shared) and r.focus == "urn:ex#t2"]) == 2
    assert len([r for r in results if r.shape == str(S.Classy) and r.focus == "urn:ex#t1"]) == 2
    assert not [r for r in results if r.shape == str(S["Off-never"])]


@pytest.mark.filterwarnings("ignore::pyshacl.errors.ShapeRecursionWarning")
def test_named_graphs_give_pyshacls_results_for_every_kind_of_shape() -> None:
    shapes = Graph().parse(data=EDGE_SHAPES, format="turtle")
    graph = _named_graph(Graph().parse(data=EDGE_DATA, format="turtle"))
    _named_results_as_plain(ShapeValidator(shapes), graph,
                            Graph().parse(data=EDGE_SHAPES, format="turtle"))


def test_only_property_shapes_that_stand_alone_take_their_parents_targets() -> None:
    shapes = Graph().parse(data=EDGE_SHAPES, format="turtle")
    copy = pyshacl_shapes(shapes)
    moved = {str(prop).removeprefix("urn:shapes#") for parent, prop
             in shapes.subject_objects(SH.property) if (parent, SH.property, prop) not in copy}
    assert {"Thing-label", "Thing-size", "Owns"} <= moved
    assert not moved & {"Shared", "Owned-label", "Closed-name", "Off-never", "Part-name",
                        "Chain-next", "Klass-name", "Gizmo-name", "Size-unit", "Classy"}
    assert (S["Thing-label"], SH.targetClass, URIRef("urn:ex#Thing")) in copy
