"""`PlainText` and its blocks, and the builder that writes it with offsets into the source."""

from __future__ import annotations

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


class RawBlock:
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


class TextBuilder:
    """Appends text, keeps the offset map and cuts blocks; whitespace is collapsed lazily."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.out: list[str] = []
        self.size = 0
        self.map = _OffsetMap()
        self.raws: list[RawBlock] = []
        self.block: RawBlock | None = None
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

    def _open(self) -> RawBlock:
        if self.size:
            self.out.append("\n")
            self.size += 1
        raw = RawBlock(self.size)
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

    def end_block(self) -> RawBlock | None:
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
WHITESPACE = re.compile(r"\s(?:(?<! )\s*|\s+)")
ENTITY = (r"#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};"
          r"|(?:amp|lt|gt|quot|nbsp|copy|reg)(?![A-Za-z0-9;])")
WHITESPACE_OR_ENTITY = re.compile(rf"[\s&](?:(?<=&)(?:{ENTITY})|(?<! )(?<!&)\s*|(?<= )\s+)")


@lru_cache(maxsize=4096)
def _unescape(raw: str) -> str:
    return html.unescape(raw)


def append_entity(b: TextBuilder, start: int, end: int) -> None:
    """Append the entity source[start:end] decoded; one that decodes to whitespace is a space."""
    raw = b.src[start:end]
    value = _unescape(raw)
    if value == raw:
        b.text(start, end)
    elif value.isspace():
        b.space(start, end)
    else:
        b.atom(start, end, value)


def append_run(b: TextBuilder, start: int, end: int, pattern: re.Pattern[str]) -> None:
    """Append source[start:end]; `pattern` finds the whitespace runs and entities to rewrite."""
    src = b.src
    pos = start
    for m in pattern.finditer(src, start, end):
        ms, me = m.span()
        if ms > pos:
            b.text(pos, ms)
        if src[ms] == "&":
            append_entity(b, ms, me)
        else:
            b.space(ms, me)
        pos = me
    if pos < end:
        b.text(pos, end)


# A blank line (a line of only spaces or an EDGAR <PAGE> mark) ends a paragraph.
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*(?:<PAGE>[^\S\n\d]*\d*[^\S\n]*)?\n)+", re.IGNORECASE)


def append_paragraphs(b: TextBuilder, start: int, end: int, pattern: re.Pattern[str]) -> None:
    """Append source[start:end] as `append_run` does, ending a block at each blank line."""
    pos = start
    for m in _BLANK_LINES.finditer(b.src, start, end):
        append_run(b, pos, m.start(), pattern)
        b.end_block()
        pos = m.end()
    append_run(b, pos, end, pattern)
