"""Directors an 8-K's Item 5.07 names: the nominees of its vote table, the continuing directors."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..text.items import ItemSection
from .facts import Evidence, Person
from .people import clean_person
from .sentences import Sentence

# The Item that reports a stockholders' vote (since 2010).
VOTE_ITEM = "5.07"
# A row of the vote table: a nominee's name, then the votes for it ("Lloyd Carney
# 229,079,054 5,983,846"). Flattened tables put one row after another on a line.
_NOMINEE_ROW = re.compile(
    r"(?<![\w,.])(?P<name>[A-Z][a-z]+(?:[ \t]+(?:[A-Z]\.|[A-Z][a-z]+|[Dd]e|[Vv]an|[Vv]on)){1,4}"
    r"(?:,?[ \t]+(?:Jr|Sr)\.|[ \t]+(?:II|III|IV))?)\s+\d{1,3}(?:,\d{3}){2,}")
# "The continuing Class III Directors are A, B, C and D."
_CONTINUING = re.compile(
    r"\b(?:continuing|remaining|other)\b[^.]{0,40}?\bdirectors (?:are|were|will be)\s+"
    r"(?P<names>(?:[^.;]|(?<=\b[A-Z])\.){5,400}?)(?=(?<!\b[A-Z])\.(?:\s|$)|;)", re.I)
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def voted_directors(text: str, sections: list[ItemSection], registrant: str | None,
                    evidence: Callable[[Sentence], Evidence]) -> Iterator[Person]:
    """The directors an Item 5.07 names, of the registrant: "Director nominee" for a name in
    its vote table, "Director" for one it lists as continuing in office."""
    for section in sections:
        if VOTE_ITEM not in section.codes:
            continue
        found = [(row.group("name"), "Director nominee", row)
                 for row in _NOMINEE_ROW.finditer(text, section.start, section.end)]
        for listing in _CONTINUING.finditer(text, section.start, section.end):
            found += [(re.sub(r"^\d+\s+", "", member.strip()), "Director", listing)
                      for member in _LIST_SEPARATOR.split(listing.group("names"))]
        for words, title, match in found:
            name = clean_person(words)
            if name and name.endswith((" Jr", " Sr", ",Jr", ",Sr")):
                name += "."  # the period clean_person takes off a sentence's end
            if name:
                where = Sentence(match.start(), match.end(), match.group(), "body", 0)
                yield Person(name=name, title=title, organization=registrant,
                             evidence=evidence(where))
