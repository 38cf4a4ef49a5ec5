"""Reading inputs: kinds by content, archives, stdin, and clear per-file errors."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.extract import extract_source
from extractor.read.inputs import iter_sources
from extractor.read.kinds import ANGLE_SUBMISSION, PRESS_RELEASE, SUBMISSION, decode, detect_kind
from extractor.read.source import Source

SEED = Path(__file__).parent / "data" / "seed_8k_cellectar.txt"


def test_kind_is_told_by_content_not_extension(tmp_path: Path) -> None:
    disguised = tmp_path / "filing.pdf"
    disguised.write_bytes(SEED.read_bytes())
    (source,) = list(iter_sources([disguised]))
    assert isinstance(source, Source)
    assert extract_source(source).kind == SUBMISSION


def test_angle_dialect_is_recognised() -> None:
    text = "<SUBMISSION>\n<ACCESSION-NUMBER>0000000001-24-000001\n<TYPE>8-K\n</SUBMISSION>"
    assert detect_kind("x.nc", text) == ANGLE_SUBMISSION


def test_press_release_needs_a_newswire_sign() -> None:
    text = "ACME Corp (Nasdaq: ACME) today announced a license agreement with Beta Inc."
    assert detect_kind("release.md", text) == PRESS_RELEASE


# A release with no ticker, wire or dateline: a headline and paragraphs of prose.
_UNSIGNED_RELEASE = """# Minerva Surgical Appoints Darin Hammers as Chief Executive Officer

Today, Minerva Surgical named Darin Hammers its new President and Chief Executive Officer and a
member of the Board, effective at once, after a search of several months by the directors.

With a 30-year record in medical devices, Mr. Hammers brings a wealth of expertise to the company
as it continues to develop minimally invasive gynecologic technologies for patients and doctors.

Most recently, Mr. Hammers served as President and Chief Executive Officer of EndoGastric
Solutions, which was bought by Merit Medical in July. Before that he led two other companies.
"""
# Notes that look like prose but carry the marks of documentation: code spans and a list.
_NOTES = """# Real EDGAR files

About 70 real EDGAR files from public test fixtures: full submissions (`.txt`), headers in both
dialects, header-only submissions, EDGAR index pages and two SEC submissions JSON files.

- Forms: 8-K, 10-K, 10-D, 13F-HR, 4, SC 13D/A, SC 13G and many more, of eras from 1994 to 2026.
- Each file is listed in the manifest with its origin, form type, company, CIK and notes.

The files are kept outside the repository and read by the tests when they are present here.
"""


def test_prose_with_a_headline_is_read_as_a_release() -> None:
    assert detect_kind("minerva.md", _UNSIGNED_RELEASE) == PRESS_RELEASE
    assert detect_kind("wire.md", "Ladybug Resource Group, Inc.; (OTC PINK: LBRG) grows.") \
        == PRESS_RELEASE
    with pytest.raises(InputError, match="not an EDGAR submission"):
        detect_kind("README.md", _NOTES)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
        (b"Shopping list: eggs, milk, bread.\n", "not an EDGAR submission"),
        (b'{"hello": "world"}', "neither an SEC submissions file"),
        (b"{not json", "invalid JSON"),
    ],
)
def test_bad_inputs_raise_a_clear_error_naming_the_file(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        extract_source(Source("bad/input.txt", data))
    assert str(caught.value).startswith("bad/input.txt: ")
    assert reason in str(caught.value)


def test_truncated_header_without_accession_is_an_error() -> None:
    truncated = SEED.read_bytes()[:30].replace(b"0001144204-17-013452", b"")
    with pytest.raises(InputError, match="no accession number"):
        extract_source(Source("cut.txt", b"<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t8-K\n"
                                         + truncated))


def test_truncated_submission_keeps_what_was_read() -> None:
    data = SEED.read_bytes()
    cut = data[: data.index(b"<TYPE>EX-99.1") + 40]
    extraction = extract_source(Source("cut.txt", cut))
    assert extraction.filings == 1


def test_decode_falls_back_to_windows_1252() -> None:
    assert decode("Société".encode("cp1252")) == "Société"
    assert decode("\ufeffACCESSION".encode()) == "ACCESSION"
    assert decode("Société".encode("utf-16")) == "Société"


def _tar(members: dict[str, bytes], mode: str = "w") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for name, payload in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    return buffer.getvalue()


def test_archives_are_streamed_member_by_member(tmp_path: Path) -> None:
    seed = SEED.read_bytes()
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(seed))
    (tmp_path / "b.tar.gz").write_bytes(_tar({"x/one.nc": seed, "two.nc": b"junk"}, "w:gz"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner/three.txt", seed)
    (tmp_path / "c.zip").write_bytes(buffer.getvalue())
    names = [item.name for item in iter_sources([tmp_path])]
    assert names == [
        str(tmp_path / "a.txt"),
        f"{tmp_path / 'b.tar.gz'}!x/one.nc".replace("b.tar.gz!", "b.tar!"),
        f"{tmp_path / 'b.tar'}!two.nc",
        f"{tmp_path / 'c.zip'}!inner/three.txt",
    ]


def test_corrupt_archive_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "broken.gz").write_bytes(gzip.compress(b"x" * 1000)[:20])
    (item,) = list(iter_sources([tmp_path / "broken.gz"]))
    assert isinstance(item, InputError)
    assert "corrupt or truncated archive" in str(item)


def test_missing_path_is_reported() -> None:
    (item,) = list(iter_sources(["/no/such/file.txt"]))
    assert isinstance(item, InputError)
    assert str(item) == "/no/such/file.txt: no such file or folder"
