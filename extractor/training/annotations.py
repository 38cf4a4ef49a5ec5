"""Training annotations: the gold format plus entity strings and deal mentions, and their checks."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENTITY_LABELS = ("ORG", "PERSON", "TITLE", "PRODUCT", "INDICATION")
DEAL_KINDS = frozenset({"license", "option", "collaboration", "acquisition", "merger",
                        "investment", "distribution", "supply", "other"})
STATUSES = frozenset({"announced", "completed", "letter_of_intent", "term_sheet", "amended",
                      "terminated"})
# The roles each kind of deal has (GOLD_FORMAT.md): direction where the kind has one.
ROLES_BY_KIND: dict[str, frozenset[str]] = {
    "license": frozenset({"licensor", "licensee"}),
    "option": frozenset({"licensor", "licensee"}),
    "acquisition": frozenset({"acquirer", "target", "seller"}),
    "merger": frozenset({"parties"}),
    "investment": frozenset({"investor", "investee"}),
    **{kind: frozenset({"partners"}) for kind in ("collaboration", "distribution", "supply",
                                                    "other")},
}
GOLD_KEYS = ("doc", "date", "issuer", "deals", "mentioned_deals", "aliases", "people",
             "products", "indications", "tickers")
TRAINING_KEYS = ("genre", "entities", "deal_mentions", "notes")
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Annotation:
    """One annotated text: its gold line and what training needs beside it."""

    line: dict[str, Any]
    number: int  # line number in its file

    @property
    def doc(self) -> str:
        return str(self.line.get("doc", ""))

    @property
    def entities(self) -> dict[str, list[str]]:
        return self.line.get("entities") or {}

    @property
    def deal_mentions(self) -> list[dict[str, Any]]:
        return self.line.get("deal_mentions") or []

    def gold(self) -> dict[str, Any]:
        """The line in the scorer's gold format alone."""
        return {key: self.line.get(key) for key in GOLD_KEYS}


@dataclass(slots=True)
class Problems:
    """What is wrong with the annotations of one file, line by line."""

    path: str
    found: list[str] = field(default_factory=list)

    def add(self, annotation: Annotation, message: str) -> None:
        self.found.append(f"{self.path}:{annotation.number}: {annotation.doc}: {message}")


def load_annotations(path: str | Path) -> list[Annotation]:
    """The annotations of a JSON-lines file; a line that is no JSON object is a ValueError
    naming the file and line."""
    annotations = []
    with Path(path).open(encoding="utf-8") as lines:
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                line = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(line, dict):
                raise ValueError(f"{path}:{number}: not a JSON object")
            annotations.append(Annotation(line, number))
    return annotations


def squeeze(text: str) -> str:
    """Text with every run of white space one space: quotes match across line breaks."""
    return _SPACE.sub(" ", text).strip()


def check_annotation(annotation: Annotation, text: str, problems: Problems,
                     gold_docs: frozenset[str] = frozenset()) -> None:
    """Check one annotation against the text it covers: its fields and kinds, and that every
    entity string and deal sentence occurs in the text as written."""
    line, flat = annotation.line, squeeze(text)
    missing = [key for key in (*GOLD_KEYS, *TRAINING_KEYS) if key not in line]
    if missing:
        problems.add(annotation, f"missing keys {', '.join(missing)}")
        return
    if annotation.doc in gold_docs:
        problems.add(annotation, "a development-test (gold) file: never train on it")
    entities = annotation.entities
    for label, strings in entities.items():
        if label not in ENTITY_LABELS:
            problems.add(annotation, f"unknown entity label {label!r}")
            continue
        for string in strings:
            if not string or squeeze(string) not in flat:
                problems.add(annotation, f"{label} {string!r} is not in the text")
    orgs = set(entities.get("ORG", []))
    for deal in [*line["deals"], *line["mentioned_deals"]]:
        _check_deal(annotation, deal, orgs, problems)
    for person in line["people"]:
        if person.get("name") not in entities.get("PERSON", []):
            problems.add(annotation, f"person {person.get('name')!r} is not a PERSON entity")
    for key, label in (("products", "PRODUCT"), ("indications", "INDICATION")):
        for name in line[key]:
            if name not in entities.get(label, []):
                problems.add(annotation, f"{key[:-1]} {name!r} is not a {label} entity")
    for index, mention in enumerate(annotation.deal_mentions):
        sentence = mention.get("sentence") or ""
        if squeeze(sentence) not in flat:
            problems.add(annotation, f"deal mention {index}: its sentence is not in the text")
        deal = mention.get("deal")
        if deal is not None and not (isinstance(deal, int) and 0 <= deal < len(line["deals"])):
            problems.add(annotation, f"deal mention {index}: no deal {deal!r}")
        for names in (mention.get("roles") or {}).values():
            for name in names:
                if squeeze(name) not in squeeze(sentence):
                    problems.add(annotation, f"deal mention {index}: {name!r} is not in its "
                                             "sentence")


def _check_deal(annotation: Annotation, deal: dict[str, Any], orgs: set[str],
                problems: Problems) -> None:
    kind = deal.get("kind")
    if kind not in DEAL_KINDS:
        problems.add(annotation, f"unknown deal kind {kind!r}")
        return
    if deal.get("status", "announced") not in STATUSES:
        problems.add(annotation, f"unknown deal status {deal.get('status')!r}")
    for role, names in (deal.get("roles") or {}).items():
        if role not in ROLES_BY_KIND[kind]:
            problems.add(annotation, f"a {kind} has no role {role!r}")
        for name in names:
            if name not in orgs:
                problems.add(annotation, f"party {name!r} is not an ORG entity")


def check_file(path: str | Path, texts: Path, gold_docs: frozenset[str] = frozenset()
               ) -> list[str]:
    """Every problem of the annotations in `path`, whose texts are under `texts`."""
    from .corpus import annotated_text

    problems = Problems(str(path))
    seen: set[str] = set()
    for annotation in load_annotations(path):
        if annotation.doc in seen:
            problems.add(annotation, "annotated twice")
        seen.add(annotation.doc)
        text_path = texts / annotation.doc
        if not text_path.is_file():
            problems.add(annotation, f"no text {text_path}")
            continue
        check_annotation(annotation, annotated_text(text_path), problems, gold_docs)
    return problems.found
