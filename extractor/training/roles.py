"""Train and score the party-role classifier: what an organization in a deal sentence is in it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.language import Language

from .annotations import Annotation, squeeze
from .deals import ClassifierTraining, classify, train_textcat

NO_ROLE = "none"
# Roles as the gold format names them, one label each; a merger's "parties" and the
# partners of undirected kinds are both partners here.
ROLE_OF_KEY = {"licensor": "licensor", "licensee": "licensee", "acquirer": "acquirer",
               "target": "target", "seller": "seller", "investor": "investor",
               "investee": "investee", "partners": "partner", "parties": "partner"}
ROLE_LABELS = (NO_ROLE, *sorted(set(ROLE_OF_KEY.values())))
DIRECTED = frozenset({"licensor", "licensee", "acquirer", "target", "seller", "investor",
                      "investee"})
# The party being asked about, and every other organization of the sentence, are masked, so
# the classifier learns the wording around a party rather than the names of this corpus.
THIS_PARTY = "Partyco"
OTHER_PARTY = "Otherco"


@dataclass(slots=True)
class PartyInSentence:
    doc: str
    mention: int  # which deal mention of the text
    masked: str  # the sentence with this party and the others masked
    party: str
    role: str  # a ROLE_LABELS value


def _occurrences(sentence: str, names: Iterable[str]) -> list[tuple[int, int, str]]:
    """Where each name occurs in the sentence, longest names first and never overlapping."""
    taken: list[tuple[int, int, str]] = []
    for name in sorted({n for n in names if n and len(n) > 1}, key=len, reverse=True):
        for match in re.finditer(re.escape(name), sentence):
            if all(match.end() <= start or match.start() >= end for start, end, _ in taken):
                taken.append((match.start(), match.end(), name))
    return sorted(taken)


def mask(sentence: str, party: str, occurrences: list[tuple[int, int, str]]) -> str:
    pieces, cursor = [], 0
    for start, end, name in occurrences:
        pieces.append(sentence[cursor:start])
        pieces.append(THIS_PARTY if name == party else OTHER_PARTY)
        cursor = end
    pieces.append(sentence[cursor:])
    return "".join(pieces)


def parties_in_sentences(annotation: Annotation) -> list[PartyInSentence]:
    """One example per organization named in each deal sentence: the parties with their
    annotated roles, the other organizations (ORG entities) as NO_ROLE."""
    organizations = annotation.entities.get("ORG", [])
    examples = []
    for number, mention in enumerate(annotation.deal_mentions):
        sentence = squeeze(mention.get("sentence") or "")
        roles = {squeeze(name): ROLE_OF_KEY[key]
                 for key, names in (mention.get("roles") or {}).items() if key in ROLE_OF_KEY
                 for name in names or ()}
        occurrences = _occurrences(sentence, [*roles, *map(squeeze, organizations)])
        for name in dict.fromkeys(name for _, _, name in occurrences):
            examples.append(PartyInSentence(annotation.doc, number,
                                            mask(sentence, name, occurrences), name,
                                            roles.get(name, NO_ROLE)))
    return examples


def train_role_classifier(train: Sequence[PartyInSentence], *, epochs: int = 12,
                          seed: int = 15) -> ClassifierTraining:
    """An exclusive text classifier over masked sentences, trained from scratch, seeded."""
    return train_textcat([item.masked for item in train], ROLE_LABELS,
                         [item.role for item in train], epochs=epochs, seed=seed, batch_size=16)


@dataclass(slots=True)
class RoleScores:
    """Role accuracy per organization, and direction: deal sentences with a directed role
    whose every named organization got its role right."""

    right: int = 0
    total: int = 0
    directed_right: int = 0
    directed: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def direction(self) -> float:
        return self.directed_right / self.directed if self.directed else 0.0

    def add(self, other: RoleScores) -> None:
        self.right += other.right
        self.total += other.total
        self.directed_right += other.directed_right
        self.directed += other.directed
        self.confusion.update(other.confusion)


def score_roles(predicted: Sequence[str], items: Sequence[PartyInSentence]) -> RoleScores:
    scores = RoleScores()
    by_sentence: dict[tuple[str, int], list[bool]] = {}
    directed: set[tuple[str, int]] = set()
    for item, role in zip(items, predicted, strict=True):
        scores.confusion[(item.role, role)] += 1
        scores.total += 1
        scores.right += item.role == role
        key = (item.doc, item.mention)
        by_sentence.setdefault(key, []).append(item.role == role)
        if item.role in DIRECTED:
            directed.add(key)
    for key in directed:
        scores.directed += 1
        scores.directed_right += all(by_sentence[key])
    return scores


def score_role_classifier(nlp: Language, items: Sequence[PartyInSentence]) -> RoleScores:
    return score_roles(classify(nlp, [item.masked for item in items]), items)


def majority_baseline(train: Sequence[PartyInSentence], test: Sequence[PartyInSentence]
                      ) -> RoleScores:
    """Every organization given the commonest role of the training folds."""
    commonest = Counter(item.role for item in train).most_common(1)[0][0]
    return score_roles([commonest] * len(test), test)
