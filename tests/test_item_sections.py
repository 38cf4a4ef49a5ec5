"""A form's Item sections: headings in both numberings and many layouts, and what is no heading."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest
from extraction_checks import BASE, WHEN, extract_validated, violations
from rdflib import URIRef
from rdflib.namespace import RDF

from extractor.edgar.filing import parse_submission
from extractor.edgar.items import ITEM_TABLE, numbering_scheme
from extractor.extract import Extraction, extract_document
from extractor.rdf.vocab import EKG, OA
from extractor.read.kinds import decode
from extractor.read.source import Source
from extractor.text.conversion import detect_media, plain_text
from extractor.text.items import MAX_CANDIDATES, ItemSection, item_sections

SEED = Path(__file__).parent / "data" / "seed_8k_cellectar.txt"
NOT_INPUTS = frozenset({"README.md", "gold.jsonl"})


def _sections(source: str, with_source: bool = True) -> tuple[str, list[ItemSection]]:
    document = plain_text(source)
    return document.text, item_sections(document, source if with_source else None)


def _headings(sections: list[ItemSection]) -> list[tuple[tuple[str, ...], str | None]]:
    return [(section.codes, section.title) for section in sections]


# --- made-up forms: the layouts ---------------------------------------------------------------

HTML_8K = """<html><body>
<p align="center"><b>FORM 8-K</b></p>
<p>As described in Item 2.01 below, the Company closed the purchase.</p>
<table><tr><td><b>Item 1.01</b></td><td><b>Entry into a Material Definitive Agreement.</b></td>
</tr></table>
<p>On May 1, 2023, Acme Corp. (the &ldquo;Company&rdquo;) entered into a License Agreement with
Beta Inc. The information set forth in Item 2.01 is incorporated herein by reference.</p>
<p><b>ITEM 2.01. COMPLETION OF ACQUISITION OR DISPOSITION OF ASSETS</b></p>
<p>On May 2, 2023, the Company completed its acquisition of Gamma LLC.</p>
<p>Item 9.01 of Form 8-K requires the financial statements of the business acquired.</p>
<p><b>Item&nbsp;9.01</b></p>
<p><b>Financial Statements and Exhibits</b></p>
<p>(d) Exhibits</p>
<p align="center"><b>SIGNATURES</b></p>
<p>Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly
caused this report to be signed on its behalf by the undersigned hereunto duly authorized.</p>
<p><b>EXHIBIT INDEX</b></p>
<p>Item 99.1 Press release</p>
</body></html>"""


def test_headings_in_tables_bold_runs_and_on_two_lines() -> None:
    text, sections = _sections(HTML_8K)
    assert _headings(sections) == [
        (("1.01",), "Entry into a Material Definitive Agreement"),
        (("2.01",), "COMPLETION OF ACQUISITION OR DISPOSITION OF ASSETS"),
        (("9.01",), "Financial Statements and Exhibits"),
    ]
    # Each runs from its heading to the next, the last to the signatures.
    assert text[sections[0].start:].startswith("Item 1.01 Entry into")
    assert text[sections[0].end:].startswith("\nITEM 2.01.")
    assert text[sections[1].start:sections[1].end].endswith(
        "Item 9.01 of Form 8-K requires the financial statements of the business acquired.")
    assert text[sections[2].start:sections[2].end] == (
        "Item 9.01\nFinancial Statements and Exhibits\n(d) Exhibits")
    assert all(section.dotted for section in sections)


PRE_2004_TEXT = """
                                  FORM 8-K
                               CURRENT REPORT

Item 2.  Acquisition or Disposition of Assets

     On June 6, 1999, the Registrant acquired all of the stock of Steichen Inc.
as more fully described in Item 7 below.

ITEM 3 BANKRUPTCY OR RECEIVERSHIP Not applicable.

Items 5 and 7. Other Events; Financial Statements and Exhibits

     The press release attached as Exhibit 99 is incorporated herein by reference.

                                 SIGNATURES

     Pursuant to the requirements of the Securities Exchange Act of 1934, the
registrant has duly caused this report to be signed on its behalf.
"""


def test_the_numbering_before_2004_with_a_heading_of_two_items() -> None:
    text, sections = _sections(PRE_2004_TEXT)
    assert _headings(sections) == [
        (("2",), "Acquisition or Disposition of Assets"),
        (("3",), "BANKRUPTCY OR RECEIVERSHIP"),
        (("5", "7"), "Other Events; Financial Statements and Exhibits"),
    ]
    assert not any(section.dotted for section in sections)
    assert text[sections[-1].start:sections[-1].end].endswith("incorporated herein by reference.")
    assert numbering_scheme(sections[0].dotted) == "8-K-pre2004"
    assert numbering_scheme(True) == "8-K"


def test_upper_case_headings_without_periods_run_into_their_text() -> None:
    source = ("<p>ITEM 1.01. ENTRY INTO A MATERIAL DEFINITIVE AGREEMENT. On March 3, the Company"
              " signed.</p><p>ITEM 8.01 OTHER EVENTS On March 4, the Company announced.</p>"
              "<p>Item 9.01: Financial Statements and Exhibits - (d) Exhibits 99.1</p>")
    text, sections = _sections(source)
    assert _headings(sections) == [
        (("1.01",), "ENTRY INTO A MATERIAL DEFINITIVE AGREEMENT"),
        (("8.01",), "OTHER EVENTS"),
        (("9.01",), "Financial Statements and Exhibits"),
    ]
    assert text[sections[1].start:sections[1].end] == (
        "ITEM 8.01 OTHER EVENTS On March 4, the Company announced.")


def test_a_sub_paragraph_and_a_title_wrapped_onto_the_next_line() -> None:
    source = ("<p>Item 5.02(e)</p><p>Compensatory Arrangements of Certain Officers</p>"
              "<p>On May 1, the Board approved a bonus.</p>"
              "<p>Item 5.07 Submission of Matters to a Vote of</p><p>Security Holders.</p>"
              "<p>The annual meeting was held on May 2.</p>")
    _, sections = _sections(source)
    assert _headings(sections) == [
        (("5.02",), "Compensatory Arrangements of Certain Officers"),
        (("5.07",), "Submission of Matters to a Vote of Security Holders"),
    ]


# EDGAR text with an SGML <TABLE> is read as HTML, which runs its lines together: only the
# source tells that ITEM 7 began a line.
EDGAR_TEXT = """<PAGE>
                                  FORM 8-K
<TABLE>
<S>                      <C>
Delaware                 1-12345
</TABLE>

ITEM 5.  OTHER EVENTS.

         The attached press release is incorporated by reference herein, as
Item 7 of this report lists.

ITEM 7.  FINANCIAL STATEMENTS AND EXHIBITS.

         (c) Exhibits: 99 Press release.

                                 SIGNATURES
"""


def test_headings_that_begin_a_source_line_of_edgar_text_read_as_html() -> None:
    assert detect_media(EDGAR_TEXT) == "html"
    text, sections = _sections(EDGAR_TEXT)
    assert "herein, as Item 7 of this report lists. ITEM 7." in text  # one run of text
    assert _headings(sections) == [(("5",), "OTHER EVENTS"),
                                   (("7",), "FINANCIAL STATEMENTS AND EXHIBITS")]
    assert text[sections[1].start:sections[1].end] == (
        "ITEM 7. FINANCIAL STATEMENTS AND EXHIBITS. (c) Exhibits: 99 Press release.")
    # Without the source, only the heading that begins a line of the plain text counts.
    _, alone = _sections(EDGAR_TEXT, with_source=False)
    assert _headings(alone) == [(("5",), "OTHER EVENTS")]


# --- made-up forms: what is no heading -------------------------------------------------------

TABLE_OF_CONTENTS = """
TABLE OF CONTENTS

Item 1.01 Entry into a Material Definitive Agreement ............... 2
Item 9.01 Financial Statements and Exhibits ........................ 3
Signatures ......................................................... 4

Item 1.01 Entry into a Material Definitive Agreement

The Company entered into the agreement on the terms described in Item 2.01 above; see
Item 9.01 of this report for the agreement itself.

Item 9.01 Financial Statements and Exhibits

10.1 License Agreement. The agreement amends the one the Company reported under
Item 1.01 Entry into a Material Definitive Agreement in its report of May 1.

SIGNATURES
"""


def test_a_table_of_contents_and_cross_references_are_no_headings() -> None:
    text, sections = _sections(TABLE_OF_CONTENTS)
    assert _headings(sections) == [
        (("1.01",), "Entry into a Material Definitive Agreement"),
        (("9.01",), "Financial Statements and Exhibits"),
    ]
    # The body's headings, not the contents' lines; the reference to an earlier report's
    # Item 1.01 (at the start of a source line, but after 9.01) stays inside Item 9.01.
    assert text[sections[0].start - 1:sections[0].start + 70].startswith(
        "\nItem 1.01 Entry into a Material Definitive Agreement\nThe Company")
    assert "in its report of May 1." in text[sections[1].start:sections[1].end]


def test_a_table_of_contents_listing_the_signatures_above_the_items() -> None:
    source = ("<p>Item 3. Bankruptcy or Receivership</p><p>SIGNATURES</p><p>Exhibit 99</p>"
              "<p>ITEM 3. Bankruptcy or Receivership</p><p>On September 28, 2001 a trustee"
              " was appointed.</p><p>SIGNATURES</p><p>Pursuant to the requirements...</p>")
    text, sections = _sections(source)
    assert len(sections) == 1
    assert text[sections[0].start:sections[0].end] == (
        "ITEM 3. Bankruptcy or Receivership\nOn September 28, 2001 a trustee was appointed.")


def test_references_are_never_headings() -> None:
    source = "\n\n".join([
        "Item 2.01 above describes the merger.",
        "Item 7(b)(2) of Form 8-K permits the amendment.",
        "Item 1.01, which is incorporated herein by reference, says so.",
        "Item 304 of Regulation S-K applies.",
        "See Item 9.01 for the exhibits, pursuant to Item 9.01.",
        "this item 5 is lower case",
    ])
    assert _sections(source)[1] == []


# --- bounds ----------------------------------------------------------------------------------


def test_a_form_with_forty_item_headings() -> None:
    codes = [f"{major}.{minor:02d}" for major in range(1, 9) for minor in range(1, 6)]
    source = "\n\n".join(f"Item {code} Heading number {code}\n\nThe text of item {code}."
                         for code in codes) + "\n\nSIGNATURES\n"
    started = time.perf_counter()
    text, sections = _sections(source)
    assert time.perf_counter() - started < 2
    assert [section.codes[0] for section in sections] == codes
    assert all(a.end < b.start for a, b in zip(sections, sections[1:], strict=False))
    assert text[sections[-1].start:sections[-1].end].endswith("The text of item 8.05.")


def test_a_form_of_ten_megabytes() -> None:
    body = "The Company agreed to the terms set out in the agreement. " * 175_000
    source = (f"FORM 8-K\n\nItem 8.01 Other Events\n\n{body}\n\n"
              "Item 9.01 Financial Statements and Exhibits\n\n(d) Exhibits\n\nSIGNATURES\n")
    assert len(source) > 10_000_000
    started = time.perf_counter()
    text, sections = _sections(source)
    assert time.perf_counter() - started < 20
    assert _headings(sections) == [(("8.01",), "Other Events"),
                                   (("9.01",), "Financial Statements and Exhibits")]
    assert text[sections[1].start:sections[1].end].endswith("(d) Exhibits")


def test_ten_megabytes_of_item_mentions_are_read_in_bounded_time() -> None:
    # Every line a candidate heading, then every line a reference run together with the next.
    headings = "Item 1.01 Entry into a Material Definitive Agreement\n\nText.\n\n" * 160_000
    references = "as the Company described in\nItem 2.01 above and Item 9.01 below, " * 150_000
    for source in (headings, references):
        started = time.perf_counter()
        _, sections = _sections(source)
        assert time.perf_counter() - started < 20
        assert len(sections) <= MAX_CANDIDATES


# --- the real 8-K folder ---------------------------------------------------------------------



def _main_document(path: Path) -> tuple[str, list]:
    """The form's own text and the header's items (none for a file without a header)."""
    text = decode(path.read_bytes())
    if path.suffix == ".txt":
        submission = parse_submission(text)
        assert submission.header is not None
        return submission.documents[0].text or "", submission.header.items
    return text, []


@pytest.mark.parametrize(("name", "expected", "first_words"), [
    # 1994, EDGAR text: upper-case headings with periods
    ("100783_8K_1994_0000950117-94-000182.txt",
     [(("5",), "OTHER EVENTS"),
      (("7",), "FINANCIAL STATEMENTS, PRO FORMA FINANCIAL INFORMATION AND EXHIBITS")],
     "On August 9, 1994 Union Camp Corporation issued a press release"),
    # 2001, EDGAR text with an SGML table, read as HTML: the second heading is mid-run
    ("1000695_8K_2001_0000950117-01-501415.txt",
     [(("5",), "OTHER EVENTS"), (("7",), "Financial Statements and Exhibits")],
     "The attached Press Release is incorporated by reference herein."),
    # 2001, HTML with a table of contents of the three items above the items
    ("1001136_8K_2001_0000950124-01-503539.htm",
     [(("2",), "Acquisition or Disposition of Assets"), (("3",), "Bankruptcy or Receivership"),
      (("5",), "Other Items")],
     "On October 2, 2001, under the terms of an agreement approved by the U.S. Bankruptcy"),
    # 2008, EDGAR text: one heading for two items, each with its subparagraph
    ("1002682_8K_2008_0000939057-08-000013.txt",
     [(("1.01", "5.02"), "Amendment of a Material Definitive Agreement; Compensatory "
                         "Arrangements of Certain Officers"),
      (("9.01",), "Financial Statements and Exhibits")],
     "Salary Continuation Agreement"),
    # 2023, Inline XBRL: every heading on its own line, its title on the next
    ("108516_8K_2023_0001193125-23-289222.htm",
     [(("1.01",), "Entry into a Material Definitive Agreement"),
      (("2.01",), "Completion of Acquisition or Disposition of Assets"),
      (("5.02",), "Departure of Directors or Certain Officers; Election of Directors; "
                  "Appointment of Certain Officers; Compensatory Arrangements of Certain "
                  "Officers"),
      (("5.03",), "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year"),
      (("8.01",), "Other Events"), (("9.01",), "Financial Statements and Exhibits")],
     "On December 1, 2023 (the “Distribution Date”)"),
])
def test_real_8ks_of_four_decades(eight_k: Path, name: str, expected: list,
                                  first_words: str) -> None:
    source, _ = _main_document(eight_k / name)
    text, sections = _sections(source)
    assert _headings(sections) == expected
    first = text[sections[0].start:sections[0].end]
    assert re.match(r"ITEMS? \d|Items? \d", first)
    assert first_words in first[:400]
    assert "SIGNATURE" not in text[sections[-1].start:sections[-1].end]


def test_sections_agree_with_the_items_headers_list(eight_k: Path) -> None:
    """Measured on the whole folder: every document has its sections; where a header lists
    items (the 22 EDGAR text submissions whose ITEM INFORMATION is filled), the sections
    found agree with them; and a section's title is the SEC title of its code."""
    sections_found = documents = with_header = agree = found = missed = extra = 0
    titled = named = 0
    titles = {(scheme, code): re.sub(r"[^a-z]", "", title.lower())[:15]
              for scheme, code, title in ITEM_TABLE}
    for path in sorted(eight_k.iterdir()):
        if path.name in NOT_INPUTS:
            continue
        documents += 1
        source, header_items = _main_document(path)
        _, sections = _sections(source)
        sections_found += bool(sections)
        codes = {code for section in sections for code in section.codes}
        for section in sections:
            if section.title:
                titled += 1
                key = re.sub(r"[^a-z]", "", section.title.lower())[:15]
                scheme = numbering_scheme(section.dotted)
                named += any(titles.get((scheme, code)) == key for code in section.codes)
        listed = {item.code for item in header_items if item.code}
        if header_items:
            with_header += 1
            agree += codes == listed
            found += len(codes & listed)
            missed += len(listed - codes)
            extra += len(codes - listed)
    assert documents == 277 and sections_found == 277
    assert with_header == 22
    # Measured: 19 agree; 40 of 41 listed items found. The one missed and one of the three
    # extra are one filing whose header says Item 1 where its text says Item 5; the other two
    # extra are Item 5.02, which two headers list in its 2004 wording without a code.
    assert agree >= 19 and found >= 40 and missed <= 1 and extra <= 3
    # Measured: 582 of 592 titled sections; the rest are the filers' own wordings
    # ("Other Items", "Exhibits") of the right item.
    assert titled >= 590 and named / titled >= 0.98


# --- the graph -------------------------------------------------------------------------------




def _section_rows(result: Extraction) -> list[tuple[str, str, str | None, int, int]]:
    """(document, item, title, start, end) of every item section in the extraction's graph."""
    graph = result.graphs[0][1].to_rdflib()
    rows = []
    for document, section in graph.subject_objects(EKG.hasItemSection):
        assert (section, RDF.type, EKG.ItemSection) in graph
        assert graph.value(section, OA.hasSource) == document
        position = graph.value(section, OA.hasSelector)
        assert (position, RDF.type, OA.TextPositionSelector) in graph
        title = graph.value(section, EKG.itemTitle)
        for item in graph.objects(section, EKG.item):
            assert (item, RDF.type, EKG.Item) in graph
            rows.append((str(document), str(item).rsplit("/items/", 1)[-1],
                         None if title is None else str(title),
                         int(graph.value(position, OA.start)), int(graph.value(position, OA.end))))
    return sorted(rows, key=lambda row: row[3])


def test_the_seed_8k_records_its_item_sections_with_offsets_into_its_document() -> None:
    data = SEED.read_bytes()
    result = extract_validated(SEED.name, data)
    assert violations(result) == []
    rows = _section_rows(result)
    document = BASE + "filing/0001144204-17-013452/document/1"
    assert [(d, item, title) for d, item, title, _, _ in rows] == [
        (document, "8-K/7.01", "REGULATION FD DISCLOSURE"),
        (document, "8-K/9.01", "FINANCIAL STATEMENTS AND EXHIBITS"),
    ]
    # The offsets count in the document's text as the submission holds it, markup included;
    # the items are the ones the header lists (the same nodes).
    body = parse_submission(decode(data)).documents[0].text or ""
    assert body[rows[0][3]:].startswith("ITEM 7.01</B></TD><TD><B>REGULATION FD DISCLOSURE")
    assert body[rows[1][3]:].startswith("ITEM 9.01</B></TD><TD><B>FINANCIAL STATEMENTS")
    graph = result.graphs[0][1].to_rdflib()
    listed = {str(item).rsplit("/items/", 1)[-1] for item in graph.objects(None, EKG.reportsItem)}
    assert listed == {"8-K/7.01", "8-K/9.01"}


def test_headers_only_mode_reads_no_body_and_records_no_section() -> None:
    result = extract_document(Source(SEED.name, SEED.read_bytes()), BASE, WHEN,
                              read_releases=False)
    assert isinstance(result, Extraction)
    assert not list(result.graphs[0][1].to_rdflib().subjects(RDF.type, EKG.ItemSection))


@pytest.mark.parametrize(("name", "document", "items"), [
    ("1004963_8K_1996_0001004963-96-000019.txt",
     "filing/0001004963-96-000019/document/1", ["8-K-pre2004/2", "8-K-pre2004/5", "8-K-pre2004/7"]),
    ("108516_8K_2023_0001193125-23-289222.htm",
     "filing/0001193125-23-289222/document/1",
     ["8-K/1.01", "8-K/2.01", "8-K/5.02", "8-K/5.03", "8-K/8.01", "8-K/9.01"]),
])
def test_real_8ks_record_their_sections_and_conform(eight_k: Path, name: str, document: str,
                                                    items: list[str]) -> None:
    data = (eight_k / name).read_bytes()
    result = extract_validated(name, data)
    assert violations(result) == []
    rows = _section_rows(result)
    assert [item for _, item, _, _, _ in rows] == items
    assert {d for d, _, _, _, _ in rows} == {BASE + document}
    # Each span opens on its heading in the document as the input holds it (markup included).
    source, _ = _main_document(eight_k / name)
    for _, item, _, start, _ in rows:
        heading = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", source[start:start + 200]))
                           .split())
        assert heading.startswith("Item " + item.rsplit("/", 1)[-1])
    assert all(a[4] <= b[3] for a, b in zip(rows, rows[1:], strict=False))


def test_no_section_is_read_from_a_document_of_another_genre() -> None:
    release = (b"<html><body><p>BOSTON, May 1, 2023 -- Acme Corp. (NASDAQ: ACME) today announced"
               b" results.</p><p>Item 2.02 Results of Operations and Financial Condition</p>"
               b"<p>About Acme</p></body></html>")
    result = extract_validated("release.htm", release)
    assert not list(result.graphs[0][1].to_rdflib().subjects(RDF.type, EKG.ItemSection))


def test_the_shared_item_node_is_described_once() -> None:
    result = extract_validated(SEED.name, SEED.read_bytes())
    graph = result.graphs[0][1]
    item = URIRef("https://w3id.org/edgar-kg/items/8-K/7.01")
    typed = [t for t in graph.triples if t[0].value == str(item) and t[1].value == str(RDF.type)]
    assert len(typed) == 1
