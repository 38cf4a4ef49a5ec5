"""Refuse RDF/XML whose DTD would expand entities without bound or reach outside the file."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

# RDF/XML files use internal entities as namespace shorthands (<!ENTITY xsd "http://...#">),
# so entities are allowed, but expansion is bounded: the whole document may grow by at most
# this much, and one entity's value may nest others at most this deep.
MAX_ENTITY_EXPANSION_BYTES = 16 << 20
MAX_ENTITY_NESTING = 8
# The DOCTYPE sits in the prolog; a prolog larger than this is not an RDF file's.
_PROLOG_BYTES = 1 << 20
_CHUNK = 1 << 20

_DOCTYPE = re.compile(rb"<!DOCTYPE\s+[^\s\[>]+\s*(?P<external>(?:SYSTEM|PUBLIC)\b[^\[>]*)?"
                      rb"(?:\[(?P<subset>.*?)\]\s*)?>", re.S)
_ENTITY = re.compile(rb"<!ENTITY\s+(?P<parameter>%\s+)?(?P<name>[^\s]+)\s+"
                     rb"(?:(?P<external>SYSTEM|PUBLIC)\b[^>]*|\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')"
                     rb"\s*>", re.S)
_REFERENCE = re.compile(rb"&([A-Za-z_:][\w.:-]*);")
_PREDEFINED = {b"lt", b"gt", b"amp", b"apos", b"quot"}


class UnsafeXml(ValueError):
    """The file's DTD declares something we refuse to expand or resolve."""


def check_xml_entities(path: str | os.PathLike[str]) -> None:
    """Raise UnsafeXml if parsing the file would resolve external entities or a DTD, or
    expand internal entities past MAX_ENTITY_EXPANSION_BYTES (a billion-laughs file)."""
    with Path(path).open("rb") as handle:
        prolog = handle.read(_PROLOG_BYTES)
        doctype = _DOCTYPE.search(prolog)
        if doctype is None:
            return
        if doctype.group("external"):
            raise UnsafeXml("it names an external DTD, which is never fetched: refused")
        entities = _declared_entities(doctype.group("subset") or b"")
        if not entities:
            return
        sizes: dict[bytes, int] = {}
        for name in entities:
            _expanded_size(name, entities, (), sizes)
        # Count the references in the document itself, chunk by chunk.
        handle.seek(doctype.end())
        growth = 0
        for name in _references(handle):
            growth += sizes.get(name, 0)
            if growth > MAX_ENTITY_EXPANSION_BYTES:
                raise UnsafeXml(f"its entities expand to more than "
                                f"{MAX_ENTITY_EXPANSION_BYTES >> 20} MB: refused as an entity "
                                "expansion bomb")


def _references(handle: BinaryIO) -> Iterator[bytes]:
    """The names of the entity references in the rest of a file, read a chunk at a time."""
    tail = b""
    while True:
        chunk = handle.read(_CHUNK)
        data = tail + chunk
        # Hold back a reference that may run on into the next chunk.
        cut = data.rfind(b"&")
        if chunk and cut > len(data) - 256:
            data, tail = data[:cut], data[cut:]
        else:
            tail = b""
        for match in _REFERENCE.finditer(data):
            yield match.group(1)
        if not chunk:
            return


def _declared_entities(subset: bytes) -> dict[bytes, bytes]:
    entities: dict[bytes, bytes] = {}
    for match in _ENTITY.finditer(subset):
        name = match.group("name")
        if match.group("parameter"):
            raise UnsafeXml(f"it declares the parameter entity %{name.decode(errors='replace')}"
                            ": refused")
        if match.group("external"):
            raise UnsafeXml(f"it declares the external entity {name.decode(errors='replace')}, "
                            "which is never resolved: refused")
        entities[name] = match.group("dq") if match.group("dq") is not None else match.group(
            "sq") or b""
    return entities


def _expanded_size(name: bytes, entities: dict[bytes, bytes], chain: tuple[bytes, ...],
                   sizes: dict[bytes, int]) -> int:
    """The length of an entity once expanded, remembered in `sizes` (each is worked out once,
    so nested entities cost linear time however much they would expand)."""
    if name in sizes:
        return sizes[name]
    if name in chain:
        raise UnsafeXml(f"the entity {name.decode(errors='replace')} refers to itself: refused")
    if len(chain) >= MAX_ENTITY_NESTING:
        raise UnsafeXml(f"entities nest more than {MAX_ENTITY_NESTING} deep: refused")
    value = entities[name]
    size = len(value)
    for match in _REFERENCE.finditer(value):
        inner = match.group(1)
        if inner in entities:
            size += _expanded_size(inner, entities, (*chain, name), sizes) - len(match.group(0))
        if size > MAX_ENTITY_EXPANSION_BYTES:
            raise UnsafeXml(f"the entity {name.decode(errors='replace')} expands to more than "
                            f"{MAX_ENTITY_EXPANSION_BYTES >> 20} MB: refused as an entity "
                            "expansion bomb")
    sizes[name] = size
    return size
