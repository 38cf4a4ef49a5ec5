"""Score the resolver against a linking gold: mentions with the CIK they refer to, or none."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from ..edgar.dates import parse_date
from ..edgar.header import normalize_cik
from ..errors import InputError
from .index import CompanyIndex
from .resolve import resolve


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One organization mention of the gold: its document, date, text and right CIK (or None)."""

    doc: str
    date: str
    mention: str
    cik: str | None
    former: bool


@dataclass(slots=True)
class LinkScores:
    """Precision over the links made, recall over the mentions whose CIK the index holds."""

    linked_right: int = 0
    linked_wrong: int = 0
    missed: int = 0  # a CIK in the index, not linked (or left ambiguous)
    out_of_index: int = 0  # a CIK the index does not hold: only a link to it would be right
    right_none: int = 0  # no CIK, and none linked
    former_right: int = 0
    former_total: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        made = self.linked_right + self.linked_wrong
        return self.linked_right / made if made else 1.0

    @property
    def recall(self) -> float:
        wanted = self.linked_right + self.missed
        return self.linked_right / wanted if wanted else 1.0

    def lines(self) -> list[str]:
        return [
            f"links made: {self.linked_right + self.linked_wrong} ({self.linked_wrong} wrong), "
            f"precision {self.precision:.3f}",
            f"mentions whose CIK the index holds: {self.linked_right + self.missed}, "
            f"linked right {self.linked_right}, recall {self.recall:.3f}",
            f"under former names: {self.former_right} of {self.former_total} linked right",
            f"mentions of no CIK left unlinked: {self.right_none}; CIKs outside the index: "
            f"{self.out_of_index}",
        ]


def read_gold(path: str | os.PathLike[str]) -> list[GoldMention]:
    """The gold's rows; a malformed line is an error naming the file and line."""
    mentions = []
    with open(path, encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                cik = normalize_cik(row["cik"]) if row.get("cik") else None
                mentions.append(GoldMention(row["doc"], row["date"], row["mention"], cik,
                                            bool(row.get("former"))))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{number}", f"not a linking gold row ({exc})") from None
    return mentions


def score_links(index: CompanyIndex, gold: list[GoldMention]) -> LinkScores:
    """Resolve each gold mention by itself on its document's date and count the outcomes."""
    scores = LinkScores()
    for mention in gold:
        link = resolve(index, [mention.mention], parse_date(mention.date))
        in_index = mention.cik is not None and bool(index.names_of(mention.cik))
        if mention.former:
            scores.former_total += 1
        if link.cik is not None and link.cik == mention.cik:
            scores.linked_right += 1
            scores.former_right += mention.former
            continue
        if link.cik is not None:
            scores.linked_wrong += 1
            scores.errors.append(f"{mention.doc}: {mention.mention!r} linked to {link.cik} "
                                 f"({link.method}), right: {mention.cik}")
        elif in_index:
            scores.missed += 1
            scores.errors.append(f"{mention.doc}: {mention.mention!r} not linked ({link.method}"
                                 f"{': ' + str(link.candidates[:5]) if link.candidates else ''}), "
                                 f"right: {mention.cik}")
        elif mention.cik is None:
            scores.right_none += 1
        if mention.cik is not None and not in_index:
            scores.out_of_index += 1
    return scores
