"""Train and score the deal-sentence classifier: does a sentence state a deal, and of which kind."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from ..text.sentences import split_sentences
from .annotations import DEAL_KINDS, Annotation, squeeze
from .corpus import annotated_text
from .ner import LabelScore

NO_DEAL = "none"
DEAL_LABELS = (NO_DEAL, *sorted(DEAL_KINDS))
# Sentences without a deal kept for training, per text: most of a release states none, and
# the classifier must learn to say so without seeing every boilerplate line.
_NEGATIVES_PER_TEXT = 12
_MAX_SENTENCE_CHARS = 1200


@dataclass(slots=True)
class LabelledSentence:
    doc: str
    text: str
    kind: str  # a deal kind, or NO_DEAL
    new: bool | None = None  # for a deal sentence: whether the deal is this text's news


def labelled_sentences(annotation: Annotation, text: str, chooser: random.Random
                       ) -> list[LabelledSentence]:
    """The deal sentences an annotation marks, with their kinds, and a seeded sample of the
    text's other sentences as NO_DEAL."""
    marked = {squeeze(m["sentence"]): m for m in annotation.deal_mentions if m.get("sentence")}
    positives, negatives = [], []
    for start, end in split_sentences(text):
        sentence = text[start:end]
        if len(sentence) > _MAX_SENTENCE_CHARS or len(sentence.split()) < 4:
            continue
        flat = squeeze(sentence)
        mention = marked.get(flat) or next(
            (m for key, m in marked.items() if key in flat or flat in key and len(flat) > 60),
            None)
        if mention is not None and mention.get("kind") in DEAL_KINDS:
            positives.append(LabelledSentence(annotation.doc, sentence, mention["kind"],
                                              bool(mention.get("new"))))
        else:
            negatives.append(LabelledSentence(annotation.doc, sentence, NO_DEAL))
    chooser.shuffle(negatives)
    return positives + negatives[:_NEGATIVES_PER_TEXT]


def corpus_sentences(annotations: Iterable[Annotation], texts: Path, seed: int = 0
                     ) -> list[LabelledSentence]:
    chooser = random.Random(seed)
    sentences: list[LabelledSentence] = []
    for annotation in annotations:
        sentences.extend(labelled_sentences(annotation, annotated_text(texts / annotation.doc),
                                            chooser))
    return sentences


@dataclass(slots=True)
class ClassifierTraining:
    nlp: Language
    seconds: float
    losses: list[float] = field(default_factory=list)


def train_textcat(texts: Sequence[str], labels: Sequence[str], gold: Sequence[str], *,
                  epochs: int = 10, seed: int = 15, batch_size: int = 32) -> ClassifierTraining:
    """An exclusive text classifier (one of `labels` per text), trained from scratch, seeded."""
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat")
    for label in labels:
        textcat.add_label(label)  # type: ignore[attr-defined]
    examples = [Example.from_dict(nlp.make_doc(text),
                                  {"cats": {label: float(label == right) for label in labels}})
                for text, right in zip(texts, gold, strict=True)]
    optimizer = nlp.initialize(lambda: examples)
    chooser = random.Random(seed)
    started = time.perf_counter()
    losses_by_epoch = []
    for _ in range(epochs):
        chooser.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=batch_size):
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
        losses_by_epoch.append(float(losses.get("textcat", 0.0)))
    return ClassifierTraining(nlp, time.perf_counter() - started, losses_by_epoch)


def train_deal_classifier(train: Sequence[LabelledSentence], *, epochs: int = 10,
                          seed: int = 15, batch_size: int = 32) -> ClassifierTraining:
    """Deal sentences: NO_DEAL or a deal kind."""
    return train_textcat([s.text for s in train], DEAL_LABELS, [s.kind for s in train],
                         epochs=epochs, seed=seed, batch_size=batch_size)


NEWS_LABELS = ("new", "background")


def _news(sentence: LabelledSentence) -> str:
    return NEWS_LABELS[0] if sentence.new else NEWS_LABELS[1]


def train_news_classifier(train: Sequence[LabelledSentence], *, epochs: int = 10,
                          seed: int = 15) -> ClassifierTraining:
    """Whether a deal sentence states the text's news or a deal in the background."""
    deals = [s for s in train if s.kind != NO_DEAL]
    return train_textcat([s.text for s in deals], NEWS_LABELS, [_news(s) for s in deals],
                         epochs=epochs, seed=seed)


def score_news_classifier(nlp: Language, sentences: Sequence[LabelledSentence]
                          ) -> tuple[int, int, int]:
    """(right, total, how many are new) over the deal sentences."""
    deals = [s for s in sentences if s.kind != NO_DEAL]
    predicted = classify(nlp, [s.text for s in deals])
    return (sum(label == _news(s) for s, label in zip(deals, predicted, strict=True)),
            len(deals), sum(bool(s.new) for s in deals))


@dataclass(slots=True)
class SentenceScores(LabelScore):
    """Deal-sentence detection (any kind against none: `matched` are the deal sentences
    found) and kind accuracy on those found."""

    kind_right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.matched if self.matched else 0.0

    def add(self, other: LabelScore) -> None:
        LabelScore.add(self, other)
        if isinstance(other, SentenceScores):
            self.kind_right += other.kind_right
            self.confusion.update(other.confusion)


def classify(nlp: Language, texts: Sequence[str]) -> list[str]:
    """The label each text gets: the highest-scoring one."""
    return [max(doc.cats, key=doc.cats.__getitem__) for doc in nlp.pipe(texts, batch_size=64)]


def score_deal_classifier(nlp: Language, sentences: Sequence[LabelledSentence]
                          ) -> SentenceScores:
    scores = SentenceScores("deal sentences")
    for sentence, label in zip(sentences, classify(nlp, [s.text for s in sentences]),
                               strict=True):
        scores.confusion[(sentence.kind, label)] += 1
        gold_deal, predicted_deal = sentence.kind != NO_DEAL, label != NO_DEAL
        scores.gold += gold_deal
        scores.predicted += predicted_deal
        if gold_deal and predicted_deal:
            scores.matched += 1
            scores.kind_right += sentence.kind == label
    return scores
