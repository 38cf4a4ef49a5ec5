"""Text folding, and the Aho-Corasick dictionaries of folded names matched over folded text."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import ahocorasick

_T = TypeVar("_T")


# --- text folding -------------------------------------------------------------------------------
# Every character folds to exactly one ASCII character, so an offset into the folded text is an
# offset into the original (no offset tables), and str.translate takes its fast ASCII path (~50x
# faster). Everything that is not a letter or digit (apostrophes and hyphens included) folds to a
# space, so "Behçet’s", "Behcet's" and "non-small" meet their dictionary forms, and word
# boundaries are spaces.

_OTHER_LETTER = "\x01"  # a letter with no ASCII base (Greek, CJK): still part of its word


class _FoldTable(dict[int, str]):
    """A str.translate table filled on demand: lower case, no diacritics, punctuation to space."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char == _OTHER_LETTER or char.isalnum() or unicodedata.combining(char):
            base = "".join(c for c in unicodedata.normalize("NFKD", char.lower())
                           if not unicodedata.combining(c))
            folded = base if len(base) == 1 and base.isascii() else _OTHER_LETTER
        else:
            folded = " "
        self[code] = folded
        return folded


_FOLD = _FoldTable()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD[ord(match.group())]


def fold(text: str) -> str:
    """Lower-case `text`, strip diacritics and turn every other character into a space; the
    result has the same length as `text`."""
    if not text.isascii():
        text = _NON_ASCII.sub(_fold_char, text)
    return text.translate(_FOLD)


def fold_key(name: str) -> str:
    """A dictionary name folded like the text it will be matched in, with single spaces."""
    return " ".join(fold(name).split())


# --- shared matching machinery ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Entry:
    value: str
    ids: tuple[str, ...]
    # An acronym's written form ("NSCLC", "GvHD"): the text must spell it so, or in capitals,
    # so that ordinary lower-case words never match.
    form: str | None = None
    # Bare eponyms ("Alzheimer's") only count when capitalised.
    proper: bool = False

    def accepts(self, surface: str) -> bool:
        if self.form is not None:
            return surface == self.form or not any(c.islower() for c in surface)
        return not self.proper or surface[:1].isupper()


class Dictionary:
    """An Aho-Corasick automaton over folded names, matched on word boundaries, longest first."""

    def __init__(self, keys: dict[str, int], entries: list[Entry]) -> None:
        self.entries = entries
        self.size = len(keys)
        self._automaton = ahocorasick.Automaton()
        for key, index in keys.items():
            # Keys carry a space on each side, as does the folded text: the automaton then only
            # reports whole words, and Python never sees the matches inside longer words.
            self._automaton.add_word(f" {key} ", (len(key), index))
        self._automaton.make_automaton()

    def matches(self, text: str, folded: str, reject: Callable[[int, int], bool] | None = None
                ) -> list[tuple[int, int, Entry]]:
        """Longest non-overlapping matches; `reject(start, end)` drops a match before overlaps
        are resolved, so a shorter valid name inside it can still win."""
        found: list[tuple[int, int, Entry]] = []
        last = len(folded)
        for end, (length, index) in self._automaton.iter(f" {folded} "):
            # `end` is the padded text's closing space: one past the name in the unpadded text.
            start, stop = end - length - 1, end - 1
            entry = self.entries[index]
            if not entry.accepts(text[start:stop]) or (reject is not None and reject(start, stop)):
                continue
            if stop < last and text[stop] == ")" and text.count("(", start, stop) > text.count(
                    ")", start, stop):
                stop += 1  # "Elevated Lp(a)": the name's closing parenthesis is part of it
            found.append((start, stop, entry))
        return longest(found, lambda match: (match[0], match[1]))


def longest(items: Iterable[_T], span: Callable[[_T], tuple[int, int]]) -> list[_T]:
    """Non-overlapping items, longer spans first, earlier start on ties (a stable sort keeps the
    caller's order after that); returned sorted by start."""
    ranked = sorted(items, key=lambda item: (span(item)[0] - span(item)[1], span(item)[0]))
    # Kept spans never overlap, so sorted by start they are sorted by end too: a new span only
    # has to be checked against its two neighbours.
    starts: list[int] = []
    ends: list[int] = []
    kept: list[tuple[int, _T]] = []
    for item in ranked:
        start, end = span(item)
        at = bisect.bisect_right(starts, start)
        if (at and ends[at - 1] > start) or (at < len(starts) and starts[at] < end):
            continue
        starts.insert(at, start)
        ends.insert(at, end)
        kept.insert(at, (start, item))
    return [item for _, item in kept]
