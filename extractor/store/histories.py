"""Merged name histories as the store keeps them: records read back from facts, and changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..edgar.dates import parse_date
from ..edgar.names import DateBound, NameRecord
from ..rdf.vocab import EKG

_EKG_NS = str(EKG)


@dataclass(slots=True)
class HistoryChanges:
    """What refreshing some merged histories changes: graphs to drop, N-Quads to add."""

    drop: list[str]
    nquads: bytes
    histories: int
    # every merged history of the chunk, changed or not, in the order name_history gives
    merged: dict[str, list[NameRecord]] = field(default_factory=dict)


def name_record(cik: str, facts: dict[str, str], sources: tuple[str, ...],
                labels: tuple[str, ...]) -> NameRecord:
    """A NameRecord from the first value of each property a statement or record node has."""
    def day(key: str) -> dt.date | None:
        return parse_date(facts.get(_EKG_NS + key))

    current = facts.get(_EKG_NS + "isCurrentName") == "true"
    return NameRecord(
        cik, facts.get(_EKG_NS + "name", ""),
        DateBound(day("startEarliest"), day("startLatest")),
        None if current else DateBound(day("endEarliest"), day("endLatest")),
        sources, seen=day("seenOn"),
        sources_disagree=facts.get(_EKG_NS + "sourcesDisagree") == "true",
        source_labels=labels,
    )


def sources_by_label(record: NameRecord) -> NameRecord:
    """The record with its sources in the order of their labels (as the stored history)."""
    if len(record.source_labels) != len(record.sources):
        return record
    pairs = sorted(zip(record.source_labels, record.sources, strict=True))
    record.sources = tuple(source for _, source in pairs)
    record.source_labels = tuple(label for label, _ in pairs)
    return record
