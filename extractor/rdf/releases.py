"""Write the facts read from one press release into a named graph, with evidence for each.

Organizations, products and indications get IRIs from their names (or the CIK), so the same
one named in two releases is one resource. Deals and evidence get IRIs from digests of the
document they were read in and where, so extracting the same input again writes the same
triples. Every deal, product, designation, membership, ticker and indication read from a
sentence carries a W3C Web Annotation that quotes the sentence and gives its offsets.
"""

from __future__ import annotations

import hashlib
import re

import pyoxigraph as ox

from ..nlp.facts import Deal, Evidence, Person, Product, ReleaseFacts, Ticker
from .graph import NamedGraph, literal, node, node_for_entity
from .vocab import OX_EKG as EKG
from .vocab import OX_OA as OA
from .vocab import OX_ORG as ORG
from .vocab import OX_RDF as RDF
from .vocab import OX_RDFS as RDFS
from .vocab import OX_SCHEMA as SCHEMA
from .vocab import OX_SKOS as SKOS
from .vocab import Iris, slug

# One class per deal kind of facts.DEAL_KINDS; ekg:dealKind repeats the kind as a string.
DEAL_CLASSES: dict[str, ox.NamedNode] = {
    "license": EKG.LicenseAgreement,
    "option": EKG.OptionAgreement,
    "collaboration": EKG.Collaboration,
    "acquisition": EKG.Acquisition,
    "merger": EKG.Merger,
    "investment": EKG.Investment,
    "distribution": EKG.DistributionAgreement,
    "supply": EKG.SupplyAgreement,
    "other": EKG.OtherDeal,
}
# One subproperty of ekg:party per role of facts.DEAL_ROLES.
ROLE_PROPERTIES: dict[str, ox.NamedNode] = {
    "licensor": EKG.licensor,
    "licensee": EKG.licensee,
    "acquirer": EKG.acquirer,
    "target": EKG.target,
    "seller": EKG.seller,
    "investor": EKG.investor,
    "investee": EKG.investee,
    "partner": EKG.partner,
}
PRODUCT_CLASSES: dict[str, ox.NamedNode] = {
    "drug-candidate": EKG.DrugCandidate,
    "drug": EKG.Drug,
    "platform": EKG.TechnologyPlatform,
    "device": EKG.MedicalDevice,
}

# CURIE prefix -> IRI template of the vocabulary that defines the identifier.
CURIE_TEMPLATES: dict[str, str] = {
    "DRUGBANK": "https://go.drugbank.com/drugs/{}",
    "MESH": "http://id.nlm.nih.gov/mesh/{}",
    "DOID": "http://purl.obolibrary.org/obo/DOID_{}",
    "MONDO": "http://purl.obolibrary.org/obo/MONDO_{}",
    "NCIT": "http://purl.obolibrary.org/obo/NCIT_{}",
    "CHEBI": "http://purl.obolibrary.org/obo/CHEBI_{}",
    "ICD10CM": "http://purl.bioontology.org/ontology/ICD10CM/{}",
    "MEDLINEPLUS": "https://medlineplus.gov/druginfo/meds/{}.html",
}
_LOCAL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def curie_iri(curie: str) -> str | None:
    """The IRI a CURIE such as DOID:9538 or DRUGBANK:DB01048 stands for; None if unknown."""
    prefix, sep, local = curie.strip().partition(":")
    template = CURIE_TEMPLATES.get(prefix.upper())
    if not sep or template is None or not _LOCAL_ID.match(local):
        return None
    return template.format(local)


def _digest(*parts: object) -> str:
    return hashlib.sha1("|".join(str(part) for part in parts).encode()).hexdigest()[:20]


class _ReleaseWriter:
    """Writes one release's facts; remembers which resources it has described already."""

    def __init__(self, graph: NamedGraph, facts: ReleaseFacts, iris: Iris,
                 document: ox.NamedNode, source_name: str, version: str) -> None:
        self.graph = graph
        self.facts = facts
        self.iris = iris
        self.document = document
        self.source_name = literal(source_name)
        self.version = literal(version)
        self.organizations: dict[str, ox.NamedNode] = {}
        self.products: dict[str, ox.NamedNode] = {}
        self.indications: dict[str, ox.NamedNode] = {}
        self.indication_ids = {
            " ".join(indication.name.lower().split()): indication
            for indication in facts.indications
        }

    def add(self, subject: ox.NamedNode, predicate: ox.NamedNode,
            value: ox.NamedNode | ox.Literal) -> None:
        self.graph.add((subject, predicate, value))

    # --- evidence --------------------------------------------------------------------------

    def annotate(self, body: ox.NamedNode, evidence: Evidence) -> ox.NamedNode:
        """A Web Annotation saying that `body` was read in this sentence of the document."""
        document = node(evidence.document) if evidence.document else self.document
        annotation = node(self.iris.evidence(
            _digest(body.value, document.value, evidence.start, evidence.end)))
        target = node(annotation.value + "/target")
        quote = node(annotation.value + "/quote")
        position = node(annotation.value + "/position")
        add = self.add
        add(annotation, RDF.type, OA.Annotation)
        add(annotation, OA.hasBody, body)
        add(annotation, OA.hasTarget, target)
        add(annotation, EKG.background, literal(evidence.background))
        add(annotation, EKG.extractorVersion, self.version)
        add(annotation, EKG.sourceFile, self.source_name)
        add(target, RDF.type, OA.SpecificResource)
        add(target, OA.hasSource, document)
        add(target, OA.hasSelector, quote)
        add(target, OA.hasSelector, position)
        add(quote, RDF.type, OA.TextQuoteSelector)
        add(quote, OA.exact, literal(evidence.sentence))
        add(position, RDF.type, OA.TextPositionSelector)
        # xsd:integer rather than OA's xsd:nonNegativeInteger: Oxigraph stores every integer
        # type as xsd:integer, so that is what queries and exports see (SHACL checks >= 0).
        add(position, OA.start, literal(evidence.start))
        add(position, OA.end, literal(evidence.end))
        return annotation

    def identifiers(self, subject: ox.NamedNode, ids: tuple[str, ...]) -> None:
        for curie in ids:
            self.add(subject, SCHEMA.identifier, literal(curie))
            iri = curie_iri(curie)
            if iri:
                self.add(subject, SKOS.exactMatch, node(iri))

    # --- resources named by the release ----------------------------------------------------

    def organization(self, key: str) -> ox.NamedNode:
        """The node of an organization key: its CIK entity, or one minted from the key."""
        subject = self.organizations.get(key)
        if subject is not None:
            return subject
        organization = self.facts.organizations.get(key)
        name = organization.name if organization else key
        aliases = list(organization.aliases) if organization else []
        if organization and organization.cik:
            # The header describes the company; the release adds the names it uses for it.
            subject = node_for_entity(self.iris, organization.cik)
            aliases.insert(0, name)
            preferred = None
        else:
            subject = node(self.iris.organization(key))
            preferred = name
            self.add(subject, RDFS.label, literal(name))
            self.add(subject, SKOS.prefLabel, literal(name))
        self.add(subject, RDF.type, EKG.Organization)
        for alias in dict.fromkeys(aliases):
            if alias and alias != preferred:
                self.add(subject, SKOS.altLabel, literal(alias))
        self.add(self.document, EKG.mentions, subject)
        self.organizations[key] = subject
        return subject

    def indication(self, name: str) -> ox.NamedNode:
        wanted = " ".join(name.lower().split())
        subject = self.indications.get(wanted)
        if subject is not None:
            return subject
        subject = node(self.iris.indication(name))
        self.indications[wanted] = subject
        self.add(subject, RDF.type, EKG.Indication)
        self.add(subject, RDFS.label, literal(name))
        self.add(self.document, EKG.mentions, subject)
        known = self.indication_ids.get(wanted)
        if known is not None:
            self.identifiers(subject, known.ids)
            if known.evidence is not None:
                self.annotate(subject, known.evidence)
        return subject

    def product_node(self, name: str) -> ox.NamedNode:
        """The product of this name, typed and labelled the first time it is met."""
        iri = str(self.iris.product(name))
        subject = self.products.get(iri)
        if subject is None:
            subject = self.products[iri] = node(iri)
            self.add(subject, RDF.type, EKG.Product)
            self.add(subject, RDFS.label, literal(name))
            self.add(self.document, EKG.mentions, subject)
        return subject

    # --- facts -----------------------------------------------------------------------------

    def product(self, product: Product) -> None:
        subject = self.product_node(product.name)
        product_class = PRODUCT_CLASSES.get(product.kind)
        if product_class is not None:
            self.add(subject, RDF.type, product_class)
        if product.kind:
            self.add(subject, EKG.productKind, literal(product.kind))
        self.identifiers(subject, product.ids)
        for phase in product.phases:
            self.add(subject, EKG.clinicalPhase, literal(phase))
        for name in product.indications:
            self.add(subject, EKG.productIndication, self.indication(name))
        if product.owner:
            self.add(subject, EKG.owner, self.organization(product.owner))
        for designation in product.designations:
            iri = f"{subject.value}/designation/{slug(designation.kind)}"
            if designation.agency:
                iri += f"/{slug(designation.agency)}"
            designation_node = node(iri)
            self.add(designation_node, RDF.type, EKG.RegulatoryDesignation)
            self.add(designation_node, RDFS.label,
                     literal(f"{designation.kind} designation of {product.name}"))
            self.add(designation_node, EKG.designationKind, literal(designation.kind))
            if designation.agency:
                self.add(designation_node, EKG.grantedBy, literal(designation.agency))
            self.add(designation_node, EKG.designationOf, subject)
            self.annotate(designation_node, designation.evidence)
        for evidence in product.evidence:
            self.annotate(subject, evidence)

    def deal(self, deal: Deal) -> ox.NamedNode:
        first = deal.evidence[0] if deal.evidence else None
        subject = node(self.iris.deal(_digest(
            self.document.value, deal.kind,
            ",".join(sorted(party.organization for party in deal.parties)),
            f"{first.start}-{first.end}" if first else "",
        )))
        add = self.add
        add(subject, RDF.type, EKG.Deal)
        add(subject, RDF.type, DEAL_CLASSES.get(deal.kind, EKG.OtherDeal))
        add(subject, EKG.dealKind, literal(deal.kind))
        for party in deal.parties:
            organization = self.organization(party.organization)
            add(subject, EKG.party, organization)
            role = ROLE_PROPERTIES.get(party.role)
            if role is not None:
                add(subject, role, organization)
        for name in deal.assets:
            add(subject, EKG.asset, self.product_node(name))
        for name in deal.indications:
            add(subject, EKG.indication, self.indication(name))
        if deal.exclusive is not None:
            add(subject, EKG.exclusive, literal(deal.exclusive))
        for territory in deal.territory:
            add(subject, EKG.territory, literal(territory))
        if deal.status:
            add(subject, EKG.dealStatus, literal(deal.status))
        # A deal the release announces without a date of its own is dated by the release.
        date = deal.date or (self.facts.date if deal.new else None)
        if date is not None:
            add(subject, EKG.dealDate, literal(date))
        add(subject, EKG.isNew, literal(deal.new))
        add(subject, EKG.directionStated, literal(deal.directed))
        add(subject, EKG.reportedIn, self.document)
        for evidence in deal.evidence:
            self.annotate(subject, evidence)
        return subject

    def person(self, person: Person) -> None:
        subject = node(self.iris.person(person.name, person.organization))
        self.add(subject, RDF.type, SCHEMA.Person)
        self.add(subject, SCHEMA.name, literal(person.name))
        self.add(self.document, EKG.mentions, subject)
        if not (person.title or person.organization):
            if person.evidence is not None:
                self.annotate(subject, person.evidence)
            return
        membership = node(subject.value + "/membership"
                          + (f"/{slug(person.title)}" if person.title else ""))
        self.add(membership, RDF.type, ORG.Membership)
        self.add(membership, ORG.member, subject)
        if person.organization:
            self.add(membership, ORG.organization, self.organization(person.organization))
        if person.title:
            role = node(self.iris.role(person.title))
            self.add(membership, SCHEMA.jobTitle, literal(person.title))
            self.add(membership, ORG.role, role)
            self.add(role, RDF.type, ORG.Role)
            self.add(role, SKOS.prefLabel, literal(person.title))
        if person.change:
            # An appointment or a departure that a form's Item reports (8-K Item 5.02).
            self.add(membership, EKG.officerChange, literal(person.change))
        if person.evidence is not None:
            self.annotate(membership, person.evidence)

    def ticker(self, ticker: Ticker) -> None:
        listing = node(self.iris.listing(ticker.exchange, ticker.symbol))
        self.add(listing, RDF.type, EKG.TickerListing)
        self.add(listing, EKG.ticker, literal(ticker.symbol))
        self.add(listing, EKG.exchange, literal(ticker.exchange))
        if ticker.organization:
            organization = self.organization(ticker.organization)
            self.add(organization, EKG.hasListing, listing)
            self.add(organization, EKG.ticker, literal(ticker.symbol))
            self.add(organization, EKG.exchange, literal(ticker.exchange))
        if ticker.evidence is not None:
            self.annotate(listing, ticker.evidence)


def add_release_facts(graph: NamedGraph, facts: ReleaseFacts, iris: Iris,
                      document: ox.NamedNode, source_name: str, version: str) -> None:
    """Write a release's organizations, deals, products, indications, people and tickers.

    `graph` is the caller's graph (a filing's graph, or a standalone release's graph) and
    `document` the node the facts were read from (the EX-99 document, or the ekg:PressRelease).
    Every fact read from a sentence gets an oa:Annotation whose target quotes the sentence and
    gives its offsets in `document`, with `source_name` and the extractor `version`.
    """
    writer = _ReleaseWriter(graph, facts, iris, document, source_name, version)
    for key in facts.organizations:
        writer.organization(key)
    if facts.issuer:
        graph.add((document, EKG.issuedBy, writer.organization(facts.issuer)))
    for ticker in facts.tickers:
        writer.ticker(ticker)
    for indication in facts.indications:
        writer.indication(indication.name)
    for product in facts.products:
        writer.product(product)
    for deal in facts.deals:
        writer.deal(deal)
    for person in facts.people:
        writer.person(person)
