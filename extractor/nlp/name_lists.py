"""Names a list gives as organizations: "companies, including A, B and C", "with A and B"."""

from __future__ import annotations

import re
from collections.abc import Callable

from .organizations import LEGAL_SUFFIX, NAME_SEQUENCE, clean_name, looks_like_place

# A list of three or more names, or of two after a word for organizations: "including Deep
# Bio, DoMore Diagnostics, Paige, and Visiopharm", "with Abbott and Roche".
_LIST_ITEM = rf"{NAME_SEQUENCE}(?:,?\s+{LEGAL_SUFFIX}\.?)?"
# Words for organizations, and the words that introduce a list of them after one.
_ORGANIZATION_NOUNS = (
    r"\b(?i:companies|partners|organizations|firms|vendors|customers|clients|distributors|"
    r"institutions|investors|collaborators|manufacturers|providers|developers|leaders)")
_INTRODUCING = r"(?:including|includes?|such as|like|namely|:)"
_NAME_LIST = re.compile(
    rf"({_LIST_ITEM}(?:\s*,\s*{_LIST_ITEM}){{1,12}},?\s+(?:and|&)\s+{_LIST_ITEM})"
    rf"|{_ORGANIZATION_NOUNS},?\s+{_INTRODUCING}\s+"
    rf"({_LIST_ITEM}(?:\s*,\s*{_LIST_ITEM}){{0,12}},?\s+(?:and|&)\s+{_LIST_ITEM})")
_AND = re.compile(r"\s(?:and|&)\s")
# Sentences longer than this are blobs of scraped text, where a list of names is no sentence.
_LONGEST_LISTING_SENTENCE = 2000
# A bare "&" joins the words of one name ("Johnson & Johnson", "Procter & Gamble"); only
# "and", or an "&" after a comma, ends a list.
_LIST_SPLIT = re.compile(r"\s*,\s*(?:(?:and|&)\s+)?|\s+and\s+")
_ORGANIZATION_WORDS = re.compile(rf"{_ORGANIZATION_NOUNS},?\s+{_INTRODUCING}?\s*$")


def listed_names(text: str, known: Callable[[str], bool] | None = None) -> list[str]:
    """The members of a list of names that are organizations by their company: a list that
    a word for organizations introduces ("companies, including A, B and C"), or one in which
    `known` says at least two members and half of them are ("with Abbott, Roche and Sysmex");
    one known name among people and titles makes no list of organizations. Without `known`,
    only lists a word for organizations introduces."""
    names: list[str] = []
    if len(text) > _LONGEST_LISTING_SENTENCE or not _AND.search(text):
        return names  # a scraped blob, not a sentence; or no list's last "and"
    for match in _NAME_LIST.finditer(text):
        members = [clean_name(m) for m in _LIST_SPLIT.split(match.group(1) or match.group(2))]
        members = [m for m in members if m]
        introduced = match.group(2) is not None or _ORGANIZATION_WORDS.search(
            text, max(0, match.start() - 60), match.start()) is not None
        known_members = sum(known(m) for m in members) if known else 0
        if len(members) >= 2 and (introduced or known_members >= max(2, len(members) / 2)):
            names += [m for m in members if not looks_like_place(m) and len(m.split()) <= 5]
    return names
