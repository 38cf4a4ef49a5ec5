"""How 8-K Items and agreements name their agreements, and what their wording says of roles."""

from __future__ import annotations

import re
from dataclasses import replace

from .facts import Deal, DealParty, ReleaseFacts
from .organizations import normalize_key

TITLE_WORD = r"(?:[A-Z][\w’'\-&/]*\.?|and|of|to|for|the|No\.|\d+|[IVX]+)"
# An agreement named by its title ("Agreement and Plan of Merger", "Fourth Amended and
# Restated Credit Agreement") or in plain words ("a definitive merger agreement").
AGREEMENT = re.compile(
    rf"(?:\b(?:[Aa]n?|[Tt]he|that certain|[Ii]ts|[Tt]heir|[Oo]ur|[Tt]his|[Ss]uch|into|under|"
    rf"certain)|[’']s)\s+"
    rf"(?:definitive\s+|binding\s+|new\s+|written\s+|existing\s+|prior\s+)?"
    rf"(?P<title>(?:{TITLE_WORD}[ \-]+){{0,10}}?(?:Agreement|AGREEMENT|Plan of Merger|"
    rf"Plan of Reorganization|Contract|Indenture|Joinder|Commitment Letter|Letter Agreement)"
    rf"(?:\s+and\s+Plan\s+of\s+(?:Merger|Reorganization|Arrangement))?)"
    r"|(?P<plain>\b(?:(?:definitive|merger|purchase|license|licensing|collaboration|supply|"
    r"asset|stock|credit|loan|settlement|distribution|acquisition|separate)\s+){1,3}"
    r"(?:and \w+ )?[Aa]greements?\b|\ban agreement\b(?=\s+(?:to|with|by|under)\b))")
# Agreements between the registrant and people, or for an offering: not deals (GOLD_FORMAT).
NOT_A_DEAL = re.compile(
    r"\b(?:employment|severance|indemnification|indemnity|retention|consulting|compensation|"
    r"change[- ]in[- ]control|change of control|underwriting|confidentiality|non-?competition|"
    r"offer letter|bonus|award|option award|restricted stock|stock option|incentive|"
    r"transition and separation|separation and release|registration rights|voting|lock-?up|"
    r"support|equity distribution|sales agency|at[- ]the[- ]market|dealer|placement agency)\b",
    re.I)
# An offering's purchase agreement, with its initial purchasers or underwriters, is no deal
# between organizations (GOLD_FORMAT: "nor are underwriting agreements for an offering").
OFFERING = re.compile(r"\b(?:initial purchasers|underwriters)\b", re.I)
# Agreements whose other signers, beside the buyer and what it buys, are the sellers.
SALE_TITLE = re.compile(r"\b(?:stock|share|asset|equity|membership interests?|unit|interest)s?"
                        r" purchase\b|\bpurchase and sale\b|\bsale agreement\b", re.I)
_KIND_BY_TITLE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I)) for kind, pattern in (
        ("license", r"\blicen[cs]\w*|\bintellectual property (?:matters )?agreement\b"),
        ("acquisition", r"\bmerger\b|\bplan of (?:merger|reorganization|arrangement)\b|"
                        r"\b(?:stock|share|asset|equity|membership interests?|unit|interest)s? "
                        r"purchase\b|\bpurchase and sale\b|\bacquisition agreement\b|"
                        r"\bsale agreement\b|\bcontribution agreement\b|\barrangement "
                        r"agreement\b|\bexchange agreement\b"),
        ("investment", r"\b(?:securities|investment|subscription|preferred stock) "
                       r"(?:purchase )?agreement\b"),
        ("collaboration", r"\bcollaborat\w*|\bjoint venture\b|\balliance\b|"
                          r"\bco-?development\b|\bresearch and development agreement\b"),
        ("supply", r"\bsupply\b|\bmanufacturing\b"),
        ("distribution", r"(?<!separation and )\bdistribution agreement\b|\bdistributor\b"),
    ))
# Acquisition wording without an agreement's title.
ACQUIRED = re.compile(r"\bcombine (?:its|their|our) business(?:es)? with\b|"
                       r"\b(?:complet(?:ed|es)|consummat(?:ed|es)|closed)\s+(?:(?:its|the|our|"
                       r"a)\s+)?(?:previously announced\s+)?(?:acquisition|purchase|merger)\b|"
                       r"\bacquired\b|\bpurchased all\b|\bagreed to (?:acquire|purchase)\b",
                       re.I)
SOLD = re.compile(r"\b(?:s[oe]ld|sells|completed the (?:previously announced )?(?:sale|disposition|"
                  r"divestiture))\b", re.I)
# Defined terms that name a side of an acquisition or a license in the agreement's own words;
# and those of people or agents who sign for others, not parties.
_ROLE_TERMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("acquirer", re.compile(r"^(?:Parent|Buyer|Purchaser|Acquiror|Acquirer|Acquisition Corp|"
                            r"Merger Sub(?:sidiary)?(?: \w+)?|Sub(?: [IVX\d]+)?|Merger Co|"
                            r"MergerCo|Holdings|Investor)$")),
    ("seller", re.compile(r"^(?:Sellers?|Vendors?|Transferors?)$")),
    ("target", re.compile(r"^(?:Target|Company|the Company|Acquired Company)$")),
    ("agent", re.compile(r"^(?:(?:Stockholders?|Shareholders?|Securityholders?|Sellers?|"
                         r"Equityholders?|Holders?)[’']?\s+)?(?:Representative|Agent)s?$|"
                         r"^Escrow Agent$|^Paying Agent$|^Guarantor$", re.I)),
    ("licensor", re.compile(r"^Licensor$")),
    ("licensee", re.compile(r"^Licensee$")),
)
GENERIC_TITLE = re.compile(r"(?:an?\s+|the\s+)?(?:definitive\s+)?(?:\w+\s+)?agreements?",
                            re.I)
# Names of the merger subsidiaries a buyer forms for an acquisition; and of the entity an
# agreement merely defines, not a party.
VEHICLE = re.compile(r"\b(?:Merger|Acquisition|Acquisitions|AcquireCo|MergerCo|MergeCo)\b"
                      r"(?:,?\s+(?:Sub|Subsidiary|Corp\w*|LLC|Inc\w*|Co|Company|Limited|"
                      r"L\.?P|Holdings?))|\bMerger Sub\b|\bAcquireCo\b")
VEHICLE_ONLY = re.compile(r"^(?:the\s+)?(?:Interim\s+)?Surviving\s+(?:Corporation|Company|"
                           r"Entity|Subsidiary)$", re.I)
_TOKEN = re.compile(r"⟦(\d+)⟧")
_TARGET_AFTER = re.compile(
    r"\b(?:acqui(?:re|red|res|ring|sition of)|purchas(?:e|ed|es|ing)(?: of)?|merger with|"
    r"business(?:es)? with|combin\w+ with|combination with)\s+"
    r"(?:[^⟦.;]{0,80}?\b(?:of|in)\s+)?(?:the\s+)?(?=⟦)")
# "all of the outstanding shares of X": X is what is bought, wherever the verb stands.
_SHARES_OF = re.compile(r"\b(?:all|substantially all|a majority|\d+(?:\.\d+)?%)\b[^⟦.;]{0,60}?"
                        r"\b(?:shares|stock|capital stock|equity interests?|interests|assets|"
                        r"business)\s+of\s+(?:the\s+)?(?=⟦)")
# "the sale of X's division": X sells.
_SALE_OF = re.compile(r"\b(?:sale|divestiture|disposition) of\s+(?:the\s+)?⟦(\d+)⟧’s")
_FAMILY = {"license": 0, "option": 0, "acquisition": 1, "merger": 1, "investment": 2}


def role_of_term(alias: str) -> str | None:
    for role, pattern in _ROLE_TERMS:
        if pattern.match(alias.strip()):
            return role
    return None


def kind_by_title(title: str) -> str | None:
    for kind, pattern in _KIND_BY_TITLE:
        if pattern.search(title):
            return kind
    return None


def same_agreement(deal: Deal, title: str, other: Deal, other_title: str) -> bool:
    """Whether two readings are one agreement: of one family, their parties one within the
    other, and not two differently named agreements."""
    if _FAMILY.get(deal.kind, 3) != _FAMILY.get(other.kind, 3) or (
            (deal.status == "terminated") != (other.status == "terminated")):
        return False
    ours = {p.organization for p in deal.parties}
    theirs = {p.organization for p in other.parties}
    if not (ours <= theirs or theirs <= ours):
        return False
    generic = {"", "agreement", "agreements", "definitive agreement", "merger agreement"}
    return title in generic or other_title in generic or title == other_title or (
        title in other_title or other_title in title)


def acquisition_wording(skeleton: str, keys: list[str]) -> list[tuple[str, str]]:
    """Roles an acquisition sentence states in words, its organizations as ⟦n⟧ tokens."""
    roles: list[tuple[str, str]] = []
    # "the sale to ⟦1⟧ ... of its division": the buyer follows the word for the sale
    sold = re.search(r"\b(?:s[oe]ld|sells|sale of|sale(?=\s+to\b)|disposition of|divest\w*)\b",
                     skeleton)
    buyer = re.search(r"\bto\s+(?:the\s+)?⟦(\d+)⟧", skeleton[sold.end():]) if sold else None
    if sold and buyer:
        roles.append(("acquirer", keys[int(buyer.group(1))]))
        for match in _TOKEN.finditer(skeleton, sold.end(), sold.end() + buyer.start()):
            roles.append(("target", keys[int(match.group(1))]))
        seller = _subject_before(skeleton, sold.start())
        if seller is not None:
            roles.append(("seller", keys[seller]))
        return roles
    passive = re.search(r"\b(?:acquired|purchased) by\s+(?:the\s+)?⟦(\d+)⟧", skeleton)
    if passive:
        roles.append(("acquirer", keys[int(passive.group(1))]))
    sale = _SALE_OF.search(skeleton)
    if sale:
        roles.append(("seller", keys[int(sale.group(1))]))
        for match in re.finditer(r"\b(?:with|to)\s+(?:the\s+)?⟦(\d+)⟧", skeleton):
            if keys[int(match.group(1))] != keys[int(sale.group(1))]:
                roles.append(("acquirer", keys[int(match.group(1))]))
        return roles
    for match in _SHARES_OF.finditer(skeleton):
        for index in _token_list(skeleton, match.end()):
            roles.append(("target", keys[index]))
    for match in _TARGET_AFTER.finditer(skeleton):
        for index in _token_list(skeleton, match.end()):
            roles.append(("target", keys[index]))
        if not passive:
            subject = _subject_before(skeleton, match.start())
            if subject is not None:
                roles.append(("acquirer", keys[subject]))
    for match in re.finditer(r"\bfrom\s+(?:the\s+)?⟦(\d+)⟧", skeleton):
        roles.append(("seller", keys[int(match.group(1))]))
    merged = re.search(r"\bmerge[sd]?\s+with\s+and\s+into\s+(?:the\s+)?⟦(\d+)⟧", skeleton)
    if merged:
        roles.insert(0, ("target", keys[int(merged.group(1))]))
    # The first statement of a party's role wins: the target named after "merge into".
    seen: set[str] = set()
    firsts = []
    for role, key in roles:
        if key not in seen:
            seen.add(key)
            firsts.append((role, key))
    return firsts


def _subject_before(skeleton: str, at: int) -> int | None:
    """The organization acting at `at`: the nearest one before it not governed by a
    preposition ("the Company entered into ... to acquire")."""
    candidates = [m for m in _TOKEN.finditer(skeleton, 0, at)
                  if not re.search(r"\b(?:of|by|from|with|to|and|between|among|into)\s+"
                                   r"(?:the\s+)?$", skeleton[:m.start()])
                  and not skeleton.startswith("’s", m.end())]
    return int(candidates[-1].group(1)) if candidates else None


def _token_list(skeleton: str, at: int) -> list[int]:
    """The ⟦n⟧ tokens listed from `at`: "⟦1⟧, ⟦2⟧ and ⟦3⟧"."""
    found = []
    position = at
    while True:
        match = re.compile(r"(?:,\s*|\s+and\s+|\s*)(?:the\s+)?⟦(\d+)⟧").match(skeleton, position)
        if match is None:
            return found
        found.append(int(match.group(1)))
        position = match.end()


def split_targets(roles: dict[str, str]) -> list[dict[str, str]]:
    """An acquisition of several companies with no seller named is one deal per target."""
    targets = [k for k, r in roles.items() if r == "target"]
    if len(targets) < 2 or "seller" in roles.values():
        return [roles]
    shared = {k: r for k, r in roles.items() if r != "target"}
    return [{**shared, target: "target"} for target in targets]


def merge_into(deal: Deal, other: Deal) -> None:
    known = {p.organization: p for p in deal.parties}
    for party in other.parties:
        if party.organization not in known:
            deal.parties.append(party)
        elif known[party.organization].role == "partner" and party.role != "partner":
            known[party.organization].role = party.role
    deal.directed = deal.directed or other.directed
    deal.evidence.extend(other.evidence)


def same_deal_across(deal: Deal, facts: ReleaseFacts, other: Deal,
                     other_facts: ReleaseFacts) -> bool:
    """Whether deals read from two documents of one filing (an 8-K's Item and its press
    release) are one: one family, and the parties of one all named among the other's."""
    if _FAMILY.get(deal.kind, 3) != _FAMILY.get(other.kind, 3):
        return False
    ours = [_party_key(facts, p.organization) for p in deal.parties]
    theirs = [_party_key(other_facts, p.organization) for p in other.parties]
    smaller, larger = sorted((ours, theirs), key=len)
    return all(any(a == b or a.startswith(b + " ") or b.startswith(a + " ") for b in larger)
               for a in smaller)


def one_deal_per_filing(items: list[ReleaseFacts],
                        others: list[tuple[str, ReleaseFacts]]) -> None:
    """A deal that several documents of one filing state (an 8-K's Item, its press release,
    the agreement filed with it) is one deal: the first reading's, with the others' sentences
    as more evidence. `others` pairs each document's facts with its IRI, in the order they
    are to be matched: press releases, then agreements."""
    targets = list(items)
    for exhibit, other in others:
        kept = []
        for deal in other.deals:
            same = next(((d, facts) for facts in targets for d in facts.deals
                         if same_deal_across(d, facts, deal, other)), None)
            if same is None:
                kept.append(deal)
            else:
                merge_release_deal(same[0], deal)
                _add_parties(same[0], same[1], deal, other)
                same[0].evidence.extend(replace(e, document=exhibit) for e in deal.evidence)
        other.deals = kept
        targets.append(other)


def _add_parties(deal: Deal, facts: ReleaseFacts, other: Deal, other_facts: ReleaseFacts
                 ) -> None:
    """The parties the other reading names and this one lacks (a merger subsidiary that only
    the agreement's preamble names), with their roles where this reading has none."""
    known = {_party_key(facts, p.organization): p for p in deal.parties}
    for party in other.parties:
        key = _party_key(other_facts, party.organization)
        match = next((p for k, p in known.items()
                      if k == key or k.startswith(key + " ") or key.startswith(k + " ")), None)
        if match is not None:
            if match.role == "partner" and party.role != "partner":
                match.role = party.role
            continue
        organization = other_facts.organizations.get(party.organization)
        if organization is None:
            continue
        facts.organizations.setdefault(organization.key, replace(organization, is_issuer=False))
        deal.parties.append(DealParty(party.role, organization.key))
        known[key] = deal.parties[-1]
    deal.directed = deal.directed or other.directed


def merge_release_deal(deal: Deal, release_deal: Deal) -> None:
    """What a press release tells of an Item's deal and the Item does not: its assets,
    indications, territory and exclusivity (the Item's parties and status stand)."""
    deal.assets = list(dict.fromkeys(deal.assets + release_deal.assets))
    deal.indications = list(dict.fromkeys(deal.indications + release_deal.indications))
    deal.territory = list(dict.fromkeys(deal.territory + release_deal.territory))
    if deal.exclusive is None:
        deal.exclusive = release_deal.exclusive


def _party_key(facts: ReleaseFacts, key: str) -> str:
    return normalize_key(facts.name_of(key) or key)
