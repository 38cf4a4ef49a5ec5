"""Read a form's own Items (an 8-K's 1.01, 1.02, 2.01, 5.02, 7.01, 8.01) into deals and people."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.language import Language

from ..edgar.records import Entity
from ..text.conversion import plain_text
from ..text.genres import PRESS_RELEASE, document_genre
from ..text.items import ItemSection, item_sections
from ..text.plain import PlainText
from ..text.sentences import split_sentences
from .agreement_terms import (
    ACQUIRED,
    AGREEMENT,
    GENERIC_TITLE,
    NOT_A_DEAL,
    OFFERING,
    SALE_TITLE,
    SOLD,
    TITLE_WORD,
    VEHICLE,
    VEHICLE_ONLY,
    acquisition_wording,
    kind_by_title,
    merge_into,
    role_of_term,
    same_agreement,
    split_targets,
)
from .deals import DealReader
from .facts import Deal, DealParty, Organization, Person, ReleaseFacts, shift_evidence
from .lexicon import Lexicon, default_lexicon
from .organizations import (
    a_filing_party,
    defined_aliases,
    defined_terms,
    find_organization_names,
    is_generic_name,
    normalize_key,
    strip_suffix,
)
from .people import PeopleReader, clean_person, signature_people
from .pipeline import ORGANIZATIONS, PEOPLE, load_pipeline
from .release import read_release
from .sentences import Sentence
from .tickers import TickerReader
from .votes import voted_directors

# The Items whose text reports agreements, and the status an agreement there has unless its
# wording says otherwise: 1.02 is a termination, 2.01 a completed acquisition or disposition.
# Before 2004, Item 2 was "Acquisition or Disposition of Assets" and Item 5 "Other Events".
DEAL_ITEMS: dict[str, str | None] = {"1.01": None, "1.02": "terminated", "2.01": "completed",
                                     "3.02": None, "7.01": None, "8.01": None,
                                     "2": "completed", "5": None}
# The Items that name officers and directors: 5.02 since 2004; Items 5 and 6 before.
PEOPLE_ITEMS = frozenset({"5.02", "5", "6"})
# Other Items' sentences naming people: "Mr.", a representative, a trustee, an employee.
_PERSON_MENTION = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.|\b(?:representative|trustee|sole (?:stock|"
                             r"share)holders?|(?:employment|separation|consulting) agreements?)\b")
# The exhibit list names an agreement's parties in full (its merger subsidiary too).
EXHIBIT_ITEMS = frozenset({"9.01", "7"})
# An Item tells its agreements and events first; their terms, conditions and history follow.
_LEAD = 10

# How a registrant refers to itself in its own form.
REGISTRANT_WORDS = re.compile(
    r"\b(?:[Tt]he [Cc]ompany|[Tt]he [Rr]egistrant|[Tt]he [Ii]ssuer|[Ww]e|[Oo]ur|[Uu]s|"
    r"THE COMPANY|THE REGISTRANT)\b")

# Words of an event's report, not of terms: the present tense describes terms ("The Amendment
# amends the Credit Agreement to permit ..."), so the Items report events in the past tense.
_EVENT = re.compile(
    r"\b(?:enter(?:s|ed)? into|entered|executed|signed|amended|terminated|completed|"
    r"consummated|closed\b|acquired|purchased|sold|merged|agreed|announced|transferred|"
    r"disposed|divested|distributed|reached|approved|will (?:acquire|merge|purchase|sell))\b",
    re.I)
_SUBSIDIARY_OF = re.compile(r"⟦(\d+)⟧,\s+(?:a|an|its)\s+(?:[\w-]+\s+){0,4}?subsidiary\s+of\s+"
                            r"(?:the\s+)?⟦(\d+)⟧")
# The heading of an exhibit appended to a form's text after its signatures.
_EXHIBIT_99 = re.compile(r"^[ \t]*(?:EXHIBIT|Exhibit)[ \t]+99(?:\.\d+)?\b", re.M)
_INCORPORATED = re.compile(r"\bItem\s+(\d{1,2}\.\d{2})\b[^.]{0,200}?\bincorporated\s+"
                           r"(?:herein\s+)?by\s+reference\s+(?:into|in)\s+this\s+Item", re.I)
# A sentence that introduces a list of the agreements it speaks of.
_LISTED = re.compile(r"\bagreements\b[^.]{0,200}\b(?:following|as follows)\b|"
                     r"\b(?:several|various|the following|a number of|certain)\s+"
                     r"(?:\w+\s+)?agreements\b", re.I)
_LIST_ENTRY = re.compile(rf"(?:an?\s+|the\s+)?(?P<title>(?:{TITLE_WORD}[ \-]+){{0,8}}"
                         r"Agreement)\s*[;,.]?(?:\s*and)?", re.I)
# The office an appointment or a departure names: "as its Chief Financial Officer".
_OFFICE_AFTER = re.compile(
    r"\b(?:as|became|becomes|will become|position of)\s+"
    r"(?:its|our|the Company[’']s|the Registrant[’']s|a|an|the)?\s*"
    r"(?P<title>(?:[A-Z][\w\-]*|and|of)(?:[ ,]+(?:[A-Z][\w\-]*|and|of|the)){0,9})"
    r"(?=\s*(?:,|\.|;|\(|effective|of the Company|to succeed|until|and as|$))")
_LEAVES = re.compile(r"[^.]{0,80}?\b(?:resign|retire|notified|informed|will (?:step|leave)|"
                     r"stepped down|departed)", re.I)
# Terms, not events: what happens if an agreement is terminated, what a party may do.
_CONDITIONAL = re.compile(r"\b(?:in the event (?:that|of)|if (?:the|such|any)|may (?:be )?"
                          r"terminat\w*|upon (?:the )?terminat\w*)\b", re.I)
# An agreement's defined term: (the “Purchase Agreement”).
_DEFINITION = re.compile(r"(?:\(\s*(?:collectively,?\s*)?|,\s*)(?:the\s+)?[“\"]([^”\"]{0,60}?"
                         r"(?:Agreement|Amendment|Plan))[”\"]")
_APPOINTED = re.compile(r"\b(?:appoint(?:ed|s|ment)|elect(?:ed|s|ion)|named|promot(?:ed|ion)|"
                        r"hired|joined|became|assumed|will (?:join|serve|become))\b", re.I)
_DEPARTED = re.compile(r"\b(?:resign(?:ed|s|ation)?|retire(?:d|s|ment)?|depart(?:ed|s|ure)|"
                       r"terminat(?:ed|ion)|step(?:ped|s)? down|not (?:to )?stand for "
                       r"re-?election|will leave|left)\b", re.I)


def read_form_items(source: str, *, registrant: Entity | str | None = None,
                    companies: Sequence[Entity] = (), filing_date: dt.date | None = None,
                    nlp: Language | None = None, lexicon: Lexicon | None = None,
                    media: str | None = None) -> ReleaseFacts:
    """Read the Items of a form's own text (an 8-K's main document) into facts: the deals its
    Items report and the people it names with their titles; the one pure core function.

    `registrant` is the filer ("the Company", "the Registrant", "we" in its text), from the
    header or the cover page; every fact's evidence points into `source`.
    """
    document = plain_text(source, media)
    return read_item_sections(document, item_sections(document, source), registrant=registrant,
                              companies=companies, filing_date=filing_date, nlp=nlp,
                              lexicon=lexicon)


def read_item_sections(document: PlainText, sections: list[ItemSection], *,
                       registrant: Entity | str | None = None, companies: Sequence[Entity] = (),
                       filing_date: dt.date | None = None, nlp: Language | None = None,
                       lexicon: Lexicon | None = None) -> ReleaseFacts:
    """`read_form_items` for a text already cut into its Item sections."""
    if isinstance(registrant, str):
        registrant = Entity(cik="", name=registrant)
    entities = ([registrant] if registrant is not None and registrant.name else []) + [
        c for c in companies if c is not registrant and not c.is_person]
    reader = _FormItemsReader(document, sections, entities, nlp or load_pipeline(),
                              lexicon or default_lexicon())
    return reader.read(filing_date)


def embedded_release(source: str, document: PlainText, sections: list[ItemSection], *,
                     companies: Sequence[Entity] = (), filing_date: dt.date | None = None,
                     nlp: Language | None = None) -> ReleaseFacts | None:
    """The press release some filers append to an 8-K's own text, after its signatures
    ("Exhibit 99.1 ... NEWS RELEASE"), read by the release reader with its evidence pointing
    into the whole document; None when the text has none."""
    if not sections:
        return None
    after = sections[-1].end
    signed = document.text.find("/s/", after)
    match = _EXHIBIT_99.search(document.text, signed if signed >= 0 else after)
    if match is None:
        return None
    start = document.source_span(match.start(), match.start())[0]
    tail = source[start:]
    if document_genre(tail, "EX-99.1").name != PRESS_RELEASE:
        return None
    facts = read_release(tail, companies=companies, filing_date=filing_date, nlp=nlp)
    shift_evidence(facts, start)
    return facts


class _FormItemsReader(DealReader, PeopleReader, TickerReader):
    """The sentences of a form's deal and people Items, read with the registrant as issuer."""

    issuer_words = REGISTRANT_WORDS

    def __init__(self, document: PlainText, sections: list[ItemSection],
                 companies: Sequence[Entity], nlp: Language, lexicon: Lexicon) -> None:
        self.sections = sections
        self.deal_statuses = _deal_item_statuses(document.text, sections)
        self.section_of: dict[int, ItemSection] = {}
        super().__init__(document, companies, nlp, lexicon)
        self.role_terms: dict[str, str] = {}  # organization key -> role its defined term gives
        self._subsidiaries: dict[str, str] | None = None
        self.defined_terms: set[str] = set()  # the terms its agreements define, once read

    def _sentences(self) -> list[Sentence]:
        sentences: list[Sentence] = []
        for section in self.sections:
            if not (set(section.codes) & (set(self.deal_statuses) | PEOPLE_ITEMS | EXHIBIT_ITEMS)):
                continue
            start = _body_start(self.text, section)
            rank = 0
            for begin, end in split_sentences(self.text, start, section.end):
                sentence = Sentence(begin, end, self.text[begin:end], "body", rank)
                self.section_of[id(sentence)] = section
                sentences.append(sentence)
                rank += 1
        return sentences

    def read(self, filing_date: dt.date | None) -> ReleaseFacts:
        facts = ReleaseFacts(title=None, date=filing_date, issuer=None)
        # Defined terms ("the “Escrow Agent”") name no organization or person of their own.
        self.defined_terms = {term for sentence in self.sentences
                              for term in defined_terms(sentence.text)}
        self._collect_organizations()
        # The model reads the officer Items and the sentences that name someone "Mr." or
        # "Ms."; signers come from the signature block.
        people_sentences = [s for s in self.sentences
                            if set(self.section_of[id(s)].codes) & PEOPLE_ITEMS
                            or _PERSON_MENTION.search(s.text)]
        analysed = list(zip(people_sentences, self.nlp.pipe(s.text for s in people_sentences),
                            strict=True))
        for _, doc in analysed:
            for span in doc.spans.get(ORGANIZATIONS, []):
                if span.label_ == "ORG" and self.names.resolve(span.text) is None \
                        and a_filing_party(span.text):
                    self.names.add(span.text)
        self.names.drop_run_together()
        if self.issuer is not None:
            self.issuer = self.names.current(self.issuer)
        self._issuer_spelling()
        facts.issuer = self.issuer
        facts.deals = self.item_deals(facts)
        facts.people = self._item_people(analysed)
        facts.tickers = self.tickers()
        for key, name in self.names.names.items():
            facts.organizations[key] = Organization(
                key=key, name=name, aliases=list(self.names.aliases.get(key, [])),
                cik=self.names.ciks.get(key) or None, is_issuer=key == self.issuer)
        return facts

    # -- organizations ---------------------------------------------------------------------

    def _collect_organizations(self) -> None:
        for company in self.companies:
            if company.name and not company.is_person:
                key = self.names.add(company.name, company.cik or None)
                if key and self.issuer is None:
                    self.issuer = key
        for sentence in self.sentences:
            for _, end, name in find_organization_names(sentence.text):
                if is_generic_name(name) and not defined_aliases(sentence.text, end):
                    continue  # "Enterprise Solutions": a segment or a topic, by its words
                if name in self.defined_terms and self.names.resolve(name) is None:
                    continue
                key = self.names.add(name)
                if not key:
                    continue
                for alias in defined_aliases(sentence.text, end):
                    role = role_of_term(alias)
                    if role == "target" and key == self.issuer:
                        continue  # the registrant calling itself "the Company"
                    if role:
                        self.role_terms[key] = role
                    if alias.casefold() not in ("company", "the company", "registrant"):
                        self.names.add_alias(key, alias)
                    elif key != self.issuer:
                        # An agreement that defines another party as "the Company" (the
                        # target of a merger) makes the words mean that party here.
                        self.role_terms[key] = "target"
                        self.names._add_alias(key, alias)
                        self.names._pattern = None

    def _issuer_spelling(self) -> None:
        """The registrant's name as its text writes it, not as EDGAR's capitals have it."""
        if self.issuer is None or not self.names.names[self.issuer].isupper():
            return
        for alias in self.names.aliases.get(self.issuer, []):
            if not alias.isupper() and normalize_key(alias) == self.issuer:
                upper = self.names.names[self.issuer]
                self.names.names[self.issuer] = alias
                self.names.aliases[self.issuer] = [
                    upper if a == alias else a for a in self.names.aliases[self.issuer]]
                return

    # -- deals -----------------------------------------------------------------------------

    def item_deals(self, facts: ReleaseFacts) -> list[Deal]:
        deals: list[Deal] = []
        titles: dict[int, str] = {}  # id(deal) -> the agreement's title, as a key
        defined: set[str] = set()  # the terms the Items define their agreements by
        statuses = self.deal_statuses
        for index, sentence in enumerate(self.sentences):
            section = self.section_of[id(sentence)]
            codes = [c for c in section.codes if c in statuses]
            if not codes or sentence.rank >= _LEAD or not _EVENT.search(sentence.text):
                continue
            if not _DEFINITION.search(sentence.text):
                # A sentence that defines no agreement may state terms ("if the Merger
                # Agreement is terminated") or tell a known agreement again.
                if _CONDITIONAL.search(sentence.text) or any(
                        normalize_key(m.group("title") or "") in defined
                        and m.group(0).lower().startswith("the ")
                        for m in AGREEMENT.finditer(sentence.text)):
                    continue
            defined.update(normalize_key(m.group(1)) for m in _DEFINITION.finditer(
                sentence.text))
            status = _item_status(sentence.text, "other", statuses[codes[0]])
            found = []
            if _LISTED.search(sentence.text):
                parties = self._parties(sentence)
                if len(parties) >= 2:
                    found = self._listed_agreements(index, parties, status, facts.date)
            found = found or self._item_deals(sentence, statuses[codes[0]], facts.date)
            for deal, title in found:
                same = next((d for d in deals if same_agreement(d, titles[id(d)], deal, title)),
                            None)
                if same is None:
                    deals.append(deal)
                    titles[id(deal)] = title
                else:
                    merge_into(same, deal)
        self._add_vehicles(deals)
        for deal in deals:
            if deal.kind in _ASSET_KINDS:
                targets = {p.organization for p in deal.parties if p.role == "target"}
                deal.assets = self.named_assets(deal.assets + self.described_assets(
                    [e.sentence for e in deal.evidence], targets))
        return deals

    def _parties(self, sentence: Sentence) -> list[str]:
        """The organizations a sentence names, the registrant included when it speaks of
        itself, without the entities an agreement merely defines."""
        skeleton, keys = self._tokens(sentence)
        parties = [k for k in dict.fromkeys(keys)
                   if not VEHICLE_ONLY.search(self.names.names.get(k, ""))]
        if self.issuer and self.issuer not in parties and self.issuer_words.search(skeleton):
            parties.append(self.issuer)
        return parties

    def _add_vehicles(self, deals: list[Deal]) -> None:
        """A merger subsidiary named in a later sentence with an acquisition's target buys
        with its parent ("Merger Sub will merge with and into the Target")."""
        for deal in deals:
            if deal.kind != "acquisition":
                continue
            targets = {p.organization for p in deal.parties if p.role == "target"}
            known = {p.organization for p in deal.parties}
            if not targets:
                continue
            for sentence in self.sentences:
                skeleton, keys = self._tokens(sentence)
                if targets.isdisjoint(keys):
                    continue
                for key in dict.fromkeys(keys):
                    if key not in known and VEHICLE.search(self.names.names.get(key, "")):
                        deal.parties.append(DealParty("acquirer", key))
                        deal.evidence.append(self.evidence(sentence))
                        known.add(key)

    def _item_deals(self, sentence: Sentence, item_status: str | None,
                    date: dt.date | None) -> list[tuple[Deal, str]]:
        text = sentence.text
        if not _EVENT.search(text):
            return []
        agreement = AGREEMENT.search(text)
        title = (agreement.group("title") or agreement.group("plain")) if agreement else ""
        if (agreement is not None and NOT_A_DEAL.search(title)) or OFFERING.search(text):
            return []
        kind = kind_by_title(title) if agreement else None
        if kind is None and (not agreement or GENERIC_TITLE.fullmatch(title.strip())) and (
                ACQUIRED.search(text) or SOLD.search(text)):
            kind = "acquisition"
        if kind is None and agreement is None:
            return []
        kind = kind or "other"
        parties = self._parties(sentence)
        if len({self.names.ciks.get(k) or k for k in parties}) < 2:
            return []
        roles = self._item_roles(sentence, kind, parties, title)
        if kind == "acquisition" and self._own_shares(roles, text):
            kind = "investment"
            roles = {k: {"acquirer": "investor", "target": "investee"}.get(r, "partner")
                     for k, r in roles.items()}
        status = _item_status(text, kind, item_status)
        deals = []
        for split in split_targets(roles) if kind == "acquisition" else [roles]:
            directed = kind in ("license", "option") and {"licensor", "licensee"} <= set(
                split.values()) or kind == "acquisition" and "acquirer" in split.values() \
                or kind == "investment" and {"investor", "investee"} <= set(split.values())
            deals.append((Deal(kind=kind, parties=[DealParty(r, k) for k, r in split.items()],
                               new=True, date=date, directed=directed, status=status,
                               evidence=[self.evidence(sentence)]), normalize_key(title)))
        return deals

    def _listed_agreements(self, index: int, parties: list[str], status: str,
                           date: dt.date | None) -> list[tuple[Deal, str]]:
        """The agreements a sentence lists after it ("entered into several agreements with X,
        including the following: a Tax Matters Agreement; ..."), each one a deal of its
        parties."""
        anchor = self.sentences[index]
        section = self.section_of[id(anchor)]
        listed: list[tuple[Deal, str]] = []
        for sentence in self.sentences[index + 1:index + 30]:
            if self.section_of[id(sentence)] is not section:
                break
            text = sentence.text.strip(" •·-–\t")
            if not text:
                continue
            match = _LIST_ENTRY.fullmatch(text)
            if match is None:
                if listed:
                    break
                continue
            title = match.group("title")
            if NOT_A_DEAL.search(title):
                continue
            kind = kind_by_title(title) or "other"
            deal = Deal(kind=kind, parties=[DealParty("partner", p) for p in parties],
                        new=True, date=date, status=status,
                        # The entry first: it tells the listed agreements apart.
                        evidence=[self.evidence(sentence), self.evidence(anchor)])
            if kind in ("license", "option"):
                self._listed_license_direction(deal, title, section)
            listed.append((deal, normalize_key(title)))
        return listed

    def _listed_license_direction(self, deal: Deal, title: str, section: ItemSection) -> None:
        """A listed license's direction, from the sentences that go on to describe it."""
        words = re.sub(r"^(?:an?|the)\s+", "", title.strip(), flags=re.I)
        described = [s for s in self.sentences if self.section_of[id(s)] is section
                     and words.casefold() in s.text.casefold()]
        keys = [p.organization for p in deal.parties]
        found = self._license_direction({}, keys, described)
        roles = {key: role for role in ("licensor", "licensee") for key in found.get(role, [])}
        if {"licensor", "licensee"} <= set(roles.values()):
            for party in deal.parties:
                party.role = roles.get(party.organization, party.role)
            deal.directed = True

    def _item_roles(self, sentence: Sentence, kind: str, parties: list[str],
                    title: str = "") -> dict[str, str]:
        roles = {key: "partner" for key in parties}
        if kind in ("license", "option"):
            found = self._license_direction({}, parties, [sentence])
            for role in ("licensor", "licensee"):
                for key in found.get(role, []):
                    roles[key] = role
            for key in parties:
                if self.role_terms.get(key) in ("licensor", "licensee"):
                    roles[key] = self.role_terms[key]
            return roles
        if kind == "investment":
            for role, key in self._roles_in(sentence, kind):
                if key in roles:
                    roles[key] = role
            return roles
        if kind != "acquisition":
            return roles
        skeleton, keys = self._tokens(sentence)
        for role, key in acquisition_wording(skeleton, keys):
            if key in roles and roles[key] == "partner":
                roles[key] = role
        for key in parties:
            if self.role_terms.get(key) in ("acquirer", "seller", "target"):
                roles[key] = self.role_terms[key]
            elif self.role_terms.get(key) == "agent":
                del roles[key]  # a stockholders' representative or escrow agent
        if self.issuer in roles and self.issuer not in self.role_terms and any(
                self.role_terms.get(k) == "acquirer" for k in roles if k != self.issuer
                and not VEHICLE.search(self.names.names.get(k, ""))):
            # The agreement's own words make another party the buyer ("Parent").
            roles[self.issuer] = "partner"
        vehicles = {k for k in roles if VEHICLE.search(self.names.names.get(k, ""))
                    and self.role_terms.get(k) is None}
        buyers = {k for k, r in roles.items() if r == "acquirer" and k not in vehicles}
        if self.issuer in roles and roles[self.issuer] == "partner":
            if buyers:
                # Another side buys: the registrant is the company sold, or its seller.
                roles[self.issuer] = "seller" if "target" in roles.values() or SOLD.search(
                    sentence.text) else "target"
            else:
                # A registrant's own acquisition agreement, unless the words say otherwise.
                roles[self.issuer] = "acquirer"
        for key in vehicles:
            if roles.get(key) in ("partner", "target"):
                roles[key] = "acquirer"  # a merger subsidiary buys for its parent
        if self.issuer in roles:
            # The registrant's own subsidiaries ("Nuance Communications Ireland Limited") take
            # its side.
            stem = strip_suffix(self.names.names[self.issuer]).casefold()
            for key, role in roles.items():
                if role == "partner" and key != self.issuer and self.names.names.get(
                        key, "").casefold().startswith(stem + " "):
                    roles[key] = roles[self.issuer]
        for key, role in roles.items():
            parent = self.subsidiaries().get(key)
            if role == "partner" and roles.get(parent, "partner") != "partner":
                roles[key] = roles[parent]  # "X, a wholly owned subsidiary of Y" sides with Y
        others = [k for k, r in roles.items() if r == "partner" and k != self.issuer]
        if "acquirer" in roles.values() and "target" not in roles.values() and len(others) == 1:
            roles[others[0]] = "target"  # the one other side of a buyer's agreement
        elif {"acquirer", "target"} <= set(roles.values()) and SALE_TITLE.search(title):
            for key in others:
                roles[key] = "seller"  # who else signs a stock or asset purchase sells
        return roles

    def subsidiaries(self) -> dict[str, str]:
        """Organization key -> its parent's, from "X, a wholly owned subsidiary of Y"."""
        if self._subsidiaries is None:
            self._subsidiaries = {}
            for sentence in self.sentences:
                skeleton, keys = self._tokens(sentence)
                for match in _SUBSIDIARY_OF.finditer(skeleton):
                    child, parent = keys[int(match.group(1))], keys[int(match.group(2))]
                    if child != parent:
                        self._subsidiaries.setdefault(child, parent)
        return self._subsidiaries

    def _own_shares(self, roles: dict[str, str], text: str) -> bool:
        """Whether an acquisition is a purchase of the registrant's own new shares: an
        investment in it."""
        return roles.get(self.issuer) == "target" and not re.search(r"\bmerg", text, re.I) \
            and re.search(r"\b(?:shares|common stock|preferred stock|warrants|securities)\b",
                          text) is not None

    # -- people ----------------------------------------------------------------------------

    def _item_people(self, analysed: list[tuple[Sentence, object]]) -> list[Person]:
        people = {p.name: p for p in self.people(analysed)}
        for person in signature_people(self.text):
            # A form is signed for its registrant.
            known = people.setdefault(person.name, person)
            if known.organization is None:
                known.organization = self.issuer
        for sentence, doc in analysed:
            if not set(self.section_of[id(sentence)].codes) & PEOPLE_ITEMS:
                continue
            departed = _DEPARTED.search(sentence.text)
            appointed = _APPOINTED.search(sentence.text)
            if not (departed or appointed):
                continue
            for span in doc.spans.get(PEOPLE, []):  # type: ignore[attr-defined]
                name = clean_person(span.text)
                if name is None or len(name.split()) < 2:
                    continue
                # "appointed X as its Executive Vice President and Chief Financial Officer"
                title = _OFFICE_AFTER.search(sentence.text, span.end_char)
                if title and title.start() - span.end_char >= 80:
                    title = None
                if name not in people and title is None and not _LEAVES.match(
                        sentence.text, span.end_char):
                    continue  # a name the model found, with neither an office nor a departure
                person = people.get(name) or Person(name=name, title=None,
                                                    organization=self.issuer,
                                                    evidence=self.evidence(sentence))
                people[name] = person
                if person.organization is None:
                    person.organization = self.issuer  # an officer of the registrant
                if title and person.title is None:
                    person.title = title.group("title").strip()
                if person.change is None:
                    person.change = "departed" if departed and not (
                        appointed and appointed.start() < departed.start()) else "appointed"
        for person in voted_directors(self.text, self.sections, self.issuer, self.evidence):
            people.setdefault(person.name, person)
        return [p for p in people.values() if p.name not in self.defined_terms]


# Kinds of deal that are about products or technologies (a loan or a merger of equals is not).
_ASSET_KINDS = frozenset({"license", "option", "acquisition", "collaboration", "distribution",
                          "supply"})


def _deal_item_statuses(text: str, sections: list[ItemSection]) -> dict[str, str | None]:
    """The Items read for deals, with their default status: those of DEAL_ITEMS, and any Item
    a deal Item incorporates by reference ("The information contained in Item 3.03 below ...
    is incorporated by reference into this Item 1.01")."""
    statuses = dict(DEAL_ITEMS)
    for section in sections:
        codes = [c for c in section.codes if c in DEAL_ITEMS]
        if codes:
            for match in _INCORPORATED.finditer(text, section.start, section.end):
                statuses.setdefault(match.group(1), DEAL_ITEMS[codes[0]])
    return statuses


def _body_start(text: str, section: ItemSection) -> int:
    """Where an Item's text starts after its heading ("ITEM 2. ACQUISITION OR DISPOSITION
    OF ASSETS." may run on into the first sentence on one line, as 1990s filings have it)."""
    head = text[section.start:min(section.end, section.start + 400)]
    if section.title:
        at = head.casefold().find(section.title.casefold())
        if at >= 0:
            end = section.start + at + len(section.title)
            while end < section.end and text[end] in " .:-\u2014\u2013\t\n":
                end += 1
            return end
    line_end = text.find("\n", section.start, section.end)
    return line_end + 1 if 0 <= line_end - section.start < 200 else section.start


def _item_status(text: str, kind: str, item_status: str | None) -> str:
    if item_status == "terminated" or re.search(r"\bterminat(?:ed|es|ion of)\b", text, re.I):
        return "terminated"
    if re.search(r"(?<!\bas )\bamend(?:ed|s|ment)\b(?! and restated as of)", text, re.I):
        return "amended"
    if re.search(r"\b(?:complet(?:ed|es)|consummat(?:ed|es)|closed|acquired)\b", text, re.I):
        return "completed"
    if item_status:
        return item_status
    # An acquisition agreed but not closed is announced; other agreements take effect when
    # they are signed.
    return "announced" if kind in ("acquisition", "merger") else "completed"
