"""Organization names in release text: patterns, aliases, normalized keys and mention finding."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .name_cleaning import clean_name as clean_name
from .name_keys import LEGAL_SUFFIX as LEGAL_SUFFIX
from .name_keys import NOT_PARTIES as NOT_PARTIES
from .name_keys import normalize_key as normalize_key
from .name_keys import strip_suffix as strip_suffix
from .name_shapes import HEAD_ALTERNATION as HEAD_ALTERNATION
from .name_shapes import HEAD_WORDS as HEAD_WORDS
from .name_shapes import INSTITUTION_WORDS as INSTITUTION_WORDS
from .name_shapes import ORGANIZATION_WORDS, described_before, names_an_event
from .name_shapes import a_filing_party as a_filing_party
from .name_shapes import a_unit_of_another as a_unit_of_another
from .name_shapes import counted_or_awarded as counted_or_awarded
from .name_shapes import is_generic_name as is_generic_name
from .name_shapes import looks_like_place as looks_like_place
from .name_shapes import shaped_like_a_person as shaped_like_a_person
from .name_shapes import two_names_run_together as two_names_run_together
from .vocabularies import common_words

# Initials ("R.J.", "U.S.") are one word of a name.
# Letters beyond ASCII count: "Plexāā Ltd", "Nestlé S.A.", "Estée Lauder".
_UPPER_WORD = (r"(?:(?:[A-Z]\.){2,3}(?=\s)|[A-ZÀ-ÖØ-Þ](?:[^\W_]|[&'’\-])*"
               r"(?:/[A-Z][A-Za-z0-9&\-]*)?|[a-z][A-Z][A-Za-z0-9\-]*|[A-Z0-9]{2,}[a-z]*)")
# "and" is no connector: "GeoVax and UniQuest Pty Limited" is two organizations, not one.
_CONNECTOR = r"(?:of|&|for|de|e|du|der|von)"
# A name starts where a word starts: tried from inside a word as well, every pattern below
# re-read the rest of the word at each of its letters, quadratic in a long run of capitals.
# Only a firm's word for its partners follows "and" inside a name: "Cohen and Associates".
NAME_SEQUENCE = (rf"(?<![A-Za-z0-9]){_UPPER_WORD}(?:\.(?=\s+[A-Z]))?"
                 rf"(?:\s+(?:{_CONNECTOR}\s+)?{_UPPER_WORD}(?:\.(?=\s+[A-Z]))?){{0,7}}"
                 r"(?:\s+and\s+(?:Associates|Partners|Sons|Affiliates|Brothers)\b)?")

# "R.J. Steichen & Company", "Goldman Sachs & Co. LLC": the ampersand joins the suffix.
# "Mitsubishi UFJ Capital Co., Ltd." ends in two legal forms; "Co-Founder" is no "Co", and
# "Limited Partner" no "Limited".
_SUFFIX_NAME = re.compile(rf"({NAME_SEQUENCE}),?\s+(?:&\s+)?{LEGAL_SUFFIX}\.?"
                          rf"(?:,\s*(?:Ltd|Limited|LLC|Inc)\.?)?(?![A-Za-z]|-[A-Za-z]|\s+Partner)")
_HEAD_NAME = re.compile(
    rf"({NAME_SEQUENCE}\s+(?:{HEAD_ALTERNATION}))"
    r"(?![A-Za-z])")
# "Institute of Chartered Accountants of India": the name's own "of" may come again.
_UNIVERSITY = re.compile(rf"\b((?:University|Institute|College) of {_UPPER_WORD}"
                         rf"(?:\s+(?:of\s+)?{_UPPER_WORD}){{0,3}})")
EXCHANGES = (
    r"(?:NASDAQ|Nasdaq|NasdaqGS|NasdaqGM|NasdaqCM|NYSE American|NYSE MKT|NYSE Arca|NYSE|"
    r"OTCQB|OTCQX|OTCID|OTC Pink|OTC|OTCBB|TSX-?V|TSX\.V|TSXV|TSX|CSE|ASX|LSE|AIM|Euronext|"
    r"SIX|HKEX|SEHK|HKSE|TASE|XETRA|FSE|KOSDAQ|KRX|SGX|BSE|NSE|Cboe|CBOE|CNSX|NEO)"
)
TICKER = re.compile(rf"\(?\b({EXCHANGES})\s*[:：]\s*([A-Z][A-Z0-9.\-]{{0,9}})\b\)?")
_TICKER_NAME = re.compile(
    rf"({NAME_SEQUENCE}(?:,?\s+{LEGAL_SUFFIX}\.?)?)\s*(?:\([^()]{{0,40}}\)\s*)?"
    rf"\(\s*{EXCHANGES}\s*[:：]")
# An alias defined right after a name: Name ("Short"), Name (the “Company” or “Short”), Name (ACR)
_DEFINED_ALIAS = re.compile(
    r"\s*\(\s*(?:the\s+|hereinafter\s+)?[\"“”]([^\"“”()]{2,60})[\"“”]"
    r"(?:\s*(?:,|or|and)\s*(?:the\s+)?[\"“”]([^\"“”()]{2,60})[\"“”])?\s*\)")
_ACRONYM_ALIAS = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&\-]{1,11})\s*\)")
_SPACE_RUN = re.compile(r"\s*")

# A name run together from the first syllables of a longer one: "MadSci", "BioMed".
_CONTRACTION = re.compile(r"(?:[A-Z][a-z]{1,5}){2,4}")


def contracts(short: str, full: str) -> bool:
    """Whether `short` joins the opening letters of each of `full`'s words: "MadSci" of
    Madison Scientific."""
    parts, words = re.findall(r"[A-Z][a-z]*", short), strip_suffix(full).split()
    return len(parts) == len(words) >= 2 and short != full.replace(" ", "") and all(
        w.casefold().startswith(p.casefold()) for p, w in zip(parts, words, strict=True))


def acronym_of(name: str) -> str:
    """The initials of a name's significant words: Wisconsin Alumni Research Foundation -> WARF."""
    words = [w for w in re.split(r"[\s\-]+", strip_suffix(name)) if w]
    return "".join(w[0].upper() for w in words
                   if w[0].isalpha() and w.lower() not in {"of", "and", "for", "the", "de"})


# A country or region after a company's name makes a subsidiary of its own ("Trident
# Maritime Systems UK Limited" sold by Trident Maritime Systems), not a fuller spelling.
_BRANCH_PLACES = frozenset({
    "uk", "us", "usa", "europe", "emea", "asia", "asia pacific", "apac", "ireland", "japan",
    "china", "canada", "germany", "deutschland", "france", "india", "australia", "israel",
    "switzerland", "netherlands", "italy", "spain", "korea", "singapore", "brazil", "mexico",
    "nordic", "north america", "latin america", "hong kong", "shanghai", "uk holdings",
    "us holdings"})


def _a_branch(longer: str, shorter: str) -> bool:
    """Whether key `longer` is key `shorter` with only a country or region added."""
    return longer.startswith(shorter + " ") and longer[len(shorter) + 1:] in _BRANCH_PLACES


@dataclass(slots=True)
class OrganizationNames:
    """The organizations a document names: each with its fullest name and other spellings."""

    names: dict[str, str] = field(default_factory=dict)  # key -> fullest name
    aliases: dict[str, list[str]] = field(default_factory=dict)  # key -> other spellings
    ciks: dict[str, str] = field(default_factory=dict)  # key -> CIK for header companies
    _pattern: re.Pattern[str] | None = None
    _surface: dict[str, str] = field(default_factory=dict)  # casefolded surface -> key
    _exact: set[str] = field(default_factory=set)  # spellings as the text defined them
    _moved: dict[str, str] = field(default_factory=dict)  # old key -> the key it became

    def add(self, name: str, cik: str | None = None) -> str | None:
        """Add a name (merging with a known organization it abbreviates); returns its key."""
        cleaned = clean_name(name)
        if cleaned is None:
            return None
        key = normalize_key(cleaned)
        existing = self.resolve(cleaned)
        if existing is None and " " in cleaned:
            # A contraction seen first ("MadSci") gives way to the full name it shortens.
            existing = next((k for k, known in self.names.items()
                             if _CONTRACTION.fullmatch(known) and contracts(known, cleaned)), None)
            if existing is not None:
                self._rekey(existing, key, cleaned)
                existing = key
        if existing is not None and existing != key and not _a_branch(key, existing):
            if len(key) > len(existing) and key.startswith(existing + " "):
                # A fuller form of a known short name: it becomes the main name.
                self._rekey(existing, key, cleaned)
            else:
                self._add_alias(existing, cleaned)
                key = existing
        elif key not in self.names:
            self.names[key] = cleaned
            self.aliases.setdefault(key, [])
        elif len(cleaned) > len(self.names[key]):  # keep the fullest spelling as the name
            self._add_alias(key, self.names[key])
            self.names[key] = cleaned
        elif cleaned != self.names[key]:
            self._add_alias(key, cleaned)
        if cik:
            self.ciks[key] = cik
        self._pattern = None
        return key

    def add_alias(self, key: str, alias: str) -> None:
        alias = alias.strip(" ,;:\"“”'’")
        if not alias or normalize_key(alias) in NOT_PARTIES or alias.lower() in (
                "company", "the company", "we", "us", "our"):
            return
        other = normalize_key(alias)
        if other in self.names and other != key:
            # The alias was seen before as a name of its own: fold it into this one.
            self._merge(other, key)
        self._add_alias(key, alias)
        self._pattern = None

    def _add_alias(self, key: str, alias: str) -> None:
        known = self.aliases.setdefault(key, [])
        if alias != self.names.get(key) and alias not in known:
            known.append(alias)

    def discard(self, key: str) -> None:
        """Forget an organization that proved to be something else: a person's name."""
        self.names.pop(key, None)
        self.aliases.pop(key, None)
        self.ciks.pop(key, None)
        self._pattern = None

    def drop_run_together(self) -> None:
        """Forget names that are a known organization's with other words run on before it:
        a heading glued to the sentence after it ("WatchSilexion Therapeutics"), a headline's
        end ("More Information About Their Rights Kessler Topaz Meltzer & Check, LLP"), a
        speaker's name before the company's ("J. Nelson Westell Inc., President"), or
        another organization ("Intimate Brands for Limited Brands, Inc."). Mentions of the
        whole find the known name inside it."""
        for key, name in list(self.names.items()):
            if key in self.ciks:
                continue
            for split in _SPLIT_POINT.finditer(name):
                head, tail = name[:split.start()].rstrip(" ,"), name[split.start():]
                tail_key = normalize_key(tail)
                if tail_key == key or tail_key not in self.names or not head:
                    continue
                glued = not name[split.start() - 1].isspace()
                # Two known names joined by "for" or a comma are two organizations; joined by
                # nothing, the whole may be a subsidiary's ("Inspira Technologies OXY Ltd.").
                joined = name[len(head):split.start()].strip() == "," or head.endswith(" for")
                if _run_on_head(head, glued) or joined and normalize_key(
                        head.removesuffix(" for")) in self.names:
                    self.discard(key)
                    break

    def current(self, key: str) -> str:
        """The key an organization has now: a fuller name or a merge can change a key that a
        reader kept (the registrant's, say) while names were still being added."""
        seen = {key}
        while key in self._moved and key not in self.names:
            key = self._moved[key]
            if key in seen:
                break
            seen.add(key)
        return key

    def _rekey(self, old: str, new: str, name: str) -> None:
        self._moved[old] = new
        old_name = self.names.pop(old)
        aliases = self.aliases.pop(old, [])
        if new in self.names:
            aliases.append(self.names[new])
            aliases.extend(self.aliases.pop(new, []))
        self.names[new] = name
        self.aliases[new] = [a for a in dict.fromkeys([old_name, *aliases]) if a != name]
        if old in self.ciks:
            self.ciks[new] = self.ciks.pop(old)

    def _merge(self, source: str, target: str) -> None:
        self._moved[source] = target
        name = self.names.pop(source)
        for alias in [name, *self.aliases.pop(source, [])]:
            self._add_alias(target, alias)
        if source in self.ciks and target not in self.ciks:
            self.ciks[target] = self.ciks.pop(source)

    def resolve(self, name: str) -> str | None:
        """The key of the known organization this spelling refers to, if any."""
        key = normalize_key(name)
        if not key:
            return None
        if key in self.names:
            return key
        folded = name.strip().casefold()
        for known, aliases in self.aliases.items():
            for alias in aliases:
                if alias.casefold() == folded or normalize_key(alias) == key:
                    return known
        compact = name.replace(".", "").replace(" ", "")
        if compact.isupper() and 2 <= len(compact) <= 8:
            for known, full in self.names.items():
                if acronym_of(full) == compact:
                    return known
        candidates = [k for k in self.names if k.startswith(key + " ") and not _a_branch(k, key)]
        if len(candidates) == 1:
            return candidates[0]
        short = name.strip()
        if _CONTRACTION.fullmatch(short):
            return next((known for known, full in self.names.items() if contracts(short, full)),
                        None)
        return None

    def surfaces(self) -> dict[str, str]:
        """Every spelling worth searching for, mapped to its key (short forms included)."""
        surfaces: dict[str, str] = {}
        first_words: dict[str, set[str]] = {}
        for key, name in self.names.items():
            for spelling in [name, strip_suffix(name), *self.aliases.get(key, [])]:
                if len(spelling) >= 2:
                    surfaces.setdefault(spelling.casefold(), key)
            words = strip_suffix(name).split()
            if len(words) >= 2:
                first = words[0].strip(",")
                if len(first) >= 4 and first[0].isupper() and first.lower() not in _GENERIC_FIRST:
                    first_words.setdefault(first.casefold(), set()).add(key)
                two = " ".join(words[:2]).strip(",")
                if len(words) >= 3:
                    surfaces.setdefault(two.casefold(), key)
        for word, keys in first_words.items():
            if len(keys) > 1:
                # A regional branch ("Westell Europe Limited") shares its parent's first
                # word; the word alone is the parent's ("Westell Technologies, Inc.").
                keys = {k for k in keys if not _a_branch(k, k.split()[0])} or keys
            if len(keys) == 1:  # an ambiguous short form names no one
                surfaces.setdefault(word, next(iter(keys)))
        return surfaces

    def pattern(self) -> re.Pattern[str] | None:
        if self._pattern is None:
            self._surface = self.surfaces()
            self._exact = {n for n in self.names.values()} | {
                strip_suffix(n) for n in self.names.values()} | {
                a for aliases in self.aliases.values() for a in aliases}
            if not self._surface:
                return None
            alternation = "|".join(re.escape(s) for s in sorted(self._surface, key=len,
                                                                    reverse=True))
            self._pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?:[’']s)?(?![\w-])",
                                       re.IGNORECASE)
        return self._pattern

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, key) mentions of known organizations in a text."""
        pattern = self.pattern()
        if pattern is None:
            return []
        found = []
        for match in pattern.finditer(text):
            surface = match.group(0)
            bare = re.sub(r"[’']s$", "", surface)
            key = self._surface.get(bare.casefold())
            if key is None:
                continue
            # A name must be written as a name: capitalized, or exactly as it was defined.
            if not bare[:1].isupper() and not bare[:1].isdigit() and bare not in self._exact:
                continue
            found.append((match.start(), match.start() + len(bare), key))
        return found


# Where a known name could begin inside a longer one: after a space, or at a capital glued to
# the end of a lower-case word ("PainAutonomix").
_SPLIT_POINT = re.compile(r"(?<=\s)(?=[A-Z])|(?<=[a-z])(?=[A-Z][a-z])")
# Words a headline or heading is written in, capitalized; no name's.
_HEADLINE_WORDS = frozenset("""about their our your his her its how why what when where who
to with from into onto after before more most is are was were can will may find out this
that these those""".split())
# A person's name with an initial: "J. Nelson", "Mary-Kate O. Smith". Without one, two
# capitalized words are as often a place and a word ("Atlanta Community Food Bank").
_PERSON_HEAD = re.compile(r"(?:[A-Z]\.\s*)+[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
                          r"|[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+(?:[A-Z]\.\s*)+[A-Z][a-z]+")


def _run_on_head(head: str, glued: bool) -> bool:
    """Whether words before a known name were run on to it, not part of a longer name: a
    person's name, a headline's words, or an everyday word a heading ends with."""
    words = [w.casefold() for w in head.split()]
    if glued:
        return words[-1] in common_words()
    a_person = _PERSON_HEAD.fullmatch(head) is not None and not any(
        w.title() in ORGANIZATION_WORDS for w in words)
    return a_person or any(w in _HEADLINE_WORDS for w in words)


_GENERIC_FIRST = {
    # places: a place's name alone is rarely an organization's short name
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
    "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
    "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "ohio",
    "oklahoma", "oregon", "pennsylvania", "tennessee", "texas", "utah", "vermont", "virginia",
    "washington", "wisconsin", "wyoming", "boston", "cambridge", "london", "paris", "berlin",
    "tokyo", "beijing", "shanghai", "toronto", "vancouver", "montreal", "sydney", "melbourne",
    "canada", "mexico", "brazil", "india", "israel", "germany", "france", "italy", "spain",
    "ireland", "switzerland", "australia", "korea", "taiwan", "singapore", "europe", "africa",
    "america", "madison", "chicago", "houston", "dallas", "atlanta", "seattle", "denver",
    "silicon", "san", "los", "las", "new", "salt", "queensland", "ontario", "alberta", "quebec",
    "university", "national", "american", "international", "global", "united", "first",
    "general", "world", "european", "north", "south", "east", "west", "central",
    "asia", "china", "japan", "canadian", "royal", "medical", "advanced", "applied",
    "clinical", "digital", "precision", "health", "life", "bio", "pharma", "institute",
    "foundation", "center", "centre", "department", "school", "college", "hospital",
}


# A person's calling in a description: "Patricia Koffman, a care partner and advocate, the
# nonprofit organization ..." describes a person before the organization.
_CALLING = (r"(?:entrepreneur|physician|surgeon|scientist|researcher|artist|musician|singer|"
            r"author|professor|dentist|doctor|attorney|lawyer|philanthropist|businessman|"
            r"businesswoman|advocate|nurse)s?\b")
# "X, a clinical-stage biotechnology company" or "X, the only company that": an organization.
_APPOSITIVE_NAME = re.compile(
    rf"(?:^|(?<=[,;:—–-]\s)|(?<=\band\s)|(?<=\bwith\s)|(?<=\)\s))({NAME_SEQUENCE})"
    r"(?:\s*\([^()]{0,80}\))*,\s+(?:a|an|the|one of the)\s+"
    rf"(?:(?!{_CALLING})[\w\-’']+,?\s+){{0,8}}?"
    r"(?:company|companies|leader|provider|developer|innovator|organization|firm|pioneer|"
    r"manufacturer|startup|start-up|specialist|distributor|institution|university|nonprofit|"
    r"non-profit|subsidiary|affiliate|biotech|biopharma|platform company|aggregator|"
    r"foundation|institute|hospital|network|group|maker|producer|supplier|CDMO|CRO)\b")
# "Boston-based Statera has ...": a capitalized name right after where it is based.
_BASED_NAME = re.compile(
    rf"\b[A-Z][A-Za-z.]+(?:[ -][A-Z][A-Za-z.]+){{0,2}}-based\s+({NAME_SEQUENCE})"
    r"(?=\s*(?:[,.;(]|$|\s(?:has|have|is|was|will|announced|today|said|and|to|for|in|on|by)\b))")
# "Intellum, the leading enterprise learning platform, today announced": who announces the
# news in a release's opening is an organization, unless the description gives a person's title.
_ANNOUNCER_NAME = re.compile(
    rf"(?:^|(?<=[—–]\s)|(?<=--\s))({NAME_SEQUENCE}),\s+(?:a|an|the)\s+"
    r"(?:(?!(?i:ceo|chief|founder|co-founder|president|chair\w*|director|officer|head)\b)"
    rf"(?!{_CALLING})"
    r"(?:[^.;()]|\.(?!\s))){3,200}?,\s+(?:today\s+|recently\s+|has\s+)?"
    r"(?:announce[sd]|unveil(?:s|ed)|launch(?:es|ed)|introduce[sd]|report(?:s|ed)|"
    r"enter(?:s|ed)|sign(?:s|ed)|complete[sd]|close[sd])\b")


# Capitalized words joined to a name by "and": "Baker Heart and" before "Diabetes Institute".
_JOINED_BEFORE = re.compile(r"(?<![\w-])(?:[A-Z][\w’'-]*\s+){1,3}and\s+$")
# Capitalized words before "Institute of ...": "Cancer Prevention & Research", "American".
_CAPITALS_BEFORE = re.compile(r"(?<![\w-])(?:[A-Z][\w’'-]*\s+(?:(?:&|and|for)\s+)?){1,4}$")
def find_organization_names(text: str) -> Iterable[tuple[int, int, str]]:
    """Candidate organization names by pattern: legal suffix, ticker, industry head word,
    or an appositive that says what the organization is."""
    for start, end, name, _ in organization_candidates(text):
        yield start, end, name


# Each pattern, with a substring that every match contains, or a simple pattern that every
# match contains a match of: a scan for the legal form or the head word alone is several
# times cheaper than the name pattern's, which tries every capital letter.
_SUFFIX_PRESENT = re.compile(rf"\s{LEGAL_SUFFIX}")
_HEAD_PRESENT = re.compile(rf"\s(?:{HEAD_ALTERNATION})"
                           r"(?![A-Za-z])")
_DESCRIBED = re.compile(r",\s+(?:a|an|the|one of the)\s")
_CANDIDATE_PATTERNS: tuple[tuple[re.Pattern[str], str | re.Pattern[str]], ...] = (
    (_TICKER_NAME, "("), (_SUFFIX_NAME, _SUFFIX_PRESENT), (_HEAD_NAME, _HEAD_PRESENT),
    (_UNIVERSITY, " of "), (_APPOSITIVE_NAME, _DESCRIBED), (_BASED_NAME, "-based"),
    (_ANNOUNCER_NAME, _DESCRIBED))


def organization_candidates(text: str) -> Iterable[tuple[int, int, str, bool]]:
    """The same candidates, each with whether its pattern is a sure sign (a legal suffix, a
    ticker, an appositive) rather than only a head word ("... Health", "University of ...")."""
    marked = "®" in text or "™" in text
    if marked:
        # "AXIM® Biotechnologies, Inc.": a mark is no end of a name. A space of the same
        # length keeps every offset.
        text = _MARKS.sub(" ", text)
    for pattern, needed in _CANDIDATE_PATTERNS:
        if needed not in text if isinstance(needed, str) else needed.search(text) is None:
            continue  # a substring test or a simple scan is far cheaper than the pattern's
        for match in pattern.finditer(text):
            if pattern is _SUFFIX_NAME:
                start, end = match.start(1), match.end()
            else:
                start, end = match.start(1), match.end(1)
            if pattern is _HEAD_NAME or pattern is _UNIVERSITY:
                start = _start_of_whole_name(text, start, pattern is _UNIVERSITY)
            elif pattern is _SUFFIX_NAME and _PARTNERSHIP.match(text, start):
                # "Goldman, Sachs & Co.": an old partnership's name has a comma of its own.
                partner = _PARTNER_BEFORE.search(text, max(0, start - 30), start)
                start = partner.start() if partner else start
            if start and text[start - 1] == "-":
                # Begun inside a hyphenated word: "K of Acme, Inc." of "Form 10-K of Acme, Inc."
                inside = _WORD_AND_OF.match(text, start, end)
                if inside is None:
                    continue
                start = inside.end()
            if names_an_event(text, end):
                continue
            if pattern is _HEAD_NAME:
                end = _end_of_whole_name(text, end)
            name = text[start:end].strip()
            if marked:
                name = _MARK_GAP.sub(" ", name)
            if described_before(text, start):
                continue  # "a leading global Contract Development Organization" describes
            cleaned = clean_name(name)
            if cleaned:
                offset = text.find(cleaned, start, end + 1)
                yield ((offset if offset >= 0 else start), end, cleaned,
                       pattern not in (_HEAD_NAME, _UNIVERSITY))


_MARKS = re.compile(r"[®™]")
_MARK_GAP = re.compile(r"(?<=\S)  +")  # where a mark was, before a space
_PARTNERSHIP = re.compile(r"[A-Z][a-z]+\s+&\s+Co\b")
# One surname and a comma before it, not an item of a list ("AstraZeneca, Pfizer, Merck & Co.").
_PARTNER_BEFORE = re.compile(r"(?<![\w,;’'&-])(?<![,;] )[A-Z][a-z]{2,},\s+$")
_WORD_AND_OF = re.compile(r"\S+\s+(?:of|for)\s+")
# An institution's name goes on after its head word with "for" and capitalized words:
# "International Agency for Research on Cancer", "World Wide Fund for Nature", "Center for
# Drug Evaluation and Research". Cut at the head word, the name was a generic stump
# ("International Agency"). Not "on": "National Cancer Institute on Unsplash" is a credit.
_INSTITUTION_HEAD = re.compile(
    r"(?:Agency|Fund|Foundation|Institute|Center|Centre|Council|Society|Association|Alliance|"
    r"Coalition|Federation|Academy|Consortium|Commission|Organization|Organisation)$")
_TAIL_WORD = r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][\w’'-]*"
_INSTITUTION_TAIL = re.compile(
    rf"\s+for\s+(?:the\s+)?{_TAIL_WORD}(?:\s+(?:(?:and|on|of|for|&)\s+)?{_TAIL_WORD}){{0,6}}")


def _end_of_whole_name(text: str, end: int) -> int:
    """Where a name found by an institution's head word really ends (see _INSTITUTION_TAIL)."""
    if _INSTITUTION_HEAD.search(text, max(0, end - 12), end) is None:
        return end
    tail = _INSTITUTION_TAIL.match(text, end)
    if tail is None or names_an_event(text, tail.end()):
        return end
    return tail.end()


def _start_of_whole_name(text: str, start: int, of_name: bool) -> int:
    """Where a name found by its head word really starts: an "Institute of ..." name takes
    the capitalized words before it ("American College of Rheumatology"); a name opening
    with an everyday word takes the ones "and" joins to it ("Baker Heart and Diabetes
    Institute", "Contract Development and Manufacturing Organization")."""
    if of_name:
        before = _CAPITALS_BEFORE.search(text, max(0, start - 80), start)
    elif text[start:start + 40].split(maxsplit=1)[0].casefold() in common_words():
        before = _JOINED_BEFORE.search(text, max(0, start - 60), start)
    else:
        before = None
    return before.start() if before else start


def defined_aliases(text: str, end: int) -> list[str]:
    """Aliases defined in parentheses right after a name ending at `end`."""
    aliases = []
    position = end
    for _ in range(3):
        quoted = _DEFINED_ALIAS.match(text, position)
        if quoted:
            aliases.extend(a for a in quoted.groups() if a)
            position = quoted.end()
            continue
        acronym = _ACRONYM_ALIAS.match(text, position)
        if acronym and not TICKER.match(text, position + acronym.group(0).find("(")):
            aliases.append(acronym.group(1))
            position = acronym.end()
            continue
        ticker = TICKER.match(text, _SPACE_RUN.match(text, position).end())
        if ticker:
            position = ticker.end()
            continue
        break
    return aliases


def defined_terms(text: str) -> set[str]:
    """The terms a text defines in quotes and brackets: (the “Surviving Corporation”),
    ("Acme" or the "Company")."""
    return {term for match in _DEFINED_ALIAS.finditer(text) for term in match.groups() if term}


def is_institution(name: str) -> bool:
    """Whether a name is a university, foundation, institute, hospital or similar body."""
    return any(re.search(rf"\b{word}\b", name) for word in INSTITUTION_WORDS)
