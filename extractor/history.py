"""Company look-up by CIK or any name, and name-history rows for display."""

from __future__ import annotations

import pyoxigraph as ox

from .errors import AmbiguousCompany, UnknownCompany
from .header import normalize_cik
from .names import NameRecord
from .store import KnowledgeStore

_MATCH = """
SELECT DISTINCT ?cik ?current ?wanted WHERE {
  ?entity ekg:cik ?cik .
  { ?entity ekg:conformedName ?name } UNION { ?record ekg:entity ?entity ; ekg:name ?name }
  FILTER (%s)
  OPTIONAL { ?entity ekg:currentName ?current }
}
ORDER BY ?cik
"""
# The filter is chosen from two fixed texts; the user's text is only ever a bound term.
_EXACT = "LCASE(STR(?name)) = ?wanted"
_CONTAINS = "CONTAINS(LCASE(STR(?name)), ?wanted)"


def resolve_company(store: KnowledgeStore, company: str) -> str:
    """The CIK meant by `company`: a CIK (leading zeros optional) or a current or former name.

    Names match case-insensitively, exactly first and then as a substring; a name that fits
    several CIKs raises AmbiguousCompany listing them.
    """
    text = company.strip()
    if text.isdigit():
        cik = normalize_cik(text)
        if cik and store.has_entity(cik):
            return cik
        raise UnknownCompany(f"no company with CIK {text} in the store")
    wanted = {"wanted": ox.Literal(" ".join(text.lower().split()))}
    for condition in (_EXACT, _CONTAINS):
        found: dict[str, str] = {}
        for row in store.query(_MATCH % condition, wanted):
            cik = row["cik"].value
            current = row["current"].value if row["current"] is not None else ""
            if current or cik not in found:
                found[cik] = current
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            raise AmbiguousCompany(company, sorted(found.items()))
    raise UnknownCompany(f"no company named {company!r} (current or former) in the store")


def history_rows(records: list[NameRecord]) -> list[dict[str, str | None]]:
    """Rows with keys cik, name, start, end, source: EDTF bounds, end None while current."""
    rows = []
    for record in records:
        rows.append({
            "cik": record.cik,
            "name": record.name,
            "start": record.start.edtf() or None,
            "end": None if record.end is None else (record.end.edtf() or None),
            "source": " | ".join(record.source_labels),
        })
    return rows


def history_table_rows(records: list[NameRecord]) -> list[dict[str, str | None]]:
    """Like history_rows, but the end of a current name says so and when it was last seen."""
    rows = history_rows(records)
    for row, record in zip(rows, records, strict=True):
        if record.end is None:
            row["end"] = f"current (seen {record.seen.isoformat()})" if record.seen else "current"
        elif row["end"] is None:
            row["end"] = "unknown"
        if row["start"] is None:
            row["start"] = "unknown"
    return rows
