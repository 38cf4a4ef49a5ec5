"""Name-history rules: what a header's dates mean, placeholders, recurring names, merging."""

from __future__ import annotations

import datetime as dt

from extractor.edgar.names import DateBound, NameRecord, merge_histories, records_from_header
from extractor.edgar.records import Entity, FormerName

D = dt.date


def _entity(name: str, *formers: tuple[str, dt.date | None]) -> Entity:
    return Entity(cik="0000000001", name=name,
                  former_names=[FormerName(n, d) for n, d in formers])


def _summary(records: list[NameRecord]) -> list[tuple[str, str, str | None]]:
    return [(r.name, r.start.edtf(), None if r.end is None else r.end.edtf()) for r in records]


def test_date_of_name_change_is_when_the_former_name_began() -> None:
    entity = _entity("C", ("B", D(2005, 6, 17)), ("A", D(2004, 2, 11)))
    records = records_from_header(entity, D(2017, 3, 8), "f1")
    assert _summary(records) == [
        ("A", "2004-02-11", "2005-06-17"),
        ("B", "2005-06-17", "[2005-06-17..2017-03-08]"),
        ("C", "[2005-06-17..2017-03-08]", None),
    ]


def test_edgar_load_date_means_on_or_before() -> None:
    entity = _entity("B", ("A", D(1992, 7, 3)))
    records = records_from_header(entity, D(2000, 1, 1), "f1")
    assert records[0].start == DateBound(None, D(1992, 7, 3))
    assert records[0].start.qualifier == "on-or-before"
    assert records[0].start_key() == "le-19920703"


def test_company_without_former_names_began_on_or_before_the_filing() -> None:
    records = records_from_header(_entity("A"), D(2010, 5, 1), "f1")
    assert _summary(records) == [("A", "[..2010-05-01]", None)]


def test_headers_listed_out_of_order_are_sorted_by_date() -> None:
    entity = _entity("C", ("A", D(2004, 2, 11)), ("B", D(2005, 6, 17)))
    assert [r.name for r in records_from_header(entity, D(2017, 3, 8), "f1")] == ["A", "B", "C"]


def test_recurring_name_stays_two_records() -> None:
    entity = _entity("R", ("P", D(2018, 3, 9)), ("E", D(2017, 6, 21)), ("P", D(2011, 10, 7)))
    merged = merge_histories(records_from_header(entity, D(2023, 6, 9), "f1"))
    assert [r.name for r in merged] == ["P", "E", "P", "R"]


def test_later_filing_tightens_bounds_and_cites_both_sources() -> None:
    old = records_from_header(_entity("B", ("A", D(2004, 1, 1))), D(2006, 1, 1), "f-old")
    new = records_from_header(_entity("C", ("B", D(2005, 5, 5)), ("A", D(2004, 1, 1))),
                              D(2012, 1, 1), "f-new")
    merged = merge_histories(old + new)
    # B was shown current on 2006-01-01, so it ended no earlier than that.
    assert _summary(merged) == [
        ("A", "2004-01-01", "2005-05-05"),
        ("B", "2005-05-05", "[2006-01-01..2012-01-01]"),
        ("C", "[2005-05-05..2012-01-01]", None),
    ]
    assert merged[0].sources == ("f-old", "f-new")
    assert merged[1].sources == ("f-old", "f-new")
    assert merged[2].sources == ("f-new",)
    assert not any(r.sources_disagree for r in merged)


def test_merge_is_order_independent_and_idempotent() -> None:
    a = records_from_header(_entity("B", ("A", D(2004, 1, 1))), D(2006, 1, 1), "f1")
    b = records_from_header(_entity("B", ("A", D(2004, 1, 1))), D(2009, 1, 1), "f2")
    forward = _summary(merge_histories(a + b))
    assert forward == _summary(merge_histories(b + a))
    assert forward == _summary(merge_histories(merge_histories(a + b) + a))
    assert forward == [("A", "2004-01-01", "[2004-01-01..2006-01-01]"),
                       ("B", "[2004-01-01..2006-01-01]", None)]


def test_contradicting_sources_give_a_covering_bound_and_a_flag() -> None:
    header = NameRecord("1", "N", DateBound.exact(D(2005, 2, 22)), DateBound.exact(D(2017, 2, 1)),
                        ("h",))
    json = NameRecord("1", "N", DateBound.exact(D(2005, 2, 17)), DateBound.exact(D(2017, 1, 27)),
                      ("j",))
    (merged,) = merge_histories([header, json])
    assert merged.start.edtf() == "[2005-02-17..2005-02-22]"
    assert merged.end is not None and merged.end.edtf() == "[2017-01-27..2017-02-01]"
    assert merged.sources_disagree


def test_a_third_source_does_not_silently_pick_a_side() -> None:
    # Header and JSON disagree on the start; a repeat of the JSON claim must not settle it.
    header = NameRecord("1", "N", DateBound.exact(D(2007, 1, 9)), None, ("h",), seen=D(2019, 1, 1))
    json = NameRecord("1", "N", DateBound.exact(D(2007, 1, 10)), None, ("j",), seen=D(2019, 1, 1))
    for records in ([header, json, json], [json, header, json], [json, json, header]):
        (merged,) = merge_histories(records)
        assert merged.start.edtf() == "[2007-01-09..2007-01-10]"
        assert merged.sources_disagree
        assert merged.is_current and merged.seen == D(2019, 1, 1)
