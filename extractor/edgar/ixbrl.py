"""Inline XBRL markup: the dei cover facts, the filer's CIK contexts and the visible text."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

# The visible text kept for reading the cover page: covers end within the first few pages.
MAX_VISIBLE_CHARS = 200_000
# Text kept per fact: dei cover facts are short; a text block fact is cut, never held twice.
MAX_FACT_CHARS = 20_000
# A continuation chain longer than this is broken markup (or a loop), not a fact.
MAX_CONTINUATIONS = 100
# Open elements and open facts followed at once: real forms nest a few dozen deep, and each
# piece of text goes to every open fact, so unclosed hostile nesting must not multiply it.
MAX_OPEN_ELEMENTS = 1000
MAX_OPEN_FACTS = 50
# Problems told one by one; past this many, only counted.
MAX_PROBLEMS = 10

_FACT_TAGS = frozenset({"ix:nonnumeric", "ix:nonfraction"})
# Elements whose text is read: facts, their continuations, and the contexts' entity ids.
_CAPTURED = _FACT_TAGS | {"ix:continuation", "xbrli:identifier"}
_CIK_SCHEME = "http://www.sec.gov/cik"
# Elements that never hold text a reader sees: the iXBRL header holds the hidden facts.
_SKIPPED = frozenset({"head", "title", "script", "style", "ix:header"})
_BLOCKS = frozenset(
    "p div br tr li table h1 h2 h3 h4 h5 h6 hr pre center blockquote section body".split())
_VOID = frozenset("br hr img meta link input col area base wbr param source".split())
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
# html.parser (CPython before 3.13.4) scans to the end of the text again for each "<" that
# no ">" closes before the next "<" ("<a<a<a…", "</x</x…"), each unclosed comment and each
# unclosed marked section: quadratic, minutes on a few MB. Such a "<" is text anyway.
_UNCLOSED_LT = re.compile(r"<(?=[^<>]*(?:<|\Z))")
_MARKED_SECTION = re.compile(r"<!\[(?!CDATA\[)", re.IGNORECASE)
# Word's conditional sections (<![if !supportLists]>, <![endif]>) only direct its display.
_CONDITIONAL = re.compile(r"<!\[(?:if|else|endif)\b[^<>]*\]>", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u200b]+")


@dataclass(slots=True)
class Fact:
    """One inline XBRL fact: its concept, its value after the transform, as it was shown."""

    name: str  # the concept as written, e.g. "dei:EntityCentralIndexKey"
    value: str | None  # None when the format could not be applied to the shown text
    shown: str
    context: str | None = None
    format: str | None = None


@dataclass(slots=True)
class InlineDocument:
    """What the markup of an inline XBRL (or plain HTML) document holds."""

    facts: list[Fact] = field(default_factory=list)
    context_ciks: list[str] = field(default_factory=list)  # as written, in document order
    text: str = ""  # the visible text, one block a line, cut at MAX_VISIBLE_CHARS
    is_inline_xbrl: bool = False
    complete: bool = False  # the markup reached </html>
    problems: list[str] = field(default_factory=list)

    def first(self, concept: str) -> str | None:
        """The first non-empty value of a concept (local name, any prefix), or None."""
        for fact in self.facts:
            if fact.name.rpartition(":")[2] == concept and fact.value:
                return fact.value
        return None

    def values(self, concept: str) -> list[Fact]:
        return [fact for fact in self.facts if fact.name.rpartition(":")[2] == concept]


@dataclass(slots=True)
class _Capture:
    """A fact or continuation being read: its attributes and the text seen so far."""

    tag: str
    attrs: dict[str, str]
    parts: list[str] = field(default_factory=list)
    size: int = 0
    excluded: int = 0  # depth of ix:exclude inside it

    def add(self, data: str) -> None:
        if not self.excluded and self.size < MAX_FACT_CHARS:
            self.parts.append(data)
            self.size += len(data)


class _InlineParser(HTMLParser):
    """A streaming tag scanner (tolerant of broken markup, never resolving DTD entities)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, hides its content)
        self.open_count: Counter[str] = Counter()  # open elements by name: a stray end tag
        # is told in one look, not by walking the stack (quadratic on hostile nesting)
        self.hidden = 0  # open elements that hide their content
        self.captures: list[_Capture] = []
        self.facts: list[tuple[_Capture, str]] = []  # closed facts and their text
        self.continuations: dict[str, tuple[str, str | None]] = {}
        self.context_ciks: list[str] = []
        self.visible: list[str] = []
        self.visible_size = 0
        self.complete = False
        self.inline = False
        self.too_deep = 0  # elements not followed past MAX_OPEN_ELEMENTS

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag.startswith("ix:"):
            self.inline = True
        if tag == "body":  # an unclosed <head> (or <title>) must not hide the whole body
            self._close("head")
        self._space(tag)
        if tag in _VOID or len(self.stack) >= MAX_OPEN_ELEMENTS:
            self.too_deep += tag not in _VOID
            return
        hides = tag in _SKIPPED or bool(_DISPLAY_NONE.search(values.get("style", "")))
        self.stack.append((tag, hides))
        self.open_count[tag] += 1
        self.hidden += hides
        if tag in _CAPTURED and len(self.captures) < MAX_OPEN_FACTS:
            self.captures.append(_Capture(tag, values))
        elif tag == "ix:exclude":
            for capture in self.captures:
                capture.excluded += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._space(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "html":
            self.complete = True
        self._space(tag)
        if not self._close(tag):
            return
        if tag == "ix:exclude":
            for capture in self.captures:
                capture.excluded = max(capture.excluded - 1, 0)
            return
        for index in range(len(self.captures) - 1, -1, -1):
            if self.captures[index].tag == tag:
                self._finish(self.captures.pop(index))
                break

    def _close(self, tag: str) -> bool:
        """Close the nearest open element of this name and those left open inside it
        (broken markup leaves elements unclosed); False if none is open."""
        if not self.open_count[tag]:
            return False
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                for name, hides in self.stack[index:]:
                    self.hidden -= hides
                    self.open_count[name] -= 1
                del self.stack[index:]
                return True
        return False

    def _space(self, tag: str) -> None:
        """Blocks end a line of the visible text; blocks and cells part the words of a fact."""
        if tag in _BLOCKS:
            self._text("\n")
        elif tag in ("td", "th"):
            self._text(" ")
        else:
            return
        for capture in self.captures:
            capture.add(" ")

    def _finish(self, capture: _Capture) -> None:
        text = "".join(capture.parts)
        if capture.tag == "ix:continuation":
            if capture.attrs.get("id"):
                self.continuations[capture.attrs["id"]] = (text, capture.attrs.get("continuedat"))
        elif capture.tag == "xbrli:identifier":
            if capture.attrs.get("scheme", "").strip().lower().rstrip("/") == _CIK_SCHEME:
                self.context_ciks.append(text.strip())
        else:
            self.facts.append((capture, text))

    def handle_data(self, data: str) -> None:
        for capture in self.captures:
            capture.add(data)
        self._text(data)

    def _text(self, data: str) -> None:
        if not self.hidden and self.visible_size < MAX_VISIBLE_CHARS:
            self.visible.append(data)
            self.visible_size += len(data)


def read_inline(text: str) -> InlineDocument:
    """Read the facts, CIK contexts and visible text of an HTML or inline XBRL document.

    Never raises for broken markup: what the scanner could not read is said in `problems`,
    and facts left open when the text ends (a truncated file) are dropped, not guessed.
    """
    parser = _InlineParser()
    result = InlineDocument()
    try:
        parser.feed(_defused(text))
        parser.close()
    except (AssertionError, ValueError) as exc:  # a malformed <! declaration, in old Pythons
        result.problems.append(f"the markup could not be read to its end ({exc})")
    if parser.too_deep:
        result.problems.append(f"{parser.too_deep} elements nested over {MAX_OPEN_ELEMENTS} "
                               "deep were not followed")
    result.is_inline_xbrl = parser.inline
    result.complete = parser.complete
    open_facts = [c for c in parser.captures if c.tag in _FACT_TAGS]
    if open_facts:
        names = sorted({c.attrs.get("name", "?") for c in open_facts})
        result.problems.append(f"the text ends inside {len(open_facts)} fact(s) "
                               f"({', '.join(names[:5])}): not read")
    for capture, shown in parser.facts:
        name = capture.attrs.get("name", "").strip()
        if not name:
            continue
        shown = _joined(shown, capture.attrs.get("continuedat"), parser.continuations,
                        result.problems, name)
        fmt = capture.attrs.get("format") or None
        if capture.tag == "ix:nonfraction":
            value = number_value(shown, fmt, capture.attrs.get("scale"),
                                 capture.attrs.get("sign"))
        else:
            value = transform(fmt, shown)
        if value is None and fmt:
            result.problems.append(f"{name}: {shown[:60]!r} does not fit the format {fmt}")
        result.facts.append(Fact(name, value, shown, capture.attrs.get("contextref"), fmt))
    result.context_ciks = parser.context_ciks
    if len(result.problems) > MAX_PROBLEMS:
        more = len(result.problems) - MAX_PROBLEMS
        result.problems[MAX_PROBLEMS:] = [f"and {more} more problems of the same kinds"]
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parser.visible).split("\n"))
    result.text = "\n".join(line for line in lines if line)
    return result


def _defused(text: str) -> str:
    """The text with every "<" that html.parser would rescan the rest of the text for
    turned into "&lt;": comments and CDATA sections that never close, "<![" sections other
    than CDATA (which also stop its parse), and a "<" that no ">" closes."""
    for opening, closing in (("<!--", "-->"), ("<![CDATA[", "]]>")):
        last = text.rfind(closing)
        if text.find(opening, max(last, 0)) >= 0:
            head, tail = text[:max(last, 0)], text[max(last, 0):]
            text = head + tail.replace(opening, "&lt;" + opening[1:])
    text = _MARKED_SECTION.sub("&lt;![", _CONDITIONAL.sub("", text))
    return _UNCLOSED_LT.sub("&lt;", text)


def _joined(shown: str, next_id: str | None, continuations: dict[str, tuple[str, str | None]],
            problems: list[str], name: str) -> str:
    """A fact's text with the ix:continuation chain that continues it, in order."""
    parts = [shown]
    seen: set[str] = set()
    while next_id:
        if next_id in seen or len(seen) >= MAX_CONTINUATIONS:
            problems.append(f"{name}: the continuation chain loops or never ends")
            break
        seen.add(next_id)
        if next_id not in continuations:
            problems.append(f"{name}: continuation {next_id!r} is missing (truncated?)")
            break
        part, next_id = continuations[next_id]
        parts.append(part)
    return _SPACES.sub(" ", " ".join(parts)).strip()


# --- transformations (ixt: and ixt-sec: formats) that the dei cover facts use --------------

_MONTHS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june",
     "jul july", "aug august", "sep sept september", "oct october", "nov november",
     "dec december"), start=1) for name in names.split()}
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s*([A-Za-z]+)\.?\s*,?\s*(\d{4})")
_NUMERIC_DATE = re.compile(r"(\d{1,4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,4})")

# US states and territories, and Canadian provinces, by name (ixt-sec:stateprovnameen).
STATE_CODES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "district of columbia": "DC",
    "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID", "illinois": "IL",
    "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
    "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI",
    "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT",
    "nebraska": "NE", "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ",
    "new mexico": "NM", "new york": "NY", "north carolina": "NC", "north dakota": "ND",
    "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA",
    "rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN",
    "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA",
    "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY", "puerto rico": "PR",
    "guam": "GU", "virgin islands": "VI", "american samoa": "AS",
    "northern mariana islands": "MP", "alberta": "AB", "british columbia": "BC",
    "manitoba": "MB", "new brunswick": "NB", "newfoundland and labrador": "NL",
    "nova scotia": "NS", "ontario": "ON", "prince edward island": "PE", "quebec": "QC",
    "saskatchewan": "SK", "yukon": "YT", "northwest territories": "NT", "nunavut": "NU",
}
# EDGAR's own codes for Canadian provinces (ixt-sec:edgarprovcountryen).
_EDGAR_PROVINCES = {
    "alberta": "A0", "british columbia": "A1", "manitoba": "A2", "new brunswick": "A3",
    "newfoundland and labrador": "A4", "nova scotia": "A5", "ontario": "A6",
    "prince edward island": "A7", "quebec": "A8", "saskatchewan": "A9", "yukon": "B0",
}
# The dei exchange codes, by a word of the exchange's name (ixt-sec:exchnameen); the more
# specific names first, since "NYSE American" also says "NYSE".
_EXCHANGES = (
    ("nasdaq", "NASDAQ"), ("nyse american", "NYSEAMER"), ("nyse mkt", "NYSEAMER"),
    ("american stock exchange", "NYSEAMER"), ("nyse arca", "NYSEArca"),
    ("nyse national", "NYSENAT"), ("nyse chicago", "NYSECHX"),
    ("chicago stock exchange", "NYSECHX"), ("new york stock exchange", "NYSE"),
    ("nyse", "NYSE"), ("cboe bzx", "CboeBZX"), ("bats", "CboeBZX"), ("cboe byx", "CboeBYX"),
    ("cboe edga", "CboeEDGA"), ("cboe edgx", "CboeEDGX"), ("cboe", "CBOE"),
    ("chicago board options", "CBOE"), ("investors exchange", "IEX"), ("iex", "IEX"),
    ("long-term stock exchange", "LTSE"), ("boston options", "BOX"), ("miax", "MIAX"),
    ("members exchange", "MEMX"), ("phlx", "PHLX"),
)
_EXCHANGE_CODES = {code.lower(): code for _, code in _EXCHANGES}


def _name_key(value: str) -> str:
    return " ".join(re.sub(r"[^a-z ]+", " ", value.lower().replace("&", " and ")).split())


def state_code(value: str, edgar_codes: bool = False) -> str | None:
    """The two-character code of a US state or Canadian province given by name or code."""
    text = value.strip()
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9]", text):
        return text.upper()
    key = _name_key(text).removeprefix("state of ").removeprefix("commonwealth of ")
    if edgar_codes and key in _EDGAR_PROVINCES:
        return _EDGAR_PROVINCES[key]
    return STATE_CODES.get(key)


def exchange_code(value: str) -> str | None:
    """The dei code of an exchange given by name ("The NASDAQ Stock Market LLC") or code."""
    text = value.strip()
    if text.lower() in _EXCHANGE_CODES:
        return _EXCHANGE_CODES[text.lower()]
    key = _name_key(text)
    return next((code for words, code in _EXCHANGES
                 if re.search(rf"\b{_name_key(words)}\b", key)), None)


def _date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def text_date(text: str, order: str = "mdy") -> str | None:
    """An ISO date from an English date ("March 6, 2023", "6 March 2023") or a numeric one
    in the given field order; None if the text is no date."""
    text = _SPACES.sub(" ", text).strip()
    match = _MONTH_DAY_YEAR.search(text)
    if match and match.group(1).lower() in _MONTHS:
        return _date(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    match = _DAY_MONTH_YEAR.search(text)
    if match and match.group(2).lower() in _MONTHS:
        return _date(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    match = _NUMERIC_DATE.search(text)
    if match:
        fields = dict(zip(order, (int(part) for part in match.groups()), strict=True))
        year = fields["y"] + (2000 if fields["y"] < 50 else 1900 if fields["y"] < 100 else 0)
        return _date(year, fields["m"], fields["d"])
    return None


def transform(fmt: str | None, shown: str) -> str | None:
    """A nonNumeric fact's value from its shown text under an ixt/ixt-sec format.

    Formats are matched on their local name without hyphens, so the transformation
    registries' old and new spellings ("datemonthdayyearen", "date-monthname-day-year-en")
    are the same. A format this reader does not know keeps the shown text.
    """
    text = _SPACES.sub(" ", shown).strip()
    if not fmt:
        return text
    local = fmt.rpartition(":")[2].replace("-", "").lower()
    if local in ("booleanfalse", "fixedfalse"):
        return "false"
    if local in ("booleantrue", "fixedtrue"):
        return "true"
    if local == "boolballotbox":
        return "true" if text in ("☒", "☑", "☑︎", "x", "X") else "false"
    if local.startswith("date"):
        order = ("dmy" if local.startswith("dateday") else "ymd" if local.startswith("dateyear")
                 else "mdy")
        return text_date(text, order)
    if local == "stateprovnameen":
        return state_code(text)
    if local == "edgarprovcountryen":
        return state_code(text, edgar_codes=True)
    if local == "exchnameen":
        return exchange_code(text)
    return text


def number_value(shown: str, fmt: str | None, scale: str | None, sign: str | None
                 ) -> str | None:
    """A nonFraction fact's value: the shown digits under the format, times 10^scale,
    negated when sign is "-"; None if the text is no number."""
    local = (fmt or "").rpartition(":")[2].replace("-", "").lower()
    text = _SPACES.sub("", shown)
    if local in ("zerodash", "fixedzero", "numdotdecimalzerodash") and set(text) <= set("-–—"):
        return "0"
    if "commadecimal" in local:
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    try:
        number = Decimal(text)
        if scale and scale.strip().lstrip("-").isdigit():
            number = number.scaleb(int(scale))
    except InvalidOperation:
        return None
    if (sign or "").strip() == "-":
        number = -number
    return format(number.normalize(), "f")
