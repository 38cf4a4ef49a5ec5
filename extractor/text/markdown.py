"""Markdown, and the YAML front matter that may open it, into plain-text blocks."""

from __future__ import annotations

import re

from .plain import ENTITY, WHITESPACE, TextBuilder, append_entity, append_run
from .roles import SMALL_WORDS

_FM_OPEN = re.compile(r"---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_FM_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_FM_ITEM = re.compile(r"[ \t]+-[ \t]+(.*?)[ \t]*$")
# What a line is, from its start; the first branch that matches wins. The repeats of the rule
# and links branches are possessive: re keeps a backtracking point for every repetition of a
# group, 200 bytes a character, so a 1.5 MB line of dashes or one link took 300-500 MB. No
# giving back could let "$" or ")" match where the greedy run stopped, so nothing else changes.
_MD_LINE = re.compile(
    r"(?P<fence> {0,3}(?:```|~~~))"
    r"|(?P<blank>\s*$)"
    r"|(?P<rule> {0,3}(?:(?:-[ \t]*+){3,}+|(?:\*[ \t]*+){3,}+|(?:_[ \t]*+){3,}+|=++[ \t]*+)$)"
    r"|(?P<heading> {0,3}(?P<hashes>#{1,6})(?:[ \t]+|$))"
    r"|(?P<row>[ \t]*\|)"
    r"|(?P<item>[ \t]*(?:[*+-]|\d{1,9}[.)]|[•·▪●◦‣⁃])[ \t]+)"
    r"|(?P<links>[ \t]*+(?:!?\[[^\]\n]*+\]\((?:[^()\n]++|\([^()\n]*+\))*+\)[ \t]*+)++$)"
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
    rf"|(?P<ent>&(?:{ENTITY})))"
)
_MD_INLINE = re.compile(_MD_INLINE_PARTS)
# In a table row the cell bars, and the empty cells between them, read as one space.
_MD_INLINE_ROW = re.compile(_MD_INLINE_PARTS.replace(
    "(?=[", r"(?=[|", 1).replace("(?P<ws>", r"(?P<ws>(?:\s*\|)+\s*|", 1))
# Where a token may start, but for a double space (found with str.find): a plain class, fast.
_MD_SPECIAL = re.compile(r"[*_~&!\[<\\\t\n\r\f\v\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028"
                         r"\u2029\u202f\u205f\u3000]")
_MD_SPECIAL_ROW = re.compile(_MD_SPECIAL.pattern.replace("[", "[|", 1))


def _md_inline(b: TextBuilder, start: int, end: int, images: bool = False,
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
            append_entity(b, ms, me)
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
    words = [w for w in line.split() if w.lower() not in SMALL_WORDS]
    if not words or len(words) > 8 or (line[-1] == ":" and len(line) > 40):
        return False
    capital = sum(1 for w in words if w[0].isupper() or w[0].isdigit() or not w[0].isalpha())
    return capital * 10 >= len(words) * 8


def parse_markdown(b: TextBuilder, start: int, end: int) -> dict[str, str]:
    """Append source[start:end] read as markdown to `b`; return its front matter."""
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
            append_run(b, m.end(), close.start(), WHITESPACE)
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
            append_run(b, ls, le, WHITESPACE)
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
