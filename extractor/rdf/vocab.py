"""Namespaces and the IRIs the extractor mints; every IRI is a function of stable identifiers."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata

import pyoxigraph as ox
from rdflib import Namespace
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

EKG = Namespace("https://w3id.org/edgar-kg/ontology#")
ITEMS = Namespace("https://w3id.org/edgar-kg/items/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
FIBO_REL = Namespace("https://spec.edmcouncil.org/fibo/ontology/FND/Relations/Relations/")

DEFAULT_BASE = "https://w3id.org/edgar-kg/id/"
BASE_ENV = "EDGAR_KG_BASE"

PREFIXES = {
    "ekg": EKG, "schema": SCHEMA, "prov": PROV, "rdfs": RDFS, "rdf": RDF, "xsd": XSD,
    "skos": SKOS, "org": ORG, "oa": OA,
}
# The same prefixes as pyoxigraph's query and dump functions take them
PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def default_base() -> str:
    """The base IRI for minted resources: $EDGAR_KG_BASE or the project default."""
    return os.environ.get(BASE_ENV) or DEFAULT_BASE


def slug(text: str) -> str:
    """A readable, stable IRI segment for a name.

    'NOVELOS THERAPEUTICS, INC.' -> novelos-therapeutics-inc
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    value = _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")
    if not value:
        value = "x" + hashlib.sha1(text.encode()).hexdigest()[:12]
    return value[:80]


class Iris:
    """Mints the IRIs of one knowledge graph from its base."""

    def __init__(self, base: str | None = None) -> None:
        base = base or default_base()
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self.ns = Namespace(self.base)

    def entity(self, cik: str):
        return self.ns[f"cik/{cik}"]

    def filing(self, accession: str):
        return self.ns[f"filing/{accession}"]

    def filing_graph(self, accession: str):
        return self.ns[f"graph/filing/{accession}"]

    def primary_document_graph(self, accession: str):
        """The graph of a filing read from its primary document alone (no SEC header)."""
        return self.ns[f"graph/filing/{accession}/primary-document"]

    def document(self, accession: str, sequence: int | str):
        return self.ns[f"filing/{accession}/document/{sequence}"]

    def party(self, accession: str, index: int):
        return self.ns[f"filing/{accession}/party/{index}"]

    def name_statement(self, scope: str, cik: str, index: int):
        return self.ns[f"{scope}/name/{cik}/{index}"]

    def name_record(self, cik: str, name: str, start_key: str):
        return self.ns[f"cik/{cik}/name/{slug(name)}/{start_key}"]

    def name_change(self, cik: str, name: str, start_key: str):
        return self.ns[f"cik/{cik}/name-change/{slug(name)}/{start_key}"]

    def names_graph(self, cik: str):
        return self.ns[f"graph/names/{cik}"]

    def address(self, digest: str):
        return self.ns[f"address/{digest}"]

    def submissions_source(self, cik: str):
        return self.ns[f"submissions/{cik}"]

    def submissions_graph(self, cik: str):
        return self.ns[f"graph/submissions/{cik}"]

    def press_release(self, digest: str):
        return self.ns[f"document/{digest}"]

    def press_release_graph(self, digest: str):
        return self.ns[f"graph/document/{digest}"]

    # --- facts read from press releases ---------------------------------------------------

    def organization(self, key: str):
        """An organization without a CIK, by its normalized name (stable across releases)."""
        return self.ns[f"org/{slug(key)}"]

    def deal(self, digest: str):
        return self.ns[f"deal/{digest}"]

    def product(self, name: str):
        """A product by name: the same name in any release is the same product."""
        return self.ns[f"product/{slug(name.lower())}"]

    def indication(self, name: str):
        return self.ns[f"indication/{slug(name.lower())}"]

    def person(self, name: str, organization_key: str | None = None):
        """A person by name, scoped by the organization key when it is known."""
        if organization_key:
            return self.ns[f"person/{slug(organization_key)}/{slug(name)}"]
        return self.ns[f"person/{slug(name)}"]

    def role(self, title: str):
        return self.ns[f"role/{slug(title)}"]

    def listing(self, exchange: str, symbol: str):
        return self.ns[f"listing/{slug(exchange)}/{slug(symbol)}"]

    def evidence(self, digest: str):
        return self.ns[f"evidence/{digest}"]


class TermSpace:
    """A namespace whose terms are pyoxigraph NamedNodes, made once and reused (hot path)."""

    def __init__(self, namespace: str) -> None:
        self._namespace = str(namespace)
        self._terms: dict[str, ox.NamedNode] = {}

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> ox.NamedNode:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = ox.NamedNode(self._namespace + name)
            if name.isidentifier():
                # Later `space.name` lookups then find a plain attribute, not __getattr__.
                self.__dict__[name] = term
        return term


OX_EKG = TermSpace(str(EKG))
OX_ITEMS = TermSpace(str(ITEMS))
OX_SCHEMA = TermSpace(str(SCHEMA))
OX_RDF = TermSpace(str(RDF))
OX_RDFS = TermSpace(str(RDFS))
OX_PROV = TermSpace(str(PROV))
OX_SKOS = TermSpace(str(SKOS))
OX_XSD = TermSpace(str(XSD))
OX_ORG = TermSpace(str(ORG))
OX_OA = TermSpace(str(OA))
