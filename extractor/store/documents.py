"""Stored documents found by what a user knows of them: accession, source file, graph IRI."""

from __future__ import annotations

import os

import pyoxigraph as ox

from ..rdf.vocab import OX_EKG as EKG
from .embedded import KnowledgeStore


def stored_graphs(store: KnowledgeStore, identifier: str) -> list[str]:
    """The source graphs of a filing's accession number, of an input file (its path, or its
    name alone when one stored file has it), or the graph of that IRI; [] if none."""
    graphs = store.filing_graphs(identifier)
    if graphs:
        return graphs
    text = identifier.strip()
    if "://" in text or text.startswith("urn:"):
        try:
            name = ox.NamedNode(text)
        except ValueError:
            return []
        return [text] if store.store.contains_named_graph(name) else []
    found = set()
    for quad in store.store.quads_for_pattern(None, EKG.sourceFile, None, None):
        source = quad.object.value
        if source == text or os.path.basename(source) == os.path.basename(text) == text:
            if isinstance(quad.graph_name, ox.NamedNode) and quad.subject == quad.graph_name:
                found.add(quad.graph_name.value)
    return sorted(found)
