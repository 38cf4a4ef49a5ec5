"""SHACL validation of extracted graphs: the shapes, one report per graph, and its renderings."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, NamespaceManager
from rdflib.term import Node

from ..errors import EdgarKgError
from ..rdf.graph import NamedGraph, Term, prefixed_graph, to_rdflib_term
from ..rdf.vocab import EKG, OX_EKG
from ..resources import data_dir
from .compiled import CompiledShapes, Unsupported, rdflib_term, to_ox

if TYPE_CHECKING:
    from .reference import ReferenceEngine

Triples = list[tuple[Term, ox.NamedNode, Term]]
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_SEVERITY_TERMS = {name: term for term, name in SEVERITIES.items()}


class ShapesError(EdgarKgError):
    """The shapes folder is missing, empty, or holds a file that is not valid Turtle."""


@dataclass(frozen=True, slots=True)
class ShapeResult:
    """One SHACL result: which node broke which rule, how badly, and where it came from."""

    severity: str
    focus: str
    path: str | None
    message: str
    shape: str | None
    shape_name: str | None
    component: str
    value: str | None = None
    source: str | None = None
    graph: str | None = None

    @property
    def is_violation(self) -> bool:
        return self.severity == "Violation"

    def line(self) -> str:
        """One line for a terminal: file, focus node, path and message."""
        where = self.source or self.graph or "input"
        path = f" {self.path}" if self.path else ""
        return f"{where}: {self.focus}{path}: {self.message}"


@dataclass(slots=True)
class ValidationReport:
    """Results of validating one or more graphs, in the order the graphs were seen."""

    results: list[ShapeResult] = field(default_factory=list)
    graphs: int = 0
    seconds: float = 0.0

    @property
    def violations(self) -> list[ShapeResult]:
        return [result for result in self.results if result.is_violation]

    @property
    def warnings(self) -> list[ShapeResult]:
        return [result for result in self.results if result.severity == "Warning"]

    @property
    def conforms(self) -> bool:
        """True when nothing violates a core shape; warnings alone do not break conformance."""
        return not self.violations

    def add(self, results: Iterable[ShapeResult]) -> None:
        self.results.extend(results)
        self.graphs += 1

    def summary(self) -> str:
        return (f"{self.graphs} graphs validated: {len(self.violations)} violations, "
                f"{len(self.warnings)} warnings")

    def to_dict(self) -> dict[str, object]:
        return {
            "conforms": self.conforms,
            "graphs": self.graphs,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "results": [asdict(result) for result in self.results],
        }

    def to_rdf(self) -> Graph:
        """A standard sh:ValidationReport; each result also names its input file and graph."""
        graph = prefixed_graph()
        graph.bind("sh", SH)
        report = BNode()
        graph.add((report, RDF.type, SH.ValidationReport))
        graph.add((report, SH.conforms, Literal(self.conforms)))
        for result in self.results:
            node = BNode()
            graph.add((report, SH.result, node))
            graph.add((node, RDF.type, SH.ValidationResult))
            graph.add((node, SH.focusNode, _node(result.focus)))
            graph.add((node, SH.resultSeverity, _SEVERITY_TERMS[result.severity]))
            graph.add((node, SH.resultMessage, Literal(result.message)))
            component = SH[f"{result.component}ConstraintComponent"]
            graph.add((node, SH.sourceConstraintComponent, component))
            if result.path:
                graph.add((node, SH.resultPath, _path_node(graph, result.path)))
            if result.shape:
                graph.add((node, SH.sourceShape, _node(result.shape)))
            if result.value is not None:
                graph.add((node, SH.value, _node(result.value)))
            if result.source:
                graph.add((node, EKG.sourceFile, Literal(result.source)))
            if result.graph:
                graph.add((node, EKG.resultGraph, URIRef(result.graph)))
        return graph


def _path_node(graph: Graph, text: str) -> Node:
    """The SHACL path node for a path as `_path_text` writes it (the inverse of that function)."""
    if text.startswith("^"):
        inverse = BNode()
        graph.add((inverse, SH.inversePath, _path_node(graph, text[1:])))
        return inverse
    if "|" in text:
        alternative, head = BNode(), BNode()
        Collection(graph, head, [_path_node(graph, part) for part in text.split("|")])
        graph.add((alternative, SH.alternativePath, head))
        return alternative
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    return graph.namespace_manager.expand_curie(text)


def _node(text: str) -> Node:
    if text.startswith("_:"):
        return BNode(text[2:])
    if "://" in text or text.startswith("urn:"):
        return URIRef(text)
    return Literal(text)


def load_shapes(folder: str | Path | None = None) -> Graph:
    """Every .ttl file in the shapes folder (the shipped shapes by default), as one graph."""
    folder = Path(folder) if folder is not None else data_dir("shapes")
    files = sorted(folder.glob("*.ttl")) if folder.is_dir() else []
    if not files:
        raise ShapesError(f"{folder}: no SHACL shapes (*.ttl) found")
    shapes = Graph()
    for path in files:
        try:
            shapes.parse(path, format="turtle")
        except Exception as exc:  # noqa: BLE001 - rdflib raises many parser exception types
            raise ShapesError(f"{path}: not valid Turtle: {exc}") from None
    return shapes


ENGINES = ("compiled", "pyshacl")


class ShapeValidator:
    """Validates graphs against a fixed set of shapes, with readable results.

    Shape names and property paths are read once from the shapes graph, so each result can
    say "Company / CIK" and "ekg:cik" instead of blank-node identifiers. The shapes are
    compiled to Python checks (`compiled`) that give pyshacl's results at a fraction of its
    cost; pyshacl (`reference`) checks shapes or graphs the compiler does not cover, and
    everything when `engine` is "pyshacl".
    """

    def __init__(self, shapes: Graph | None = None, engine: str = "compiled") -> None:
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
        self.shapes = shapes if shapes is not None else load_shapes()
        self._names = self._shape_names()
        self._reference: ReferenceEngine | None = None  # made when first needed
        self._compiled: CompiledShapes | None = None
        # why the compiled checks are not used, if they are not
        self.fallback_reason: str | None = "engine is pyshacl" if engine == "pyshacl" else None
        if engine == "compiled":
            try:
                self._compiled = CompiledShapes(self.shapes)
            except Unsupported as why:
                self.fallback_reason = str(why)

    @property
    def engine(self) -> str:
        return "pyshacl" if self._compiled is None else "compiled"

    def _shape_names(self) -> dict[Node, str]:
        names: dict[Node, str] = {}
        for shape, name in self.shapes.subject_objects(SH.name):
            parents = [self.shapes.value(parent, SH.name)
                       for parent in self.shapes.subjects(SH.property, shape)]
            parent = next((str(p) for p in parents if p is not None), None)
            names[shape] = f"{parent} / {name}" if parent else str(name)
        return names

    def validate(self, graph: Graph, source: str | None = None,
                 graph_name: str | None = None) -> list[ShapeResult]:
        """The results of validating one graph (no inference: the extractor types every node)."""
        if self._compiled is not None and not graph.context_aware:
            try:
                triples = [(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]
            except (ValueError, Unsupported):  # a term pyoxigraph refuses: pyshacl reads it
                triples = None
            if triples is not None:
                results = self._compiled_results(triples, graph.namespace_manager, source,
                                                 graph_name)
                if results is not None:
                    return results
        return self._reference_results(graph, source, graph_name)

    def validate_named_graph(self, graph: NamedGraph, source: str | None = None
                             ) -> list[ShapeResult]:
        return self.validate_triples(graph.triples, source, graph.name.value)

    def validate_triples(self, triples: Triples,
                         source: str | None = None, graph_name: str | None = None
                         ) -> list[ShapeResult]:
        """The results for one graph given as pyoxigraph triples (as extraction makes them)."""
        if self._compiled is not None:
            results = self._compiled_results(triples, _project_namespaces(), source, graph_name)
            if results is not None:
                return results
        data = _rdflib_graph(triples)
        return self._reference_results(data, source, graph_name)

    def _compiled_results(self, triples: Triples,
                          namespaces: NamespaceManager, source: str | None,
                          graph_name: str | None) -> list[ShapeResult] | None:
        assert self._compiled is not None
        if not self._compiled.accepts(triples):
            return None
        try:
            findings = self._compiled.validate(triples)
        except Unsupported:
            return None
        return _in_order(ShapeResult(
            severity=f.severity, focus=str(rdflib_term(f.focus)), message=f.message,
            path=self._compiled.path_text(f.path, namespaces),
            shape=str(f.shape) if isinstance(f.shape, URIRef) else None,
            shape_name=self._names.get(f.shape), component=f.component,
            value=None if f.value is None else _value_text(f.value),
            source=source, graph=graph_name) for f in findings)

    def _reference_results(self, graph: Graph, source: str | None,
                           graph_name: str | None) -> list[ShapeResult]:
        if self._reference is None:
            # Imported when first needed, as pyshacl is everywhere: compiled checks cover the
            # shipped shapes, and its import (0.1 s) was paid by every worker of every run.
            from .reference import ReferenceEngine

            self._reference = ReferenceEngine(self.shapes)
        report = self._reference.report(graph)
        if report is None:
            return []
        return _in_order(self._results(report, graph, source, graph_name))

    def _results(self, report: Graph, data: Graph, source: str | None,
                 graph_name: str | None) -> Iterator[ShapeResult]:
        for result in report.objects(None, SH.result):
            shape = report.value(result, SH.sourceShape)
            component = report.value(result, SH.sourceConstraintComponent)
            value = report.value(result, SH.value)
            message = report.value(result, SH.resultMessage)
            yield ShapeResult(
                severity=SEVERITIES.get(report.value(result, SH.resultSeverity), "Violation"),
                focus=str(report.value(result, SH.focusNode)),
                path=_path_text(report, report.value(result, SH.resultPath), data),
                message=str(message) if message is not None else "constraint not met",
                shape=str(shape) if isinstance(shape, URIRef) else None,
                shape_name=self._names.get(shape) if shape is not None else None,
                component=str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent"),
                value=None if value is None else (value.n3() if isinstance(value, BNode)
                                                  else str(value)),
                source=source,
                graph=graph_name,
            )


def _value_text(value: Term) -> str:
    """A result's value as pyshacl's report gives it: rdflib writes literals normalized."""
    node = rdflib_term(value)
    return node.n3() if isinstance(node, BNode) else str(node)


def _in_order(results: Iterable[ShapeResult]) -> list[ShapeResult]:
    # Every field is in the key, so the order does not depend on an engine's (set) order.
    return sorted(results, key=lambda r: (r.severity != "Violation", r.focus, r.path or "",
                                          r.message, r.shape or "", r.component, r.value or ""))


@functools.cache
def _project_namespaces() -> NamespaceManager:
    """The prefixes result paths are written with (those of NamedGraph.to_rdflib())."""
    return prefixed_graph().namespace_manager


def _rdflib_graph(triples: Triples) -> Graph:
    """The graph `graph.to_rdflib()` makes, made faster.

    Each distinct term is converted once (a header repeats its nodes, classes and predicates),
    and triples go to the store directly: Graph.add's checks took a third of the time.
    """
    from .reference import MemoGraph  # with pyshacl: made only for the reference engine

    data = MemoGraph()
    # The prefixes of to_rdflib(), which result paths are written with, in the same state.
    data.namespace_manager = prefixed_graph().namespace_manager
    store = data.store
    terms: dict[object, Node] = {}
    for triple in dict.fromkeys(triples):  # repeated triples add nothing, slowly
        converted: list[Node] = []
        for term in triple:
            node = terms.get(term)
            if node is None:
                node = terms[term] = to_rdflib_term(term)  # type: ignore[assignment]
            converted.append(node)
        subject, predicate, value = converted
        store.add((subject, predicate, value), data)
    return data


def _path_text(report: Graph, path: Node | None, data: Graph) -> str | None:
    """A result path as a reader writes it: ekg:cik, ^oa:hasBody, rdfs:label|skos:prefLabel."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return _curie(data, path)
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + (_path_text(report, inverse, data) or "")
    alternatives = report.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_path_text(report, p, data) or "" for p in Collection(report, alternatives))
    return path.n3()


def _curie(graph: Graph, iri: URIRef) -> str:
    try:
        return graph.namespace_manager.curie(iri, generate=False)
    except (ValueError, KeyError):
        return f"<{iri}>"


@functools.cache
def default_validator() -> ShapeValidator:
    """The shipped shapes, loaded once per process (worker processes each load their own)."""
    return ShapeValidator()


def _store_triples(store: ox.Store) -> Iterator[tuple[str | None, Triples]]:
    """Each named graph of a pyoxigraph store, and a non-empty default graph (named None)."""
    names: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    names.extend(store.named_graphs())
    for name in names:
        triples = [(quad.subject, quad.predicate, quad.object)
                   for quad in store.quads_for_pattern(None, None, None, name)]
        if triples:
            yield (None if isinstance(name, ox.DefaultGraph) else name.value), triples  # type: ignore[misc]


def validate_store(store: ox.Store, validator: ShapeValidator | None = None,
                   report: ValidationReport | None = None,
                   default_source: str | None = None,
                   on_graph: Callable[[], None] | None = None) -> ValidationReport:
    """Validate every graph of a store, one graph at a time (as extraction does);
    `on_graph` is called after each."""
    validator = validator or default_validator()
    report = report if report is not None else ValidationReport()
    started = time.perf_counter()
    for name, triples in _store_triples(store):
        # An RDF file's default graph is the file itself; its named graphs say their source.
        source = (default_source if name is None else None) or _source_file(triples) \
            or default_source
        report.add(validator.validate_triples(triples, source, name))
        if on_graph is not None:
            on_graph()
    report.seconds += time.perf_counter() - started
    return report


def _source_file(triples: Triples) -> str | None:
    for _, predicate, value in triples:
        if predicate == OX_EKG.sourceFile:
            return value.value
    return None
