"""A company card: names over time, tickers, filings by form, deals by role, people, mentions."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pyoxigraph as ox

from ..linking.store_links import company_index_of, tickers_of
from ..store.embedded import KnowledgeStore
from .history import history_rows, resolve_company
from .queries import load_query, run_query

# The names documents used for organizations linked to the company, with how they linked.
_MENTIONS = """
SELECT ?name ?method (COUNT(DISTINCT ?record) AS ?documents) ?entity WHERE {
  GRAPH ?links { ?record ekg:linkedTo ?entity ; ekg:matchedName ?name ; ekg:linkMethod ?method }
} GROUP BY ?name ?method ?entity ORDER BY DESC(?documents) ?name
"""


def company_card(store: KnowledgeStore, company: str) -> dict[str, Any]:
    """Everything the store knows of one company (a CIK or any current or former name)."""
    cik = resolve_company(store, company)
    entity = ox.NamedNode(str(store.iris.entity(cik)))
    names = history_rows(store.name_history(cik))
    tickers = _distinct_listings(
        [(ticker, exchange) for _, ticker, exchange in tickers_of(store, [cik])]
        + company_index_of(store).listings(cik))
    filings = run_query(store, load_query("filings-by-company"), {"cik": cik}).records()
    by_form = Counter(form or "?" for _, form in {(row["accession"], row["formType"])
                                                  for row in filings})
    deals = [row for row in run_query(store, load_query("deal-network"), {}).typed_records()
             if entity.value in (row["source"], row["target"])]
    people = run_query(store, load_query("people-by-company"), {"cik": cik}).typed_records()
    subsidiaries, insiders, owners = _stated(store, entity.value)
    mentions = [{"name": row["name"].value, "method": row["method"].value,
                 "documents": int(row["documents"].value)}
                for row in store.query(_MENTIONS, {"entity": entity})]
    return {
        "cik": cik,
        "iri": entity.value,
        "names": names,
        "tickers": [{"ticker": symbol, "exchange": exchange or None}
                    for symbol, exchange in tickers],
        "filings_by_form": dict(sorted(by_form.items())),
        "filings": sum(by_form.values()),
        "deals": [_deal_row(row, entity.value) for row in deals],
        "people": [{key: row.get(key) for key in ("person", "title", "source") if key in row}
                   for row in people],
        "subsidiaries": subsidiaries,
        "insiders": insiders,
        "owners": owners,
        "mentioned_as": mentions,
    }


def _stated(store: KnowledgeStore, iri: str
            ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The subsidiaries of the company's newest Exhibit 21, each insider's newest
    relationship, and each holder's newest stake."""
    def rows(name: str) -> list[dict[str, Any]]:
        return run_query(store, load_query(name), {"company": iri}).typed_records()

    listed = rows("subsidiaries-of")
    newest = max((row["asOf"] or "" for row in listed), default="")
    subsidiaries = [{"subsidiary": row["subsidiary"], "jurisdiction": row["jurisdiction"],
                     "percent": row["percent"], "parent": row["parent"], "as_of": row["asOf"]}
                    for row in listed if (row["asOf"] or "") == newest]
    insiders: dict[str, dict[str, Any]] = {}
    for row in rows("insiders-of"):  # newest period first
        roles = [name for name, flag in (("director", row["director"]),
                                         ("officer", row["officer"]),
                                         ("10% owner", row["tenPercent"])) if flag]
        insiders.setdefault(row["insiderIri"], {
            "insider": row["insider"], "roles": roles, "title": row["title"],
            "period": row["period"], "form": row["form"]})
    owners = [{"holder": row["holder"], "percent": row["percent"], "shares": row["shares"],
               "event_date": row["eventDate"], "form": row["form"], "as_of": row["asOf"]}
              for row in rows("owners-of") if row["current"]]
    return subsidiaries, list(insiders.values()), owners


def _distinct_listings(listings: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Each (ticker, exchange) once, first spelling kept (filings write "Nasdaq", SEC
    "NASDAQ"), and a ticker without an exchange only when no listing names one."""
    with_exchange = {ticker.upper() for ticker, exchange in listings if exchange}
    seen: set[tuple[str, str]] = set()
    kept = []
    for ticker, exchange in listings:
        key = (ticker.upper(), (exchange or "").upper())
        if key in seen or (not exchange and ticker.upper() in with_exchange):
            continue
        seen.add(key)
        kept.append((ticker, exchange))
    return kept


def _deal_row(row: dict[str, Any], entity: str) -> dict[str, Any]:
    ours = row["source"] == entity
    return {
        "date": row.get("date"),
        "kind": row.get("kind"),
        "role": row["sourceRole"] if ours else row["targetRole"],
        "counterparty": row["targetName"] if ours else row["sourceName"],
        "counterparty_role": row["targetRole"] if ours else row["sourceRole"],
        "counterparty_iri": row["target"] if ours else row["source"],
        "new": row.get("isNew"),
        "evidence": row.get("evidence"),
    }
