"""Bounded memory: submissions stream document by document, binary bodies are never held."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest

from extractor import extract as extract_module
from extractor.edgar.items import normalize_code
from extractor.errors import InputError
from extractor.extract import extract_source
from extractor.read import submission as submission_module
from extractor.read.inputs import read_input
from extractor.read.source import Source
from extractor.read.submission import stream_submission

SEED = Path(__file__).parent / "data" / "seed_8k_cellectar.txt"
MB = 1 << 20


def _documents(data: bytes) -> list[tuple]:
    _, documents = stream_submission(io.BytesIO(data))
    return [(d.sequence, d.type, d.filename, d.description, d.text, d.is_binary, d.size)
            for d in documents]


@pytest.mark.parametrize("chunk", [1, 7, 64, 4096])
def test_markers_split_across_chunks_are_found(monkeypatch: pytest.MonkeyPatch,
                                               chunk: int) -> None:
    seed = SEED.read_bytes()
    whole = _documents(seed)
    monkeypatch.setattr(submission_module, "CHUNK_BYTES", chunk)
    assert _documents(seed) == whole
    assert [d[:2] for d in whole] == [(1, "8-K"), (2, "EX-99.1")]
    # Sizes are the bodies' bytes as filed, between <TEXT> and </TEXT>.
    body = seed[seed.index(b"<TEXT>") + 6: seed.index(b"</TEXT>")]
    assert whole[0][6] == len(body)


def test_a_document_missing_its_end_tag_does_not_hide_the_next() -> None:
    text = (b"<SEC-HEADER>\nACCESSION NUMBER:\t0000000001-24-000001\n</SEC-HEADER>\n"
            b"<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nmain\n"
            b"<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\nrelease\n</TEXT>\n</DOCUMENT>\n")
    assert [(d[1], d[4]) for d in _documents(text)] == [("8-K", "\nmain\n"),
                                                        ("EX-99.1", "\nrelease\n")]


def test_each_document_is_decoded_on_its_own() -> None:
    text = ("<SEC-HEADER>\nACCESSION NUMBER:\t0000000001-24-000001\n</SEC-HEADER>\n"
            "<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nSociété Générale\n</TEXT>\n</DOCUMENT>\n").encode()
    exhibit = "<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\nNestlé S.A.\n</TEXT>\n</DOCUMENT>\n"
    documents = _documents(text + exhibit.encode("cp1252"))
    # The UTF-8 main document stays right although an exhibit is in Windows-1252.
    assert [d[4].strip() for d in documents] == ["Société Générale", "Nestlé S.A."]


def test_an_exhibit_over_the_text_limit_is_counted_not_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(submission_module, "MAX_DOCUMENT_TEXT_BYTES", 4096)
    monkeypatch.setattr(extract_module, "MAX_DOCUMENT_TEXT_BYTES", 4096)
    extraction = extract_source(Source("seed.txt", SEED.read_bytes()))
    assert extraction.releases == []
    (warning,) = [w for w in extraction.warnings if "EX-99.1" in w]
    assert warning.startswith("document 2 (EX-99.1) is 0 MB, over the 0 MB limit")
    # The filing and its documents are still there.
    assert "0001144204-17-013452" in extraction.graphs[0][0]


def test_a_press_release_over_the_whole_text_limit_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module, "MAX_TEXT_INPUT_BYTES", 100_000)
    release = b"ACME Corp (Nasdaq: ACME) today announced a license agreement. " * 5000
    with pytest.raises(InputError) as caught:
        extract_source(Source("huge-release.txt", release))
    assert caught.value.stage == "read"
    assert "too large for a press-release" in caught.value.reason


def _write_large_submission(path: Path, graphics_mb: int, xbrl_mb: int) -> None:
    """The seed with uuencoded graphics and an XBRL instance appended, written in pieces."""
    head, tail = SEED.read_bytes().split(b"</SEC-DOCUMENT>")
    uu_line = b"M" + b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&()*+,-./:;=?@[]^_`abcdefgh"[:60]
    uu_block = (uu_line + b"\n") * (MB // 62)
    xbrl_block = b'<us-gaap:Revenues contextRef="c1" unitRef="usd">1000</us-gaap:Revenues>\n' * (
        MB // 73)
    with path.open("wb") as out:
        out.write(head)
        for number in range(graphics_mb // 10):
            out.write(f"<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>{3 + number}\n<FILENAME>g{number}"
                      f".jpg\n<TEXT>\nbegin 644 g{number}.jpg\n".encode())
            for _ in range(10):
                out.write(uu_block)
            out.write(b"end\n</TEXT>\n</DOCUMENT>\n")
        out.write(b"<DOCUMENT>\n<TYPE>EX-101.INS\n<SEQUENCE>99\n<FILENAME>x.xml\n<TEXT>\n")
        for _ in range(xbrl_mb):
            out.write(xbrl_block)
        out.write(b"</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>" + tail)


@pytest.mark.slow
def test_a_200_mb_submission_is_read_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "large.txt"
    _write_large_submission(path, graphics_mb=160, xbrl_mb=40)
    assert path.stat().st_size > 200_000_000
    (source,) = read_input(path)
    assert isinstance(source, Source) and source.data == b"" and source.path == path
    # Load the language model and vocabularies first: they are not the file's memory.
    extract_source(Source(SEED.name, SEED.read_bytes()))
    tracemalloc.start()
    try:
        extraction = extract_source(source, read_releases=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Chunks of 1 MB, the header and the two documents read for facts: a few MB, never the
    # file. A generous bound that still fails at once if any graphic or the XBRL were held.
    assert peak < 48 * MB, f"peak {peak / MB:.1f} MB"
    graph = extraction.graphs[0][1].nquads().decode()
    assert graph.count("ontology#documentType>") == 2 + 16 + 1
    assert '"GRAPHIC"' in graph and '"EX-101.INS"' in graph
    # The license in the 8-K's Item 1.01 and its EX-99.1 is still read: one deal, with the
    # release's sentence among its evidence.
    [deal] = extraction.form_items[0].deals
    assert deal.kind == "license" and deal.evidence[-1].document.endswith("/document/2")


@pytest.mark.parametrize("sequence", ["¹", "①", "1²"])
def test_a_sequence_that_is_no_number_does_not_reject_the_filing(sequence: str) -> None:
    # str.isdigit takes superscripts and circled digits, which int() refuses.
    data = SEED.read_bytes().replace(b"<SEQUENCE>1", f"<SEQUENCE>{sequence}".encode(), 1)
    extraction = extract_source(Source("odd-sequence.txt", data))
    assert "0001144204-17-013452" in extraction.graphs[0][0]
    assert normalize_code(sequence) == sequence


def test_a_sequence_in_other_decimal_digits_is_read() -> None:
    data = SEED.read_bytes().replace(b"<SEQUENCE>2", "<SEQUENCE>٢".encode(), 1)
    documents = _documents(data)
    assert [d[0] for d in documents] == [1, 2]
