"""Plain text with source offsets, section roles and sentences from a press release."""

from __future__ import annotations

import datetime as dt
import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

ROLES = (
    "title", "body", "about", "forward-looking", "contact", "navigation", "front-matter",
    "boilerplate",
)
BODY_ROLES = frozenset({"title", "body"})

# A longer "sentence" is cut at its last space, so one pathological run stays bounded.
MAX_SENTENCE = 2000


@dataclass(slots=True)
class Block:
    """A run of text[start:end] with no line break inside, and the section it belongs to."""

    start: int
    end: int
    role: str


@dataclass(slots=True)
class _OffsetMap:
    # Parallel lists, one entry per segment of text. A segment whose text and source lengths
    # are equal was copied char for char; any other (an entity, a collapsed whitespace run)
    # maps as a whole onto its source span.
    text_start: list[int] = field(default_factory=list)
    text_end: list[int] = field(default_factory=list)
    source_start: list[int] = field(default_factory=list)
    source_end: list[int] = field(default_factory=list)


@dataclass(slots=True)
class PlainText:
    """The text of a release: blocks joined by one newline, whitespace collapsed inside them."""

    text: str
    blocks: list[Block]
    title: str | None
    front_matter: dict[str, str]
    offsets: _OffsetMap = field(default_factory=_OffsetMap, repr=False, compare=False)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map text[start:end] to the source span it came from."""
        om = self.offsets
        if not om.text_start:
            return start, end
        size = len(self.text)
        start = min(max(start, 0), size)
        end = min(max(end, start), size)
        i = max(bisect_right(om.text_start, start) - 1, 0)
        if start >= om.text_end[i] and i + 1 < len(om.text_start):
            # start sits on a block separator, which has no source: take the next segment's
            i += 1
            src_start = om.source_start[i]
        else:
            src_start = _map_point(om, i, start, at_end=False)
        if end <= start:
            return src_start, src_start
        j = max(bisect_right(om.text_start, end - 1) - 1, 0)
        if end - 1 >= om.text_end[j]:
            src_end = om.source_end[j]
        else:
            src_end = _map_point(om, j, end, at_end=True)
        return src_start, max(src_start, src_end)

    def role_at(self, offset: int) -> str:
        """The role of the block holding text[offset] (a separator takes the block before it)."""
        i = bisect_right(self.blocks, offset, key=lambda block: block.start) - 1
        return self.blocks[i].role if i >= 0 else "body"

    def body_blocks(self) -> list[Block]:
        """The title and body blocks: the ones worth running NLP on."""
        return [block for block in self.blocks if block.role in BODY_ROLES]


def _map_point(om: _OffsetMap, i: int, offset: int, at_end: bool) -> int:
    t0, t1 = om.text_start[i], om.text_end[i]
    s0, s1 = om.source_start[i], om.source_end[i]
    if t1 - t0 == s1 - s0:
        return s0 + (offset - t0)
    return s1 if at_end else s0


class _Raw:
    """A block while it is built: its span and the layout hints the role rules read."""

    __slots__ = ("start", "end", "heading", "bold", "nbold", "nlink", "list", "table", "grid",
                 "pre", "rule", "front")

    def __init__(self, start: int) -> None:
        self.start = start
        self.end = start
        self.heading = 0
        self.bold = False
        self.nbold = 0
        self.nlink = 0
        self.list = False
        self.table = False
        self.grid = False  # a row of a markdown table or a line of a fenced block
        self.pre = False
        self.rule = False
        self.front = False


class _Builder:
    """Appends text, keeps the offset map and cuts blocks; whitespace is collapsed lazily."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.out: list[str] = []
        self.size = 0
        self.map = _OffsetMap()
        self.raws: list[_Raw] = []
        self.block: _Raw | None = None
        # A space waiting to be written; only written when more text follows in the block.
        self.space_start = -1
        self.space_end = -1
        # Layout state set by the parsers and copied onto the next block that opens.
        self.heading = 0
        self.table = False
        self.grid = False
        self.pre = False
        self.mark_list = False
        self.mark_rule = False
        self.bold = False
        self.link = False

    def _open(self) -> _Raw:
        if self.size:
            self.out.append("\n")
            self.size += 1
        raw = _Raw(self.size)
        raw.heading = self.heading
        raw.table = self.table
        raw.grid = self.grid
        raw.pre = self.pre
        raw.list = self.mark_list
        raw.rule = self.mark_rule
        self.mark_list = self.mark_rule = False
        self.block = raw
        self.space_start = -1
        return raw

    def _segment(self, start: int, end: int, piece: str) -> None:
        om = self.map
        size = len(piece)
        if (om.text_end and size == end - start and om.text_end[-1] == self.size
                and om.source_end[-1] == start
                and om.text_end[-1] - om.text_start[-1] == om.source_end[-1] - om.source_start[-1]):
            om.text_end[-1] += size
            om.source_end[-1] = end
        else:
            om.text_start.append(self.size)
            om.text_end.append(self.size + size)
            om.source_start.append(start)
            om.source_end.append(end)
        self.out.append(piece)
        self.size += size
        block = self.block
        if block is not None:
            if self.bold:
                block.nbold += size
            if self.link:
                block.nlink += size

    def _before_content(self) -> None:
        if self.block is None:
            self._open()
        elif self.space_start >= 0:
            self._segment(self.space_start, self.space_end, " ")
            self.space_start = -1

    def text(self, start: int, end: int) -> None:
        """Copy source[start:end], which holds no whitespace but single spaces."""
        src = self.src
        if src[start] == " ":
            self.space(start, start + 1)
            start += 1
        trailing = end > start and src[end - 1] == " "
        if trailing:
            end -= 1
        if start < end:
            self._before_content()
            self._segment(start, end, src[start:end])
        if trailing:
            self.space(end, end + 1)

    def atom(self, start: int, end: int, value: str) -> None:
        """Write value (a decoded entity) for all of source[start:end]."""
        self._before_content()
        self._segment(start, end, value)

    def space(self, start: int, end: int) -> None:
        if self.space_start < 0:
            self.space_start = start
            self.space_end = end

    def end_block(self) -> _Raw | None:
        raw = self.block
        if raw is not None:
            raw.end = self.size
            self.raws.append(raw)
            self.block = None
        self.space_start = -1
        return raw


# --- shared runs: whitespace and entities -----------------------------------------------

# Only whitespace that is not already a single space needs work, so most text between two
# matches is copied in one piece. Each pattern opens with a character class, which lets re
# skip plain characters fast; the lookbehinds then tell what that first character was.
_WS = re.compile(r"\s(?:(?<! )\s*|\s+)")
_ENTITY = (r"#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};"
           r"|(?:amp|lt|gt|quot|nbsp|copy|reg)(?![A-Za-z0-9;])")
_WS_ENT = re.compile(rf"[\s&](?:(?<=&)(?:{_ENTITY})|(?<! )(?<!&)\s*|(?<= )\s+)")


@lru_cache(maxsize=4096)
def _unescape(raw: str) -> str:
    return html.unescape(raw)


def _entity(b: _Builder, start: int, end: int) -> None:
    raw = b.src[start:end]
    value = _unescape(raw)
    if value == raw:
        b.text(start, end)
    elif value.isspace():
        b.space(start, end)
    else:
        b.atom(start, end, value)


def _run(b: _Builder, start: int, end: int, pattern: re.Pattern[str]) -> None:
    src = b.src
    pos = start
    for m in pattern.finditer(src, start, end):
        ms, me = m.span()
        if ms > pos:
            b.text(pos, ms)
        if src[ms] == "&":
            _entity(b, ms, me)
        else:
            b.space(ms, me)
        pos = me
    if pos < end:
        b.text(pos, end)


# A blank line (a line of only spaces or an EDGAR <PAGE> mark) ends a paragraph.
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*(?:<PAGE>[^\S\n\d]*\d*[^\S\n]*)?\n)+", re.IGNORECASE)


def _paragraphs(b: _Builder, start: int, end: int, pattern: re.Pattern[str]) -> None:
    pos = start
    for m in _BLANK_LINES.finditer(b.src, start, end):
        _run(b, pos, m.start(), pattern)
        b.end_block()
        pos = m.end()
    _run(b, pos, end, pattern)


# --- HTML --------------------------------------------------------------------------------

_TAG = re.compile(r"<(?:(!--)|(/?)([A-Za-z][A-Za-z0-9:_.-]*)([^<>]*)>|[!?][^<>]*>)")
_BREAK_TAGS = frozenset(
    "p div br tr li ul ol dl dt dd table thead tbody tfoot caption hr blockquote pre section "
    "article header footer nav aside main address figure figcaption center form fieldset "
    "legend body html page dir menu h1 h2 h3 h4 h5 h6".split()
)
# Elements whose content is never text; inline XBRL keeps its hidden facts in ix:header.
_SKIP_END = {name: re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE)
             for name in ("script", "style", "ix:header")}
_PAGE_NUMBER = re.compile(r"[ \t]*\d{1,4}[ \t]*(?=\r?\n|$)")
_TITLE_END = re.compile(r"</title\s*>", re.IGNORECASE)
# font-weight: bold, the font: bold 10pt shorthand, and numeric weights
_BOLD_STYLE = re.compile(r"\bbold(?:er)?\b|font-weight\s*:\s*[6-9]00", re.IGNORECASE)


def _is_bold(attrs: str) -> bool:
    return ("old" in attrs or "OLD" in attrs or "00" in attrs) and (
        _BOLD_STYLE.search(attrs) is not None)


def _html(b: _Builder, start: int, end: int) -> str | None:
    src = b.src
    pos = start
    title: str | None = None
    bold_tags = 0
    inline_bold: list[bool] = []  # one entry per open <span>/<font>: whether it is bold
    inline_bold_count = 0
    para_bold = False
    links = 0
    tables = 0
    pre = False
    while pos < end:
        m = _TAG.search(src, pos, end)
        if m is None:
            break
        ms, me = m.span()
        if ms > pos:
            if pre:
                _paragraphs(b, pos, ms, _WS_ENT)
            elif src[pos:ms].isspace():  # the indentation between tags, mostly
                b.space(pos, ms)
            else:
                _run(b, pos, ms, _WS_ENT)
        pos = me
        comment, slash, name, attrs = m.groups()
        if comment:  # a comment runs to -->, or to the end when never closed
            close = src.find("-->", me, end)
            pos = end if close < 0 else close + 3
            continue
        if name is None:  # <!DOCTYPE ...>, <?xml ...?>
            continue
        name = name.lower()
        closing = slash == "/"
        if not closing and name in _SKIP_END:
            close_m = _SKIP_END[name].search(src, me, end)
            pos = end if close_m is None else close_m.end()
            continue
        if name == "title" and not closing:
            close_m = _TITLE_END.search(src, me, end)
            close = end if close_m is None else close_m.start()
            value = " ".join(html.unescape(src[me:close]).split())
            if value and title is None:
                title = value
            pos = end if close_m is None else close_m.end()
            continue
        if name in _BREAK_TAGS:
            b.end_block()
            if name != "br":
                para_bold = False
            if name[0] == "h" and len(name) == 2 and name[1].isdigit():
                b.heading = 0 if closing else int(name[1])
            elif name == "li" and not closing:
                b.mark_list = True
            elif name == "hr":
                b.mark_rule = True
            elif name == "table":
                tables = max(tables - 1, 0) if closing else tables + 1
                b.table = tables > 0
            elif name == "pre":
                pre = not closing
                b.pre = pre
            elif name == "page":
                number = _PAGE_NUMBER.match(src, pos, end)  # EDGAR's "<PAGE> 2"
                if number:
                    pos = number.end()
            if not closing and name in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6"):
                para_bold = _is_bold(attrs)
        elif name in ("td", "th"):
            b.space(ms, me)
        elif name in ("b", "strong"):
            bold_tags = max(bold_tags - 1, 0) if closing else bold_tags + 1
        elif name in ("span", "font"):
            if closing:
                if inline_bold and inline_bold.pop():
                    inline_bold_count -= 1
            else:
                is_bold = _is_bold(attrs)
                inline_bold.append(is_bold)
                inline_bold_count += is_bold
        elif name == "a":
            if closing:
                links = max(links - 1, 0)
            elif "href" in attrs.lower():
                links += 1
        b.bold = bold_tags > 0 or inline_bold_count > 0 or para_bold
        b.link = links > 0
    if pos < end:
        if pre:
            _paragraphs(b, pos, end, _WS_ENT)
        else:
            _run(b, pos, end, _WS_ENT)
    b.end_block()
    return title


# --- markdown ----------------------------------------------------------------------------

_FM_OPEN = re.compile(r"---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_FM_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_FM_ITEM = re.compile(r"[ \t]+-[ \t]+(.*?)[ \t]*$")
# What a line is, from its start; the first branch that matches wins.
_MD_LINE = re.compile(
    r"(?P<fence> {0,3}(?:```|~~~))"
    r"|(?P<blank>\s*$)"
    r"|(?P<rule> {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$)"
    r"|(?P<heading> {0,3}(?P<hashes>#{1,6})(?:[ \t]+|$))"
    r"|(?P<row>[ \t]*\|)"
    r"|(?P<item>[ \t]*(?:[*+-]|\d{1,9}[.)]|[•·▪●◦‣⁃])[ \t]+)"
    r"|(?P<links>[ \t]*(?:!?\[[^\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)[ \t]*)+$)"
)
_MD_BLANKS = re.compile(r"(?:[^\S\n]*\n)+")
_MD_HEADING_TAIL = re.compile(r"[ \t]+#+[ \t]*$|[ \t]+$")
_MD_TABLE_RULE = re.compile(r"[\s|:]*-[\s|:-]*$")
_MD_QUOTE = re.compile(r" {0,3}>[ ]?")
# Bounded, so that a line of a million "[" costs a bounded scan at each of them
_LINK_TEXT = r"[^\[\]\n]{0,1000}"
_LINK_URL = r"(?:[^()\s]|\([^()\s]{0,200}\)){0,2000}"
_LINK_REST = r"(?:\s+[^()\n]{0,500})?\)"  # an optional "title", then the closing bracket
_MD_INLINE_PARTS = (
    r"(?=[\s*_~&!\[<\\])(?:(?P<ws>[^\S ]\s*| \s+)"
    rf"|(?P<img>!\[(?P<alt>{_LINK_TEXT})\]\((?P<isrc>{_LINK_URL}){_LINK_REST})"
    rf"|(?P<link>\[(?P<ltext>{_LINK_TEXT})\]\((?P<href>{_LINK_URL}){_LINK_REST})"
    r"|(?P<auto><(?P<aurl>(?:https?://|mailto:)[^<>\s]+|[\w.+-]+@[\w.-]+)>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>)"
    r"|(?P<esc>\\[!-/:-@\[-`{-~])"
    r"|(?P<emph>\*+|_+|~~)"
    rf"|(?P<ent>&(?:{_ENTITY})))"
)
_MD_INLINE = re.compile(_MD_INLINE_PARTS)
# In a table row the cell bars, and the empty cells between them, read as one space.
_MD_INLINE_ROW = re.compile(_MD_INLINE_PARTS.replace(
    "(?=[", r"(?=[|", 1).replace("(?P<ws>", r"(?P<ws>(?:\s*\|)+\s*|", 1))
# Where a token may start, but for a double space (found with str.find): a plain class, fast.
_MD_SPECIAL = re.compile(r"[*_~&!\[<\\\t\n\r\f\v\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028"
                         r"\u2029\u202f\u205f\u3000]")
_MD_SPECIAL_ROW = re.compile(_MD_SPECIAL.pattern.replace("[", "[|", 1))


def _md_inline(b: _Builder, start: int, end: int, images: bool = False,
               pattern: re.Pattern[str] = _MD_INLINE) -> None:
    src = b.src
    special = _MD_SPECIAL if pattern is _MD_INLINE else _MD_SPECIAL_ROW
    pos = scan = start
    spaces = src.find("  ", start, end)
    while True:
        if 0 <= spaces < scan:
            spaces = src.find("  ", scan, end)
        hit = special.search(src, scan, end)
        ms = hit.start() if hit else end
        if 0 <= spaces < ms:
            ms = spaces
        if ms >= end:
            break
        m = pattern.match(src, ms, end)
        if m is None:
            scan = ms + 1
            continue
        me = m.end()
        if ms > pos:
            b.text(pos, ms)
        pos = scan = me
        kind = m.lastgroup
        if kind == "ws":
            b.space(ms, me)
        elif kind == "emph":
            before = src[ms - 1] if ms > start else " "
            after = src[me] if me < end else " "
            if src[ms] == "_":
                # snake_case and URLs keep their underscores
                keep = before.isalnum() and after.isalnum()
            elif src[ms] == "*":
                keep = before.isspace() and after.isspace()
            else:
                keep = False
            if keep:
                b.text(ms, me)
        elif kind == "link":
            was = b.link
            b.link = True
            _md_inline(b, m.start("ltext"), m.end("ltext"))
            b.link = was
        elif kind == "img":
            if images:
                was = b.link
                b.link = True
                if m.end("alt") > m.start("alt"):
                    _md_inline(b, m.start("alt"), m.end("alt"))
                elif m.end("isrc") > m.start("isrc"):
                    b.text(m.start("isrc"), m.end("isrc"))
                b.link = was
        elif kind == "auto":
            was = b.link
            b.link = True
            b.text(m.start("aurl"), m.end("aurl"))
            b.link = was
        elif kind == "tag":
            b.space(ms, me)
        elif kind == "esc":
            b.text(ms + 1, me)
        else:
            _entity(b, ms, me)
    if pos < end:
        b.text(pos, end)


def _front_matter(block: str) -> dict[str, str]:
    values: dict[str, str] = {}
    items: list[str] = []
    key: str | None = None
    for line in block.splitlines():
        item = _FM_ITEM.match(line)
        if item and key is not None:
            items.append(_unquote(item.group(1)))
            values[key] = ", ".join(items)
            continue
        m = _FM_KEY.match(line)
        if m:
            key = m.group(1)
            items = []
            values[key] = _unquote(m.group(2))
    return values


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        return inner.replace('\\"', '"') if value[0] == '"' else inner.replace("''", "'")
    return value


def _short_heading(line: str) -> bool:
    if not line or len(line) > 60 or line[-1] in ".,;!?" or not line[0].isupper():
        return False
    words = [w for w in line.split() if w.lower() not in _SMALL_WORDS]
    if not words or len(words) > 8 or (line[-1] == ":" and len(line) > 40):
        return False
    capital = sum(1 for w in words if w[0].isupper() or w[0].isdigit() or not w[0].isalpha())
    return capital * 10 >= len(words) * 8


def _markdown(b: _Builder, start: int, end: int) -> dict[str, str]:
    src = b.src
    pos = start
    front: dict[str, str] = {}
    m = _FM_OPEN.match(src, pos, end)
    first_line_end = src.find("\n", m.end(), end) if m else -1
    if m and _FM_KEY.match(src, m.end(), end if first_line_end < 0 else first_line_end):
        # a leading --- rule opens front matter only when a YAML key follows it
        close = _FM_CLOSE.search(src, m.end(), end)
        if close:
            front = _front_matter(src[m.end():close.start()])
            _run(b, m.end(), close.start(), _WS)
            raw = b.end_block()
            if raw is not None:
                raw.front = True
            pos = close.end()
    fence = False
    while pos < end:
        nl = src.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        ls = pos
        pos = line_end + 1
        le = line_end - 1 if line_end > ls and src[line_end - 1] == "\r" else line_end
        m = _MD_LINE.match(src, ls, le)
        kind = m.lastgroup if m else None
        if kind == "fence":
            b.end_block()
            fence = not fence
            b.grid = fence
            continue
        if fence:
            # Fenced text here is tables laid out with spaces: one block per line.
            _run(b, ls, le, _WS)
            b.end_block()
            continue
        if kind == "blank":
            b.end_block()
            more = _MD_BLANKS.match(src, pos, end)  # skip a run of blank lines at once
            if more:
                pos = more.end()
            continue
        if kind == "rule":
            b.end_block()
            b.mark_rule = True
            continue
        if kind == "heading":
            b.end_block()
            tail = _MD_HEADING_TAIL.search(src, m.end(), le)
            b.heading = len(m.group("hashes"))
            _md_inline(b, m.end(), tail.start() if tail else le)
            b.end_block()
            b.heading = 0
            continue
        if kind == "row":
            b.end_block()
            if not _MD_TABLE_RULE.match(src, ls, le):
                b.table = b.grid = True
                _md_inline(b, ls, le, pattern=_MD_INLINE_ROW)
                b.end_block()
                b.table = b.grid = False
            continue
        if kind == "item":
            b.end_block()
            b.mark_list = True
            _md_inline(b, m.end(), le)
            continue
        if kind == "links":
            b.end_block()
            _md_inline(b, ls, le, images=True)
            b.end_block()
            continue
        m = _MD_QUOTE.match(src, ls, le)
        content = m.end() if m else ls
        stripped = src[content:le].strip()
        if len(stripped) > 4 and stripped[:2] in ("**", "__") and (
                stripped.rstrip(": ").endswith(stripped[:2])):
            # A line that is all bold is a heading in these releases
            b.end_block()
            b.bold = True
            _md_inline(b, content, le)
            b.bold = False
            raw = b.end_block()
            if raw is not None:
                raw.bold = True
            continue
        if b.block is None and _short_heading(stripped):
            # Converters often drop the blank line after a heading; keep it apart anyway
            _md_inline(b, content, le)
            b.end_block()
            continue
        if b.block is not None:
            b.space(ls - 1, ls)  # a soft line break inside a paragraph
        _md_inline(b, content, le)
        if src.endswith("  ", ls, le) or src.endswith("\\", ls, le):
            b.end_block()  # a hard line break
    b.end_block()
    return front


# --- detection and entry point -----------------------------------------------------------

_EDGAR_TEXT_OPEN = re.compile(r"\s*<TEXT>", re.IGNORECASE)
_EDGAR_TEXT_CLOSE = re.compile(r"</TEXT>\s*\Z", re.IGNORECASE)
_HTML_SIGN = re.compile(
    r"<(?:html|body|head|p|div|br|table|font|span|td|tr|h[1-6]|pre|b|i|a|li|ul|ol|center"
    r"|strong|em|!doctype|!--)\b",
    re.IGNORECASE,
)
_MD_SIGN = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n|^ {0,3}#{1,6}[ \t]|^ {0,3}[*+-][ \t]|\*\*\S|^[ \t]*\|.*\|[ \t]*$"
    r"|\]\((?:https?:|/|#)",
    re.MULTILINE,
)


def detect_media(source: str) -> str:
    """Tell "html", "markdown" or "text" from the first 20,000 characters."""
    head = source[:20000]
    if _HTML_SIGN.search(head):
        return "html"
    if _MD_SIGN.search(head):
        return "markdown"
    return "text"


def plain_text(source: str, media: str | None = None) -> PlainText:
    """Turn a release into plain text whose blocks carry roles and map back to `source`.

    `media` is "html", "markdown" or "text"; None tells it from the content. An EDGAR
    <TEXT> wrapper is skipped in every media.
    """
    if media is None:
        media = detect_media(source)
    elif media not in ("html", "markdown", "text"):
        raise ValueError(f"unknown media {media!r}: expected 'html', 'markdown' or 'text'")
    start = 1 if source.startswith("\ufeff") else 0
    end = len(source)
    m = _EDGAR_TEXT_OPEN.match(source, start)
    if m:
        start = m.end()
        close = _EDGAR_TEXT_CLOSE.search(source, start)
        if close:
            end = close.start()
    b = _Builder(source)
    html_title: str | None = None
    front: dict[str, str] = {}
    if media == "html":
        html_title = _html(b, start, end)
    elif media == "markdown":
        front = _markdown(b, start, end)
    else:
        _paragraphs(b, start, end, _WS)
        b.end_block()
    text = "".join(b.out)
    blocks, title = _assign_roles(text, b.raws, front.get("title"), html_title)
    return PlainText(text=text, blocks=blocks, title=title, front_matter=front, offsets=b.map)


# --- roles ---------------------------------------------------------------------------------

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
_SMALL_WORDS = frozenset(
    "a an and as at by for from in into of on or per the to vs via with & - – —".split()
)


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w.lower() not in _SMALL_WORDS]
    if not words:
        return False
    capital = sum(1 for w in words if w[0].isupper() or w[0].isdigit() or not w[0].isalpha())
    return capital * 10 >= len(words) * 6


def _heading_like(raw: _Raw, text: str) -> bool:
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


def _cue(raw: _Raw, text: str, heading: bool) -> str | None:
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


def _pick_title(text: str, raws: list[_Raw], cues: list[str | None],
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


def _data_rows(raws: list[_Raw], texts: list[str]) -> list[bool]:
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


def _assign_roles(text: str, raws: list[_Raw], stated_title: str | None,
                  html_title: str | None) -> tuple[list[Block], str | None]:
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


# --- sentences -----------------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    """Inc. Corp. Co. Ltd. Dr. Mr. Ms. Mrs. Prof. No. Nos. vs. v. St. Jr. Sr. Mt. Ft. Gen.
    Gov. Sen. Rep. Rev. Hon. Capt. Col. Lt. Maj. Sgt. Ave. Blvd. Rd. Ste. Dept. Univ. Assn.
    Bros. Intl. Hldgs. Pty. Cie. Fig. Figs. Vol. Ref. approx. Approx. est. ca. cf. al. Nr.
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.
    Ala. Ariz. Ark. Calif. Cal. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Kans. Ky. La. Md.
    Mass. Mich. Minn. Miss. Mo. Mont. Neb. Nebr. Nev. Okla. Ore. Pa. Penn. Tenn. Tex. Va.
    Vt. Wash. Wis. Wisc. Wyo. Ont. Que. Alta.""".split()
)
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}\.|[A-Z]\.")
# A stop, then closing quotes or brackets, then a space and what may open a sentence; or a
# newline. It opens with a character class so that re skips plain text fast. A run of stops
# is only tried from its first stop, and taken whole (possessive): each later stop would
# reach the same end of the run, so retrying from each was quadratic in a run of dots.
_BOUNDARY = re.compile(
    r"[.!?\n](?:(?<=\n)|(?<![.!?].)[.!?]*+[\"'”’)\]]*+(?=\s+[\"'“‘(\[$]?[A-Z0-9]))")
_OPENERS = "\"'“‘(["


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], trimmed of whitespace.

    A newline is always a boundary: PlainText.text has one between blocks and none inside.
    """
    # Bounds as a slice reads them (negative from the end, clamped to the text), so an
    # out-of-range pair gives fewer sentences, never an index error.
    start, end, _ = slice(start, end).indices(len(text))
    end = max(end, start)
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for m in _BOUNDARY.finditer(text, start, end):
        ms, me = m.span()
        if text[ms] == "\n":
            _add_sentence(text, sentence_start, ms, spans)
            sentence_start = me
            continue
        if me - ms == 1 and text[ms] == "." and _abbreviation(text, sentence_start, ms):
            continue
        _add_sentence(text, sentence_start, me, spans)
        sentence_start = me
    _add_sentence(text, sentence_start, end, spans)
    return spans


def _abbreviation(text: str, lower: int, dot: int) -> bool:
    i = dot
    limit = max(lower, dot - 12)
    while i > limit and not text[i - 1].isspace():
        i -= 1
    if i == limit and limit > lower and not text[i - 1].isspace():
        return False  # a long token: not an abbreviation
    while i < dot and text[i] in _OPENERS:
        i += 1
    word = text[i:dot + 1]
    return word in _ABBREVIATIONS or _DOTTED.fullmatch(word) is not None


def _add_sentence(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while True:
        while start < end and text[start].isspace():
            start += 1
        piece_end = end if end - start <= MAX_SENTENCE else text.rfind(
            " ", start + 1, start + MAX_SENTENCE)
        if piece_end < 0:
            piece_end = start + MAX_SENTENCE  # no space to cut at: cut anyway
        cut = piece_end
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            spans.append((start, piece_end))
        if cut >= end:
            return
        start = cut


# --- dateline ------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)
# What may follow a dateline's date: a wire tag, a dash, a slash, a closing bracket, a time.
_DATE_AFTER = re.compile(r"\s*(?:$|[-‐‑‒–—―(/)@:|.,])")
_PREFIX_TOKEN = re.compile(r"[^\s,/()\[\]‐‑‒–—―-]+")
_PREFIX_SMALL = frozenset("and of the de du la le del des y am an upon on sur".split())
_DATELINE_BLOCKS = 20
_DATELINE_CHARS = 300


def dateline_date(pt: PlainText) -> dt.date | None:
    """The release date from the dateline near the top, else the front matter's date."""
    seen = 0
    for block in pt.blocks:
        if block.role in ("front-matter", "title", "navigation"):
            continue
        seen += 1
        if seen > _DATELINE_BLOCKS:
            break
        head = pt.text[block.start:min(block.end, block.start + _DATELINE_CHARS)]
        m = _DATE.search(head)
        if m is None or not _DATE_AFTER.match(head, m.end()):
            continue
        if not _dateline_prefix(head[:m.start()]):
            continue
        month = (m.group("m1") or m.group("m2"))[:3].lower()
        day = int(m.group("d1") or m.group("d2"))
        year = int(m.group("y1") or m.group("y2"))
        try:
            return dt.date(year, _MONTHS[month], day)
        except ValueError:
            continue
    value = pt.front_matter.get("date", "").strip()
    if len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _dateline_prefix(prefix: str) -> bool:
    # A dateline's words before the date are places, a weekday and a wire name: all
    # capitalized. A sentence that happens to hold a date has lowercase words.
    if len(prefix) > 200:
        return False
    for token in _PREFIX_TOKEN.findall(prefix):
        if token[0].isupper() or token.lower() in _PREFIX_SMALL or token in ("&", "@"):
            continue
        return False
    return True
