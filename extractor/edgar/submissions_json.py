"""A company's submissions JSON (data.sec.gov/submissions/CIK##########.json) as an Entity."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from .dates import parse_date
from .header import normalize_cik
from .records import Address, Entity


@dataclass(frozen=True, slots=True)
class SubmissionsJson:
    """The company a submissions JSON describes, the day of its newest filing listed (what
    its names are as of) and the parsed document for the fields read later."""

    entity: Entity
    as_of: dt.date | None
    data: dict[str, Any]


def read_submissions_json(text: str) -> SubmissionsJson:
    """Parse a submissions JSON; raises ValueError for bad JSON or a missing CIK."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("submissions JSON is not an object")
    cik = normalize_cik(data.get("cik"))
    if cik is None:
        raise ValueError("submissions JSON without a usable cik")
    addresses = []
    for kind, address in (data.get("addresses") or {}).items():
        if isinstance(address, dict):
            addresses.append(Address(
                kind="business" if kind.startswith("business") else "mail",
                street1=address.get("street1"), street2=address.get("street2"),
                city=address.get("city"), state=address.get("stateOrCountry"),
                zip=address.get("zipCode"),
                phone=data.get("phone") if kind.startswith("business") else None,
            ))
    entity = Entity(
        cik=cik, name=" ".join(str(data.get("name") or "").split()),
        sic_code=str(data.get("sic") or "") or None,
        sic_label=data.get("sicDescription") or None,
        irs_number=(data.get("ein") or None),
        state_of_incorporation=data.get("stateOfIncorporation") or None,
        fiscal_year_end=data.get("fiscalYearEnd") or None, addresses=addresses,
        is_person=data.get("entityType") == "individual",
    )
    recent = (data.get("filings") or {}).get("recent") or {}
    filing_dates = [d for d in (parse_date(x) for x in recent.get("filingDate", [])) if d]
    return SubmissionsJson(entity, max(filing_dates) if filing_dates else None, data)
