"""Training runs over the annotated corpus: cross-validation by text, and the shipped models."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..nlp.pipeline import MODEL
from .annotations import Annotation, load_annotations
from .deals import (
    SentenceScores,
    corpus_sentences,
    score_deal_classifier,
    score_news_classifier,
    train_deal_classifier,
    train_news_classifier,
)
from .ner import LabelScore, corpus_pieces, score_recognizer, train_recognizer
from .roles import (
    RoleScores,
    majority_baseline,
    parties_in_sentences,
    score_role_classifier,
    train_role_classifier,
)

# The annotation files of the corpus and the folder of the texts each covers.
CORPUS_PARTS = (("releases.jsonl", "releases"), ("8k.jsonl", "8k"))
# Where the trained models ship: package data, loaded by nlp.pipeline.
MODELS = Path(__file__).resolve().parent.parent / "data" / "models"


@dataclass(slots=True)
class Annotated:
    """An annotation with the folder of its text."""

    annotation: Annotation
    texts: Path


def load_corpus(root: Path) -> list[Annotated]:
    """Every annotation of the training corpus under `root` (training/): its annotations/
    files and texts/ folders."""
    corpus = []
    for name, folder in CORPUS_PARTS:
        path = root / "annotations" / name
        if path.is_file():
            corpus.extend(Annotated(a, root / "texts" / folder) for a in load_annotations(path))
    if not corpus:
        raise ValueError(f"no annotations under {root / 'annotations'}")
    return corpus


def folds(corpus: Sequence[Annotated], count: int, seed: int) -> list[list[Annotated]]:
    """`count` folds of whole texts, seeded: no text is split between training and test."""
    order = list(corpus)
    random.Random(seed).shuffle(order)
    return [order[index::count] for index in range(count)]


def _pieces(corpus: Sequence[Annotated], seed: int) -> list:
    pieces = []
    for item in corpus:
        pieces.extend(corpus_pieces([item.annotation], item.texts, seed))
    return pieces


def _sentences(corpus: Sequence[Annotated], seed: int) -> list:
    sentences = []
    for item in corpus:
        sentences.extend(corpus_sentences([item.annotation], item.texts, seed))
    return sentences


def _parties(corpus: Sequence[Annotated]) -> list:
    return [item for entry in corpus for item in parties_in_sentences(entry.annotation)]


@dataclass(slots=True)
class Scores:
    entities: dict[str, LabelScore]
    deal_sentences: SentenceScores
    roles: RoleScores
    roles_baseline: RoleScores
    # New versus background over the deal sentences: right, total, and how many are new.
    news: tuple[int, int, int]


def _add(total: Scores | None, part: Scores) -> Scores:
    if total is None:
        return part
    for label, score in part.entities.items():
        total.entities[label].add(score)
    total.deal_sentences.add(part.deal_sentences)
    total.roles.add(part.roles)
    total.roles_baseline.add(part.roles_baseline)
    total.news = (total.news[0] + part.news[0], total.news[1] + part.news[1],
                  total.news[2] + part.news[2])
    return total


def cross_validate(corpus: Sequence[Annotated], *, count: int = 5, seed: int = 15,
                   base: str | None = MODEL, epochs: int = 8) -> Scores:
    """Train on all folds but one and score on that one, for each fold; the scores summed."""
    total: Scores | None = None
    parts = folds(corpus, count, seed)
    for index, test in enumerate(parts):
        train = [item for i, part in enumerate(parts) if i != index for item in part]
        recognizer = train_recognizer(_pieces(train, seed), base=base, epochs=epochs,
                                      seed=seed).nlp
        train_sentences, test_sentences = _sentences(train, seed), _sentences(test, seed + 1)
        classifier = train_deal_classifier(train_sentences, seed=seed).nlp
        news = train_news_classifier(train_sentences, seed=seed).nlp
        train_parties, test_parties = _parties(train), _parties(test)
        roles = train_role_classifier(train_parties, seed=seed).nlp
        total = _add(total, Scores(score_recognizer(recognizer, _pieces(test, seed + 1)),
                                   score_deal_classifier(classifier, test_sentences),
                                   score_role_classifier(roles, test_parties),
                                   majority_baseline(train_parties, test_parties),
                                   score_news_classifier(news, test_sentences)))
    assert total is not None
    return total


def train_models(corpus: Sequence[Annotated], output: Path = MODELS, *, seed: int = 15,
                 base: str | None = MODEL, epochs: int = 8) -> dict[str, object]:
    """Train the recognizer on the whole corpus and save it under `output` (ner/), with
    what it was trained from. The deal-sentence classifier is only cross-validated: on
    today's corpus it finds too few deal sentences to replace the rules (see README)."""
    recognizer = train_recognizer(_pieces(corpus, seed), base=base, epochs=epochs, seed=seed)
    output.mkdir(parents=True, exist_ok=True)
    recognizer.nlp.to_disk(output / "ner")
    trained = {"texts": len(corpus), "seed": seed, "base": base, "epochs": epochs,
               "ner_seconds": round(recognizer.seconds, 1)}
    (output / "trained.json").write_text(json.dumps(trained, indent=2) + "\n",
                                         encoding="utf-8")
    return trained
