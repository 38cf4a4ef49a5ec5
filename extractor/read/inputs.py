"""Find inputs (files, folders, stdin, archives) and tell each one's kind from its content."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import re
import stat
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

import zstandard

from ..errors import InputError

# Kinds of input, told by content, never by file extension.
SUBMISSION = "submission"  # <SEC-DOCUMENT>/<SEC-HEADER> tab dialect, or a header-only file
ANGLE_SUBMISSION = "angle-submission"  # <SUBMISSION> angle dialect (.nc, .hdr.sgml)
BARE_DOCUMENTS = "documents"  # <DOCUMENT>s with no header
INDEX_HEADERS = "index-headers"  # EDGAR's -index-headers.html page
SUBMISSIONS_JSON = "submissions-json"  # data.sec.gov CIK##########.json
BUNDLE = "bundle"  # a tar of one filing: metadata.json (the header as JSON) plus its documents
PRESS_RELEASE = "press-release"  # a standalone press release in HTML, markdown or text

# A standalone text is taken for a press release only if it carries one of these signs.
_PRESS_RELEASE_SIGNS = re.compile(
    r"(\b(?:NASDAQ|NYSE|OTCQB|OTCQX|OTC|TSX|TSXV|ASX|LSE|AIM|Nasdaq|Euronext)\s*(?:American)?\s*:\s*[A-Z.]{1,6}\b"
    r"|\btoday announced\b|\bannounced today\b|\bannounces?\b|\bPRNewswire\b|\bGLOBE NEWSWIRE\b"
    r"|\bBusiness Wire\b|\bBUSINESS WIRE\b|\bACCESSWIRE\b|\bNEWMEDIAWIRE\b"
    r"|\bNews Direct\b|\bNewsworthy\.ai\b|\b24-7PressRelease\b|\bEIN Presswire\b"
    r"|\bPR Newswire\b|\bpress release\b|\bagreement (?:with|between)\b"
    r"|\b[A-Z][A-Za-z.]+(?:,\s*[A-Z][A-Za-z.]+)?\s*[,/-]+\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
    r"Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s*\d{4})",
)

# Inputs up to this size are read into memory; larger ones stream from their file (or from
# a private temporary file, when they come out of a compressed file or an archive).
IN_MEMORY_BYTES = 16 << 20
# Bounded decompression. Real EDGAR text compresses at most about 30:1 (the corpus' most
# repetitive multi-filer header: 31:1), so output past 200 times the compressed size marks a
# bomb; below 1 MB any ratio is harmless. No input file expands past 4 GB in all.
MAX_EXPANSION_RATIO = 200
EXPANSION_FLOOR_BYTES = 1 << 20
MAX_DECOMPRESSED_BYTES = 4 << 30
# Archives inside archives deeper than this are refused (nested bombs such as 42.zip).
MAX_ARCHIVE_DEPTH = 3
# A datamule bundle member (one document of one filing) is read whole.
MAX_BUNDLE_MEMBER_BYTES = 256 << 20
_COPY_CHUNK = 1 << 20
# Bytes read to tell an input's kind before deciding to stream it.
PROBE_BYTES = 64 << 10
# Inputs other than submissions (press releases, JSON, index pages) are read whole, up to this.
MAX_TEXT_INPUT_BYTES = 64 << 20


def base_name(source: str) -> str:
    """The file name of an input's display name, whichever separator its path uses."""
    return source.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(slots=True)
class Source:
    """One input to extract: its display name and content, or a bundle's members.

    Small inputs carry their bytes; a large one carries the path of the file it is (`path`)
    or a private temporary file it was decompressed into (`spool`), and is read as a stream.
    """

    name: str
    data: bytes = b""
    members: dict[str, bytes] = field(default_factory=dict)
    path: Path | None = None
    spool: BinaryIO | None = None

    def open(self) -> BinaryIO:
        """A binary stream over the content, from its start."""
        if self.path is not None:
            return self.path.open("rb")
        if self.spool is not None:
            self.spool.seek(0)
            return _Unclosable(self.spool)
        return io.BytesIO(self.data)

    def read_all(self, limit: int) -> bytes:
        """The whole content, or InputError when it is over `limit` bytes."""
        if self.path is None and self.spool is None:
            data = self.data
        else:
            with self.open() as stream:
                data = stream.read(limit + 1)
        if len(data) > limit:
            raise InputError(self.name, f"over {limit >> 20} MB: too large for this kind of "
                             "input (only submissions are read as a stream)", stage="read")
        return data

    def __reduce__(self) -> tuple[type[Source], tuple[str, bytes, dict[str, bytes],
                                                      Path | None]]:
        # A spooled temporary file cannot cross to a worker process: its bytes go instead
        # (only standard input, read by the parent, is ever sent that way).
        data = self.read_all(MAX_DECOMPRESSED_BYTES) if self.spool is not None else self.data
        return (Source, (self.name, data, self.members, self.path))


class _Unclosable(io.BufferedIOBase):
    """A view of a spooled file that leaves it open when closed, so it can be read again."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        return self._raw.read(-1 if size is None else size)

    def read1(self, size: int = -1) -> bytes:
        return self._raw.read(size)


def decode(data: bytes) -> str:
    """Decode EDGAR bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def detect_kind(name: str, text: str) -> str:
    """Tell what kind of input a decoded text is; raises InputError for anything else."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise InputError(name, "the file is empty", stage="detect")
    probe = stripped[:8192]
    if "\x00" in probe:
        raise InputError(name, "binary content (NUL bytes), not an EDGAR file or text",
                         stage="detect")
    if probe[0] in "{[":
        return _json_kind(name, stripped)
    upper = probe.upper()
    # Index pages carry an angle-dialect header in a comment: tell them apart first.
    if ("<SEC-HEADER>" in upper or "<IMS-HEADER>" in upper) and (
        upper.startswith(("<HTML", "<!DOCTYPE")) or "&LT;SEC-HEADER&GT;" in upper
    ):
        return INDEX_HEADERS
    if "<SUBMISSION>" in upper[:512] or "<ACCESSION-NUMBER>" in upper[:2048]:
        return ANGLE_SUBMISSION
    if (
        "<SEC-DOCUMENT>" in upper
        or "<SEC-HEADER>" in upper
        or "<IMS-DOCUMENT>" in upper
        or "<IMS-HEADER>" in upper
        or "ACCESSION NUMBER:" in upper[:2048]
    ):
        return SUBMISSION
    if upper.startswith("<DOCUMENT>"):
        return BARE_DOCUMENTS
    if _PRESS_RELEASE_SIGNS.search(stripped[:20000]):
        return PRESS_RELEASE
    raise InputError(
        name,
        "not an EDGAR submission, header, submissions JSON or press release "
        "(no SEC header, <DOCUMENT>, dateline, ticker or announcement found)",
        stage="detect",
    )


def probe_kind(name: str, probe: bytes, complete: bool) -> str | None:
    """The kind of an input told from its first bytes (`complete` when that is all of it).

    None for a JSON-looking probe that is not the whole input: JSON is told only from the
    whole text, so the caller reads the rest and asks `detect_kind`.
    """
    text = decode(probe)
    if not complete and text.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        return None
    return detect_kind(name, text)


class Readable(Protocol):
    """Anything with a binary read(size): files, archive members, the wrappers below."""

    def read(self, size: int = -1, /) -> bytes: ...


class Prefixed:
    """A stream whose first bytes were already read: gives them back, then the rest."""

    def __init__(self, prefix: bytes, rest: Readable) -> None:
        self._prefix = prefix
        self._rest = rest

    def read(self, size: int = -1, /) -> bytes:
        if self._prefix:
            if size < 0:
                data, self._prefix = self._prefix + self._rest.read(), b""
                return data
            data, self._prefix = self._prefix[:size], self._prefix[size:]
            return data
        return self._rest.read(size)


class HashingReader:
    """Passes a stream's bytes through and keeps their SHA-256."""

    def __init__(self, stream: Readable) -> None:
        self._stream = stream
        self._hash = hashlib.sha256()

    def read(self, size: int = -1, /) -> bytes:
        data = self._stream.read(size)
        self._hash.update(data)
        return data

    def hexdigest(self) -> str:
        """The digest of the whole stream: what was not read yet is read (and dropped) first."""
        while self.read(_COPY_CHUNK):
            pass
        return self._hash.hexdigest()


class _Utf16AsUtf8:
    """A UTF-16 (BOM) stream re-encoded as UTF-8 on the fly, so the byte scanner can read it."""

    def __init__(self, stream: Readable) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
        self._stream = stream
        self._pending = b""

    def read(self, size: int = -1, /) -> bytes:
        while size < 0 or len(self._pending) < size:
            raw = self._stream.read(_COPY_CHUNK if size < 0 else max(size, 4096))
            self._pending += self._decoder.decode(raw, final=not raw).encode("utf-8")
            if not raw:
                break
        if size < 0:
            data, self._pending = self._pending, b""
        else:
            data, self._pending = self._pending[:size], self._pending[size:]
        return data


def utf8_stream(stream: Readable) -> Readable:
    """The stream itself, or re-encoded to UTF-8 when it starts with a UTF-16 BOM."""
    head = stream.read(2)
    prefixed = Prefixed(head, stream)
    if head in (b"\xff\xfe", b"\xfe\xff"):
        return _Utf16AsUtf8(prefixed)
    return prefixed


def _json_kind(name: str, text: str) -> str:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError(name, f"invalid JSON: {exc}", stage="detect") from None
    if isinstance(data, dict) and "cik" in data and ("formerNames" in data or "filings" in data):
        return SUBMISSIONS_JSON
    if isinstance(data, dict) and "accession-number" in data:
        return BUNDLE
    raise InputError(
        name, "JSON, but neither an SEC submissions file (cik, formerNames) nor a filing header",
        stage="detect",
    )


def _is_zstd(head: bytes) -> bool:
    return head.startswith(b"\x28\xb5\x2f\xfd")


def _is_gzip(head: bytes) -> bool:
    return head.startswith(b"\x1f\x8b")


def _is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _is_tar(head: bytes) -> bool:
    return len(head) > 262 and head[257:262] == b"ustar"


# What reading a damaged archive or compressed stream raises.
_CORRUPT = (OSError, EOFError, ValueError, zipfile.BadZipFile, tarfile.TarError,
            zstandard.ZstdError)


class _TooLarge(Exception):
    """Decompression went past the budget of the input it came from."""


class _Budget:
    """The bytes one input file may decompress to, shared by every layer and member in it.

    A single budget per file catches nested archives and zips whose many entries all point
    at one compressed block, which a per-member check would let through.
    """

    def __init__(self, compressed_size: int) -> None:
        self.limit = min(max(MAX_EXPANSION_RATIO * compressed_size, EXPANSION_FLOOR_BYTES),
                         MAX_DECOMPRESSED_BYTES)
        self.used = 0

    def take(self, count: int) -> None:
        self.used += count
        if self.used > self.limit:
            raise _TooLarge(self.limit)


# A blob is content already read: bytes, or a private temporary file for large content.
Blob = bytes | BinaryIO


def _spool(stream: BinaryIO, budget: _Budget | None) -> Blob:
    """Copy a (decompressing) stream into memory, or into a private temporary file when it
    is large; `budget` counts decompressed bytes and stops a bomb partway."""
    parts: list[bytes] = []
    held = 0
    spool: BinaryIO | None = None
    while chunk := stream.read(_COPY_CHUNK):
        if budget is not None:
            budget.take(len(chunk))
        elif held + len(chunk) > MAX_DECOMPRESSED_BYTES:
            raise _TooLarge(MAX_DECOMPRESSED_BYTES)
        held += len(chunk)
        if spool is not None:
            spool.write(chunk)
            continue
        parts.append(chunk)
        if held > IN_MEMORY_BYTES:
            # An unnamed temporary file (unlinked at once on POSIX): nothing else can open it,
            # and it is gone when closed or when the process dies.
            spool = tempfile.TemporaryFile(prefix="edgar-kg-")
            for part in parts:
                spool.write(part)
            parts = []
    if spool is None:
        return b"".join(parts)
    spool.seek(0)
    return spool


def _head(blob: Blob) -> bytes:
    if isinstance(blob, bytes):
        return blob[:512]
    blob.seek(0)
    head = blob.read(512)
    blob.seek(0)
    return head


def _as_stream(blob: Blob) -> BinaryIO:
    return io.BytesIO(blob) if isinstance(blob, bytes) else blob


def _sources_in(name: str, blob: Blob, budget: _Budget, depth: int = 0
                ) -> Iterator[Source | InputError]:
    """The sources in one blob: itself, or the members of the archive it is."""
    head = _head(blob)
    if not (_is_gzip(head) or _is_zstd(head) or _is_zip(head) or _is_tar(head)):
        if isinstance(blob, bytes):
            yield Source(name, blob)
        else:
            yield Source(name, spool=blob)
        return
    if depth >= MAX_ARCHIVE_DEPTH:
        yield InputError(name, f"archives nested more than {MAX_ARCHIVE_DEPTH} deep: refused",
                         stage="read")
        return
    stream = _as_stream(blob)
    try:
        if _is_gzip(head):
            inner = _spool(gzip.GzipFile(fileobj=stream, mode="rb"), budget)
            yield from _sources_in(_gunzipped_name(name), inner, budget, depth + 1)
        elif _is_zstd(head):
            inner = _spool(_zstd_reader(stream), budget)
            inner_name = name[:-4] if name.endswith(".zst") else name + "!unzstd"
            yield from _sources_in(inner_name, inner, budget, depth + 1)
        elif _is_zip(head):
            yield from _zip_sources(name, stream, budget, depth)
        else:
            yield from _tar_sources(name, stream, budget, depth)
    except _CORRUPT as exc:
        yield InputError(name, f"corrupt or truncated archive: {exc}", stage="read")


def _zstd_reader(stream: BinaryIO) -> BinaryIO:
    return zstandard.ZstdDecompressor().stream_reader(stream, read_across_frames=True)


def decompress_member(data: bytes, budget: _Budget) -> bytes:
    """Bundle members may be zstd-compressed (datamule archives): return them plain."""
    if not _is_zstd(data[:4]):
        return data
    plain = _spool(_zstd_reader(io.BytesIO(data)), budget)
    return plain if isinstance(plain, bytes) else plain.read()


def _gunzipped_name(name: str) -> str:
    """a.txt.gz -> a.txt, a.tgz -> a.tar; otherwise say the member was gunzipped."""
    if name.endswith(".gz"):
        return name[:-3]
    if name.endswith(".tgz"):
        return name[:-4] + ".tar"
    return name + "!gunzip"


def _unsafe_member_name(member: str) -> str | None:
    """Why an archive member's name is refused, or None: we never write members to disk, but
    a name that climbs out of its folder or is absolute marks a hostile archive."""
    path = member.replace("\\", "/")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        return "its path is absolute"
    if ".." in path.split("/"):
        return "its path climbs out of the archive (..)"
    if any(ord(char) < 32 for char in member):
        return "its name holds control characters"
    return None


def _printable(member: str) -> str:
    """A member name fit for a one-line message: control characters escaped."""
    return "".join(char if ord(char) >= 32 else f"\\x{ord(char):02x}" for char in member)


def _zip_sources(name: str, stream: BinaryIO, budget: _Budget, depth: int
                 ) -> Iterator[Source | InputError]:
    with zipfile.ZipFile(stream) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            member = f"{name}!{_printable(info.filename)}"
            mode = info.external_attr >> 16
            refusal = _unsafe_member_name(info.filename)
            if refusal is None and stat.S_ISLNK(mode):
                refusal = "it is a symbolic link"
            elif refusal is None and stat.S_IFMT(mode) and not stat.S_ISREG(mode):
                refusal = "it is a device or other special file"
            elif refusal is None and info.flag_bits & 0x1:
                refusal = "it is encrypted"
            if refusal:
                yield InputError(member, f"archive member refused: {refusal}", stage="read")
                continue
            try:
                with archive.open(info) as handle:
                    blob = _spool(handle, budget)
            except (*_CORRUPT, NotImplementedError) as exc:
                yield InputError(member, f"corrupt archive member: {exc}", stage="read")
                continue
            yield from _sources_in(member, blob, budget, depth + 1)


def _tar_member_refusal(member: tarfile.TarInfo) -> str | None:
    refusal = _unsafe_member_name(member.name)
    if refusal:
        return refusal
    if member.issym() or member.islnk():
        return "it is a link"
    if member.isdev():
        return "it is a device or other special file"
    if member.issparse():
        return "it is a sparse file"
    return None


def _tar_sources(name: str, stream: BinaryIO, budget: _Budget, depth: int
                 ) -> Iterator[Source | InputError]:
    with tarfile.open(fileobj=stream, mode="r:") as archive:
        members = [m for m in archive.getmembers() if not m.isdir()]
    if any(m.isfile() and base_name(m.name) == "metadata.json" for m in members):
        yield from _bundle_source(name, stream, members, budget)
        return
    stream.seek(0)
    with tarfile.open(fileobj=stream, mode="r:") as archive:
        for member in members:
            label = f"{name}!{_printable(member.name)}"
            refusal = _tar_member_refusal(member)
            if refusal:
                yield InputError(label, f"archive member refused: {refusal}", stage="read")
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            # A tar member is stored, not compressed: bounded by the tar's own size.
            yield from _sources_in(label, _spool(handle, None), budget, depth + 1)


def _bundle_source(name: str, stream: BinaryIO, members: list[tarfile.TarInfo],
                   budget: _Budget) -> Iterator[Source | InputError]:
    """One filing split into files (a datamule bundle): the header travels as JSON."""
    contents: dict[str, bytes] = {}
    stream.seek(0)
    with tarfile.open(fileobj=stream, mode="r:") as archive:
        for member in members:
            refusal = _tar_member_refusal(member)
            if refusal:
                yield InputError(f"{name}!{_printable(member.name)}",
                                 f"archive member refused: {refusal}", stage="read")
                continue
            if member.size > MAX_BUNDLE_MEMBER_BYTES:
                yield InputError(f"{name}!{_printable(member.name)}", "a bundle member over "
                                 f"{MAX_BUNDLE_MEMBER_BYTES >> 20} MB: refused", stage="read")
                return
            handle = archive.extractfile(member)
            if handle is None:
                continue
            try:
                contents[base_name(member.name)] = decompress_member(handle.read(), budget)
            except _CORRUPT as exc:
                yield InputError(f"{name}!{_printable(member.name)}",
                                 f"corrupt archive member: {exc}", stage="read")
                return
    if "metadata.json" not in contents:
        yield InputError(name, "a filing bundle without a readable metadata.json", stage="read")
        return
    yield Source(name, contents.pop("metadata.json"), members=contents)


def sources_from_bytes(name: str, data: bytes) -> Iterator[Source | InputError]:
    """Yield the sources in one blob of bytes: itself, or the members of the archive it is."""
    yield from _bounded(name, lambda budget: _sources_in(name, data, budget), len(data))


def _bounded(name: str, read: Callable[[_Budget], Iterator[Source | InputError]],
             compressed_size: int) -> Iterator[Source | InputError]:
    """Run a reader under one decompression budget; a bomb stops that input, not the batch."""
    budget = _Budget(compressed_size)
    try:
        yield from read(budget)
    except _TooLarge:
        yield InputError(
            name, f"decompresses to more than {budget.limit / (1 << 20):.0f} MB, over "
            f"{MAX_EXPANSION_RATIO} times its own size: refused as a decompression bomb",
            stage="read")


def _walk_folder(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file_name in sorted(files):
            if not file_name.startswith("."):
                yield Path(root) / file_name


def iter_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Source | InputError]:
    """Yield every input under the given paths, one at a time; '-' reads standard input.

    Problems with one path are yielded as InputError so a batch can go on.
    """
    for item in iter_input_files(paths):
        if isinstance(item, Path):
            yield from read_input(item)
        else:
            yield item


def iter_input_files(paths: Iterable[str | os.PathLike[str]]
                     ) -> Iterator[Path | Source | InputError]:
    """The files under the given paths, unread (folders walked in sorted order).

    Standard input ('-') can only be read here, so it comes as its Source; a missing path
    comes as an InputError. Reading a file is left to `read_input`, which a worker process
    can do, so the process that walks a corpus never holds its contents.
    """
    for raw in paths:
        text = os.fspath(raw)
        if text == "-":
            yield from _stdin_sources()
            continue
        path = Path(text)
        if path.is_dir():
            yield from _walk_folder(path)
        elif path.exists():
            yield path
        else:
            yield InputError(text, "no such file or folder", stage="read")


def _stdin_sources() -> Iterator[Source | InputError]:
    try:
        blob = _spool(sys.stdin.buffer, None)
    except _TooLarge:
        yield InputError("<stdin>", f"over {MAX_DECOMPRESSED_BYTES >> 30} GB: refused",
                         stage="read")
        return
    size = len(blob) if isinstance(blob, bytes) else blob.seek(0, io.SEEK_END)
    yield from _bounded("<stdin>", lambda budget: _sources_in("<stdin>", blob, budget), size)


def read_input(path: Path, name: str | None = None) -> Iterator[Source | InputError]:
    """The sources in one file: itself, or the members of the archive it is.

    They are named `name` (the path as the user gave it, by default the path itself). A
    large plain file is not read here: its Source streams from the path.
    """
    name = str(path) if name is None else name
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # Reading a FIFO or a device would block or never end.
            yield InputError(name, "not a regular file (a pipe, socket or device): refused",
                             stage="read")
            return
        with path.open("rb") as handle:
            head = handle.read(512)
            if not (_is_gzip(head) or _is_zstd(head) or _is_zip(head) or _is_tar(head)):
                if info.st_size > IN_MEMORY_BYTES:
                    yield Source(name, path=path)
                else:
                    yield Source(name, head + handle.read())
                return
            handle.seek(0)
            yield from _bounded(name, lambda budget: _sources_in(name, handle, budget),
                                info.st_size)
    except FileNotFoundError:
        yield InputError(name, "no such file or folder", stage="read")
    except OSError as exc:
        yield InputError(name, f"cannot be read: {exc.strerror or exc}", stage="read")
