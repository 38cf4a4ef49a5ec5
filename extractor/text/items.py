"""A form's Item sections (`Item 1.01 ...`, `Item 5. Other Events`), found by their headings."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .plain import PlainText

# Past this many heading candidates the rest are not read: the choice among them is quadratic,
# and an 8-K has a dozen; a form with hundreds of `Item` lines is not a form of items. Nor are
# more than MAX_MENTIONS mentions of "Item" looked at, headings or not.
MAX_CANDIDATES = 400
MAX_MENTIONS = 10_000
# The longest title taken from the heading's own line, or from the line under a bare heading.
MAX_TITLE_CHARS = 300
# Source characters looked back for the line a heading starts (EDGAR text read as HTML runs
# its lines together, so only the source tells that `ITEM 7.` began one).
_LINE_LOOKBACK = 400

_SP = r"[ \t\u00a0]"  # a space inside a line, non-breaking ones included
_CODE = r"\d{1,2}(?:\.\d{1,2})?(?!\d)"
_SUB = rf"(?:{_SP}*\([a-z]\))?"
_AND = rf"{_SP}*(?:,{_SP}*(?:and{_SP}+)?|and{_SP}+|AND{_SP}+|&{_SP}*)"
# "Item" or "ITEM" (never "item": running text's "this item"), one or more codes, each with
# an optional subparagraph letter: "Item 1.01", "ITEM 5.02(e)", "Items 5 and 7", "ITEM 4:".
# The lookbehind comes after the "I" so that re can skip to each "I" fast.
_HEADING = re.compile(rf"(?P<word>I(?<!\wI)(?:TEMS?|tems?)){_SP}*(?:No\.?{_SP}*)?"
                      rf"(?P<codes>{_CODE}{_SUB}(?:{_AND}{_CODE}{_SUB}){{0,6}})(?!\w)")
_CODE_RUN = re.compile(rf"(\d{{1,2}}(?:\.\d{{1,2}})?)(?:{_SP}*\(([a-z])\))?")
_SUBPARAGRAPHS = re.compile(rf"(?:\([A-Za-z0-9]{{1,4}}\){_SP}*)+")
# Between the code and the title: spaces and a period, colon or dash.
_SEPARATOR = re.compile(rf"{_SP}*(?:[.:)\-\u2013\u2014]+{_SP}*)?")
# What may stand before a heading on its line: indentation, bullets, table rules.
_LINE_LEAD = re.compile(r"[\s*\u2022\u00b7|>#_\-\u2013\u2014]{0,12}\Z")
# Markup and spaces that may stand before a heading on its source line.
_SOURCE_LEAD = re.compile(r"(?:\s|&nbsp;|&#160;|&#xa0;|<[^<>\n]*>|[*\u2022\u00b7|_])*\Z",
                          re.IGNORECASE)
# The end of the items: the signatures (their heading, or the sentence that opens them:
# "Pursuant to the requirements of the Securities Exchange Act ... has duly caused") or the
# exhibit index.
_END = re.compile(
    rf"(?=[SEIP])(?P<line>(?:SIGNATURES?|Signatures?)(?={_SP}*(?:\n|\Z|Pursuant\b))"
    rf"|(?:EXHIBIT{_SP}+INDEX|INDEX{_SP}+TO{_SP}+EXHIBITS|Exhibit{_SP}+Index"
    rf"|Index{_SP}+to{_SP}+Exhibits)(?={_SP}*(?:\n|\Z|E[Xx])))"
    r"|Pursuant\s+to\s+the\s+requirements\s+of\s+the\s+Securities\s+Exchange\s+Act\b"
    r"[^\n]{0,120}?\bduly\s+caused")
# A title ends at a period or colon before the next sentence, or where an upper-case title
# runs into mixed-case text ("ACQUISITION OR DISPOSITION OF ASSETS On September 13 ...").
# A rule under the title, or a subparagraph's "(a)", ends it too.
_TITLE_STOP = re.compile(r"[.:](?=\s+[^a-z\s])|[.:]\s*\Z|\s+(?=[-_=][-_=\s]*[-_=]{3}"
                         r"|\([A-Za-z0-9]\)\s)")
_UPPER_RUN = re.compile(rf"(?:[A-Z0-9][A-Z0-9'\u2019&,;/()\-]*{_SP}+){{2,}}(?=[A-Z][a-z])")
_OPEN_END = re.compile(rf"(?:[;,]|\b(?:of|and|or|the|a|an|in|to|for|under|with|on)){_SP}*\Z",
                       re.IGNORECASE)
_SENTENCE_INSIDE = re.compile(r"[a-z)][.!?]\s+[A-Z]")
_LETTER = re.compile(r"[^\W\d_]")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
# A table of contents line ends in its page number, after dot leaders or a space.
_PAGE_NUMBER = re.compile(rf"(?:\.{{2,}}|{_SP})[ \t\u00a0.]*(?<![\d,.])\d{{1,3}}{_SP}*\Z")


@dataclass(frozen=True, slots=True)
class ItemSection:
    """One Item of a form: its codes, its title as written and where it runs in the text.

    `codes` are normalised ("1.01", "5"), one for most headings and several for a heading
    such as "Items 5 and 7"; dotted codes are the numbering of 2004 on. [start, end) runs
    from the heading to the next heading, the signatures or the exhibit index.
    """

    codes: tuple[str, ...]
    title: str | None
    start: int
    end: int

    @property
    def dotted(self) -> bool:
        """Whether the codes are in the numbering of 2004 on ("1.01"), not the older ("5")."""
        return "." in self.codes[0]


@dataclass(slots=True)
class _Candidate:
    start: int
    codes: tuple[str, ...]
    key: tuple[int, int, str]  # order of the first code
    last: tuple[int, int, str]  # order of the last code
    title: str | None = None
    body: int = 0  # where the text under the heading starts
    contents_line: bool = False  # the line ends in a page number, as in a table of contents


def item_sections(document: PlainText, source: str | None = None) -> list[ItemSection]:
    """The Item sections of a form's plain text, in order.

    A heading starts a line (of the plain text, or of `source` when given: EDGAR text read as
    HTML runs its lines together) and is followed by its title or text, never by "above",
    "of Form 8-K" or a comma; its codes are in one numbering, and they increase through the
    document, so a table of contents or a stray reference is left out. Linear in the text.
    """
    text = document.text
    ends = [m.start() for m in _END.finditer(text)
            if m.group("line") is None or _starts_line(document, source, m.start())]
    candidates = []
    for mention, m in enumerate(_HEADING.finditer(text)):
        if len(candidates) >= MAX_CANDIDATES or mention >= MAX_MENTIONS:
            break
        candidate = _candidate(document, source, m)
        if candidate is not None:
            candidates.append(candidate)
    if not candidates:
        return []
    dotted = sum("." in c.codes[0] for c in candidates)
    candidates = [c for c in candidates if ("." in c.codes[0]) == (dotted * 2 >= len(candidates))]
    chosen = _increasing(text, candidates, ends)
    if not chosen:
        return []
    # The items stop at the first signature or exhibit index after the first heading.
    later = bisect_right(ends, chosen[0].start)
    stop = ends[later] if later < len(ends) else len(text)
    chosen = [c for c in chosen if c.start < stop]
    sections = []
    for index, candidate in enumerate(chosen):
        following = chosen[index + 1].start if index + 1 < len(chosen) else stop
        end = _trim(text, candidate.start, following)
        sections.append(ItemSection(candidate.codes, candidate.title, candidate.start, end))
    return sections


def _normalise(code: str) -> str:
    major, dot, minor = code.partition(".")
    return f"{int(major)}.{int(minor):02d}" if dot else str(int(major))


def _order(code: str, sub: str) -> tuple[int, int, str]:
    major, _, minor = code.partition(".")
    return int(major), int(minor or 0), sub


def _candidate(document: PlainText, source: str | None, m: re.Match[str]) -> _Candidate | None:
    text = document.text
    runs = _CODE_RUN.findall(m.group("codes"))
    codes = tuple(_normalise(code) for code, _ in runs)
    if len(codes) > 1 and not m.group("word").endswith(("s", "S")):
        return None  # "Item 5 and 7" is no heading of two items
    if any(("." in c) != ("." in codes[0]) or c in ("0", "0.00") for c in codes):
        return None
    # Older forms numbered their items 1 to 12 (later ones 1.01 to 9.01): "Item 304" or
    # "Item 601 of Regulation S-K" never get this far, "Item 14" is no 8-K item either.
    if any("." not in c and int(c) > 12 for c in codes):
        return None
    sep = _SEPARATOR.match(text, m.end())
    rest = sep.end() if sep else m.end()
    # "Item 7(b)(2) of Form 8-K": what follows the subparagraphs tells a reference too.
    nested = _SUBPARAGRAPHS.match(text, rest)
    following = text[nested.end():nested.end() + 1] if nested else text[rest:rest + 1]
    if following and following != "\n" and not (following.isupper() or following.isdigit()
                                                 or following in "(\"'\u201c["):
        return None  # "Item 2.01 above", "Item 7(b)(2) of Form 8-K", "Item 1.01, which"
    if not _starts_line(document, source, m.start()):
        return None
    candidate = _Candidate(m.start(), codes, _order(codes[0], runs[0][1]),
                           _order(codes[-1], runs[-1][1]))
    candidate.title, candidate.body = _title(text, rest)
    line_end = _line_end(text, rest)
    candidate.contents_line = line_end - rest <= MAX_TITLE_CHARS and bool(
        _PAGE_NUMBER.search(text, rest, line_end))
    return candidate


def _starts_line(document: PlainText, source: str | None, start: int) -> bool:
    """Whether text[start] begins a line, in the plain text or in the source it came from."""
    text = document.text
    line = text.rfind("\n", max(0, start - 13), start) + 1
    if (line or start < 13) and _LINE_LEAD.match(text, line, start):
        return True
    if source is None:
        return False
    src_start, _ = document.source_span(start, start + 1)
    low = max(0, src_start - _LINE_LOOKBACK)
    newline = source.rfind("\n", low, src_start)
    if newline < 0 and low > 0:
        return False
    return _SOURCE_LEAD.match(source, newline + 1, src_start) is not None


def _line_end(text: str, start: int) -> int:
    """Where the line from `start` ends, looked for no further than a title's length
    (a longer line, or a text without line breaks, gives a point past the limit)."""
    end = text.find("\n", start, start + MAX_TITLE_CHARS + 1)
    return end if end >= 0 else min(len(text), start + MAX_TITLE_CHARS + 1)


def _title(text: str, rest: int) -> tuple[str | None, int]:
    """The heading's title as written and where the text under it starts."""
    line_end = _line_end(text, rest)
    head = text[rest:line_end]
    if head.strip(" \t\u00a0.:-\u2013\u2014"):
        upper = _UPPER_RUN.match(head)
        stop = _TITLE_STOP.search(head)
        if upper and (stop is None or upper.end() < stop.start()):
            return _clean(head[:upper.end()]), rest + upper.end()
        if stop is not None:
            return _clean(head[:stop.start()]), rest + stop.end()
        if line_end - rest > MAX_TITLE_CHARS:
            return None, rest  # a heading run into its text with nothing to tell the title by
        # A long title wrapped onto the next line goes on there in title case, and shows it
        # goes on: the line breaks after "of" or a semicolon, or the next one ends the title
        # with its period (a subheading under the heading does neither).
        following = _next_line(text, line_end)
        if following is not None and len(head) + len(following) <= MAX_TITLE_CHARS \
                and _title_case(following) and (_OPEN_END.search(head)
                                                or following.rstrip().endswith((".", ":"))):
            return _clean(f"{head} {following}"), line_end + 1 + len(following)
        return _clean(head), line_end
    # A bare heading ("ITEM 9.01"): its title is the next line when that reads as one.
    following = _next_line(text, line_end)
    if following is not None and following[:1].isupper() and not _HEADING.match(following) \
            and not _SENTENCE_INSIDE.search(following):
        return _clean(following), line_end + 1 + len(following)
    return None, line_end


def _next_line(text: str, line_end: int) -> str | None:
    """The line after the one ending at `line_end`, if it is no longer than a title."""
    if line_end >= len(text) or text[line_end] != "\n":
        return None
    end = _line_end(text, line_end + 1)
    return None if end - line_end - 1 > MAX_TITLE_CHARS else text[line_end + 1:end]


def _title_case(line: str) -> bool:
    """Whether the words of four letters or more are nearly all capitalised, as in a title."""
    words = _LONG_WORD.findall(line)
    return bool(words) and sum(word[0].isupper() for word in words) >= 0.8 * len(words)


def _clean(title: str) -> str | None:
    value = " ".join(title.split()).strip(" .:-\u2013\u2014")
    return value or None


def _increasing(text: str, candidates: list[_Candidate], ends: list[int]) -> list[_Candidate]:
    """The heaviest run of candidates whose codes increase, between two signatures (a form's
    items never straddle one; a table of contents listing them often ends above one).

    A heading with text under it weighs 1, and a little more the longer its text; a line of a
    table of contents (a page number, or nothing under it) next to nothing, so that the
    heading it lists wins.
    """
    weights = []
    runs = []
    for index, candidate in enumerate(candidates):
        following = candidates[index + 1].start if index + 1 < len(candidates) else len(text)
        run = bisect_right(ends, candidate.start)
        runs.append(run)
        end = bisect_right(ends, candidate.body)
        if end < len(ends):
            following = min(following, ends[end])
        following = max(candidate.body, following)
        if candidate.contents_line or not _LETTER.search(text, candidate.body, following):
            weights.append(0.01)
        else:  # at most 1e-4 for the length, never worth a heading more even with 400 of them
            weights.append(1.0 + min(following - candidate.body, 100_000) * 1e-9)
    best: list[float] = []
    previous: list[int] = []
    for i, candidate in enumerate(candidates):
        score, back = weights[i], -1
        for j in range(i):
            if runs[j] == runs[i] and candidates[j].last < candidate.key \
                    and best[j] + weights[i] > score:
                score, back = best[j] + weights[i], j
        best.append(score)
        previous.append(back)
    i = max(range(len(candidates)), key=lambda k: (best[k], -k))
    chosen = []
    while i >= 0:
        chosen.append(candidates[i])
        i = previous[i]
    return chosen[::-1]


def _trim(text: str, start: int, end: int) -> int:
    """`end` moved back over the spaces and line breaks before it."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
