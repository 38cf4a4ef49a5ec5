"""A standalone release's title: its front matter, HTML <title>, first heading or first line."""

from __future__ import annotations

import html
import re

_TITLE_PATTERNS = (
    re.compile(r"^---\s*\n.*?^title:\s*[\"']?(.+?)[\"']?\s*$.*?^---\s*$", re.S | re.M),
    re.compile(r"<title>(.*?)</title>", re.S | re.I),
    re.compile(r"^#\s+(.+)$", re.M),
)


def press_release_title(text: str) -> str | None:
    """The release's title: front-matter title, HTML <title>, markdown heading or first line."""
    for pattern in _TITLE_PATTERNS:
        match = pattern.search(text[:20000])
        if match:
            title = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())
            if title:
                return title
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:300]
    return None
