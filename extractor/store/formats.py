"""RDF file formats the store loads and exports, told by file name extension."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError

# Formats told by file extension; the ones without named graphs get the union of all graphs.
EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}


def format_named(name: str) -> ox.RdfFormat:
    """The RDF format an extension-like name asks for ("ttl", ".nq", "jsonld")."""
    return format_for("export." + name.lower().lstrip("."))


def format_for(path: str | os.PathLike[str]) -> ox.RdfFormat:
    """The RDF format a file name asks for, or StoreError listing the known extensions."""
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_FORMATS:
        known = ", ".join(sorted(EXPORT_FORMATS))
        raise StoreError(f"{path}: unknown RDF file extension {suffix!r}; use one of {known}")
    return EXPORT_FORMATS[suffix]
