"""Validation during extraction and the `validate` command: reports, formats, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from extractor import pipeline
from extractor.cli import cli
from extractor.pipeline import extract_paths
from extractor.store import KnowledgeStore
from extractor.validation import ShapeValidator, load_shapes, validate_store
from extractor.vocab import EKG

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
    assert row.split()[:4] == ["Violation", "broken.ttl", FIXTURE_COMPANY, "ekg:cik"]
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
    monkeypatch.setattr(pipeline, "default_validator", lambda: validator)


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
    inputs = [str(path) for folder in ("edgar", "press-releases")
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
