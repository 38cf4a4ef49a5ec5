"""SHACL validation of extracted graphs: the shapes, one report per graph, and its renderings."""

from __future__ import annotations

import functools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS
from pyshacl.graph_abstraction import RdfLibDataGraph
from pyshacl.shape import Shape
from pyshacl.shapes_graph import ShapesGraph
from pyshacl.validator import Validator
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.paths import Path as RdfPath
from rdflib.plugins.sparql.processor import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from ..errors import EdgarKgError
from ..rdf.graph import NamedGraph, prefixed_graph, to_rdflib_term
from ..rdf.vocab import EKG
from ..resources import data_dir

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


class ShapeValidator:
    """Validates rdflib graphs against a fixed set of shapes, with readable results.

    Shape names and property paths are read once from the shapes graph, so each result can
    say "Company / CIK" and "ekg:cik" instead of blank-node identifiers.
    """

    def __init__(self, shapes: Graph | None = None) -> None:
        self.shapes = shapes if shapes is not None else load_shapes()
        self._names = self._shape_names()
        # pyshacl's validate() rebuilds its shapes graph (and harvests every shape from it)
        # on each call: half the time of validating one filing. One ShapesGraph, harvested on
        # first use and shared by every run, holds nothing about the data. It reads a copy of
        # the shapes laid out to be checked faster, with the same results.
        self._shapes_graph = ShapesGraph(_pyshacl_shapes(self.shapes))
        # The harvested shapes that can have focus nodes, found on first use
        self._targeted: list[_Targeted] | None = None

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
        return self._validate(graph, source, graph_name)

    def validate_named_graph(self, graph: NamedGraph, source: str | None = None
                             ) -> list[ShapeResult]:
        data = _rdflib_graph(graph)
        return self._validate(data, source, graph.name.value)

    def _validate(self, graph: Graph, source: str | None,
                  graph_name: str | None) -> list[ShapeResult]:
        shapes = self._applicable(_Presence(graph))
        if not shapes:
            return []
        validator = _Validator(_DataGraph.from_rdflib(graph), shacl_graph=Graph(),
                               options={"inference": "none", "inplace": True,
                                        "allow_warnings": True, "allow_infos": True})
        validator.shacl_graph = _ShapeSelection(self._shapes_graph, shapes)
        _, report, _ = validator.run()
        # Every field is in the key, so the order does not depend on pyshacl's (set) order.
        return sorted(self._results(report, graph, source, graph_name),
                      key=lambda r: (r.severity != "Violation", r.focus, r.path or "", r.message,
                                     r.shape or "", r.component, r.value or ""))

    def _applicable(self, presence: _Presence) -> list[Shape]:
        """The shapes with focus nodes in a graph: pyshacl would find none for the others.

        Looking for each shape's focus nodes costs pyshacl as much as checking a small graph,
        and most shapes target classes that one graph does not have (a header has no deals).
        """
        if self._targeted is None:
            self._targeted = _targeted_shapes(self._shapes_graph)
        return [shape for targeted in self._targeted if targeted.applies(presence)
                for shape in targeted.shapes]

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


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_SHAPE_VALUED = (SH.node, SH.property, SH.qualifiedValueShape, SH["not"])
_SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)
# Non-validating: pyshacl never reads them, but compares every predicate of a shape with its
# list of parameters each time it checks the shape.
_UNUSED_BY_PYSHACL = frozenset({SH.name, SH.description})


def _pyshacl_shapes(shapes: Graph) -> Graph:
    """The shapes as pyshacl is given them: property shapes of node shapes carry their targets.

    pyshacl checks a node shape's property shapes once per focus node, building each rule
    anew every time: a header with 400 companies and parties ran each of their rules 400
    times. A property shape with targets of its own is checked once, over all its focus nodes,
    with the same results (the property shape is their source either way). So a property
    shape used by one node shape only is given that node shape's targets instead, where that
    cannot change what is checked; `shapes` itself keeps the layout that result names use.
    """
    copy = _MemoGraph()
    copy.namespace_manager = shapes.namespace_manager  # pyshacl's own messages use its prefixes
    for shape, predicate, value in shapes:
        if predicate in _UNUSED_BY_PYSHACL or (
                predicate == SH.severity and value == SH.Violation  # the default severity
                and len(set(shapes.objects(shape, SH.severity))) == 1):
            continue
        copy.add((shape, predicate, value))
    uses = Counter(shapes.objects())
    for parent in set(shapes.subjects(SH.property, None)):
        targets = [(p, o) for p in _TARGETS for o in shapes.objects(parent, p)]
        if not targets or uses[parent] or not _lends_targets(shapes, parent):
            continue
        for prop in list(shapes.objects(parent, SH.property)):
            if uses[prop] == 1 and _stands_alone(shapes, prop):
                copy.remove((parent, SH.property, prop))
                for predicate, target in targets:
                    copy.add((prop, predicate, target))
    return copy


def _lends_targets(shapes: Graph, parent: Node) -> bool:
    """Whether a targeted shape's property shapes check exactly its focus nodes, and only then.

    Not so for a property shape (its property shapes check its values), a class that is also a
    shape (its instances are targets too), a deactivated shape, or one with sh:target (SHACL-AF)
    or sh:closed (which reads the paths of its property shapes).
    """
    if set(shapes.objects(parent, RDF.type)) - {SH.NodeShape}:
        return False
    return not any((parent, p, None) in shapes
                   for p in (SH.path, SH.deactivated, SH.target, SH.closed))


def _stands_alone(shapes: Graph, prop: Node) -> bool:
    """Whether a property shape gives the same results checked on its own as through its parent.

    It must have one path and no targets of its own, not be a class, not have siblings to be
    disjoint from (sh:qualifiedValueShapesDisjoint), and not nest shapes recursively (pyshacl's
    recursion checks count from the top-level shape).
    """
    if len(set(shapes.objects(prop, SH.path))) != 1:
        return False
    if set(shapes.objects(prop, RDF.type)) - {SH.PropertyShape}:
        return False
    if any((prop, p, None) in shapes
           for p in (*_TARGETS, SH.target, SH.qualifiedValueShapesDisjoint)):
        return False
    return _is_tree(shapes, prop, frozenset())


def _is_tree(shapes: Graph, shape: Node, above: frozenset[Node]) -> bool:
    if shape in above:
        return False
    nested = [o for p in _SHAPE_VALUED for o in shapes.objects(shape, p)]
    nested += [item for p in _SHAPE_LISTS for items in shapes.objects(shape, p)
               for item in shapes.items(items)]
    return all(_is_tree(shapes, child, above | {shape}) for child in nested)


class _MemoGraph(Graph):
    """An rdflib graph that keeps its answer to each triple pattern until it changes.

    pyshacl asks the shapes graph and the data graph the same questions over and over (a
    shape's parameters, a class's subclasses), and the memory store's answer is slow. Only
    shapes are looked up in the shapes graph, so its memo stays small (1,800 patterns for
    the whole corpus); a data graph's goes with the graph.
    """

    def __init__(self) -> None:
        super().__init__()
        self._answers: dict[tuple[Node | None, Node | None, Node | None],
                            tuple[tuple[Node, Node, Node], ...]] = {}

    def add(self, triple: tuple[Node, Node, Node]) -> _MemoGraph:
        self._answers.clear()
        super().add(triple)
        return self

    def addN(self, quads: Iterable[tuple[Node, Node, Node, Graph]]) -> _MemoGraph:  # noqa: N802
        self._answers.clear()
        super().addN(quads)
        return self

    def remove(self, triple: tuple[Node | None, Node | None, Node | None]) -> _MemoGraph:
        self._answers.clear()
        super().remove(triple)
        return self

    def triples(self, triple):  # type: ignore[no-untyped-def] # rdflib's own signature
        if isinstance(triple[1], RdfPath):
            yield from super().triples(triple)
            return
        answer = self._answers.get(triple)
        if answer is None:
            answer = self._answers[triple] = tuple(super().triples(triple))
        yield from answer


class _Presence:
    """Which classes have instances, and which predicates are used, in one data graph."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        # A dataset's named graphs are looked into by pyshacl, not by these lookups.
        self._unknown = graph.context_aware
        # pyshacl also takes the instances of a class's subclasses, as the data declares them.
        self._subclasses = self.uses(RDFS.subClassOf)

    def has_instances(self, cls: Node) -> bool:
        if self._unknown:
            return True
        classes = (self._graph.transitive_subjects(RDFS.subClassOf, cls) if self._subclasses
                   else (cls,))
        return any((None, RDF.type, c) in self._graph for c in classes)

    def uses(self, predicate: Node) -> bool:
        return self._unknown or (None, predicate, None) in self._graph


@dataclass(frozen=True, slots=True)
class _Targeted:
    """Shapes with the same targets, and what a data graph needs to give them focus nodes."""

    shapes: tuple[Shape, ...]
    classes: frozenset[Node]
    predicates: frozenset[Node]
    always: bool  # sh:targetNode names focus nodes whether or not the graph holds them

    def applies(self, presence: _Presence) -> bool:
        return (self.always or any(presence.has_instances(c) for c in self.classes)
                or any(presence.uses(p) for p in self.predicates))


def _targeted_shapes(shapes_graph: ShapesGraph) -> list[_Targeted]:
    """The harvested shapes that can have focus nodes of their own, grouped by their targets.

    The others are checked only when another shape refers to them (sh:property, sh:node...).
    A node shape whose property shapes all took its targets checks nothing left, unless the
    shapes define constraint components of their own.
    """
    parameters = set(ALL_CONSTRAINT_PARAMETERS)
    custom = bool(shapes_graph.custom_constraints)
    groups: dict[tuple[bool, frozenset[Node], frozenset[Node]], list[Shape]] = {}
    for shape in shapes_graph.shapes:
        if shape.deactivated or (
                not custom and parameters.isdisjoint(shapes_graph.graph.predicates(shape.node))):
            continue
        classes = frozenset(shape.target_classes()) | frozenset(shape.implicit_class_targets())
        predicates = (frozenset(shape.target_subjects_of())
                      | frozenset(shape.target_objects_of()))
        # sh:target counts only in SHACL-AF mode, which is off; kept to be safe all the same.
        always = (any(True for _ in shape.target_nodes())
                  or (shape.node, SH.target, None) in shapes_graph.graph)
        if always or classes or predicates:
            groups.setdefault((always, classes, predicates), []).append(shape)
    return [_Targeted(tuple(shapes), classes, predicates, always)
            for (always, classes, predicates), shapes in groups.items()]


class _ShapeSelection:
    """The shared ShapesGraph as one run sees it: Validator.run() checks `shapes` only.

    Everything else (the shapes graph, nested shapes, prefixes) is the shared ShapesGraph's, so
    pyshacl itself is left as it is for any other user in the process.
    """

    def __init__(self, shapes_graph: ShapesGraph, shapes: list[Shape]) -> None:
        self._shapes_graph = shapes_graph
        self.shapes = shapes

    def __getattr__(self, name: str) -> object:
        return getattr(self._shapes_graph, name)


class _Validator(Validator):
    """pyshacl's Validator, writing its report graph without the shapes graph's prefixes.

    The report binds each of the 40 prefixes of the shapes graph, a tenth of the time of
    checking a small filing; its results are read here as terms, never written out as text.
    """

    @classmethod
    def create_validation_report(cls, sg: ShapesGraph | _ShapeSelection, conforms: bool,
                                 results: list[tuple[str, Node, list[tuple[Node, Node, object]]]]
                                 ) -> tuple[Graph, str]:
        return super().create_validation_report(_NO_PREFIXES, conforms, results)


class _NoPrefixes:
    """Stands for the shapes graph where pyshacl only copies its prefixes."""

    graph = Graph(bind_namespaces="none")


_NO_PREFIXES = _NoPrefixes()


class _DataGraph(RdfLibDataGraph):
    """pyshacl's view of a data graph that parses the text of each SPARQL query only once.

    pyshacl sends a SPARQL constraint's text once per focus node, and rdflib parses it every
    time (30 ms and more): one licence's check cost more than the rest of its release.
    """

    def query(self, query_object: str | Query, processor: str = "sparql",
              result: str = "sparql", initNs: dict[str, object] | None = None,  # noqa: N803
              initBindings: dict[str, Node] | None = None,  # noqa: N803
              use_store_provided: bool = True, **kwargs: object) -> Result:
        if isinstance(query_object, str) and processor == "sparql" and not kwargs:
            # The prefixes rdflib would read the text with are part of what it means.
            namespaces = initNs or dict(self.impl.namespaces())
            query_object = _prepared_query(query_object, tuple(sorted(namespaces.items())))
        return super().query(query_object, processor, result, initNs, initBindings,
                             use_store_provided, **kwargs)


@functools.lru_cache(maxsize=128)
def _prepared_query(text: str, namespaces: tuple[tuple[str, object], ...]) -> Query:
    return prepareQuery(text, initNs=dict(namespaces))


def _rdflib_graph(graph: NamedGraph) -> Graph:
    """The graph `graph.to_rdflib()` makes, made faster.

    Each distinct term is converted once (a header repeats its nodes, classes and predicates),
    and triples go to the store directly: Graph.add's checks took a third of the time.
    """
    data = _MemoGraph()
    # The prefixes of to_rdflib(), which result paths are written with, in the same state.
    data.namespace_manager = prefixed_graph().namespace_manager
    store = data.store
    terms: dict[object, Node] = {}
    for triple in dict.fromkeys(graph.triples):  # repeated triples add nothing, slowly
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


def store_graphs(store: ox.Store) -> Iterator[tuple[str | None, Graph]]:
    """Each named graph of a pyoxigraph store, and a non-empty default graph (named None)."""
    names: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    names.extend(store.named_graphs())
    for name in names:
        graph = prefixed_graph()
        for quad in store.quads_for_pattern(None, None, None, name):
            graph.add((to_rdflib_term(quad.subject), to_rdflib_term(quad.predicate),
                       to_rdflib_term(quad.object)))
        if len(graph):
            yield (None if isinstance(name, ox.DefaultGraph) else name.value), graph


def validate_store(store: ox.Store, validator: ShapeValidator | None = None,
                   report: ValidationReport | None = None,
                   default_source: str | None = None,
                   on_graph: Callable[[], None] | None = None) -> ValidationReport:
    """Validate every graph of a store, one graph at a time (as extraction does);
    `on_graph` is called after each."""
    validator = validator or default_validator()
    report = report if report is not None else ValidationReport()
    started = time.perf_counter()
    for name, graph in store_graphs(store):
        # An RDF file's default graph is the file itself; its named graphs say their source.
        source = (default_source if name is None else None) or _source_file(graph) \
            or default_source
        report.add(validator.validate(graph, source, name))
        if on_graph is not None:
            on_graph()
    report.seconds += time.perf_counter() - started
    return report


def _source_file(graph: Graph) -> str | None:
    for source in graph.objects(None, EKG.sourceFile):
        return str(source)
    return None
