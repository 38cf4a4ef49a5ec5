"""Products and indications in a press release: drugs, candidates, brands, phases, designations."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from spacy.tokens import Doc

from .facts import Designation, Indication, Product
from .lexicon import Term
from .organizations import normalize_key
from .sentences import BODY_ROLES, SentenceReader
from .vocabularies import common_words

_BRANDED = re.compile(r"\b([A-Z][A-Za-z0-9\-]+(?:\s+[A-Z][A-Za-z0-9\-]+){0,3})\s?(?:®|™|℠|\(R\)|"
                      r"\(TM\)|\(SM\))")


class ProductReader(SentenceReader):
    """Products and indications, with the phases and designations said of each product."""

    def products_and_indications(self, recognized: Mapping[int, Doc] | None = None
                                 ) -> tuple[list[Product], list[Indication]]:
        """The release's products and indications; `recognized` holds the recognizer's reading
        of the sentences it read anyway (by sentence id), whose distinctly shaped product
        names join those of the vocabularies and patterns."""
        recognized = recognized or {}
        products: dict[str, Product] = {}
        indications: dict[str, Indication] = {}
        org_keys = set(self.names.names)
        for sentence in self.sentences:
            if sentence.role not in BODY_ROLES + ("about",):
                continue
            terms = self.terms(sentence.text)
            if any(t.kind == "disease" for t in terms):
                terms = self._without_stray_diseases(sentence.text, terms)
            sentence_products: list[Product] = []
            for term in terms:
                if term.kind in ("product-code", "drug"):
                    name = product_name(term)
                    if normalize_key(name) in org_keys or _NO_PRODUCT.search(name):
                        continue
                    product = products.get(name.casefold())
                    if product is None:
                        product = products[name.casefold()] = Product(
                            name=name, kind="drug-candidate" if term.kind == "product-code"
                            else "drug", ids=term.ids)
                    if len(product.evidence) < 3:
                        product.evidence.append(self.evidence(sentence))
                    sentence_products.append(product)
                elif term.kind == "disease":
                    key = term.value.casefold() if term.value else term.text.casefold()
                    if key not in indications:
                        indications[key] = Indication(term.text, term.ids,
                                                      self.evidence(sentence))
            doc = recognized.get(id(sentence))
            for name in branded_names(sentence.text) + named_products(
                    sentence.text, headline=sentence.role == "title") + (
                    recognized_products(doc) if doc is not None else []):
                if normalize_key(name) in org_keys or name.casefold() in products \
                        or _NO_PRODUCT.search(name) or self.names.resolve(name) is not None \
                        or any(t.kind in ("disease", "agency") for t in self.terms(name)):
                    continue
                product = products[name.casefold()] = Product(name=name, kind="product")
                product.evidence.append(self.evidence(sentence))
                sentence_products.append(product)
            if not sentence_products:
                continue
            nearest = sentence_products[0]
            for term in terms:
                if term.kind == "phase" and term.value not in nearest.phases:
                    nearest.phases.append(term.value)
                elif term.kind == "designation":
                    agency = next((t.value for t in terms if t.kind == "agency"), None)
                    if not any(d.kind == term.value for d in nearest.designations):
                        nearest.designations.append(
                            Designation(term.value, agency, self.evidence(sentence)))
                elif term.kind == "disease":
                    for product in sentence_products:
                        if term.text not in product.indications:
                            product.indications.append(term.text)
        return list(products.values()), list(indications.values())

    def _without_stray_diseases(self, text: str, terms: list[Term]) -> list[Term]:
        """The terms less diseases no product or deal targets: those a safety statement lists
        as risks or side effects, those inside an organization's name ("National Institute of
        Neurological Disorders and Stroke"), and an acronym the text expands otherwise ("AML
        (Anti-Money Laundering)")."""
        if _SAFETY_WORDING.search(text):
            return [t for t in terms if t.kind != "disease"]
        named = [(start, end) for start, end, _ in self.names.mentions(text)]
        kept = []
        for term in terms:
            if term.kind == "disease" and (
                    any(start <= term.start and term.end <= end for start, end in named)
                    or _expanded_otherwise(text, term, self.terms)):
                continue
            kept.append(term)
        return kept


# Wording of a safety statement: the diseases it names are risks, not targets.
_SAFETY_WORDING = re.compile(
    r"\b(?:adverse (?:reactions?|events?)|side effects?|contraindicated|tell your (?:doctor|"
    r"healthcare provider)|if you have|warnings? and precautions|may cause)\b", re.I)
_EXPANSION = re.compile(r"\s*\(([A-Z][^()]{3,60})\)")


def _expanded_otherwise(text: str, term: Term, terms_of: Callable[[str], list[Term]]) -> bool:
    """Whether an acronym found as a disease is spelled out right after as something else."""
    if not term.text.isupper():
        return False
    expansion = _EXPANSION.match(text, term.end)
    return expansion is not None and not any(
        t.kind == "disease" for t in terms_of(expansion.group(1)))


# A name the recognizer reads as a product counts only with a shape that sets it apart from
# words: a capital or digit inside a word ("CardioMEMS", "ELI-002"), or a word in capitals
# ("LYMPHIR"). On the development releases this added names at the precision the other
# product finders have; the recognizer's every PRODUCT span lowered it.
_RECOGNIZED_SHAPE = re.compile(r"\w[A-Z0-9]|\b[A-Z]{3,}\b|\d")


def recognized_products(doc: Doc) -> list[str]:
    """The recognizer's PRODUCT names in one sentence that have a product name's shape."""
    names = []
    for entity in doc.ents:
        name = entity.text.strip(" -–—,;:")
        # A code the tokenizer cut ("CNM-" of "CNM-Au8") is no name.
        if entity.label_ == "PRODUCT" and len(name) >= 3 and _RECOGNIZED_SHAPE.search(name) \
                and not doc.text[entity.end_char:entity.end_char + 1].isalnum():
            names.append(name)
    return names


def product_name(term: Term) -> str:
    """A product's name as the text writes it ("Trodelvy", not the vocabulary's generic name,
    which the product's identifiers give)."""
    return term.text


def branded_names(text: str) -> list[str]:
    """Names marked ® or ™, less the everyday words before them ("Acquired LUCEMYRA",
    "About Sigyn"); a name of everyday words alone ("Year", "Earth Friendly") is a slogan."""
    names = []
    for match in _BRANDED.finditer(text):
        name = _without_common_lead(_LEADING_FUNCTION.sub("", match.group(1)).strip())
        if name and len(name) >= 3:
            names.append(name)
    return names


def named_products(text: str, headline: bool = False) -> list[str]:
    """Names right before a product noun: "the EXPLOSCAN system", "VentiV Pulse device",
    "Flimp Canvas platform"; the name's words must not all be everyday words. Outside a
    headline, whose words are all capitalized, the noun may be the name's own: "SmartShunt
    System", "enLIGHTEN Discovery Platform" give the name less its everyday words."""
    names = []
    matches = [(m, False) for m in _NAME_BEFORE_PRODUCT_NOUN.finditer(text)]
    if not headline:
        matches += [(m, True) for m in _NAME_BEFORE_NAMED_NOUN.finditer(text)]
    for match, named_noun in matches:
        name = _without_common_lead(match.group(1).strip(), tail=named_noun)
        if name and named_noun and not _DISTINCT_SHAPE.search(name):
            continue  # "Retinal System", "Coding Platform": a capital alone names nothing
        if not name or len(name) < 3 or name in names:
            continue
        last = name.split()[-1]
        if _KIND_ENDING.search(last) or " " not in name and (
                re.fullmatch(r"[A-Z]{2,4}s?", name) or name in _TECHNOLOGY_WORDS):
            continue  # "AI-powered", "FDA-cleared", "CPAP", "SaaS": kinds of product, no names
        names.append(name)
    return names


# Names of a product's shape that name something else: a clearance ("FDA 510(k)"), a
# security's ISIN ("DE000A11QVV0"), a trial's registry number ("NCT05543681"), a newswire.
_NO_PRODUCT = re.compile(r"^(?:FDA\s+)?510\s*\(?[kK]?\)?$|^[A-Z]{2}[A-Z0-9]{9}\d$|^N?CT\d{8}$"
                         r"|\b(?:Wire|Newswire|NewsWire)$")
# Words for kinds of technology that a capital letter does not make a product's name.
_TECHNOLOGY_WORDS = frozenset({"SaaS", "PaaS", "GenAI", "FinTech", "MedTech", "HealthTech",
                               "Bluetooth", "WebRTC", "LIDAR", "LiDAR", "Wi-Fi", "WiFi",
                               "mRNA", "tRNA", "siRNA", "RNAi", "DNA", "RNA", "CRISPR"})
# "AI-powered", "AI-Guided", "FDA-cleared": the end of a kind of product, not of a name.
_KIND_ENDING = re.compile(r"-(?:[a-z]+|Powered|Guided|Based|Enabled|Driven|Cleared|Approved)$")
# A name's shape that sets it apart from a capitalized word: a capital or a digit inside a
# word ("SmartShunt", "enLIGHTEN", "CADScor", "QX600").
_DISTINCT_SHAPE = re.compile(r"\w[A-Z0-9]")


def _without_common_lead(name: str, tail: bool = False) -> str | None:
    """The name less the everyday words that open it (and with `tail`, those that end it:
    "SmartShunt Hydrocephalus Management" is SmartShunt); None when nothing else is left."""
    words = name.split()
    common = common_words()
    while words and words[0].casefold() in common:
        words.pop(0)
    while tail and words and words[-1].casefold() in common:
        words.pop()
    return " ".join(words) or None


# Capitalized words (a name: "EXPLOSCAN", "VentiV Pulse", "AIQ²") before a product noun.
_PRODUCT_NAME_WORDS = r"(?<![\w-])((?:(?:[A-Z]|[a-z]+[A-Z])[\w+²³/.-]*[\w+²³](?:\s+|$)){1,3})"
_NAME_BEFORE_PRODUCT_NOUN = re.compile(
    _PRODUCT_NAME_WORDS + r"(?=(?:platform|system|device|"
    r"test|kit|app|software|assay|suite|sensor|monitor|implant|technology|solution|"
    r"product|drug|therapy|vaccine|formulation|supplement|program)s?\b)")
# The same nouns capitalized, as part of the name: "SmartShunt System".
_NAME_BEFORE_NAMED_NOUN = re.compile(
    _PRODUCT_NAME_WORDS + r"(?=(?:Platform|System|Device|Test|Kit|App|Software|Assay|Suite|"
    r"Sensor|Monitor|Implant)s?\b)")


_LEADING_FUNCTION = re.compile(r"^(?:(?:The|Its|Our|Their|A|An|Of|And|With|Using|Through|"
                               r"Including|Both|New)\s+)+")
