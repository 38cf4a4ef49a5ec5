"""Turn parsed submissions, name histories and submissions JSON into rdflib graphs."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from .names import DateBound, NameRecord
from .records import Address, Document, Entity, Header, Party, Submission
from .vocab import EKG, ITEMS, PREFIXES, SCHEMA, Iris

ROLE_TERMS = {
    "filer": EKG.Filer,
    "subject-company": EKG.SubjectCompany,
    "filed-by": EKG.FiledBy,
    "reporting-owner": EKG.ReportingOwner,
    "issuer": EKG.Issuer,
    "depositor": EKG.Depositor,
    "securitizer": EKG.Securitizer,
    "sponsor": EKG.Sponsor,
    "serial-company": EKG.SerialCompany,
    "issuing-entity": EKG.IssuingEntity,
}
QUALIFIER_TERMS = {
    "exact": EKG.ExactDate,
    "on-or-before": EKG.OnOrBefore,
    "on-or-after": EKG.OnOrAfter,
    "between": EKG.BetweenDates,
    "unknown": EKG.UnknownDate,
}


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def _add_literal(graph: Graph, subject: URIRef, predicate: URIRef, value: object) -> None:
    if value is None or value == "":
        return
    graph.add((subject, predicate, Literal(value)))


def _address_iri(iris: Iris, address: Address) -> URIRef:
    key = "|".join(
        (address.street1 or "", address.street2 or "", address.city or "", address.state or "",
         address.zip or "", address.phone or "")
    ).upper()
    return iris.address(hashlib.sha1(key.encode()).hexdigest()[:16])


def add_entity(graph: Graph, iris: Iris, entity: Entity) -> URIRef:
    """Describe a CIK-keyed entity as one header block states it."""
    node = iris.entity(entity.cik)
    graph.add((node, RDF.type, EKG.Person if entity.is_person else EKG.Company))
    graph.add((node, EKG.cik, Literal(entity.cik)))
    if entity.name:
        graph.add((node, EKG.conformedName, Literal(entity.name)))
        graph.add((node, RDFS.label, Literal(entity.name)))
        if entity.is_person:
            _add_person_names(graph, node, entity.name)
    _add_literal(graph, node, EKG.sicCode, entity.sic_code)
    _add_literal(graph, node, EKG.sicLabel, entity.sic_label)
    _add_literal(graph, node, EKG.secOffice, entity.organization_name)
    _add_literal(graph, node, EKG.irsNumber, entity.irs_number)
    _add_literal(graph, node, EKG.stateOfIncorporation, entity.state_of_incorporation)
    _add_literal(graph, node, EKG.fiscalYearEnd, entity.fiscal_year_end)
    for address in entity.addresses:
        address_node = _address_iri(iris, address)
        graph.add((node, EKG.businessAddress if address.kind == "business" else EKG.mailAddress,
                   address_node))
        graph.add((address_node, RDF.type, SCHEMA.PostalAddress))
        street = ", ".join(part for part in (address.street1, address.street2) if part)
        _add_literal(graph, address_node, SCHEMA.streetAddress, street)
        _add_literal(graph, address_node, SCHEMA.addressLocality, address.city)
        _add_literal(graph, address_node, SCHEMA.addressRegion, address.state)
        _add_literal(graph, address_node, SCHEMA.postalCode, address.zip)
        _add_literal(graph, address_node, SCHEMA.telephone, address.phone)
        if address.kind == "business":
            _add_literal(graph, node, SCHEMA.telephone, address.phone)
    return node


_NAME_SUFFIXES = {"JR", "JR.", "SR", "SR.", "II", "III", "IV", "V", "MD", "PHD", "ESQ"}


def person_display_name(stored: str) -> tuple[str, str | None, str | None]:
    """EDGAR stores people as 'Last First Middle': return (display name, family, given)."""
    parts = stored.replace(",", " ").split()
    if len(parts) < 2:
        return stored, None, None
    suffix = [p for p in parts[2:] if p.upper() in _NAME_SUFFIXES]
    core = [p for p in parts if p not in suffix]
    family, given = core[0], " ".join(core[1:])
    display = " ".join(x for x in (given, family, " ".join(suffix)) if x)
    return display, family, given or None


def _add_person_names(graph: Graph, node: URIRef, stored: str) -> None:
    display, family, given = person_display_name(stored)
    graph.add((node, SCHEMA.name, Literal(display)))
    _add_literal(graph, node, SCHEMA.familyName, family)
    _add_literal(graph, node, SCHEMA.givenName, given)


def _add_party(graph: Graph, iris: Iris, filing: URIRef, accession: str, index: int,
               party: Party) -> None:
    node = iris.party(accession, index)
    entity_node = add_entity(graph, iris, party.entity)
    graph.add((filing, EKG.hasParty, node))
    graph.add((node, RDF.type, EKG.Party))
    graph.add((node, EKG.role, ROLE_TERMS.get(party.role, EKG.OtherRole)))
    graph.add((node, EKG.entity, entity_node))
    graph.add((node, EKG.partyIndex, Literal(index)))
    _add_literal(graph, node, EKG.nameAtFiling, party.entity.name)
    _add_literal(graph, node, EKG.formType, party.form_type)
    _add_literal(graph, node, EKG.secAct, party.act)
    _add_literal(graph, node, EKG.fileNumber, party.file_number)
    _add_literal(graph, node, EKG.filmNumber, party.film_number)
    _add_literal(graph, node, EKG.ownerRelationship, party.relationship)


def _add_document(graph: Graph, iris: Iris, filing: URIRef, accession: str, position: int,
                  document: Document) -> None:
    sequence = document.sequence if document.sequence is not None else position
    node = iris.document(accession, sequence)
    graph.add((filing, EKG.hasDocument, node))
    graph.add((node, RDF.type, EKG.Document))
    graph.add((node, EKG.sequence, Literal(sequence)))
    _add_literal(graph, node, EKG.documentType, document.type)
    _add_literal(graph, node, EKG.fileName, document.filename)
    _add_literal(graph, node, EKG.description, document.description)
    graph.add((node, EKG.size, Literal(document.size)))
    if document.is_binary:
        graph.add((node, EKG.isBinary, Literal(True)))


def _add_bound(graph: Graph, node: URIRef, bound: DateBound | None, which: str) -> None:
    # which is "start" or "end"; a current name has no end bound at all.
    if bound is None:
        return
    exact, earliest, latest, qualifier, text = (
        (EKG.startDate, EKG.startEarliest, EKG.startLatest, EKG.startQualifier, EKG.startText)
        if which == "start"
        else (EKG.endDate, EKG.endEarliest, EKG.endLatest, EKG.endQualifier, EKG.endText)
    )
    if bound.is_exact:
        graph.add((node, exact, Literal(bound.earliest, datatype=XSD.date)))
    if bound.earliest:
        graph.add((node, earliest, Literal(bound.earliest, datatype=XSD.date)))
    if bound.latest:
        graph.add((node, latest, Literal(bound.latest, datatype=XSD.date)))
    graph.add((node, qualifier, QUALIFIER_TERMS[bound.qualifier]))
    _add_literal(graph, node, text, bound.edtf())


def add_name_statements(graph: Graph, iris: Iris, scope: str, source: URIRef,
                        records: Iterable[NameRecord]) -> None:
    """Record the names one source states, as that source states them (merged later)."""
    for index, record in enumerate(records):
        node = iris.name_statement(scope, record.cik, index)
        graph.add((node, RDF.type, EKG.NameStatement))
        graph.add((node, EKG.entity, iris.entity(record.cik)))
        graph.add((node, EKG.name, Literal(record.name)))
        graph.add((node, EKG.isCurrentName, Literal(record.is_current)))
        _add_bound(graph, node, record.start, "start")
        _add_bound(graph, node, record.end, "end")
        if record.seen:
            graph.add((node, EKG.seenOn, Literal(record.seen, datatype=XSD.date)))
        graph.add((node, PROV.wasDerivedFrom, source))


def add_provenance(graph: Graph, graph_iri: URIRef, source_name: str, version: str,
                   when: dt.datetime) -> None:
    """Say where a named graph came from: input file, extractor version and time."""
    graph.add((graph_iri, RDF.type, EKG.SourceGraph))
    graph.add((graph_iri, EKG.sourceFile, Literal(source_name)))
    graph.add((graph_iri, EKG.extractorVersion, Literal(version)))
    graph.add((graph_iri, PROV.generatedAtTime, Literal(when, datatype=XSD.dateTime)))


def header_graph(graph: Graph, iris: Iris, header: Header) -> URIRef:
    """Add a header's filing, items, group members and parties to `graph`."""
    accession = header.accession_number
    filing = iris.filing(accession)
    graph.add((filing, RDF.type, EKG.Filing))
    graph.add((filing, EKG.accessionNumber, Literal(accession)))
    graph.add((filing, RDFS.label, Literal(f"{header.form_type or 'filing'} {accession}")))
    _add_literal(graph, filing, EKG.formType, header.form_type)
    _add_literal(graph, filing, EKG.publicDocumentCount, header.public_document_count)
    if header.period:
        graph.add((filing, EKG.periodOfReport, Literal(header.period, datatype=XSD.date)))
    if header.filed:
        graph.add((filing, EKG.filedOn, Literal(header.filed, datatype=XSD.date)))
    if header.date_of_change:
        graph.add((filing, EKG.dateOfChange, Literal(header.date_of_change, datatype=XSD.date)))
    if header.effectiveness_date:
        graph.add((filing, EKG.effectivenessDate,
                   Literal(header.effectiveness_date, datatype=XSD.date)))
    if header.acceptance:
        graph.add((filing, EKG.acceptedAt, Literal(header.acceptance, datatype=XSD.dateTime)))
    for index, item in enumerate(header.items):
        if item.code:
            item_node = ITEMS[f"{item.scheme}/{item.code}"]
            graph.add((item_node, SKOS.notation, Literal(item.code)))
        else:
            item_node = iris.ns[f"filing/{accession}/item/{index}"]
        graph.add((filing, EKG.reportsItem, item_node))
        graph.add((item_node, RDF.type, EKG.Item))
        _add_literal(graph, item_node, SKOS.prefLabel, item.title)
        graph.add((item_node, EKG.itemScheme, Literal(item.scheme)))
    for member in header.group_members:
        graph.add((filing, EKG.groupMember, Literal(member)))
    for index, party in enumerate(header.parties):
        _add_party(graph, iris, filing, accession, index, party)
    return filing


def submission_graph(submission: Submission, iris: Iris, name_records: list[NameRecord],
                     source_name: str, version: str, when: dt.datetime) -> tuple[URIRef, Graph]:
    """The named graph of one filing: header facts, documents, stated names and provenance."""
    header = submission.header
    assert header is not None
    graph = new_graph()
    filing = header_graph(graph, iris, header)
    for position, document in enumerate(submission.documents, start=1):
        _add_document(graph, iris, filing, header.accession_number, position, document)
    graph.add((filing, EKG.documentCount, Literal(len(submission.documents))))
    add_name_statements(graph, iris, f"filing/{header.accession_number}", filing, name_records)
    graph_iri = iris.filing_graph(header.accession_number)
    add_provenance(graph, graph_iri, source_name, version, when)
    graph.add((graph_iri, PROV.wasDerivedFrom, filing))
    return graph_iri, graph


def merged_names_graph(cik: str, records: list[NameRecord], iris: Iris,
                       source_labels: dict[str, str]) -> Graph:
    """The merged name history of one CIK: NameRecords, former-name links and name changes."""
    graph = new_graph()
    entity = iris.entity(cik)
    previous: tuple[URIRef, NameRecord] | None = None
    for order, record in enumerate(records):
        key = record.start_key()
        node = iris.name_record(cik, record.name, key)
        graph.add((entity, EKG.hasNameRecord, node))
        graph.add((node, RDF.type, EKG.NameRecord))
        graph.add((node, EKG.entity, entity))
        graph.add((node, EKG.name, Literal(record.name)))
        graph.add((node, EKG.order, Literal(order)))
        graph.add((node, EKG.isCurrentName, Literal(record.is_current)))
        _add_bound(graph, node, record.start, "start")
        _add_bound(graph, node, record.end, "end")
        if record.seen:
            graph.add((node, EKG.seenOn, Literal(record.seen, datatype=XSD.date)))
        if record.sources_disagree:
            graph.add((node, EKG.sourcesDisagree, Literal(True)))
        for source in record.sources:
            source_node = URIRef(source)
            graph.add((node, PROV.wasDerivedFrom, source_node))
            label = source_labels.get(source)
            if label:
                graph.add((source_node, EKG.sourceLabel, Literal(label)))
        if record.is_current:
            graph.add((entity, EKG.currentName, Literal(record.name)))
        else:
            graph.add((entity, EKG.formerName, Literal(record.name)))
        if previous is not None:
            change = iris.name_change(cik, record.name, key)
            graph.add((change, RDF.type, EKG.NameChange))
            graph.add((change, EKG.entity, entity))
            graph.add((change, EKG.previousName, previous[0]))
            graph.add((change, EKG.newName, node))
            _add_bound(graph, change, record.start, "start")
        previous = (node, record)
    return graph

