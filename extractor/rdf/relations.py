"""Subsidiaries, insiders and beneficial owners as triples: the relationships EDGAR states."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox

from ..edgar.beneficial import Schedule13, read_schedule_13
from ..edgar.header import normalize_cik
from ..edgar.ownership import OwnershipError, OwnershipReport, is_ownership_xml, read_ownership
from ..edgar.records import Entity, Header
from ..edgar.subsidiaries import SubsidiaryList, read_subsidiaries
from ..nlp.organizations import normalize_key
from ..read.submission import Document
from .graph import NamedGraph, literal, node, node_for_entity
from .vocab import OX_EKG as EKG
from .vocab import OX_ORG as ORG
from .vocab import OX_RDF as RDF
from .vocab import OX_RDFS as RDFS
from .vocab import OX_SCHEMA as SCHEMA
from .vocab import OX_SKOS as SKOS
from .vocab import OX_XSD as XSD
from .vocab import Iris

# Forms whose main document is an ownership report, and schedules of beneficial ownership.
OWNERSHIP_FORMS = frozenset({"3", "4", "5", "3/A", "4/A", "5/A"})
_SCHEDULE_PREFIXES = ("SC 13D", "SC 13G", "SCHEDULE 13D", "SCHEDULE 13G", "SC13D", "SC13G")


def is_schedule_13(form: str | None) -> bool:
    return bool(form) and form.strip().upper().startswith(_SCHEDULE_PREFIXES)  # type: ignore[union-attr]


def is_subsidiary_exhibit(doc_type: str | None) -> bool:
    """EX-21, EX-21.1, EX-21.01: the list of subsidiaries of an annual report."""
    upper = (doc_type or "").strip().upper()
    return upper == "EX-21" or upper.startswith("EX-21.")


def add_stated_relationships(graph: NamedGraph, iris: Iris, header: Header | None,
                             documents: list[Document], document_nodes: list[ox.NamedNode],
                             warnings: list[str]) -> int:
    """Read every document that states relationships (an Exhibit 21, an ownership form's XML,
    a Schedule 13D or 13G) into `graph`; returns the statements written. `document_nodes[i]`
    is the node of `documents[i]`; without a header (documents read on their own) the types
    of the documents say what they are, and an Exhibit 21 has no parent to record."""
    written = 0
    form = (header.form_type if header is not None else None) or ""
    as_of = header.filed if header is not None else None
    for position, document in enumerate(documents):
        text = document.text
        if not text or document.is_binary:
            continue
        doc_node = document_nodes[position]
        if is_subsidiary_exhibit(document.type):
            registrant = _registrant(header) if header is not None else None
            if registrant is None:
                warnings.append(f"document {document.sequence} ({document.type}): subsidiaries "
                                "without a registrant to be their parent: not recorded")
                continue
            parent = node_for_entity(iris, registrant.cik)
            written += add_subsidiaries(graph, iris, doc_node, parent, read_subsidiaries(text),
                                        as_of, registrant.name)
        elif (header is None or form.upper() in OWNERSHIP_FORMS) and is_ownership_xml(text):
            try:
                report = read_ownership(text)
            except OwnershipError as exc:
                warnings.append(f"document {document.sequence} ({document.type}): {exc}")
                continue
            warnings.extend(report.warnings)
            written += add_ownership(graph, iris, doc_node, report, as_of or report.period)
        elif (position == 0 and is_schedule_13(form)) or (header is None
                                                           and is_schedule_13(document.type)):
            schedule = read_schedule_13(text, form or document.type)
            warnings.extend(f"document {document.sequence} ({document.type}): {warning}"
                            for warning in schedule.warnings)
            written += add_beneficial_ownership(graph, iris, doc_node, schedule, header, as_of)
    return written


def _registrant(header: Header) -> Entity | None:
    return next((party.entity for party in header.parties
                 if party.role in ("filer", "subject-company") and not party.entity.is_person),
                None)


def _organization(graph: NamedGraph, iris: Iris, document: ox.NamedNode, name: str,
                  key: str | None = None) -> ox.NamedNode:
    """An organization known only by name, as releases write one (so it links alike); `key`
    mints its IRI when the name's own key would merge entities that differ."""
    subject = node(iris.organization(key or normalize_key(name) or name))
    graph.add((subject, RDF.type, EKG.Organization))
    graph.add((subject, RDFS.label, literal(name)))
    graph.add((subject, SKOS.prefLabel, literal(name)))
    graph.add((document, EKG.mentions, subject))
    return subject


def _stated(graph: NamedGraph, subject: ox.NamedNode, kind: ox.NamedNode,
            document: ox.NamedNode, as_of: dt.date | None) -> None:
    graph.add((subject, RDF.type, kind))
    graph.add((subject, EKG.statedIn, document))
    if as_of is not None:
        graph.add((subject, EKG.asOf, literal(as_of)))


def add_subsidiaries(graph: NamedGraph, iris: Iris, document: ox.NamedNode,
                     registrant: ox.NamedNode, listing: SubsidiaryList,
                     as_of: dt.date | None, registrant_name: str = "") -> int:
    """Each listed subsidiary: an organization, `org:hasSubOrganization` from its parent (the
    registrant, or the subsidiary it is nested under) and a dated ekg:SubsidiaryListing.

    A subsidiary is keyed by its name as releases key organizations (so a release naming it
    meets the same node), except where that key is shared: a group's entities can differ by
    legal form and jurisdiction alone ("Ford Motor Company Limited", England; "Ford Motor
    Company, S.A. de C.V.", Mexico; the parent Ford Motor Co), and a subsidiary can bear the
    short name releases use for the parent ("Cellectar, Inc." of Cellectar Biosciences).
    Those are keyed by name and jurisdiction, so they stay apart.
    """
    keys = [normalize_key(s.name) or s.name for s in listing.subsidiaries]
    parent_key = normalize_key(registrant_name)
    shared = {key for key in keys if keys.count(key) > 1 or key == parent_key
              or parent_key.startswith(key + " ")}
    by_name: dict[str, ox.NamedNode] = {}
    for number, (subsidiary, key) in enumerate(zip(listing.subsidiaries, keys, strict=True),
                                               start=1):
        if key in shared:
            key = " ".join(filter(None, (subsidiary.name, subsidiary.jurisdiction)))
        child = _organization(graph, iris, document, subsidiary.name, key)
        by_name.setdefault(subsidiary.name, child)
        parent = by_name.get(subsidiary.parent, registrant) if subsidiary.parent else registrant
        graph.add((parent, ORG.hasSubOrganization, child))
        row = node(f"{document.value}/subsidiary/{number}")
        _stated(graph, row, EKG.SubsidiaryListing, document, as_of)
        graph.add((row, EKG.parentOrganization, parent))
        graph.add((row, EKG.subsidiary, child))
        graph.add((row, EKG.sourceText, literal(subsidiary.evidence)))
        if subsidiary.jurisdiction:
            graph.add((row, EKG.jurisdiction, literal(subsidiary.jurisdiction)))
            graph.add((child, EKG.jurisdiction, literal(subsidiary.jurisdiction)))
        if subsidiary.percent_owned is not None:
            graph.add((row, EKG.percentOwned, _decimal(subsidiary.percent_owned)))
    return len(listing.subsidiaries)


def _decimal(value: float) -> ox.Literal:
    # xsd:decimal, not the double a float would give: shares and percents are exact figures.
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return ox.Literal(text if text not in ("", "-0") else "0", datatype=_XSD_DECIMAL)


_XSD_DECIMAL = XSD.decimal


def _company(graph: NamedGraph, iris: Iris, cik: str, name: str | None) -> ox.NamedNode:
    """A company by its CIK, with the name the document gives it. Not typed ekg:Company here:
    that is what an SEC header describes (with its addresses), and the shapes expect them."""
    subject = node_for_entity(iris, cik)
    graph.add((subject, EKG.cik, literal(cik)))
    if name:
        graph.add((subject, RDFS.label, literal(name)))
    return subject


def add_ownership(graph: NamedGraph, iris: Iris, document: ox.NamedNode,
                  report: OwnershipReport, as_of: dt.date | None) -> int:
    """A Form 3, 4 or 5: each reporting owner's relationship to the issuer, and each line of
    its tables as a holding of the (first) reporting owner."""
    issuer = _company(graph, iris, report.issuer_cik, report.issuer_name)
    holders = []
    for number, owner in enumerate(report.owners, start=1):
        if owner.cik:
            holder = node_for_entity(iris, owner.cik)
            graph.add((holder, EKG.cik, literal(owner.cik)))
            graph.add((holder, RDFS.label, literal(owner.name)))
            if owner.is_person:  # as a header types a reporting owner who is a person
                graph.add((holder, RDF.type, EKG.Person))
        elif owner.is_person:
            holder = node(iris.person(owner.display_name))
            graph.add((holder, RDF.type, SCHEMA.Person))
        else:
            holder = _organization(graph, iris, document, owner.name)
        if owner.is_person:
            graph.add((holder, SCHEMA.name, literal(owner.display_name)))
        holders.append(holder)
        relation = node(f"{document.value}/insider/{number}")
        _stated(graph, relation, EKG.InsiderRelationship, document, as_of)
        graph.add((relation, EKG.insider, holder))
        graph.add((relation, EKG.issuerCompany, issuer))
        graph.add((relation, EKG.formType, literal(report.form)))
        graph.add((relation, EKG.isDirector, literal(owner.is_director)))
        graph.add((relation, EKG.isOfficer, literal(owner.is_officer)))
        graph.add((relation, EKG.isTenPercentOwner, literal(owner.is_ten_percent_owner)))
        graph.add((relation, EKG.isOtherRelationship, literal(owner.is_other)))
        if owner.officer_title:
            graph.add((relation, EKG.officerTitle, literal(owner.officer_title)))
        if owner.other_text:
            graph.add((relation, EKG.otherRelationship, literal(owner.other_text)))
        if report.period is not None:
            graph.add((relation, EKG.periodOfReport, literal(report.period)))
    if not holders:
        return 0
    for number, holding in enumerate(report.holdings, start=1):
        line = node(f"{document.value}/holding/{number}")
        _stated(graph, line, EKG.Holding, document, as_of)
        graph.add((line, EKG.holder, holders[0]))
        graph.add((line, EKG.issuerCompany, issuer))
        graph.add((line, EKG.securityTitle, literal(holding.security)))
        graph.add((line, EKG.derivativeSecurity, literal(holding.derivative)))
        optional = ((EKG.sharesOwnedAfter, holding.shares_after),
                    (EKG.directOwnership, holding.direct),
                    (EKG.ownershipNature, holding.nature),
                    (EKG.transactionDate, holding.transaction_date),
                    (EKG.transactionCode, holding.transaction_code),
                    (EKG.transactionShares, holding.shares),
                    (EKG.pricePerShare, holding.price),
                    (EKG.acquired, holding.acquired),
                    (EKG.underlyingSecurity, holding.underlying),
                    (EKG.underlyingShares, holding.underlying_shares))
        for predicate, value in optional:
            if value is not None:
                graph.add((line, predicate, _decimal(value) if isinstance(value, float)
                           else literal(value)))
    return len(report.owners) + len(report.holdings)


def add_beneficial_ownership(graph: NamedGraph, iris: Iris, document: ox.NamedNode,
                             schedule: Schedule13, header: Header | None,
                             as_of: dt.date | None) -> int:
    """A Schedule 13D or 13G: each reporting person's stake in the subject company. Holders
    and the subject are the header's parties where the names agree (the filer of a joint
    statement being one of its reporting persons), else organizations or people by name."""
    parties = header.parties if header is not None else []
    subject_entity = next((p.entity for p in parties if p.role == "subject-company"), None)
    if subject_entity is not None:
        subject = _company(graph, iris, subject_entity.cik, subject_entity.name)
    elif schedule.subject_cik and normalize_cik(schedule.subject_cik):
        subject = _company(graph, iris, normalize_cik(schedule.subject_cik) or "",
                           schedule.subject_company)
    elif schedule.subject_company:
        subject = _organization(graph, iris, document, schedule.subject_company)
    else:
        return 0
    filers = [p.entity for p in parties if p.role in ("filed-by", "filer")
              and (subject_entity is None or p.entity.cik != subject_entity.cik)]
    for number, owner in enumerate(schedule.owners, start=1):
        holder = _holder(graph, iris, document, owner.holder, owner.holder_cik,
                         owner.reporting_person_type, filers, len(schedule.owners))
        stake = node(f"{document.value}/stake/{number}")
        _stated(graph, stake, EKG.BeneficialOwnership, document, as_of)
        graph.add((stake, EKG.holder, holder))
        graph.add((stake, EKG.subjectCompany, subject))
        if schedule.form:
            graph.add((stake, EKG.formType, literal(schedule.form)))
        values = ((EKG.sharesBeneficiallyOwned, owner.shares), (EKG.percentOfClass, owner.percent),
                  (EKG.soleVotingPower, owner.sole_voting),
                  (EKG.sharedVotingPower, owner.shared_voting))
        for predicate, value in values:
            if value is not None:
                graph.add((stake, predicate, _decimal(value)))
        texts = ((EKG.securityTitle, schedule.security_class), (EKG.cusip, schedule.cusip),
                 (EKG.reportingPersonType, owner.reporting_person_type))
        for predicate, text in texts:
            if text:
                graph.add((stake, predicate, literal(text)))
        if schedule.event_date is not None:
            graph.add((stake, EKG.eventDate, literal(schedule.event_date)))
        if schedule.amendment is not None:
            graph.add((stake, EKG.amendmentNumber, literal(schedule.amendment)))
    return len(schedule.owners)


def _holder(graph: NamedGraph, iris: Iris, document: ox.NamedNode, name: str,
            cik: str | None, person_type: str | None, filers: list[Entity], owners: int
            ) -> ox.NamedNode:
    """The node of a reporting person: its CIK, the filer of the same name (or the only
    filer of a one-person statement), else a person or an organization by name."""
    number = normalize_cik(cik) if cik else None
    if number is None:
        key = normalize_key(name)
        match = [e for e in filers if normalize_key(e.name) == key]
        if not match and owners == 1 and len(filers) == 1:
            match = filers
        number = match[0].cik if match else None
    if number is not None:
        subject = node_for_entity(iris, number)
        graph.add((subject, EKG.cik, literal(number)))
        graph.add((subject, RDFS.label, literal(name)))
        return subject
    if (person_type or "").strip().upper() == "IN":
        subject = node(iris.person(name))
        graph.add((subject, RDF.type, SCHEMA.Person))
        graph.add((subject, SCHEMA.name, literal(name)))
        return subject
    return _organization(graph, iris, document, name)
