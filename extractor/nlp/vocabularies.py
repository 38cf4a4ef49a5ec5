"""The shipped vocabularies built into name dictionaries: Disease Ontology, ICD-10-CM, the drug
dictionary and the curated files under extractor/data/lexicon."""

from __future__ import annotations

import ast
import bz2
import html
import importlib.util
import pickle
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from .dictionaries import Dictionary, Entry, fold_key

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


@cache
def code_prefix_stoplist() -> frozenset[str]:
    return frozenset(w.strip().upper() for w in _lines("code_prefixes.txt"))


@cache
def common_words() -> frozenset[str]:
    """Words the training texts write in lower case (built by training/tools/common_words.py)."""
    return frozenset(_lines("common_words.txt"))


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
            key = fold_key(variant)
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
    return {fold_key(name): (name, number) for name, number in terms.items()
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


def build_diseases() -> Dictionary:
    do_names = _do_names()
    icd_names = _icd_names()
    stop = {fold_key(line) for line in _lines("disease_stopwords.txt")}

    for key in list(icd_names):
        singular = _singular(key)
        if key not in do_names and singular in do_names:
            # ICD-10-CM names categories in the plural ("Myelodysplastic syndromes"): the same
            # concept as Disease Ontology's singular name, reached through its plural variant.
            claim = icd_names.pop(key)
            icd_names.setdefault(singular, claim)

    entries: list[Entry] = []
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
        entries.append(Entry(display, tuple(ids), form))

    for line in _lines("diseases.tsv"):
        surface, canonical, *extra = line.split("\t")
        target = base.get(fold_key(canonical))
        found = entries[target] if target is not None else Entry(canonical, ())
        ids = found.ids + tuple(i for i in " ".join(extra).split() if i not in found.ids)
        base[fold_key(surface)] = len(entries)
        entries.append(Entry(found.value, ids, _acronym_form(surface)))

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
            entries.append(Entry(entry.value, entry.ids, proper=True))
    return Dictionary(keys, entries)


# --- drugs --------------------------------------------------------------------------------------

# Canonical entries known only from MeSH are kept when MeSH files them as a chemical compound or
# a pharmaceutical preparation; its enzyme, protein, receptor and drug-class headings are not
# drugs a press release would name.
_DRUG_MESH_TREES = ("D02", "D03", "D04", "D06", "D26")
_MIN_DRUG_LETTERS = 4
# Cell types ("natural killer cell") are biology in a press release, not a product named.
_NOT_A_DRUG_NAME = re.compile(r"\bcells?$")


def _is_drug(data: dict[str, object]) -> bool:
    if any(data.get(k) for k in ("drugbank_id", "medline_plus_id", "nhs_url")):
        return True
    name = str(data.get("name") or "")
    if name.endswith("s") and not name.endswith(("ss", "us", "is")):
        # A MeSH heading in the plural with no drug record is a class ("Benzodiazepines",
        # "Cannabinoids", "Amino Acids"): the drugs are its members, not the class.
        return False
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


def build_drugs() -> Dictionary:
    folder = _package_dir("drug_named_entity_recognition")
    with bz2.open(folder / "drug_ner_dictionary.pkl.bz2", "rb") as handle:
        data = pickle.load(handle)
    canonical_data: dict[str, dict[str, object]] = data["drug_canonical_to_data"]
    stop = _package_stopwords(folder) | {fold_key(w) for w in _lines("drug_stopwords.txt")}

    entries: list[Entry] = []
    index_of: dict[str, int] = {}
    keys: dict[str, int] = {}
    for variant, canonicals in data["drug_variant_to_canonical"].items():
        # Inverted MeSH headings ("receptors, serotonin") and qualified forms never occur in prose.
        if not canonicals or "," in variant or "(" in variant:
            continue
        key = fold_key(variant)
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
            entries.append(Entry(name, _drug_ids(details)))
        keys.setdefault(key, index_of[canonical])
    return Dictionary(keys, entries)
