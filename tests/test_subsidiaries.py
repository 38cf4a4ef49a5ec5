"""Exhibit 21 subsidiary lists: real exhibits read whole, and hand-written ones in each shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.edgar.subsidiaries import Subsidiary, read_subsidiaries
from extractor.read.kinds import decode
from extractor.read.submission import iter_documents, split_header


@pytest.fixture(scope="module")
def more_dir(shared_dir: Path) -> Path:
    """../shared/corpus/edgar-more (Apple's and Exxon Mobil's Exhibit 21), or skip."""
    folder = shared_dir / "corpus" / "edgar-more"
    if not folder.is_dir():
        pytest.skip(f"EDGAR exhibit corpus {folder} is absent")
    return folder


def _exhibit_21(corpus: Path, name: str) -> str:
    """The body of the EX-21 document inside one full submission of the corpus."""
    path = corpus / name
    if not path.is_file():
        pytest.skip(f"corpus file {name} is absent from {corpus}")
    text = decode(path.read_bytes())
    _, start = split_header(text)
    for document in iter_documents(text, start):
        if (document.type or "").startswith("EX-21") and document.text:
            return document.text
    raise AssertionError(f"no EX-21 document in {name}")


# --- Apple (Workiva HTML, 2025) ----------------------------------------------------------------

# Counted by reading the file: its one table has 21 <tr> rows; the first holds only empty cells
# that set column widths, the second is the header "Jurisdiction of Incorporation", and the 19
# others each give a name and a jurisdiction, from "Apple Asia Limited" to "iTunes K.K.".
APPLE_COUNT = 19


def test_apple_reads_every_row_with_its_jurisdiction(more_dir: Path) -> None:
    listing = read_subsidiaries((more_dir / "ex21_aapl.html").read_text(encoding="utf-8"))
    subs = listing.subsidiaries
    assert len(subs) == APPLE_COUNT
    assert subs[0] == Subsidiary("Apple Asia Limited", "Hong Kong", None, None,
                                 "Apple Asia Limited | Hong Kong")
    assert subs[-1] == Subsidiary("iTunes K.K.", "Japan", None, None, "iTunes K.K. | Japan")
    by_name = {s.name: s for s in subs}
    assert by_name["Apple Operations International Limited"].jurisdiction == "Ireland"
    assert by_name["Apple Computer Trading (Shanghai) Co., Ltd."].jurisdiction == "China"
    assert by_name["Braeburn Capital, Inc."].jurisdiction == "Nevada, U.S."  # an &#160; inside
    assert by_name["Apple Services Pte. Ltd."].jurisdiction == "Singapore"  # cells wrapped in <div>
    # The exhibit neither nests nor states shares.
    assert all(s.parent is None and s.percent_owned is None for s in subs)


def test_apple_title_header_and_footnote_are_notes(more_dir: Path) -> None:
    listing = read_subsidiaries((more_dir / "ex21_aapl.html").read_text(encoding="utf-8"))
    names = {s.name for s in listing.subsidiaries}
    assert not names & {"Apple Inc.", "Apple Inc.*", "Jurisdiction of Incorporation"}
    assert listing.notes[:3] == ["title: Exhibit 21.1", "title: Subsidiaries of Apple Inc.*",
                                 "header row: Jurisdiction of Incorporation"]
    assert listing.notes[3].startswith("footnote: *Pursuant to Item 601(b)(21)(ii)")
    assert len(listing.notes) == 4


# --- Exxon Mobil (Workiva HTML, 2026: three pages, a percent column, numbered footnotes) -------

# Counted by reading the file: one table per page, each opening with a row of empty width cells
# and the header "Percentage of Voting Securities ... | State or Country of Organization", then
# 38, 38 and 40 rows of name, percentage and jurisdiction: 116. Page numbers 1-4 and five
# numbered notes follow.
EXXON_COUNT = 116


def test_exxon_reads_every_row_with_share_and_jurisdiction(more_dir: Path) -> None:
    listing = read_subsidiaries((more_dir / "ex21_xom.html").read_text(encoding="utf-8"))
    subs = listing.subsidiaries
    assert len(subs) == EXXON_COUNT
    assert subs[0] == Subsidiary("AKG Marketing Company Limited", "Bahamas", 87.5, None,
                                 "AKG Marketing Company Limited | 87.5 | Bahamas")
    assert subs[-1] == Subsidiary("XTO Permian Operating LLC", "Texas", 100.0, None,
                                  "XTO Permian Operating LLC | 100 | Texas")
    by_name = {s.name: s for s in subs}
    # Footnote marks "(4) (5)" come off the name and stay in the evidence.
    jubail = by_name["Al-Jubail Petrochemical Company"]
    assert (jubail.jurisdiction, jubail.percent_owned) == ("Saudi Arabia", 50.0)
    assert jubail.evidence == "Al-Jubail Petrochemical Company (4) (5) | 50 | Saudi Arabia"
    assert by_name["Caspian Pipeline Consortium"].jurisdiction == "Russia/Kazakhstan"
    assert by_name["Mozambique Rovuma Venture S.p.A."].percent_owned == 35.714
    assert by_name["ExxonMobil Egypt (S.A.E.)"].jurisdiction == "Egypt"
    # "QatarEnergy LNG N(2)" is the company's name, glued by a no-break space; "(5)" is a mark.
    assert by_name["QatarEnergy LNG N (2)"].percent_owned == 24.15
    assert {"QatarEnergy LNG S (2)", "QatarEnergy LNG S (3)"} <= set(by_name)
    assert not any(s.name.endswith(("(4)", "(5)")) for s in subs)
    assert all(s.parent is None for s in subs)  # a flat list: nothing is indented


def test_exxon_headers_pages_and_notes_are_set_aside(more_dir: Path) -> None:
    listing = read_subsidiaries((more_dir / "ex21_xom.html").read_text(encoding="utf-8"))
    notes = listing.notes
    assert notes[:3] == [
        "title: EXHIBIT 21",
        "title: Subsidiaries of the Registrant (1), (2) and (3) – at December 31, 2025",
        "header row: Percentage of Voting Securities Owned Directly or Indirectly by Registrant"
        " | State or Country of Organization",  # three times in the exhibit, noted once
    ]
    assert notes[3] == "heading: NOTES:"
    assert [n[:13] for n in notes[4:9]] == [f"footnote: ({k})" for k in range(1, 6)]
    assert notes[9:] == ["page numbers (4): 1, 2, 3, 4"]
    names = {s.name for s in listing.subsidiaries}
    assert not any("Percentage" in n or "Country of Organization" in n for n in names)


# --- 10-K submissions in the corpus that carry an EX-21 ----------------------------------------

def test_ford_1993_plain_text_columns_nest_by_indentation(edgar_corpus: Path) -> None:
    # Counted by reading the exhibit: 46 lines of name and jurisdiction in two columns, from
    # "First Nationwide Financial Corporation" to "Transcon Insurance Limited", indented by two
    # spaces per level; then two indented counts ("578 Other U.S. Subsidiaries") and a footnote.
    listing = read_subsidiaries(_exhibit_21(edgar_corpus, "edgarwebr__0000037996-94-000005.txt"))
    subs = listing.subsidiaries
    assert len(subs) == 46
    assert (subs[0].name, subs[0].jurisdiction, subs[0].parent) == (
        "First Nationwide Financial Corporation", "Delaware, U.S.A.", None)
    assert (subs[-1].name, subs[-1].jurisdiction) == ("Transcon Insurance Limited", "Bermuda")
    parents = {s.name: s.parent for s in subs}
    assert parents["Ford Bank AG"] == "Ford Credit Europe plc"
    assert parents["FLH Marketing Services Ltd."] == "Ford Lio Ho Motor Company Ltd."
    assert parents["AIC Corporation"] == "Ford Ensite International Inc."
    assert parents["Associates Corporation of North America"] == (
        "Associates First Capital Corporation")
    assert parents["Ford Espana S.A."] is None
    assert sum(p is not None for p in parents.values()) == 25  # the lines indented 2 or 4
    assert "Ford Motor Company" not in parents  # the registrant's name in the title
    assert listing.notes[:4] == [
        "title: Exhibit 21", "title: Ford Motor Company",
        "title: SUBSIDIARIES OF THE REGISTRANT AS OF DECEMBER 31, 1993",
        "header row: Jurisdiction of Organization"]
    assert listing.notes[4:6] == ["not listed by name: 578 Other U.S. Subsidiaries",
                                  "not listed by name: 301 Other Non U.S. Subsidiaries"]
    assert listing.notes[6].startswith("footnote: * Subsidiaries not shown by name")
    assert listing.notes[6].endswith("would not constitute a significant subsidiary.")


def test_wmx_1994_parenthesis_lines_and_indented_divisions(edgar_corpus: Path) -> None:
    # Counted by reading the exhibit: 1,437 non-blank lines that are not <PAGE> markers, page
    # numbers or underlines; less the two title lines and the five lines of the opening
    # paragraph, 1,430 rows. 865 read "Name (Jurisdiction)"; 565 are indented five spaces under
    # them (the divisions, which the paragraph says are listed below their subsidiary).
    listing = read_subsidiaries(_exhibit_21(edgar_corpus, "edgarwebr__0000950131-94-000440.txt"))
    subs = listing.subsidiaries
    assert len(subs) == 1430
    assert sum(s.parent is not None for s in subs) == 565
    assert subs[0] == Subsidiary("A & B Builders, Inc.", "Texas", None, None,
                                 "A & B Builders, Inc. (Texas)")
    assert subs[-1].name == "Zimmerman Environmental Consultants, Inc."
    by_name = {s.name: s for s in subs}
    assert by_name["Waste Management of Manatee County"].parent == (
        "Cedar Hammock Refuse Disposal Corporation")
    # A division's "City - Area" is not a jurisdiction: the exhibit's shape is parentheses.
    aiken = by_name["Waste Management of Augusta - Aiken"]
    assert (aiken.jurisdiction, aiken.parent) == (None, "Georgia Waste Systems, Inc.")
    # "(The Netherlands)" inside the name stays; the last parentheses hold the jurisdiction.
    cord = by_name["Cord Industrienster Amsterdam (The Netherlands) B.V."]
    assert cord.jurisdiction == "Netherlands"
    assert by_name["Wheelabrator Sherman Station Two Inc."].jurisdiction == "Delaware"  # no ")"
    assert listing.notes[:2] == ["title: EXHIBIT 21",
                                 "title: SUBSIDIARIES OF WMX TECHNOLOGIES, INC."]
    assert listing.notes[2].startswith("prose: The following is a list of all direct")
    assert listing.notes[3].startswith("page numbers (32): 2, 3, 4")


def test_tesla_paragraph_lines(edgar_corpus: Path) -> None:
    text = _exhibit_21(edgar_corpus, "edgartools__0001564590-20-004475-minimal.txt")
    listing = read_subsidiaries(text)
    assert [(s.name, s.jurisdiction) for s in listing.subsidiaries] == [
        ("Tesla Energy Operations, Inc.", "Delaware"),
        ("Tesla Motors Netherlands B.V.", "Netherlands")]
    assert listing.notes == ["title: Subsidiaries of Tesla, Inc."]


# --- Hand-written exhibits, one per shape ------------------------------------------------------

TABLE = """<html><body>
<p style="text-align:center"><b>EXHIBIT 21.1</b></p>
<p style="text-align:center"><b>LIST OF SUBSIDIARIES</b></p>
<table>
<tr><th>Name of Subsidiary</th><th>&nbsp;</th>
    <th>Jurisdiction of Incorporation or Organization</th><th>Percentage Owned</th></tr>
<tr><td>Acme Holdings, Inc.</td><td></td><td>Delaware</td><td>100%</td></tr>
<tr><td style="padding-left:18pt">Acme Europe B.V.*</td><td></td><td>Netherlands</td>
    <td>51</td></tr>
<tr><td>&nbsp;&nbsp;&nbsp;&nbsp;Acme Polska Sp. z o.o.</td><td></td><td>Poland</td><td>100</td></tr>
<tr><td>Acme Asia Pte. Ltd. (1)</td><td>&nbsp;</td><td>Singapore</td><td>100</td></tr>
</table>
<p>* Indicates a joint venture with an unaffiliated partner.</p>
<p>(1) Held through a nominee.</p>
</body></html>"""


def test_html_table_with_header_percent_column_and_indented_names() -> None:
    listing = read_subsidiaries(TABLE)
    assert listing.subsidiaries == [
        Subsidiary("Acme Holdings, Inc.", "Delaware", 100.0, None,
                   "Acme Holdings, Inc. | Delaware | 100%"),
        Subsidiary("Acme Europe B.V.", "Netherlands", 51.0, "Acme Holdings, Inc.",
                   "Acme Europe B.V.* | Netherlands | 51"),
        Subsidiary("Acme Polska Sp. z o.o.", "Poland", 100.0, "Acme Holdings, Inc.",
                   "Acme Polska Sp. z o.o. | Poland | 100"),
        Subsidiary("Acme Asia Pte. Ltd.", "Singapore", 100.0, None,
                   "Acme Asia Pte. Ltd. (1) | Singapore | 100"),
    ]
    assert listing.notes == [
        "title: EXHIBIT 21.1",
        "title: LIST OF SUBSIDIARIES",
        "header row: Name of Subsidiary | Jurisdiction of Incorporation or Organization"
        " | Percentage Owned",
        "footnote: * Indicates a joint venture with an unaffiliated partner.",
        "footnote: (1) Held through a nominee.",
    ]


def test_nesting_by_css_margin_and_no_break_spaces() -> None:
    listing = read_subsidiaries(
        "<div>Subsidiaries of Globex Corporation</div>"
        "<p>Globex Holdings Corp. (Delaware)</p>"
        '<p style="margin-left:20pt">Globex Logistics LLC (Texas)</p>'
        '<p style="margin-left:40pt">Globex Freight Ltd. (England and Wales)</p>'
        "<p>&nbsp;&nbsp;&nbsp;&nbsp;Globex Europe GmbH (Germany) (100%)</p>"
        '<p style="padding-left:36pt;text-indent:-36pt">Globex Canada Ltd. (Ontario)</p>')
    assert [(s.name, s.jurisdiction, s.percent_owned, s.parent)
            for s in listing.subsidiaries] == [
        ("Globex Holdings Corp.", "Delaware", None, None),
        ("Globex Logistics LLC", "Texas", None, "Globex Holdings Corp."),
        ("Globex Freight Ltd.", "England and Wales", None, "Globex Logistics LLC"),
        ("Globex Europe GmbH", "Germany", 100.0, "Globex Holdings Corp."),
        ("Globex Canada Ltd.", "Ontario", None, None),  # a hanging indent starts at the margin
    ]
    assert listing.notes == ["title: Subsidiaries of Globex Corporation"]


def test_nested_html_lists() -> None:
    listing = read_subsidiaries(
        "<ul><li>Hooli Inc. (California)<ul><li>Hooli XYZ LLC (Delaware)"
        "<ul><li>Nucleus Ltd. (Ireland)</li></ul></li></ul></li>"
        "<li>Hooli Labs Inc. (Delaware)</li></ul>")
    assert [(s.name, s.parent) for s in listing.subsidiaries] == [
        ("Hooli Inc.", None), ("Hooli XYZ LLC", "Hooli Inc."), ("Nucleus Ltd.", "Hooli XYZ LLC"),
        ("Hooli Labs Inc.", None)]


@pytest.mark.parametrize(("lines", "expected"), [
    (["Initech Ltd. – Delaware", "Initech UK Limited — England and Wales",
      "Initech GmbH - Germany"],
     [("Initech Ltd.", "Delaware", None), ("Initech UK Limited", "England and Wales", None),
      ("Initech GmbH", "Germany", None)]),
    (["Initech Japan K.K. (Japan)", "Initech Services Inc. (a Delaware corporation)",
      "Initech (Shanghai) Co., Ltd. (People's Republic of China)"],
     [("Initech Japan K.K.", "Japan", None), ("Initech Services Inc.", "Delaware", None),
      ("Initech (Shanghai) Co., Ltd.", "People's Republic of China", None)]),
    (["Initech Finance LLC, a Delaware limited liability company",
      "Initech Services Inc., an Ohio corporation",
      "Initech Software B.V., organized under the laws of the Netherlands"],
     [("Initech Finance LLC", "Delaware", None), ("Initech Services Inc.", "Ohio", None),
      ("Initech Software B.V.", "the Netherlands", None)]),
    (["Initech Brasil Ltda. ........ Brazil", "Initech Chile S.A. . . . . . Chile"],
     [("Initech Brasil Ltda.", "Brazil", None), ("Initech Chile S.A.", "Chile", None)]),
    (["Initech Canada Inc. (Ontario) (51%)",
      "Initech China Co., Ltd. (People's Republic of China) (60% owned)",
      "Initech Korea Ltd. (Korea) 75%", "Initech Europe GmbH (Germany) (100%)"],
     [("Initech Canada Inc.", "Ontario", 51.0),
      ("Initech China Co., Ltd.", "People's Republic of China", 60.0),
      ("Initech Korea Ltd.", "Korea", 75.0), ("Initech Europe GmbH", "Germany", 100.0)]),
], ids=["dash", "parentheses", "a-delaware-corporation", "dotted-leaders", "percent"])
def test_one_line_shapes_of_name_and_jurisdiction(
        lines: list[str], expected: list[tuple[str, str, float | None]]) -> None:
    listing = read_subsidiaries("<div>Exhibit 21</div>"
                                + "".join(f"<div>{line}</div>" for line in lines))
    assert [(s.name, s.jurisdiction, s.percent_owned) for s in listing.subsidiaries] == expected
    assert [s.evidence for s in listing.subsidiaries] == lines
    assert listing.notes == ["title: Exhibit 21"]


PLAIN = """\
                              EXHIBIT 21

                     SUBSIDIARIES OF WIDGET CORP.

Name                                       State or Other Jurisdiction
                                           of Incorporation

Widget Holdings, Inc.                      Delaware
  Widget Manufacturing LLC                 Ohio
    Widget Tooling Co.                     Michigan
  Widget Sales Corp.                       Delaware
Widget International Ltd.\tBermuda
Widget (Shanghai) Trading Co., Ltd.        People's Republic of China

* The names of other subsidiaries have been omitted because, considered
in the aggregate, they would not constitute a significant subsidiary.
<PAGE>
                                   2
"""


def test_plain_text_columns_and_nesting_by_spaces() -> None:
    listing = read_subsidiaries(PLAIN)
    assert [(s.name, s.jurisdiction, s.parent) for s in listing.subsidiaries] == [
        ("Widget Holdings, Inc.", "Delaware", None),
        ("Widget Manufacturing LLC", "Ohio", "Widget Holdings, Inc."),
        ("Widget Tooling Co.", "Michigan", "Widget Manufacturing LLC"),
        ("Widget Sales Corp.", "Delaware", "Widget Holdings, Inc."),
        ("Widget International Ltd.", "Bermuda", None),
        ("Widget (Shanghai) Trading Co., Ltd.", "People's Republic of China", None),
    ]
    assert listing.subsidiaries[1].evidence == "Widget Manufacturing LLC                 Ohio"
    assert listing.notes == [
        "title: EXHIBIT 21",
        "title: SUBSIDIARIES OF WIDGET CORP.",
        "header row: Name State or Other Jurisdiction of Incorporation",
        "footnote: * The names of other subsidiaries have been omitted because, considered in"
        " the aggregate, they would not constitute a significant subsidiary.",
        "page numbers (1): 2",
    ]


def test_a_pre_block_reads_as_plain_text() -> None:
    more = "Widget Finance LLC (1)                     Delaware\n"
    listing = read_subsidiaries(f"<html><body><pre>{PLAIN}{more}</pre></body></html>")
    assert [(s.name, s.parent) for s in listing.subsidiaries[:3]] == [
        ("Widget Holdings, Inc.", None), ("Widget Manufacturing LLC", "Widget Holdings, Inc."),
        ("Widget Tooling Co.", "Widget Manufacturing LLC")]
    assert [(s.name, s.jurisdiction) for s in listing.subsidiaries[4:]] == [
        ("Widget International Ltd.", "Bermuda"),
        ("Widget (Shanghai) Trading Co., Ltd.", "People's Republic of China"),
        ("Widget Finance LLC", "Delaware")]
    assert listing.notes[2] == "header row: Name State or Other Jurisdiction of Incorporation"


def test_subsidiaries_of_x_subheading_gives_the_parent() -> None:
    listing = read_subsidiaries(
        "<p>Subsidiaries of Acme Corp.</p>"
        "<p>Acme Holdings Ltd. (Bermuda)</p>"
        "<p>Acme Trading Ltd. (Hong Kong)</p>"
        "<p>Subsidiaries of Acme Holdings Ltd.:</p>"
        "<p>Acme Shipping S.A. (Panama)</p>"
        "<p>Acme Marine Ltd. (Liberia)</p>"
        "<p>Omitted pursuant to Item 601(b)(21)(ii) of Regulation S-K.</p>")
    assert [(s.name, s.parent) for s in listing.subsidiaries] == [
        ("Acme Holdings Ltd.", None), ("Acme Trading Ltd.", None),
        ("Acme Shipping S.A.", "Acme Holdings Ltd."), ("Acme Marine Ltd.", "Acme Holdings Ltd.")]
    assert listing.notes == [
        "title: Subsidiaries of Acme Corp.",
        "heading: Subsidiaries of Acme Holdings Ltd.:",
        "footnote: Omitted pursuant to Item 601(b)(21)(ii) of Regulation S-K."]


def test_footnote_marks_leave_names_but_glued_numbers_stay() -> None:
    listing = read_subsidiaries(
        "<p>Acme Inc.* (Delaware)</p><p>Beta LLC (1) (Texas)</p>"
        "<p>Gamma Ltd.<sup>2</sup> (Bermuda)</p><p>Delta Gas Company Limited&nbsp;(2) (Qatar)</p>"
        "<p>Epsilon AG† (Switzerland)</p>")
    assert [(s.name, s.jurisdiction) for s in listing.subsidiaries] == [
        ("Acme Inc.", "Delaware"), ("Beta LLC", "Texas"), ("Gamma Ltd.", "Bermuda"),
        ("Delta Gas Company Limited (2)", "Qatar"), ("Epsilon AG", "Switzerland")]


def test_a_rare_dash_in_a_list_of_parentheses_names_a_division_not_a_place() -> None:
    listing = read_subsidiaries(
        "Acme Disposal, Inc. (Delaware)\n"
        "     Waste Services - North\n"
        "Beta Landfill Co. (Ohio)\nGamma Corp. (Texas)\nDelta LLC (Illinois)\n"
        "Epsilon Inc. (Florida)\n")
    assert [(s.name, s.jurisdiction, s.parent) for s in listing.subsidiaries[:3]] == [
        ("Acme Disposal, Inc.", "Delaware", None),
        ("Waste Services - North", None, "Acme Disposal, Inc."),
        ("Beta Landfill Co.", "Ohio", None)]


@pytest.mark.parametrize("text", [
    "<html><body><p>EXHIBIT 21</p><p>The Company has no subsidiaries.</p></body></html>",
    "The Registrant's only subsidiary is Acme LLC, a Delaware limited liability company,\n"
    "which it owns entirely.",
])
def test_prose_only_exhibits_give_no_rows(text: str) -> None:
    listing = read_subsidiaries(text)
    assert listing.subsidiaries == []
    assert listing.notes[-1] == "no list found: the exhibit is prose"
    assert any(n.startswith("prose: The ") for n in listing.notes)


def test_five_thousand_generated_rows_all_come_back() -> None:
    rows = "".join(f"<tr><td>Generated Company {k} LLC</td><td>Delaware</td><td>100%</td></tr>"
                   for k in range(5000))
    listing = read_subsidiaries(
        f"<table><tr><td>Name</td><td>Jurisdiction</td><td>Ownership</td></tr>{rows}</table>")
    assert len(listing.subsidiaries) == 5000
    assert listing.subsidiaries[4999] == Subsidiary(
        "Generated Company 4999 LLC", "Delaware", 100.0, None,
        "Generated Company 4999 LLC | Delaware | 100%")
    assert listing.notes == ["header row: Name | Jurisdiction | Ownership"]


def test_max_rows_caps_the_list_with_a_note() -> None:
    listing = read_subsidiaries("\n".join(f"Company {k} Inc. (Ohio)" for k in range(10)),
                                max_rows=3)
    assert [s.name for s in listing.subsidiaries] == [
        "Company 0 Inc.", "Company 1 Inc.", "Company 2 Inc."]
    assert listing.notes == [
        "capped: stopped after 3 subsidiaries; the rest was not read"]


@pytest.mark.parametrize(("text", "names"), [
    ("", []),
    ("   \n\n  ", []),
    ("<table><tr><td>Acme Inc.<td>Delaware<tr><td>Beta LLC<td>Texas</table><p>Gamma Ltd. (Bermuda",
     ["Acme Inc.", "Beta LLC", "Gamma Ltd."]),
    ("<![if !supportLists]><p>Acme Inc. (Delaware)<![endif]>", ["Acme Inc."]),
    ("<div><div><div>Acme Inc. (Delaware)</span></td></tr></table>", ["Acme Inc."]),
    ("<script>var x = '<p>Fake Co. (Delaware)</p>';</script><title>Exhibit", []),
    ("<p>Acme Inc. (Delaware)</p><p>&#0;&#xD800;\x00\ufffd</p>", ["Acme Inc."]),
])
def test_broken_or_empty_input_reads_what_it_can(text: str, names: list[str]) -> None:
    listing = read_subsidiaries(text)
    assert [s.name for s in listing.subsidiaries] == names
    if not names:
        assert listing.notes[-1] == "no list found: no subsidiary rows in the exhibit"


@pytest.mark.parametrize("text", [
    "(" * 5000 + "Delaware", "Acme Inc." + " (1)" * 3000, "<td>" * 3000, "</p>" * 3000,
    "<div>" * 3000 + "Acme (Ohio)", "\x00\x01<<<>>>&&&;;", "<!--", "<!DOCTYPE", "<a b=\"",
    "Subsidiaries of " * 500, "1. " * 3000 + "Acme", "-" * 5000 + " Delaware",
])
def test_hostile_input_never_raises(text: str) -> None:
    listing = read_subsidiaries(text)
    assert isinstance(listing.notes, list) and (listing.notes or listing.subsidiaries)
    assert all(isinstance(s, Subsidiary) and s.name.strip() for s in listing.subsidiaries)
