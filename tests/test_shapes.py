"""The SHACL shapes, rule by rule: a conforming fixture, and one broken copy per shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace
from rdflib.namespace import SH

from extractor.validate.shacl import ShapeValidator, load_shapes

DATA = Path(__file__).parent / "data" / "shapes"
EKGSH = Namespace("https://w3id.org/edgar-kg/shapes#")
ID = "https://w3id.org/edgar-kg/id/"
PREFIXES = """
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX ekg: <https://w3id.org/edgar-kg/ontology#>
PREFIX id: <https://w3id.org/edgar-kg/id/>
PREFIX item: <https://w3id.org/edgar-kg/items/>
"""
V, W = "Violation", "Warning"

# (shape the case breaks, SPARQL update on the conforming fixture, focus node, result path,
#  severity, other shapes the same break is expected to trip)
CASES: list[tuple[str, str, str, str, str, frozenset[str]]] = [
    ("Company-cik", 'DELETE DATA { id:company ekg:cik "0001279704" } ;'
                    ' INSERT DATA { id:company ekg:cik "1279704" }', "company", "ekg:cik", V,
     frozenset()),
    ("Company-name", 'INSERT DATA { id:company ekg:conformedName "CELLECTAR INC" }', "company",
     "ekg:conformedName", V, frozenset()),
    ("Company-nameMissing", "DELETE WHERE { id:company ekg:conformedName ?n }", "company",
     "ekg:conformedName", W, frozenset()),
    ("Company-sic", 'DELETE WHERE { id:company ekg:sicCode ?c } ;'
                    ' INSERT DATA { id:company ekg:sicCode "28341" }', "company", "ekg:sicCode", V,
     frozenset()),
    ("Company-state", 'DELETE WHERE { id:company ekg:stateOfIncorporation ?s } ;'
                      ' INSERT DATA { id:company ekg:stateOfIncorporation "Delaware" }', "company",
     "ekg:stateOfIncorporation", V, frozenset()),
    ("Company-fiscalYearEnd", 'DELETE WHERE { id:company ekg:fiscalYearEnd ?f } ;'
                              ' INSERT DATA { id:company ekg:fiscalYearEnd "1331" }', "company",
     "ekg:fiscalYearEnd", V, frozenset()),
    ("Company-irsNumber", 'DELETE WHERE { id:company ekg:irsNumber ?i } ;'
                          ' INSERT DATA { id:company ekg:irsNumber "94324470" }', "company",
     "ekg:irsNumber", W, frozenset()),
    ("Company-businessAddress", "DELETE WHERE { id:company ekg:businessAddress ?a }", "company",
     "ekg:businessAddress", W, frozenset()),
    ("ReportingPerson-cik", "DELETE WHERE { id:owner ekg:cik ?c }", "owner", "ekg:cik", V,
     frozenset()),
    ("ReportingPerson-name", "DELETE WHERE { id:owner schema:name ?n }", "owner", "schema:name", W,
     frozenset()),
    ("PostalAddress-locality", 'INSERT DATA { id:address schema:addressLocality "MADISON WI" }',
     "address", "schema:addressLocality", V, frozenset()),
    ("PostalAddress-place", "DELETE WHERE { id:address schema:streetAddress ?s ;"
                            " schema:addressLocality ?l ; schema:postalCode ?p }", "address",
     "schema:streetAddress|schema:addressLocality|schema:postalCode", W, frozenset()),
    ("Filing-accession", 'DELETE WHERE { id:filing ekg:accessionNumber ?a } ;'
                         ' INSERT DATA { id:filing ekg:accessionNumber "0001144204-17-13452" }',
     "filing", "ekg:accessionNumber", V, frozenset()),
    ("Filing-formType", "DELETE WHERE { id:filing ekg:formType ?f }", "filing", "ekg:formType", V,
     frozenset()),
    ("Filing-filedOn", 'DELETE WHERE { id:filing ekg:filedOn ?d } ;'
                       ' INSERT DATA { id:filing ekg:filedOn "20170309" }', "filing",
     "ekg:filedOn", V, frozenset()),
    ("Filing-filedOnMissing", "DELETE WHERE { id:filing ekg:filedOn ?d }", "filing",
     "ekg:filedOn", W, frozenset()),
    ("Filing-party", "DELETE WHERE { id:filing ekg:hasParty ?p }", "filing", "ekg:hasParty", V,
     frozenset({"Party-filing"})),
    ("Filing-item", "INSERT DATA { id:filing ekg:reportsItem id:document }", "filing",
     "ekg:reportsItem", V, frozenset()),
    ("Filing-document", "INSERT DATA { id:filing ekg:hasDocument id:product }", "filing",
     "ekg:hasDocument", V, frozenset()),
    ("Document-itemSection", "INSERT DATA { id:document ekg:hasItemSection id:product }",
     "document", "ekg:hasItemSection", V, frozenset()),
    ("ItemSection-item", "DELETE WHERE { id:section ekg:item ?i }", "section", "ekg:item", V,
     frozenset()),
    ("ItemSection-title", 'INSERT DATA { id:section ekg:itemTitle "ENTRY INTO A MATERIAL'
                          ' DEFINITIVE AGREEMENT" }', "section", "ekg:itemTitle", V, frozenset()),
    ("ItemSection-document", "INSERT DATA { id:document-set ekg:hasItemSection id:section }",
     "section", "^ekg:hasItemSection", V, frozenset()),
    ("ItemSection-source", "DELETE WHERE { id:section oa:hasSource ?s }", "section",
     "oa:hasSource", V, frozenset()),
    ("ItemSection-position", "DELETE DATA { id:section oa:hasSelector id:section-position }",
     "section", "oa:hasSelector", V, frozenset()),
    ("Document-sequence", "DELETE WHERE { id:document ekg:sequence ?s } ;"
                          " INSERT DATA { id:document ekg:sequence -1 }", "document",
     "ekg:sequence", V, frozenset()),
    ("Document-type", 'INSERT DATA { id:document ekg:documentType "EX-99.1" }', "document",
     "ekg:documentType", V, frozenset()),
    ("Document-size", "DELETE WHERE { id:document ekg:size ?s }", "document", "ekg:size", V,
     frozenset()),
    ("Document-fileName", 'INSERT DATA { id:document ekg:fileName "other.htm" }', "document",
     "ekg:fileName", V, frozenset()),
    ("Document-genre", "INSERT DATA { id:document ekg:genre ekg:Filer }", "document",
     "ekg:genre", V, frozenset()),
    ("PressRelease-sourceFile", "DELETE WHERE { id:release ekg:sourceFile ?f }", "release",
     "ekg:sourceFile", V, frozenset()),
    ("PressRelease-date", 'DELETE WHERE { id:release ekg:releaseDate ?d } ;'
                          ' INSERT DATA { id:release ekg:releaseDate "March 8, 2017" }',
     "release", "ekg:releaseDate", V, frozenset()),
    ("PressRelease-dateMissing", "DELETE WHERE { id:release ekg:releaseDate ?d }", "release",
     "ekg:releaseDate", W, frozenset()),
    ("PressRelease-issuer", "DELETE WHERE { id:release ekg:issuedBy ?o }", "release",
     "ekg:issuedBy", W, frozenset()),
    ("DocumentSet-sourceFile", "DELETE WHERE { id:document-set ekg:sourceFile ?f }",
     "document-set", "ekg:sourceFile", V, frozenset()),
    ("DocumentSet-document", "INSERT DATA { id:document-set ekg:hasDocument id:product }",
     "document-set", "ekg:hasDocument", V, frozenset()),
    ("Party-role", "DELETE WHERE { id:party ekg:role ?r } ;"
                   " INSERT DATA { id:party ekg:role ekg:licensor }", "party", "ekg:role", V,
     frozenset()),
    ("Party-entity", "DELETE WHERE { id:party ekg:entity ?e } ;"
                     " INSERT DATA { id:party ekg:entity id:product }", "party", "ekg:entity", V,
     frozenset()),
    ("Party-filing", "INSERT DATA { id:filing-2 ekg:hasParty id:party }", "party",
     "^ekg:hasParty", V, frozenset()),
    ("Item-scheme", "DELETE WHERE { item:item ekg:itemScheme ?s }", "../items/item",
     "ekg:itemScheme", V, frozenset()),
    ("Item-notation", 'INSERT DATA { item:item skos:notation "1.02" }', "../items/item",
     "skos:notation", V, frozenset()),
    ("Item-label", "DELETE WHERE { item:item skos:prefLabel ?l }", "../items/item",
     "skos:prefLabel", W, frozenset()),
    ("NameRecord-name", "DELETE WHERE { id:statement ekg:name ?n }", "statement", "ekg:name", V,
     frozenset()),
    ("NameRecord-entity", "DELETE WHERE { id:statement ekg:entity ?e }", "statement",
     "ekg:entity", V, frozenset()),
    ("NameRecord-source", "DELETE WHERE { id:statement prov:wasDerivedFrom ?s }", "statement",
     "prov:wasDerivedFrom", V, frozenset()),
    ("NameRecord-current", "DELETE WHERE { id:statement ekg:isCurrentName ?c }", "statement",
     "ekg:isCurrentName", V, frozenset()),
    ("NameRecord-start", "DELETE WHERE { id:name-old ekg:startEarliest ?s } ;"
                         ' INSERT DATA { id:name-old ekg:startEarliest "2015-01-01"^^xsd:date }',
     "name-old", "ekg:startEarliest", V, frozenset()),
    ("NameRecord-end", 'INSERT DATA { id:name-old ekg:endLatest "2014-03-01"^^xsd:date }',
     "name-old", "ekg:endLatest", V, frozenset()),
    ("NameRecord-order", "DELETE WHERE { id:name-new ekg:order ?o } ;"
                         " INSERT DATA { id:name-new ekg:order -1 }", "name-new", "ekg:order", V,
     frozenset()),
    ("NameHistory-current", 'INSERT DATA { id:company ekg:currentName "CELLECTAR" }', "company",
     "ekg:currentName", V, frozenset()),
    ("NameChange-entity", "DELETE WHERE { id:name-change ekg:entity ?e }", "name-change",
     "ekg:entity", V, frozenset()),
    ("NameChange-previous", "DELETE WHERE { id:name-change ekg:previousName ?p } ;"
                            " INSERT DATA { id:name-change ekg:previousName id:product }",
     "name-change", "ekg:previousName", V, frozenset()),
    ("NameChange-new", "DELETE WHERE { id:name-change ekg:newName ?n }", "name-change",
     "ekg:newName", V, frozenset()),
    ("SourceGraph-file", "DELETE WHERE { id:graph ekg:sourceFile ?f }", "graph",
     "ekg:sourceFile", V, frozenset()),
    ("SourceGraph-version", "DELETE WHERE { id:graph ekg:extractorVersion ?v }", "graph",
     "ekg:extractorVersion", V, frozenset()),
    ("SourceGraph-time", "DELETE WHERE { id:graph prov:generatedAtTime ?t } ;"
                         ' INSERT DATA { id:graph prov:generatedAtTime "yesterday" }', "graph",
     "prov:generatedAtTime", V, frozenset()),
    ("SourceGraph-hash", 'INSERT DATA { id:graph ekg:contentHash "not a hash" }', "graph",
     "ekg:contentHash", V, frozenset()),
    ("SubmissionsRecord-entity", "DELETE WHERE { id:submissions ekg:entity ?e }", "submissions",
     "ekg:entity", V, frozenset()),
    ("SubmissionsRecord-asOf", 'INSERT DATA { id:submissions ekg:asOf "2024-06-01"^^xsd:date }',
     "submissions", "ekg:asOf", V, frozenset()),
    ("Deal-kind", 'DELETE WHERE { id:license ekg:dealKind ?k } ;'
                  ' INSERT DATA { id:license ekg:dealKind "licence" }', "license", "ekg:dealKind",
     V, frozenset()),
    ("Deal-parties", "DELETE DATA { id:collaboration ekg:party id:warf }", "collaboration",
     "ekg:party", V, frozenset()),
    ("Deal-evidence", "DELETE WHERE { id:evidence-collaboration ?p ?o }", "collaboration",
     "^oa:hasBody", V, frozenset()),
    ("Deal-reportedIn", "DELETE WHERE { id:license ekg:reportedIn ?d }", "license",
     "ekg:reportedIn", V, frozenset()),
    ("Deal-status", 'DELETE WHERE { id:license ekg:dealStatus ?s } ;'
                    ' INSERT DATA { id:license ekg:dealStatus "signed" }', "license",
     "ekg:dealStatus", V, frozenset()),
    ("Deal-date", 'DELETE WHERE { id:license ekg:dealDate ?d } ;'
                  ' INSERT DATA { id:license ekg:dealDate "2017-03-08" }', "license",
     "ekg:dealDate", V, frozenset()),
    ("Deal-new", "DELETE WHERE { id:license ekg:isNew ?n }", "license", "ekg:isNew", V,
     frozenset()),
    ("Deal-directionStated", "DELETE WHERE { id:collaboration ekg:directionStated ?d }",
     "collaboration", "ekg:directionStated", V, frozenset()),
    ("Deal-exclusive", 'DELETE WHERE { id:license ekg:exclusive ?e } ;'
                       ' INSERT DATA { id:license ekg:exclusive "yes" }', "license",
     "ekg:exclusive", V, frozenset()),
    ("Deal-asset", "INSERT DATA { id:license ekg:asset id:indication }", "license", "ekg:asset",
     V, frozenset()),
    ("Deal-indication", "INSERT DATA { id:license ekg:indication id:product }", "license",
     "ekg:indication", V, frozenset()),
    ("LicenseShape", "DELETE WHERE { id:license ekg:licensee ?l }", "license", "ekg:licensee", V,
     frozenset()),
    ("License-licensor", "DELETE WHERE { id:license ekg:licensor ?l ; ekg:directionStated ?d } ;"
                         " INSERT DATA { id:license ekg:directionStated false }", "license",
     "ekg:licensor", W, frozenset()),
    ("License-asset", "DELETE DATA { id:license ekg:asset id:product }", "license", "ekg:asset",
     W, frozenset()),
    ("Collaboration-asset", "DELETE DATA { id:collaboration ekg:asset id:product }",
     "collaboration", "ekg:asset", W, frozenset()),
    ("AcquisitionShape", "DELETE WHERE { id:acquisition ekg:acquirer ?a }", "acquisition",
     "ekg:acquirer", V, frozenset({"Acquisition-acquirer"})),
    ("Acquisition-acquirer", "DELETE WHERE { id:acquisition ekg:acquirer ?a ;"
                             " ekg:directionStated ?d } ;"
                             " INSERT DATA { id:acquisition ekg:directionStated false }",
     "acquisition", "ekg:acquirer", W, frozenset()),
    ("Organization-name", "DELETE WHERE { id:warf rdfs:label ?l ; skos:altLabel ?a }", "warf",
     "rdfs:label|skos:prefLabel|skos:altLabel", V, frozenset()),
    ("Product-label", "DELETE WHERE { id:product rdfs:label ?l }", "product", "rdfs:label", V,
     frozenset()),
    ("Product-kind", 'DELETE WHERE { id:product ekg:productKind ?k } ;'
                     ' INSERT DATA { id:product ekg:productKind "molecule" }', "product",
     "ekg:productKind", W, frozenset()),
    ("Product-match", 'INSERT DATA { id:product skos:exactMatch "DB00001" }', "product",
     "skos:exactMatch", V, frozenset()),
    ("Product-indication", "INSERT DATA { id:product ekg:productIndication id:product }",
     "product", "ekg:productIndication", V, frozenset()),
    ("Indication-label", "DELETE WHERE { id:indication rdfs:label ?l }", "indication",
     "rdfs:label", V, frozenset()),
    ("Indication-match", 'INSERT DATA { id:indication skos:exactMatch "DOID:9538" }',
     "indication", "skos:exactMatch", V, frozenset()),
    ("Designation-kind", "DELETE WHERE { id:designation ekg:designationKind ?k }", "designation",
     "ekg:designationKind", V, frozenset()),
    ("Designation-product", "DELETE WHERE { id:designation ekg:designationOf ?p } ;"
                            " INSERT DATA { id:designation ekg:designationOf id:indication }",
     "designation", "ekg:designationOf", V, frozenset()),
    ("Designation-evidence", "DELETE WHERE { id:evidence-designation ?p ?o }", "designation",
     "^oa:hasBody", V, frozenset()),
    ("Person-name", "DELETE WHERE { id:person schema:name ?n }", "person", "schema:name", V,
     frozenset()),
    ("Membership-member", "DELETE WHERE { id:membership org:member ?m }", "membership",
     "org:member", V, frozenset()),
    ("Membership-organization", "INSERT DATA { id:membership org:organization id:warf }",
     "membership", "org:organization", V, frozenset()),
    ("Membership-organizationMissing", "DELETE WHERE { id:membership org:organization ?o }",
     "membership", "org:organization", W, frozenset()),
    ("Membership-role", "DELETE WHERE { id:membership org:role ?r } ;"
                        " INSERT DATA { id:membership org:role id:person }", "membership",
     "org:role", V, frozenset()),
    ("Membership-officerChange", 'INSERT DATA { id:membership ekg:officerChange "promoted" }',
     "membership", "ekg:officerChange", V, frozenset()),
    ("Role-label", "DELETE WHERE { id:role skos:prefLabel ?l }", "role", "skos:prefLabel", V,
     frozenset()),
    ("TickerListing-ticker", 'INSERT DATA { id:listing ekg:ticker "CLRBW" }', "listing",
     "ekg:ticker", V, frozenset()),
    ("TickerListing-exchange", "DELETE WHERE { id:listing ekg:exchange ?e }", "listing",
     "ekg:exchange", V, frozenset()),
    ("Annotation-body", 'INSERT DATA { id:evidence-license oa:hasBody "a note" }',
     "evidence-license", "oa:hasBody", V, frozenset()),
    ("Annotation-target", "DELETE WHERE { id:evidence-license oa:hasTarget ?t }",
     "evidence-license", "oa:hasTarget", V, frozenset()),
    ("Annotation-background", 'DELETE WHERE { id:evidence-license ekg:background ?b } ;'
                              ' INSERT DATA { id:evidence-license ekg:background "no" }',
     "evidence-license", "ekg:background", V, frozenset()),
    ("Annotation-sourceFile", "DELETE WHERE { id:evidence-license ekg:sourceFile ?f }",
     "evidence-license", "ekg:sourceFile", W, frozenset()),
    ("Annotation-version", "DELETE WHERE { id:evidence-license ekg:extractorVersion ?v }",
     "evidence-license", "ekg:extractorVersion", W, frozenset()),
    ("TextQuoteSelector-exact", 'DELETE WHERE { id:quote oa:exact ?e } ;'
                                ' INSERT DATA { id:quote oa:exact "" }', "quote", "oa:exact", V,
     frozenset()),
    ("TextPositionSelector-start", "DELETE WHERE { id:position oa:start ?s } ;"
                                   " INSERT DATA { id:position oa:start 3000 }", "position",
     "oa:start", V, frozenset()),
    ("TextPositionSelector-end", "DELETE WHERE { id:position oa:end ?e }", "position", "oa:end",
     V, frozenset()),
    ("TextPositionSelector-start", 'DELETE WHERE { id:section-position oa:start ?s } ;'
                                   ' INSERT DATA { id:section-position oa:start "9120" }',
     "section-position", "oa:start", V, frozenset()),
    # Relationships stated outright: subsidiaries, insiders, holdings, beneficial owners.
    ("SubsidiaryListing-parent", "DELETE WHERE { id:ex21-row ekg:parentOrganization ?p }",
     "ex21-row", "ekg:parentOrganization", V, frozenset()),
    ("SubsidiaryListing-subsidiary", "INSERT DATA { id:ex21-row ekg:subsidiary id:company }",
     "ex21-row", "ekg:subsidiary", V, frozenset()),
    ("SubsidiaryListing-jurisdiction", 'INSERT DATA { id:ex21-row ekg:jurisdiction "Delaware" }',
     "ex21-row", "ekg:jurisdiction", V, frozenset()),
    ("SubsidiaryListing-percent", "DELETE WHERE { id:ex21-row ekg:percentOwned ?p } ;"
                                  " INSERT DATA { id:ex21-row ekg:percentOwned 120.0 }",
     "ex21-row", "ekg:percentOwned", V, frozenset()),
    ("Stated-in", "DELETE WHERE { id:ex21-row ekg:statedIn ?d }", "ex21-row", "ekg:statedIn", V,
     frozenset()),
    ("Stated-asOf", 'DELETE WHERE { id:stake ekg:asOf ?d } ;'
                    ' INSERT DATA { id:stake ekg:asOf "2017-03-08" }', "stake", "ekg:asOf", V,
     frozenset()),
    ("Insider-insider", "DELETE WHERE { id:insider ekg:insider ?o }", "insider", "ekg:insider",
     V, frozenset()),
    ("Insider-issuer", "DELETE WHERE { id:holding ekg:issuerCompany ?i }", "holding",
     "ekg:issuerCompany", V, frozenset()),
    ("Insider-director", 'DELETE WHERE { id:insider ekg:isDirector ?d } ;'
                         ' INSERT DATA { id:insider ekg:isDirector "yes" }', "insider",
     "ekg:isDirector", V, frozenset()),
    ("Insider-officer", "DELETE WHERE { id:insider ekg:isOfficer ?o }", "insider",
     "ekg:isOfficer", V, frozenset()),
    ("Insider-tenPercent", "INSERT DATA { id:insider ekg:isTenPercentOwner true }", "insider",
     "ekg:isTenPercentOwner", V, frozenset()),
    ("Insider-other", "DELETE WHERE { id:insider ekg:isOtherRelationship ?o }", "insider",
     "ekg:isOtherRelationship", V, frozenset()),
    ("Insider-period", "DELETE WHERE { id:insider ekg:periodOfReport ?p }", "insider",
     "ekg:periodOfReport", W, frozenset()),
    ("InsiderRoleShape", "DELETE WHERE { id:insider ekg:isDirector ?d } ;"
                         " DELETE WHERE { id:insider ekg:isOfficer ?o } ;"
                         " INSERT DATA { id:insider ekg:isDirector false ; ekg:isOfficer false }",
     "insider", None, W, frozenset()),
    ("Holding-holder", "DELETE WHERE { id:stake ekg:holder ?h }", "stake", "ekg:holder", V,
     frozenset()),
    ("Holding-security", "DELETE WHERE { id:holding ekg:securityTitle ?s }", "holding",
     "ekg:securityTitle", V, frozenset()),
    ("Holding-shares", 'DELETE WHERE { id:holding ekg:sharesOwnedAfter ?s } ;'
                       ' INSERT DATA { id:holding ekg:sharesOwnedAfter "-5"^^xsd:decimal }',
     "holding", "ekg:sharesOwnedAfter", V, frozenset()),
    ("Holding-code", 'DELETE WHERE { id:holding ekg:transactionCode ?c } ;'
                     ' INSERT DATA { id:holding ekg:transactionCode "purchase" }', "holding",
     "ekg:transactionCode", W, frozenset()),
    ("Beneficial-subject", "DELETE WHERE { id:stake ekg:subjectCompany ?s }", "stake",
     "ekg:subjectCompany", V, frozenset()),
    ("Beneficial-percent", "DELETE WHERE { id:stake ekg:percentOfClass ?p }", "stake",
     "ekg:percentOfClass", W, frozenset()),
    ("Beneficial-shares", 'DELETE WHERE { id:stake ekg:sharesBeneficiallyOwned ?s } ;'
                          ' INSERT DATA { id:stake ekg:sharesBeneficiallyOwned "-1"^^xsd:decimal }',
     "stake", "ekg:sharesBeneficiallyOwned", V, frozenset()),
]

# The evidence target has no target of its own: it is checked through each annotation's
# oa:hasTarget (sh:node), so its rules surface as Annotation-target results.
NESTED_CASES: list[tuple[str, str]] = [
    ("EvidenceTarget-source", "DELETE WHERE { id:target oa:hasSource ?s }"),
    ("EvidenceTarget-quote", "DELETE DATA { id:target oa:hasSelector id:quote }"),
    ("EvidenceTarget-position", "DELETE DATA { id:target oa:hasSelector id:position }"),
]


@pytest.fixture(scope="module")
def validator() -> ShapeValidator:
    return ShapeValidator()


@pytest.fixture(scope="module")
def conforming() -> Graph:
    return Graph().parse(DATA / "conforming.ttl", format="turtle")


def _broken(conforming: Graph, update: str) -> Graph:
    graph = Graph()
    graph += conforming
    graph.namespace_manager = conforming.namespace_manager
    graph.update(PREFIXES + update)
    return graph


def test_conforming_fixture_has_no_result_at_all(validator: ShapeValidator,
                                                 conforming: Graph) -> None:
    assert validator.validate(conforming) == []


@pytest.mark.parametrize(("shape", "update", "focus", "path", "severity", "also"), CASES,
                         ids=[case[0] for case in CASES])
def test_each_shape_reports_its_own_break(validator: ShapeValidator, conforming: Graph,
                                          shape: str, update: str, focus: str, path: str,
                                          severity: str, also: frozenset[str]) -> None:
    results = validator.validate(_broken(conforming, update))
    focus_iri = ID + focus if not focus.startswith("../") else ID.replace("id/", focus[3:])
    matching = [r for r in results if r.shape == str(EKGSH[shape])]
    assert matching, f"{shape} did not fire; got {[(r.shape, r.path) for r in results]}"
    assert {(r.focus, r.path, r.severity) for r in matching} == {(focus_iri, path, severity)}
    assert all(r.message and r.shape_name for r in matching)
    others = {r.shape.rsplit("#", 1)[-1] for r in results if r.shape} - {shape}
    assert others <= also
    if severity == W:
        assert not [r for r in results if r.is_violation]


@pytest.mark.parametrize(("rule", "update"), NESTED_CASES, ids=[c[0] for c in NESTED_CASES])
def test_evidence_target_rules_surface_on_the_annotation(validator: ShapeValidator,
                                                         conforming: Graph, rule: str,
                                                         update: str) -> None:
    results = validator.validate(_broken(conforming, update))
    # All four annotations share the broken target, so each reports it.
    assert {(r.focus.rsplit("/", 1)[-1], r.path, r.severity, r.component) for r in results} == {
        (f"evidence-{fact}", "oa:hasTarget", V, "Node")
        for fact in ("license", "collaboration", "acquisition", "designation")}


@pytest.fixture(scope="module")
def reference() -> ShapeValidator:
    return ShapeValidator(engine="pyshacl")


@pytest.mark.parametrize("update", [None] + [c[1] for c in CASES] + [c[1] for c in NESTED_CASES],
                         ids=["conforming"] + [c[0] for c in CASES] + [c[0] for c in NESTED_CASES])
def test_compiled_checks_give_pyshacls_results(validator: ShapeValidator,
                                               reference: ShapeValidator, conforming: Graph,
                                               update: str | None) -> None:
    """The compiled engine against pyshacl, result for result (message, value and all)."""
    assert validator.engine == "compiled" and reference.engine == "pyshacl"
    graph = conforming if update is None else _broken(conforming, update)
    compiled = validator.validate(graph, "case.ttl", "urn:g")
    assert compiled == reference.validate(graph, "case.ttl", "urn:g")
    assert bool(compiled) == (update is not None)


def test_every_shape_has_a_breaking_case() -> None:
    shapes = load_shapes()
    named = {str(s).rsplit("#", 1)[-1] for kind in (SH.NodeShape, SH.PropertyShape)
             for s in shapes.subjects(RDF.type, kind) if str(s).startswith(str(EKGSH))}
    covered = {case[0] for case in CASES} | {case[0] for case in NESTED_CASES}
    # A node shape is covered when one of its property shapes (or its own SPARQL rule) is.
    for node in shapes.subjects(RDF.type, SH.NodeShape):
        if any(str(p).rsplit("#", 1)[-1] in covered for p in shapes.objects(node, SH.property)):
            covered.add(str(node).rsplit("#", 1)[-1])
    assert named - covered == set()


def test_every_shape_is_documented_for_users() -> None:
    shapes = load_shapes()
    for kind in (SH.NodeShape, SH.PropertyShape):
        for shape in shapes.subjects(RDF.type, kind):
            assert shapes.value(shape, SH.name), f"{shape} has no sh:name"
            assert shapes.value(shape, SH.description), f"{shape} has no sh:description"
            has_message = shapes.value(shape, SH.message) or any(
                shapes.value(c, SH.message) for c in shapes.objects(shape, SH.sparql))
            if kind == SH.PropertyShape or shapes.value(shape, SH.sparql):
                assert has_message, f"{shape} has no sh:message"


def test_severities_split_core_from_recommended() -> None:
    shapes = load_shapes()
    severities = {shapes.value(s, SH.severity) for s in shapes.subjects(RDF.type, SH.PropertyShape)}
    assert severities == {SH.Violation, SH.Warning}
    # The rules the issue names as recommended are warnings, the core ones violations.
    assert shapes.value(EKGSH["License-asset"], SH.severity) == SH.Warning
    assert shapes.value(EKGSH["Company-businessAddress"], SH.severity) == SH.Warning
    assert shapes.value(EKGSH["Company-cik"], SH.severity) == SH.Violation
    assert shapes.value(EKGSH["Filing-accession"], SH.severity) == SH.Violation
