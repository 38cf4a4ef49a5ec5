"""Write a form's Item sections into a named graph: each with its items, title and span."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from ..edgar.items import item_from_code
from ..text.items import ItemSection
from ..text.plain import PlainText
from .graph import NamedGraph, add_item, item_node, literal, node
from .vocab import OX_EKG as EKG
from .vocab import OX_OA as OA
from .vocab import OX_RDF as RDF


def add_item_sections(graph: NamedGraph, document: ox.NamedNode, plain: PlainText,
                      sections: Iterable[ItemSection], scheme: str) -> int:
    """Record each section as an ekg:ItemSection of `document`; return how many there were.

    A section is a segment of the document in the W3C Web Annotation sense (oa:hasSource and
    an oa:TextPositionSelector), its offsets into the document's source as the input holds
    it, like the evidence of release facts. Its items are the shared ekg:Item nodes the
    header's items use, described here unless the graph describes them already.
    """
    described = {s for s, p, o in graph.triples if p == RDF.type and o == EKG.Item}
    count = 0
    for index, section in enumerate(sections):
        count += 1
        subject = node(f"{document.value}/item-section/{index}")
        graph.add((document, EKG.hasItemSection, subject))
        graph.add((subject, RDF.type, EKG.ItemSection))
        for code in section.codes:
            item = item_from_code(code, scheme)
            target = item_node(scheme, item.code or code)
            if target not in described:
                described.add(add_item(graph, item, target))
            graph.add((subject, EKG.item, target))
        if section.title:
            graph.add((subject, EKG.itemTitle, literal(section.title)))
        start, end = plain.source_span(section.start, section.end)
        position = node(f"{subject.value}/position")
        graph.add((subject, OA.hasSource, document))
        graph.add((subject, OA.hasSelector, position))
        graph.add((position, RDF.type, OA.TextPositionSelector))
        graph.add((position, OA.start, literal(start)))
        graph.add((position, OA.end, literal(end)))
    return count
