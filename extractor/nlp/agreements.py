"""Read an agreement's preamble (its title, date, parties and their roles) into one deal."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..edgar.records import Entity
from ..text.conversion import plain_text
from ..text.genres import HEAD_CHARS
from ..text.plain import PlainText
from .agreement_terms import NOT_A_DEAL, role_of_term
from .facts import Deal, DealParty, Evidence, Organization, ReleaseFacts
from .organizations import HEAD_WORDS, LEGAL_SUFFIX, normalize_key

# Plain-text characters of a body read for its preamble. A preamble follows the title and, in
# long agreements, a table of contents: the longest real ones (merger agreements with a
# hundred sections) end 10-15,000 characters in. Clauses after it are never read.
PREAMBLE_CHARS = 20_000
# Source characters turned into plain text: the same head the genre was told from, so an
# agreement of 10 MB costs what its first 200 KB do. Styled HTML takes up to 15 source
# characters for each plain one: a head that holds less than PREAMBLE_CHARS of text is read
# further, four times as far each time, up to MAX_SOURCE_CHARS.
SOURCE_CHARS = HEAD_CHARS
MAX_SOURCE_CHARS = 2_000_000
# The preamble paragraph itself: the longest lists of parties run to a few thousand characters.
_PREAMBLE_SPAN = 4000
# How far into a block its opening words ("This Agreement ...") may stand.
_OPENING_REACH = 600

# Words that end an agreement's title, and the title itself: capitalized words and the small
# words inside titles ("AGREEMENT AND PLAN OF MERGER", "Amendment No. 2 to Credit Agreement").
_HEAD = (r"(?:AGREEMENT|Agreement|PLAN\s+OF\s+\w+(?:\s+AND\s+\w+)?|Plan\s+of\s+\w+(?:\s+and\s+"
         r"\w+)?|INDENTURE|Indenture|CONTRACT|Contract|AMENDMENT|Amendment|LEASE|Lease|"
         r"GUARANTY|Guaranty|MEMORANDUM\s+OF\s+UNDERSTANDING|Memorandum\s+of\s+Understanding)")
_NOT_TITLE = ("Dated", "DATED", "Made", "MADE", "By", "BY", "Between", "BETWEEN", "Among",
              "AMONG", "Is", "IS", "Entered", "ENTERED", "This", "THIS", "Effective", "EFFECTIVE")
_TITLE_WORD = (rf"(?:(?!(?:{'|'.join(_NOT_TITLE)})\b)[A-Z][A-Za-z0-9'’&/\-]*(?:\.(?=\s*\d))?"
               r"|and|of|to|for|the|on|in|No\.|\d+(?:st|nd|rd|th)?)")
_TITLE_RUN = rf"{_TITLE_WORD}(?:(?:,?[ \t]+){_TITLE_WORD}){{0,24}}"
_TITLE_END = re.compile(rf"^.*\b{_HEAD}(?:\s+No\.\s*\d+)?", re.DOTALL)
# "This Asset Purchase Agreement ...", preceded in its block by nothing but a heading.
_OPEN_THIS = re.compile(rf"(?<!\S)(?:THIS|This)\s+(?P<title>{_TITLE_RUN})")
# "EMPLOYMENT AGREEMENT (this "Agreement") made as of ...", "INDENTURE, dated as of ..."
_OPEN_TITLE = re.compile(
    rf"(?P<title>{_TITLE_RUN})(?=\s*(?:\([^()\n]{{0,80}}\)\s*)?,?\s*(?:(?:is|was)\s+)?"
    r"(?:made|entered|dated|executed|effective)\b|,?\s+(?:by\s+and\s+)?(?:between|among)\b)")
_VERB_OR_PARTIES = re.compile(r"\b(?:made|entered|dated|executed|effective|between|among)\b",
                              re.IGNORECASE)
_LOWER_WORD = re.compile(r"(?<![\w’'])(?!(?:and|of|the|for|to)\b)[a-z]{3,}")

# Where the recitals or the clauses begin: a preamble never runs past one of these. Headings
# are often letter-spaced in text filings ("W I T N E S S E T H", "R E C I T A L S").
_WITNESSETH = r"\s?".join("WITNESSETH")
_RECITALS = r"\s?".join("RECITALS")
_END_LINE = re.compile(
    rf"(?:WHEREAS|Whereas|{_WITNESSETH}|Witnesseth|{_RECITALS}\b|RECITAL\b|Recitals?\b|"
    r"BACKGROUND|Background\b|PRELIMINARY\s+STATEMENTS?|Preliminary\s+Statements?|"
    r"STATEMENT\s+OF\s+PURPOSE|NOW,?\s+THEREFORE|Now,?\s+[Tt]herefore|IN\s+WITNESS\s+WHEREOF|"
    r"(?:ARTICLE|Article)\s+(?:I|1|ONE|One)\b|(?:SECTION|Section)\s+1\b|1\.(?:\s|\d|$)|"
    r"In\s+consideration\b|IN\s+CONSIDERATION\b|The\s+parties\s+(?:hereto\s+)?(?:hereby\s+)?"
    r"agree|(?:CLAUSES|AGREEMENTS?|TERMS)\s*$)")
_END_INLINE = re.compile(
    rf"\b{_WITNESSETH}\b|\bWitnesseth\b|\bWHEREAS\b|(?<=[.;:]\s)Whereas\b|\b{_RECITALS}\b"
    r"|\bNOW,?\s+THEREFORE\b|(?<=[.;:]\s)Now,?\s+[Tt]herefore\b|\bBACKGROUND\b"
    r"|\bIN\s+WITNESS\s+WHEREOF\b|\bARTICLE\s+(?:I|1|ONE)\b|\bPRELIMINARY\s+STATEMENTS?\b")
# Signs that the recitals or the clauses have begun before any preamble was seen: a body past
# them holds no preamble (a table of contents has none of these).
_PAST_PREAMBLE = re.compile(rf"\bWHEREAS\b|\bWhereas,|\bNOW,?\s+THEREFORE\b|\bIN\s+WITNESS\s+"
                            rf"WHEREOF\b|\b{_WITNESSETH}\b")

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(?P<m2>{_MONTH})\.?,?\s+"
    r"(?P<y2>(?:19|20)\d\d))\b", re.IGNORECASE)
# The words that date the agreement itself, as against one it refers to ("made as of",
# "entered into this"); and "dated", which may date either.
_OWN_DATE = re.compile(r"\b(?:made|entered\s+into|executed|effective)(?:\s+and\s+entered\s+into)?"
                       r"(?:\s+(?:as\s+of|on|this|at))?(?:\s+the)?\s*$", re.IGNORECASE)
_DATED = re.compile(r"\b(?:dated|as\s+of|this)(?:\s+as\s+of)?(?:\s+this)?(?:\s+the)?\s*$",
                    re.IGNORECASE)

_PARTIES_START = re.compile(r"\b(?:by\s+and\s+)?(?:between|among|amongst)\b|\bby\s+(?=[A-Z])",
                            re.IGNORECASE)
# A defined term: in parentheses with quotes ("the “Company”"), or "hereinafter called "Ford"".
_QUOTE = "\"“”"
_TERM_PARENS = re.compile(rf"\([^()]*[{_QUOTE}][^()]*\)")
_TERM_WORDS = re.compile(
    rf",?\s*(?:hereinafter|herein)?\s*(?:called|referred\s+to(?:\s+herein)?\s+as|known\s+as|"
    rf"designated\s+as)\s+(?:the\s+|a\s+|an\s+)?[{_QUOTE}][^{_QUOTE}]{{1,60}}[{_QUOTE}]")
_QUOTED = re.compile(rf"[{_QUOTE}]\s*([^{_QUOTE}]{{1,60}}?)\s*[{_QUOTE}]")
_TOGETHER = re.compile(r"\b(?:collectively|together|jointly|each|all|both|severally|"
                       r"individually|referred\s+to)\b", re.IGNORECASE)
# Terms that name the agreement, its date or its subject, not a party.
_SELF_TERM = re.compile(r"\b(?:Agreement|Amendment|Indenture|Plan|Contract|Date|Transaction|"
                        r"Merger|Notes?|Securities|Shares|Lease|Guaranty|Letter)$", re.IGNORECASE)

_SUFFIX_END = re.compile(rf"(?:,?\s+{LEGAL_SUFFIX}\.?|\bN\.A\.)$", re.IGNORECASE)
_SUFFIX_NEXT = re.compile(rf"\s*{LEGAL_SUFFIX}\.?(?!\w)", re.IGNORECASE)
_NAME_TOKEN = r"(?:[A-Z0-9][\w.&'’/\-]*|(?:of|and|&|de|du|la|for|the|von|der|y|e)(?=\s+[A-Z]))"
# A name's legal suffix, after a comma or not, in any case: "BLUESUIT, INC.", "Ford Credit
# Europe plc", "U.S. Bank Trust Company, National Association".
_SUFFIX_TAIL = rf"(?:,?\s+(?i:{LEGAL_SUFFIX})\.?(?![\w]))?"
_LEADING_NAME = re.compile(
    rf"(?:The\s+)?[A-Z0-9][\w.&'’/\-]*(?:\s+{_NAME_TOKEN}){{0,10}}{_SUFFIX_TAIL}")
_TRAILING_NAME = re.compile(
    rf"(?:^|\s)((?:the\s+)?[A-Z][\w.&'’/\-]*(?:\s+{_NAME_TOKEN}){{0,10}}{_SUFFIX_TAIL})\s*$")
_ORG_WORDS = frozenset(w.casefold() for w in HEAD_WORDS) | frozenset("""
    bank bancorp fund funds partners partnership international management association trust
    capital ventures investors enterprises industries services communications networks
    technology technologies corporation company incorporated limited financial securities
    insurance realty properties energy resources software electronics motors associates
    brokerage council authority agency government commonwealth county city""".split())
# A description after a name that says it is an organization: "a Delaware corporation".
_ORG_DESCRIPTION = re.compile(r"\b(?:corporation|company|partnership|association|bank|trust|"
                              r"organized|existing|incorporated|entity|societe|business|"
                              r"limited)\b", re.IGNORECASE)
_NOT_ORG = re.compile(r"\b(?:Agreement|Plan|Act|Code|Date|Section|Article|Exhibit|Schedule|"
                      r"Notes?|Debentures?|Stock|Shares|Drive|Street|Avenue|Road|Suite)\.?$",
                      re.IGNORECASE)

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in (
        ("investment", r"\b(?:securities|investment|subscription|(?:preferred|common) stock|"
                       r"note|unit|debenture|warrant) purchase\b|\binvestment agreement\b|"
                       r"\bsubscription agreement\b"),
        ("acquisition", r"\bmerger\b|\bplan of (?:merger|reorganization|arrangement|exchange)\b|"
                        r"\b(?:stock|share|asset|equity|membership interests?|partnership "
                        r"interests?|interests?)s? purchase\b|\bpurchase and sale\b|"
                        r"\bacquisition agreement\b|\bsale agreement\b"),
        ("option", r"\boption\b"),
        ("license", r"\blicen[cs]"),
        ("collaboration", r"\bcollaborat|\bjoint venture\b|\bco-?development\b|\balliance\b"),
        ("supply", r"\bsupply\b|\bmanufactur"),
        ("distribution", r"\bdistribut(?:ion|or)\b"),
    ))
# A title whose company is the one bought (a merger, a stock purchase), not a seller of assets.
_TARGET_BOUGHT = re.compile(r"\bmerger\b|\bplan of\b|\b(?:stock|share|equity|membership|"
                            r"interests?)\b", re.IGNORECASE)
_AMENDED = re.compile(r"^(?:\w+\s+)?(?:AMENDMENT|AMENDED)\b", re.IGNORECASE)
_TERMINATED = re.compile(r"\bTERMINATION\s+(?:AND\s+\w+\s+)?AGREEMENT\b", re.IGNORECASE)

# Defined terms that give a side of a deal, by the kind of deal.
_ROLE_TERMS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    kind: tuple((role, re.compile(pattern, re.IGNORECASE)) for role, pattern in pairs)
    for kind, pairs in {
        "license": (("licensor", r"licensors?|optionors?"), ("licensee", r"licensees?|optionees?")),
        "option": (("licensor", r"licensors?|optionors?|grantors?"),
                   ("licensee", r"licensees?|optionees?|grantees?")),
        "acquisition": (
            ("acquirer", r"parent|buyers?|purchasers?|acquirors?|acquirers?|newco|holdco|"
                         r"(?:merger|acquisition)\s+(?:sub(?:sidiary)?|corp(?:oration)?|co)|"
                         r"merger\s*co|sub(?:sidiary)?(?:\s+[IVX\d]+)?|acquisition|acquiror sub"),
            ("seller", r"sellers?|vendors?|transferors?|stockholders?|shareholders?|members?|"
                       r"equityholders?|owners?"),
            ("company", r"company|target|acquired company|corporation")),
        "investment": (
            ("investor", r"investors?|purchasers?|buyers?|subscribers?|holders?"),
            ("investee", r"company|issuer")),
    }.items()
}


@dataclass(slots=True)
class Preamble:
    """An agreement's opening paragraph: its span in the plain text, title and date."""

    start: int
    end: int
    title: str
    date: dt.date | None


@dataclass(slots=True)
class PreambleParty:
    """A party a preamble lists: its name as written, whether it is an organization (not a
    person), and the terms the preamble defines for it."""

    name: str
    start: int  # in the plain text
    organization: bool
    terms: list[str] = field(default_factory=list)


def read_agreement(source: str, *, media: str | None = None, companies: Sequence[Entity] = (),
                   filing_date: dt.date | None = None) -> ReleaseFacts:
    """Read an agreement's preamble into facts: its title, date and parties, and one deal
    between them; the clauses are never read, and only the head of a long body is.

    `companies` are the filing's companies: a party that is one of them gets its CIK and
    is the issuer. Every evidence offset points into `source`.
    """
    size = SOURCE_CHARS
    document = plain_text(source[:size], media)
    while len(document.text) < PREAMBLE_CHARS and size < min(len(source), MAX_SOURCE_CHARS):
        size = min(size * 4, MAX_SOURCE_CHARS)
        document = plain_text(source[:size], media)
    facts = read_agreement_text(document, companies=companies, filing_date=filing_date)
    if size < len(source):
        facts.warnings.append(f"only the first {size} of {len(source)} characters of the "
                              "agreement were read")
    return facts


def read_agreement_text(document: PlainText, *, companies: Sequence[Entity] = (),
                        filing_date: dt.date | None = None) -> ReleaseFacts:
    """`read_agreement` for a body already made plain text."""
    text = document.text[:PREAMBLE_CHARS]
    preamble = find_preamble(text, document)
    if preamble is None:
        facts = ReleaseFacts(title=_heading_title(text[:3000].split("\n")), date=None,
                             issuer=None)
        facts.warnings.append(f"no preamble in the first {PREAMBLE_CHARS} characters")
        return facts
    date = preamble.date
    if date and filing_date and date > filing_date + dt.timedelta(days=366):
        date = None  # an agreement is signed before it is filed: a later date is misread
    facts = ReleaseFacts(title=preamble.title, date=date, issuer=None)
    parties = preamble_parties(text, preamble)
    organizations = [p for p in parties if p.organization]
    for party in organizations:
        key = normalize_key(party.name)
        known = facts.organizations.get(key)
        if known is None:
            facts.organizations[key] = Organization(key=key, name=party.name,
                                                    aliases=list(dict.fromkeys(party.terms)))
        else:
            known.aliases.extend(t for t in party.terms if t not in known.aliases)
    facts.issuer = _match_companies(facts.organizations, companies)
    kind = agreement_kind(preamble.title)
    if NOT_A_DEAL.search(preamble.title):
        # With people, or for an offering: the Item reader holds these no deals either.
        facts.warnings.append(f"{preamble.title}: not an agreement that makes a deal")
        return facts
    if len(facts.organizations) < 2:
        facts.warnings.append(f"{len(facts.organizations)} organization(s) among the parties "
                              "of the preamble: no deal")
        return facts
    roles = _roles(kind, preamble.title, organizations)
    if len(roles) < 2:
        return facts
    start, end = document.source_span(preamble.start, preamble.end)
    evidence = Evidence(text[preamble.start:preamble.end], start, end)
    facts.deals.append(Deal(
        kind=kind, parties=[DealParty(role, key) for key, role in roles.items()],
        status=_status(preamble.title), date=date, new=True, directed=_directed(roles),
        evidence=[evidence]))
    return facts


def is_preamble_end(line: str) -> bool:
    """Whether a line opens the recitals or the clauses (WHEREAS, RECITALS, NOW, THEREFORE,
    ARTICLE I, Section 1, 1.), where an agreement's preamble has ended."""
    return _END_LINE.match(line.lstrip(" \t*_-–—•")) is not None


def find_preamble(text: str, document: PlainText | None = None) -> Preamble | None:
    """The preamble of an agreement's plain text: the paragraph that names it, dates it and
    lists its parties, after the title and any table of contents, before the recitals.

    `document` gives the blocks; without it every line of `text` is a block.
    """
    spans = ([(b.start, b.end) for b in document.blocks] if document is not None
             else [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)])
    found: list[Preamble] = []
    for start, end in spans:
        if start >= len(text) or found and start > found[0].end:
            break
        end = min(end, len(text))
        opening = _opening(text, start, end)
        past = _PAST_PREAMBLE.search(text, start, opening.start() if opening else end)
        if past is not None:
            break  # the recitals have begun: whatever follows is a clause
        if opening is None:
            continue
        title = _title(opening.group("title"))
        preamble_end = _preamble_end(text, opening.start(), spans)
        if re.fullmatch(r"(?:the\s+)?agreement", title, re.IGNORECASE):
            # "This Agreement ...": the heading above it names the agreement.
            above = text[max(0, opening.start() - 1500):opening.start()].split("\n")
            title = _heading_title(above[::-1][:6]) or title
        found.append(Preamble(opening.start(), preamble_end, title,
                              _agreement_date(text, opening.end(), preamble_end)))
        if _TERM_PARENS.search(text, opening.end(), preamble_end):
            break  # a preamble that defines its parties: no cover page does
    with_terms = [p for p in found if _TERM_PARENS.search(text, p.start, p.end)]
    return (with_terms or found or [None])[0]


def agreement_kind(title: str) -> str:
    """The kind of deal an agreement's title names; "other" for any other agreement."""
    for kind, pattern in _KINDS:
        if pattern.search(title):
            return kind
    return "other"


def preamble_parties(text: str, preamble: Preamble) -> list[PreambleParty]:
    """The parties a preamble lists, organizations and people, each with its defined terms."""
    head = _PARTIES_START.search(text, preamble.start, preamble.end)
    position = head.end() if head else preamble.start
    parties: list[PreambleParty] = []
    markers = sorted([*_TERM_PARENS.finditer(text, position, preamble.end),
                      *_TERM_WORDS.finditer(text, position, preamble.end)],
                     key=lambda m: m.start())
    defined: set[str] = set()  # the terms defined so far, casefolded
    for marker in markers:
        if marker.start() < position:
            continue  # inside a marker already read
        terms = [t.strip(" ,.") for t in _QUOTED.findall(marker.group(0))]
        terms = [t for t in terms if t and not _SELF_TERM.search(t)]
        defined.update(t.casefold() for t in terms)
        # "Tapestry, Inc., a Maryland corporation, as the Company (the “Company”)": the
        # words before a term may restate it; they name no one new.
        named = [p for p in _names(text, position, marker.start())
                 if not _refers(p.name, defined)]
        parties.extend(named)
        if terms:
            if not named:
                # "(JasTech and JasTech/Fla are hereinafter referred to as the "Company")"
                inside = marker.group(0)
                named = [p for p in parties if any(re.search(
                    rf"(?<![\w/]){re.escape(t)}(?![\w/])", inside) for t in [p.name, *p.terms])]
            elif not _TOGETHER.search(marker.group(0)):
                named = named[-1:]
            for party in named:
                party.terms.extend(t for t in terms if t not in party.terms)
        position = marker.end()
    parties.extend(_names(text, position, preamble.end))
    # A name that is a term defined anywhere in the preamble refers to a party named there.
    return [p for p in parties if not _refers(p.name, defined)]


def _refers(name: str, defined: set[str]) -> bool:
    """Whether a name is made of terms the preamble defines ("the Company", "WTI, Westell,
    International and CPI"): it refers to parties, it names none."""
    words = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).casefold()
    return all(part in defined for part in re.split(r"\s+(?:and|&)\s+|,\s*", words) if part)


# -- the preamble ------------------------------------------------------------------------


def _opening(text: str, start: int, end: int) -> re.Match[str] | None:
    """The words that open a preamble within a block, if it holds one."""
    reach = min(end, start + _OPENING_REACH)
    for match in _OPEN_THIS.finditer(text, start, reach):
        # Only a heading may stand before it in its block: "ASSET PURCHASE AGREEMENT This ..."
        if _LOWER_WORD.search(text, start, match.start()):
            break
        if _TITLE_END.match(match.group("title")) and _VERB_OR_PARTIES.search(
                text, match.end(), min(len(text), match.end() + 400)):
            return match
    match = _OPEN_TITLE.match(text, start, reach)
    # A title standing first is a heading's: in capitals, or a few words without numbers
    # (not "Pursuant to Sections 102 and 301 of the Indenture, dated ...").
    if match and _TITLE_END.match(match.group("title")) and (
            match.group("title").isupper() or len(match.group("title").split()) <= 8
            and not re.search(r"\d", match.group("title"))):
        return match
    return None


def _title(run: str) -> str:
    title = _TITLE_END.match(run)
    words = " ".join((title.group(0) if title else run).split()).strip(" ,")
    # A heading run into the preamble's own words: "REGISTRATION RIGHTS AGREEMENT
    # REGISTRATION RIGHTS AGREEMENT, dated as of ..."
    double = re.fullmatch(r"(.+?) \1", words, re.IGNORECASE)
    return double.group(1) if double else words


def _heading_title(lines: list[str]) -> str | None:
    """The title a heading among `lines` gives ("EMPLOYMENT AGREEMENT"), the first one."""
    for line in lines:
        line = re.sub(r"\b(\w) (?=\w\b)", r"\1", line.strip())  # "E M P L O Y M E N T"
        if not line or len(line) > 200 or _LOWER_WORD.search(line):
            continue  # a sentence, not a heading
        for match in re.finditer(_TITLE_RUN, line):
            title = _TITLE_END.match(match.group(0))
            if title and not re.fullmatch(r"(?:the\s+)?agreement", title.group(0).strip(), re.I):
                return _title(match.group(0))
    return None


def _preamble_end(text: str, start: int, spans: list[tuple[int, int]]) -> int:
    end = min(len(text), start + _PREAMBLE_SPAN)
    inline = _END_INLINE.search(text, start + 1, end)
    if inline:
        end = inline.start()
    for block_start, _ in spans:
        if block_start <= start:
            continue
        if block_start >= end:
            break
        if is_preamble_end(text[block_start:min(end, block_start + 200)]):
            end = block_start
            break
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _agreement_date(text: str, start: int, end: int) -> dt.date | None:
    """The date the preamble gives the agreement: one it is made or entered into on, else
    the first it is dated."""
    own: dt.date | None = None
    dated: dt.date | None = None
    for match in _DATE.finditer(text, start, end):
        before = text[max(start, match.start() - 60):match.start()]
        date = _date(match)
        if date is None:
            continue
        if _OWN_DATE.search(before):
            own = own or date
        elif _DATED.search(before):
            dated = dated or date
    return own or dated


def _date(match: re.Match[str]) -> dt.date | None:
    month = (match.group("m1") or match.group("m2"))[:3].lower()
    try:
        return dt.date(int(match.group("y1") or match.group("y2")), _MONTHS[month],
                       int(match.group("d1") or match.group("d2")))
    except ValueError:
        return None


# -- the parties -------------------------------------------------------------------------


def _names(text: str, start: int, end: int) -> list[PreambleParty]:
    """The names listed in text[start:end], a stretch of a preamble between defined terms:
    "Green River Fund I, L.P. and Green River Fund II, L.P.", "Acme Inc., a Delaware
    corporation", ", and certain stockholders of Westell Technologies, Inc."."""
    pieces = _pieces(text, start, end)
    found: list[PreambleParty] = []
    for index, (begin, piece) in enumerate(pieces):
        piece = re.sub(r"^(?:and|AND|or|&)\s+", "", piece)
        begin += len(pieces[index][1]) - len(piece)
        if not piece or re.match(r"(?:an?|A|An)\s", piece):
            # "a Delaware corporation" describes the name before it.
            if found and _ORG_DESCRIPTION.search(piece):
                found[-1].organization = True
            continue
        if piece[0].isupper() or piece[0].isdigit():
            match = _LEADING_NAME.match(piece)
            offset = 0
        else:
            match = _TRAILING_NAME.search(piece)
            offset = 1
        if match is None:
            continue
        name = match.group(offset).strip(" ,;:")
        last = name.rsplit(None, 1)[-1]
        if last.endswith(".") and len(last) > 5 and "." not in last[:-1]:
            name = name[:-1]  # a sentence's stop, not an abbreviation's
        if offset and name.lower().startswith("the ") and not _SUFFIX_END.search(name):
            continue  # "under the Voting Trust": a term the agreement defines
        if not name or _NOT_ORG.search(name) or len(name) < 2:
            continue
        found.append(PreambleParty(name, begin + match.start(offset), _is_organization(name)))
    return found


def _pieces(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """text[start:end] cut at commas and semicolons (not those before a legal suffix) and at
    an "and" after a legal suffix, with the offset of each piece."""
    pieces: list[tuple[int, str]] = []
    begin = start
    for match in re.finditer(r"[,;:]|\s+(?:and|AND|&)\s+", text[start:end]):
        cut = start + match.start()
        if match.group(0) in ",;:":
            if _SUFFIX_NEXT.match(text, cut + 1, end):
                continue  # "Westell Technologies, Inc."
        elif not _SUFFIX_END.search(text[begin:cut]):
            continue  # "Procter and Gamble": one name
        pieces.append((begin, text[begin:cut]))
        begin = start + match.end()
    pieces.append((begin, text[begin:end]))
    stripped = []
    for offset, piece in pieces:
        lead = len(piece) - len(piece.lstrip())
        stripped.append((offset + lead, piece.strip()))
    return [p for p in stripped if p[1]]


def _is_organization(name: str) -> bool:
    """A name with a legal suffix or an organization's word; a person's name has neither."""
    if _SUFFIX_END.search(name):
        return True
    return any(word.casefold().strip(".,") in _ORG_WORDS for word in name.split())


def _match_companies(organizations: dict[str, Organization],
                     companies: Sequence[Entity]) -> str | None:
    """Give the parties that are the filing's companies their CIK; the first such is the
    issuer. A name equal to the company's (or a former name) first, then one whose words
    are all in it, when only one party's are."""
    issuer = None
    pending = []
    for company in companies:
        if company.is_person or not company.name:
            continue
        keys = {normalize_key(n) for n in [company.name, *(f.name for f in company.former_names)]}
        match = next((o for k, o in organizations.items() if k in keys and o.cik is None), None)
        if match is None:
            pending.append((company, keys))
            continue
        match.cik = company.cik or None
        issuer = issuer or match.key
    for company, keys in pending:
        loose = [o for k, o in organizations.items() if o.cik is None and any(
            _words_within(k, other) for other in keys)]
        if len(loose) == 1:
            loose[0].cik = company.cik or None
            issuer = issuer or loose[0].key
    for organization in organizations.values():
        organization.is_issuer = organization.key == issuer
    return issuer


def _words_within(short: str, long: str) -> bool:
    """Whether every word of `short` stands in `long`, in order ("stockwalk group" within
    "stockwalk com group")."""
    words = iter(long.split())
    return len(short.split()) >= 2 and all(w in words for w in short.split())


# -- the deal ----------------------------------------------------------------------------


def _roles(kind: str, title: str, parties: list[PreambleParty]) -> dict[str, str]:
    """Each organization's role from its defined terms; the one party left without a side
    takes the other side of a deal whose one side the terms name."""
    roles: dict[str, str] = {}
    table = _ROLE_TERMS.get(kind, ())
    vehicles: set[str] = set()
    for party in parties:
        key = normalize_key(party.name)
        if any(role_of_term(t) == "agent" for t in party.terms):
            continue  # an escrow agent or a holders' representative signs for others
        role = next((r for term in party.terms for r, pattern in table
                     if pattern.fullmatch(re.sub(r"^the\s+", "", term, flags=re.I))), None)
        if role == "company":
            role = "target" if _TARGET_BOUGHT.search(title) else "seller"
        if role == "acquirer" and re.search(r"\b(?:sub|newco|merger|acquisition)", " ".join(
                party.terms), re.IGNORECASE):
            vehicles.add(key)
        if roles.get(key, "partner") == "partner":
            roles[key] = role or "partner"
    if kind not in ("license", "option", "acquisition", "investment"):
        return {key: "partner" for key in roles}
    left = [k for k, r in roles.items() if r == "partner"]
    given = set(roles.values())
    if len(left) == 1:
        if kind in ("license", "option") and len(given & {"licensor", "licensee"}) == 1:
            roles[left[0]] = "licensee" if "licensor" in given else "licensor"
        elif kind == "investment" and len(given & {"investor", "investee"}) == 1:
            roles[left[0]] = "investee" if "investor" in given else "investor"
        elif kind == "acquisition":
            buyers = {k for k, r in roles.items() if r == "acquirer" and k not in vehicles}
            if given & {"target", "seller"} and not buyers:
                roles[left[0]] = "acquirer"  # the parent of a merger subsidiary
            elif "acquirer" in given and not given & {"target", "seller"}:
                roles[left[0]] = "target" if _TARGET_BOUGHT.search(title) else "seller"
    return roles


def _directed(roles: dict[str, str]) -> bool:
    given = set(roles.values())
    return {"licensor", "licensee"} <= given or {"investor", "investee"} <= given or (
        "acquirer" in given and bool(given & {"target", "seller"}))


def _status(title: str) -> str:
    if _TERMINATED.search(title):
        return "terminated"
    return "amended" if _AMENDED.match(title) else "completed"
