"""Read one press release into typed facts: organizations, deals, products, people, tickers."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..edgar.ixbrl import STATE_CODES
from ..edgar.records import Entity
from ..text.conversion import plain_text
from ..text.datelines import dateline_date
from ..text.plain import PlainText
from .deal_cues import any_cue
from .deals import DealReader
from .facts import Organization, Person, ReleaseFacts
from .lexicon import Lexicon, default_lexicon
from .name_lists import listed_names
from .organizations import (
    HEAD_ALTERNATION,
    a_unit_of_another,
    clean_name,
    counted_or_awarded,
    defined_aliases,
    is_generic_name,
    looks_like_place,
    names_an_event,
    normalize_key,
    organization_candidates,
    shaped_like_a_person,
    two_names_run_together,
)
from .people import (
    APPOINTMENT_CUE,
    HONORIFIC_NAME,
    NAME_THEN_TITLE,
    PERSON_CUE,
    ROLE_THEN_NAME,
    TITLE_THEN_NAME,
    TITLE_WORD,
    PeopleReader,
    introduced_as_person,
)
from .pipeline import ORGANIZATIONS, load_pipeline
from .products import ProductReader
from .sentences import BODY_ROLES, LEAD_SENTENCES, Sentence, without_dateline
from .tickers import TickerReader


def read_release(source: str, *, media: str | None = None, companies: Sequence[Entity] = (),
                 filing_date: dt.date | None = None, nlp: Language | None = None,
                 lexicon: Lexicon | None = None, every_sentence: bool = False) -> ReleaseFacts:
    """Read a press release (HTML, markdown or text) into facts; the one pure core function.

    Only sentences that can hold a fact go through the trained model; `every_sentence` sends
    the whole text through it instead (the naive way, kept for the speed benchmark).
    """
    document = plain_text(source, media)
    reader = _ReleaseReader(document, companies, nlp or load_pipeline(),
                            lexicon or default_lexicon(), every_sentence)
    return reader.read(filing_date)


class _ReleaseReader(DealReader, PeopleReader, ProductReader, TickerReader):
    """Organizations and the issuer first, then each part of the facts from its own reader."""

    def __init__(self, document: PlainText, companies: Sequence[Entity], nlp: Language,
                 lexicon: Lexicon, every_sentence: bool = False) -> None:
        super().__init__(document, companies, nlp, lexicon, every_sentence)
        self.parsed_texts: dict[str, Doc] = {}
        self._lowered: str | None = None

    # -- the whole reading -----------------------------------------------------------------

    def read(self, filing_date: dt.date | None) -> ReleaseFacts:
        facts = ReleaseFacts(title=self.document.title,
                             date=dateline_date(self.document) or filing_date, issuer=None)
        candidates = self._candidates()
        self._collect_organizations(self._model_texts(candidates))
        analysed = self._analyse(candidates)
        self.names.drop_run_together()
        self.issuer = self._find_issuer()
        facts.issuer = self.issuer
        people = self.people(analysed)
        self._forget_people_taken_for_organizations(people)
        facts.products, facts.indications = self.products_and_indications(
            {id(sentence): doc for sentence, doc in analysed if sentence.role != "title"})
        facts.deals = self.deals(facts)
        facts.people = people
        facts.tickers = self.tickers()
        for key, name in self.names.names.items():
            facts.organizations[key] = Organization(
                key=key, name=name, aliases=list(self.names.aliases.get(key, [])),
                cik=self.names.ciks.get(key), is_issuer=key == self.issuer)
        return facts

    # -- organizations ---------------------------------------------------------------------

    def _collect_organizations(self, model_texts: list[str]) -> None:
        """The names in the text; `model_texts`, which the model reads later, are parsed
        together with the words around unsure names, in one pass."""
        unsure: dict[str, Sentence] = {}  # a name found only by its head word: where first
        sure: set[str] = set()
        confirm = "ner" in self.nlp.pipe_names
        read: set[str] = set()
        for sentence in self.sentences:
            if sentence.role == "title":
                continue  # title case makes every word look like a name
            # "CHICAGO–(BUSINESS WIRE)–" names no party; the name after it opens the text.
            text = without_dateline(sentence).lstrip()
            if text in read:
                continue  # a sentence said again names the same organizations
            read.add(text)
            for _, end, name, certain in organization_candidates(text):
                aliases = defined_aliases(text, end)
                if confirm and not certain and not aliases and name not in sure:
                    unsure.setdefault(name, sentence)
                    continue
                sure.add(name)
                key = self.names.add(name)
                if key:
                    for alias in aliases:
                        self.names.add_alias(key, alias)
        for name in self._confirmed({n: s for n, s in unsure.items() if n not in sure},
                                    model_texts):
            self.names.add(name)
        # Names listed after a word for organizations ("companies, including A, B and C")
        # are ones too; in a deal's sentence, so are names listed beside known ones, the
        # partners of "partnerships with A, B and C".
        def known(name: str) -> bool:
            return self.names.resolve(name) is not None

        for sentence in self.sentences:
            if sentence.role == "body":
                for name in listed_names(sentence.text,
                                         known if any_cue(sentence.text) else None):
                    if not is_generic_name(name) and not TITLE_WORD.search(name) \
                            and self.names.resolve(name) is None:
                        self.names.add(name)
        for company in self.companies:
            if company.name and not company.is_person:
                key = self.names.resolve(company.name) or self.names.add(company.name)
                if key:
                    self.names.ciks[key] = company.cik
                    if company.name != self.names.names[key]:
                        self.names.add_alias(key, company.name)

    def _forget_people_taken_for_organizations(self, people: list[Person]) -> None:
        """Organizations whose name is that of a person the text names ("Neil Voloshin", the
        chief executive a pattern or the recognizer took for a company) are forgotten, unless
        they are the issuer or an EDGAR company. In the judged samples of extracted
        organizations, such names were all people."""
        for person in people:
            key = self.names.resolve(person.name)
            # A key is its name's normalized form: equal keys, the same name bar legal form.
            if key is not None and key == normalize_key(person.name) and key != self.issuer \
                    and key not in self.names.ciks and shaped_like_a_person(self.names.names[key]):
                self.names.discard(key)

    def _confirmed(self, unsure: dict[str, Sentence], also: list[str]) -> list[str]:
        """The names found only by a head word ("Big Pharma", "Fifth Annual Sickle Cell")
        that the recognizer also reads as an organization where they stand; where it reads a
        longer organization around one ("REALTORS Charitable Foundation", "American College
        of Rheumatology"), that one instead.

        Head-word names were a third of the organizations extracted from unlabelled texts
        and half of them were no organization; on a judged sample of 200, this drops most of
        the wrong ones (with the other name checks, 36 of 55) and few right ones (8 of 145).
        The recognizer reads a window of words around the name's first occurrence,
        not the whole sentence: scraped blocks can be thousands of characters long. A
        sentence it reads anyway for facts is read once, whole: a window of it would be a
        sixth more text for the recognizer.
        """
        asked: list[tuple[str, str, int]] = []  # name, window, the name's offset in it
        read_anyway = set(also)
        per_sentence = Counter(id(sentence) for sentence in unsure.values())
        for name, sentence in unsure.items():
            found = sentence.text.find(name)
            if found >= 0:
                # Several names in one sentence of no great length: it is read once, whole.
                whole = sentence.text in read_anyway or (
                    per_sentence[id(sentence)] > 1 and len(sentence.text) <= 600)
                window, offset = (sentence.text, found) if whole \
                    else _window(sentence.text, found, found + len(name))
                asked.append((name, window, offset))
        confirmed: list[str] = []
        docs = self._parsed([window for _, window, _ in asked] + also)[:len(asked)]
        for (name, _, start), doc in zip(asked, docs, strict=True):
            end = start + len(name)
            for entity in doc.ents:
                if (entity.label_ != "ORG" or entity.start_char > start + 4
                        or entity.end_char < end - 2):
                    continue
                if names_an_event(doc.text, max(end, entity.end_char)) or a_unit_of_another(
                        doc.text, entity.start_char, entity.end_char):
                    break  # "J.P. Morgan Healthcare Conference": an event's name
                # A longer reading, unless it only ran on into where the body is ("University
                # of Leeds in England").
                if ((entity.start_char < start - 4 or entity.end_char > end + 2)
                        and not (_IN_PLACE.match(doc.text, end, entity.end_char)
                                 and not is_generic_name(name))
                        and self._plausible_new_org(entity.text)):
                    confirmed.append(entity.text)
                elif not is_generic_name(name):
                    confirmed.append(name)
                break
        return list(dict.fromkeys(confirmed))

    def _candidates(self) -> list[Sentence]:
        """Sentences that can hold a deal, a person's title or a party: the only ones the
        trained model reads."""
        if self.every_sentence:
            return list(self.sentences)
        chosen = []
        for sentence in self.sentences:
            if sentence.role not in BODY_ROLES and not PERSON_CUE.search(sentence.text):
                continue
            # Deal wording later in the text is read with the names already known; the model
            # is only needed where the news is told and where people are quoted.
            if 0 <= sentence.rank < LEAD_SENTENCES or (
                    PERSON_CUE.search(sentence.text) and TITLE_WORD.search(sentence.text)
                    ) or NAME_THEN_TITLE.search(sentence.text) \
                    or TITLE_THEN_NAME.search(sentence.text) \
                    or HONORIFIC_NAME.search(sentence.text) \
                    or ROLE_THEN_NAME.search(sentence.text) \
                    or APPOINTMENT_CUE.search(sentence.text):
                chosen.append(sentence)
        return chosen

    def _model_texts(self, sentences: list[Sentence]) -> list[str]:
        """What the model reads of each sentence: a quote's attribution, else all of it."""
        return [_attribution_text(s.text) if not self.every_sentence and PERSON_CUE.search(
            s.text) and not any_cue(s.text) and s.rank >= LEAD_SENTENCES else s.text
            for s in sentences]

    def _analyse(self, sentences: list[Sentence]) -> list[tuple[Sentence, Doc]]:
        analysed = []
        for sentence, doc in zip(sentences, self._parsed(self._model_texts(sentences)),
                                 strict=True):
            analysed.append((sentence, doc))
            if sentence.rank < 0 or sentence.role == "title":
                continue
            titles_end = {e.end for e in doc.ents if e.label_ == "TITLE"}
            for span in doc.spans.get(ORGANIZATIONS, []):
                if span.label_ == "ORG" and self.names.resolve(span.text) is None \
                        and self._new_model_org(doc, span, titles_end):
                    self.names.add(span.text)
        return analysed

    def _new_model_org(self, doc: Doc, span: Span, titles_end: set[int]) -> bool:
        """Whether an organization the recognizer found where facts are read is a new one,
        and one at all: not an event's, a department's, a description's or a person's name."""
        text, start, end = doc.text, span.start_char, span.end_char
        # "AstraZeneca’s CEO, Pascal Soriot, noted": the name a title introduces is a
        # person's, whatever the recognizer called it.
        if span.start >= 2 and span.start - 1 in titles_end and doc[span.start - 1].text == ",":
            return False
        # "Diabetes Institute" of "Baker Heart and Diabetes Institute": a known name's end.
        if any(known_start <= start and end <= known_end and known_end - known_start > end - start
               for known_start, known_end, _ in self.names.mentions(text)):
            return False
        # "its Bio-Medical Division": a part or a product of an organization named before.
        if _POSSESSIVE_BEFORE.search(text, max(0, start - 8), start):
            return False
        return self._plausible_new_org(span.text) and not names_an_event(text, end) \
            and not a_unit_of_another(text, start, end) and not counted_or_awarded(text, start) \
            and not introduced_as_person(text, start, end)

    def _parsed(self, texts: list[str]) -> list[Doc]:
        """The pipeline's docs for these texts; a sentence both checked for a name and read
        for facts goes through the model once."""
        new = [text for text in dict.fromkeys(texts) if text not in self.parsed_texts]
        self.parsed_texts.update(zip(new, self.nlp.pipe(new), strict=True))
        return [self.parsed_texts[text] for text in texts]

    def _plausible_new_org(self, text: str) -> bool:
        """Whether a recognizer's ORG entity is worth adding: plausible as a name, and not
        two known organizations run together ("Silk Road Therapeutics for Poolbeg")."""
        known = {key for _, _, key in self.names.mentions(text)}
        return len(known) < 2 and _plausible_model_org(text, self.lexicon) \
            and not _names_a_town(text, self.document.text, self._lowered_text())

    def _lowered_text(self) -> str:
        if self._lowered is None:
            self._lowered = self.document.text.lower()
        return self._lowered

    def _find_issuer(self) -> str | None:
        for company in self.companies:
            key = self.names.resolve(company.name) if company.name else None
            if key:
                return key
        votes: Counter[str] = Counter()
        for sentence in self.sentences:
            if sentence.role == "title":
                mentions = self.names.mentions(sentence.text)
                if mentions:
                    votes[mentions[0][2]] += 2
                break
        for sentence in self.sentences:
            if 0 <= sentence.rank < LEAD_SENTENCES + 2 and sentence.role != "title":
                mentions = self.names.mentions(without_dateline(sentence))
                if mentions:
                    votes[mentions[0][2]] += 3 if re.search(r"\bannounc", sentence.text,
                                                            re.I) else 1
                    break
        for sentence in self.sentences:
            if sentence.role == "about":
                heading = re.match(r"About\s+(.{2,80}?)\s*$", sentence.text)
                for _, _, key in self.names.mentions(sentence.text[:120]):
                    votes[key] += 2 if heading else 1
                    break
        return votes.most_common(1)[0][0] if votes else None


def _window(text: str, start: int, end: int, reach: int = 150) -> tuple[str, int]:
    """Whole words within `reach` characters either side of text[start:end], and where
    text[start] lies in them."""
    low = max(0, start - reach)
    if low:
        space = text.find(" ", low, start)
        low = space + 1 if space >= 0 else start
    high = min(len(text), end + reach)
    if high < len(text):
        space = text.rfind(" ", end, high)
        high = space if space >= 0 else end
    return text[low:high], start - low


def _attribution_text(sentence: str) -> str:
    """The sentence without its quoted speech: where the speaker is named."""
    stripped = re.sub(r"[“\"][^”\"]{0,2000}[”\"]", " ", sentence)
    return stripped if len(stripped.strip()) > 10 else sentence


_STATE = "|".join(sorted(set(STATE_CODES.values())) + [n.title() for n in STATE_CODES])
_STATE_AFTER = re.compile(rf",\s*(?:{_STATE})(?![\w-]|[’']s)")


def _names_a_town(name: str, text: str, lowered: str | None = None) -> bool:
    """Whether the text writes the name as a town's, with its state after a comma: "EUREKA
    SPRINGS, AR", "Fort Walton Beach, Florida". The recognizer reads such towns as
    organizations. `lowered` is the text in lower case, when the caller keeps it: a search
    for the name in it, then a match at each place found, is many times cheaper than one
    case-blind search for the name and a state."""
    if lowered is None or len(lowered) != len(text):
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer: offsets differ
            return any(_STATE_AFTER.match(text, found.end()) for found in re.finditer(
                rf"(?<![\w-])(?i:{re.escape(name)})", text))
    wanted, start = name.lower(), 0
    while (found := lowered.find(wanted, start)) >= 0:
        start = found + 1
        if (found == 0 or not (lowered[found - 1].isalnum() or lowered[found - 1] in "_-")) \
                and _STATE_AFTER.match(text, found + len(wanted)):
            return True
    return False


_IN_PLACE = re.compile(r"\s+in\s+[A-Z]")
_POSSESSIVE_BEFORE = re.compile(r"\b(?:its|our|their)\s+$")
# An over-the-counter market and a ticker without the colon: "OTCID PETVW".
_MARKET_AND_TICKER = re.compile(r"(?:OTCQB|OTCQX|OTCID|OTC Pink|OTCBB|OTC)\s+[A-Z]{3,6}")
# Two names of a list, each ending in an organization's last word: "Neuwave Medical,
# Personal Genome Diagnostics".
_LISTED_PAIR = re.compile(
    rf"\b(?:{HEAD_ALTERNATION}),\s+(?:[A-Z][\w-]*\s+){{0,3}}(?:{HEAD_ALTERNATION})$")


def _plausible_model_org(text: str, lexicon: Lexicon) -> bool:
    """Whether a model ORG entity is worth keeping: not a product, agency or stray word."""
    cleaned = clean_name(text)
    if cleaned is None or len(cleaned) < 3 or "\n" in text or looks_like_place(cleaned):
        return False
    if text.count("(") != text.count(")"):
        return False  # a piece of a dateline or an aside, "WIRE)–SCH Capital Holdings"
    if two_names_run_together(cleaned) or _LISTED_PAIR.search(cleaned) \
            or _MARKET_AND_TICKER.fullmatch(cleaned):
        return False  # "Marshall Capital Management, Inc. and Capital Venture International"
    if any(t.kind in ("product-code", "drug", "disease", "agency")
           for t in lexicon.terms(cleaned)):
        return False
    if is_generic_name(cleaned):
        return False
    words = cleaned.split()
    # One plain word from the model is as often a surname or a place as an organization;
    # brand-like words (PathAI, XOMA) are kept.
    if len(words) == 1 and (cleaned.isupper() or cleaned.islower()
                            or not any(ch.isupper() for ch in cleaned[1:])):
        return False
    return not re.search(r"\d", cleaned)
