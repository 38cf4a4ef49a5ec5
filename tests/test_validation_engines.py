"""The compiled SHACL checks against pyshacl: equal results on real, synthetic, damaged graphs."""

from __future__ import annotations

import logging
import random
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from extractor.batch.pipeline import iter_extractions
from extractor.extract import Extraction
from extractor.rdf.graph import NamedGraph
from extractor.rdf.vocab import Iris
from extractor.validate.shacl import ShapeValidator, load_shapes

REPO = Path(__file__).resolve().parents[1]
EKG = Namespace("https://w3id.org/edgar-kg/ontology#")
XSD = "http://www.w3.org/2001/XMLSchema#"
# Values a damaged graph takes: ill-typed, out of range, empty, of the wrong type
_BAD_LEXICALS = ("x", "-1", "2020-13-01", "", "12", "true", "0001")
_BAD_TYPES = ("date", "integer", "string", "boolean", "decimal", "dateTime")


@pytest.fixture(scope="module")
def engines() -> tuple[ShapeValidator, ShapeValidator]:
    compiled, reference = ShapeValidator(), ShapeValidator(engine="pyshacl")
    assert compiled.engine == "compiled", compiled.fallback_reason
    return compiled, reference


def damaged(graph: NamedGraph, variant: int) -> list[tuple]:
    """A copy of a graph with some triples dropped, values retyped, nodes made blank, values
    repeated: the breaks a bug in a reader could make, chosen by a seed per graph."""
    rng = random.Random(f"{graph.name.value}/{variant}")
    triples = []
    for subject, predicate, value in graph.triples:
        roll = rng.random()
        if roll < 0.08:
            continue
        if roll < 0.12 and isinstance(value, ox.Literal):
            value = ox.Literal(rng.choice(_BAD_LEXICALS),
                               datatype=ox.NamedNode(XSD + rng.choice(_BAD_TYPES)))
        elif roll < 0.14 and isinstance(value, ox.NamedNode):
            value = ox.BlankNode()
        triples.append((subject, predicate, value))
        if roll > 0.985:  # a second value where one is allowed
            triples.append((subject, predicate, value if not isinstance(value, ox.Literal)
                            else ox.Literal(value.value + "1", datatype=value.datatype)))
    return triples


def graphs_of(paths: list[Path], read_releases: bool = True) -> Iterator[NamedGraph]:
    for result in iter_extractions([str(p) for p in paths], Iris().base,
                                   read_releases=read_releases):
        if isinstance(result, Extraction):
            yield from (graph for _, graph in result.graphs)


def assert_engines_agree(engines: tuple[ShapeValidator, ShapeValidator],
                         graphs: list[NamedGraph], variants: int = 2) -> int:
    """Compares both engines on each graph and its damaged copies; returns results seen."""
    compiled, reference = engines
    seen = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rdflib warns of each ill-typed literal it reads
        logging.disable(logging.ERROR)
        try:
            for graph in graphs:
                for variant in range(variants + 1):
                    triples = graph.triples if variant == 0 else damaged(graph, variant)
                    expected = _outcome(reference, triples, graph.name.value)
                    assert _outcome(compiled, triples, graph.name.value) == expected, (
                        f"{graph.name.value} variant {variant}")
                    seen += len(expected) if isinstance(expected, list) else 0
        finally:
            logging.disable(logging.NOTSET)
    return seen


def _outcome(validator: ShapeValidator, triples: list[tuple], name: str) -> object:
    try:
        return validator.validate_triples(list(triples), "input.txt", name)
    except Exception as exc:  # noqa: BLE001 - pyshacl refuses some damage; both must agree
        return type(exc).__name__


@pytest.mark.slow
def test_engines_agree_on_the_shared_corpus(engines: tuple[ShapeValidator, ShapeValidator],
                                            shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    eight_ks = sorted((corpus / "8k").glob("*"))[:40]
    graphs = list(graphs_of([corpus / "edgar", corpus / "press-releases",
                             corpus / "edgar-more", *eight_ks]))
    assert len(graphs) > 180
    # The damaged copies break rules of every kind, so the comparison covers many results.
    assert assert_engines_agree(engines, graphs) > 1000


@pytest.mark.slow
def test_engines_agree_on_synthetic_filings(engines: tuple[ShapeValidator, ShapeValidator],
                                            tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "synthetic.py"), str(tmp_path),
                    "--filings", "150", "--releases-fraction", "0.2", "--seed", "5"],
                   check=True, capture_output=True)
    graphs = list(graphs_of([tmp_path]))
    assert len(graphs) >= 150
    assert assert_engines_agree(engines, graphs) > 100


def test_engines_agree_on_the_seed(engines: tuple[ShapeValidator, ShapeValidator],
                                   seed_path: Path) -> None:
    graphs = list(graphs_of([seed_path]))
    assert assert_engines_agree(engines, graphs, variants=6) > 0


def test_shapes_the_compiler_does_not_read_go_to_pyshacl() -> None:
    shapes = load_shapes()
    shapes.add((URIRef("https://w3id.org/edgar-kg/shapes#Company-cik"), SH["not"],
                URIRef("https://w3id.org/edgar-kg/shapes#Nothing")))
    validator = ShapeValidator(shapes)
    assert validator.engine == "pyshacl"
    assert "Company-cik" in (validator.fallback_reason or "")
    with pytest.raises(ValueError, match="engine must be one of"):
        ShapeValidator(engine="fast")


def test_a_graph_declaring_subclasses_is_checked_by_pyshacl() -> None:
    """pyshacl takes the data graph's own rdfs:subClassOf into its targets; so must we."""
    graph = Graph()
    graph.bind("ekg", EKG)
    company, special = URIRef("https://w3id.org/edgar-kg/id/cik/0000000001"), EKG.SpecialCompany
    graph.add((special, RDFS.subClassOf, EKG.Company))
    graph.add((company, RDF.type, special))
    graph.add((company, EKG.cik, Literal("1")))
    results = ShapeValidator().validate(graph)
    assert results == ShapeValidator(engine="pyshacl").validate(graph)
    assert any(r.path == "ekg:cik" and r.component == "Pattern" for r in results)


def test_terms_pyoxigraph_refuses_are_checked_by_pyshacl() -> None:
    graph = Graph()
    graph.bind("ekg", EKG)
    filing = URIRef("https://w3id.org/edgar-kg/id/filing/not an iri")
    graph.add((filing, RDF.type, EKG.Filing))
    results = ShapeValidator().validate(graph)
    assert results == ShapeValidator(engine="pyshacl").validate(graph)
    assert any(r.path == "ekg:accessionNumber" for r in results)
