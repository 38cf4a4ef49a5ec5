"""Dictionary and pattern finders for diseases, drugs, product codes, phases and designations."""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from .dictionaries import Dictionary, Entry, fold, longest
from .vocabularies import build_diseases, build_drugs, code_prefix_stoplist, common_words

KINDS = ("disease", "drug", "product-code", "phase", "designation", "agency")


@dataclass(frozen=True, slots=True)
class Term:
    """One finding: where it is in the text passed in, what it is and what it normalizes to."""

    start: int
    end: int
    text: str
    kind: str
    value: str
    ids: tuple[str, ...] = ()


# --- diseases and drugs in a text ---------------------------------------------------------------

# A capitalised disease name followed by one of these is part of an organisation's name:
# "MD Anderson Cancer Center", "Multiple Myeloma Research Foundation", "Children's Cancer Fund".
_ORGANISATION_WORD = re.compile(
    r"[\s\u00a0]+(?:Institutes?|Society|Foundation|Cent(?:er|re)s?|Fund|Association|Alliance"
    r"|Research|Network|Council|Hospitals?|Consortium|Coalition|Awareness|Group|Clinic)\b")


def _disease_matches(dictionary: Dictionary, text: str) -> list[tuple[int, int, Entry]]:
    folded = fold(text)

    def rejected(start: int, end: int) -> bool:
        # "non-cancer", or "non-small cell ..." read as "small cell ...".
        if folded[max(0, start - 4):start] == "non ":
            return True
        return text[start].isupper() and _ORGANISATION_WORD.match(text, end) is not None

    return dictionary.matches(text, folded, rejected)


_ABBREVIATION = re.compile(r"[ \u00a0]\([A-Za-z][A-Za-z0-9+/-]{0,9}\)(?=[ \u00a0])")


def _without_abbreviations(text: str) -> tuple[str, Callable[[int], int]]:
    """`text` with every " (ABBR)" cut out, and a map from its offsets to the original's."""
    pieces: list[str] = []
    starts: list[int] = []  # offset in the compact text where each piece begins
    shifts: list[int] = []  # what to add to a compact offset in that piece
    kept = removed = 0
    for match in _ABBREVIATION.finditer(text):
        pieces.append(text[kept:match.start()])
        starts.append(kept - removed)
        shifts.append(removed)
        removed += match.end() - match.start()
        kept = match.end()
    pieces.append(text[kept:])
    starts.append(kept - removed)
    shifts.append(removed)

    def original(offset: int) -> int:
        return offset + shifts[bisect.bisect_right(starts, offset) - 1]

    return "".join(pieces), original


# International Nonproprietary Name stems (WHO) specific enough that no English word ends so;
# "-tug", "-bart" and "-mig" are the antibody stems that replaced "-mab" for names from 2022.
_INN_STEM = re.compile(
    r"\b[A-Za-z][a-z]{3,}(?:mab|tinib|fenib|ciclib|lisib|parib|zomib|degib|sertib|lutamide|"
    r"gliflozin|gliptin|glutide|previr|buvir|asvir|tegravir|navir|clovir|platin|taxel|rubicin|"
    r"sartan|dipine|prazole|setron|triptan|gepant|lukast|vastatin|oxacin|siran|rsen|temcel|"
    r"leucel|grastim|kinra|ercept|tecan|vedotin|xaban|gatran|parin|teplase|poetin|conazole|"
    r"cillin|mycin|cycline|tug|bart|mig)\b"
    # An antibody conjugate's name has two words, the antibody's and its payload's
    # ("sacituzumab govitecan", "pamlectabart tismanitin").
    r"(?:(?<=mab|tug|art|mig)\s+[a-z]{4,}(?:tin|tecan|tansine|tesirine|mazine)\b)?")
# A drug name followed by one of these names a target or a pathway: "estrogen receptor",
# "aminolevulinic acid synthase", "insulin resistance".
_TARGET_WORD = re.compile(
    r"[\s\u00a0-]+(?:receptors?|synthases?|kinases?|transporters?|genes?|antigens?|proteins?"
    r"|pathways?|signall?ing|deficiency|resistance|secretion|production|levels?|dependent"
    r"|independent)\b", re.I)

# --- product codes ------------------------------------------------------------------------------

_DASHES = "\u2010\u2011\u2012\u2013"
_CODE = re.compile(
    rf"(?<![\w$€£¥#@/.&'{_DASHES}-])"
    rf"(?:[A-Z][-{_DASHES}])?[a-z]?[A-Z][A-Z0-9]{{0,5}}"        # prefix: L-DOS, mRNA, CTX, POLB
    rf"(?:[-{_DASHES}](?:[A-Z]{{1,4}}|[A-Z][a-z]))?"              # GEO-CM..., CNM-Au...
    rf"(?:[-{_DASHES}]|[ \u00a0])?"                              # separator
    rf"\d[\dA-Za-z]*"                                            # 131, 162b2, 04S1
    rf"(?:[-{_DASHES}][A-Z0-9]{{1,6}}(?![a-z]))*"                # -PTX
    r"(?!\w)(?![.,]\d)(?!\s?%)"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# A short number in a hyphenated code of three or four capitals, with letters beside it or a
# leading zero: "IGC-AD1", "CNM-Au8", "IHL-42X", "VCN-01". A bare two-digit number is left
# out: "TDP-43" and "HSP-90" are proteins. (In the unlabelled releases and 8-Ks, eight of the
# eleven distinct strings of this shape name drug candidates.)
_SHORT_CODE = re.compile(r"[A-Z]{3,4}-(?:[A-Z][a-z]?[A-Z]?\d{1,2}|\d{1,2}[A-Z]{1,2}|0\d)")


def _code_ok(text: str, start: int, end: int) -> bool:
    code = text[start:end]
    digits = re.search(r"\d+", code)
    assert digits is not None
    head = code[:digits.start()]
    letters = "".join(c for c in head if c.isalpha())
    first = re.match(r"[A-Za-z]*", head).group()  # type: ignore[union-attr]
    if sum(c.isupper() for c in letters) < 2 or first.upper() in code_prefix_stoplist():
        return False
    run = digits.group()
    spaced = head[-1:] in (" ", "\u00a0")
    if spaced:
        # "CLR 131", but not "ISO 9001", "ASCO 2025", zip codes or phone-number groups.
        if not (letters.isupper() and 2 <= len(letters) <= 5 and 3 <= len(run) <= 4):
            return False
        if len(run) == 4 and _YEAR.fullmatch(run):
            return False
        if re.match(r"\s?\d", text[end:end + 2]):
            return False
        if _in_capitals(text, start, end):
            return False
    elif len(run) < 3 and not (len(run) == 2 and "-" in _fold_dashes(head)
                               and re.search(r"[A-Z]{2}$", head)) \
            and not _SHORT_CODE.fullmatch(_fold_dashes(code)):
        # "CD19", "HER2", "IL-6", "COVID-19" are targets and diseases, not drug candidates;
        # two digits pass only glued to letters after a hyphen ("GEO-CM04S1", "L-DOS47").
        return False
    if re.match(r"\s?[-.]\s?\d|\s\d", text[end:end + 3]):
        return False  # a phone number or a list of figures runs on
    if len(run) == 4 and _YEAR.fullmatch(run) and len(letters) < 3:
        return False  # "FY2024", "CY-2025": dates, where a 3-letter code like AZD2014 is not
    # Inside a URL, an e-mail address or a file name.
    left = text.rfind(" ", 0, start) + 1
    token_end = text.find(" ", end)
    token = text[left:token_end if token_end != -1 else len(text)]
    return not ("://" in token or "@" in token or "www." in token)


def _fold_dashes(text: str) -> str:
    """Unicode hyphens and dashes as ASCII hyphens."""
    return re.sub(f"[{_DASHES}\u2014]", "-", text)


def _code_value(surface: str) -> str:
    return _fold_dashes(" ".join(surface.split()))


# A pattern, the value it stands for, and words at least one of which the text must contain for
# the pattern to be worth running (a substring test is far cheaper than a regex scan); a word in
# lower case is looked up case-insensitively. Patterns start with a literal, not with \b, so the
# regex engine can skip ahead to it (~25x faster); the word boundary is checked here instead.
_Rule = tuple[re.Pattern[str], str, tuple[str, ...]]


def _scan(rules: list[_Rule], text: str, kind: str) -> Iterator[Term]:
    low = text.lower()
    for pattern, value, keywords in rules:
        for word in keywords:
            if word in (low if word.islower() else text):
                break
        else:
            continue
        for m in pattern.finditer(text):
            if _starts_word(text, m.start()):
                yield Term(m.start(), m.end(), m.group(), kind, value)


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not text[start - 1].isalnum()


# --- phases -------------------------------------------------------------------------------------

_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}
_PHASE_NUMBER = r"(?:IV|III|II|I|[0-4])(?:[ab](?![A-Za-z]))?"
_PHASE = re.compile(
    rf"(?:Phase|PHASE|phase|Ph\.?(?=[ \u00a0]?\d))"
    rf"[ \u00a0]*[-{_DASHES}]?[ \u00a0]*(?P<a>{_PHASE_NUMBER})"
    rf"(?:[ \u00a0]*[/{_DASHES}-][ \u00a0]*(?:[Pp]hase[ \u00a0]*)?(?P<b>{_PHASE_NUMBER}))?"
    r"(?![\w.]\d)(?!\w)")
# Stage words, found in the folded text (lower case, punctuation as spaces) by plain substring
# search, which is much faster than a case-insensitive regex: (folded form, value).
_STAGE_WORDS = (("preclinical", "preclinical"), ("pre clinical", "preclinical"),
                ("nonclinical", "preclinical"), ("non clinical", "preclinical"),
                ("ind enabling", "preclinical"), ("pivotal", "pivotal"),
                ("registrational", "pivotal"), ("registration enabling", "pivotal"))
# "pivotal" only when it qualifies a trial, not "a pivotal moment".
_TRIAL_FOLLOWS = re.compile(
    r"(?:\s+\S+){0,3}?\s+(?:trials?|stud(?:y|ies)|programs?|programmes?|data|readouts?|results?"
    r"|cohorts?|phase|part|portion|stage|registrational|development)\b")


def _stage_words(text: str) -> Iterator[Term]:
    folded = fold(text)
    for word, value in _STAGE_WORDS:
        start = folded.find(word)
        while start != -1:
            end = start + len(word)
            if (_starts_word(folded, start) and (end == len(folded) or not folded[end].isalnum())
                    and (value != "pivotal" or _TRIAL_FOLLOWS.match(folded, end))
                    and (word != "ind enabling" or text.startswith("IND", start))):
                yield Term(start, end, text[start:end], "phase", value)
            start = folded.find(word, end)


def _phase_number(raw: str) -> str:
    sub = raw[-1] if raw[-1] in "ab" else ""
    core = raw[:-1] if sub else raw
    return _ROMAN.get(core, core) + sub


# --- designations and agencies ------------------------------------------------------------------

_S = r"[\s\u00a0]+"
_H = rf"[\s\u00a0{_DASHES}-]+"
_DESIGNATION_WORD = rf"(?:{_S}(?:[Dd]esignations?|DESIGNATIONS?|[Ss]tatus))"
# Each designation is recognised in its capitalised form, the programme's own name ("granted
# Orphan Drug Designation", "FDA granted Fast Track"), or in lower case only when "designation"
# or "status" follows: "orphan drug approvals" and "to fast-track a drug" are not designations.
_DESIGNATIONS: list[_Rule] = [
    (re.compile(rf"Orphan{_S}(?:Drug|Medicinal{_S}Product){_DESIGNATION_WORD}?\b"
                rf"|[Oo]rphan(?:{_S}drug|{_S}medicinal{_S}product)?{_DESIGNATION_WORD}\b"),
     "orphan drug", ("orphan",)),
    (re.compile(rf"Fast{_H}Track{_DESIGNATION_WORD}?\b|[Ff]ast{_H}track{_DESIGNATION_WORD}\b"),
     "fast track", ("track",)),
    (re.compile(rf"Breakthrough{_S}Therapy{_DESIGNATION_WORD}?\b"
                rf"|[Bb]reakthrough{_S}therapy{_DESIGNATION_WORD}\b"),
     "breakthrough therapy", ("breakthrough",)),
    (re.compile(rf"Breakthrough{_S}Device{_DESIGNATION_WORD}?\b"
                rf"|[Bb]reakthrough{_S}device{_DESIGNATION_WORD}\b"),
     "breakthrough device", ("breakthrough",)),
    (re.compile(rf"RMAT{_DESIGNATION_WORD}?\b"
                rf"|[Rr]egenerative{_S}[Mm]edicine{_S}[Aa]dvanced{_S}[Tt]herapy"
                rf"{_DESIGNATION_WORD}?\b"), "RMAT", ("RMAT", "egenerative")),
    (re.compile(rf"[Pp]riority{_S}[Rr]eview\b"), "priority review", ("priority",)),
    (re.compile(rf"[Aa]ccelerated{_S}[Aa]pproval\b"), "accelerated approval", ("accelerated",)),
    (re.compile(rf"[Aa]ccelerated{_S}[Aa]ssessment\b"), "accelerated assessment",
     ("accelerated",)),
    (re.compile(rf"PRIME{_DESIGNATION_WORD}?\b|PRIority{_S}MEdicines\b"), "PRIME",
     ("PRIME", "PRIority")),
    (re.compile(rf"[Rr]are{_S}[Pp]a?ediatric{_S}[Dd]isease(?:{_DESIGNATION_WORD}\b|(?={_S}"
                rf"(?:[Pp]riority|[Vv]oucher|PRV)))"), "rare pediatric disease", ("ediatric",)),
]
_AGENCIES: list[_Rule] = [
    (re.compile(rf"Food{_S}and{_S}Drug{_S}Administration\b|FDA\b"), "FDA", ("FDA", "rug")),
    (re.compile(rf"European{_S}Medicines{_S}Agency\b|EMA\b"), "EMA", ("EMA", "edicines")),
    (re.compile(rf"Medicines{_S}and{_S}Healthcare{_S}[Pp]roducts{_S}Regulatory{_S}Agency\b"
                r"|MHRA\b"), "MHRA", ("MHRA", "ealthcare")),
    (re.compile(rf"Pharmaceuticals{_S}and{_S}Medical{_S}Devices{_S}Agency\b|PMDA\b"), "PMDA",
     ("PMDA", "evices")),
    (re.compile(rf"Health{_S}Canada\b"), "Health Canada", ("canada",)),
    (re.compile(rf"National{_S}Medical{_S}Products{_S}Administration\b|NMPA\b"), "NMPA",
     ("NMPA", "roducts")),
    (re.compile(rf"Therapeutic{_S}Goods{_S}Administration\b|TGA\b"), "TGA", ("TGA", "oods")),
]
# How far from a designation an agency may stand to be its grantor, without a paragraph break.
_AGENCY_WINDOW = 200
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


_US_BEFORE = re.compile(r"U\.?\s?S\.?[\s\u00a0]*$")


def _with_country(text: str, agency: Term) -> Term:
    """Widen "FDA" to "U.S. FDA" when the text says so."""
    if agency.value != "FDA":
        return agency
    before = _US_BEFORE.search(text, max(0, agency.start - 6), agency.start)
    if before is None or not _starts_word(text, before.start()):
        return agency
    return Term(before.start(), agency.end, text[before.start():agency.end], "agency", "FDA")


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Whether the words around [start, end) are in capitals too: a heading, where "PRIME" or
    "CLR 131" may be ordinary words."""
    before = text[max(0, start - 40):start].split()[-1:]
    after = text[end:end + 40].split()[:1]
    return any(w.isalpha() and w.isupper() and len(w) > 1 for w in before + after)


# --- the lexicon --------------------------------------------------------------------------------

_KIND_RANK = {kind: rank for rank, kind in enumerate(
    ("designation", "phase", "disease", "drug", "product-code", "agency"))}


class Lexicon:
    """Finders over one text at a time; the dictionaries are built on first use and kept."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._diseases: Dictionary | None = None
        self._drugs: Dictionary | None = None

    def _dictionary(self, name: str) -> Dictionary:
        built = getattr(self, name)
        if built is None:
            with self._lock:
                built = getattr(self, name)
                if built is None:
                    built = build_diseases() if name == "_diseases" else build_drugs()
                    setattr(self, name, built)
        return built

    def load(self) -> Lexicon:
        """Build both dictionaries now rather than on first use (e.g. before timing a run)."""
        self._dictionary("_diseases")
        self._dictionary("_drugs")
        return self

    def diseases(self, text: str) -> list[Term]:
        """Disease names from Disease Ontology, ICD-10-CM and the curated list, whole words,
        longest first; value is the canonical name, ids DOID and ICD10CM CURIEs."""
        dictionary = self._dictionary("_diseases")
        found = _disease_matches(dictionary, text)
        if _ABBREVIATION.search(text):
            # "pyruvate kinase (PK) deficiency", "central nervous system (CNS) disorders": match
            # again with the abbreviations taken out, and map the offsets back.
            compact, original = _without_abbreviations(text)
            for start, end, entry in _disease_matches(dictionary, compact):
                first, last = original(start), original(end - 1) + 1
                if last - first != end - start:
                    found.append((first, last, entry))
            found = longest(found, lambda match: (match[0], match[1]))
        return [Term(start, end, text[start:end], "disease", entry.value, entry.ids)
                for start, end, entry in found]

    def drugs(self, text: str) -> list[Term]:
        """Drug names and brands from the drug dictionary; value is the generic (canonical)
        name, ids DRUGBANK, MEDLINEPLUS and MESH CURIEs where known."""
        found = []
        for start, end, entry in self._dictionary("_drugs").matches(text, fold(text)):
            if _TARGET_WORD.match(text, end):
                continue
            found.append(Term(start, end, text[start:end], "drug", entry.value, entry.ids))
        # Names too new for the vocabulary, by the stem their nonproprietary name was given
        # ("trontinemab", "atirmociclib"): the stems name a drug class and no English word.
        for match in _INN_STEM.finditer(text):
            start, end = match.span()
            if not any(t.start <= start < t.end for t in found) \
                    and match.group().casefold() not in common_words():
                found.append(Term(start, end, match.group(), "drug", match.group(), ()))
        return found

    def product_codes(self, text: str) -> list[Term]:
        """Drug-candidate codes ("CLR 131", "ABBV-951", "BNT162b2"); value is the code with
        single spaces and ASCII hyphens."""
        found = []
        for match in _CODE.finditer(text):
            start, end = match.span()
            if _code_ok(text, start, end):
                found.append(Term(start, end, match.group(), "product-code",
                                  _code_value(match.group())))
        return found

    def phases(self, text: str) -> list[Term]:
        """Trial phases ("Phase I/II" -> "Phase 1/2", "Phase 1b" -> "Phase 1b") and stages:
        "preclinical" (also "IND-enabling"), "pivotal" (also "registrational")."""
        found = []
        for match in _PHASE.finditer(text):
            if not _starts_word(text, match.start()):
                continue
            value = "Phase " + _phase_number(match.group("a"))
            if match.group("b"):
                value += "/" + _phase_number(match.group("b"))
            found.append(Term(match.start(), match.end(), match.group(), "phase", value))
        found.extend(_stage_words(text))
        return longest(found, lambda t: (t.start, t.end))

    def agencies(self, text: str) -> list[Term]:
        """Every regulator mentioned, e.g. "U.S. Food and Drug Administration" -> "FDA"."""
        found = [_with_country(text, t) for t in _scan(_AGENCIES, text, "agency")]
        return _without_echoes(text, longest(found, lambda t: (t.start, t.end)))

    def designations(self, text: str, agencies: list[Term] | None = None) -> list[Term]:
        """Regulatory designations, plus the agencies named within reach of one of them
        (`agencies`: those of the text, when the caller has them already)."""
        marks = [mark for mark in _scan(_DESIGNATIONS, text, "designation")
                 if not (mark.text == "PRIME" and _in_capitals(text, mark.start, mark.end))]
        marks = _without_echoes(text, longest(marks, lambda t: (t.start, t.end)))
        if not marks:
            return []
        near = [agency for agency in (self.agencies(text) if agencies is None else agencies)
                if any(_within_reach(text, mark, agency) for mark in marks)]
        return sorted(marks + near, key=lambda t: t.start)

    def designations_with_agency(self, text: str) -> list[tuple[Term, Term | None]]:
        """Each designation with the nearest agency within reach of it, or None."""
        found = self.designations(text)
        agencies = [t for t in found if t.kind == "agency"]
        pairs = []
        for mark in (t for t in found if t.kind == "designation"):
            close = [a for a in agencies if _within_reach(text, mark, a)]
            pairs.append((mark, min(close, key=lambda a: _gap(mark, a)) if close else None))
        return pairs

    def terms(self, text: str) -> list[Term]:
        """Everything the finders report, agencies included, overlaps resolved: the longest
        span wins, then designation > phase > disease > drug > product code > agency."""
        agencies = self.agencies(text)
        found = (self.diseases(text) + self.drugs(text) + self.product_codes(text)
                 + self.phases(text) + self.designations(text, agencies) + agencies)
        unique = {(t.start, t.end, t.kind): t for t in found}.values()
        ranked = sorted(unique, key=lambda t: _KIND_RANK[t.kind])
        return longest(ranked, lambda t: (t.start, t.end))


def _without_echoes(text: str, terms: list[Term]) -> list[Term]:
    """Drop a term that only repeats the one before it in parentheses: "U.S. Food and Drug
    Administration (FDA)", "Regenerative Medicine Advanced Therapy (RMAT) designation"."""
    kept: list[Term] = []
    for term in terms:
        if kept and kept[-1].value == term.value and re.fullmatch(
                r"\s*\(\s*", text[kept[-1].end:term.start]):
            continue
        kept.append(term)
    return kept


def _gap(a: Term, b: Term) -> int:
    return max(b.start - a.end, a.start - b.end, 0)


def _within_reach(text: str, a: Term, b: Term) -> bool:
    if _gap(a, b) > _AGENCY_WINDOW:
        return False
    between = text[min(a.end, b.end):max(a.start, b.start)]
    return _PARAGRAPH_BREAK.search(between) is None


@cache
def default_lexicon() -> Lexicon:
    """The process-wide lexicon; its dictionaries load lazily on first use."""
    return Lexicon()
