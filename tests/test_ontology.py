"""The ontology declares and documents every ekg term the extractor writes, and the alignment
states the links to ORG, schema.org, PROV-O and FIBO without importing FIBO."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from extractor.rdf.vocab import EKG, FIBO_REL, ORG, SCHEMA
from extractor.resources import data_dir

ONTOLOGY_DIR = data_dir("ontology")
ONTOLOGY_FILE = ONTOLOGY_DIR / "edgar-kg.ttl"
ALIGNMENT_FILE = ONTOLOGY_DIR / "alignment.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/edgar-kg/ontology")
ALIGNMENT_IRI = URIRef("https://w3id.org/edgar-kg/alignment")
EXTRACTOR_DIR = Path(__file__).resolve().parent.parent / "extractor"

FIBO = "https://spec.edmcouncil.org/fibo/"
FIBO_CONTRACT = URIRef(FIBO + "ontology/FND/Agreements/Contracts/Contract")
FIBO_LICENSOR = URIRef(FIBO + "ontology/FND/Law/LegalCapacity/Licensor")
FIBO_LICENSEE = URIRef(FIBO + "ontology/FND/Law/LegalCapacity/Licensee")
FOAF_PERSON = URIRef("http://xmlns.com/foaf/0.1/Person")

# The same pattern as `grep -ohE 'EKG\.[A-Za-z]+' extractor/*.py`, plus EKG["..."] and the
# ekg: names that SPARQL text in the code and the named queries uses.
_ATTRIBUTE_USE = re.compile(r"\bEKG\.([A-Za-z]+)")
_ITEM_USE = re.compile(r"\bEKG\[\s*[\"']([A-Za-z]+)[\"']\s*\]")
_PREFIXED_USE = re.compile(r"\bekg:([A-Za-z]+)")

DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual,
                     OWL.AnnotationProperty}

# Declared for the next development stage although the extractor does not write them yet.
NEXT_STAGE_CLASSES = ("Deal", "LicenseAgreement", "OptionAgreement", "Collaboration",
                      "Acquisition", "Investment", "Product", "Indication")
DEAL_PROPERTIES = ("licensor", "licensee", "acquirer", "target", "licensedAsset", "indication")


def _query_files() -> list[Path]:
    try:
        return sorted(data_dir("queries").glob("*.rq"))
    except FileNotFoundError:
        return []


def _code_terms() -> set[str]:
    names: set[str] = set()
    for path in sorted(EXTRACTOR_DIR.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        names.update(_ATTRIBUTE_USE.findall(text))
        names.update(_ITEM_USE.findall(text))
        names.update(_PREFIXED_USE.findall(text))
    for path in _query_files():
        names.update(_PREFIXED_USE.findall(path.read_text(encoding="utf-8")))
    return names


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def alignment() -> Graph:
    return Graph().parse(ALIGNMENT_FILE, format="turtle")


def _has_english_text(graph: Graph, subject: URIRef, predicate: URIRef) -> bool:
    return any(
        isinstance(value, Literal) and str(value).strip() and value.language in (None, "en")
        for value in graph.objects(subject, predicate)
    )


def test_files_parse(ontology: Graph, alignment: Graph) -> None:
    assert len(ontology) > 100
    assert len(alignment) > 10
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert (ALIGNMENT_IRI, RDF.type, OWL.Ontology) in alignment


def test_ontology_header(ontology: Graph) -> None:
    assert str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    dcterms = "http://purl.org/dc/terms/"
    for field in ("title", "description"):
        assert ontology.value(ONTOLOGY_IRI, URIRef(dcterms + field)) is not None, field
    assert (ONTOLOGY_IRI, URIRef(dcterms + "license"),
            URIRef("https://www.apache.org/licenses/LICENSE-2.0")) in ontology


def test_scan_finds_the_code_terms() -> None:
    # Guards the scan itself: a broken pattern would make the next test pass vacuously.
    terms = _code_terms()
    assert {"Filing", "Company", "NameStatement", "NameRecord", "startText"} <= terms
    assert len(terms) > 60


@pytest.mark.parametrize("name", sorted(_code_terms()))
def test_code_term_is_declared_and_documented(ontology: Graph, name: str) -> None:
    term = EKG[name]
    types = set(ontology.objects(term, RDF.type))
    assert types & DECLARATION_TYPES, f"ekg:{name} has no OWL declaration"
    assert _has_english_text(ontology, term, RDFS.label), f"ekg:{name} has no rdfs:label"
    assert _has_english_text(ontology, term, RDFS.comment), f"ekg:{name} has no rdfs:comment"


def test_every_ekg_subject_has_label_and_comment(ontology: Graph) -> None:
    subjects = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(EKG)}
    missing = sorted(
        str(s) for s in subjects
        if not (_has_english_text(ontology, s, RDFS.label)
                and _has_english_text(ontology, s, RDFS.comment))
    )
    assert not missing, missing
    # A term described twice (two blocks in the file) has two labels or two comments.
    twice = sorted(str(s) for s in subjects
                   if len(list(ontology.objects(s, RDFS.label))) > 1
                   or len(list(ontology.objects(s, RDFS.comment))) > 1
                   or len(list(ontology.objects(s, RDFS.domain))) > 1)
    assert not twice, twice


def test_individuals_are_typed_with_declared_classes(ontology: Graph) -> None:
    individuals = set(ontology.subjects(RDF.type, OWL.NamedIndividual))
    assert len(individuals) >= 15
    for individual in individuals:
        classes = set(ontology.objects(individual, RDF.type)) - {OWL.NamedIndividual}
        assert classes, f"{individual} has no class besides owl:NamedIndividual"
        for cls in classes:
            assert (cls, RDF.type, OWL.Class) in ontology, f"{cls} is not declared"


def test_properties_have_domain_and_kind(ontology: Graph) -> None:
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            if str(prop).startswith(str(EKG)):
                assert ontology.value(prop, RDFS.domain) is not None, f"{prop} has no domain"
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        if str(prop).startswith(str(EKG)):
            assert (prop, RDF.type, OWL.ObjectProperty) not in ontology, prop
            assert ontology.value(prop, RDFS.range) is not None, f"{prop} has no range"


def test_next_stage_terms(ontology: Graph) -> None:
    for name in NEXT_STAGE_CLASSES:
        assert (EKG[name], RDF.type, OWL.Class) in ontology, name
    for name in ("LicenseAgreement", "OptionAgreement", "Collaboration", "Acquisition",
                 "Investment"):
        assert (EKG[name], RDFS.subClassOf, EKG.Deal) in ontology, name
    for name in DEAL_PROPERTIES:
        assert (EKG[name], RDF.type, OWL.ObjectProperty) in ontology, name
        assert (EKG[name], RDFS.domain, EKG.Deal) in ontology, name


def test_alignment_required_links(alignment: Graph) -> None:
    required = [
        (EKG.Company, RDFS.subClassOf, ORG.FormalOrganization),
        (EKG.Company, RDFS.subClassOf, SCHEMA.Corporation),
        (EKG.Person, RDFS.subClassOf, SCHEMA.Person),
        (EKG.Person, RDFS.subClassOf, FOAF_PERSON),
        (EKG.NameChange, RDFS.subClassOf, ORG.ChangeEvent),
        (EKG.conformedName, RDFS.subPropertyOf, SCHEMA.legalName),
        (EKG.startDate, RDFS.subPropertyOf, SCHEMA.startDate),
        (EKG.endDate, RDFS.subPropertyOf, SCHEMA.endDate),
        (EKG.formerName, RDFS.subPropertyOf, FIBO_REL.wasFormerlyKnownAs),
        (EKG.SourceGraph, RDFS.subClassOf, PROV.Entity),
        (EKG.Filing, RDFS.subClassOf, PROV.Entity),
        (EKG.LicenseAgreement, RDFS.subClassOf, FIBO_CONTRACT),
        (EKG.licensor, RDFS.seeAlso, FIBO_LICENSOR),
        (EKG.licensee, RDFS.seeAlso, FIBO_LICENSEE),
    ]
    missing = [triple for triple in required if triple not in alignment]
    assert not missing, missing
    # FIBO's licensor and licensee are party-role classes: no subproperty claim on them.
    for prop in (EKG.licensor, EKG.licensee):
        assert not list(alignment.objects(prop, RDFS.subPropertyOf)), prop


def test_alignment_imports_the_ontology_but_not_fibo(alignment: Graph) -> None:
    imports = {str(o) for o in alignment.objects(None, OWL.imports)}
    assert imports == {str(ONTOLOGY_IRI)}
    assert not [iri for iri in imports if iri.startswith(FIBO)]


def test_alignment_only_links_declared_ekg_terms(ontology: Graph, alignment: Graph) -> None:
    used = {t for triple in alignment for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(EKG))}
    undeclared = sorted(str(t) for t in used
                        if not set(ontology.objects(t, RDF.type)) & DECLARATION_TYPES)
    assert not undeclared, undeclared
