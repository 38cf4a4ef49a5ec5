"""Company look-up by CIK or any name, name-history rows, and license histories for display."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..edgar.header import normalize_cik
from ..edgar.names import NameRecord
from ..errors import AmbiguousCompany, NoDeals, UnknownCompany
from ..linking.keys import company_key
from ..store.embedded import KnowledgeStore
from .queries import load_query, run_query

# The names that fit come first: each source of names is read inside the graph that holds
# it and filtered before it is joined to anything (a subquery keeps the filter ahead of the
# join). In the union default graph a company's CIK and names repeat once per filing naming
# it, and joining those repeats before filtering multiplies them.
_MATCH = """
SELECT DISTINCT ?cik ?current ?wanted WHERE {
  { SELECT DISTINCT ?entity ?wanted WHERE {
      { GRAPH ?graph { ?entity ekg:conformedName ?name } FILTER (%(condition)s) }
      UNION {
        { SELECT ?record ?wanted WHERE {
            GRAPH ?graph { ?record ekg:name ?name } FILTER (%(condition)s)
          } }
        ?record ekg:entity ?entity .
      }
    } }
  ?entity ekg:cik ?cik .
  OPTIONAL { ?entity ekg:currentName ?current }
}
ORDER BY ?cik
"""
# The filter is chosen from two fixed texts; the user's text is only ever a bound term.
_EXACT = "LCASE(STR(?name)) = ?wanted"
_CONTAINS = "CONTAINS(LCASE(STR(?name)), ?wanted)"
_TICKER_QUERY = """
SELECT DISTINCT ?cik ?symbol WHERE { ?entity ekg:cik ?cik ; ekg:ticker ?ticker
  FILTER (UCASE(STR(?ticker)) = ?symbol) }
"""
_ALL_NAMES = """
SELECT DISTINCT ?name WHERE { { [] ekg:conformedName ?name } UNION { [] ekg:name ?name } }
"""


def _companies_named(store: KnowledgeStore, condition: str, text: str) -> dict[str, str]:
    """The CIKs whose current or former names meet `condition`, each with its current name."""
    found: dict[str, str] = {}
    wanted = {"wanted": ox.Literal(" ".join(text.lower().split()))}
    for row in store.query(_MATCH % {"condition": condition}, wanted):
        cik = row["cik"].value
        current = row["current"].value if row["current"] is not None else ""
        if current or cik not in found:
            found[cik] = current
    return found


def _ticker_cik(store: KnowledgeStore, text: str) -> str | None:
    """The CIK a trading symbol ("CLRB") stands for, when the store lists it for one company."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z.\-]{0,9}", text):
        return None
    ciks = {row["cik"].value for row in store.query(
        _TICKER_QUERY, {"symbol": ox.Literal(text.upper())})}
    return ciks.pop() if len(ciks) == 1 else None


def _did_you_mean(store: KnowledgeStore, text: str) -> str:
    """"; did you mean ...?" with the store's company names closest to `text`, if any."""
    names = {row["name"].value.lower(): row["name"].value for row in store.query(_ALL_NAMES)}
    close = difflib.get_close_matches(text.lower(), list(names), n=3, cutoff=0.75)
    if not close:
        # A misspelt word of a longer name ("Cellectr"): compare with each name's words too.
        words = {word: name for key, name in names.items() for word in key.split()}
        close = [key for key in (names.get(n) or words[n] for n in difflib.get_close_matches(
            text.lower(), list(words), n=3, cutoff=0.8)) if key]
        return f"; did you mean {' or '.join(dict.fromkeys(close))}?" if close else ""
    return f"; did you mean {' or '.join(names[key] for key in close)}?"


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
    # A name exactly, else a trading symbol, else part of a name.
    found = _companies_named(store, _EXACT, text)
    if not found:
        ticker = _ticker_cik(store, text)
        if ticker:
            return ticker
        found = _companies_named(store, _CONTAINS, text)
    if len(found) == 1:
        return next(iter(found))
    if found:
        raise AmbiguousCompany(company, sorted(found.items()))
    raise UnknownCompany(f"no company named {company!r} (current or former) in the store"
                         + _did_you_mean(store, text))


# Organizations by any name: a CIK entity's EDGAR names, or the names releases give any
# organization (label, preferred label, aliases). The display name prefers the EDGAR name,
# then the preferred label, the label, and last the name that matched (the least of each).
# As in _MATCH, the names are made distinct and filtered before anything is joined to them,
# and the display name is one ranked UNION ("rank<TAB>name", least first) rather than an
# OPTIONAL per kind of name, whose cross product grows with the square of the graphs naming
# the organization.
_ORGANIZATION_MATCH = """
SELECT ?organization (STRAFTER(MIN(?rankedName), "\\t") AS ?shown) ?wanted WHERE {
  { SELECT DISTINCT ?organization ?name ?kind ?wanted WHERE {
      { GRAPH ?graph { ?organization ekg:conformedName ?name } BIND ("edgar" AS ?kind) }
      UNION {
        { SELECT ?record ?name ?wanted WHERE {
            GRAPH ?graph { ?record ekg:name ?name } FILTER (%(condition)s)
          } }
        ?record ekg:entity ?organization .
        BIND ("edgar" AS ?kind)
      }
      UNION { GRAPH ?graph { ?organization skos:altLabel ?name } BIND ("alias" AS ?kind) }
      UNION { GRAPH ?graph { ?organization rdfs:label ?name } BIND ("label" AS ?kind) }
      UNION { GRAPH ?graph { ?organization skos:prefLabel ?name } BIND ("label" AS ?kind) }
      FILTER (%(condition)s)
    } }
  # EDGAR names belong to a CIK entity, labels to an organization, and aliases to either.
  FILTER ((?kind != "label" && EXISTS { ?organization ekg:cik ?cik })
          || (?kind != "edgar" && EXISTS { ?organization a ekg:Organization }))
  OPTIONAL {
    { ?organization ekg:currentName ?known BIND ("0" AS ?rank) }
    UNION { ?organization skos:prefLabel ?known BIND ("1" AS ?rank) }
    UNION { ?organization rdfs:label ?known BIND ("2" AS ?rank) }
    BIND (CONCAT(?rank, "\\t", STR(?known)) AS ?ranked)
  }
  BIND (COALESCE(?ranked, CONCAT("3\\t", STR(?name))) AS ?rankedName)
}
GROUP BY ?organization ?wanted
ORDER BY ?organization
"""
_ENTITY_OF_CIK = "SELECT ?entity ?cik WHERE { ?entity ekg:cik ?cik } LIMIT 1"
# The name to show, as in _ORGANIZATION_MATCH: the least of the first kind of name it has.
_NAME_OF = """
SELECT ?organization (STRAFTER(MIN(?rankedName), "\\t") AS ?shown) WHERE {
  { ?organization ekg:currentName ?known BIND ("0" AS ?rank) }
  UNION { ?organization skos:prefLabel ?known BIND ("1" AS ?rank) }
  UNION { ?organization rdfs:label ?known BIND ("2" AS ?rank) }
  BIND (CONCAT(?rank, "\\t", STR(?known)) AS ?rankedName)
}
GROUP BY ?organization
"""


@dataclass(slots=True)
class Organization:
    """An organization found in the store: its IRI and the name to show for it."""

    iri: str
    name: str


_LINKED = "SELECT DISTINCT ?entity ?organization WHERE { ?organization ekg:refersTo ?entity }"


def _linked(store: KnowledgeStore, organization: Organization) -> Organization:
    """The EDGAR company an organization is linked to, when every link of it says the same."""
    entities = {row["entity"].value for row in store.query(
        _LINKED, {"organization": ox.NamedNode(organization.iri)})}
    if len(entities) == 1:
        iri = entities.pop()
        return Organization(iri, _display_name(store, iri))
    return organization


def _display_name(store: KnowledgeStore, iri: str) -> str:
    for row in store.query(_NAME_OF, {"organization": ox.NamedNode(iri)}):
        if row["shown"] is not None:
            return row["shown"].value
    return iri


def resolve_organization(store: KnowledgeStore, company: str) -> Organization:
    """The organization meant by `company`: a CIK, or any name a filing or release gives it.

    CIKs and EDGAR names resolve as in resolve_company; names match the labels and aliases
    of organizations without a CIK too (for example 'WARF'), case-insensitively, exactly
    first and then as a substring. A name that fits several organizations raises
    AmbiguousCompany listing them.
    """
    text = company.strip()
    if text.isdigit():
        return _organization_of_cik(store, resolve_company(store, text))
    # A name exactly, else a trading symbol, else part of a name.
    found = _organizations_named(store, _EXACT, text)
    if not found:
        cik = _ticker_cik(store, text)
        if cik:
            return _organization_of_cik(store, cik)
        found = _organizations_named(store, _CONTAINS, text)
    if len(found) == 1:
        iri, name = next(iter(found.items()))
        return _linked(store, Organization(iri, name))
    if found:
        candidates = [(iri.rsplit("/", 1)[-1] if "/cik/" in iri else iri, name)
                      for iri, name in sorted(found.items())]
        raise AmbiguousCompany(company, candidates, "give a CIK or a fuller name instead")
    raise UnknownCompany(f"no company or organization named {company!r} in the store"
                         + _did_you_mean(store, text))


def _organizations_named(store: KnowledgeStore, condition: str, text: str) -> dict[str, str]:
    """The organizations a name meets by `condition`, as few as the facts allow."""
    wanted = {"wanted": ox.Literal(" ".join(text.lower().split()))}
    found = {row["organization"].value: row["shown"].value
             for row in store.query(_ORGANIZATION_MATCH % {"condition": condition}, wanted)}
    return _narrowed(store, found, text)


def _narrowed(store: KnowledgeStore, found: dict[str, str], text: str) -> dict[str, str]:
    """Candidates an organization name fits, as few as the facts allow: an organization
    linked to a company is that company, and names whose key is the asked name's ("NUANCE
    COMMUNICATIONS" for "Nuance Communications, Inc.") go before names that only contain it
    ("Nuance Communications Ireland Limited")."""
    if len(found) < 2:
        return found
    merged: dict[str, str] = {}
    for iri, name in found.items():
        target = _linked(store, Organization(iri, name))
        merged.setdefault(target.iri, target.name)
    wanted = company_key(text)
    same = {iri: name for iri, name in merged.items() if company_key(name) == wanted}
    return same or merged


def _organization_of_cik(store: KnowledgeStore, cik: str) -> Organization:
    for row in store.query(_ENTITY_OF_CIK, {"cik": ox.Literal(cik)}):
        iri = row["entity"].value
        return Organization(iri, _display_name(store, iri))
    raise UnknownCompany(f"no company with CIK {cik} in the store")


@dataclass(slots=True)
class LicenseHistory:
    """An organization's license and option deals, one row per counterparty, by date."""

    organization: Organization
    rows: list[dict[str, str | None]]
    # the same rows with typed values: booleans, and lists for assets and indications
    values: list[dict[str, object]] = field(default_factory=list)


LICENSE_COLUMNS = ("date", "kind", "role", "counterparty", "counterparty_role", "assets",
                   "indications", "exclusive", "status", "new", "evidence", "deal")


def license_history(store: KnowledgeStore, company: str) -> LicenseHistory:
    """Every license or option deal `company` (CIK or any name) is a party to, in date order.

    Raises UnknownCompany or AmbiguousCompany when `company` names no single organization,
    and NoDeals when it is party to no license or option deal.
    """
    organization = resolve_organization(store, company)
    result = run_query(store, load_query("license-history"), {"company": organization.iri})
    rows = [{column: record.get(column) for column in LICENSE_COLUMNS}
            for record in result.records()]
    typed = [dict(zip(result.variables, row, strict=True)) for row in result.values]
    values = [{column: record.get(column) for column in LICENSE_COLUMNS} for record in typed]
    if not rows:
        raise NoDeals(f"no license or option deals for {organization.name} "
                      f"({organization.iri}) in the store")
    return LicenseHistory(organization, rows, values)


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
