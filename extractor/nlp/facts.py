"""Typed facts read from one press release: organizations, deals, products, people, tickers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

DEAL_KINDS = ("license", "option", "collaboration", "acquisition", "merger", "investment",
              "distribution", "supply", "other")
DEAL_ROLES = ("licensor", "licensee", "acquirer", "target", "seller", "investor", "investee",
              "partner")
DEAL_STATUSES = ("announced", "completed", "letter_of_intent", "term_sheet", "amended",
                 "terminated")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: a sentence and its character offsets in the source document."""

    sentence: str
    start: int  # offsets into the document text as it stands in the input (HTML included)
    end: int
    background: bool = False  # read in an "About", forward-looking or similar section
    # The IRI of the document read, when it is not the one the facts were read from (a deal
    # an 8-K's Item and its press-release exhibit both state).
    document: str | None = None


@dataclass(slots=True)
class Organization:
    """An organization named in a release; `key` is its normalized name, stable across files."""

    key: str
    name: str  # the fullest form the text uses
    aliases: list[str] = field(default_factory=list)
    cik: str | None = None  # when it is one of the filing's header companies
    is_issuer: bool = False


@dataclass(slots=True)
class DealParty:
    role: str  # one of DEAL_ROLES
    organization: str  # Organization.key


@dataclass(slots=True)
class Deal:
    """An agreement between organizations, with roles only where the text gives a direction."""

    kind: str
    parties: list[DealParty]
    assets: list[str] = field(default_factory=list)
    indications: list[str] = field(default_factory=list)
    exclusive: bool | None = None
    territory: list[str] = field(default_factory=list)
    status: str = "announced"
    date: dt.date | None = None
    new: bool = True  # False when the release mentions it only as background
    directed: bool = False  # whether the roles came from the text's wording
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Designation:
    kind: str  # "orphan drug", "fast track", "breakthrough therapy", "RMAT", ...
    agency: str | None
    evidence: Evidence


@dataclass(slots=True)
class Indication:
    name: str
    ids: tuple[str, ...] = ()  # CURIEs such as DOID:9538, ICD10CM:C90.0
    evidence: Evidence | None = None


@dataclass(slots=True)
class Product:
    """A drug candidate, approved drug, device, test or platform named in the release."""

    name: str
    kind: str  # "drug-candidate", "drug", "platform", "device", "product"
    ids: tuple[str, ...] = ()  # DRUGBANK:..., MESH:... where the drug vocabulary knows it
    phases: list[str] = field(default_factory=list)
    designations: list[Designation] = field(default_factory=list)
    indications: list[str] = field(default_factory=list)
    owner: str | None = None  # Organization.key
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Person:
    name: str
    title: str | None
    organization: str | None  # Organization.key
    evidence: Evidence | None = None
    change: str | None = None  # "appointed" or "departed", where a form's Item reports it


@dataclass(slots=True)
class Ticker:
    exchange: str
    symbol: str
    organization: str | None  # Organization.key
    evidence: Evidence | None = None


@dataclass(slots=True)
class ReleaseFacts:
    """Everything read from one press release."""

    title: str | None
    date: dt.date | None
    issuer: str | None  # Organization.key
    organizations: dict[str, Organization] = field(default_factory=dict)
    deals: list[Deal] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    indications: list[Indication] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    tickers: list[Ticker] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def name_of(self, key: str | None) -> str | None:
        if key is None:
            return None
        organization = self.organizations.get(key)
        return organization.name if organization else key


def shift_evidence(facts: ReleaseFacts, offset: int) -> None:
    """Move every evidence offset by `offset`: facts read from a part of a document (a press
    release appended to an 8-K's text) then point into the whole document."""
    def moved(evidence: Evidence) -> Evidence:
        return replace(evidence, start=evidence.start + offset, end=evidence.end + offset)

    for deal in facts.deals:
        deal.evidence = [moved(e) for e in deal.evidence]
    for product in facts.products:
        product.evidence = [moved(e) for e in product.evidence]
        for designation in product.designations:
            designation.evidence = moved(designation.evidence)
    for item in [*facts.indications, *facts.people, *facts.tickers]:
        if item.evidence is not None:
            item.evidence = moved(item.evidence)


def gold_style(doc: str, releases: list[ReleaseFacts]) -> dict:
    """The facts of one input in the gold annotation format (../eval/GOLD_FORMAT.md)."""
    first = releases[0] if releases else ReleaseFacts(title=None, date=None, issuer=None)
    line: dict = {
        "doc": doc, "date": first.date.isoformat() if first.date else None,
        "issuer": first.name_of(first.issuer), "deals": [], "mentioned_deals": [],
        "aliases": {}, "people": [], "products": [], "indications": [], "tickers": [],
    }
    for facts in releases:
        for deal in facts.deals:
            roles: dict[str, list[str]] = {}
            for party in deal.parties:
                role = "parties" if deal.kind == "merger" else (
                    "partners" if party.role == "partner" else party.role)
                roles.setdefault(role, []).append(facts.name_of(party.organization) or "")
            entry = {
                "kind": deal.kind, "roles": roles, "assets": deal.assets,
                "indications": deal.indications, "exclusive": deal.exclusive,
                "territory": deal.territory, "status": deal.status,
            }
            line["deals" if deal.new else "mentioned_deals"].append(entry)
        for organization in facts.organizations.values():
            if organization.aliases:
                line["aliases"].setdefault(organization.name, []).extend(organization.aliases)
        for person in facts.people:
            line["people"].append({"name": person.name, "title": person.title,
                                   "org": facts.name_of(person.organization)})
        line["products"].extend(p.name for p in facts.products)
        line["indications"].extend(i.name for i in facts.indications)
        line["tickers"].extend({"exchange": t.exchange, "symbol": t.symbol,
                                "org": facts.name_of(t.organization)} for t in facts.tickers)
    for key in ("products", "indications"):
        line[key] = list(dict.fromkeys(line[key]))
    return line
