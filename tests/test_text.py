"""Plain text, block roles, sentences and datelines from real releases and hostile input."""

from __future__ import annotations

import datetime as dt
import html
import random
import re
from pathlib import Path

import pytest

from extractor.read.kinds import decode
from extractor.read.submission import iter_documents, split_header
from extractor.text.conversion import detect_media, plain_text
from extractor.text.datelines import dateline_date
from extractor.text.plain import ROLES, PlainText
from extractor.text.sentences import MAX_SENTENCE, split_sentences

SEED_TITLE = (
    "Expanding Its Strategic Relationship with Wisconsin Alumni Research Foundation (WARF), "
    "Cellectar Biosciences Executes New License Agreement"
)


def _document(seed_path: Path, doc_type: str) -> str:
    text = decode(seed_path.read_bytes())
    _, start = split_header(text)
    for document in iter_documents(text, start):
        if document.type == doc_type and document.text:
            return document.text
    raise AssertionError(f"no {doc_type} in {seed_path}")


@pytest.fixture(scope="module")
def exhibit(seed_path: Path) -> str:
    """The seed's EX-99.1 body: the press release, in EDGAR HTML."""
    return _document(seed_path, "EX-99.1")


@pytest.fixture(scope="module")
def seed(exhibit: str) -> PlainText:
    return plain_text(exhibit)


def _block(pt: PlainText, prefix: str):
    for block in pt.blocks:
        if pt.text.startswith(prefix, block.start):
            return block
    raise AssertionError(f"no block starts with {prefix!r}")


def _sentences(pt: PlainText) -> list[str]:
    return [pt.text[s:e] for b in pt.blocks for s, e in split_sentences(pt.text, b.start, b.end)]


def _visible(raw_html: str) -> str:
    """What a reader sees of a slice of HTML: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", raw_html)).split())


# --- the seed's EX-99.1 -------------------------------------------------------------------

def test_seed_is_html_and_has_its_headline_as_title(exhibit: str, seed: PlainText) -> None:
    assert detect_media(exhibit) == "html"
    assert seed.title == SEED_TITLE
    assert _block(seed, SEED_TITLE).role == "title"
    assert _block(seed, "Exhibit 99.1").role == "boilerplate"
    assert seed.front_matter == {}


def test_seed_sentence_maps_back_to_the_raw_html(exhibit: str, seed: PlainText) -> None:
    body = [(s, e) for b in seed.body_blocks() if b.role == "body"
            for s, e in split_sentences(seed.text, b.start, b.end)]
    hits = [(s, e) for s, e in body if "Wisconsin Alumni Research Foundation" in seed.text[s:e]]
    assert hits, "no body sentence names WARF"
    start, end = hits[0]
    sentence = seed.text[start:end]
    assert sentence.startswith("Madison, Wisc. (March 8, 2017) -- Cellectar Biosciences, Inc.")
    assert sentence.endswith("in multiple myeloma.")
    src_start, src_end = seed.source_span(start, end)
    assert exhibit[src_start:src_end].startswith("Madison")
    assert _visible(exhibit[src_start:src_end]) == sentence
    # and a phrase inside it maps to exactly those words in the source
    at = seed.text.index("Wisconsin Alumni Research Foundation", start)
    span = seed.source_span(at, at + len("Wisconsin Alumni Research Foundation"))
    assert exhibit[span[0]:span[1]] == "Wisconsin Alumni Research Foundation"


def test_seed_entities_map_to_their_references(exhibit: str, seed: PlainText) -> None:
    at = seed.text.index("the “company”")
    quote = seed.source_span(at + 4, at + 5)
    assert exhibit[quote[0]:quote[1]] == "&ldquo;"
    word = seed.source_span(at, at + len("the “company”"))
    assert exhibit[word[0]:word[1]] == "the &ldquo;company&rdquo;"


def test_seed_about_section(seed: PlainText) -> None:
    heading = _block(seed, "About Cellectar Biosciences, Inc.")
    assert heading.role == "about"
    profile = _block(seed, "Cellectar Biosciences is developing phospholipid drug conjugates")
    assert profile.role == "about"
    assert seed.role_at(profile.start + 10) == "about"
    # the section runs on over a page break, up to the end mark
    assert _block(seed, "The National Institute of Health’s SEER database").role == "about"
    assert _block(seed, "About WARF").role == "about"
    assert _block(seed, "# # #").role == "boilerplate"


def test_seed_forward_looking_and_contact(seed: PlainText) -> None:
    # no heading here: the paragraph's own words open the section
    fls = _block(seed, "This news release contains forward-looking statements.")
    assert fls.role == "forward-looking"
    assert _block(seed, "CONTACT:").role == "contact"
    assert _block(seed, "jabraham@jqapartners.com").role == "contact"


def test_seed_body_blocks_hold_the_news_only(seed: PlainText) -> None:
    roles = {b.role for b in seed.body_blocks()}
    assert roles == {"title", "body"}
    texts = [seed.text[b.start:b.end] for b in seed.body_blocks()]
    assert any(t.startswith("“WARF is one of Cellectar’s largest shareholders") for t in texts)
    assert not any("forward-looking" in t for t in texts)


def test_seed_dateline(seed: PlainText) -> None:
    assert "Madison, Wisc. (March 8, 2017) --" in seed.text
    assert dateline_date(seed) == dt.date(2017, 3, 8)


def test_seed_sentences_keep_company_and_ticker(seed: PlainText) -> None:
    sentences = _sentences(seed)
    lead = [s for s in sentences if "Cellectar Biosciences, Inc. (Nasdaq: CLRB)" in s]
    assert len(lead) == 1
    assert lead[0].startswith("Madison, Wisc. (March 8, 2017)")
    assert ("“WARF is one of Cellectar’s largest shareholders and remains a formidable partner."
            in sentences)
    assert ("We believe this expansion of our relationship further solidifies our mutual "
            "commitment,” said Jim Caruso, president and CEO of Cellectar." in sentences)


def test_seed_signature_keeps_initial(seed_path: Path) -> None:
    main = plain_text(_document(seed_path, "8-K"))
    signed = [s for s in _sentences(main) if "Kolean" in s]
    assert "Name: Chad J. Kolean" in signed
    assert "By: /s/ Chad J. Kolean" in signed


# --- sentences ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("The agreement was signed by Chad J. Kolean, the CFO. It closes in May.",
         ["The agreement was signed by Chad J. Kolean, the CFO.", "It closes in May."]),
        ("Cellectar Biosciences, Inc. (NASDAQ: CLRB) today announced a license. WARF agreed.",
         ["Cellectar Biosciences, Inc. (NASDAQ: CLRB) today announced a license.",
          "WARF agreed."]),
        ("Approved by the U.S. Food and Drug Administration. Sales grew 1.5 times.",
         ["Approved by the U.S. Food and Drug Administration.", "Sales grew 1.5 times."]),
        ("Dr. Smith and Mr. Jones of Acme Corp. Inc. met Ms. Lee, Ph.D. and Prof. Wu. Done.",
         ["Dr. Smith and Mr. Jones of Acme Corp. Inc. met Ms. Lee, Ph.D. and Prof. Wu.",
          "Done."]),
        ("MADISON, Wis., March 8, 2017 — Acme signed. Madison, Calif. Feb. 7 was the date.",
         ["MADISON, Wis., March 8, 2017 — Acme signed.",
          "Madison, Calif. Feb. 7 was the date."]),
        ("“We are pleased,” said Ann. “It is a milestone.” Then she left! Why? (Nobody knows.)",
         ["“We are pleased,” said Ann.", "“It is a milestone.”", "Then she left!", "Why?",
          "(Nobody knows.)"]),
        ("Patent No. 9,000,001 covers it, e.g. Acme's drug, i.e. CLR 131 vs. others.",
         ["Patent No. 9,000,001 covers it, e.g. Acme's drug, i.e. CLR 131 vs. others."]),
        ("It rose to $4.0 million. 2025 will be better.",
         ["It rose to $4.0 million.", "2025 will be better."]),
        # Headings glued to their paragraphs by scraping; LinkedIn and brands stay whole.
        ("About Lynn Sage FoundationThe Lynn Sage Breast Cancer Foundation is in Chicago.",
         ["About Lynn Sage Foundation", "The Lynn Sage Breast Cancer Foundation is in Chicago."]),
        ("Contact DetailsFor media: find us on LinkedIn and at AbbVie Inc.",
         ["Contact Details", "For media: find us on LinkedIn and at AbbVie Inc."]),
        # A contact block that lost its line breaks: name, title and company apart again.
        ("Contact:David ShapiroChief Executive OfficerB2i Digital, Inc.",
         ["Contact:David Shapiro", "Chief Executive Officer", "B2i Digital, Inc."]),
        ("Kirin Smith, PresidentPCG Advisory, Inc.(646) 823-8656",
         ["Kirin Smith, President", "PCG Advisory, Inc.(646) 823-8656"]),
        ("Contacts: Kirin M. SmithPCG Advisory, Inc. 646",
         ["Contacts: Kirin M. Smith", "PCG Advisory, Inc. 646"]),
        ("Judy Krandel, CFONephros, Inc.(201) 343-5202. He is Senior Vice President of Sales.",
         ["Judy Krandel, CFO", "Nephros, Inc.(201) 343-5202.",
          "He is Senior Vice President of Sales."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_split_sentences_within_a_span_and_across_blocks() -> None:
    text = "  Skip this. Keep one. Keep two.\nNext block without a stop\nLast.  "
    start = text.index("Keep one")
    assert [text[s:e] for s, e in split_sentences(text, start)] == [
        "Keep one.", "Keep two.", "Next block without a stop", "Last."]
    end = text.index("\n")
    assert [text[s:e] for s, e in split_sentences(text, start, end)] == ["Keep one.", "Keep two."]
    assert split_sentences("") == []
    assert split_sentences("   \n  ") == []


def test_split_sentences_caps_a_runaway_sentence() -> None:
    text = "word " * 3000 + "end."
    spans = split_sentences(text)
    assert len(spans) == 8
    assert all(0 < e - s <= MAX_SENTENCE for s, e in spans)
    assert text[spans[-1][0]:spans[-1][1]].endswith("end.")
    unbroken = split_sentences("x" * 5000)
    assert [e - s for s, e in unbroken] == [MAX_SENTENCE, MAX_SENTENCE, 1000]


# --- small inputs in each media -----------------------------------------------------------

def test_html_entities_whitespace_and_dropped_parts() -> None:
    source = (
        "<html><head><title>Acme  News</title><style>p {color: red}</style>"
        "<script>var x = '<p>no</p>';</script></head><body>"
        "<!-- a comment <p>hidden</p> -->"
        "<h1>Acme Licenses R&amp;D Platform</h1>"
        "<p>Acme&#146;s   R&amp;D\n   team&nbsp;grew.<br>Second&nbsp;line.</p>"
        "<table><tr><td>Revenue</td><td>$1,200</td></tr></table></body></html>"
    )
    pt = plain_text(source)
    assert pt.text == (
        "Acme Licenses R&D Platform\nAcme’s R&D team grew.\nSecond line.\nRevenue $1,200")
    assert pt.title == "Acme Licenses R&D Platform"
    assert [b.role for b in pt.blocks] == ["title", "body", "body", "body"]
    at = pt.text.index("’")
    span = pt.source_span(at, at + 1)
    assert source[span[0]:span[1]] == "&#146;"
    at = pt.text.index("R&D team")
    span = pt.source_span(at, at + len("R&D team"))
    assert source[span[0]:span[1]] == "R&amp;D\n   team"


def test_edgar_text_wrapper_and_pre() -> None:
    source = (
        "<TEXT>\n<PRE>\nACME CORP. ANNOUNCES A LICENSE\n\nNEW YORK, March 3, 2004 -- Acme\n"
        "Corp. said today it licensed a patent.\n\n<PAGE> 2\n\nAbout Acme\nAcme makes things."
        "\n</PRE>\n</TEXT>\n"
    )
    pt = plain_text(source)
    assert pt.text.split("\n") == [
        "ACME CORP. ANNOUNCES A LICENSE",
        "NEW YORK, March 3, 2004 -- Acme Corp. said today it licensed a patent.",
        "About Acme Acme makes things.",
    ]
    assert [b.role for b in pt.blocks] == ["title", "body", "about"]
    assert dateline_date(pt) == dt.date(2004, 3, 3)
    # a plain EDGAR text document, without <PRE>
    plain = plain_text(source.replace("<PRE>", "").replace("</PRE>", ""))
    assert plain.text == pt.text


def test_plain_text_paragraphs_keep_offsets() -> None:
    source = "Acme Signs Deal\n\nThe deal was\nsigned  today.\n\n\n\nAbout Acme\nAcme is big."
    pt = plain_text(source, "text")
    assert pt.text == "Acme Signs Deal\nThe deal was signed today.\nAbout Acme Acme is big."
    assert [b.role for b in pt.blocks] == ["title", "body", "about"]
    at = pt.text.index("was signed")
    span = pt.source_span(at, at + len("was signed"))
    assert source[span[0]:span[1]] == "was\nsigned"
    span = pt.source_span(at + 4, at + 10)
    assert source[span[0]:span[1]] == "signed"


def test_markdown_front_matter_emphasis_and_links() -> None:
    source = (
        '---\ntitle: "Acme Buys Beta"\ndate: "2025-02-11 20:15:00"\ntags:\n  - "Deals"\n'
        '  - "Biotech"\n---\n\n# Acme Buys Beta\n\n'
        "BOSTON, Feb. 10, 2025 (GLOBE NEWSWIRE) — **Acme** bought _Beta_ "
        "([details](https://x.test/a_(b))).\n\n"
        "**About Acme**\n\nAcme makes snake_case tools.\n\n---\n\n"
        "[Original Press Release](https://x.test/pr)\n\n![QR](https://x.test/qr.png)\n"
    )
    pt = plain_text(source)
    assert detect_media(source) == "markdown"
    assert pt.front_matter == {
        "title": "Acme Buys Beta", "date": "2025-02-11 20:15:00", "tags": "Deals, Biotech"}
    assert pt.title == "Acme Buys Beta"
    roles = [(pt.text[b.start:b.end], b.role) for b in pt.blocks]
    assert roles[1:] == [
        ("Acme Buys Beta", "title"),
        ("BOSTON, Feb. 10, 2025 (GLOBE NEWSWIRE) — Acme bought Beta (details).", "body"),
        ("About Acme", "about"),
        ("Acme makes snake_case tools.", "about"),
        ("Original Press Release", "navigation"),
        ("QR", "navigation"),
    ]
    assert roles[0][1] == "front-matter"
    at = pt.text.index("details")
    span = pt.source_span(at, at + len("details"))
    assert source[span[0]:span[1]] == "details"
    at = pt.text.index("Acme bought")
    span = pt.source_span(at, at + len("Acme bought Beta"))
    assert source[span[0]:span[1]] == "Acme** bought _Beta"
    # the dateline wins over the archive's posting time in the front matter
    assert dateline_date(pt) == dt.date(2025, 2, 10)
    no_dateline = plain_text(source.replace("BOSTON, Feb. 10, 2025 (GLOBE NEWSWIRE) — ", ""))
    assert dateline_date(no_dateline) == dt.date(2025, 2, 11)


@pytest.mark.parametrize(
    "lead, expected",
    [
        ("SAN DIEGO, March 10, 2025 /PRNewswire/ -- Acme Inc. announced a deal.",
         dt.date(2025, 3, 10)),
        ("Madison, Wis., March 8, 2017 — Acme Inc. announced a deal.", dt.date(2017, 3, 8)),
        ("NEW YORK--(BUSINESS WIRE)--Aug 4, 2025--Acme Inc. announced a deal.",
         dt.date(2025, 8, 4)),
        ("Aug 4, 2025", dt.date(2025, 8, 4)),
        ("LONDON, 4 August 2025 — Acme plc announced a deal.", dt.date(2025, 8, 4)),
        ("SANTA CLARA, Calif.—Feb. 25, 2026―Acme today reported revenue.", dt.date(2026, 2, 25)),
        ("Acme announced today that the deal closed on March 10, 2025.", None),
        ("Acme Inc. announced a deal.", None),
        ("BOSTON, Feb. 30, 2025 (GLOBE NEWSWIRE) — Acme announced a deal.", None),
    ],
)
def test_dateline_forms(lead: str, expected: dt.date | None) -> None:
    pt = plain_text(f"Acme Announces a Deal\n\n{lead}\n\nMore text follows here.", "text")
    assert dateline_date(pt) == expected


def test_media_must_be_known() -> None:
    with pytest.raises(ValueError, match="unknown media 'pdf'"):
        plain_text("x", "pdf")


# --- the press-release corpus -------------------------------------------------------------

@pytest.fixture(scope="module")
def releases(shared_dir: Path) -> Path:
    folder = shared_dir / "corpus" / "press-releases"
    if not folder.is_dir():
        pytest.skip(f"press-release corpus {folder} is absent")
    return folder


def _release(releases: Path, prefix: str) -> tuple[str, PlainText]:
    matches = sorted(releases.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"press release {prefix}_* is not in {releases}")
    source = matches[0].read_text(encoding="utf-8")
    return source, plain_text(source)


# (file, start of a block, its role): one line each, so a regression names its case.
CORPUS_ROLES = [
    ("001", "BioCorRx Pharmaceuticals Inc. Announces That it has Acquired LUCEMYRA", "title"),
    ("001", "ANAHEIM, CA and LOUISVILLE, KY - March 10, 2025 (NEWMEDIAWIRE)", "body"),
    ("001", "About BioCorRx Inc.", "about"),
    ("001", "USWM LLC is a privately held specialty pharmaceutical company", "about"),
    ("001", "Forward-Looking Statements", "forward-looking"),
    ("001", "View the original release on www.newmediawire.com", "navigation"),
    ("001", "Original/Source Press Release", "navigation"),
    ("001", "Blockchain Registration", "navigation"),
    ("012", "About Dry Eye Disease", "about"),
    ("012", "About JK Medical, Inc.", "about"),
    ("012", "Media & Investor Contact - AXIM Biotechnologies", "contact"),
    ("018", "To view the full press release, visit", "navigation"),
    ("018", "About CNS Pharmaceuticals Inc.", "about"),
    ("018", "NOTE TO INVESTORS:", "boilerplate"),
    ("034", "--News Direct--", "boilerplate"),
    ("034", "ANGLE PLC chief executive Andrew Newland", "body"),
    ("034", "Contact DetailsProactive UK Ltd", "contact"),
    ("034", "uk@proactiveinvestors.com", "contact"),
    ("034", "View source version on newsdirect.com:", "navigation"),
    ("034", "Pickup - citybuzz.co", "navigation"),
    ("068", 'title: "Royalty Pharma Reports Q4 and Full Year 2024 Results"', "front-matter"),
    ("068", "About Royalty Pharma plc", "about"),
    ("068", "Forward-Looking Statements", "forward-looking"),
    ("068", "Reuters", "navigation"),
    ("073", "Cautionary Note Regarding Forward-Looking Statements", "forward-looking"),
    ("073", "Consolidated Balance Sheet Data", "body"),
    ("073", "Investor Contact", "contact"),
    ("073", "media@agios.com", "contact"),
]


@pytest.mark.parametrize("prefix, start, role", CORPUS_ROLES,
                         ids=[f"{p}-{s[:24]}" for p, s, _ in CORPUS_ROLES])
def test_corpus_block_roles(releases: Path, prefix: str, start: str, role: str) -> None:
    _, pt = _release(releases, prefix)
    assert _block(pt, start).role == role


@pytest.mark.parametrize("prefix, expected", [
    ("001", dt.date(2025, 3, 10)),
    ("007", dt.date(2025, 1, 11)),  # "Saturday Jan 11, 2025 @ 7:00 AM"
    ("015", dt.date(2024, 11, 12)),  # "LAS VEGAS - (NewMediaWire) - November 12, 2024 -"
    ("063", dt.date(2025, 2, 10)),  # "NEW YORK--(BUSINESS WIRE)--February 10, 2025--"
    ("067", dt.date(2025, 2, 13)),  # front matter says Feb 14: the dateline wins
    ("070", dt.date(2025, 2, 11)),  # after a list of highlights
    ("074", dt.date(2025, 2, 7)),
    ("002", None),  # no dateline, no front matter
    ("034", None),
])
def test_corpus_dates(releases: Path, prefix: str, expected: dt.date | None) -> None:
    _, pt = _release(releases, prefix)
    assert dateline_date(pt) == expected


def test_corpus_front_matter_and_title(releases: Path) -> None:
    _, pt = _release(releases, "068")
    assert pt.front_matter["title"] == "Royalty Pharma Reports Q4 and Full Year 2024 Results"
    assert pt.front_matter["date"] == "2025-02-11 20:15:00"
    assert pt.title == "Royalty Pharma Reports Q4 and Full Year 2024 Results"
    assert pt.blocks[0].role == "front-matter"


def test_corpus_markup_maps_to_its_text(releases: Path) -> None:
    source, pt = _release(releases, "001")
    link = _block(pt, "Original/Source Press Release")
    start, end = pt.source_span(link.start, link.end)
    assert source[start - 1:end + 2] == "[Original/Source Press Release]("
    source, pt = _release(releases, "068")
    about = _block(pt, "About Royalty Pharma plc")
    start, end = pt.source_span(about.start, about.end)
    assert source[start - 2:end + 2] == "**About Royalty Pharma plc**"


def test_corpus_sentences_stay_inside_blocks(releases: Path) -> None:
    for path in sorted(releases.glob("*.txt")):
        source = path.read_text(encoding="utf-8")
        pt = plain_text(source)
        assert pt.title, path.name
        for block in pt.blocks:
            for start, end in split_sentences(pt.text, block.start, block.end):
                assert block.start <= start < end <= block.end
                assert "\n" not in pt.text[start:end]
                src_start, src_end = pt.source_span(start, end)
                assert 0 <= src_start < src_end <= len(source)


# --- hostile input ------------------------------------------------------------------------

def test_empty_input() -> None:
    for media in (None, "html", "markdown", "text"):
        pt = plain_text("", media)
        assert (pt.text, pt.blocks, pt.title, pt.front_matter) == ("", [], None, {})
        assert dateline_date(pt) is None
        assert pt.body_blocks() == []
        assert pt.source_span(0, 0) == (0, 0)


@pytest.mark.parametrize("media", [None, "html", "markdown", "text"])
def test_binary_junk(media: str | None) -> None:
    junk = random.Random(7).randbytes(300_000).decode("latin-1")
    pt = plain_text(junk, media)
    assert pt.text
    dateline_date(pt)
    for block in pt.blocks:
        assert block.role in ROLES
        for start, end in split_sentences(pt.text, block.start, block.end):
            src_start, src_end = pt.source_span(start, end)
            assert 0 <= src_start <= src_end <= len(junk)


@pytest.mark.parametrize("source", [
    "<div>" * 100_000 + "deep" + "</div>" * 100_000,
    "<span style='font-weight:bold'><b><a href='#'>" * 100_000 + "deep",
    "<a" * 200_000,
    "<!--" + "<p>" * 100_000,
    "&" * 100_000 + "&#" * 100_000,
])
def test_pathological_html(source: str) -> None:
    pt = plain_text(source, "html")
    assert len(pt.blocks) <= 1


@pytest.mark.parametrize("source", [
    "[" * 200_000 + "](" * 50_000,
    "*" * 200_000 + " _" * 100_000,
    "[a](" + "(" * 200_000,
    "|" + " |" * 200_000,
    "---\n" + "key: value\n" * 50_000,
    "\n" * 500_000,
])
def test_pathological_markdown(source: str) -> None:
    pt = plain_text(source, "markdown")
    assert len(pt.text) <= len(source)


@pytest.mark.slow
def test_five_megabytes_of_text() -> None:
    paragraph = "Acme Inc. licensed the U.S. rights to Dr. J. Smith's drug. Sales rose 1.5 times.\n"
    source = paragraph * (5_000_000 // len(paragraph))
    pt = plain_text(source)
    assert len(pt.blocks) == 1
    spans = split_sentences(pt.text)
    assert len(spans) > 100_000
    assert all(e - s <= MAX_SENTENCE for s, e in spans)
    assert pt.source_span(len(pt.text) - 5, len(pt.text)) == (len(source) - 6, len(source) - 1)


@pytest.mark.parametrize("line", [
    "-" * 1_000_000,                   # a thematic break a megabyte long
    "- " * 500_000,
    "*" * 1_000_000,
    "[a](" + "b" * 1_000_000 + ")",    # one link line with a megabyte-long target
    "[a](" + "(b)" * 333_333 + ")",
], ids=["dashes", "spaced-dashes", "stars", "long-link", "nested-link"])
def test_markdown_line_kinds_take_memory_bounded_by_the_line(line: str) -> None:
    import tracemalloc

    source = "# Title\n\n" + line + "\n\nBody text follows the long line.\n"
    tracemalloc.start()
    try:
        document = plain_text(source, "markdown")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # The text itself is a few MB as str and offset maps; the regex engine once kept ~200
    # bytes of backtracking state per character of such a line (300-500 MB for 1.5 MB).
    assert peak < 40 * len(line), f"{peak >> 20} MB for a {len(line) >> 20} MB line"
    assert document.title == "Title"
    assert document.text.endswith("Body text follows the long line.")
