"""The cover page of an SEC form read from its text: form, registrant, state, file numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .ixbrl import STATE_CODES, text_date

# A cover page ends well before this: the registrant, its numbers and the date come first.
COVER_CHARS = 12_000

_FORM = re.compile(
    r"\bFORM\s+(8-K12[BG]3?|8-K|10-K405|10-KSB|10-K|10-QSB|10-Q|6-K|20-F|40-F|11-K|N-CSRS?)"
    r"(\s*/\s*A)?\b", re.IGNORECASE)
_AMENDMENT = re.compile(r"\bAmendment\s+No\.?\s*\d", re.IGNORECASE)
_REGISTRANT_LABEL = re.compile(
    r"\(?\s*Exact\s+name\s+of\s+(?:the\s+)?registrants?\s+as\s+specified\s+in\s+"
    r"(?:its\s+|their\s+)?charters?\s*\)?", re.IGNORECASE)
_DATE_LABEL = re.compile(r"Date\s+of\s+Report\b", re.IGNORECASE)
_FILE_LABEL = re.compile(r"Commission\s+File\s+(?:Number|No\.?)", re.IGNORECASE)
_FILE_AFTER_LABEL = re.compile(
    r"Commission\s+File\s+(?:Number|No\.?)\s*\)?\s*[:.]?\s*(\d{1,3}-\d{3,6})\b", re.IGNORECASE)
_FILE_NUMBER = re.compile(r"(?<![\d(/$.-])(\d{1,3}-\d{3,6})(?![\d-])")
_IRS_NUMBER = re.compile(r"(?<![\d-])(\d{2}-\d{7})(?![\d-])")
_IRS_LABEL = re.compile(r"Identification\s+(?:No|Number)\.?\s*\)?", re.IGNORECASE)
_ADDRESS_LABEL = re.compile(r"\(?\s*Address\s+of\s+principal", re.IGNORECASE)
_JURISDICTION_LABEL = re.compile(r"\(?\s*State\s+o[rf]\s+other\s+jurisdiction|jurisdiction",
                                 re.IGNORECASE)
_STATE_CODE = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(set(STATE_CODES.values()))) + r")(?![\w-])")
_OWN_PARENTHESIS = re.compile(r"\s*\([^()]{0,80}\)")
_STATE_NAMES = re.compile(
    r"\b(" + "|".join(sorted((re.escape(name).replace(r"\ ", r"\s+") for name in STATE_CODES),
                             key=len, reverse=True)) + r")\b", re.IGNORECASE)
_NO_LETTERS = re.compile(r"[^\W\d_]")
_CONTINUED = re.compile(r"(?:,|&|\band|\bof)$", re.IGNORECASE)
_COVER_WORDS = re.compile(r"\d|[():]|\b(?:REPORT|FORM|COMMISSION|ACT|PURSUANT|WASHINGTON|STATES)\b")
_FOOTNOTE = re.compile(r"\s*(?:\(\d{1,2}\)|\*+)$")


@dataclass(slots=True)
class CoverPage:
    """What an SEC form's cover page states about the filing and its registrant."""

    form_type: str | None = None
    registrant: str | None = None
    state_of_incorporation: str | None = None  # two-letter code
    file_number: str | None = None
    irs_number: str | None = None  # as printed, e.g. 31-1189815
    date_of_report: str | None = None  # ISO date

    def is_empty(self) -> bool:
        return not any((self.form_type, self.registrant, self.state_of_incorporation,
                        self.file_number, self.irs_number, self.date_of_report))


def read_cover(text: str) -> CoverPage:
    """Read a cover page from the visible text of a form (one block a line, as
    `ixbrl.read_inline` gives it, or the text of a plain-text filing)."""
    head = text[:COVER_CHARS]
    cover = CoverPage()
    label = _REGISTRANT_LABEL.search(head)
    form_end = label.start() if label else len(head)
    form = _FORM.search(head, 0, form_end)
    if form:
        cover.form_type = form.group(1).upper() + ("/A" if form.group(2) or _AMENDMENT.search(
            head, form.end(), form_end) else "")
    cover.date_of_report = _date_of_report(head)
    if label is None:
        return cover
    cover.registrant = _registrant(head, label)
    # The state, the file number and the IRS number sit between the registrant and its
    # address, as a row of values above (or after) their labels.
    end = _ADDRESS_LABEL.search(head, label.end())
    stop = end.start() if end else min(len(head), label.end() + 1500)
    irs_label = _IRS_LABEL.search(head, label.end(), stop)
    if irs_label:
        stop = min(stop, irs_label.end() + 80)
    window = head[label.end():stop]
    cover.irs_number = _first(_IRS_NUMBER, window)
    cover.file_number = _file_number(head, window)
    cover.state_of_incorporation = _state(window)
    return cover


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(1) if match else None


def _registrant(head: str, label: re.Match[str]) -> str | None:
    """The name printed just above the label (or before it on its line)."""
    line_start = head.rfind("\n", 0, label.start()) + 1
    same_line = head[line_start:label.start()].strip(" \t-_:")
    if _NO_LETTERS.search(same_line):
        return " ".join(same_line.split())[:300]
    lines = [line.strip(" \t-_=*") for line in head[:line_start].splitlines()[-6:]]
    # A rule of underscores or dashes sits between name and label on many covers.
    while lines and not _NO_LETTERS.search(lines[-1]):
        lines.pop()
    if not lines:
        return None
    name = lines.pop()
    # A long name broken over lines: "Acme Widget Holdings," above "Inc.", or "NUANCE" above
    # "COMMUNICATIONS, INC." (capitals above capitals, no digits: not the date of report).
    while lines and len(name) < 200 and (_CONTINUED.search(lines[-1]) or (
            lines[-1].isupper() and name.isupper() and len(lines[-1]) <= 60
            and not _COVER_WORDS.search(lines[-1]))):
        name = f"{lines.pop()} {name}"
    return _FOOTNOTE.sub("", " ".join(name.split()))[:300] or None


def _date_of_report(head: str) -> str | None:
    """The date of report, written after its label or on the line above it."""
    label = _DATE_LABEL.search(head)
    if label is None:
        return None
    after = head[label.end():label.end() + 160]
    # The label's own parenthesis, "(Date of earliest event reported)", comes first.
    own = _OWN_PARENTHESIS.match(after)
    date = text_date(after[own.end():] if own else after)
    return date or text_date(head[max(0, label.start() - 120):label.start()])


def _file_number(head: str, window: str) -> str | None:
    # "Commission File Number 1-15829" anywhere on the cover: 10-Ks print it above the name.
    after = _FILE_AFTER_LABEL.search(head)
    if after:
        return after.group(1)
    label = _FILE_LABEL.search(window)
    # Values are printed in a row above their labels: the number nearest before the label.
    end = label.start() if label else len(window)
    candidates = [m for m in _FILE_NUMBER.finditer(window, 0, end)
                  if not _IRS_NUMBER.fullmatch(m.group(1))]
    if candidates:
        return candidates[-1].group(1) if label else candidates[0].group(1)
    return None


def _state(window: str) -> str | None:
    """The state named nearest before the jurisdiction label, else the first one named;
    else a state's code printed in capitals before the label ("DE 000-27038 94-3156479")."""
    label = _JURISDICTION_LABEL.search(window)
    before = list(_STATE_NAMES.finditer(window, 0, label.start())) if label else []
    match = before[-1] if before else _STATE_NAMES.search(window)
    if match is not None:
        return STATE_CODES[" ".join(match.group(1).lower().split())]
    code = _STATE_CODE.search(window, 0, label.start()) if label else None
    return code.group(1) if code else None
