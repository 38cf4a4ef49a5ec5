"""Entity strings of an annotation turned into labelled character spans of its text."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

# Labels in the order they win a tie between strings of equal length.
_PRIORITY = ("PERSON", "ORG", "PRODUCT", "INDICATION", "TITLE")


def _pattern(string: str) -> re.Pattern[str]:
    """The string as written, any white space matching any white space, at word edges."""
    body = r"\s+".join(re.escape(word) for word in string.split())
    start = r"(?<!\w)" if string[:1].isalnum() else ""
    end = r"(?!\w)" if string[-1:].isalnum() else ""
    return re.compile(start + body + end)


def entity_spans(text: str, entities: Mapping[str, Sequence[str]]
                 ) -> list[tuple[int, int, str]]:
    """Every occurrence of every entity string in `text`, as (start, end, label), sorted and
    without overlaps: where occurrences overlap, the longest wins ("Helix BioPharma Corp."
    over "Helix"), then the label earlier in the priority order."""
    found: list[tuple[int, int, str]] = []
    for label, strings in entities.items():
        for string in set(strings):
            if string.strip():
                found.extend((m.start(), m.end(), label)
                             for m in _pattern(string.strip()).finditer(text))
    rank = {label: index for index, label in enumerate(_PRIORITY)}
    found.sort(key=lambda span: (-(span[1] - span[0]), rank.get(span[2], 99), span[0]))
    taken: list[tuple[int, int, str]] = []
    occupied = bytearray(len(text) + 1)
    for start, end, label in found:
        if not any(occupied[start:end]):
            taken.append((start, end, label))
            occupied[start:end] = b"\x01" * (end - start)
    return sorted(taken)
