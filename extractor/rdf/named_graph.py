"""Named graphs of pyoxigraph terms: terms, N-Quads for the store, content hashes."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Iterable, Iterator
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib import Literal as RdfLiteral
from rdflib import URIRef as RdfIri

from .vocab import ITEMS, PREFIXES
from .vocab import OX_EKG as EKG
from .vocab import OX_PROV as PROV
from .vocab import OX_RDF as RDF
from .vocab import OX_XSD as XSD

Term = ox.NamedNode | ox.Literal | ox.BlankNode
# A graph's subjects typed ekg:Organization, and its ekg:cik values (see linking_facts)
LinkingFacts = tuple[frozenset[str], frozenset[str]]
# Name statements (None if one repeats a property), source labels, linking facts
StoreFacts = tuple[dict[str, dict[str, str]] | None, dict[str, tuple[int, str]], LinkingFacts]
_TRUE = ox.Literal("true", datatype=XSD.boolean)
_FALSE = ox.Literal("false", datatype=XSD.boolean)
_IRI_CACHE: dict[str, ox.NamedNode] = {}
_ITEMS_NAMESPACE = str(ITEMS)
# How a name history cites a source: its accession number first, else its label
_LABEL_RANKS = {EKG.accessionNumber: 0, EKG.sourceLabel: 1}


def node(iri: str) -> ox.NamedNode:
    """A NamedNode for an IRI, reused while the same IRIs keep coming (roles, items...)."""
    term = _IRI_CACHE.get(iri)
    if term is None:
        if len(_IRI_CACHE) > 50_000:
            _IRI_CACHE.clear()
        term = _IRI_CACHE[iri] = ox.NamedNode(iri)
    return term


# Kept as they are in an item's IRI: the SEC's codes and schemes ("8-K/1.01", "D/3C.1") only
# use these, so their IRIs stay what they were.
_IRI_PATH_SAFE = "-._~!$&'()*+,;=:@/"


def item_node(scheme: str, code: str) -> ox.NamedNode:
    """The node of an item by scheme and code. Both come from the header as written (a form
    type of "SC 13D", a code "7.01 x"), so anything an IRI may not hold is percent-encoded.
    The bounded cache of `node`, not the vocabulary's, holds them: codes are unbounded."""
    return node(_ITEMS_NAMESPACE + quote(f"{scheme}/{code}", safe=_IRI_PATH_SAFE))


def literal(value: object) -> ox.Literal:
    """A typed literal for a Python value: str, bool, int, date or datetime."""
    if isinstance(value, str):
        return ox.Literal(value)
    if isinstance(value, bool):
        return _TRUE if value else _FALSE
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=XSD.integer)
    if isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=XSD.dateTime)
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=XSD.date)
    return ox.Literal(str(value))


class NamedGraph:
    """The triples of one named graph as tuples of pyoxigraph terms.

    Tuples are cheap to make; quads are made only when the graph is written to a store, and
    an rdflib view is made only for consumers that need one (SHACL validation, tests).
    A graph pickles as its N-Quads bytes and parses them back only when its triples are
    read, so a worker process hands a graph to the writer without either side building or
    rebuilding a Python object per term; the writer bulk-loads the bytes as they are.
    """

    __slots__ = ("name", "_triples", "_nquads", "_count", "stamped_hash", "_store_facts")

    def __init__(self, name: str) -> None:
        self.name = node(str(name))
        self._triples: list[tuple[Term, ox.NamedNode, Term]] | None = []
        self._nquads: bytes | None = None
        self._count = 0
        # the ekg:contentHash stamped on this graph, if any
        self.stamped_hash: str | None = None
        # what the store needs besides the quads (see store_facts), read once
        self._store_facts: StoreFacts | None = None

    @property
    def triples(self) -> list[tuple[Term, ox.NamedNode, Term]]:
        if self._triples is None:
            assert self._nquads is not None
            self._triples = [(q.subject, q.predicate, q.object) for q in ox.parse(
                self._nquads, format=ox.RdfFormat.N_QUADS)]
        return self._triples

    def add(self, triple: tuple[Term, ox.NamedNode, Term]) -> None:
        self.triples.append(triple)
        self._nquads = None
        self._store_facts = None

    def store_facts(self) -> StoreFacts | None:
        """What the store needs of the graph besides its quads, read in one scan of the
        triples while they are at hand (and then kept, pickled with the graph), so the
        writer never reads them back: the name statements, the source labels and the
        linking facts (see the three methods below); None for a graph whose triples are
        only N-Quads now."""
        if self._store_facts is None and self._triples is not None:
            statements: set[Term] = set()
            labels: dict[str, tuple[int, str]] = {}
            organizations: set[str] = set()
            ciks: set[str] = set()
            for subject, predicate, value in self._triples:
                if predicate == RDF.type:
                    if value == EKG.NameStatement:
                        statements.add(subject)
                    elif value == EKG.Organization:
                        organizations.add(subject.value)
                elif predicate == EKG.cik:
                    ciks.add(value.value)
                elif (rank := _LABEL_RANKS.get(predicate)) is not None \
                        and isinstance(subject, ox.NamedNode):
                    candidate = (rank, value.value)
                    labels[subject.value] = min(labels.get(subject.value, candidate), candidate)
            self._store_facts = (_statement_facts(self._triples, statements), labels,
                                 (frozenset(organizations), frozenset(ciks)))
        return self._store_facts

    def name_statements(self) -> dict[str, dict[str, str]] | None:
        """The graph's name statements, each with its properties' values as strings; None
        for a graph whose triples are only N-Quads now, or whose statements repeat a
        property."""
        facts = self.store_facts()
        return None if facts is None else facts[0]

    def source_labels(self) -> dict[str, tuple[int, str]] | None:
        """What this graph says each source it labels is cited by, as (rank, label): an
        accession number ranks 0, an ekg:sourceLabel 1, and the least is kept (as the store's
        label query chooses)."""
        facts = self.store_facts()
        return None if facts is None else facts[1]

    def linking_facts(self) -> LinkingFacts | None:
        """What the linker would look at in this graph: the subjects typed ekg:Organization
        and the ekg:cik values."""
        facts = self.store_facts()
        return None if facts is None else facts[2]

    def __len__(self) -> int:
        return self._count if self._triples is None else len(self._triples)

    def quads(self) -> Iterator[ox.Quad]:
        name = self.name
        for s, p, o in self.triples:
            yield ox.Quad(s, p, o, name)

    def nquads(self) -> bytes:
        """The graph as N-Quads (made once, then kept until the graph changes)."""
        if self._nquads is None:
            self._nquads = _in_graph(_ntriples(self.triples), self.name)
        return self._nquads

    def __getstate__(self) -> tuple[str, bytes, int, str | None, StoreFacts | None]:
        return (self.name.value, self.nquads(), len(self), self.stamped_hash,
                self.store_facts())

    def __setstate__(self, state: tuple[str, bytes, int, str | None, StoreFacts | None]
                     ) -> None:
        name, self._nquads, self._count, self.stamped_hash, self._store_facts = state
        self.name = node(name)
        self._triples = None

    def __iter__(self) -> Iterator[tuple[object, object, object]]:
        """The triples as rdflib terms (unique), for code written against rdflib."""
        seen = set()
        for triple in self.triples:
            converted = tuple(to_rdflib_term(t) for t in triple)
            if converted not in seen:
                seen.add(converted)
                yield converted

    def content_hash(self) -> str:
        """A SHA-256 of the graph's distinct triples, leaving out when it was generated.

        Two extractions of the same input by the same extractor version give the same hash,
        so the store can tell an unchanged re-extraction and keep the graph as it is.
        """
        return _hash_of(_ntriples(self._hashed_triples()[0]))

    def stamp_content_hash(self) -> str:
        """Add the graph's ekg:contentHash (once) and return it.

        The triples are serialized once, for the hash and for the N-Quads the graph is
        sent as (the hash's lines are the N-Triples lines without their " ." ending).
        """
        hashed, others = self._hashed_triples()
        body = _ntriples(hashed)
        value = _hash_of(body)
        stamp = (self.name, EKG.contentHash, literal(value))
        self.add(stamp)
        self._nquads = _in_graph(body + _ntriples([*others, stamp]), self.name)
        self.stamped_hash = value
        return value

    def _hashed_triples(self) -> tuple[list[tuple[Term, ox.NamedNode, Term]],
                                       list[tuple[Term, ox.NamedNode, Term]]]:
        """The triples the content hash covers, and the others (when, and the hash itself)."""
        hashed, others = [], []
        for triple in self.triples:
            predicate = triple[1]
            unhashed = predicate == PROV.generatedAtTime or predicate == EKG.contentHash
            (others if unhashed else hashed).append(triple)
        return hashed, others

    def to_rdflib(self) -> Graph:
        graph = prefixed_graph()
        for triple in self:
            graph.add(triple)
        return graph


def _statement_facts(triples: list[tuple[Term, ox.NamedNode, Term]], statements: set[Term]
                     ) -> dict[str, dict[str, str]] | None:
    """Each name statement's properties as strings; None if a statement repeats one (which
    value the store gives first is the store's order)."""
    facts: dict[str, dict[str, str]] = {}
    if not statements:
        return facts
    for subject, predicate, value in dict.fromkeys(triples):
        if subject in statements:
            properties = facts.setdefault(subject.value, {})
            key = sys.intern(predicate.value)  # a few predicates, in every statement
            if key in properties:
                return None
            properties[key] = value.value
    return facts


def _ntriples(triples: Iterable[tuple[Term, ox.NamedNode, Term]]) -> bytes:
    """N-Triples lines of the triples, in order. A pyoxigraph term's str() is its N-Triples
    form (the serializer's own escaping), so the lines are formatted here rather than by
    `ox.serialize`, which needs an `ox.Triple` made per triple and took half as long again
    (tests/test_store.py checks the bytes equal the serializer's)."""
    return "".join([f"{subject} {predicate} {value} .\n"
                    for subject, predicate, value in triples]).encode()


def _in_graph(ntriples: bytes, name: ox.NamedNode) -> bytes:
    """N-Triples made N-Quads of one graph. A line's only " .\n" is its end: N-Triples
    escapes every line break inside a literal."""
    return ntriples.replace(b" .\n", b" " + str(name).encode() + b" .\n")


def _hash_of(ntriples: bytes) -> str:
    """The SHA-256 of a graph's distinct N-Triples lines without their " ." ends, sorted
    (UTF-8 bytes sort as their characters do), each ended by a line break."""
    lines = sorted({line[:-2] for line in ntriples.split(b"\n") if line})
    digest = hashlib.sha256()
    if lines:
        digest.update(b"\n".join(lines) + b"\n")
    return digest.hexdigest()


def prefixed_graph() -> Graph:
    """An empty rdflib graph with the project's prefixes bound (ekg:, schema:, oa: ...)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def to_rdflib_term(term: Term) -> object:
    """The rdflib equivalent of a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return RdfIri(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RdfLiteral(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return RdfLiteral(term.value)
        return RdfLiteral(term.value, datatype=RdfIri(datatype))
    return BNode(term.value)
