"""A batch mixing good and bad files: every good file whole, every bad one listed, exit 1."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import time
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from extractor.cli import cli

SEED = Path(__file__).parent / "data" / "seed_8k_cellectar.txt"
GENERATED = "http://www.w3.org/ns/prov#generatedAtTime"
CONTENT_HASH = "https://w3id.org/edgar-kg/ontology#contentHash"


def _good_files(folder: Path, corpus: Path) -> list[str]:
    """Real filings of several forms and eras, and the seed inside a zip."""
    names = sorted(p.name for p in corpus.iterdir() if p.suffix in (".txt", ".nc", ".sgml")
                   and p.stat().st_size < 400_000)[:12]
    for name in names:
        shutil.copy(corpus / name, folder / name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("seed.txt", SEED.read_bytes())
    (folder / "zz-seed.zip").write_bytes(buffer.getvalue())
    return names


def _bad_files(folder: Path) -> dict[str, tuple[str, str]]:
    """Broken and hostile files, each with the stage and the start of the reason expected."""
    seed = SEED.read_bytes()
    header_end = seed.index(b"</SEC-HEADER>")
    (folder / "bad-empty.txt").write_bytes(b"")
    (folder / "bad-binary.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (folder / "bad-notes.txt").write_text("Remember to buy milk.\n")
    # Cut in the header before any accession number is given.
    (folder / "bad-cut-header.txt").write_bytes(
        b"<SEC-HEADER>\n" + seed[seed.index(b"CONFORMED SUBMISSION TYPE"):][:60])
    (folder / "bad-bomb.txt.gz").write_bytes(gzip.compress(b"\0" * (32 << 20)))
    (folder / "bad-corrupt.gz").write_bytes(gzip.compress(seed)[:40])
    (folder / "bad-json.json").write_bytes(b'{"cik": ')
    os.mkfifo(folder / "bad-pipe")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../escape.txt", seed[:header_end])
    (folder / "bad-slip.zip").write_bytes(buffer.getvalue())
    return {
        "bad-empty.txt": ("detect", "the file is empty"),
        "bad-binary.png": ("detect", "binary content"),
        "bad-notes.txt": ("detect", "not an EDGAR submission"),
        "bad-cut-header.txt": ("header", "the header has no accession number"),
        "bad-bomb.txt.gz": ("read", "decompresses to more than"),
        "bad-corrupt.gz": ("read", "corrupt or truncated archive"),
        "bad-json.json": ("detect", "invalid JSON"),
        "bad-pipe": ("read", "not a regular file"),
        "bad-slip.zip!../../escape.txt": ("read", "archive member refused"),
    }


def _quads(store: Path) -> set[str]:
    """The store's quads as N-Quads lines, less extraction times (they differ per run) and
    content hashes (they cover the source file's path, which differs per folder)."""
    kg = ox.Store.read_only(str(store))
    return {str(q) for q in kg if q.predicate.value not in (GENERATED, CONTENT_HASH)}


@pytest.fixture(scope="module")
def mixed_batch(tmp_path_factory: pytest.TempPathFactory, edgar_corpus: Path
                ) -> tuple[Path, Path, list[str], dict[str, tuple[str, str]]]:
    mixed = tmp_path_factory.mktemp("mixed")
    good_only = tmp_path_factory.mktemp("good")
    names = _good_files(mixed, edgar_corpus)
    _good_files(good_only, edgar_corpus)
    return mixed, good_only, names, _bad_files(mixed)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_good_file_is_extracted_whole_and_every_bad_one_listed(
        mixed_batch: tuple[Path, Path, list[str], dict[str, tuple[str, str]]],
        tmp_path: Path, jobs: str) -> None:
    mixed, good_only, names, bad = mixed_batch
    runner = CliRunner()
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(cli, ["extract", str(mixed), "--store", str(tmp_path / "mixed"),
                                 "--headers-only", "--jobs", jobs, "--errors", str(errors)])
    assert result.exit_code == 1, result.output
    assert f"; {len(bad)} failed" in result.output
    listed = [json.loads(line) for line in errors.read_text().splitlines()]
    assert {line["source"].removeprefix(f"{mixed}/"): (line["stage"], line["reason"])
            for line in listed}.keys() == bad.keys()
    for line in listed:
        stage, reason = bad[line["source"].removeprefix(f"{mixed}/")]
        assert line["stage"] == stage
        assert line["reason"].startswith(reason), line
        # The same failure, one line, in the summary on stderr.
        assert f"error: {line['source']}: {line['reason']}" in result.output
    # Every good file extracted completely: the store equals a run over the good files only
    # (their graphs name their source files, which have the same names in both folders).
    clean = runner.invoke(cli, ["extract", str(good_only), "--store", str(tmp_path / "good"),
                                "--headers-only"])
    assert clean.exit_code == 0, clean.output
    assert f"{len(names) + 1} inputs" in clean.output
    mixed_quads = {q.replace(str(mixed), "<folder>") for q in _quads(tmp_path / "mixed")}
    good_quads = {q.replace(str(good_only), "<folder>") for q in _quads(tmp_path / "good")}
    assert mixed_quads == good_quads


def test_a_clean_batch_exits_zero_and_writes_an_empty_error_list(tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(SEED), "--store", str(tmp_path / "kg"),
                                      "--headers-only", "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    assert "; 0 failed" in result.output
    assert errors.read_text() == ""


def test_a_document_over_the_time_budget_is_skipped_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor import extract as extract_module
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a-fine.txt")
    shutil.copy(SEED, folder / "b-slow.txt")
    original = extract_module._submission_extraction

    def slow_for_one(source, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if source.name.endswith("b-slow.txt"):
            time.sleep(30)
        return original(source, *args, **kwargs)

    monkeypatch.setattr(extract_module, "_submission_extraction", slow_for_one)
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(folder), "--store", str(tmp_path / "kg"),
                                      "--headers-only", "--document-timeout", "1",
                                      "--errors", str(errors)])
    assert result.exit_code == 1, result.output
    assert "2 inputs (1 submission): 1 filings" in result.output
    # The alarm cut the 30 s sleep short: the document is a budget failure.
    (line,) = [json.loads(text) for text in errors.read_text().splitlines()]
    assert line == {"source": str(folder / "b-slow.txt"), "stage": "budget",
                    "reason": "took longer than the 1 s budget for one document; skipped"}
