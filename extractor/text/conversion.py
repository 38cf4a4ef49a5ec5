"""A release in HTML, markdown or text into `PlainText`: media detection and the entry point."""

from __future__ import annotations

import re

from .html import parse_html
from .markdown import parse_markdown
from .plain import WHITESPACE, PlainText, TextBuilder, append_paragraphs
from .roles import assign_roles

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
    b = TextBuilder(source)
    html_title: str | None = None
    front: dict[str, str] = {}
    if media == "html":
        html_title = parse_html(b, start, end)
    elif media == "markdown":
        front = parse_markdown(b, start, end)
    else:
        append_paragraphs(b, start, end, WHITESPACE)
        b.end_block()
    text = "".join(b.out)
    blocks, title = assign_roles(text, b.raws, front.get("title"), html_title)
    return PlainText(text=text, blocks=blocks, title=title, front_matter=front, offsets=b.map)
