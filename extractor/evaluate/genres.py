"""Score the genre classifier against hand-labelled documents: a confusion table, P/R per genre."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..read.kinds import decode
from ..read.submission import iter_documents, split_header
from ..text.genres import GENRES, document_genre


@dataclass(frozen=True, slots=True)
class GenreLabel:
    """One labelled document: a file under the corpus root, and a <SEQUENCE> in it or None."""

    path: str
    sequence: int | None
    doc_type: str | None
    genre: str
    note: str = ""


def load_genre_labels(path: str | Path) -> list[GenreLabel]:
    """Read a TSV of labels (path, document, type, genre, note); a bad genre is refused."""
    labels = []
    with open(path, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            if row["genre"] not in GENRES:
                raise ValueError(f"{path}:{number}: unknown genre {row['genre']!r}; expected "
                                 f"one of {', '.join(GENRES)}")
            document = row["document"]
            labels.append(GenreLabel(
                row["path"], int(document) if document.isdecimal() else None,
                None if row["type"] in ("", "-") else row["type"], row["genre"],
                row.get("note") or ""))
    return labels


def labelled_texts(root: Path, labels: Iterable[GenreLabel]
                   ) -> Iterator[tuple[GenreLabel, str | None]]:
    """Each label with its document's source text, or None when the document is not found
    (a member of an archive, say: only plain files and their <DOCUMENT>s are opened)."""
    by_file: dict[str, list[GenreLabel]] = {}
    for label in labels:
        by_file.setdefault(label.path, []).append(label)
    for name, file_labels in by_file.items():
        path = root / name
        text = decode(path.read_bytes()) if path.is_file() else None
        documents = {}
        if text is not None and any(label.sequence is not None for label in file_labels):
            start = split_header(text)[1] if "-HEADER>" in text[:200_000] else 0
            documents = {d.sequence: d.text for d in iter_documents(text, start)}
        for label in file_labels:
            yield label, text if label.sequence is None else documents.get(label.sequence)


@dataclass(slots=True)
class GenreScores:
    """The confusion of gold genres (rows) with predicted ones (columns), and its figures."""

    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    missing: list[GenreLabel] = field(default_factory=list)
    errors: list[tuple[GenreLabel, str]] = field(default_factory=list)

    def add(self, label: GenreLabel, predicted: str) -> None:
        self.confusion[label.genre, predicted] += 1
        if predicted != label.genre:
            self.errors.append((label, predicted))

    @property
    def total(self) -> int:
        return sum(self.confusion.values())

    @property
    def accuracy(self) -> float:
        right = sum(n for (gold, predicted), n in self.confusion.items() if gold == predicted)
        return right / self.total if self.total else 0.0

    def precision(self, genre: str) -> float | None:
        predicted = sum(n for (_, p), n in self.confusion.items() if p == genre)
        return self.confusion[genre, genre] / predicted if predicted else None

    def recall(self, genre: str) -> float | None:
        gold = sum(n for (g, _), n in self.confusion.items() if g == genre)
        return self.confusion[genre, genre] / gold if gold else None

    def table(self) -> tuple[list[str], list[list[object]]]:
        """Columns and rows of the confusion table, a row per gold genre, with P and R."""
        columns = ["gold \\ predicted", *GENRES, "recall", "precision"]
        rows: list[list[object]] = []
        for gold in GENRES:
            recall, precision = self.recall(gold), self.precision(gold)
            rows.append([gold, *(self.confusion[gold, p] for p in GENRES),
                         "-" if recall is None else f"{recall:.2f}",
                         "-" if precision is None else f"{precision:.2f}"])
        return columns, rows


def score_genres(root: Path, labels: Iterable[GenreLabel]) -> GenreScores:
    """Classify every labelled document found under `root` and tally it against its label."""
    scores = GenreScores()
    for label, text in labelled_texts(root, labels):
        if text is None:
            scores.missing.append(label)
            continue
        scores.add(label, document_genre(text, label.doc_type).name)
    return scores
