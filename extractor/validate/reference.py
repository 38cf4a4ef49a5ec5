"""pyshacl, the reference engine: the shapes laid out for it, and one run per data graph."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS
from pyshacl.graph_abstraction import RdfLibDataGraph
from pyshacl.shape import Shape
from pyshacl.shapes_graph import ShapesGraph
from pyshacl.validator import Validator
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import SH
from rdflib.paths import Path as RdfPath
from rdflib.plugins.sparql.processor import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node


class ReferenceEngine:
    """pyshacl over one shared, pre-harvested shapes graph; a report graph per data graph."""

    def __init__(self, shapes: Graph) -> None:
        # pyshacl's validate() rebuilds its shapes graph (and harvests every shape from it)
        # on each call: half the time of validating one filing. One ShapesGraph, harvested on
        # first use and shared by every run, holds nothing about the data. It reads a copy of
        # the shapes laid out to be checked faster, with the same results.
        self._shapes_graph = ShapesGraph(pyshacl_shapes(shapes))
        # The harvested shapes that can have focus nodes, found on first use
        self._targeted: list[_Targeted] | None = None

    def report(self, graph: Graph) -> Graph | None:
        """pyshacl's sh:ValidationReport for one graph, or None when no shape applies."""
        shapes = self._applicable(_Presence(graph))
        if not shapes:
            return None
        validator = _Validator(_DataGraph.from_rdflib(graph), shacl_graph=Graph(),
                               options={"inference": "none", "inplace": True,
                                        "allow_warnings": True, "allow_infos": True})
        validator.shacl_graph = _ShapeSelection(self._shapes_graph, shapes)
        _, report, _ = validator.run()
        return report

    def _applicable(self, presence: _Presence) -> list[Shape]:
        """The shapes with focus nodes in a graph: pyshacl would find none for the others.

        Looking for each shape's focus nodes costs pyshacl as much as checking a small graph,
        and most shapes target classes that one graph does not have (a header has no deals).
        """
        if self._targeted is None:
            self._targeted = _targeted_shapes(self._shapes_graph)
        return [shape for targeted in self._targeted if targeted.applies(presence)
                for shape in targeted.shapes]


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_SHAPE_VALUED = (SH.node, SH.property, SH.qualifiedValueShape, SH["not"])
_SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)
# Non-validating: pyshacl never reads them, but compares every predicate of a shape with its
# list of parameters each time it checks the shape.
_UNUSED_BY_PYSHACL = frozenset({SH.name, SH.description})


def pyshacl_shapes(shapes: Graph) -> Graph:
    """The shapes as pyshacl is given them: property shapes of node shapes carry their targets.

    pyshacl checks a node shape's property shapes once per focus node, building each rule
    anew every time: a header with 400 companies and parties ran each of their rules 400
    times. A property shape with targets of its own is checked once, over all its focus nodes,
    with the same results (the property shape is their source either way). So a property
    shape used by one node shape only is given that node shape's targets instead, where that
    cannot change what is checked; `shapes` itself keeps the layout that result names use.
    """
    copy = MemoGraph()
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


class MemoGraph(Graph):
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

    def add(self, triple: tuple[Node, Node, Node]) -> MemoGraph:
        self._answers.clear()
        super().add(triple)
        return self

    def addN(self, quads: Iterable[tuple[Node, Node, Node, Graph]]) -> MemoGraph:  # noqa: N802
        self._answers.clear()
        super().addN(quads)
        return self

    def remove(self, triple: tuple[Node | None, Node | None, Node | None]) -> MemoGraph:
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
