"""Exhibit 21, the list of subsidiaries, read into rows of name, jurisdiction, share and parent."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser


@dataclass(frozen=True, slots=True)
class Subsidiary:
    """One listed subsidiary; `evidence` is its row or line as plain text, for provenance."""

    name: str
    jurisdiction: str | None
    percent_owned: float | None
    parent: str | None
    evidence: str


@dataclass(slots=True)
class SubsidiaryList:
    """The subsidiaries in exhibit order, and a note for each thing set aside and why."""

    subsidiaries: list[Subsidiary]
    notes: list[str]


# Indentation is in points. A child must sit this much deeper than its parent, so that a 0.9pt
# padding or one stray space never nests a row.
_INDENT_STEP = 4.0
_POINTS_PER_CHAR = 3.0  # one leading space or no-break space
_GRID_POINTS = 12.0  # a name one table column further right is one level deeper
_MAX_DEPTH = 400  # open elements tracked; deeper markup is garbage and would only cost time
_NOTE_CHARS = 300

_SPACES = re.compile(r"[ \t\r\n\f]+")  # HTML's collapsible whitespace: not the no-break space
_PLACE_EDGES = " ,;:()[]-–—"
_EDGE = " \t\r\n\f\xa0\u2002\u2003\u2007\u2009\u3000"
_ALNUM = re.compile(r"[^\W_]")
_WORD = re.compile(r"[^\W\d_][\w'’.&/-]*")  # a letter, then what name tokens carry: "S.p.A."


@dataclass(slots=True)
class _Cell:
    start: int  # first grid column, counting colspans
    text: str  # no-break spaces kept: a run of them parts columns, and one glues a mark on
    indent: float


@dataclass(slots=True)
class _Line:
    cells: list[_Cell]
    soft: bool = False  # no blank line or block break since the line above: a wrapped paragraph


# --- HTML into lines ---------------------------------------------------------------------------

_BLOCKS = frozenset(
    "p div li ul ol dl dt dd table tr td th blockquote center h1 h2 h3 h4 h5 h6 pre section "
    "article header footer address body html caption tbody thead tfoot form".split())
# <pre> keeps its lines and spacing: figure spaces do not collapse, nor glue a mark to a name.
_PRE = re.compile(r"<pre\b.*?(?:</pre\s*>|$)", re.I | re.S)
_PRE_SPACING = str.maketrans({" ": "\u2007", "\t": "\u2007" * 8, "\n": "<br>"})
_LIST_INDENT = {"ul": 20.0, "ol": 20.0, "blockquote": 30.0, "dd": 30.0}
_CSS_LEFT = re.compile(
    r"(?<![\w-])(padding-left|margin-left|text-indent|padding|margin)\s*:\s*([^;]*)", re.I)
_LENGTH = re.compile(r"(-?(?:\d+\.?\d*|\.\d+))\s*(pt|px|em|rem|in|cm|mm|pc|%)?", re.I)
_POINTS = {"pt": 1.0, "px": 0.75, "em": 10.0, "rem": 10.0, "in": 72.0, "cm": 28.35,
           "mm": 2.835, "pc": 12.0, "%": 4.7}


@lru_cache(maxsize=4096)  # generated HTML repeats a handful of style strings thousands of times
def _css_left(style: str) -> float:
    """The left indentation a style attribute adds, in points; later declarations win."""
    found: dict[str, float] = {}
    for m in _CSS_LEFT.finditer(style[:2000]):
        prop = m.group(1).lower()
        sizes = [float(x.group(1)) * _POINTS.get((x.group(2) or "px").lower(), 0.75)
                 for x in _LENGTH.finditer(m.group(2))]
        if sizes and prop in ("padding", "margin"):  # shorthand: top right bottom left
            found[prop + "-left"] = sizes[{1: 0, 2: 1, 3: 1}.get(len(sizes), 3)]
        elif sizes:
            found[prop] = sizes[0]
    return sum(found.values())


@dataclass(slots=True)
class _Buffer:
    """Text gathered for one line, or for one table cell (which may hold several lines)."""

    start: int = 0  # the cell's first grid column
    parts: list[str] = field(default_factory=list)
    indent: float | None = None
    soft: bool = False
    lines: list[tuple[str, float]] = field(default_factory=list)


class _HtmlReader(HTMLParser):
    """HTML into lines: a table row is one line of cells, any other block or <br> one line.
    A table nested in a cell ends the outer row there; the rest of that cell reads as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[_Line] = []
        self.blocks: list[tuple[str, float]] = []  # open blocks, each with the indent so far
        self.text = _Buffer()  # the line outside any table cell
        self.row: list[_Buffer] = []  # the cells of the open table row
        self.cell: _Buffer | None = None
        self.column, self.skipping = 0, ""  # skipping: inside <script>, <style> or <title>

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            buffer = self.cell or self.text
            if buffer.indent is None and data.strip(" \t\r\n\f"):
                buffer.indent = self.blocks[-1][1] if self.blocks else 0.0
            buffer.parts.append(data)

    def _break(self, soft: bool = False) -> None:
        """End the line being gathered; after an empty one, what follows starts afresh."""
        buffer = self.cell or self.text
        raw = _SPACES.sub(" ", "".join(buffer.parts)) if buffer.parts else ""
        body, indent, was_soft = raw.strip(_EDGE), buffer.indent or 0.0, buffer.soft
        buffer.parts, buffer.indent, buffer.soft = [], None, soft and bool(body)
        lead = raw[: len(raw) - len(raw.lstrip(_EDGE))]  # no-break spaces indent; others collapse
        indent += _POINTS_PER_CHAR * sum(c not in " \t\r\n\f" for c in lead)
        if body and buffer is self.text:
            self.lines.append(_Line([_Cell(0, body, indent)], soft=was_soft))
        elif body:
            buffer.lines.append((body, indent))

    def _close(self, tag: str) -> None:
        """Pop the innermost open `tag` (a <td> closes a <th>) and everything inside it."""
        for k in range(len(self.blocks) - 1, -1, -1):
            if self.blocks[k][0] == tag or (tag == "td" and self.blocks[k][0] == "th"):
                del self.blocks[k:]
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping and (self.skipping != "title" or tag not in _BLOCKS):
            return
        self.skipping = ""  # a block ends an unclosed <title>, lest it swallow the body
        if tag in ("script", "style", "title"):
            self.skipping = tag
        elif tag == "sup":  # a footnote reference: bracketed, it reads as a mark like "(1)"
            self.handle_data(" (")
        elif tag in ("br", "hr", "page"):
            self._break(soft=tag == "br")
        elif tag in _BLOCKS:
            self._open(tag, dict(attrs))

    def _open(self, tag: str, attrs: dict[str, str | None]) -> None:
        self._break()
        if tag in ("tr", "table"):
            self._end_row()
            self._close("tr")
            self.row = []
        elif tag in ("td", "th"):
            self._end_cell()
            self._close("td")
            span = (attrs.get("colspan") or "1").strip()
            self.cell = _Buffer(self.column)
            self.column += min(max(int(span), 1), 1000) if span.isdigit() else 1
        elif tag in ("p", "li") and self.blocks and self.blocks[-1][0] == tag:
            self.blocks.pop()  # an unclosed <p> or <li> ends where the next one begins
        if len(self.blocks) < _MAX_DEPTH:
            indent = _css_left(attrs.get("style") or "") + _LIST_INDENT.get(tag, 0.0)
            self.blocks.append((tag, (self.blocks[-1][1] if self.blocks else 0.0) + indent))

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping = "" if tag == self.skipping else self.skipping
        elif tag == "sup":
            self.handle_data(")")
        elif tag in _BLOCKS:
            self._break()
            if tag in ("td", "th"):
                self._end_cell()
            elif tag in ("tr", "table"):
                self._end_row()
            self._close(tag)

    def _end_cell(self) -> None:
        if self.cell is not None:
            self._break()
            self.row.append(self.cell)
            self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        filled = [c for c in self.row if c.lines]
        self.row, self.column = [], 0
        if len(filled) == 1 and len(filled[0].lines) >= 3:  # a layout cell holding paragraphs
            self.lines.extend(_Line([_Cell(0, t, i)]) for t, i in filled[0].lines)
        elif filled:
            self.lines.append(_Line([_Cell(c.start, " ".join(t for t, _ in c.lines),
                                           c.lines[0][1]) for c in filled]))

    def finish(self) -> list[_Line]:
        self._end_row()
        self._break()
        return self.lines


# --- Plain text into lines, less the SGML EDGAR leaves in it (<PAGE>, <TABLE>, <S>, <C>) -----
_SGML = re.compile(r"</?(?:PAGE|TABLE|CAPTION|S|C|FN|F\d{1,2}|R\d{0,2})>", re.I)


def _plain_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    soft = False  # a blank line ends a paragraph
    for raw in text.splitlines():
        raw = _SGML.sub(" ", raw)
        body = raw.lstrip(" \t\xa0")
        indent = _POINTS_PER_CHAR * sum(8 if c == "\t" else 1 for c in raw[: len(raw) - len(body)])
        body = html.unescape(body.rstrip()).replace("\t", "  ")
        if body.strip():
            lines.append(_Line([_Cell(0, body, indent)], soft=soft))
        soft = bool(body.strip())
    return lines


# --- Words, marks and places -------------------------------------------------------------------

_LEGAL_FORMS = frozenset(
    "inc ltd limited llc llp lp corp corporation company co plc pty pte spa srl sarl sa sas sae "
    "bv nv ag gmbh mbh kk gk ab as asa oy oyj kg kgaa kft ltda se sdn bhd ldc sl sca cv scs "
    "holdings holding partnership partners trust fund group bank".split())
# Lowercase words that occur in company names and places, not only in sentences.
_NAME_LOWER = _LEGAL_FORMS | frozenset(
    "of and the de del della der des di do dos du da das e et y und en och og i a an am im zu "
    "zur van von le la les los las al el for on at to in by with &".split())
_PLACE_LOWER = frozenset("of and the de del da do du la y et und".split())
_NOT_PLACES = _LEGAL_FORMS | frozenset(
    "inactive dormant dissolved liquidation formerly branch jv domestic foreign international "
    "other direct indirect active consolidated unconsolidated notes note footnotes".split())
_SENTENCE_WORDS = frozenset(
    "is are was were has have had been be being not no which that this these those its their our "
    "we would will may shall such because pursuant indicates omitted following listed herein "
    "thereof whose there if than also only each".split())
_HEADER_STRONG = frozenset(
    "name names subsidiary subsidiaries jurisdiction incorporation organization organisation "
    "state country percentage percent ownership owned domicile place formation entity "
    "parent".split())
_HEADER_WORDS = _HEADER_STRONG | frozenset(
    "legal entities company companies of the or and in by to jurisdictions states countries other "
    "incorporated organized organised formed domiciled location owner interest interests voting "
    "securities equity held directly indirectly registrant principal business activity activities "
    "type laws law under where which doing as dba economic share shares capital direct indirect "
    "proportion".split())
_ENTITY_KIND = (r"(?:limited liability company|limited liability partnership|limited partnership"
                r"|general partnership|partnership|corporation|company|statutory trust|trust"
                r"|association|bank|llc|corp\.?)")
# "Acme Ltd., a Delaware corporation"; "Acme, organized under the laws of the State of Ohio"
_KIND_TAIL = re.compile(
    rf",\s*(?:an?\s+([A-Z][^,()]{{1,60}}?)\s+{_ENTITY_KIND}|(?:organized|organised|incorporated"
    rf"|formed)\s+(?:under\s+the\s+laws\s+of|in)\s+(?:the\s+(?:state|province)\s+of\s+)?"
    rf"([A-Z][^,()]{{1,60}}))\.?$", re.I)
_TRAIL_MARK = re.compile(
    r"(?:\*+|[†‡§¶#]+|\(\s*(?:\d{1,2}|[a-z]|\*+|[†‡§¶]+)?\s*\)|\[\d{1,2}\]"
    r"|[\u00b9\u00b2\u00b3\u2070-\u2079]+)$")
_LEAD_MARK = re.compile(
    r"(?:\*+|[†‡§¶]+|\(\s*(?:\d{1,2}|[A-Za-z])\s*\)|\[\d{1,2}\]|\d{1,3}[.)](?=\s)"
    r"|[a-z][.)](?=\s))\s*")
_BULLET = re.compile(r"[•·▪◦●○■□➢►◆❖\-–—]+\s*")
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b)", re.I)
_PERCENT_AFTER = re.compile(r"[\s\w]{0,30}[)\]]?\s*")  # "owned", "interest", a closing bracket
_PERCENT_CELL = re.compile(r"[(\[]?\s*(\d{1,3}(?:\.\d+)?)\.?\s*(?:%|percent)?\s*[)\]]?", re.I)
_DASH = re.compile(r"\s[-–—]\s|\s[–—]|[–—]\s")
_LEADERS = re.compile(r"(?<![^\W\d_])[ \xa0\u2007]?(?:\.[ \xa0\u2007]?){3,}|…+")
_COLUMN_GAP = re.compile(rf"[ \xa0\u2007]{{2,}}|{_LEADERS.pattern}")
_PAGE_NUMBER = re.compile(
    r"(?:(?i:page)\s*)?[-–—(]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—)]?(?:\s*(?i:of)\s*\d{1,4})?")
_EXHIBIT = re.compile(r"(?i)ex(?:hibit|h)?[\s.\-]*21\b|\(?continued\)?$")
_SUBSIDIARIES_OF = re.compile(r"(?i)\bsubsidiaries\s+of\s+(?:the\s+)?(.+)$")
_SUBJECT_END = re.compile(r"(?i)\s+(?:as\s+of|as\s+at|at)\s+|\s[–—-]\s|\s*\(|:")
_SUMMARY = re.compile(r"(?i)\d[\d,]*\s+(?:other|additional|further|wholly|domestic|foreign)")
_REGISTRANT = frozenset({"registrant", "company", "corporation", "registrant's"})


def _visible(text: str) -> str:
    return " ".join(text.split())


def _lower_words(words: list[str]) -> list[str]:
    """The lowercase words no company name would carry ("owns", "list"; not "de", "mbH")."""
    return [w for w in words if w[0].islower() and "." not in w
            and w.lower().strip(",;:") not in _NAME_LOWER]


def _is_prose(text: str) -> bool:
    """Whether text reads as a sentence rather than a name: verbs, or many lowercase words."""
    words = _WORD.findall(text)
    lower = _lower_words(words)
    sentence = sum(w.strip(",;:.") in _SENTENCE_WORDS for w in words)
    return (len(words) > 24 or sentence >= 2 or bool(sentence and len(words) >= 5)
            or (len(lower) >= 3 and 5 * len(lower) >= 2 * len(words))
            or (len(lower) >= 2 and words[0] is lower[0]))


def _is_header(text: str) -> bool:
    words = [w.lower().strip(".,;:()") for w in _WORD.findall(text)]
    return (bool(words) and all(w in _HEADER_WORDS for w in words)
            and any(w in _HEADER_STRONG for w in words))


def _strip_marks(text: str) -> str:
    """Drop trailing footnote marks; a mark glued on by a no-break space is part of the name
    (filers write "QatarEnergy LNG N&nbsp;(2)" so that it never wraps)."""
    for _ in range(20):  # bounded: a line of ten thousand marks is not a name
        text = text.rstrip(" \t,;")
        m = _TRAIL_MARK.search(text, max(len(text) - 40, 0))
        if m is None or m.start() == 0:
            return text
        gap = text[len(text[: m.start()].rstrip(" \xa0")): m.start()]
        if gap and " " not in gap and m.group().startswith("("):
            return text
        text = text[: m.start()]
    return text


def _clean(text: str, edges: str = " ,;:-–—") -> str:
    """A name (or, with brackets among the `edges`, a place) without marks or stray spacing."""
    return _visible(_strip_marks(text.strip(_EDGE))).strip(edges)


def _looks_like_place(text: str) -> bool:
    """A jurisdiction as exhibits write one: "Delaware", "the Netherlands", "NV" (not N.V.)."""
    words = _WORD.findall(text)
    keys = [w.lower().replace(".", "").strip(",;:'’") for w in words]
    return (len(text) == 2 and text.isupper() and text.isalpha()) or (
        0 < len(words) <= 8 and len(text) <= 60 and not any(c.isdigit() for c in text)
        and (text[0].isupper() or text.lower().startswith("the "))
        and not any(k in _NOT_PLACES or (w[0].islower() and k not in _PLACE_LOWER)
                    for w, k in zip(words, keys, strict=True)))


def _cut_percent(text: str) -> tuple[str, float | None]:
    """Take a stated share off the end: "(51%)", "51% owned", "(100 percent)"."""
    last = (list(_PERCENT.finditer(text, max(len(text) - 60, 0))) or [None])[-1]
    if (last is None or not _PERCENT_AFTER.fullmatch(text, last.end())
            or any(c.isupper() for c in text[last.end():]) or float(last.group(1)) > 100):
        return text, None
    return text[: last.start()].rstrip(" ,;:([–—-"), float(last.group(1))


def _cut_paren(text: str) -> tuple[str, str] | None:
    """ "Acme GmbH (Germany)", or an unclosed "Acme Inc. (Delaware" at the end of a line."""
    k = text.rfind("(", max(len(text) - 60, 0))
    if k < 0 or ")" in text[k:-1] or not _ALNUM.search(text[:k]):
        return None
    place = _clean(text[k + 1:], _PLACE_EDGES)
    if not _looks_like_place(place):  # "(a Delaware corporation)", "(incorporated in Ohio)"
        place = (_cut_kind(", " + text[k + 1:].rstrip(")")) or ("", ""))[1]
    return (text[:k], place) if place else None


def _cut_kind(text: str) -> tuple[str, str] | None:
    m = _KIND_TAIL.search(text, max(len(text) - 140, 0))
    place = (m.group(1) or m.group(2) or "").strip() if m else ""
    return (text[: m.start()], place) if m and _looks_like_place(place) else None


def _cut_dash(text: str) -> tuple[str, str] | None:
    """ "Acme Ltd. – Delaware"."""
    last = (list(_DASH.finditer(text)) or [None])[-1]
    place = _clean(text[last.end():], _PLACE_EDGES) if last else ""
    return (text[: last.start()], place) if last and _looks_like_place(place) else None


# --- Lines into items: entries and the things set aside ----------------------------------------

@dataclass(slots=True)
class _Item:
    kind: str  # entry, title, header, footnote, prose, summary, heading, page, skip
    text: str  # the evidence, or the note's text
    indent: float = 0.0
    soft: bool = False
    name: str = ""
    place: str | None = None
    percent: float | None = None
    shape: str = ""  # "cells", "columns", or the _cut_ function that found the jurisdiction
    subject: str | None = None  # the X of "subsidiaries of X"


def _parse_single(text: str, allow_dash: bool = True) -> _Item:
    """One name with its jurisdiction and share in the same text, in any of the usual shapes."""
    rest = text.strip(_EDGE)
    rest, percent = _cut_percent(_BULLET.sub("", rest, count=1) if _BULLET.match(rest) else rest)
    rest = _strip_marks(rest)
    for cut in (_cut_paren, _cut_kind, _cut_dash) if allow_dash else (_cut_paren, _cut_kind):
        found = cut(rest)
        if found and _ALNUM.search(found[0]):
            return _Item("entry", text, name=_clean(found[0]), place=found[1],
                         percent=percent, shape=cut.__name__)
    return _Item("entry", text, name=_clean(rest), percent=percent)


def _from_cells(cells: list[_Cell], check_place: bool) -> _Item | None:
    """An entry from a row's cells: the first text names it and the next gives its jurisdiction;
    a number after the name is its share, one before it counts rows."""
    name: _Cell | None = None
    place: str | None = None
    percent: float | None = None
    for cell in cells:
        text = _visible(cell.text)
        number = _PERCENT_CELL.fullmatch(text)
        if not _ALNUM.search(text) or (number and "%" not in text and text[0] in "(["):
            continue  # a lone mark, dash or "(1)"
        if number:
            if name is not None and percent is None and float(number.group(1)) <= 100:
                percent = float(number.group(1))
        elif name is None:
            name = cell
        elif place is None:
            place = _clean(cell.text, _PLACE_EDGES)
    if name is None or (check_place and place is not None and not _looks_like_place(place)):
        return None
    if place is None:
        item = _parse_single(name.text)
        item.percent = percent if item.percent is None else item.percent
    else:
        rest, cut = _cut_percent(name.text)
        item = _Item("entry", "", name=_clean(rest), place=place or None,
                     percent=cut if percent is None else percent, shape="cells")
    item.indent = name.indent + _GRID_POINTS * name.start
    return item


def _classify_text(cell: _Cell) -> _Item:
    """A line of text (or a one-cell row): an entry, or what it is instead."""
    text = _visible(cell.text)
    if not _ALNUM.search(text):
        return _Item("skip", text)
    if _PAGE_NUMBER.fullmatch(text):
        return _Item("page", text)
    lead_end = 0
    while (lead := _LEAD_MARK.match(text, lead_end)) and lead.end() < len(text):
        lead_end = lead.end()
    if lead_end:  # "* Indicates ...", "(1) Omitted ...", or a starred or numbered entry
        item = _classify_text(_Cell(cell.start, text[lead_end:], cell.indent))
        words = _WORD.findall(item.name)  # "(1) Inactive." is a note, "1. Acme Inc." a row
        if item.kind == "entry" and (item.place or len(words) > 1 and not _lower_words(words)):
            return item
        return _Item("footnote", text)
    if "subsidiaries" in text.lower() or _EXHIBIT.match(text):
        if _is_prose(text) or _SUMMARY.match(text):
            return _Item("prose" if _is_prose(text) else "summary", text)
        m = _SUBSIDIARIES_OF.search(text)
        subject = _clean(_SUBJECT_END.split(m.group(1), maxsplit=1)[0]) if m else ""
        return _Item("title", text, subject=subject or None)
    if _is_header(text):
        return _Item("header", text)
    if text.endswith(":"):  # a heading such as "Joint ventures:", unless it names a place
        if _parse_single(text[:-1]).place is None:
            return _Item("heading", text)
        cell = _Cell(cell.start, cell.text.rstrip(_EDGE + ":"), cell.indent)
    item = None
    columns = [c for c in (s.strip() for s in _COLUMN_GAP.split(cell.text)) if c]
    if len(columns) >= 2:
        item = _from_cells([_Cell(0, c, cell.indent) for c in columns], True)
        if item is not None and item.place:  # dotted leaders are never a guess
            item.shape = "leaders" if _LEADERS.search(cell.text) else "columns"
    item = item or _parse_single(cell.text)
    if not _WORD.search(item.name) or "<" in item.name or _is_prose(item.name):
        return _Item("prose", text)
    item.text = cell.text.replace("\xa0", " ").strip()
    item.indent = cell.indent + _GRID_POINTS * cell.start
    return item


def _classify(lines: list[_Line]) -> list[_Item]:
    items: list[_Item] = []
    for line in lines:
        texts = [_visible(c.text) for c in line.cells]
        if len(line.cells) == 1:
            item = _classify_text(line.cells[0])
        elif _is_header(" ".join(texts)):
            item = _Item("header", " | ".join(texts))
        else:
            found = _from_cells(line.cells, False)
            if found is None or not _WORD.search(found.name) or _is_prose(found.name):
                item = _Item("prose", " | ".join(texts))
            else:
                item, found.text = found, " | ".join(texts)
        item.soft = line.soft
        items.append(item)
    return items


# --- Items into the list -----------------------------------------------------------------------

def _key(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def _vote(items: list[_Item]) -> None:
    """Keep a dash or column split only where the exhibit uses that shape often: in a list of
    "Acme (Delaware)" lines, "Waste Management - Jackson" names a division, not a place."""
    placed = [i for i in items if i.kind == "entry" and i.place]
    for shape in ("_cut_dash", "columns"):
        count = sum(i.shape == shape for i in placed)
        for i in placed if count and len(placed) >= 5 and count * 4 < len(placed) else ():
            if i.shape == shape:
                again = _parse_single(i.text, allow_dash=False)
                i.name, i.place, i.percent = again.name, again.place, i.percent or again.percent


def _assemble(items: list[_Item], max_rows: int) -> SubsidiaryList:
    found: list[Subsidiary] = []
    notes: list[str] = []
    pages: list[str] = []
    listed: dict[str, str] = {}  # key -> name, to resolve "subsidiaries of X" to a listed row
    stack: list[tuple[float, str]] = []  # the chain of less-indented rows above
    group_parent = registrant = None
    last_note = ""  # the kind of note a soft-wrapped line may continue
    dangling = prose_seen = capped = False  # dangling: a title ending "Subsidiaries of"
    for k, item in enumerate(items):
        kind, text = item.kind, _visible(item.text)
        bare = kind == "entry" and item.place is None and item.percent is None
        if kind in ("skip", "page"):
            pages += [text] if kind == "page" else []
            continue
        if item.soft and last_note and kind != "footnote" and (kind == last_note or (
                last_note in ("prose", "footnote") and (kind == "prose" or bare))):
            notes[-1] += " " + text
            continue
        after = next((i.kind for i in items[k + 1:k + 6] if i.kind not in ("skip", "page")), "")
        if bare and not found and (dangling or after in ("title", "header")):
            # a name above the list's heading or header row is the registrant's, in the title
            notes.append(f"{notes.pop()} {text}" if dangling else f"title: {text}")
            registrant, dangling, last_note = registrant or item.name, False, ""
            continue
        dangling, last_note = False, ""
        if kind == "entry":
            if len(found) >= max_rows:
                capped = True
                break
            while stack and stack[-1][0] + _INDENT_STEP > item.indent:
                stack.pop()
            parent = stack[-1][1] if stack else group_parent
            found.append(Subsidiary(item.name, item.place, item.percent, parent, item.text))
            stack.append((item.indent, item.name))
            listed.setdefault(_key(item.name), item.name)
        elif kind == "title":
            subject, label = item.subject, "title"
            if subject and registrant is None and not found:
                registrant = subject
            elif subject:  # a sub-heading: "Subsidiaries of Acme Holdings Ltd.:"
                own = _key(subject) == _key(registrant or "") or (
                    subject.lower().split()[-1] in _REGISTRANT)
                group_parent, stack = (None if own else listed.get(_key(subject), subject)), []
                label = "title" if own else "heading"
            notes.append(f"{label}: {text}")
            dangling = text.split()[-1].lower() in ("of", "for", "to", "and", "the")
        elif kind in ("prose", "footnote"):
            notes.append(("footnote: " if kind == "footnote" or found else "prose: ") + text)
            prose_seen, last_note = True, kind
        else:
            label = {"header": "header row", "summary": "not listed by name"}.get(kind, kind)
            notes.append(f"{label}: {text}")
            last_note = kind if kind == "header" else ""
    if pages:
        more = ", …" if len(pages) > 8 else ""
        notes.append(f"page numbers ({len(pages)}): {', '.join(pages[:8])}{more}")
    if capped:
        notes.append(f"capped: stopped after {max_rows} subsidiaries; the rest was not read")
    if not found and not capped:
        notes.append("no list found: the exhibit is prose" if prose_seen
                     else "no list found: no subsidiary rows in the exhibit")
    notes = [n if len(n) <= _NOTE_CHARS else n[:_NOTE_CHARS] + "…" for n in notes]
    return SubsidiaryList(found, list(dict.fromkeys(notes)))


_HTML_HINT = re.compile(r"<(?:html|body|tr|td|p|div|br|font|span|li|h[1-6]|center|pre)\b", re.I)


def read_subsidiaries(text: str, max_rows: int = 20_000) -> SubsidiaryList:
    """Read an Exhibit 21 body, HTML or plain text, into its subsidiaries; never raises."""
    text = text if isinstance(text, str) else ""
    notes: list[str] = []
    if _HTML_HINT.search(text):
        text = _PRE.sub(lambda m: m.group().translate(_PRE_SPACING), text)
        reader = _HtmlReader()
        try:
            reader.feed(text)
            reader.close()
        except Exception as error:  # html.parser still raises on some broken declarations
            notes.append(f"html: stopped reading at broken markup ({type(error).__name__})")
        lines = reader.finish()
    else:
        lines = _plain_lines(text)
    items = _classify(lines)
    _vote(items)
    result = _assemble(items, max(max_rows, 0))
    return SubsidiaryList(result.subsidiaries, notes + result.notes)
