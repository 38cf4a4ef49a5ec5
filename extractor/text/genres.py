"""The genre of a document (press release, form items, agreement...) from its type and content."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .conversion import plain_text
from .datelines import dateline_date
from .plain import PlainText

PRESS_RELEASE = "press-release"
FORM_ITEMS = "form-items"
AGREEMENT = "agreement"
FINANCIAL_STATEMENTS = "financial-statements"
PRESENTATION = "presentation"
NEWS_ARTICLE = "news-article"
OTHER = "other"
GENRES = (PRESS_RELEASE, FORM_ITEMS, AGREEMENT, FINANCIAL_STATEMENTS, PRESENTATION,
          NEWS_ARTICLE, OTHER)

# Source characters read to tell a genre: every sign looked for stands near the start (a cover
# page, an agreement's title and preamble, a dateline), so a 30 MB exhibit costs what 200 KB do.
HEAD_CHARS = 200_000
# Plain-text characters of the head where the opening signs must stand.
_OPENING = 4000
_LEAD = 30_000

# Form types whose main document is the form's own text: its cover page and items.
_FORM_TYPES = re.compile(r"(?:8-K|10-K|10-Q|6-K|20-F|40-F|10-KSB|10-QSB|8-K12[BG]|10-KT|10-QT"
                         r"|11-K|N-CSR)(?:/A)?\Z|10-K405\Z")
# Exhibit types that are never prose to read: subsidiaries, consents, certifications, charters
# and bylaws, powers of attorney, XBRL, graphics. (EX-1 and EX-4 hold underwriting agreements,
# indentures and notes: their content decides.)
_OTHER_TYPES = re.compile(r"EX-(?:3|5|8|14|16|21|23|24|31|32|101|104)(?:\.|\b)|GRAPHIC|XML|ZIP"
                          r"|EXCEL|PDF|JSON|XSD|EX-FILING FEES", re.IGNORECASE)

# The cover page's heading (on its own line, or run into the address as plain text of old
# filings makes it), never a release's "filed with the Securities and Exchange Commission".
_COVER = re.compile(r"^[ \t]*(?:UNITED[ \t]+STATES[ \t]+)?SECURITIES[ \t]+AND[ \t]+EXCHANGE[ \t]+"
                    r"COMMISSION[ \t]*$|SECURITIES\s+AND\s+EXCHANGE\s+COMMISSION\W{0,20}WASHINGTON",
                    re.IGNORECASE | re.MULTILINE)
_COVER_FORM = re.compile(
    r"\bFORM\s+(?:8-K|10-K|10-Q|6-K|20-F|40-F|10-KSB|10-QSB|11-K|S-\d+|F-\d+|N-\w+|T-1|13F|24F"
    r"|[345]\b)|\bSCHEDULE\s+(?:13[DG]|14[AC]|TO)\b|\bCURRENT\s+REPORT\b|\(Name\s+of\s+Issuer\)"
    r"|Exact\s+name\s+of\s+registrant|Registration\s+(?:Statement|No\.)|Investment\s+Company\s+Act"
    r"|\bANNUAL\s+REPORT\b|\bQUARTERLY\s+REPORT\b|\bREPORT\s+OF\s+FOREIGN\s+PRIVATE\s+ISSUER\b"
    r"|Pursuant\s+to\s+Section\s+13\s+or\s+15\s*\(\s*d\s*\)|Commission\s+File\s+Number",
    re.IGNORECASE)
_ITEM_HEADING = re.compile(r"(?m)^\s*ITEM\s+\d{1,2}[A-Z]?(?:\.\d{2})?\b", re.IGNORECASE)

_AGREEMENT_TITLE = re.compile(
    r"\b(?:AGREEMENT|PLAN\s+OF\s+(?:MERGER|REORGANIZATION)|AMENDMENT\s+NO\.|INDENTURE|CONTRACT"
    r"|MEMORANDUM\s+OF\s+UNDERSTANDING|LETTER\s+OF\s+INTENT|TERM\s+SHEET|NOTE\s+PURCHASE)\b")
_AGREEMENT_SIGNS = re.compile(
    r"\bmade\s+and\s+entered\s+into\b|\bis\s+entered\s+into\s+(?:as\s+of|on|by)\b"
    r"|\bis\s+made\s+(?:and\s+entered\s+into\s+)?(?:as\s+of|on|this)\b|\bby\s+and\s+(?:between|among)\b"
    r"|\bWHEREAS\b|\bNOW,?\s+THEREFORE\b|\bARTICLE\s+(?:I|1)\b|\bSection\s+1\.0?1\b"
    r"|\bIN\s+WITNESS\s+WHEREOF\b|\bthe\s+parties\s+hereto\b|\bhereinafter\b"
    r"|\bwitnesseth\b|\bRECITALS\b", re.IGNORECASE)

_STATEMENT_TITLE = re.compile(
    r"\b(?:CONSOLIDATED\s+)?(?:BALANCE\s+SHEETS?|STATEMENTS?\s+OF\s+(?:OPERATIONS|INCOME"
    r"|CASH\s+FLOWS?|FINANCIAL\s+CONDITION|(?:STOCK|SHARE)HOLDERS'?\s+EQUITY|COMPREHENSIVE)"
    r"|PRO\s+FORMA\s+(?:CONDENSED\s+)?(?:COMBINED\s+|CONSOLIDATED\s+)?FINANCIAL"
    r"|FINANCIAL\s+STATEMENTS|COMPUTATION\s+OF\s+[\w\s]{0,40}EARNINGS|RATIOS?\s+OF\s+EARNINGS"
    r"|SCHEDULE\s+OF\s+INVESTMENTS|STATEMENT\s+TO\s+CERTIFICATE\s*HOLDERS|DISTRIBUTION\s+REPORT)\b",
    re.IGNORECASE)
# An auditor's or accountant's report is a statement of its own, numbers or not.
_AUDITOR_REPORT = re.compile(r"\bREPORT\s+OF\s+INDEPENDENT\s+(?:REGISTERED\s+PUBLIC\s+ACCOUNTING"
                             r"\s+FIRM|AUDITORS?|ACCOUNTANTS?)\b", re.IGNORECASE)
_NUMERIC_LINE = re.compile(r"(?m)^[^\n]*(?:\$|\(\d[\d,]*\)|\d{1,3}(?:,\d{3})+)[^\n]*$")

# Each of these two alternations opens with a lookahead on the first characters its branches
# can start with: re then rejects most positions at once instead of trying every branch there
# (2-3x faster; they run on every document read).
_RELEASE_SIGNS = re.compile(
    r"(?=[(tfnpbgaemi2])(?:\btoday\s+announced\b|\bannounced\s+today\b|\bFOR\s+IMMEDIATE\s+RELEASE\b"
    r"|\b(?:NEWS|PRESS)\s+RELEASE\b|\bPR\s?Newswire\b|\bBusiness\s+Wire\b|\bGLOBE\s+NEWSWIRE\b"
    r"|\bACCESSWIRE\b|\bMarketwired\b|\bEIN\s+Presswire\b|\bNews\s+Direct\b|\bNEWMEDIAWIRE\b"
    r"|\bNewsworthy\.ai\b|\b24-7PressRelease\b|\bannounces\b"
    r"|\b(?:is|are)\s+(?:pleased|excited|proud|delighted|thrilled)\s+to\s+announce\b"
    r"|\((?:NASDAQ|NYSE|Nasdaq|NYSE\s+American|AMEX|OTC\w*|TSXV?)\s*:\s*[A-Z.]{1,6}\))",
    re.IGNORECASE)
_RELEASE_ROLES = frozenset({"about", "forward-looking", "contact"})

_BYLINE = re.compile(r"(?m)^\s*(?:By|BY)\s+[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-zA-Z'-]+\b")
# Signs of third-party writing: a news outlet or investor-media network naming itself, a rewrite
# citing "the press release", reporting verbs about the company.
_NEWS_OUTLETS = re.compile(
    r"(?=[(ABEFIMNPRSZadirsv])(?:\((?:Reuters|Bloomberg|AP|Dow\s+Jones)\)\s*[-–—]|\bReuters\b|\bBloomberg\s+News\b"
    r"|\bBenzinga\b|\bProactive(?:\s+Investors)?\b|\bNewsBreaks?\b|\bInvestorBrandNetwork\b"
    r"|\bIBN\b|\bRazorPitch\b|\bSeeking\s+Alpha\b|\bMotley\s+Fool\b|\bZacks\b"
    r"|\b(?:view|read)\s+the\s+full\s+(?:press\s+release|article)\b|\bin\s+the\s+press\s+release\b"
    r"|\baccording\s+to\s+(?:the|a)\s+(?:company|press\s+release|statement)\b"
    r"|\bAssociated\s+Press\b|\bFierce\s?(?:Biotech|Pharma)\b|\bEndpoints\s+News\b|\bSTAT\s+News\b"
    r"|\bsaid\s+in\s+an?\s+(?:interview|email|statement)\b|\baccording\s+to\b"
    r"|\bdid\s+not\s+(?:immediately\s+)?respond\b|\bdeclined\s+to\s+comment\b)")

_PRESENTATION_SIGNS = re.compile(r"\b(?:Investor|Corporate|Company)\s+Presentation\b|\bSlide\s+\d"
                                 r"|\bConference\s+Call\s+Slides\b|\bWebcast\s+Presentation\b",
                                 re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Genre:
    """A document's genre and the signs it was told by (for the record and for debugging)."""

    name: str
    signs: tuple[str, ...] = ()


def document_genre(source: str, doc_type: str | None = None, media: str | None = None) -> Genre:
    """The genre of one document's source (HTML, markdown or text), told from its head.

    The signs stand near the start of the text, not of the markup: a head that is nearly all
    markup (styles, nested tags) is read four times further, until it holds an opening's worth
    of text or the whole document has been read.
    """
    size = HEAD_CHARS
    while True:
        document = plain_text(source[:size], media)
        if len(document.text) >= _OPENING or size >= len(source):
            return text_genre(document, doc_type)
        size *= 4


def text_genre(document: PlainText, doc_type: str | None = None) -> Genre:
    """The genre of a document already made plain; `doc_type` is its EDGAR <TYPE>, if any."""
    kind = (doc_type or "").strip().upper()
    if kind and _OTHER_TYPES.match(kind):
        return Genre(OTHER, (f"type {kind}",))
    text = document.text[:_LEAD]
    opening = text[:_OPENING]

    cover = bool(_COVER.search(opening)) and bool(_COVER_FORM.search(opening))
    items = len(_ITEM_HEADING.findall(text))
    if cover or (kind and _FORM_TYPES.match(kind) and items >= 1):
        return Genre(FORM_ITEMS, tuple(s for s, on in (
            ("cover page", cover), (f"{items} item headings", items), (f"type {kind}", kind))
            if on))

    title_lines = [line for line in opening[:1500].splitlines() if line.strip()][:8]
    agreement_title = any(_AGREEMENT_TITLE.search(line) for line in title_lines)
    agreement_signs = {m.group(0).lower() for m in _AGREEMENT_SIGNS.finditer(text[:12000])}
    release_signs = {m.group(0).lower() for m in _RELEASE_SIGNS.finditer(opening)}
    dated = dateline_date(document) is not None
    release_roles = {block.role for block in document.blocks} & _RELEASE_ROLES
    release_score = len(release_signs) + dated + len(release_roles)
    exhibit = kind.startswith("EX-")

    if (agreement_title and len(agreement_signs) >= 1) or len(agreement_signs) >= 3:
        if release_score < 3 or agreement_title:
            return Genre(AGREEMENT, ("agreement title",) * agreement_title
                         + tuple(sorted(agreement_signs)))

    statements = {m.group(0).upper() for m in _STATEMENT_TITLE.finditer(opening)}
    numeric = len(_NUMERIC_LINE.findall(text))
    lines = max(text.count("\n"), 1)
    auditor = _AUDITOR_REPORT.search(opening)
    if release_score < 2 and (auditor or (statements and numeric / lines > 0.25)
                              or (lines >= 20 and numeric / lines > 0.5)):
        return Genre(FINANCIAL_STATEMENTS, ("auditor's report",) * bool(auditor)
                     + tuple(sorted(statements)) + (f"{numeric} of {lines} lines numeric",))

    # Third-party writing quotes a release's signs (its dateline, "announced"): its own
    # signs (a byline, an outlet naming itself, "the press release") decide first.
    news = {m.group(0).lower() for m in _NEWS_OUTLETS.finditer(document.text)}
    byline = bool(_BYLINE.search(opening))
    if not exhibit and (byline or len(news) >= 2):
        return Genre(NEWS_ARTICLE, ("byline",) * byline + tuple(sorted(news)))

    # A date near the top alone is no release (forms and prospectuses carry one): a release
    # also announces, names its wire or ticker, or closes with About, safe-harbor and contacts.
    if (release_signs and release_score >= 2) or (dated and len(release_roles) >= 2) or (
            kind.startswith("EX-99") and (release_signs or (dated and release_roles))):
        return Genre(PRESS_RELEASE, tuple(sorted(release_signs)) + ("dateline",) * dated
                     + tuple(sorted(release_roles)))

    presentation = _PRESENTATION_SIGNS.search(opening)
    if presentation:
        return Genre(PRESENTATION, (presentation.group(0),))
    return Genre(OTHER)
