"""Typed records for what an EDGAR header says: filings, parties, companies, addresses, names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..read.submission import Document


@dataclass(slots=True)
class Address:
    """A business or mail address as given in a header block."""

    kind: str  # "business" or "mail"
    street1: str | None = None
    street2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    phone: str | None = None

    def is_empty(self) -> bool:
        return not any((self.street1, self.street2, self.city, self.state, self.zip, self.phone))


@dataclass(slots=True)
class FormerName:
    """One FORMER COMPANY block: a name the entity had, and the date that name began."""

    name: str
    date_changed: dt.date | None


@dataclass(slots=True)
class Entity:
    """An EDGAR entity (company or person) keyed by its CIK, as one header block describes it."""

    cik: str  # always 10 digits, zero-padded
    name: str
    sic_code: str | None = None
    sic_label: str | None = None
    organization_name: str | None = None
    irs_number: str | None = None
    state_of_incorporation: str | None = None
    fiscal_year_end: str | None = None  # MMDD
    addresses: list[Address] = field(default_factory=list)
    former_names: list[FormerName] = field(default_factory=list)
    is_person: bool = False


@dataclass(slots=True)
class Party:
    """An entity's role in one filing, with the filing values EDGAR recorded for that role."""

    role: str  # filer, subject-company, filed-by, reporting-owner, issuer, depositor, ...
    entity: Entity
    form_type: str | None = None
    act: str | None = None
    file_number: str | None = None
    film_number: str | None = None
    relationship: str | None = None  # Form 3/4/5 owner relationship, e.g. DIRECTOR


@dataclass(slots=True)
class Item:
    """An item reported by the filing (8-K items and the like)."""

    code: str | None
    title: str | None
    scheme: str  # e.g. "8-K", "8-K-pre2004", "ABS-15G", or the form type when unknown


@dataclass(slots=True)
class Header:
    """The SEC header of one submission, from either dialect."""

    accession_number: str
    form_type: str | None = None
    public_document_count: int | None = None
    period: dt.date | None = None
    filed: dt.date | None = None
    date_of_change: dt.date | None = None
    acceptance: dt.datetime | None = None
    effectiveness_date: dt.date | None = None
    items: list[Item] = field(default_factory=list)
    group_members: list[str] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    dialect: str = "tab"  # "tab", "angle" or "json"


@dataclass(slots=True)
class Submission:
    """A parsed EDGAR submission: its header (if any) and its documents."""

    header: Header | None
    documents: list[Document] = field(default_factory=list)
