"""Turn parsed submissions and name histories into named graphs of pyoxigraph terms."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

import pyoxigraph as ox

from ..edgar.names import DateBound, NameRecord
from ..edgar.primary import PrimaryDocument
from ..edgar.records import Address, Entity, Header, Item, Party, Submission
from ..read.submission import Document
from ..text import genres
from .named_graph import (
    NamedGraph,
    Term,
    item_node,
    literal,
    node,
    prefixed_graph,
    to_rdflib_term,
)
from .vocab import OX_EKG as EKG
from .vocab import OX_PROV as PROV
from .vocab import OX_RDF as RDF
from .vocab import OX_RDFS as RDFS
from .vocab import OX_SCHEMA as SCHEMA
from .vocab import OX_SKOS as SKOS
from .vocab import Iris

# Re-exported: the writers' callers take the graph and its term helpers from here.
__all__ = ["NamedGraph", "Term", "item_node", "literal", "node", "prefixed_graph",
           "to_rdflib_term"]


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
GENRE_TERMS = {
    genres.PRESS_RELEASE: EKG.PressReleaseGenre,
    genres.FORM_ITEMS: EKG.FormItemsGenre,
    genres.AGREEMENT: EKG.AgreementGenre,
    genres.FINANCIAL_STATEMENTS: EKG.FinancialStatementsGenre,
    genres.PRESENTATION: EKG.PresentationGenre,
    genres.NEWS_ARTICLE: EKG.NewsArticleGenre,
    genres.OTHER: EKG.OtherGenre,
}
QUALIFIER_TERMS = {
    "exact": EKG.ExactDate,
    "on-or-before": EKG.OnOrBefore,
    "on-or-after": EKG.OnOrAfter,
    "between": EKG.BetweenDates,
    "unknown": EKG.UnknownDate,
}


def _add_literal(graph: NamedGraph, subject: ox.NamedNode, predicate: ox.NamedNode,
                 value: object) -> None:
    if value is None or value == "":
        return
    graph.add((subject, predicate, literal(value)))


def _address_iri(iris: Iris, address: Address) -> ox.NamedNode:
    key = "|".join(
        (address.street1 or "", address.street2 or "", address.city or "", address.state or "",
         address.zip or "", address.phone or "")
    ).upper()
    return node(iris.address(hashlib.sha1(key.encode()).hexdigest()[:16]))


def add_entity(graph: NamedGraph, iris: Iris, entity: Entity) -> ox.NamedNode:
    """Describe a CIK-keyed entity as one header block states it."""
    subject = node(iris.entity(entity.cik))
    graph.add((subject, RDF.type, EKG.Person if entity.is_person else EKG.Company))
    graph.add((subject, EKG.cik, literal(entity.cik)))
    if entity.name:
        graph.add((subject, EKG.conformedName, literal(entity.name)))
        graph.add((subject, RDFS.label, literal(entity.name)))
        if entity.is_person:
            _add_person_names(graph, subject, entity.name)
    _add_literal(graph, subject, EKG.sicCode, entity.sic_code)
    _add_literal(graph, subject, EKG.sicLabel, entity.sic_label)
    _add_literal(graph, subject, EKG.secOffice, entity.organization_name)
    _add_literal(graph, subject, EKG.irsNumber, entity.irs_number)
    _add_literal(graph, subject, EKG.stateOfIncorporation, entity.state_of_incorporation)
    _add_literal(graph, subject, EKG.fiscalYearEnd, entity.fiscal_year_end)
    for address in entity.addresses:
        address_node = _address_iri(iris, address)
        graph.add((subject, EKG.businessAddress if address.kind == "business" else EKG.mailAddress,
                   address_node))
        graph.add((address_node, RDF.type, SCHEMA.PostalAddress))
        street = ", ".join(part for part in (address.street1, address.street2) if part)
        _add_literal(graph, address_node, SCHEMA.streetAddress, street)
        _add_literal(graph, address_node, SCHEMA.addressLocality, address.city)
        _add_literal(graph, address_node, SCHEMA.addressRegion, address.state)
        _add_literal(graph, address_node, SCHEMA.postalCode, address.zip)
        _add_literal(graph, address_node, SCHEMA.telephone, address.phone)
        if address.kind == "business":
            _add_literal(graph, subject, SCHEMA.telephone, address.phone)
    return subject


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


def add_listing(graph: NamedGraph, iris: Iris, entity: ox.NamedNode, symbol: str,
                exchange: str | None) -> None:
    """A company's trading symbol, as a listing on its exchange when the exchange is known
    (the same listing node a release's ticker gets)."""
    graph.add((entity, EKG.ticker, literal(symbol)))
    if exchange:
        listing = node(iris.listing(exchange, symbol))
        graph.add((listing, RDF.type, EKG.TickerListing))
        graph.add((listing, EKG.ticker, literal(symbol)))
        graph.add((listing, EKG.exchange, literal(exchange)))
        graph.add((entity, EKG.hasListing, listing))
        graph.add((entity, EKG.exchange, literal(exchange)))


def _add_person_names(graph: NamedGraph, subject: ox.NamedNode, stored: str) -> None:
    display, family, given = person_display_name(stored)
    graph.add((subject, SCHEMA.name, literal(display)))
    _add_literal(graph, subject, SCHEMA.familyName, family)
    _add_literal(graph, subject, SCHEMA.givenName, given)


def _add_party(graph: NamedGraph, iris: Iris, filing: ox.NamedNode, accession: str,
               index: int, party: Party) -> None:
    node = ox.NamedNode(iris.party(accession, index))
    entity_node = add_entity(graph, iris, party.entity)
    graph.add((filing, EKG.hasParty, node))
    graph.add((node, RDF.type, EKG.Party))
    graph.add((node, EKG.role, ROLE_TERMS.get(party.role, EKG.OtherRole)))
    graph.add((node, EKG.entity, entity_node))
    graph.add((node, EKG.partyIndex, literal(index)))
    _add_literal(graph, node, EKG.nameAtFiling, party.entity.name)
    _add_literal(graph, node, EKG.formType, party.form_type)
    _add_literal(graph, node, EKG.secAct, party.act)
    _add_literal(graph, node, EKG.fileNumber, party.file_number)
    _add_literal(graph, node, EKG.filmNumber, party.film_number)
    _add_literal(graph, node, EKG.ownerRelationship, party.relationship)


def _add_document(graph: NamedGraph, iris: Iris, filing: ox.NamedNode, accession: str,
                  position: int, document: Document) -> None:
    sequence = document.sequence if document.sequence is not None else position
    add_document(graph, filing, ox.NamedNode(iris.document(accession, sequence)), sequence,
                 document)


def add_document(graph: NamedGraph, parent: ox.NamedNode, node: ox.NamedNode, sequence: int,
                 document: Document) -> None:
    """Describe one document of a filing or a document set at `node`."""
    graph.add((parent, EKG.hasDocument, node))
    graph.add((node, RDF.type, EKG.Document))
    graph.add((node, EKG.sequence, literal(sequence)))
    _add_literal(graph, node, EKG.documentType, document.type)
    _add_literal(graph, node, EKG.fileName, document.filename)
    _add_literal(graph, node, EKG.description, document.description)
    graph.add((node, EKG.size, literal(document.size)))
    if document.is_binary:
        graph.add((node, EKG.isBinary, literal(True)))
    if document.genre:
        graph.add((node, EKG.genre, GENRE_TERMS[document.genre]))


def _add_bound(graph: NamedGraph, node: ox.NamedNode, bound: DateBound | None,
               which: str) -> None:
    # which is "start" or "end"; a current name has no end bound at all.
    if bound is None:
        return
    exact, earliest, latest, qualifier, text = (
        (EKG.startDate, EKG.startEarliest, EKG.startLatest, EKG.startQualifier, EKG.startText)
        if which == "start"
        else (EKG.endDate, EKG.endEarliest, EKG.endLatest, EKG.endQualifier, EKG.endText)
    )
    if bound.is_exact:
        graph.add((node, exact, literal(bound.earliest)))
    if bound.earliest:
        graph.add((node, earliest, literal(bound.earliest)))
    if bound.latest:
        graph.add((node, latest, literal(bound.latest)))
    graph.add((node, qualifier, QUALIFIER_TERMS[bound.qualifier]))
    _add_literal(graph, node, text, bound.edtf())


def add_name_statements(graph: NamedGraph, iris: Iris, scope: str, source: ox.NamedNode,
                        records: Iterable[NameRecord]) -> None:
    """Record the names one source states, as that source states them (merged later)."""
    for index, record in enumerate(records):
        node = ox.NamedNode(iris.name_statement(scope, record.cik, index))
        graph.add((node, RDF.type, EKG.NameStatement))
        graph.add((node, EKG.entity, node_for_entity(iris, record.cik)))
        graph.add((node, EKG.name, literal(record.name)))
        graph.add((node, EKG.isCurrentName, literal(record.is_current)))
        _add_bound(graph, node, record.start, "start")
        _add_bound(graph, node, record.end, "end")
        if record.seen:
            graph.add((node, EKG.seenOn, literal(record.seen)))
        graph.add((node, PROV.wasDerivedFrom, source))


def node_for_entity(iris: Iris, cik: str) -> ox.NamedNode:
    return node(iris.entity(cik))


def add_provenance(graph: NamedGraph, source_name: str, version: str,
                   when: dt.datetime) -> None:
    """Say where a named graph came from: input file, extractor version and time."""
    graph_iri = graph.name
    graph.add((graph_iri, RDF.type, EKG.SourceGraph))
    graph.add((graph_iri, EKG.sourceFile, literal(source_name)))
    graph.add((graph_iri, EKG.extractorVersion, literal(version)))
    graph.add((graph_iri, PROV.generatedAtTime, literal(when)))


def add_item(graph: NamedGraph, item: Item, subject: ox.NamedNode | None = None
             ) -> ox.NamedNode:
    """Describe an item (its code, title and scheme) at `subject`, by default its shared node
    by scheme and code (the item must then have a code)."""
    if subject is None:
        assert item.code is not None
        subject = item_node(item.scheme, item.code)
    if item.code:
        graph.add((subject, SKOS.notation, literal(item.code)))
    graph.add((subject, RDF.type, EKG.Item))
    _add_literal(graph, subject, SKOS.prefLabel, item.title)
    graph.add((subject, EKG.itemScheme, literal(item.scheme)))
    return subject


def header_graph(graph: NamedGraph, iris: Iris, header: Header) -> ox.NamedNode:
    """Add a header's filing, items, group members and parties to `graph`."""
    accession = header.accession_number
    filing = ox.NamedNode(iris.filing(accession))
    graph.add((filing, RDF.type, EKG.Filing))
    graph.add((filing, EKG.accessionNumber, literal(accession)))
    graph.add((filing, RDFS.label, literal(f"{header.form_type or 'filing'} {accession}")))
    _add_literal(graph, filing, EKG.formType, header.form_type)
    _add_literal(graph, filing, EKG.publicDocumentCount, header.public_document_count)
    _add_literal(graph, filing, EKG.periodOfReport, header.period)
    _add_literal(graph, filing, EKG.filedOn, header.filed)
    _add_literal(graph, filing, EKG.dateOfChange, header.date_of_change)
    _add_literal(graph, filing, EKG.effectivenessDate, header.effectiveness_date)
    _add_literal(graph, filing, EKG.acceptedAt, header.acceptance)
    for index, item in enumerate(header.items):
        subject = (item_node(item.scheme, item.code) if item.code
                   else ox.NamedNode(str(iris.ns[f"filing/{accession}/item/{index}"])))
        graph.add((filing, EKG.reportsItem, add_item(graph, item, subject)))
    for member in header.group_members:
        graph.add((filing, EKG.groupMember, literal(member)))
    for index, party in enumerate(header.parties):
        _add_party(graph, iris, filing, accession, index, party)
    return filing


def submission_graph(submission: Submission, iris: Iris, name_records: list[NameRecord],
                     source_name: str, version: str, when: dt.datetime,
                     graph_name: str | None = None) -> NamedGraph:
    """The named graph of one filing: header facts, documents, stated names and provenance.

    `graph_name` names the graph when it is not the filing's own (a filing read from its
    primary document alone, which must not replace the graph of its full submission)."""
    header = submission.header
    assert header is not None
    graph = NamedGraph(graph_name or iris.filing_graph(header.accession_number))
    filing = header_graph(graph, iris, header)
    for position, document in enumerate(submission.documents, start=1):
        _add_document(graph, iris, filing, header.accession_number, position, document)
    graph.add((filing, EKG.documentCount, literal(len(submission.documents))))
    add_name_statements(graph, iris, f"filing/{header.accession_number}", filing, name_records)
    add_provenance(graph, source_name, version, when)
    graph.add((graph.name, PROV.wasDerivedFrom, filing))
    return graph


def document_set(iris: Iris, digest: str, source_name: str) -> tuple[NamedGraph, ox.NamedNode]:
    """The graph of documents read without their SEC header, named by the input's digest,
    and its ekg:DocumentSet subject."""
    subject = node(iris.press_release(digest))
    graph = NamedGraph(iris.press_release_graph(digest))
    graph.add((subject, RDF.type, EKG.DocumentSet))
    graph.add((subject, EKG.sourceFile, literal(source_name)))
    return graph, subject


def document_set_member(subject: ox.NamedNode, sequence: int) -> ox.NamedNode:
    """The node of a document set's document by its sequence."""
    return ox.NamedNode(f"{subject.value}/document/{sequence}")


def primary_document_graph(primary: PrimaryDocument, document: Document,
                           accession: str | None, digest: str, iris: Iris, source_name: str,
                           version: str, when: dt.datetime
                           ) -> tuple[NamedGraph, ox.NamedNode, Header | None]:
    """The graph of a primary document read without its SEC header.

    With an accession number, a CIK and a form type it is a filing with its filer and this
    one document; else, as for bare documents, a document set named by the input's digest,
    whose document is issued by the filer when its CIK is known. No name statements: a
    registrant's name as printed is not the conformed name EDGAR's name history is made of.
    Returns the graph, the document's node and the header when it is a filing.
    """
    header = primary.header(accession) if accession else None
    entity = primary.entity()
    sequence = document.sequence or 1
    if header is not None and accession is not None:
        graph = submission_graph(Submission(header, [document]), iris, [], source_name, version,
                                 when, graph_name=iris.primary_document_graph(accession))
        doc_node = node(iris.document(accession, sequence))
    else:
        graph, subject = document_set(iris, digest, source_name)
        graph.add((subject, EKG.documentCount, literal(1)))
        doc_node = document_set_member(subject, sequence)
        add_document(graph, subject, doc_node, sequence, document)
        if entity is not None:
            graph.add((doc_node, EKG.issuedBy, add_entity(graph, iris, entity)))
        add_provenance(graph, source_name, version, when)
    if entity is not None:
        for symbol, exchange in primary.listings:
            add_listing(graph, iris, node(iris.entity(entity.cik)), symbol, exchange)
    return graph, doc_node, header


def merged_names_graph(cik: str, records: list[NameRecord], iris: Iris,
                       source_labels: dict[str, str]) -> NamedGraph:
    """The merged name history of one CIK: NameRecords, former-name links and name changes."""
    graph = NamedGraph(iris.names_graph(cik))
    entity = node_for_entity(iris, cik)
    previous: tuple[ox.NamedNode, NameRecord] | None = None
    for order, record in enumerate(records):
        key = record.start_key()
        node = ox.NamedNode(iris.name_record(cik, record.name, key))
        graph.add((entity, EKG.hasNameRecord, node))
        graph.add((node, RDF.type, EKG.NameRecord))
        graph.add((node, EKG.entity, entity))
        graph.add((node, EKG.name, literal(record.name)))
        graph.add((node, EKG.order, literal(order)))
        graph.add((node, EKG.isCurrentName, literal(record.is_current)))
        _add_bound(graph, node, record.start, "start")
        _add_bound(graph, node, record.end, "end")
        if record.seen:
            graph.add((node, EKG.seenOn, literal(record.seen)))
        if record.sources_disagree:
            graph.add((node, EKG.sourcesDisagree, literal(True)))
        for source in record.sources:
            source_node = ox.NamedNode(source)
            graph.add((node, PROV.wasDerivedFrom, source_node))
            label = source_labels.get(source)
            if label:
                graph.add((source_node, EKG.sourceLabel, literal(label)))
        if record.is_current:
            graph.add((entity, EKG.currentName, literal(record.name)))
        else:
            graph.add((entity, EKG.formerName, literal(record.name)))
        if previous is not None:
            change = ox.NamedNode(iris.name_change(cik, record.name, key))
            graph.add((change, RDF.type, EKG.NameChange))
            graph.add((change, EKG.entity, entity))
            graph.add((change, EKG.previousName, previous[0]))
            graph.add((change, EKG.newName, node))
            _add_bound(graph, change, record.start, "start")
        previous = (node, record)
    return graph

