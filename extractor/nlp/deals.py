"""Deals in a press release: their kinds, parties' roles, assets, exclusivity and territory."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from .assets import asset_phrases, description_spans, without_generic_variants
from .deal_cues import (
    ASIDE,
    BACKGROUND,
    EXCLUSIVE,
    NEWS,
    NON_EXCLUSIVE,
    SALE_VERB,
    TERRITORY,
    any_cue,
    cue_match,
    kind_of,
    status_of,
)
from .facts import Deal, DealParty, ReleaseFacts
from .investment_wording import (
    BACKED_BY,
    HOLDER_WORDS,
    INVESTMENT_BY,
    INVESTS,
    ROUND_INVESTORS,
    ROUND_WORDING,
    round_investors,
)
from .investment_wording import ORG_TOKEN as _ORG_TOKEN
from .investment_wording import TOKEN as _TOKEN
from .organizations import is_institution, normalize_key
from .products import branded_names, product_name
from .sentences import (
    BODY_ROLES,
    ISSUER_WORDS,
    LEAD_SENTENCES,
    Sentence,
    SentenceReader,
    without_dateline,
)

# Agreements spoken of in the plural: each partner has its own.
_PLURAL_AGREEMENTS = re.compile(
    r"\b(?:partnerships|agreements|collaborations|integrations|alliances|contracts|deals)\b",
    re.I)
_PARENTHETICAL = re.compile(r"\s*\([^()]{0,200}\)")
# Words of an agreement's terms, and of a license the issuer speaks of: what makes a later
# sentence part of a deal's evidence.
_TERMS_WORDS = re.compile(r"\b(?:agreement|licen[cs]\w*|rights|option|acqui\w*|transaction)\b",
                          re.I)
_LICENSE_WORDS = re.compile(r"\blicen[cs]\w*|\bexclusive rights\b", re.I)
# Related sentences kept per deal: enough for its terms, bounded for a text that repeats.
RELATED_SENTENCES = 12
# A sentence right after a deal's that names it by a definite description ("Under the
# agreement, ...", "The acquisition adds ...") tells its terms without naming the parties.
_THE_DEAL = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hese)\s+(?:(?:new|exclusive|definitive|"
                       r"strategic|proposed)\s+)?(?:agreements?|licen[cs]e|acquisition|"
                       r"transaction|collaboration|partnership|deal|merger)\b")
_FOLLOWING_SENTENCES = 2
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|its|they|their)\b")

# Direction wording, on a sentence whose organization mentions are ⟦n⟧ tokens.
_GAP = r"[^⟦.]{0,160}?"
_LICENSOR_LICENSEE = (
    re.compile(rf"{_TOKEN}{_GAP}\bgrant(?:s|ed|ing)?\s+{_TOKEN}"),
    re.compile(rf"{_TOKEN}{_GAP}\blicen[cs](?:es|ed|ing)\b{_GAP}\bto\s+{_TOKEN}"),
    re.compile(rf"{_TOKEN}{_GAP}\b(?:out-licens\w+)\b{_GAP}{_TOKEN}"),
)
_LICENSEE_LICENSOR = (
    re.compile(rf"{_TOKEN}{_GAP}\b(?:in-licens\w+|licen[cs]ed|licen[cs]es?|rights?|option)\b"
               rf"{_GAP}\bfrom\s+(?:the\s+)?{_TOKEN}"),
    re.compile(rf"{_TOKEN}{_GAP}\b(?:option|agreement){_GAP}\bwith\s+(?:the\s+)?{_TOKEN}"
               rf"{_GAP}\bfor\s+\1\s+to\s+(?:acquire|license|in-license)"),
)
_LICENSEE = (
    re.compile(rf"{_TOKEN}[^⟦.]{{0,40}}?\b(?:has |have |will )?(?:acquired|obtained|received|"
               rf"secured|receives|obtains|gains|gained|will receive)\s+(?:an?\s+|the\s+)?"
               rf"(?:\w+[- ]?){{0,3}}(?:licen[cs]e|rights)\b"),
    re.compile(rf"\bprovides?\s+{_TOKEN}\s+with\s+(?:\w+\s+){{0,2}}(?:rights|licen[cs]e)\b"),
    re.compile(rf"\bfor\s+{_TOKEN}\s+to\s+(?:acquire|license|in-license)\b"),
    re.compile(rf"{_TOKEN}{_GAP}\bin-licens\w+"),
    re.compile(rf"\b(?:the\s+)?in-licensing\s+(?:of\s+)?[^⟦.]{{0,40}}\bby\s+{_TOKEN}"),
)
_LICENSOR = (
    re.compile(rf"\bgrant(?:s|ed|ing)?\s+(?:an?\s+)?(?:\w+\s+){{0,3}}licen[cs]e\s+to\s+{_TOKEN}"),
)


# The role the issuer takes when a release names only the other side of a deal.
_OTHER_SIDE = {"target": "acquirer", "seller": "acquirer", "acquirer": "target",
               "licensor": "licensee", "licensee": "licensor",
               "investee": "investor", "investor": "investee"}
# The roles that must both be known for a deal's direction to be stated (shapes/releases.ttl).
_DIRECTION_ROLES = {"acquisition": frozenset({"acquirer"}),
                    "license": frozenset({"licensor", "licensee"}),
                    "option": frozenset({"licensor", "licensee"})}


class DealReader(SentenceReader):
    """The news deal of the lead sentences and the other agreements the body speaks of, each
    with its parties' roles and the sentences of its terms."""

    # How the issuer refers to itself; a form's reader adds "the Registrant".
    issuer_words: re.Pattern[str] = ISSUER_WORDS

    def deals(self, facts: ReleaseFacts) -> list[Deal]:
        deals: list[Deal] = []
        masked = {id(s): self._cue_text(s) for s in self.sentences
                  if 0 <= s.rank < LEAD_SENTENCES}
        title_background = any(s.role == "title" and BACKGROUND.search(masked[id(s)])
                               for s in self.sentences if id(s) in masked)
        anchors = [s for s in self.sentences
                   if id(s) in masked and any_cue(masked[id(s)])
                   and not BACKGROUND.search(masked[id(s)])]
        if title_background or not any(s.role == "title" or NEWS.search(masked[id(s)])
                                       for s in anchors):
            anchors = []
        if anchors:
            deal = self._deal_from(anchors, facts, new=True)
            if deal is not None:
                deals.extend(self._one_per_partner(deal, anchors))
        used = {id(s) for s in anchors}
        for sentence in self.sentences:
            if id(sentence) in used or sentence.role not in BODY_ROLES + ("about",):
                continue
            investor = self._investor_statement(sentence)
            if investor is not None:
                same = next((d for d in deals if d.kind == "investment" and not d.new
                             and _same_deal(investor, d)), None)
                if same is None:
                    deals.append(investor)
                else:
                    same.evidence.extend(investor.evidence)
                continue
            if any_cue(sentence.text) and re.search(r"\bagreement|\bacqui|\blicens", 
                                                     sentence.text, re.I):
                deal = self._deal_from([sentence], facts, new=False)
                if deal is not None and len(deal.parties) >= 2 and not any(
                        _same_deal(deal, other) for other in deals):
                    deals.append(deal)
        return deals

    def _deal_from(self, anchors: list[Sentence], facts: ReleaseFacts,
                   new: bool) -> Deal | None:
        kind = kind_of(" ".join(self._cue_text(s) for s in anchors))
        if kind is None:
            return None
        roles: dict[str, list[str]] = {}
        partners: list[str] = []
        for sentence in anchors:
            if sentence.role == "title":
                continue
            for role, key in self._roles_in(sentence, kind):
                if role == "partner":
                    partners.append(key)
                else:
                    roles.setdefault(role, []).append(key)
        if not roles and not partners:
            # The headline alone: its names are the parties.
            for sentence in anchors:
                for _, _, key in self.names.mentions(sentence.text):
                    partners.append(key)
        related = self._related_sentences(anchors, set(partners) | {
            k for keys in roles.values() for k in keys})
        if kind in ("license", "option"):
            roles = self._license_direction(roles, partners, related + anchors)
        if kind == "investment" and new and roles.get("investee") and not roles.get("investor"):
            # A round announced by the one who raised it names its investors further down
            # ("The round was led by X, with participation from Y").
            investors, stating = self._round_investors_below(anchors, roles["investee"][0])
            if investors:
                roles["investor"] = investors
                related = related + [s for s in stating if s not in related]
        if kind == "investment" and "investor" in roles and not roles.get("investee"):
            return None  # money with no one named to receive it is no deal that can be drawn
        parties = _party_list(roles, partners)
        if new and self.issuer and not any(p.organization == self.issuer for p in parties) \
                and len(parties) == 1:
            # A headline without its subject ("Completes Acquisition of X") is the issuer's
            # own act: the issuer takes the other side of the one role the text gave.
            parties.append(DealParty(_OTHER_SIDE.get(parties[0].role, "partner"), self.issuer))
        # An agreement needs two sides, an acquisition too: the deal shape (shapes/releases.ttl)
        # asks for two parties, so a buyer named alone, or two keys of one CIK company (one
        # node once written), makes no deal.
        if len({self.names.ciks.get(p.organization) or p.organization for p in parties}) < 2:
            return None
        deal_text = " ".join(s.text for s in anchors + related)
        # Direction is stated only when both of its sides are known: a target without its
        # acquirer, or a licensee without its licensor, leaves the direction open.
        roles_given = {p.role for p in parties}
        deal = Deal(kind=kind, parties=parties, new=new, date=facts.date,
                    directed=_DIRECTION_ROLES.get(kind, frozenset()) <= roles_given
                    and any(p.role != "partner" for p in parties))
        deal.status = status_of(" ".join(s.text for s in anchors))
        if NON_EXCLUSIVE.search(deal_text):
            deal.exclusive = False
        elif EXCLUSIVE.search(deal_text):
            deal.exclusive = True
        deal.territory = list(dict.fromkeys(
            m.group(0) for s in anchors + related for m in TERRITORY.finditer(s.text)
            if re.search(r"territor|rights|licen|distribut|market|commerciali", s.text, re.I)))
        terms = [t for s in anchors + related[:3] for t in self.terms(s.text)]
        deal.assets = self._assets(anchors, related, terms, facts,
                                   {p.organization for p in parties if p.role == "target"})
        deal.indications = _unique(t.text for t in terms if t.kind == "disease")
        deal.evidence = [self.evidence(s) for s in anchors if s.role != "title"] or [
            self.evidence(anchors[0])]
        return deal

    def _round_investors_below(self, anchors: list[Sentence], investee: str
                               ) -> tuple[list[str], list[Sentence]]:
        """The organizations the body names as a round's investors ("led by", "with
        participation from", "investors including"), and the sentences that name them; a
        round told as history ("earlier this year") is left out."""
        anchor_ids = {id(s) for s in anchors}
        investors: list[str] = []
        stating: list[Sentence] = []
        for sentence in self.sentences:
            if id(sentence) in anchor_ids or sentence.role != "body" \
                    or not ROUND_INVESTORS.search(sentence.text) \
                    or BACKGROUND.search(sentence.text):
                continue
            skeleton, keys = self._tokens(sentence)
            found = [key for key in round_investors(skeleton, keys, investee)
                     if key not in investors]
            if found:
                investors += found
                stating.append(sentence)
        return investors, stating

    def _one_per_partner(self, deal: Deal, anchors: list[Sentence]) -> list[Deal]:
        """The issuer's agreements with each of several partners, when the news speaks of
        them in the plural ("partnerships with A, B and C"): one deal each, not one of all."""
        others = [p for p in deal.parties if p.organization != self.issuer]
        if (deal.kind not in ("collaboration", "distribution", "supply", "other")
                or len(others) < 2 or len(others) == len(deal.parties)
                or any(p.role != "partner" for p in deal.parties)
                or not _PLURAL_AGREEMENTS.search(" ".join(s.text for s in anchors))):
            return [deal]
        issuer = next(p for p in deal.parties if p.organization == self.issuer)
        return [replace(deal, parties=[issuer, other], assets=list(deal.assets),
                        indications=list(deal.indications), territory=list(deal.territory),
                        evidence=list(deal.evidence)) for other in others]

    def _assets(self, anchors: list[Sentence], related: list[Sentence], terms: list,
                facts: ReleaseFacts, targets: set[str]) -> list[str]:
        """What a deal is about: the release's products named in its sentences, the drugs and
        codes of its first ones, and the named or described technologies of its sentences
        (what a party is said to do only for a company bought)."""
        sentences = [s for s in anchors + related if s.role != "title"] or anchors
        text = " ".join(s.text for s in sentences)
        found = [product_name(t) for t in terms if t.kind in ("product-code", "drug")]
        found += [p.name for p in facts.products
                  if re.search(rf"(?<!\w){re.escape(p.name)}(?!\w)", text)]
        found += [name for s in anchors for name in branded_names(s.text)]
        # A company bought is what it makes: the products said of it anywhere in the text.
        found += [p.name for p in facts.products if targets and any(
            key in targets for e in p.evidence for _, _, key in self.names.mentions(e.sentence))]
        return self.named_assets(found + self.described_assets(
            [s.text for s in sentences], targets))

    def described_assets(self, texts: list[str], targets: set[str]) -> list[str]:
        """The technologies and products a deal's sentences describe; what a party is said to
        do counts only for a party bought (`targets`), the one whose description it follows."""
        found: list[str] = []
        for text in texts:
            described = description_spans(text)
            # Names are looked up only where a party is described: a text that repeats one
            # deal sentence a thousand times must not search each of them for every deal.
            mentions = self.names.mentions(text) if described and targets else []
            skipped = [(start, end) for start, end in described
                       if not any(key in targets for m_start, _, key in mentions
                                  if 0 <= start - m_start <= 150)]
            found += asset_phrases(text, skipped)
        return found

    def named_assets(self, names: Iterable[str]) -> list[str]:
        """Each asset name once, leaving out those that name an organization."""
        organizations = set(self.names.names)
        return without_generic_variants(_unique(
            name for name in names if normalize_key(name) not in organizations
            and self.names.resolve(name) is None))

    def _cue_text(self, sentence: Sentence) -> str:
        """The words a deal's kind and news are read from: those around its names ("Technology
        Licensing Office" licenses nothing), less a collaboration told as an aside."""
        return ASIDE.sub("", self._tokens(sentence)[0])

    def _tokens(self, sentence: Sentence) -> tuple[str, list[str]]:
        """The sentence with parentheticals dropped and organization mentions as ⟦n⟧.

        Only called once the names and the issuer are final, so each sentence is done once.
        """
        cached = self.skeletons.get(id(sentence))
        if cached is None:
            cached = self.skeletons[id(sentence)] = self._skeleton(sentence)
        return cached

    def _skeleton(self, sentence: Sentence) -> tuple[str, list[str]]:
        text = _PARENTHETICAL.sub("", without_dateline(sentence))
        keys: list[str] = []
        pieces = []
        position = 0
        mentions = self.names.mentions(text)
        if self.issuer:
            for match in self.issuer_words.finditer(text):
                if not any(s <= match.start() < e for s, e, _ in mentions):
                    mentions.append((match.start(), match.end(), self.issuer))
            mentions.sort()
        for start, end, key in mentions:
            if start < position:
                continue
            pieces.append(text[position:start])
            pieces.append(f"⟦{len(keys)}⟧")
            keys.append(key)
            position = end
            if text.startswith(("’s", "'s"), position):
                position += 2
                pieces.append("’s")
        pieces.append(text[position:])
        return "".join(pieces), keys

    def _roles_in(self, sentence: Sentence, kind: str) -> list[tuple[str, str]]:
        skeleton, keys = self._tokens(sentence)
        if not keys:
            return []
        cue = cue_match(skeleton, kind)
        cue_at = cue.start() if cue else len(skeleton)
        subject = _subject(skeleton, cue_at, keys)
        after = [(int(m.group(1)), skeleton[max(0, m.start() - 12):m.start()])
                 for m in _ORG_TOKEN.finditer(skeleton, cue_at)]
        after = [(i, before) for i, before in after if keys[i] != subject][:3]
        roles: list[tuple[str, str]] = []
        if kind == "acquisition":
            if cue is not None and cue.re is SALE_VERB:
                return _sale_roles(skeleton, cue.end(), keys, subject)
            passive = re.search(rf"\bacquired by\s+{_TOKEN}", skeleton)
            if passive:
                roles.append(("acquirer", keys[int(passive.group(1))]))
                if subject:
                    roles.append(("target", subject))
                return roles
            if subject:
                roles.append(("acquirer", subject))
            for index, before in after[:2]:
                if re.search(r"\bfrom\s*$", before):
                    roles.append(("seller", keys[index]))
                elif not re.search(r"\b(?:by|with|to|for)\s*$", before) and not any(
                        r == "target" for r, _ in roles):
                    roles.append(("target", keys[index]))
            return roles
        if kind == "investment":
            if cue is None:
                return []  # a sentence of the news that says nothing of the investment
            investee = subject or self.issuer
            investors = round_investors(skeleton, keys, investee)
            if investee and investors:  # a financing round: the subject raises the money
                return [("investee", investee)] + [("investor", key) for key in investors]
            backer = INVESTMENT_BY.search(skeleton)
            if backer:  # "a strategic investment by ⟦1⟧": the subject is invested in
                backer_key = keys[int(backer.group(1))]
                return [("investor", backer_key)] + (
                    [("investee", investee)] if investee and investee != backer_key else [])
            if ROUND_WORDING.search(skeleton) and not INVESTS.search(skeleton):
                # A round raised, with no one said to invest ("⟦0⟧ announced its seed round
                # of $2.5m"): its subject is the one invested in; the investors come from
                # the sentences that name them.
                return [("investee", subject)] if subject else []
            if subject:
                roles.append(("investor", subject))
            if after:
                roles.append(("investee", keys[after[0][0]]))
            return roles
        # Co-announcers ("A and B today announced") are all parties.
        for match in _ORG_TOKEN.finditer(skeleton, 0, cue_at):
            key = keys[int(match.group(1))]
            if key == subject or re.search(r"\band\s*$", skeleton[:match.start()]):
                roles.append(("partner", key))
        if subject and not any(k == subject for _, k in roles):
            roles.append(("partner", subject))
        for index, before in after:
            if re.search(r"\b(?:with|between|and|from|to|grant\w*|by)\s*(?:[Tt]he\s*)?$", before):
                roles.append(("partner", keys[index]))
        for match in _ORG_TOKEN.finditer(skeleton, 0, cue_at):
            if re.search(r"\b(?:with|between)\s+(?:[Tt]he\s+)?$", skeleton[:match.start()]):
                roles.append(("partner", keys[int(match.group(1))]))
        return roles

    def _related_sentences(self, anchors: list[Sentence], parties: set[str]) -> list[Sentence]:
        """Body sentences after the lead that speak of the same agreement's terms."""
        anchor_ids = {id(s) for s in anchors}
        terms_mentions, issuer_licenses = self._terms_sentences()
        issuer_party = self.issuer in parties
        last_anchor = max(s.rank for s in anchors)
        related: list[Sentence] = []
        for sentence in self.sentences:
            if id(sentence) in anchor_ids or sentence.role not in BODY_ROLES:
                continue
            mentioned = terms_mentions.get(id(sentence))
            if (mentioned is not None and not mentioned.isdisjoint(parties)) or (
                    issuer_party and id(sentence) in issuer_licenses) or (
                    0 < sentence.rank - last_anchor <= _FOLLOWING_SENTENCES
                    and _THE_DEAL.search(sentence.text)):
                related.append(sentence)
                if len(related) == RELATED_SENTENCES:
                    break
        return related

    def _terms_sentences(self) -> tuple[dict[int, frozenset[str]], set[int]]:
        """Body sentences on agreement terms, with the organizations each one mentions; and
        those where the issuer ("the Company", "we") speaks of a license.

        Worked out once per release (the names are final when deals are read): every deal
        sentence looks for its related sentences, and scanning the text afresh for each made a
        release of many deal sentences quadratic.
        """
        if self.terms_cache is None:
            terms_mentions = {
                id(s): frozenset(key for _, _, key in self.names.mentions(s.text))
                for s in self.sentences if s.role in BODY_ROLES and _TERMS_WORDS.search(s.text)}
            issuer_licenses = {
                id(s) for s in self.sentences if s.role in BODY_ROLES
                and ISSUER_WORDS.search(s.text) and _LICENSE_WORDS.search(s.text)}
            self.terms_cache = (terms_mentions, issuer_licenses)
        return self.terms_cache

    def _license_direction(self, roles: dict[str, list[str]], partners: list[str],
                           sentences: Iterable[Sentence]) -> dict[str, list[str]]:
        parties = list(dict.fromkeys(partners + [k for ks in roles.values() for k in ks]))
        votes: Counter[tuple[str, str]] = Counter()
        for sentence in sentences:
            if sentence.role == "title":
                continue
            skeleton, keys = self._tokens(sentence)
            for pattern in _LICENSOR_LICENSEE:
                for match in pattern.finditer(skeleton):
                    a, b = keys[int(match.group(1))], keys[int(match.group(2))]
                    if a != b:
                        votes[("licensor", a)] += 1
                        votes[("licensee", b)] += 1
            for pattern in _LICENSEE_LICENSOR:
                for match in pattern.finditer(skeleton):
                    a, b = keys[int(match.group(1))], keys[int(match.group(2))]
                    if a != b:
                        votes[("licensee", a)] += 1
                        votes[("licensor", b)] += 1
            for pattern in _LICENSEE:
                for match in pattern.finditer(skeleton):
                    votes[("licensee", keys[int(match.group(1))])] += 1
            for pattern in _LICENSOR:
                for match in pattern.finditer(skeleton):
                    votes[("licensor", keys[int(match.group(1))])] += 1
        licensors = {k for (r, k), n in votes.items() if r == "licensor" and k in parties
                     and n > votes[("licensee", k)]}
        licensees = {k for (r, k), n in votes.items() if r == "licensee" and k in parties
                     and n > votes[("licensor", k)]}
        if not licensors:
            # A university, foundation or institute in a license owns the rights it licenses.
            institutions = [k for k in parties if k not in licensees
                            and is_institution(self.names.names.get(k, ""))]
            if len(institutions) == 1 and len(parties) >= 2:
                licensors = set(institutions)
        if len(parties) == 2:
            if licensors and not licensees:
                licensees = set(parties) - licensors
            elif licensees and not licensors:
                licensors = set(parties) - licensees
        if not licensors or not licensees or licensors & licensees:
            return {"partner": parties}
        return {"licensor": sorted(licensors, key=parties.index),
                "licensee": sorted(licensees, key=parties.index),
                "partner": [k for k in parties if k not in licensors | licensees]}

    def _investor_statement(self, sentence: Sentence) -> Deal | None:
        if HOLDER_WORDS.search(sentence.text) is None:
            return None  # neither wording below can match: no need to mask the names
        skeleton, keys = self._tokens(sentence)
        match = re.search(rf"{_TOKEN}\s+(?:is|has been|remains|became|continues to be)[^⟦.]"
                          rf"{{0,30}}?\b(?:one of\s+)?(?:{_TOKEN}’s\s+)?(?:\w+\s+){{0,2}}"
                          rf"(?:shareholders?|stockholders?|investors?|owners?)\b"
                          rf"(?:\s+in\s+{_TOKEN})?", skeleton)
        if not match:
            return self._backers_statement(skeleton, keys, sentence)
        investee_index = match.group(2) or match.group(3)
        if investee_index is None:
            return None
        investor, investee = keys[int(match.group(1))], keys[int(investee_index)]
        if investor == investee:
            return None
        return Deal(kind="investment", parties=[DealParty("investor", investor),
                                                DealParty("investee", investee)],
                    status="completed", new=False, directed=True,
                    evidence=[self.evidence(sentence)])


    def _backers_statement(self, skeleton: str, keys: list[str],
                           sentence: Sentence) -> Deal | None:
        """"⟦0⟧ has been backed by ⟦1⟧ and ⟦2⟧": the backers are its investors."""
        match = BACKED_BY.search(skeleton)
        if not match:
            return None
        investee = keys[int(match.group(1))]
        investors = [keys[int(i)] for i in _ORG_TOKEN.findall(match.group(2))]
        investors = [key for key in dict.fromkeys(investors) if key != investee]
        if not investors:
            return None
        return Deal(kind="investment", parties=[DealParty("investee", investee)] + [
            DealParty("investor", key) for key in investors], status="completed", new=False,
            directed=True, evidence=[self.evidence(sentence)])


def _sale_roles(skeleton: str, cue_end: int, keys: list[str],
                subject: str | None) -> list[tuple[str, str]]:
    """A sale's roles: the subject sells; the organization after "to" buys; those named between
    the wording and the buyer ("the divestiture of X and its subsidiaries, including Y, to Z")
    are what is sold."""
    roles = [("seller", subject)] if subject else []
    for match in _ORG_TOKEN.finditer(skeleton, cue_end):
        key = keys[int(match.group(1))]
        if key == subject or any(key == known for _, known in roles):
            continue
        if re.search(r"\bto\s+(?:the\s+)?$", skeleton[max(0, match.start() - 12):match.start()]):
            roles.append(("acquirer", key))
            break
        roles.append(("target", key))
    return roles


def _subject(skeleton: str, cue_at: int, keys: list[str]) -> str | None:
    """The organization that acts: the nearest one before the deal wording, unless a pronoun
    ("it has closed its acquisition") points back to the sentence's first organization."""
    adjacent = re.search(r"⟦(\d+)⟧\s+(?:(?:will|has|have|shall|would|to|agreed to|has agreed "
                         r"to|will be|today|is|also)\s+){0,3}$", skeleton[:cue_at])
    if adjacent:
        return keys[int(adjacent.group(1))]
    before = [m for m in _ORG_TOKEN.finditer(skeleton, 0, cue_at)]
    # With a news verb ("entered into", "announced") before the deal word, its subject acts.
    verbs = [m for m in NEWS.finditer(skeleton, 0, cue_at)
             if not m.group(0).lower().startswith(("today", "announc"))]
    if verbs and not _ORG_TOKEN.search(skeleton, verbs[-1].end(), cue_at):
        cue_at = verbs[-1].start()
        before = [m for m in before if m.start() < cue_at]
    candidates = [m for m in before
                  if not re.search(r"\b(?:of|by|from|with|to|through|and|between)\s+([Tt]he\s+)?$",
                                   skeleton[:m.start()])
                  and not skeleton.startswith("’s", m.end())]
    if not candidates:
        return keys[int(before[-1].group(1))] if before else None
    nearest = candidates[-1]
    if _PRONOUN_SUBJECT.search(skeleton, nearest.end(), cue_at) and candidates[0] is not nearest:
        between = skeleton[candidates[0].end():nearest.start()]
        if not re.search(r"\band\s*$", between):
            return keys[int(candidates[0].group(1))]
    return keys[int(nearest.group(1))]


def _party_list(roles: dict[str, list[str]], partners: list[str]) -> list[DealParty]:
    parties: list[DealParty] = []
    seen: set[str] = set()
    for role, keys in roles.items():
        if role == "partner":
            continue
        for key in keys:
            if key not in seen:
                parties.append(DealParty(role, key))
                seen.add(key)
    for key in roles.get("partner", []) + partners:
        if key not in seen:
            parties.append(DealParty("partner", key))
            seen.add(key)
    return parties


def _same_deal(deal: Deal, other: Deal) -> bool:
    family = {"license": 0, "option": 0, "acquisition": 1, "merger": 1, "investment": 2}
    return (family.get(deal.kind, 3) == family.get(other.kind, 3)
            and {p.organization for p in deal.parties} <= {p.organization
                                                           for p in other.parties})


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        if item and item.casefold() not in seen:
            seen[item.casefold()] = item
    return list(seen.values())
