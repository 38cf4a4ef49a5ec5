"""SHACL shapes compiled to Python checks over pyoxigraph terms, giving pyshacl's results faster."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, SH, NamespaceManager
from rdflib.term import Node

from ..rdf.graph import to_rdflib_term
from ..rdf.vocab import OX_RDF, OX_RDFS, OX_XSD

Term = ox.NamedNode | ox.BlankNode | ox.Literal
# One constraint's findings for one focus node: (component, offending value or None) pairs
Findings = Iterator[tuple[str, Term | None]]
Check = Callable[["_Data", Term, list[Term]], Findings]


# Every parameter a shape may carry that this compiler checks, or that checks nothing
_KNOWN = frozenset({
    RDF.type, SH.name, SH.description, SH.message, SH.severity, SH.deactivated, SH.order,
    SH.group, SH.defaultValue, SH.path, SH.targetClass, SH.targetNode, SH.targetSubjectsOf,
    SH.targetObjectsOf, SH.property, SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind,
    SH["class"], SH.pattern, SH.flags, SH.minInclusive, SH.maxInclusive, SH["in"],
    SH.minLength, SH.lessThanOrEquals, SH.qualifiedValueShape, SH.qualifiedMinCount,
    SH.qualifiedMaxCount, SH["or"], SH.node, SH.sparql,
})
_NODE_KINDS = {
    SH.IRI: (ox.NamedNode,), SH.BlankNode: (ox.BlankNode,), SH.Literal: (ox.Literal,),
    SH.BlankNodeOrIRI: (ox.BlankNode, ox.NamedNode),
    SH.BlankNodeOrLiteral: (ox.BlankNode, ox.Literal),
    SH.IRIOrLiteral: (ox.NamedNode, ox.Literal),
}


class Unsupported(Exception):  # noqa: N818 - a reason to fall back, not an error
    """The shapes use something the compiler does not check: pyshacl checks them instead."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One SHACL result, in terms: what ShapeValidator turns into a ShapeResult."""

    severity: str
    focus: Term
    path: Node | None
    message: str
    shape: Node
    component: str
    value: Term | None


class _Data:
    """One data graph indexed for the checks: values by subject and predicate, and back."""

    __slots__ = ("out", "back", "instances", "graph")

    def __init__(self, triples: Iterable[tuple[Term, ox.NamedNode, Term]],
                 backward: frozenset[ox.NamedNode] = frozenset()) -> None:
        out: dict[Term, dict[ox.NamedNode, dict[Term, None]]] = {}
        back: dict[Term, dict[ox.NamedNode, dict[Term, None]]] = {}
        instances: dict[Term, dict[Term, None]] = {}
        for subject, predicate, value in triples:
            if isinstance(value, ox.Literal) and value.datatype != OX_XSD.string:
                value = _as_rdflib_reads(value)
            out.setdefault(subject, {}).setdefault(predicate, {})[value] = None
            if predicate in backward:  # only inverse paths and sh:targetObjectsOf look back
                back.setdefault(value, {}).setdefault(predicate, {})[subject] = None
            if predicate == OX_RDF.type:
                instances.setdefault(value, {})[subject] = None
        self.out, self.back, self.instances = out, back, instances
        self.graph: ox.Store | None = None  # made when a SPARQL constraint first needs it

    def values(self, focus: Term, predicate: ox.NamedNode) -> list[Term]:
        return list(self.out.get(focus, {}).get(predicate, ()))

    def subjects(self, value: Term, predicate: ox.NamedNode) -> list[Term]:
        return list(self.back.get(value, {}).get(predicate, ()))

    def is_instance(self, node: Term, cls: ox.NamedNode) -> bool:
        return node in self.instances.get(cls, ())

    def store(self) -> ox.Store:
        if self.graph is None:
            self.graph = ox.Store()
            self.graph.extend(ox.Quad(s, p, o) for s, values in self.out.items()
                              for p, objects in values.items() for o in objects)
        return self.graph


@dataclass(slots=True)
class _Shape:
    """A shape as compiled: its path (property shapes), checks and property shapes."""

    node: Node
    severity: str
    message: str | None
    path: Callable[[_Data, Term], list[Term]] | None
    path_node: Node | None
    checks: list[Check] = field(default_factory=list)
    properties: list[_Shape] = field(default_factory=list)
    sparql: list[tuple[str, str | None]] = field(default_factory=list)

    def findings(self, data: _Data, focus: Term) -> Iterator[Finding]:
        values = [focus] if self.path is None else self.path(data, focus)
        for check in self.checks:
            for component, value in check(data, focus, values):
                yield Finding(self.severity, focus, self.path_node, self.message or "",
                              self.node, component, value)
        for prop in self.properties:
            yield from prop.findings(data, focus)
        for query, message in self.sparql:
            yield from self._sparql_findings(data, focus, query, message)

    def _sparql_findings(self, data: _Data, focus: Term, query: str,
                         message: str | None) -> Iterator[Finding]:
        seen = set()
        solutions = data.store().query(query, substitutions={ox.Variable("this"): focus})
        assert isinstance(solutions, ox.QuerySolutions)
        for solution in solutions:
            key = tuple(solution)
            if key in seen:  # pyshacl reports a solution once
                continue
            seen.add(key)
            path, value, this = solution["path"], solution["value"], solution["this"]
            if value is None and self.path is None:
                value = focus
            result_path = (to_rdflib_term(path) if path is not None  # type: ignore[assignment]
                           else self.path_node)
            yield Finding(self.severity, this or focus, result_path,  # type: ignore[arg-type]
                          message or self.message or "", self.node, "SPARQL", value)

    def conforms(self, data: _Data, focus: Term) -> bool:
        return next(self.findings(data, focus), None) is None


class CompiledShapes:
    """Shapes compiled once; each graph is then checked by plain lookups in a dict index.

    Checks mirror pyshacl's constraint components one by one (values compared through the
    same rdflib terms pyshacl compares), so both give the same results: a test checks them
    against each other on the corpus, synthetic filings and every shape's breaking case.
    Shapes that use anything else raise Unsupported at compile time; a data graph that
    declares subclasses is left to pyshacl too (accepts() says so).
    """

    def __init__(self, shapes: Graph) -> None:
        self._graph = shapes
        self._compiled: dict[Node, _Shape] = {}
        self._targets: list[tuple[_Shape, list[Callable[[_Data], Iterable[Term]]]]] = []
        self._backward: set[ox.NamedNode] = set()  # predicates some check follows backwards
        for shape in sorted(_shape_nodes(shapes), key=str):
            if (shape, SH.deactivated, Literal(True)) in shapes:
                continue
            targets = self._targets_of(shape)
            if targets:
                self._targets.append((self._compile(shape, frozenset()), targets))
        for reporting, _ in self._targets:
            for part in _tree(reporting):
                # pyshacl would write a message of its own making for each result
                if part.message is None and (part.checks or any(
                        own is None for _, own in part.sparql)):
                    raise Unsupported(f"{part.node}: constraints without sh:message")

    @staticmethod
    def accepts(triples: Iterable[tuple[Term, ox.NamedNode, Term]]) -> bool:
        """Whether the checks give pyshacl's results: not when the data declares subclasses."""
        return not any(predicate == OX_RDFS.subClassOf for _, predicate, _ in triples)

    def validate(self, triples: Iterable[tuple[Term, ox.NamedNode, Term]]) -> list[Finding]:
        data = _Data(triples, frozenset(self._backward))
        findings: list[Finding] = []
        for shape, targets in self._targets:
            focus_nodes: dict[Term, None] = {}
            for target in targets:
                focus_nodes.update(dict.fromkeys(target(data)))
            for focus in focus_nodes:
                findings.extend(shape.findings(data, focus))
        return findings

    # Compiling

    def _targets_of(self, shape: Node) -> list[Callable[[_Data], Iterable[Term]]]:
        g = self._graph
        targets: list[Callable[[_Data], Iterable[Term]]] = []
        classes = [_ox(c) for c in g.objects(shape, SH.targetClass)]
        if {RDFS.Class, OWL.Class} & set(g.objects(shape, RDF.type)):
            classes.append(_ox(shape))
        targets.extend(_instances_of(cls) for cls in classes)
        targets.extend(_given(_ox(node)) for node in g.objects(shape, SH.targetNode))
        targets.extend(_using(_ox(p), subjects=True)
                       for p in g.objects(shape, SH.targetSubjectsOf))
        for predicate in g.objects(shape, SH.targetObjectsOf):
            self._backward.add(_ox(predicate))  # type: ignore[arg-type]
            targets.append(_using(_ox(predicate), subjects=False))
        return targets

    def _compile(self, shape: Node, above: frozenset[Node]) -> _Shape:
        if shape in self._compiled:
            return self._compiled[shape]
        if shape in above:
            raise Unsupported(f"{shape}: shapes that refer to themselves")
        g = self._graph
        unknown = set(g.predicates(shape)) - _KNOWN
        if unknown:
            raise Unsupported(f"{shape}: {sorted(str(p) for p in unknown)}")
        messages = list(g.objects(shape, SH.message))
        if len(messages) > 1:
            raise Unsupported(f"{shape}: more than one sh:message")
        severity = g.value(shape, SH.severity) or SH.Violation
        if severity not in (SH.Violation, SH.Warning, SH.Info):
            raise Unsupported(f"{shape}: severity {severity}")
        path_node = g.value(shape, SH.path)
        compiled = _Shape(
            node=shape, severity=str(severity).rsplit("#", 1)[-1],
            message=str(messages[0]) if messages else None,
            path=None if path_node is None else _compile_path(g, path_node, self._backward),
            path_node=path_node)
        below = above | {shape}
        compiled.checks = list(self._checks(shape, below))
        compiled.properties = [self._compile(p, below) for p in g.objects(shape, SH.property)]
        compiled.sparql = [self._sparql(shape, c, compiled.message)
                           for c in g.objects(shape, SH.sparql)]
        self._compiled[shape] = compiled
        return compiled

    def _checks(self, shape: Node, below: frozenset[Node]) -> Iterator[Check]:
        g = self._graph
        for count in g.objects(shape, SH.minCount):
            yield _min_count(int(count))
        for count in g.objects(shape, SH.maxCount):
            yield _max_count(int(count))
        for datatype in g.objects(shape, SH.datatype):
            yield _per_value("Datatype", lambda data, v, rule=datatype: _has_datatype(v, rule))
        for kind in g.objects(shape, SH.nodeKind):
            if kind not in _NODE_KINDS:
                raise Unsupported(f"{shape}: node kind {kind}")
            yield _per_value("NodeKind", lambda data, v, kinds=_NODE_KINDS[kind]:
                             isinstance(v, kinds))
        for cls in g.objects(shape, SH["class"]):
            yield _per_value("Class", _is_a(_ox(cls)))
        flags = str(g.value(shape, SH.flags) or "")
        for pattern in g.objects(shape, SH.pattern):
            yield _per_value("Pattern", functools.partial(
                _matches, regex=_regex(str(pattern), flags)))
        for bound in g.objects(shape, SH.minInclusive):
            yield _per_value("MinInclusive", functools.partial(_in_range, bound=bound, sign=1))
        for bound in g.objects(shape, SH.maxInclusive):
            yield _per_value("MaxInclusive", functools.partial(_in_range, bound=bound, sign=-1))
        for items in g.objects(shape, SH["in"]):
            allowed = frozenset(g.items(items))
            yield _per_value("In", lambda data, v, allowed=allowed: rdflib_term(v) in allowed)
        for length in g.objects(shape, SH.minLength):
            yield _per_value("MinLength", functools.partial(_long_enough, length=int(length)))
        for other in g.objects(shape, SH.lessThanOrEquals):
            if not isinstance(other, URIRef):
                raise Unsupported(f"{shape}: sh:lessThanOrEquals with a path")
            yield _less_than_or_equals(_ox(other))
        for nested in g.objects(shape, SH.qualifiedValueShape):
            if (shape, SH.qualifiedValueShapesDisjoint, Literal(True)) in g:
                raise Unsupported(f"{shape}: disjoint qualified value shapes")
            low, high = g.value(shape, SH.qualifiedMinCount), g.value(shape, SH.qualifiedMaxCount)
            yield _qualified(self._nested(nested, below), None if low is None else int(low),
                             None if high is None else int(high))
        for items in g.objects(shape, SH["or"]):
            options = [self._nested(option, below) for option in g.items(items)]
            yield _per_value("Or", lambda data, v, options=options:
                             any(option.conforms(data, v) for option in options))
        for nested in g.objects(shape, SH.node):
            yield _per_value("Node", self._nested(nested, below).conforms)

    def _nested(self, shape: Node, below: frozenset[Node]) -> _Shape:
        compiled = self._compile(shape, below)
        # pyshacl counts a nested shape's warnings as failures only when told to
        if any(s.severity != "Violation" for s in _tree(compiled)):
            raise Unsupported(f"{shape}: a nested shape with warnings")
        return compiled

    def _sparql(self, shape: Node, constraint: Node, message: str | None
                ) -> tuple[str, str | None]:
        g = self._graph
        allowed = {RDF.type, SH.select, SH.prefixes, SH.message, SH.severity}
        select = str(g.value(constraint, SH.select))
        if set(g.predicates(constraint)) - allowed or any(
                name in select for name in ("$currentShape", "$shapesGraph", "?failure")):
            raise Unsupported(f"{shape}: a SPARQL constraint this compiler does not read")
        own = [str(m) for m in g.objects(constraint, SH.message)]
        if len(own) > 1 or (own and message and own[0] != message) or "{" in "".join(own):
            raise Unsupported(f"{shape}: SPARQL messages pyshacl would combine or fill in")
        prefixes = "".join(
            f"PREFIX {g.value(d, SH.prefix)}: <{g.value(d, SH.namespace)}>\n"
            for declared in g.objects(constraint, SH.prefixes)
            for d in g.objects(declared, SH.declare))
        return prefixes + select, (own[0] if own else None)

    def path_text(self, path: Node | None, namespaces: NamespaceManager) -> str | None:
        """A result path as ShapeValidator writes it: ekg:cik, ^oa:hasBody, a|b."""
        if path is None:
            return None
        if isinstance(path, URIRef):
            try:
                return namespaces.curie(path, generate=False)
            except (ValueError, KeyError):
                return f"<{path}>"
        inverse = self._graph.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + (self.path_text(inverse, namespaces) or "")
        alternatives = self._graph.value(path, SH.alternativePath)
        if alternatives is not None:
            return "|".join(self.path_text(p, namespaces) or ""
                            for p in self._graph.items(alternatives))
        return path.n3()


def _shape_nodes(shapes: Graph) -> set[Node]:
    nodes = set(shapes.subjects(RDF.type, SH.NodeShape))
    nodes |= set(shapes.subjects(RDF.type, SH.PropertyShape))
    for predicate in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
                      SH.property, SH.path):
        nodes |= set(shapes.subjects(predicate, None))
    if (None, SH.target, None) in shapes or (None, SH.closed, None) in shapes:
        raise Unsupported("sh:target or sh:closed")
    return nodes


def _tree(shape: _Shape) -> Iterator[_Shape]:
    yield shape
    for prop in shape.properties:
        yield from _tree(prop)


def _instances_of(cls: Term) -> Callable[[_Data], Iterable[Term]]:
    return lambda data: list(data.instances.get(cls, ()))


def _given(node: Term) -> Callable[[_Data], Iterable[Term]]:
    return lambda data: [node]


def _using(predicate: Term, subjects: bool) -> Callable[[_Data], Iterable[Term]]:
    def focus_nodes(data: _Data) -> list[Term]:
        index = data.out if subjects else data.back
        return [node for node, values in index.items() if predicate in values]
    return focus_nodes


def _is_a(cls: Term) -> Callable[[_Data, Term], bool]:
    return lambda data, v: not isinstance(v, ox.Literal) and data.is_instance(v, cls)


def _compile_path(g: Graph, path: Node, backward: set[ox.NamedNode]
                  ) -> Callable[[_Data, Term], list[Term]]:
    if isinstance(path, URIRef):
        predicate = _ox(path)
        return lambda data, focus: data.values(focus, predicate)  # type: ignore[arg-type]
    inverse = g.value(path, SH.inversePath)
    if isinstance(inverse, URIRef) and len(set(g.predicates(path))) == 1:
        predicate = _ox(inverse)
        backward.add(predicate)  # type: ignore[arg-type]
        return lambda data, focus: data.subjects(focus, predicate)  # type: ignore[arg-type]
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None and len(set(g.predicates(path))) == 1:
        parts = [_compile_path(g, part, backward) for part in g.items(alternatives)]
        return lambda data, focus: list(dict.fromkeys(
            value for part in parts for value in part(data, focus)))
    raise Unsupported(f"a path this compiler does not follow: {path.n3()}")


def _min_count(count: int) -> Check:
    def check(data: _Data, focus: Term, values: list[Term]) -> Findings:
        if len(values) < count:
            yield "MinCount", None
    return check


def _max_count(count: int) -> Check:
    def check(data: _Data, focus: Term, values: list[Term]) -> Findings:
        if len(values) > count:
            yield "MaxCount", None
    return check


def _per_value(component: str, passes: Callable[[_Data, Term], bool]) -> Check:
    def check(data: _Data, focus: Term, values: list[Term]) -> Findings:
        for value in values:
            if not passes(data, value):
                yield component, value
    return check


def _less_than_or_equals(other: ox.NamedNode) -> Check:
    def check(data: _Data, focus: Term, values: list[Term]) -> Findings:
        bounds = data.values(focus, other)
        for value in values:
            for bound in bounds:
                if not _not_after(rdflib_term(value), rdflib_term(bound)):
                    yield "LessThanOrEquals", value
    return check


def _qualified(nested: _Shape, low: int | None, high: int | None) -> Check:
    def check(data: _Data, focus: Term, values: list[Term]) -> Findings:
        count = sum(1 for value in values if nested.conforms(data, value))
        if low is not None and count < low:
            yield "QualifiedMinCount", None
        if high is not None and count > high:
            yield "QualifiedMaxCount", None
    return check


# Value tests, each as pyshacl makes it (on the rdflib term of the value)

@functools.lru_cache(maxsize=65_536)
def rdflib_term(term: Term) -> Node:
    return to_rdflib_term(term)  # type: ignore[return-value]


@functools.lru_cache(maxsize=65_536)
def _as_rdflib_reads(value: ox.Literal) -> ox.Literal:
    """A typed literal as rdflib normalizes it ("01" is "1"), so that values pyshacl sees as
    one term are one here too."""
    node = rdflib_term(value)
    lexical = str(node)
    if lexical == value.value:
        return value
    if getattr(node, "ill_typed", False):
        # rdflib writes an ill-typed "-1"^^xsd:boolean as "false" yet still calls it
        # ill-typed: one term with two faces, which only pyshacl itself reproduces
        raise Unsupported(f"an ill-typed literal rdflib rewrites: {value}")
    return ox.Literal(lexical, datatype=value.datatype)


def _ox(node: Node) -> Term:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    raise Unsupported(f"a literal where a shape expects a node: {node.n3()}")


@functools.lru_cache(maxsize=65_536)
def _has_datatype(value: Term, rule: URIRef) -> bool:
    if not isinstance(value, ox.Literal):
        return False
    node = rdflib_term(value)
    assert isinstance(node, Literal)
    if node.datatype == rule:
        return node.ill_typed is not True and _holds_python_value(node, rule)
    if rule == RDFS.Literal:
        return True
    if rule == RDFS.Datatype:
        return node.datatype is not None
    if node.datatype is None and node.language is None and rule == XSD.string:
        return isinstance(node.value, str | bytes)
    if rule == RDF.langString and node.language:
        return isinstance(node.value, str | bytes)
    return False


# The Python type rdflib gives a well-typed literal of each datatype, as pyshacl checks it
_PYTHON_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int,
    XSD.float: float, XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: dt.date,
    XSD.time: dt.time, XSD.dateTime: dt.datetime}


def _holds_python_value(node: Literal, rule: URIRef) -> bool:
    expected = _PYTHON_TYPES.get(rule)
    return expected is None or isinstance(node.value, expected)


@functools.lru_cache(maxsize=64)
def _regex(pattern: str, flags: str) -> re.Pattern[str]:
    value = 0
    for flag, bit in (("i", re.IGNORECASE), ("m", re.MULTILINE), ("s", re.DOTALL),
                      ("x", re.VERBOSE)):
        if flag in flags:
            value |= bit
    if set(flags) - set("imsx"):
        raise Unsupported(f"regular expression flags {flags!r}")
    return re.compile(pattern, value)


_TEXT_TYPES = (None, RDF.langString, XSD.string)


def _string_of(value: Term) -> str:
    if isinstance(value, ox.NamedNode) or (isinstance(value, ox.Literal)
                                           and value.datatype == OX_XSD.string):
        return value.value  # what rdflib gives for these, without making its term
    node = rdflib_term(value)
    if isinstance(node, Literal) and node.value is not None and node.datatype in _TEXT_TYPES:
        return str(node.value)
    return str(node)


def _matches(data: _Data, value: Term, regex: re.Pattern[str]) -> bool:
    return not isinstance(value, ox.BlankNode) and regex.search(_string_of(value)) is not None


def _long_enough(data: _Data, value: Term, length: int) -> bool:
    if length == 0:
        return True
    return not isinstance(value, ox.BlankNode) and len(_string_of(value)) >= length


def _in_range(data: _Data, value: Term, bound: Literal, sign: int) -> bool:
    if not isinstance(value, ox.Literal):
        return False
    node = rdflib_term(value)
    assert isinstance(node, Literal)
    if isinstance(bound.value, str) != isinstance(node.value, str):
        return False
    # Imported when first needed: pyshacl's import costs every worker process 0.1 s.
    from pyshacl.rdfutil.compare import compare_literal

    try:
        return compare_literal(node, bound) * sign >= 0
    except (TypeError, NotImplementedError):
        return False


def _not_after(value: Node, bound: Node) -> bool:
    """pyshacl's sh:lessThanOrEquals test of one value against one bound."""
    if isinstance(value, BNode) or isinstance(bound, BNode):
        raise Unsupported("sh:lessThanOrEquals on a blank node")
    left, left_is_text = _comparable(value)
    right, right_is_text = _comparable(bound)
    if left_is_text != right_is_text:
        return False
    try:
        return bool(left <= right)  # type: ignore[operator]
    except TypeError:  # pyshacl stops on values it cannot order: let it say so
        raise Unsupported("sh:lessThanOrEquals on values that cannot be ordered") from None


def _comparable(node: Node) -> tuple[object, bool]:
    """A value as pyshacl orders it, and whether it is compared as text (an rdflib Literal
    is a str itself, so the flag cannot be read off the value)."""
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


def to_ox(node: Node) -> Term:
    """A pyoxigraph term for an rdflib one (plain literals become xsd:string ones)."""
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is None:
            return ox.Literal(str(node))
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
    return _ox(node)
