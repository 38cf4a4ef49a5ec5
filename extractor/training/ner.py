"""Train and score the entity recognizer (ORG, PERSON, TITLE, PRODUCT, INDICATION) on the corpus."""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from ..nlp.pipeline import MODEL, MODEL_EXCLUDE
from .annotations import ENTITY_LABELS, Annotation
from .corpus import annotated_text
from .spans import entity_spans

# A paragraph longer than this is cut at sentence ends: the recognizer learns from pieces
# the size of what it reads at run time.
_PIECE_CHARS = 1500
# The share of paragraphs without an entity kept for training: enough to learn what is no
# name (headings, boilerplate) without drowning the names.
_EMPTY_SHARE = 0.3


@dataclass(slots=True)
class Piece:
    """A stretch of an annotated text and its entity spans, offsets relative to it."""

    doc: str
    text: str
    spans: list[tuple[int, int, str]]


def text_pieces(doc: str, text: str, spans: Sequence[tuple[int, int, str]]) -> list[Piece]:
    """The paragraphs of a text (long ones cut at sentence ends, never inside a span)."""
    pieces: list[Piece] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        cut = start
        while cut < end:
            stop = min(end, cut + _PIECE_CHARS)
            if stop < end:
                period = text.rfind(". ", cut, stop)
                stop = period + 1 if period > cut else stop
            # Move a cut that falls inside a span to the span's end.
            for s, e, _ in spans:
                if s < stop < e:
                    stop = e
            inside = [(s - cut, e - cut, label) for s, e, label in spans
                      if s >= cut and e <= stop]
            if text[cut:stop].strip():
                pieces.append(Piece(doc, text[cut:stop], inside))
            cut = stop
        start = end + 1
    return pieces


def corpus_pieces(annotations: Iterable[Annotation], texts: Path, seed: int = 0
                  ) -> list[Piece]:
    """The training pieces of annotated texts: every piece with an entity and a seeded
    share of those without."""
    chooser = random.Random(seed)
    pieces: list[Piece] = []
    for annotation in annotations:
        text = annotated_text(texts / annotation.doc)
        for piece in text_pieces(annotation.doc, text, entity_spans(text, annotation.entities)):
            if piece.spans or chooser.random() < _EMPTY_SHARE:
                pieces.append(piece)
    return pieces


def examples(nlp: Language, pieces: Iterable[Piece]) -> list[Example]:
    """spaCy examples from pieces; a span that does not fall on token edges is dropped
    (contracted to whole tokens when it can be)."""
    made = []
    for piece in pieces:
        predicted = nlp.make_doc(piece.text)
        entities = []
        for start, end, label in piece.spans:
            span = predicted.char_span(start, end, label=label, alignment_mode="contract")
            if span is not None and len(span):
                entities.append(span)
        reference = predicted.copy()
        reference.set_ents(spacy.util.filter_spans(entities), default="outside")
        made.append(Example(predicted, reference))
    return made


def recognizer(base: str | None) -> Language:
    """A pipeline with an entity recognizer to train: the shipped English model's, with its
    weights and our labels added (`base` = its name), or a fresh one (`base` None)."""
    if base:
        nlp = spacy.load(base, exclude=MODEL_EXCLUDE)
        ner = nlp.get_pipe("ner")
    else:
        nlp = spacy.blank("en")
        ner = nlp.add_pipe("ner")
    for label in ENTITY_LABELS:
        ner.add_label(label)  # type: ignore[attr-defined]
    return nlp


@dataclass(slots=True)
class Training:
    """What a training run produced and measured."""

    nlp: Language
    epochs: int
    seconds: float
    losses: list[float] = field(default_factory=list)


def train_recognizer(train: Sequence[Piece], *, base: str | None = MODEL, epochs: int = 8,
                     seed: int = 15, batch_size: int = 16, dropout: float = 0.2) -> Training:
    """Train an entity recognizer on `train` pieces with a fixed seed: the same corpus and
    seed give the same model."""
    fix_random_seed(seed)
    nlp = recognizer(base)
    train_examples = examples(nlp, train)
    started = time.perf_counter()
    if base:
        optimizer = nlp.resume_training()
    else:
        optimizer = nlp.initialize(lambda: train_examples)
    chooser = random.Random(seed)
    losses_by_epoch = []
    other_pipes = [name for name in nlp.pipe_names if name != "ner"]
    with nlp.select_pipes(disable=other_pipes):
        for _ in range(epochs):
            chooser.shuffle(train_examples)
            losses: dict[str, float] = {}
            for batch in minibatch(train_examples, size=batch_size):
                nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
            losses_by_epoch.append(losses.get("ner", 0.0))
    return Training(nlp, epochs, time.perf_counter() - started, [float(x) for x in losses_by_epoch])


@dataclass(slots=True)
class LabelScore:
    label: str
    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: LabelScore) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold


def score_recognizer(nlp: Language, pieces: Sequence[Piece]) -> dict[str, LabelScore]:
    """Exact-span precision, recall and F1 per label (and "all") on held-out pieces."""
    scores = {label: LabelScore(label) for label in (*ENTITY_LABELS, "all")}
    texts = [piece.text for piece in pieces]
    for piece, doc in zip(pieces, nlp.pipe(texts, batch_size=64), strict=True):
        gold = {(s, e, label) for s, e, label in piece.spans}
        predicted = {(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents
                     if ent.label_ in ENTITY_LABELS}
        for label in ENTITY_LABELS:
            g = {span for span in gold if span[2] == label}
            p = {span for span in predicted if span[2] == label}
            for score in (scores[label], scores["all"]):
                score.matched += len(g & p)
                score.predicted += len(p)
                score.gold += len(g)
    return scores
