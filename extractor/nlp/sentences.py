"""The sentences of one press release, and the reading state every part of its reader shares."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language

from ..edgar.records import Entity
from ..text.plain import PlainText
from ..text.sentences import split_sentences
from .facts import Evidence
from .lexicon import Lexicon, Term
from .organizations import OrganizationNames

BODY_ROLES = ("title", "body")
LEAD_SENTENCES = 4  # the dateline paragraph: where newswire releases state their news
ISSUER_WORDS = re.compile(r"\b(?:[Tt]he [Cc]ompany|[Ww]e|[Oo]ur|[Uu]s)\b")


@dataclass(slots=True)
class Sentence:
    start: int  # offsets into the plain text
    end: int
    text: str
    role: str
    rank: int  # order among title and body sentences; -1 elsewhere


class SentenceReader:
    """The release's sentences, the names found so far, its issuer and the terms in each text:
    what the deal, people, product and ticker readers read from."""

    def __init__(self, document: PlainText, companies: Sequence[Entity], nlp: Language,
                 lexicon: Lexicon, every_sentence: bool = False) -> None:
        self.document = document
        self.text = document.text
        self.companies = companies
        self.nlp = nlp
        self.lexicon = lexicon
        self.names = OrganizationNames()
        self.sentences = self._sentences()
        self.issuer: str | None = None
        self.every_sentence = every_sentence
        self._terms: dict[str, list[Term]] = {}
        self.skeletons: dict[int, tuple[str, list[str]]] = {}
        self.terms_cache: tuple[dict[int, frozenset[str]], set[int]] | None = None

    def terms(self, text: str) -> list[Term]:
        found = self._terms.get(text)
        if found is None:
            found = self._terms[text] = self.lexicon.terms(text)
        return found

    # -- structure -------------------------------------------------------------------------

    def _sentences(self) -> list[Sentence]:
        sentences = []
        rank = 0
        for block in self.document.blocks:
            if block.role in ("navigation", "front-matter"):
                continue
            for start, end in split_sentences(self.text, block.start, block.end):
                in_body = block.role in BODY_ROLES
                sentences.append(Sentence(start, end, self.text[start:end], block.role,
                                          rank if in_body else -1))
                rank += in_body
        return sentences

    def evidence(self, sentence: Sentence) -> Evidence:
        start, end = self.document.source_span(sentence.start, sentence.end)
        return Evidence(sentence.text, start, end, background=sentence.role not in BODY_ROLES)


_DATELINE = re.compile(
    r"^.{0,200}?(?:\b(?:19|20)\d\d\b|\))\s*(?:\(?/?[A-Za-z0-9 .\-]{2,40}/?\)?\s*)?"
    r"(?:(?:--|—|–)\s*|[-:]\s+)(?=[A-Z\"“])")


def without_dateline(sentence: Sentence) -> str:
    """A lead sentence without its dateline ("LAS VEGAS, NV - July 30, 2025 (NEWMEDIAWIRE) -"):
    places there are not parties."""
    if sentence.rank > 2 or sentence.role == "title":
        return sentence.text
    match = _DATELINE.match(sentence.text)
    return " " * match.end() + sentence.text[match.end():] if match else sentence.text
