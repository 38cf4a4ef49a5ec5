"""Split an EDGAR submission into its header and its <DOCUMENT>s, streaming from bytes."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import HeaderError

# Document types whose bodies are images, archives or spreadsheets: recorded, body skipped.
BINARY_TYPES = frozenset({"GRAPHIC", "ZIP", "EXCEL", "PDF", "XLSX", "JPG", "GIF", "PNG"})
BINARY_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".gif", ".png", ".zip", ".xls", ".xlsx", ".bmp")

# Bytes read from the input at a time: a 200 MB submission never sits in memory whole.
CHUNK_BYTES = 1 << 20
# The largest SEC header: the biggest real ones (13F and SC 13G group filings listing
# hundreds of parties) are a few MB.
MAX_HEADER_BYTES = 32 << 20
# The largest document body whose text is kept for reading; a bigger one is counted only.
# Press releases are well under 1 MB; the 20 MB slow test release still fits.
MAX_DOCUMENT_TEXT_BYTES = 32 << 20
# Metadata lines (<TYPE>, <SEQUENCE>, ...) before <TEXT>: anything past this is not metadata.
_MAX_META_BYTES = 64 << 10

_DOC_META = re.compile(r"<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>([^<\r\n]*)")

_DOCUMENT = b"<DOCUMENT>"
_DOCUMENT_END = b"</DOCUMENT>"
_TEXT = b"<TEXT>"
_TEXT_END = b"</TEXT>"
_HEADER_ENDS = (b"</SEC-HEADER>", b"</IMS-HEADER>")

@dataclass(slots=True)
class Document:
    """One <DOCUMENT> of a submission; binary bodies are recorded but not kept."""

    sequence: int | None
    type: str | None
    filename: str | None = None
    description: str | None = None
    text: str | None = None
    is_binary: bool = False
    size: int = 0  # bytes of the body as it stood in the submission
    genre: str | None = None  # extractor.text.genres name, told when the body was read
    truncated: bool = False  # only the head of the body was kept (see KeepText)



# Whether to keep a document's body, from its type and file name: True for all of it (up to
# MAX_DOCUMENT_TEXT_BYTES), a number for only its first bytes, False for none.
KeepText = Callable[[str | None, str | None], bool | int]


def split_header(text: str) -> tuple[str, int]:
    """Return the header text and the offset where the documents start."""
    # Two plain finds, not a regex: each header is split once, and the regex scan cost as
    # much as a tenth of parsing the header it found.
    end = text.find("</SEC-HEADER>")
    ims_end = text.find("</IMS-HEADER>", 0, end if end >= 0 else len(text))
    if ims_end >= 0:
        end = ims_end
    first_doc = text.find("<DOCUMENT>")
    if end >= 0 and (first_doc < 0 or end < first_doc):
        end += len("</SEC-HEADER>")  # the IMS tag is as long
        return text[:end], end
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


def decode_text(data: bytes) -> str:
    """Decode one header or document body: UTF-8 (BOM or not) if it is that, else Windows-1252.

    Each part of a submission is decoded on its own: filing agents mix encodings between
    documents, and one cp1252 exhibit must not turn a UTF-8 main document into mojibake.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class _Scanner:
    """Find markers in a byte stream chunk by chunk, including across chunk boundaries."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.buffer = b""
        self.position = 0
        self.at_eof = False

    def _fill(self) -> bool:
        if self.at_eof:
            return False
        chunk = self.stream.read(CHUNK_BYTES)
        if not chunk:
            self.at_eof = True
            return False
        self.buffer = self.buffer[self.position:] + chunk
        self.position = 0
        return True

    def peek(self, size: int) -> bytes:
        """Up to `size` bytes from the current position, without consuming them."""
        while len(self.buffer) - self.position < size and self._fill():
            pass
        return self.buffer[self.position: self.position + size]

    def scan_to(self, markers: tuple[bytes, ...], sink: Callable[[bytes], None] | None
                ) -> bytes | None:
        """Pass the bytes before the earliest marker to `sink`; stop at that marker.

        Returns the marker found (not consumed), or None when the input ended first.
        """
        keep = max(len(marker) for marker in markers) - 1
        while True:
            found, at = None, -1
            for marker in markers:
                index = self.buffer.find(marker, self.position)
                if index >= 0 and (at < 0 or index < at):
                    found, at = marker, index
            if found is not None:
                if sink is not None and at > self.position:
                    sink(self.buffer[self.position: at])
                self.position = at
                return found
            # Keep a marker's length minus one byte: a marker may straddle two chunks.
            safe = max(self.position, len(self.buffer) - keep)
            if sink is not None and safe > self.position:
                sink(self.buffer[self.position: safe])
            self.position = safe
            if not self._fill():
                if sink is not None and len(self.buffer) > self.position:
                    sink(self.buffer[self.position:])
                self.position = len(self.buffer)
                return None

    def consume(self, marker: bytes) -> None:
        self.position += len(marker)


class _Collector:
    """Gathers a body's bytes up to a limit; past it, only counts them."""

    def __init__(self, limit: int, head: bool = False) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit
        self.head = head  # keep the first `limit` bytes rather than nothing past the limit
        self.overflowed = False

    def __call__(self, data: bytes) -> None:
        kept = self.size
        self.size += len(data)
        if self.size <= self.limit:
            if not self.overflowed:
                self.parts.append(data)
        elif self.head:
            if kept < self.limit:
                self.parts.append(data[:self.limit - kept])
        else:
            self.overflowed = True
            self.parts = []

    def value(self) -> bytes:
        return b"".join(self.parts)


def read_header(scanner: _Scanner) -> bytes:
    """The header's bytes: up to its end tag (included) or the first <DOCUMENT>."""
    header = _Collector(MAX_HEADER_BYTES)
    found = scanner.scan_to((*_HEADER_ENDS, _DOCUMENT), header)
    if header.overflowed:
        raise HeaderError(f"no end of the SEC header within its first {MAX_HEADER_BYTES >> 20} "
                          "MB: not a submission header")
    if found in _HEADER_ENDS:
        scanner.consume(found)
        header(found)
    return header.value()


def read_documents(scanner: _Scanner, keep_text: KeepText | None = None
                   ) -> Iterator[Document]:
    """Yield each <DOCUMENT> from the scanner's position on, as its bytes stream past.

    A document's body is kept (decoded) only if it is not binary and `keep_text(type,
    filename)` says so (every text body when `keep_text` is None) and it is at most
    MAX_DOCUMENT_TEXT_BYTES; every other body is counted and dropped as it is read. A
    document cut short by the end of the input is yielded as found.
    """
    while scanner.scan_to((_DOCUMENT,), None) is not None:
        scanner.consume(_DOCUMENT)
        meta = _Collector(_MAX_META_BYTES)
        found = scanner.scan_to((_TEXT, _DOCUMENT_END, _DOCUMENT), meta)
        fields = {key: value.strip() for key, value in
                  _DOC_META.findall(decode_text(meta.value()))}
        doc_type = fields.get("TYPE") or None
        filename = fields.get("FILENAME") or None
        sequence = fields.get("SEQUENCE", "")
        binary, text, size, truncated = False, None, 0, False
        if found == _TEXT:
            scanner.consume(_TEXT)
            start = scanner.peek(4096).decode("latin-1")
            binary = is_binary(doc_type, filename, start)
            keep = True if keep_text is None else keep_text(doc_type, filename)
            wanted = not binary and keep is not False and keep != 0
            head = keep if wanted and keep is not True else None
            body = _Collector(min(head, MAX_DOCUMENT_TEXT_BYTES) if head else
                              MAX_DOCUMENT_TEXT_BYTES if wanted else 0, head=head is not None)
            found = scanner.scan_to((_TEXT_END, _DOCUMENT_END, _DOCUMENT), body)
            size = body.size
            if wanted and not body.overflowed:
                text = decode_text(body.value())
                truncated = body.head and body.size > body.limit
            if found == _TEXT_END:
                found = scanner.scan_to((_DOCUMENT_END, _DOCUMENT), None)
        if found == _DOCUMENT_END:
            scanner.consume(_DOCUMENT_END)
        yield Document(
            sequence=int(sequence) if sequence.isdecimal() else None,
            type=doc_type,
            filename=filename,
            description=fields.get("DESCRIPTION") or None,
            text=text,
            is_binary=binary,
            size=size,
            truncated=truncated,
        )


def stream_submission(stream: BinaryIO, keep_text: KeepText | None = None
                      ) -> tuple[str, Iterator[Document]]:
    """A submission read from a binary stream: its header text, and its documents lazily."""
    scanner = _Scanner(stream)
    header = decode_text(read_header(scanner))
    return header, read_documents(scanner, keep_text)


def read_documents_stream(stream: BinaryIO, keep_text: KeepText | None = None
                          ) -> Iterator[Document]:
    """The <DOCUMENT>s of a stream with no header (a bare document file), lazily."""
    return read_documents(_Scanner(stream), keep_text)


def iter_documents(text: str, start: int = 0) -> Iterator[Document]:
    """Yield each <DOCUMENT> of a decoded text from `start` on, every text body kept."""
    scanner = _Scanner(io.BytesIO(text[start:].encode("utf-8", errors="surrogatepass")))
    return read_documents(scanner)
