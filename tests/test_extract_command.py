"""`edgar-kg extract` at its edges: missing paths, empty folders, folders with other files."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import SEED

from extractor.cli import cli


def test_a_missing_path_is_an_error_and_makes_no_store(runner: CliRunner, tmp_path: Path) -> None:
    store = tmp_path / "kg.db"
    result = runner.invoke(cli, ["extract", str(SEED), str(tmp_path / "nowhere"),
                                 "--store", str(store)])
    assert result.exit_code == 1
    assert f"no such file or folder: {tmp_path / 'nowhere'}; nothing was extracted" in (
        result.output)
    assert not store.exists()


def test_an_empty_folder_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(cli, ["extract", str(tmp_path / "empty"),
                                 "--store", str(tmp_path / "kg.db")])
    assert result.exit_code == 1
    assert "no files under" in result.output and not (tmp_path / "kg.db").exists()


def test_skip_unknown_lets_a_corpus_folder_with_a_readme_pass(runner: CliRunner,
                                                              tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "README.md").write_text("# My corpus\n\nFilings I collected.\n", encoding="utf-8")
    (folder / "MANIFEST.tsv").write_text("file\tform\nseed.txt\t8-K\n", encoding="utf-8")
    strict = runner.invoke(cli, ["extract", str(folder), "--store", str(tmp_path / "a.db")])
    assert strict.exit_code == 1 and "2 failed" in strict.output
    lenient = runner.invoke(cli, ["extract", str(folder), "--store", str(tmp_path / "b.db"),
                                  "--skip-unknown"])
    assert lenient.exit_code == 0, lenient.output
    assert "skipped 2 inputs that are no filing or press release (--skip-unknown)" in (
        lenient.output)
    assert "1 filings" in lenient.output and "0 failed" in lenient.output


def test_export_writes_to_standard_output_and_explains_merged_graphs(
        runner: CliRunner, tmp_path: Path) -> None:
    from extractor.store.embedded import KnowledgeStore

    trig = tmp_path / "two.trig"
    trig.write_text("<urn:g1> { <urn:s> <urn:p> <urn:o> . <urn:s> <urn:p> <urn:o2> . }\n"
                    "<urn:g2> { <urn:s> <urn:p> <urn:o> . }\n", encoding="utf-8")
    store = str(tmp_path / "kg")
    with KnowledgeStore(store) as kg:
        kg.load_file(trig)
    quads = runner.invoke(cli, ["export", "--store", store])
    assert quads.exit_code == 0
    assert len(quads.stdout.splitlines()) == 3  # N-Quads by default, on standard output
    assert quads.stderr.strip() == "3 quads -> standard output"
    triples = runner.invoke(cli, ["export", "--store", store, "--format", "nt"])
    assert len(triples.stdout.splitlines()) == 2
    assert ("3 quads in the store's named graphs -> 2 distinct triples in standard output: "
            "N-Triples has no named graphs") in triples.stderr
    target = tmp_path / "all.ttl"
    to_file = runner.invoke(cli, ["export", "--store", store, "-o", str(target)])
    assert to_file.exit_code == 0 and target.stat().st_size > 0
    assert f"-> 2 distinct triples in {target}" in to_file.stderr


def test_remove_takes_a_release_by_file_name_or_any_graph_by_iri(
        runner: CliRunner, tmp_path: Path) -> None:
    from extractor.store.embedded import KnowledgeStore

    release = tmp_path / "acme-release.txt"
    release.write_text(
        "Acme Bio Licenses ACM-7 from Beta University\n\nBOSTON, March 1, 2024 -- Acme Bio, "
        "Inc. today announced an exclusive license agreement with Beta University for ACM-7.\n",
        encoding="utf-8")
    store = str(tmp_path / "kg")
    assert runner.invoke(cli, ["extract", str(SEED), str(release), "--store", store]
                         ).exit_code == 0
    with KnowledgeStore(store, read_only=True) as kg:
        before = kg.graph_count()
    by_name = runner.invoke(cli, ["remove", "acme-release.txt", "--store", store])
    assert by_name.exit_code == 0, by_name.output
    assert by_name.output.startswith("removed acme-release.txt: https://w3id.org/edgar-kg/id/"
                                     "graph/document/")
    with KnowledgeStore(store, read_only=True) as kg:
        assert kg.graph_count() == before - 1
        graph = str(kg.iris.filing_graph("0001144204-17-013452"))
    by_iri = runner.invoke(cli, ["remove", graph, "--store", store])
    assert by_iri.exit_code == 0 and graph in by_iri.output
    again = runner.invoke(cli, ["remove", "acme-release.txt", "--store", store])
    assert again.exit_code == 1
    assert "no filing, input file or graph 'acme-release.txt' in the store" in again.output


def test_stats_in_every_format_with_a_readable_size(runner: CliRunner, store: str) -> None:
    table = runner.invoke(cli, ["stats", "--store", store])
    size_line = next(line for line in table.output.splitlines() if "bytes_on_disk" in line)
    assert size_line.split()[-1] in ("kB", "MB", "GB")
    csv_rows = runner.invoke(cli, ["stats", "--store", store, "--format", "csv"]).output
    assert csv_rows.splitlines()[0] == "figure,value"
    assert any(line.startswith("bytes_on_disk,") and line.split(",")[1].isdigit()
               for line in csv_rows.splitlines())
