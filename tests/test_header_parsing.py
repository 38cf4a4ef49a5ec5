"""The header parser's edge cases, on small headers written here (no shared corpus needed)."""

from __future__ import annotations

import datetime as dt

from extractor.edgar.dates import parse_date
from extractor.edgar.header import parse_angle_blocks, parse_header, parse_tab_blocks

_TOP = ("<SEC-HEADER>0000000001-24-000001.hdr.sgml : 20240105\n"
        "ACCESSION NUMBER:\t\t0000000001-24-000001\n"
        "CONFORMED SUBMISSION TYPE:\t8-K\n"
        "FILED AS OF DATE:\t\t20240105\n")


def _filer(company_data: str) -> str:
    return (_TOP + "\nFILER:\n\n\tCOMPANY DATA:\t\n"
            "\t\tCOMPANY CONFORMED NAME:\t\t\tACME  HOLDINGS INC\n"
            "\t\tCENTRAL INDEX KEY:\t\t\t0000000042\n" + company_data + "</SEC-HEADER>\n")


def test_a_value_broken_before_its_bracket_is_rejoined() -> None:
    header = parse_header(_filer(
        "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tFIRE, MARINE & CASUALTY INSURANCE [6331\n"
        "]\t\tIRS NUMBER:\t\t\t\t470813844\n"))
    entity = header.parties[0].entity
    assert (entity.sic_code, entity.sic_label) == ("6331", "FIRE, MARINE & CASUALTY INSURANCE")
    assert entity.irs_number == "470813844"
    assert entity.name == "ACME HOLDINGS INC"


def test_a_bracket_after_an_empty_value_becomes_that_value() -> None:
    root = parse_tab_blocks(_filer("\t\tSTATE OF INCORPORATION:\n]\n\t\tFISCAL YEAR END:\t1231\n"))
    data = root.children[0].children[0]
    assert data.first("STATE-OF-INCORPORATION") == "]"
    assert data.first("FISCAL-YEAR-END") == "1231"


def test_two_brackets_in_a_row_both_join_the_value() -> None:
    root = parse_tab_blocks(_filer("\t\tSTATE OF INCORPORATION:\tDE\n]\n]\n"))
    assert root.children[0].children[0].first("STATE-OF-INCORPORATION") == "DE]]"


def test_empty_values_are_skipped_and_repeated_keys_keep_every_value_in_order() -> None:
    text = (_TOP + "ITEM INFORMATION:\t\n"
            "ITEM INFORMATION:\t\tEntry into a Material Definitive Agreement\n"
            "ITEM INFORMATION:\t\tFinancial Statements and Exhibits\n"
            "GROUP MEMBERS:\t\tJANE  DOE\nGROUP MEMBERS:\t\tJOHN DOE\n")
    root = parse_tab_blocks(text)
    assert root.first("ITEM-INFORMATION") == "Entry into a Material Definitive Agreement"
    assert root.values("ITEM-INFORMATION") == [
        "Entry into a Material Definitive Agreement", "Financial Statements and Exhibits"]
    assert root.values("CONFORMED-PERIOD") == []
    header = parse_header(text)
    assert [item.code for item in header.items] == ["1.01", "9.01"]
    assert header.group_members == ["JANE DOE", "JOHN DOE"]


def test_a_tag_line_without_its_closing_angle_is_not_a_tag() -> None:
    # The first line makes "<ACCEPTANCE-DATETIME" a known tag head; the broken one after it
    # must still be skipped, not read as an empty field.
    text = _TOP.replace("<SEC-HEADER>", "<ACCEPTANCE-DATETIME>20240105160249\n<SEC-HEADER>")
    assert parse_header(text).acceptance == dt.datetime(2024, 1, 5, 16, 2, 49)
    broken = text + "<ACCEPTANCE-DATETIME\n"
    assert parse_tab_blocks(broken).values("ACCEPTANCE-DATETIME") == ["20240105160249"]


def test_angle_blocks_keep_repeated_leaves_and_skip_empty_ones() -> None:
    root = parse_angle_blocks(
        "<SUBMISSION>\n<ACCESSION-NUMBER>0000000001-24-000001\n<TYPE>8-K\n<ITEMS>1.01\n"
        "<ITEMS>\n<ITEMS>9.01\n<FILER>\n<COMPANY-DATA>\n<CIK>0000000042\n"
        "<CONFORMED-NAME>ACME\n</COMPANY-DATA>\n</FILER>\n</SUBMISSION>\n")
    assert root.values("ITEMS") == ["1.01", "9.01"]
    assert root.children[0].children[0].first("CIK") == "0000000042"


def test_parsed_dates_are_remembered_without_changing_answers() -> None:
    for text, expected in (("20240105", dt.date(2024, 1, 5)), ("2024-01-05T10:00", dt.date(
            2024, 1, 5)), ("20241305", None), ("00000000", None), (" 20240105 ", dt.date(
            2024, 1, 5)), ("", None), (None, None)):
        assert parse_date(text) == expected
        assert parse_date(text) == expected  # the second answer comes from the memo
