"""Archives read safely: members never extracted by their own paths, decompression bounded."""

from __future__ import annotations

import gzip
import io
import os
import pickle
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.extract import extract_source
from extractor.read.archives import MAX_ARCHIVE_DEPTH, MAX_EXPANSION_RATIO, sources_from_bytes
from extractor.read.inputs import iter_sources
from extractor.read.source import IN_MEMORY_BYTES, Source

SEED = Path(__file__).parent / "data" / "seed_8k_cellectar.txt"
SEED_ACCESSION = "0001144204-17-013452"


def _zip(members: dict[str, bytes], modes: dict[str, int] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if modes and name in modes:
                info.external_attr = modes[name] << 16
            archive.writestr(info, payload)
    return buffer.getvalue()


def _tar(members: list[tarfile.TarInfo | tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                archive.addfile(member)
            else:
                info = tarfile.TarInfo(member[0])
                info.size = len(member[1])
                archive.addfile(info, io.BytesIO(member[1]))
    return buffer.getvalue()


def _special(name: str, kind: bytes, linkname: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    return info


def _outcomes(name: str, data: bytes) -> dict[str, str]:
    """Each source's name mapped to 'ok' or its error reason."""
    return {item.source if isinstance(item, InputError) else item.name:
            item.reason if isinstance(item, InputError) else "ok"
            for item in sources_from_bytes(name, data)}


@pytest.mark.parametrize(("member", "reason"), [
    ("../escape.txt", "climbs out of the archive"),
    ("a/../../escape.txt", "climbs out of the archive"),
    ("/etc/cron.d/evil", "path is absolute"),
    ("C:/Windows/evil.txt", "path is absolute"),
    ("..\\escape.txt", "climbs out of the archive"),
    ("line\nbreak.txt", "control characters"),
])
def test_zip_members_with_hostile_names_are_refused_and_the_rest_read(
        member: str, reason: str, tmp_path: Path) -> None:
    archive = tmp_path / "filings.zip"
    archive.write_bytes(_zip({member: SEED.read_bytes(), "good/seed.txt": SEED.read_bytes()}))
    items = list(iter_sources([archive]))
    refused = [item for item in items if isinstance(item, InputError)]
    assert len(refused) == 1 and reason in refused[0].reason
    assert refused[0].reason.startswith("archive member refused")
    # The message is one line even for a name holding a newline.
    assert "\n" not in str(refused[0])
    (good,) = [item for item in items if isinstance(item, Source)]
    assert good.name == f"{archive}!good/seed.txt"
    assert extract_source(good).graphs[0][0].endswith(SEED_ACCESSION)
    # Nothing is ever written by a member's own path.
    assert not (tmp_path.parent / "escape.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["filings.zip"]


def test_zip_links_and_devices_are_refused() -> None:
    data = _zip({"link": b"/etc/passwd", "fifo": b"", "seed.txt": SEED.read_bytes()},
                modes={"link": stat.S_IFLNK | 0o777, "fifo": stat.S_IFIFO | 0o644,
                       "seed.txt": stat.S_IFREG | 0o644})
    outcomes = _outcomes("x.zip", data)
    assert outcomes == {
        "x.zip!link": "archive member refused: it is a symbolic link",
        "x.zip!fifo": "archive member refused: it is a device or other special file",
        "x.zip!seed.txt": "ok",
    }


def test_tar_links_devices_and_hostile_names_are_refused() -> None:
    seed = SEED.read_bytes()
    data = _tar([
        _special("sym", tarfile.SYMTYPE, "/etc/passwd"),
        _special("hard", tarfile.LNKTYPE, "seed.txt"),
        _special("char", tarfile.CHRTYPE),
        _special("block", tarfile.BLKTYPE),
        _special("pipe", tarfile.FIFOTYPE),
        ("../up.txt", seed),
        ("/abs.txt", seed),
        ("seed.txt", seed),
    ])
    outcomes = _outcomes("x.tar", data)
    assert outcomes == {
        "x.tar!sym": "archive member refused: it is a link",
        "x.tar!hard": "archive member refused: it is a link",
        "x.tar!char": "archive member refused: it is a device or other special file",
        "x.tar!block": "archive member refused: it is a device or other special file",
        "x.tar!pipe": "archive member refused: it is a device or other special file",
        "x.tar!../up.txt": "archive member refused: its path climbs out of the archive (..)",
        "x.tar!/abs.txt": "archive member refused: its path is absolute",
        "x.tar!seed.txt": "ok",
    }


def test_encrypted_zip_member_is_refused() -> None:
    data = bytearray(_zip({"secret.txt": SEED.read_bytes()}))
    # Python cannot write encrypted members: set the "encrypted" flag bit in both headers.
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + flag_offset
        data[at] |= 0x01
    assert _outcomes("e.zip", bytes(data)) == {
        "e.zip!secret.txt": "archive member refused: it is encrypted"}


def test_a_gzip_of_a_thousand_to_one_is_stopped(tmp_path: Path) -> None:
    bomb = gzip.compress(b"\0" * (64 << 20), compresslevel=9)
    assert (64 << 20) / len(bomb) > 1000
    (tmp_path / "bomb.txt.gz").write_bytes(bomb)
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    items = list(iter_sources([tmp_path]))
    assert [type(item).__name__ for item in items] == ["InputError", "Source"]
    error = items[0]
    assert isinstance(error, InputError) and error.stage == "read"
    assert error.source == str(tmp_path / "bomb.txt.gz")
    assert error.reason.endswith(f"over {MAX_EXPANSION_RATIO} times its own size: refused as "
                                 "a decompression bomb")


def test_a_zip_bomb_of_many_members_is_stopped_by_one_budget() -> None:
    # Each member alone expands 1000:1 to 2 MB: only a budget shared by the whole archive
    # sees that together they expand far past their size.
    members = {f"part{n:03}.txt": b"\0" * (2 << 20) for n in range(64)}
    data = _zip(members)
    items = list(sources_from_bytes("bomb.zip", data))
    assert isinstance(items[-1], InputError)
    assert items[-1].source == "bomb.zip"
    assert "decompression bomb" in items[-1].reason
    # It stopped partway rather than reading all 128 MB.
    assert len(items) < 64


def test_ordinary_compression_ratios_are_read() -> None:
    # Real filings compress about 5-30:1.
    data = gzip.compress(SEED.read_bytes() * 20)
    (item,) = sources_from_bytes("many.txt.gz", data)
    assert isinstance(item, Source) and item.name == "many.txt"


def test_archives_nested_too_deep_are_refused() -> None:
    data = SEED.read_bytes()
    for _ in range(MAX_ARCHIVE_DEPTH):
        data = gzip.compress(data)
    (inside,) = sources_from_bytes("x.txt" + ".gz" * MAX_ARCHIVE_DEPTH, data)
    assert isinstance(inside, Source) and inside.name == "x.txt"
    (refused,) = sources_from_bytes("y.gz", gzip.compress(data))
    assert isinstance(refused, InputError)
    assert refused.reason == f"archives nested more than {MAX_ARCHIVE_DEPTH} deep: refused"


def test_a_corrupt_member_is_reported_and_the_others_read() -> None:
    data = bytearray(_zip({"a.txt": SEED.read_bytes(), "b.txt": SEED.read_bytes()}))
    # Damage a's compressed bytes: its CRC check fails; b is untouched.
    start = data.index(b"PK\x03\x04") + 30 + len("a.txt") + 100
    data[start: start + 50] = b"\xff" * 50
    outcomes = _outcomes("z.zip", bytes(data))
    assert outcomes["z.zip!b.txt"] == "ok"
    assert outcomes["z.zip!a.txt"].startswith("corrupt archive member")


def test_a_large_member_goes_to_a_private_temporary_file_and_still_extracts() -> None:
    padding = b"<DOCUMENT>\n<TYPE>GRAPHIC\n<TEXT>\nbegin 644 x.jpg\n" + (
        os.urandom(IN_MEMORY_BYTES // 2).hex().encode()) + b"\n</TEXT>\n</DOCUMENT>\n"
    big = SEED.read_bytes().replace(b"</SEC-DOCUMENT>", padding + b"</SEC-DOCUMENT>")
    assert len(big) > IN_MEMORY_BYTES
    (source,) = sources_from_bytes("big.txt.gz", gzip.compress(big, compresslevel=1))
    assert isinstance(source, Source)
    assert source.data == b"" and source.spool is not None
    # An unnamed temporary file: it has no path another process could open.
    assert not isinstance(getattr(source.spool, "name", None), str)
    extraction = extract_source(source)
    assert extraction.graphs[0][0].endswith(SEED_ACCESSION)
    # Crossing to a worker process, the spooled content travels as bytes.
    clone = pickle.loads(pickle.dumps(source))
    assert clone.spool is None and clone.data == big


def test_a_large_plain_file_streams_from_its_path(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    filler = b"<DOCUMENT>\n<TYPE>EX-101.INS\n<TEXT>\n" + b"<x>1</x>\n" * (IN_MEMORY_BYTES // 8)
    path.write_bytes(SEED.read_bytes().replace(
        b"</SEC-DOCUMENT>", filler + b"</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>"))
    (source,) = iter_sources([path])
    assert isinstance(source, Source) and source.path == path and source.data == b""
    extraction = extract_source(source)
    assert extraction.graphs[0][0].endswith(SEED_ACCESSION)


def test_special_files_in_a_folder_are_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a-pipe")
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    items = {item.source if isinstance(item, InputError) else item.name: item
             for item in iter_sources([tmp_path])}
    pipe = items[str(tmp_path / "a-pipe")]
    assert isinstance(pipe, InputError)
    assert pipe.reason == "not a regular file (a pipe, socket or device): refused"
    loop = items[str(tmp_path / "loop")]
    assert isinstance(loop, InputError) and loop.reason.startswith("cannot be read")
    assert isinstance(items[str(tmp_path / "seed.txt")], Source)


def test_a_bundle_with_a_corrupt_zstd_member_is_an_error_not_a_crash() -> None:
    import zstandard

    packed = bytearray(zstandard.ZstdCompressor().compress(SEED.read_bytes() * 4))
    packed[len(packed) // 2: len(packed) // 2 + 64] = b"\x00" * 64
    data = _tar([("metadata.json", b'{"accession-number": "0000000001-24-000001"}'),
                 ("doc.htm", bytes(packed))])
    (item,) = sources_from_bytes("bundle.tar", data)
    assert isinstance(item, InputError)
    assert item.source == "bundle.tar!doc.htm"
    assert item.reason.startswith("corrupt archive member: ")
