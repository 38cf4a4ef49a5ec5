"""Dictionary and pattern finders for diseases, drugs, product codes, phases and designations."""

from __future__ import annotations

import ast
import bisect
import bz2
import html
import importlib.util
import pickle
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

import ahocorasick

_T = TypeVar("_T")

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


# --- text folding -------------------------------------------------------------------------------
# Every character folds to exactly one ASCII character, so an offset into the folded text is an
# offset into the original (no offset tables), and str.translate takes its fast ASCII path (~50x
# faster). Everything that is not a letter or digit (apostrophes and hyphens included) folds to a
# space, so "Behçet’s", "Behcet's" and "non-small" meet their dictionary forms, and word
# boundaries are spaces.

_OTHER_LETTER = "\x01"  # a letter with no ASCII base (Greek, CJK): still part of its word


class _FoldTable(dict[int, str]):
    """A str.translate table filled on demand: lower case, no diacritics, punctuation to space."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char == _OTHER_LETTER or char.isalnum() or unicodedata.combining(char):
            base = "".join(c for c in unicodedata.normalize("NFKD", char.lower())
                           if not unicodedata.combining(c))
            folded = base if len(base) == 1 and base.isascii() else _OTHER_LETTER
        else:
            folded = " "
        self[code] = folded
        return folded


_FOLD = _FoldTable()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD[ord(match.group())]


def fold(text: str) -> str:
    """Lower-case `text`, strip diacritics and turn every other character into a space; the
    result has the same length as `text`."""
    if not text.isascii():
        text = _NON_ASCII.sub(_fold_char, text)
    return text.translate(_FOLD)


def _fold_key(name: str) -> str:
    """A dictionary name folded like the text it will be matched in, with single spaces."""
    return " ".join(fold(name).split())


# --- shared matching machinery ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Entry:
    value: str
    ids: tuple[str, ...]
    # An acronym's written form ("NSCLC", "GvHD"): the text must spell it so, or in capitals,
    # so that ordinary lower-case words never match.
    form: str | None = None
    # Bare eponyms ("Alzheimer's") only count when capitalised.
    proper: bool = False

    def accepts(self, surface: str) -> bool:
        if self.form is not None:
            return surface == self.form or not any(c.islower() for c in surface)
        return not self.proper or surface[:1].isupper()


class _Dictionary:
    """An Aho-Corasick automaton over folded names, matched on word boundaries, longest first."""

    def __init__(self, keys: dict[str, int], entries: list[_Entry]) -> None:
        self.entries = entries
        self.size = len(keys)
        self._automaton = ahocorasick.Automaton()
        for key, index in keys.items():
            # Keys carry a space on each side, as does the folded text: the automaton then only
            # reports whole words, and Python never sees the matches inside longer words.
            self._automaton.add_word(f" {key} ", (len(key), index))
        self._automaton.make_automaton()

    def matches(self, text: str, folded: str, reject: Callable[[int, int], bool] | None = None
                ) -> list[tuple[int, int, _Entry]]:
        """Longest non-overlapping matches; `reject(start, end)` drops a match before overlaps
        are resolved, so a shorter valid name inside it can still win."""
        found: list[tuple[int, int, _Entry]] = []
        last = len(folded)
        for end, (length, index) in self._automaton.iter(f" {folded} "):
            # `end` is the padded text's closing space: one past the name in the unpadded text.
            start, stop = end - length - 1, end - 1
            entry = self.entries[index]
            if not entry.accepts(text[start:stop]) or (reject is not None and reject(start, stop)):
                continue
            if stop < last and text[stop] == ")" and text.count("(", start, stop) > text.count(
                    ")", start, stop):
                stop += 1  # "Elevated Lp(a)": the name's closing parenthesis is part of it
            found.append((start, stop, entry))
        return _longest(found, lambda match: (match[0], match[1]))


def _longest(items: Iterable[_T], span: Callable[[_T], tuple[int, int]]) -> list[_T]:
    """Non-overlapping items, longer spans first, earlier start on ties (a stable sort keeps the
    caller's order after that); returned sorted by start."""
    ranked = sorted(items, key=lambda item: (span(item)[0] - span(item)[1], span(item)[0]))
    # Kept spans never overlap, so sorted by start they are sorted by end too: a new span only
    # has to be checked against its two neighbours.
    starts: list[int] = []
    ends: list[int] = []
    kept: list[tuple[int, _T]] = []
    for item in ranked:
        start, end = span(item)
        at = bisect.bisect_right(starts, start)
        if (at and ends[at - 1] > start) or (at < len(starts) and starts[at] < end):
            continue
        starts.insert(at, start)
        ends.insert(at, end)
        kept.insert(at, (start, item))
    return [item for _, item in kept]


# --- data files ---------------------------------------------------------------------------------

def _package_dir(name: str) -> Path:
    # find_spec locates a top-level package without importing it: simple_icd_10_cm parses its
    # whole XML at import (~2 s) and drug_named_entity_recognition's __init__ pulls in a module
    # that touches the home folder and the network.
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the lexicon needs the package {name!r}; install it with pip")
    return Path(next(iter(spec.submodule_search_locations)))


def _lexicon_file(name: str) -> str:
    return (resources.files("extractor") / "data" / "lexicon" / name).read_text(encoding="utf-8")


def _lines(name: str) -> Iterator[str]:
    for line in _lexicon_file(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n")


# --- diseases -----------------------------------------------------------------------------------

_ICD_ROW = re.compile(r"<name>([^<]+)</name>\s*<desc>([^<]*)</desc>\s*"
                      r"(?:<inclusionTerm>(.*?)</inclusionTerm>)?", re.S)
_ICD_NOTE = re.compile(r"<note>([^<]*)</note>")
# Injuries, poisonings, external causes and encounter reasons are not indications.
_ICD_SKIP_CHAPTERS = frozenset("STVWXYZ")
_QUALIFIER = re.compile(
    r"(?:unspecified|bilateral|right|left|mild|moderate|severe|in remission|uncomplicated"
    r"|initial|subsequent|acute|chronic|primary|secondary|congenital|acquired|not having"
    r"|without|with|single|multiple|recurrent|unilateral|sequela)\b", re.I)
_RESIDUAL = re.compile(r"\b(?:other|unspecified|NEC|not elsewhere|elsewhere)\b", re.I)
_MAX_WORDS = 5
_MIN_ACRONYM = 4


def _paren_variants(name: str) -> list[tuple[str, str]]:
    """(form to match, name to show): 'Fabry (-Anderson) disease' -> 'Fabry disease' and
    'Fabry-Anderson disease'; 'Elevated Lp(a)' shows as written."""
    if "(" not in name:
        return [(name, name)]
    without = re.sub(r"\s*\([^)]*\)", "", name)
    inline = re.sub(r"\s*\((-?)([^)]*)\)", lambda m: ("-" if m.group(1) else " ") + m.group(2),
                    name)
    return [(without, without), (inline, name)]


def _icd_names() -> dict[str, tuple[int, str, str]]:
    """Folded ICD-10-CM name -> (rank, code, display name); lower rank is the better code."""
    folder = _package_dir("simple_icd_10_cm") / "data"
    xml = min(folder.glob("*.xml")).read_text(encoding="utf-8")
    best: dict[str, tuple[int, str, str]] = {}

    def offer(name: str, code: str, rank: int) -> None:
        name = html.unescape(name).strip()
        if name.endswith(" NOS"):
            name = name[:-4]
        if "," in name:
            head, tail = name.split(",", 1)
            # "Photokeratitis, bilateral": the head names the condition (a weaker claim); but
            # "Hand, foot and mouth disease" or "Blood, ..." lists are not names at all.
            if not _QUALIFIER.match(tail.strip()):
                return
            name, rank = head, rank + 2
        if _RESIDUAL.search(name):
            return
        for variant, shown in _paren_variants(name):
            if len(variant.split()) > _MAX_WORDS:
                continue
            key = _fold_key(variant)
            # Prefer a description over an inclusion term, then the broadest (shortest) code.
            claim = (rank + (variant != name), code, shown)
            held = best.get(key)
            if held is None or (claim[0], len(code), code) < (held[0], len(held[1]), held[1]):
                best[key] = claim

    for match in _ICD_ROW.finditer(xml):
        code, desc, inclusion = match.groups()
        if "-" in code or not code[0].isalpha() or code[0] in _ICD_SKIP_CHAPTERS:
            continue  # chapter and block headings, or out-of-scope chapters
        offer(desc, code, 0)
        for note in _ICD_NOTE.findall(inclusion or ""):
            offer(note, code, 1)
    return best


def _do_names() -> dict[str, tuple[str, str]]:
    """Folded Disease Ontology name -> (name, DOID number)."""
    with open(_package_dir("disease_ontology") / "data" / "DO.pkl", "rb") as handle:
        terms: dict[str, str] = pickle.load(handle)["terms"]
    return {_fold_key(name): (name, number) for name, number in terms.items()
            if not name.startswith("obsolete ")}


def _lower_first(name: str) -> str:
    """ICD-10-CM writes names in sentence case ("Dry mouth"); Disease Ontology, whose names are
    the other values, in lower case. Eponyms ("Kahler's disease") and acronyms keep capitals."""
    first = name.split(" ", 1)[0]
    if "'" in first or "\u2019" in first or not first[1:].islower():
        return name
    return name[0].lower() + name[1:]


def _acronym_form(name: str) -> str | None:
    """The name itself if it is an acronym-like single token ("NSCLC", "GvHD", "COVID-19")."""
    word = name.strip()
    return word if " " not in word and sum(c.isupper() for c in word) >= 2 else None


_BRITISH = [
    (re.compile(r"\btumor"), "tumour"),
    (re.compile(r"(?<=[^a\s])emia\b"), "aemia"),
    (re.compile(r"\bhem(?!i)(?=[a-z])"), "haem"),
    (re.compile(r"\bischem"), "ischaem"),
    (re.compile(r"\besophag"), "oesophag"),
    (re.compile(r"\bedema"), "oedema"),
    (re.compile(r"pediatric"), "paediatric"),
    (re.compile(r"\bfetal"), "foetal"),
]
_BRITISH_CUES = ("tumor", "emia", "hem", "esophag", "edema", "pediatric", "fetal")


def _plural(word: str) -> str | None:
    if not word.isalpha() or len(word) < 3 or word.endswith(("s", "x", "z", "ch", "sh")):
        return None
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _singular(key: str) -> str:
    head, _, last = key.rpartition(" ")
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith(("ss", "is", "us")) and len(last) > 3:
        last = last[:-1]
    return f"{head} {last}".strip()


def _disease_variants(key: str) -> set[str]:
    """Spelling variants of a folded name: possessive eponyms, British spelling, plural."""
    forms = {key}
    if " s " in key or key.endswith(" s"):
        # "alzheimer s disease" (from "Alzheimer's"): also "Alzheimer disease", "Alzheimers".
        forms |= {re.sub(r" s\b", "", key), re.sub(r" s\b", "s", key)}
    for form in list(forms):
        if any(cue in form for cue in _BRITISH_CUES):
            british = form
            for pattern, replacement in _BRITISH:
                british = pattern.sub(replacement, british)
            forms.add(british)
    for form in list(forms):
        head, _, last = form.rpartition(" ")
        plural = _plural(last)
        if plural:
            forms.add(f"{head} {plural}".strip())
    return forms


def _build_diseases() -> _Dictionary:
    do_names = _do_names()
    icd_names = _icd_names()
    stop = {_fold_key(line) for line in _lines("disease_stopwords.txt")}

    for key in list(icd_names):
        singular = _singular(key)
        if key not in do_names and singular in do_names:
            # ICD-10-CM names categories in the plural ("Myelodysplastic syndromes"): the same
            # concept as Disease Ontology's singular name, reached through its plural variant.
            claim = icd_names.pop(key)
            icd_names.setdefault(singular, claim)

    entries: list[_Entry] = []
    base: dict[str, int] = {}
    for key in do_names.keys() | icd_names.keys():
        if key in stop or len(key) < 3 or not any(c.isalpha() for c in key):
            continue
        ids: list[str] = []
        display = None
        if key in do_names:
            display, number = do_names[key]
            ids.append(f"DOID:{number}")
        if key in icd_names:
            _, code, icd_display = icd_names[key]
            display = display or _lower_first(icd_display)
            ids.append(f"ICD10CM:{code}")
        assert display is not None
        form = _acronym_form(display)
        if form is not None and sum(c.isalnum() for c in form) <= _MIN_ACRONYM:
            # Short acronyms among 20,000 names ("PIN", "TIA", "AMH") collide with gene, protein
            # and business abbreviations; the curated list names the common ones.
            continue
        base[key] = len(entries)
        entries.append(_Entry(display, tuple(ids), form))

    for line in _lines("diseases.tsv"):
        surface, canonical, *extra = line.split("\t")
        target = base.get(_fold_key(canonical))
        found = entries[target] if target is not None else _Entry(canonical, ())
        ids = found.ids + tuple(i for i in " ".join(extra).split() if i not in found.ids)
        base[_fold_key(surface)] = len(entries)
        entries.append(_Entry(found.value, ids, _acronym_form(surface)))

    keys = dict(base)
    for key, index in base.items():
        entry = entries[index]
        if entry.form is not None:
            continue
        for variant in _disease_variants(key):
            # A variant never displaces a real name ("cancers" stays whatever it was).
            if variant not in keys and variant not in stop:
                keys[variant] = index
        eponym = re.fullmatch(r"([a-z]{5,}) s disease", key)
        if eponym and f"{eponym.group(1)} s" not in keys:
            # "Alzheimer's", "Parkinson's" alone name the disease when capitalised.
            keys[f"{eponym.group(1)} s"] = len(entries)
            entries.append(_Entry(entry.value, entry.ids, proper=True))
    return _Dictionary(keys, entries)


# A capitalised disease name followed by one of these is part of an organisation's name:
# "MD Anderson Cancer Center", "Multiple Myeloma Research Foundation", "Children's Cancer Fund".
_ORGANISATION_WORD = re.compile(
    r"[\s\u00a0]+(?:Institutes?|Society|Foundation|Cent(?:er|re)s?|Fund|Association|Alliance"
    r"|Research|Network|Council|Hospitals?|Consortium|Coalition|Awareness|Group|Clinic)\b")


def _disease_matches(dictionary: _Dictionary, text: str) -> list[tuple[int, int, _Entry]]:
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


# --- drugs --------------------------------------------------------------------------------------

# Canonical entries known only from MeSH are kept when MeSH files them as a chemical compound or
# a pharmaceutical preparation; its enzyme, protein, receptor and drug-class headings are not
# drugs a press release would name.
_DRUG_MESH_TREES = ("D02", "D03", "D04", "D06", "D26")
_MIN_DRUG_LETTERS = 4
# Cell types ("natural killer cell") are biology in a press release, not a product named.
_NOT_A_DRUG_NAME = re.compile(r"\bcells?$")
# A drug name followed by one of these names a target or a pathway: "estrogen receptor",
# "aminolevulinic acid synthase", "insulin resistance".
_TARGET_WORD = re.compile(
    r"[\s\u00a0-]+(?:receptors?|synthases?|kinases?|transporters?|genes?|antigens?|proteins?"
    r"|pathways?|signall?ing|deficiency|resistance|secretion|production|levels?|dependent"
    r"|independent)\b", re.I)


def _is_drug(data: dict[str, object]) -> bool:
    if any(data.get(k) for k in ("drugbank_id", "medline_plus_id", "nhs_url")):
        return True
    trees = data.get("mesh_tree") or []
    return any(str(tree).startswith(_DRUG_MESH_TREES) for tree in trees)  # type: ignore[union-attr]


def _drug_ids(data: dict[str, object]) -> tuple[str, ...]:
    ids = []
    for field, prefix in (("drugbank_id", "DRUGBANK"), ("medline_plus_id", "MEDLINEPLUS"),
                          ("mesh_id", "MESH")):
        if data.get(field):
            ids.append(f"{prefix}:{data[field]}")
    return tuple(ids)


def _package_stopwords(folder: Path) -> set[str]:
    """The drug package's own stop words (English, countries, companies), read without
    importing the package."""
    tree = ast.parse((folder / "util.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "stopwords" for t in node.targets):
            return set(ast.literal_eval(node.value))
    return set()


def _build_drugs() -> _Dictionary:
    folder = _package_dir("drug_named_entity_recognition")
    with bz2.open(folder / "drug_ner_dictionary.pkl.bz2", "rb") as handle:
        data = pickle.load(handle)
    canonical_data: dict[str, dict[str, object]] = data["drug_canonical_to_data"]
    stop = _package_stopwords(folder) | {_fold_key(w) for w in _lines("drug_stopwords.txt")}

    entries: list[_Entry] = []
    index_of: dict[str, int] = {}
    keys: dict[str, int] = {}
    for variant, canonicals in data["drug_variant_to_canonical"].items():
        # Inverted MeSH headings ("receptors, serotonin") and qualified forms never occur in prose.
        if not canonicals or "," in variant or "(" in variant:
            continue
        key = _fold_key(variant)
        if (key in stop or sum(c.isalpha() for c in key) < _MIN_DRUG_LETTERS
                or _NOT_A_DRUG_NAME.search(key)):
            continue
        canonical = canonicals[0]
        details = canonical_data.get(canonical)
        if details is None or not _is_drug(details):
            continue
        if canonical not in index_of:
            index_of[canonical] = len(entries)
            # "cabozantinib (thyroid cancer)", "insulin glargine (rdna origin)": the qualifier
            # tells the dictionary's records apart, it is not part of the drug's name.
            name = re.sub(r"\s*\([^)]*\)$", "", canonical) or canonical
            entries.append(_Entry(name, _drug_ids(details)))
        keys.setdefault(key, index_of[canonical])
    return _Dictionary(keys, entries)


# --- product codes ------------------------------------------------------------------------------

_DASHES = "\u2010\u2011\u2012\u2013"
_CODE = re.compile(
    rf"(?<![\w$€£¥#@/.&'{_DASHES}-])"
    rf"(?:[A-Z][-{_DASHES}])?[a-z]?[A-Z][A-Z0-9]{{0,5}}"        # prefix: L-DOS, mRNA, CTX, POLB
    rf"(?:[-{_DASHES}][A-Z]{{1,4}})?"                            # GEO-CM...
    rf"(?:[-{_DASHES}]|[ \u00a0])?"                              # separator
    rf"\d[\dA-Za-z]*"                                            # 131, 162b2, 04S1
    rf"(?:[-{_DASHES}][A-Z0-9]{{1,6}}(?![a-z]))*"                # -PTX
    r"(?!\w)(?![.,]\d)(?!\s?%)"
)
_YEAR = re.compile(r"(?:19|20)\d\d")


@cache
def _code_prefix_stoplist() -> frozenset[str]:
    return frozenset(w.strip().upper() for w in _lines("code_prefixes.txt"))


def _code_ok(text: str, start: int, end: int) -> bool:
    code = text[start:end]
    digits = re.search(r"\d+", code)
    assert digits is not None
    head = code[:digits.start()]
    letters = "".join(c for c in head if c.isalpha())
    first = re.match(r"[A-Za-z]*", head).group()  # type: ignore[union-attr]
    if sum(c.isupper() for c in letters) < 2 or first.upper() in _code_prefix_stoplist():
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
                               and re.search(r"[A-Z]{2}$", head)):
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
        if any(word in (low if word.islower() else text) for word in keywords):
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
        self._diseases: _Dictionary | None = None
        self._drugs: _Dictionary | None = None

    def _dictionary(self, name: str) -> _Dictionary:
        built = getattr(self, name)
        if built is None:
            with self._lock:
                built = getattr(self, name)
                if built is None:
                    built = _build_diseases() if name == "_diseases" else _build_drugs()
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
            found = _longest(found, lambda match: (match[0], match[1]))
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
        return _longest(found, lambda t: (t.start, t.end))

    def agencies(self, text: str) -> list[Term]:
        """Every regulator mentioned, e.g. "U.S. Food and Drug Administration" -> "FDA"."""
        found = [_with_country(text, t) for t in _scan(_AGENCIES, text, "agency")]
        return _without_echoes(text, _longest(found, lambda t: (t.start, t.end)))

    def designations(self, text: str) -> list[Term]:
        """Regulatory designations, plus the agencies named within reach of one of them."""
        marks = [mark for mark in _scan(_DESIGNATIONS, text, "designation")
                 if not (mark.text == "PRIME" and _in_capitals(text, mark.start, mark.end))]
        marks = _without_echoes(text, _longest(marks, lambda t: (t.start, t.end)))
        near = [agency for agency in self.agencies(text)
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
        found = (self.diseases(text) + self.drugs(text) + self.product_codes(text)
                 + self.phases(text) + self.designations(text) + self.agencies(text))
        unique = {(t.start, t.end, t.kind): t for t in found}.values()
        ranked = sorted(unique, key=lambda t: _KIND_RANK[t.kind])
        return _longest(ranked, lambda t: (t.start, t.end))


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
