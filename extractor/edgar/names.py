"""Company name histories: dated name records from headers and submissions JSON, merged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .dates import parse_date
from .records import Entity

# EDGAR dates every name already on record when it was loaded in 1992 with this placeholder.
EDGAR_LOAD_DATE = dt.date(1992, 7, 3)


@dataclass(frozen=True, slots=True)
class DateBound:
    """A date known exactly, or only to lie between `earliest` and `latest` (either may be open)."""

    earliest: dt.date | None = None
    latest: dt.date | None = None

    @classmethod
    def exact(cls, day: dt.date) -> DateBound:
        return cls(day, day)

    @property
    def is_exact(self) -> bool:
        return self.earliest is not None and self.earliest == self.latest

    @property
    def is_unknown(self) -> bool:
        return self.earliest is None and self.latest is None

    @property
    def qualifier(self) -> str:
        """exact, on-or-before, on-or-after, between or unknown."""
        if self.is_exact:
            return "exact"
        if self.earliest is None:
            return "unknown" if self.latest is None else "on-or-before"
        return "on-or-after" if self.latest is None else "between"

    def intersect(self, other: DateBound) -> DateBound | None:
        """The tightest bound both allow, or None if they contradict each other."""
        earliest = _max(self.earliest, other.earliest)
        latest = _min(self.latest, other.latest)
        if earliest is not None and latest is not None and earliest > latest:
            return None
        return DateBound(earliest, latest)

    def hull(self, other: DateBound) -> DateBound:
        """The narrowest bound that covers both: used when sources disagree."""
        earliest = None if self.earliest is None or other.earliest is None else min(
            self.earliest, other.earliest)
        latest = None if self.latest is None or other.latest is None else max(
            self.latest, other.latest)
        return DateBound(earliest, latest)

    def edtf(self) -> str:
        """The bound in EDTF notation: 2004-02-11, [..1992-07-03], [2005-06-17..2017-03-08]."""
        if self.is_exact:
            return self.earliest.isoformat()  # type: ignore[union-attr]
        if self.is_unknown:
            return ""
        low = self.earliest.isoformat() if self.earliest else ""
        high = self.latest.isoformat() if self.latest else ""
        return f"[{low}..{high}]"

    def sort_key(self) -> dt.date:
        return self.earliest or self.latest or dt.date.min


def _max(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else max(a, b)


def _min(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else min(a, b)


@dataclass(slots=True)
class NameRecord:
    """One name a CIK went by, with when it began and ended, and the sources that say so.

    `end` is None while the name is current; `seen` is the last date a source showed it current.
    """

    cik: str
    name: str
    start: DateBound
    end: DateBound | None
    sources: tuple[str, ...]
    seen: dt.date | None = None
    sources_disagree: bool = False
    source_labels: tuple[str, ...] = field(default=())

    @property
    def is_current(self) -> bool:
        return self.end is None

    def start_key(self) -> str:
        """The start as a stable IRI segment: 20040211, le-19920703, 20050617-20170308, unknown."""
        bound = self.start
        if bound.is_exact:
            return bound.earliest.strftime("%Y%m%d")  # type: ignore[union-attr]
        low = bound.earliest.strftime("%Y%m%d") if bound.earliest else ""
        high = bound.latest.strftime("%Y%m%d") if bound.latest else ""
        if low and high:
            return f"{low}-{high}"
        if high:
            return f"le-{high}"
        if low:
            return f"ge-{low}"
        return "unknown"


def _former_start(date_changed: dt.date | None) -> DateBound:
    if date_changed is None:
        return DateBound()
    if date_changed == EDGAR_LOAD_DATE:
        return DateBound(None, EDGAR_LOAD_DATE)
    return DateBound.exact(date_changed)


def records_from_header(entity: Entity, filed: dt.date | None, source: str,
                        label: str | None = None) -> list[NameRecord]:
    """The name history one header states for one entity, oldest first.

    DATE OF NAME CHANGE is the day that *former* name began; it ended when the next newer name
    began. The newest former name ended when the current name began, which the header does not
    give: that date is only known to lie between the newest change and the filing date.
    """
    labels = (label or source,)
    formers = [f for f in entity.former_names if f.name]
    # Headers list former names newest first; sort on the dates in case a header does not.
    formers.sort(key=lambda f: f.date_changed or dt.date.min, reverse=True)
    records: list[NameRecord] = []
    newer_start: DateBound | None = None
    for index, former in enumerate(formers):
        start = _former_start(former.date_changed)
        if index == 0:
            end = DateBound(start.earliest or start.latest, filed)
        else:
            end = newer_start or DateBound()
        records.append(NameRecord(entity.cik, former.name, start, end, (source,),
                                  source_labels=labels))
        newer_start = start
    if entity.name:
        if formers:
            newest = _former_start(formers[0].date_changed)
            current_start = DateBound(newest.earliest or newest.latest, filed)
        else:
            current_start = DateBound(None, filed)
        records.insert(0, NameRecord(entity.cik, entity.name, current_start, None, (source,),
                                     seen=filed, source_labels=labels))
    records.reverse()  # built newest first, as headers list them; returned oldest first
    return records


def records_from_submissions_json(cik: str, name: str, former_names: Sequence[dict],
                                  source: str, label: str | None = None,
                                  as_of: dt.date | None = None) -> list[NameRecord]:
    """The name history of an SEC submissions JSON: formerNames with from/to, and the name."""
    labels = (label or source,)
    records: list[NameRecord] = []
    latest_end: dt.date | None = None
    for entry in former_names:
        former = " ".join(str(entry.get("name", "")).split())
        if not former:
            continue
        start_day = parse_date(entry.get("from"))
        end_day = parse_date(entry.get("to"))
        start = _former_start(start_day) if start_day else DateBound()
        end = DateBound.exact(end_day) if end_day else DateBound()
        records.append(NameRecord(cik, former, start, end, (source,), source_labels=labels))
        if end_day and (latest_end is None or end_day > latest_end):
            latest_end = end_day
    if name:
        start = DateBound(latest_end, as_of) if latest_end or as_of else DateBound()
        records.append(NameRecord(cik, " ".join(name.split()), start, None, (source,),
                                  seen=as_of, source_labels=labels))
    records.sort(key=lambda r: r.start.sort_key())
    return records


def _extent(record: NameRecord) -> tuple[dt.date, dt.date]:
    # The widest span the name could cover; a current name runs on without end.
    low = record.start.earliest or record.start.latest or dt.date.min
    if record.end is None:
        high = dt.date.max
    else:
        high = record.end.latest or record.end.earliest or dt.date.max
    return low, high


def _overlaps(extent: tuple[dt.date, dt.date], record: NameRecord) -> bool:
    low, high = _extent(record)
    return extent[0] <= high and low <= extent[1]


def _combine_all(bounds: list[DateBound]) -> tuple[DateBound, bool]:
    """Intersect every source's bound; if they contradict, cover them all and say so."""
    tight: DateBound | None = bounds[0]
    for bound in bounds[1:]:
        tight = tight.intersect(bound) if tight is not None else None
    if tight is not None:
        return tight, False
    covering = bounds[0]
    for bound in bounds[1:]:
        covering = covering.hull(bound)
    return covering, True


def _merge_cluster(cluster: list[NameRecord]) -> NameRecord:
    first = cluster[0]
    start, disagree = _combine_all([r.start for r in cluster])
    closed = [r.end for r in cluster if r.end is not None]
    seen = max((r.seen for r in cluster if r.seen), default=None)
    if not closed:
        end = None
    else:
        # A name shown current on day X ended (if at all) on or after X.
        shown_current = [DateBound(r.seen, None) for r in cluster if r.end is None and r.seen]
        end, end_disagree = _combine_all(closed + shown_current)
        disagree = disagree or end_disagree
    sources = tuple(dict.fromkeys(s for r in cluster for s in r.sources))
    labels = tuple(dict.fromkeys(label for r in cluster for label in r.source_labels))
    return NameRecord(first.cik, first.name, start, end, sources,
                      seen if end is None else None,
                      disagree or any(r.sources_disagree for r in cluster), labels)


def merge_histories(records: Iterable[NameRecord]) -> list[NameRecord]:
    """Merge name records of one or many CIKs into one ordered, de-duplicated history per CIK.

    Records of the same CIK and name are one record when their possible spans overlap; a name
    that recurs after another name (a company going back to an old name) stays two records.
    Each merged bound is the intersection of what every source says, the tightest bound they
    all allow; where sources contradict each other it covers all of them and is flagged.
    """
    groups: dict[tuple[str, str], list[NameRecord]] = {}
    for record in records:
        groups.setdefault((record.cik, record.name), []).append(record)
    merged: list[NameRecord] = []
    for group in groups.values():
        # Anchored records first, so an open-ended record joins the span it fits best.
        group.sort(key=lambda r: (r.start.is_unknown, r.start.sort_key()))
        clusters: list[tuple[list[NameRecord], tuple[dt.date, dt.date]]] = []
        for record in group:
            for index, (members, extent) in enumerate(clusters):
                if _overlaps(extent, record):
                    low, high = _extent(record)
                    members.append(record)
                    clusters[index] = (members, (min(extent[0], low), max(extent[1], high)))
                    break
            else:
                clusters.append(([record], _extent(record)))
        merged.extend(_merge_cluster(members) for members, _ in clusters)
    merged.sort(key=lambda r: (r.cik, r.start.sort_key(), r.end is None,
                               (r.end.sort_key() if r.end else dt.date.max), r.name))
    return merged
