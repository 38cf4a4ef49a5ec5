"""Products and indications in a press release: drugs, candidates, brands, phases, designations."""

from __future__ import annotations

import re

from .facts import Designation, Indication, Product
from .lexicon import Term
from .organizations import normalize_key
from .sentences import BODY_ROLES, SentenceReader

_BRANDED = re.compile(r"\b([A-Z][A-Za-z0-9\-]+(?:\s+[A-Z][A-Za-z0-9\-]+){0,3})\s?(?:®|™|\(R\)|"
                      r"\(TM\))")


class ProductReader(SentenceReader):
    """Products and indications, with the phases and designations said of each product."""

    def products_and_indications(self) -> tuple[list[Product], list[Indication]]:
        products: dict[str, Product] = {}
        indications: dict[str, Indication] = {}
        org_keys = set(self.names.names)
        for sentence in self.sentences:
            if sentence.role not in BODY_ROLES + ("about",):
                continue
            terms = self.terms(sentence.text)
            sentence_products: list[Product] = []
            for term in terms:
                if term.kind in ("product-code", "drug"):
                    name = product_name(term)
                    if normalize_key(name) in org_keys:
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
            for name in branded_names(sentence.text):
                if normalize_key(name) in org_keys or name.casefold() in products:
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


def product_name(term: Term) -> str:
    return term.value if term.kind == "drug" and term.value else term.text


def branded_names(text: str) -> list[str]:
    names = []
    for match in _BRANDED.finditer(text):
        name = _LEADING_FUNCTION.sub("", match.group(1)).strip()
        if name and len(name) >= 3:
            names.append(name)
    return names


_LEADING_FUNCTION = re.compile(r"^(?:(?:The|Its|Our|Their|A|An|Of|And|With|Using|Through|"
                               r"Including|Both|New)\s+)+")
