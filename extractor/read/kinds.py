"""Kinds of input, told from content (never from a file name), and decoding EDGAR bytes."""

from __future__ import annotations

import json
import re

from ..errors import InputError

# Kinds of input, told by content, never by file extension.
SUBMISSION = "submission"  # <SEC-DOCUMENT>/<SEC-HEADER> tab dialect, or a header-only file
ANGLE_SUBMISSION = "angle-submission"  # <SUBMISSION> angle dialect (.nc, .hdr.sgml)
BARE_DOCUMENTS = "documents"  # <DOCUMENT>s with no header
INDEX_HEADERS = "index-headers"  # EDGAR's -index-headers.html page
SUBMISSIONS_JSON = "submissions-json"  # data.sec.gov CIK##########.json
BUNDLE = "bundle"  # a tar of one filing: metadata.json (the header as JSON) plus its documents
PRESS_RELEASE = "press-release"  # a standalone press release in HTML, markdown or text
# An EDGAR primary document without its <DOCUMENT> wrapper or header: an Inline XBRL form
# (every 8-K, 10-K and 10-Q filed since 2019) or an HTML or text form with an SEC cover page.
PRIMARY_DOCUMENT = "primary-document"
OWNERSHIP_XML = "ownership-xml"  # a Form 3, 4 or 5's <ownershipDocument> on its own
# The failure stage of SEC's bulk name lists: no filing, but no broken input either (a mirror
# of EDGAR holds them), so a batch counts them as skipped and points to `edgar-kg link`.
NAME_LIST = "name-list"

# A standalone text is taken for a press release only if it carries one of these signs.
_PRESS_RELEASE_SIGNS = re.compile(
    r"(\b(?:NASDAQ|NYSE|OTCQB|OTCQX|OTC|TSX|TSXV|ASX|LSE|AIM|Nasdaq|Euronext)\s*(?:American)?\s*:\s*[A-Z.]{1,6}\b"
    r"|\bOTC\s*(?:PINK|Pink|Markets|QB|QX)\s*:\s*[A-Z]{2,6}\b"
    r"|\b[Aa]nnounc(?:e|es|ed|ing)\b|\bPRNewswire\b|(?i:\bGLOBE NEWSWIRE\b|\bBusiness Wire\b)"
    r"|(?i:\bACCESSWIRE\b|\bNEWMEDIAWIRE\b)"
    r"|\bNews Direct\b|\bNewsworthy\.ai\b|\b24-7PressRelease\b|\bEIN Presswire\b"
    r"|\bPR Newswire\b|\bpress release\b|\bagreement (?:with|between)\b"
    r"|\b[A-Z][A-Za-z.]+(?:,\s*[A-Z][A-Za-z.]+)?\s*[,/-]+\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
    r"Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s*\d{4})",
)

# Inline XBRL: its header element or its namespace, declared on <html> under any prefix.
_INLINE_XBRL = re.compile(
    r"<ix:header\b|xmlns:[A-Za-z_][\w.-]*\s*=\s*[\"']http://www\.xbrl\.org/\d{4}/inlineXBRL[\"']",
    re.IGNORECASE)
# An SEC form's cover page: the Commission, the form's title, then the Exchange Act section
# the report is made under or the registrant's Commission File Number, in that order and
# close together, as no press release or article quoting a form would print them.
_COVER_PAGE = re.compile(
    r"SECURITIES\s+AND\s+EXCHANGE\s+COMMISSION.{0,600}?\bFORM\s+(?:8-K|10-K|10-Q|6-K|20-F|40-F"
    r"|11-K|N-CSR)[\w/-]*\b.{0,2500}?(?:Pursuant\s+to\s+Section\s+13\s+or\s+15\s*\(\s*d\s*\)"
    r"|Commission\s+File\s+(?:Number|No))",
    re.IGNORECASE | re.DOTALL)
# Tags and no-break spaces out, in one linear pass (no search for a closing tag that a
# hostile text never gives).
_MARKUP = re.compile(r"<[^<>]*>|&(?:nbsp|#160|#xa0);", re.IGNORECASE)
# Characters of a text searched for a cover page: covers open the document.
_COVER_PROBE_CHARS = 64 << 10

# Bytes read to tell an input's kind before deciding to stream it.
PROBE_BYTES = 64 << 10
# Inputs other than submissions (press releases, JSON, index pages) are read whole, up to this.
MAX_TEXT_INPUT_BYTES = 64 << 20


def decode(data: bytes) -> str:
    """Decode EDGAR bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def detect_kind(name: str, text: str) -> str:
    """Tell what kind of input a decoded text is; raises InputError for anything else."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise InputError(name, "the file is empty", stage="detect")
    probe = stripped[:8192]
    if "\x00" in probe:
        raise InputError(name, "binary content (NUL bytes), not an EDGAR file or text",
                         stage="detect")
    if probe[0] in "{[":
        return _json_kind(name, stripped)
    upper = probe.upper()
    # Index pages carry an angle-dialect header in a comment: tell them apart first.
    if ("<SEC-HEADER>" in upper or "<IMS-HEADER>" in upper) and (
        upper.startswith(("<HTML", "<!DOCTYPE")) or "&LT;SEC-HEADER&GT;" in upper
    ):
        return INDEX_HEADERS
    if "<SUBMISSION>" in upper[:512] or "<ACCESSION-NUMBER>" in upper[:2048]:
        return ANGLE_SUBMISSION
    if (
        "<SEC-DOCUMENT>" in upper
        or "<SEC-HEADER>" in upper
        or "<IMS-DOCUMENT>" in upper
        or "<IMS-HEADER>" in upper
        or "ACCESSION NUMBER:" in upper[:2048]
    ):
        return SUBMISSION
    if upper.startswith("<DOCUMENT>"):
        return BARE_DOCUMENTS
    if "<OWNERSHIPDOCUMENT" in upper[:4096]:
        return OWNERSHIP_XML
    # Before the press-release signs: a form's cover announces and names tickers too.
    if is_primary_document(stripped[:_COVER_PROBE_CHARS]):
        return PRIMARY_DOCUMENT
    if _PRESS_RELEASE_SIGNS.search(stripped[:20000]) or _reads_like_news(stripped[:20000]):
        return PRESS_RELEASE
    if _LOOKUP_LINES.match(stripped[:2000]):
        raise InputError(name, "SEC's cik-lookup-data.txt (NAME:CIK: lines), not a filing: load "
                         "it into the company index with `edgar-kg link FILE`", stage=NAME_LIST)
    raise InputError(
        name,
        "not an EDGAR submission, header, primary document, submissions JSON or press "
        "release (no SEC header, <DOCUMENT>, Inline XBRL, SEC cover page, dateline, ticker or "
        "announcement found); if you know what it is, say so with --kind (genre= in Python), "
        "e.g. --kind press-release",
        stage="detect",
    )


# Marks of documentation, notes or data rather than news: code spans, list items, table rows.
_NOT_NEWS_LINE = re.compile(r"^\s*(?:[-*+|>]|\d+[.)]\s)|`")


def _reads_like_news(head: str) -> bool:
    """Whether a text with no sign of a release still reads as news: a headline line, then
    at least three paragraphs of prose, and no line that a README, notes or a table has."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", head) if p.strip()]
    if len(paragraphs) < 4:
        return False
    headline = paragraphs[0].lstrip("# ").strip()
    if not 15 <= len(headline) <= 300 or "\n" in headline:
        return False
    body = paragraphs[1:]
    if any(_NOT_NEWS_LINE.search(line) for p in body[:12] for line in p.splitlines()):
        return False
    prose = [p for p in body if len(p) >= 150 and re.search(r"[a-z]{3,}[.!?\"”]\s", p + " ")]
    return len(prose) >= 3


def is_primary_document(head: str) -> bool:
    """Whether the head of a text is an EDGAR primary document: Inline XBRL, or a form
    whose cover page opens it (told from the text with the tags taken out)."""
    if _INLINE_XBRL.search(head):
        return True
    return _COVER_PAGE.search(_MARKUP.sub(" ", head)) is not None


def probe_kind(name: str, probe: bytes, complete: bool) -> str | None:
    """The kind of an input told from its first bytes (`complete` when that is all of it).

    None for a JSON-looking probe that is not the whole input: JSON is told only from the
    whole text, so the caller reads the rest and asks `detect_kind`.
    """
    text = decode(probe)
    if not complete and text.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        return None
    return detect_kind(name, text)


# The first lines of SEC's name list: "NAME:0000000000:" each.
_LOOKUP_LINES = re.compile(r"(?:[^\n]+:\d{10}:\r?\n){2}")


def _is_ticker_list(data: object) -> bool:
    """company_tickers.json ({"0": {"cik_str", "ticker", "title"}}) or its exchange table."""
    if isinstance(data, dict) and data.get("fields") and "data" in data:
        return "cik" in data["fields"]
    first = next(iter(data.values()), None) if isinstance(data, dict) else None
    return isinstance(first, dict) and "cik_str" in first


def _json_kind(name: str, text: str) -> str:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError(name, f"invalid JSON: {exc}", stage="detect") from None
    if isinstance(data, dict) and "cik" in data and ("formerNames" in data or "filings" in data):
        return SUBMISSIONS_JSON
    if isinstance(data, dict) and "accession-number" in data:
        return BUNDLE
    if _is_ticker_list(data):
        raise InputError(name, "SEC's list of company names and tickers, not a filing: load it "
                         "into the company index with `edgar-kg link FILE`", stage=NAME_LIST)
    raise InputError(
        name, "JSON, but neither an SEC submissions file (cik, formerNames) nor a filing header",
        stage="detect",
    )
