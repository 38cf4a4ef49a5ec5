"""HTML into plain-text blocks: a tag scanner that keeps headings, bold, links and tables."""

from __future__ import annotations

import html
import re

from .plain import WHITESPACE_OR_ENTITY, TextBuilder, append_paragraphs, append_run

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


def parse_html(b: TextBuilder, start: int, end: int) -> str | None:
    """Append source[start:end] read as HTML to `b`; return the document's <title>, if any."""
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
                append_paragraphs(b, pos, ms, WHITESPACE_OR_ENTITY)
            elif src[pos:ms].isspace():  # the indentation between tags, mostly
                b.space(pos, ms)
            else:
                append_run(b, pos, ms, WHITESPACE_OR_ENTITY)
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
            append_paragraphs(b, pos, end, WHITESPACE_OR_ENTITY)
        else:
            append_run(b, pos, end, WHITESPACE_OR_ENTITY)
    b.end_block()
    return title
