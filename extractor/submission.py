"""Split an EDGAR submission into its header text and its <DOCUMENT>s."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .records import Document

# Document types whose bodies are images, archives or spreadsheets: recorded, body skipped.
BINARY_TYPES = frozenset({"GRAPHIC", "ZIP", "EXCEL", "PDF", "XLSX", "JPG", "GIF", "PNG"})
BINARY_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".gif", ".png", ".zip", ".xls", ".xlsx", ".bmp")

_DOC_META = re.compile(r"<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>([^<\r\n]*)")
_HEADER_END = re.compile(r"</(?:SEC|IMS)-HEADER>")


def split_header(text: str) -> tuple[str, int]:
    """Return the header text and the offset where the documents start."""
    end = _HEADER_END.search(text)
    first_doc = text.find("<DOCUMENT>")
    if end and (first_doc < 0 or end.start() < first_doc):
        return text[: end.end()], end.end()
    if first_doc >= 0:
        return text[:first_doc], first_doc
    return text, len(text)


def is_binary(doc_type: str | None, filename: str | None, body: str) -> bool:
    """Whether a document is an image, archive or spreadsheet, by type, name or content."""
    if doc_type and doc_type.upper() in BINARY_TYPES:
        return True
    if filename and filename.lower().endswith(BINARY_EXTENSIONS):
        return True
    start = body.lstrip()[:16]
    return start.startswith(("begin 6", "begin 7", "<PDF>", "%PDF"))


def iter_documents(text: str, start: int = 0) -> Iterator[Document]:
    """Yield each <DOCUMENT> from `start` on; a truncated last document is yielded as found."""
    position = text.find("<DOCUMENT>", start)
    while position >= 0:
        meta_start = position + len("<DOCUMENT>")
        text_tag = text.find("<TEXT>", meta_start)
        doc_end = text.find("</DOCUMENT>", meta_start)
        next_doc = text.find("<DOCUMENT>", meta_start)
        limit = min((p for p in (doc_end, next_doc) if p >= 0), default=len(text))
        meta_end = text_tag if 0 <= text_tag < limit else limit
        meta = {key: value.strip() for key, value in _DOC_META.findall(text, meta_start, meta_end)}
        body = ""
        if 0 <= text_tag < limit:
            body_start = text_tag + len("<TEXT>")
            body_end = text.find("</TEXT>", body_start, limit)
            body = text[body_start: body_end if body_end >= 0 else limit]
        sequence = meta.get("SEQUENCE", "")
        doc_type = meta.get("TYPE") or None
        filename = meta.get("FILENAME") or None
        binary = is_binary(doc_type, filename, body)
        yield Document(
            sequence=int(sequence) if sequence.isdigit() else None,
            type=doc_type,
            filename=filename,
            description=meta.get("DESCRIPTION") or None,
            text=None if binary else body,
            is_binary=binary,
            size=len(body),
        )
        position = next_doc if next_doc >= 0 and (doc_end < 0 or next_doc > doc_end) else (
            text.find("<DOCUMENT>", doc_end) if doc_end >= 0 else -1
        )
