"""Block roles: title, body, about, contact, forward-looking, navigation and boilerplate."""

from __future__ import annotations

import re

from .plain import Block, RawBlock

_BULLETS = "•·▪●◦‣⁃ \t"
# "AboutIn Vivo Programs": converters sometimes drop the space after the word
_ABOUT = re.compile(
    r"(?:About|ABOUT)(?:\s+(?:the\s+|The\s+|THE\s+)?[\"'“‘(]?[A-Z]|(?=[A-Z][a-z]))")
_FLS_HEADING = re.compile(
    r"forward[- ‐‑]?looking|safe\s+harbou?r|cautionary\s+(?:note|statement|notice|language)",
    re.IGNORECASE,
)
_FLS_HEADING_NOUN = re.compile(
    r"statement|information|safe\s+harbou?r|cautionary|disclaimer|notice|note", re.IGNORECASE
)
_FLS_PARAGRAPH = re.compile(r"forward[- ‐‑]?looking\s+(?:statements?|information)",
                            re.IGNORECASE)
# How safe-harbor paragraphs open when they name forward-looking statements only later on
_FLS_OPENING = re.compile(
    r"(?:Certain|Some|Any|All|Except|Statements|Information)\b.{0,40}?\b(?:statements?|"
    r"information|historical)\b|This\s+(?:press|news)\s+release\s+(?:contains|includes|may)",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"(?:(?:[A-Z][\w&/,.'’]*|and|&|/)[ \t]+){0,6}(?i:contacts?|inquiries|enquiries)\b"
    r"\s*(?:$|[:\-–—]|(?i:details|information|info)\b|[A-Z(])"
)
_CONTACT_SHORT = re.compile(
    r"(?:investors?|media|press|investor\s+relations|media\s+relations|public\s+relations"
    r"|investors?\s+(?:and|&)\s+media|media\s+(?:and|&)\s+investors?"
    r"|for\s+(?:further|more)\s+information,?\s+(?:please\s+)?contact(?:\s+us)?)\s*:?\s*$",
    re.IGNORECASE,
)
_PHONE_HINT = re.compile(r"\d[\d().\s-]{5,}\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\(?\d[\d().\s-]{5,}\d")
_CONTACT_LABEL = re.compile(
    r"\b(?:e-?mail|tel|telephone|phone|mobile|office|fax|cell|direct|ext)\b\.?|https?://\S+"
    r"|www\.\S+",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[^\W\d_]")
_NAVIGATION = re.compile(
    r"(?:view\s+(?:the\s+)?(?:source\s+version|original\s+(?:content|version|release)"
    r"|full\s+(?:press\s+)?release)|to\s+view\s+the\s+full\s+(?:press\s+)?release"
    r"|click\s+here\b|read\s+the\s+full\s+(?:press\s+)?release)",
    re.IGNORECASE,
)
_BOILERPLATE_LINE = re.compile(
    r"(?:-{1,2}\s*[^-\n]{2,40}?\s*-{1,2}$"  # --News Direct--
    r"|(?:#\s*){3}$|-\s*30\s*-$|(?:\*\s*){3}$"  # end marks: ###, # # #, -30-
    r"|SOURCE\s+\S|Source:\s|NOTE\s+TO\s+(?:INVESTORS|EDITORS)|Note\s+to\s+(?:investors|editors)"
    r"|(?:Exhibit|EXHIBIT)\s+[\w().-]{1,16}\s*$|EX-[\w().-]{1,16}\s*$"
    r"|(?:FOR\s+IMMEDIATE\s+RELEASE|For\s+Immediate\s+Release)"
    r"|(?:NEWS|PRESS|News|Press)\s+(?:RELEASE|Release)\s*$"
    r"|The\s+post\s+.+\s+appeared\s+first\s+on\s"
    r"|\(\d{1,2}:\d{2}\s+(?:GMT|UTC|ET|EST|EDT)\)"
    r"|(?:©|\([cC]\)|Copyright)\s*(?:\d{4}|[A-Z])"
    r"|\[[A-Z][A-Z ]{1,30}\]$"  # [LOGO], [LETTERHEAD]
    r"|(?:PR\s?Newswire|GLOBE\s?NEWSWIRE|Globe\s?Newswire|Business\s?Wire|BUSINESS\s?WIRE"
    r"|ACCESSWIRE|Accesswire|NewMediaWire|NEWMEDIAWIRE|Newsfile|News\s?Direct)\s*$"
    r"|By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*,\s*[A-Z][\w .&]{1,40}$)"
)
_BOILERPLATE_SECTION = re.compile(
    r"(?:Disclaimer|DISCLAIMER|(?:Important\s+)?Additional\s+Information\b"
    r"|IMPORTANT\s+ADDITIONAL\s+INFORMATION|ADDITIONAL\s+INFORMATION"
    r"|No\s+Offer\s+or\s+Solicitation|NO\s+OFFER\s+OR\s+SOLICITATION"
    r"|Participants\s+in\s+(?:the\s+)?Solicitation|PARTICIPANTS\s+IN\s+(?:THE\s+)?SOLICITATION"
    r"|Important\s+Information\b|IMPORTANT\s+INFORMATION\b|Legal\s+Notice|Not\s+an\s+Offer)"
)
_FINANCIAL_ROW = re.compile(r"\$|\d{1,3}(?:,\d{3})+")
SMALL_WORDS = frozenset(
    "a an and as at by for from in into of on or per the to vs via with & - – —".split()
)


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w.lower() not in SMALL_WORDS]
    if not words:
        return False
    capital = sum(1 for w in words if w[0].isupper() or w[0].isdigit() or not w[0].isalpha())
    return capital * 10 >= len(words) * 6


def _heading_like(raw: RawBlock, text: str) -> bool:
    if raw.heading or raw.bold or (raw.nbold and raw.nbold * 10 >= len(text) * 9):
        return len(text) <= 200
    if raw.list or raw.table or len(text) > 90 or text[-1] in ".,;:!?":
        return False
    return len(text.split()) <= 12 and (text[0].isupper() or text[0].isdigit()) and _title_case(
        text)


def _contact_only(text: str) -> bool:
    if len(text) > 120 or ("@" not in text and _PHONE_HINT.search(text) is None):
        return False
    rest, emails = _EMAIL.subn(" ", text)
    phones = [m for m in _PHONE.finditer(rest) if any(c in m.group() for c in "-().+")]
    for m in reversed(phones):
        rest = rest[:m.start()] + " " + rest[m.end():]
    if not emails and not phones:
        return False
    return not _LETTERS.search(_CONTACT_LABEL.sub(" ", rest))


def _cue(raw: RawBlock, text: str, heading: bool) -> str | None:
    """A section start ("about", ...) or a one-block role, from the block's own words."""
    if raw.nlink and raw.nlink * 10 >= len(text) * 6 and len(text) <= 300:
        return "navigation"
    if _NAVIGATION.match(text):
        return "navigation"
    if len(text) <= 400 and _BOILERPLATE_LINE.match(text):
        return "boilerplate"
    if _ABOUT.match(text):
        return "about"
    if heading and _FLS_HEADING.search(text) and _FLS_HEADING_NOUN.search(text):
        return "forward-looking"
    if (heading or len(text) <= 200) and _CONTACT.match(text):
        return "contact"
    if len(text) <= 80 and _CONTACT_SHORT.match(text):
        return "contact"
    if heading and _BOILERPLATE_SECTION.match(text):
        return "boilerplate-section"
    return None


def _pick_title(text: str, raws: list[RawBlock], cues: list[str | None],
                stated: str | None, html_title: str | None) -> int | None:
    limit = min(len(raws), 12)
    candidates = [i for i in range(limit)
                  if not raws[i].front and cues[i] not in ("navigation", "boilerplate")]
    for hint in (stated, html_title):
        if hint:
            wanted = " ".join(hint.split()).casefold()
            for i in candidates:
                if text[raws[i].start:raws[i].end].casefold() == wanted:
                    return i
    if stated:
        return None  # the front matter names the title, and it is not in the text
    for i in candidates:
        if 0 < raws[i].heading <= 3:
            return i
    early: list[int] = []
    for i in candidates:
        if raws[i].end - raws[i].start > 300:
            break
        early.append(i)
    for i in early[:6]:
        raw = raws[i]
        size = raw.end - raw.start
        if size >= 20 and (raw.bold or raw.nbold * 10 >= size * 9):
            return i
    return early[0] if early else None


def _data_rows(raws: list[RawBlock], texts: list[str]) -> list[bool]:
    """Rows of tables that hold figures: they never belong to an about, legal or contact
    section. A table of names and phone numbers (a contact table) has none."""
    data = [False] * len(raws)
    i = 0
    while i < len(raws):
        if not (raws[i].table or raws[i].grid):
            i += 1
            continue
        j = i
        while j < len(raws) and (raws[j].table or raws[j].grid):
            j += 1
        if any(_FINANCIAL_ROW.search(texts[k]) for k in range(i, j)):
            for k in range(i, j):
                data[k] = len(texts[k]) <= 300  # long cells are prose in a layout table
        i = j
    return data


def assign_roles(text: str, raws: list[RawBlock], stated_title: str | None,
                 html_title: str | None) -> tuple[list[Block], str | None]:
    """The blocks of `text` with the role of each raw block, and the release's title, if any."""
    texts = [text[raw.start:raw.end].lstrip(_BULLETS) or "-" for raw in raws]
    headings = [_heading_like(raw, t) for raw, t in zip(raws, texts, strict=True)]
    cues = [_cue(raw, t, h) for raw, t, h in zip(raws, texts, headings, strict=True)]
    title_index = _pick_title(text, raws, cues, stated_title, html_title)
    if title_index is not None:
        title = text[raws[title_index].start:raws[title_index].end]
    elif stated_title:
        title = stated_title
    else:
        # An HTML <title> is often a file name or "Document": only a phrase will do
        title = html_title if html_title and len(html_title.split()) >= 3 else None
    # Short lines after the last --- rule, links first, are the archive's own navigation,
    # whatever they say.
    last_rule = max((i for i, raw in enumerate(raws) if raw.rule), default=None)
    tail = None
    if last_rule is not None and cues[last_rule] == "navigation" and all(
            raw.end - raw.start <= 300 for raw in raws[last_rule:]):
        tail = last_rule
    data = _data_rows(raws, texts)
    blocks: list[Block] = []
    section = "body"
    for i, raw in enumerate(raws):
        t, cue = texts[i], cues[i]
        if raw.front:
            role = "front-matter"
        elif i == title_index:
            role = "title"
        elif tail is not None and i >= tail:
            role = "navigation"
        elif cue in ("navigation", "boilerplate"):
            role = cue
        elif cue is not None:
            section = "boilerplate" if cue == "boilerplate-section" else cue
            role = section
        else:
            if section in ("about", "forward-looking", "boilerplate") and (
                    headings[i] or data[i]):
                section = "body"
            elif section == "contact" and (data[i] or (len(t) > 250 and ". " in t)):
                section = "body"
            if section in ("body", "about") and not headings[i] and (
                    _FLS_PARAGRAPH.search(t, 0, 300)
                    or (_FLS_OPENING.match(t) and _FLS_PARAGRAPH.search(t, 0, 1500))):
                section = "forward-looking"
            role = section
            if role == "body" and not raw.table and _contact_only(t):
                role = "contact"
        blocks.append(Block(raw.start, raw.end, role))
    return blocks, title
