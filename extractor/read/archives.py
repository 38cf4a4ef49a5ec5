"""Archives and compressed files (zip, tar, gzip, zstd) opened into sources, within budget."""

from __future__ import annotations

import gzip
import io
import re
import stat
import tarfile
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from typing import BinaryIO

import zstandard

from ..errors import InputError
from .source import IN_MEMORY_BYTES, MAX_DECOMPRESSED_BYTES, Source, base_name
from .streams import COPY_CHUNK

# Bounded decompression. Real EDGAR text compresses at most about 30:1 (the corpus' most
# repetitive multi-filer header: 31:1), so output past 200 times the compressed size marks a
# bomb; below 1 MB any ratio is harmless. No input file expands past MAX_DECOMPRESSED_BYTES.
MAX_EXPANSION_RATIO = 200
EXPANSION_FLOOR_BYTES = 1 << 20
# Archives inside archives deeper than this are refused (nested bombs such as 42.zip).
MAX_ARCHIVE_DEPTH = 3
# A datamule bundle member (one document of one filing) is read whole.
MAX_BUNDLE_MEMBER_BYTES = 256 << 20


def is_zstd(head: bytes) -> bool:
    return head.startswith(b"\x28\xb5\x2f\xfd")


def is_gzip(head: bytes) -> bool:
    return head.startswith(b"\x1f\x8b")


def is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def is_tar(head: bytes) -> bool:
    return len(head) > 262 and head[257:262] == b"ustar"


# What reading a damaged archive or compressed stream raises.
_CORRUPT = (OSError, EOFError, ValueError, zipfile.BadZipFile, tarfile.TarError,
            zstandard.ZstdError)


class TooLarge(Exception):
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
            raise TooLarge(self.limit)


# A blob is content already read: bytes, or a private temporary file for large content.
Blob = bytes | BinaryIO


def spool(stream: BinaryIO, budget: _Budget | None) -> Blob:
    """Copy a (decompressing) stream into memory, or into a private temporary file when it
    is large; `budget` counts decompressed bytes and stops a bomb partway."""
    parts: list[bytes] = []
    held = 0
    spool: BinaryIO | None = None
    while chunk := stream.read(COPY_CHUNK):
        if budget is not None:
            budget.take(len(chunk))
        elif held + len(chunk) > MAX_DECOMPRESSED_BYTES:
            raise TooLarge(MAX_DECOMPRESSED_BYTES)
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


def sources_in(name: str, blob: Blob, budget: _Budget, depth: int = 0
                ) -> Iterator[Source | InputError]:
    """The sources in one blob: itself, or the members of the archive it is."""
    head = _head(blob)
    if not (is_gzip(head) or is_zstd(head) or is_zip(head) or is_tar(head)):
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
        if is_gzip(head):
            inner = spool(gzip.GzipFile(fileobj=stream, mode="rb"), budget)
            yield from sources_in(_gunzipped_name(name), inner, budget, depth + 1)
        elif is_zstd(head):
            inner = spool(_zstd_reader(stream), budget)
            inner_name = name[:-4] if name.endswith(".zst") else name + "!unzstd"
            yield from sources_in(inner_name, inner, budget, depth + 1)
        elif is_zip(head):
            yield from _zip_sources(name, stream, budget, depth)
        else:
            yield from _tar_sources(name, stream, budget, depth)
    except _CORRUPT as exc:
        yield InputError(name, f"corrupt or truncated archive: {exc}", stage="read")


def _zstd_reader(stream: BinaryIO) -> BinaryIO:
    return zstandard.ZstdDecompressor().stream_reader(stream, read_across_frames=True)


def decompress_member(data: bytes, budget: _Budget) -> bytes:
    """Bundle members may be zstd-compressed (datamule archives): return them plain."""
    if not is_zstd(data[:4]):
        return data
    plain = spool(_zstd_reader(io.BytesIO(data)), budget)
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
                    blob = spool(handle, budget)
            except (*_CORRUPT, NotImplementedError) as exc:
                yield InputError(member, f"corrupt archive member: {exc}", stage="read")
                continue
            yield from sources_in(member, blob, budget, depth + 1)


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
            yield from sources_in(label, spool(handle, None), budget, depth + 1)


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
    yield from bounded(name, lambda budget: sources_in(name, data, budget), len(data))


def bounded(name: str, read: Callable[[_Budget], Iterator[Source | InputError]],
             compressed_size: int) -> Iterator[Source | InputError]:
    """Run a reader under one decompression budget; a bomb stops that input, not the batch."""
    budget = _Budget(compressed_size)
    try:
        yield from read(budget)
    except TooLarge:
        yield InputError(
            name, f"decompresses to more than {budget.limit / (1 << 20):.0f} MB, over "
            f"{MAX_EXPANSION_RATIO} times its own size: refused as a decompression bomb",
            stage="read")
