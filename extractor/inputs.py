"""Find inputs (files, folders, stdin, archives) and tell each one's kind from its content."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import tarfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

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
_ARCHIVE_SUFFIXES = (".gz", ".tgz", ".zip", ".tar")


def base_name(source: str) -> str:
    """The file name of an input's display name, whichever separator its path uses."""
    return source.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(slots=True)
class Source:
    """One input to extract: its display name and raw bytes (or a bundle's members)."""

    name: str
    data: bytes
    members: dict[str, bytes] = field(default_factory=dict)


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


def decompress_member(data: bytes) -> bytes:
    """Bundle members may be zstd-compressed (datamule archives): return them plain."""
    if _is_zstd(data[:4]):
        import zstandard

        return zstandard.ZstdDecompressor().decompressobj().decompress(data)
    return data


def _is_gzip(head: bytes) -> bool:
    return head.startswith(b"\x1f\x8b")


def _is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _is_tar(head: bytes) -> bool:
    return len(head) > 262 and head[257:262] == b"ustar"


def sources_from_bytes(name: str, data: bytes) -> Iterator[Source | InputError]:
    """Yield the sources in one blob: itself, or the members of the archive it is."""
    head = data[:512]
    try:
        if _is_gzip(head):
            yield from sources_from_bytes(_gunzipped_name(name), gzip.decompress(data))
        elif _is_zstd(head):
            inner_name = name[:-4] if name.endswith(".zst") else name + "!unzstd"
            yield from sources_from_bytes(inner_name, decompress_member(data))
        elif _is_zip(head):
            yield from _zip_sources(name, data)
        elif _is_tar(head):
            yield from _tar_sources(name, data)
        else:
            yield Source(name, data)
    except (OSError, EOFError, ValueError, zipfile.BadZipFile, tarfile.TarError) as exc:
        yield InputError(name, f"corrupt or truncated archive: {exc}", stage="read")


def _gunzipped_name(name: str) -> str:
    """a.txt.gz -> a.txt, a.tgz -> a.tar; otherwise say the member was gunzipped."""
    if name.endswith(".gz"):
        return name[:-3]
    if name.endswith(".tgz"):
        return name[:-4] + ".tar"
    return name + "!gunzip"


def _zip_sources(name: str, data: bytes) -> Iterator[Source | InputError]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            yield from sources_from_bytes(f"{name}!{info.filename}", archive.read(info))


def _tar_sources(name: str, data: bytes) -> Iterator[Source | InputError]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
        members = [m for m in archive.getmembers() if m.isfile()]
        names = {m.name.rsplit("/", 1)[-1] for m in members}
        if "metadata.json" in names:
            # One filing split into files (a datamule bundle): the header travels as JSON.
            contents = {}
            for member in members:
                handle = archive.extractfile(member)
                if handle is not None:
                    contents[member.name.rsplit("/", 1)[-1]] = decompress_member(handle.read())
            yield Source(name, contents.pop("metadata.json"), members=contents)
            return
        for member in members:
            handle = archive.extractfile(member)
            if handle is not None:
                yield from sources_from_bytes(f"{name}!{member.name}", handle.read())


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
            yield from sources_from_bytes("<stdin>", sys.stdin.buffer.read())
            continue
        path = Path(text)
        if path.is_dir():
            yield from _walk_folder(path)
        elif path.exists():
            yield path
        else:
            yield InputError(text, "no such file or folder", stage="read")


def read_input(path: Path, name: str | None = None) -> Iterator[Source | InputError]:
    """The sources in one file: itself, or the members of the archive it is.

    They are named `name` (the path as the user gave it, by default the path itself).
    """
    name = str(path) if name is None else name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        yield InputError(name, "no such file or folder", stage="read")
        return
    except OSError as exc:
        yield InputError(name, f"cannot be read: {exc.strerror or exc}", stage="read")
        return
    yield from sources_from_bytes(name, data)
