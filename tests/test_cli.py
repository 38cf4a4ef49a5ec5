"""The command line on real input: extract, query, history, export, stats, and bad input."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from extractor.analysis.queries import list_queries
from extractor.cli import cli

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_8k_cellectar.txt"
README = Path(__file__).resolve().parents[1] / "README.md"


def test_extract_summary(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", str(SEED), "--store", str(tmp_path / "kg")])
    assert result.exit_code == 0
    # The header alone gives 112 triples; the press release adds its deals, people, products.
    summary = re.search(r"1 inputs \(1 submission\): 1 filings, (\d+) triples, 1 name histories",
                        result.output)
    assert summary and int(summary.group(1)) > 111, result.output
    assert "0 failed" in result.output
    headers_only = runner.invoke(cli, ["extract", str(SEED), "--headers-only",
                                       "--store", str(tmp_path / "kg2")])
    assert "1 filings, 112 triples" in headers_only.output


def test_rerun_leaves_the_same_quads(store: str, runner: CliRunner) -> None:
    first = json.loads(runner.invoke(cli, ["stats", "--store", store, "--format", "json"]).output)
    runner.invoke(cli, ["extract", str(SEED), "--store", store])
    second = json.loads(runner.invoke(cli, ["stats", "--store", store, "--format", "json"]).output)
    assert first["quads"] == second["quads"]
    assert (second["filings"], second["companies"], second["name_records"]) == (1, 1, 3)


def test_two_copies_in_one_batch_replace_rather_than_merge(store: str, runner: CliRunner,
                                                           tmp_path: Path) -> None:
    # The shapes caught this in the shared corpus: two files of one filing in a single batch
    # merged into one graph with two source files and two sizes per document.
    copy = tmp_path / "copy-of-seed.txt"
    shutil.copy(SEED, copy)
    both = str(tmp_path / "both")
    result = runner.invoke(cli, ["extract", str(SEED), str(copy), "--store", both])
    assert "shapes: 0 violations" in result.output
    one = json.loads(runner.invoke(cli, ["stats", "--store", store, "--format", "json"]).output)
    two = json.loads(runner.invoke(cli, ["stats", "--store", both, "--format", "json"]).output)
    assert two["quads"] == one["quads"]
    sources = runner.invoke(cli, ["query", "--store", both, "--format", "csv", str(
        _write_query(tmp_path, "SELECT ?file WHERE { ?g a ekg:SourceGraph ; ekg:sourceFile ?file }"
                     ))])
    assert sources.output.split() == ["file", str(copy)]


def _write_query(folder: Path, text: str) -> Path:
    path = folder / "ad-hoc.rq"
    path.write_text(text, encoding="utf-8")
    return path


def test_history_names_json(store: str, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["history", "names", "1279704", "--store", store, "--format",
                                 "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {"cik": "0001279704", "name": "COMMON HORIZONS INC", "start": "2004-02-11",
         "end": "2005-06-17", "source": "0001144204-17-013452"},
        {"cik": "0001279704", "name": "NOVELOS THERAPEUTICS, INC.", "start": "2005-06-17",
         "end": "[2005-06-17..2017-03-08]", "source": "0001144204-17-013452"},
        {"cik": "0001279704", "name": "Cellectar Biosciences, Inc.",
         "start": "[2005-06-17..2017-03-08]", "end": None, "source": "0001144204-17-013452"},
    ]


@pytest.mark.parametrize("company", ["0001279704", "common horizons inc", "NOVELOS",
                                     "Cellectar Biosciences, Inc."])
def test_history_names_by_cik_or_any_name(store: str, runner: CliRunner, company: str) -> None:
    result = runner.invoke(cli, ["history", "names", company, "--store", store])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("CIK 0001279704\n")
    assert "current (seen 2017-03-08)" in result.output


def test_history_names_ambiguous_lists_candidates(tmp_path: Path, runner: CliRunner) -> None:
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "edgar"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus/edgar is not present")
    store = str(tmp_path / "kg")
    runner.invoke(cli, ["extract", str(SEED),
                        str(corpus / "worwin__berkshire_2013_0001193125-13-222307.txt"),
                        "--store", store])
    result = runner.invoke(cli, ["history", "names", "inc", "--store", store])
    assert result.exit_code == 1
    # The candidates come as a table, one per line.
    assert result.output.splitlines()[:5] == [
        "error: 'inc' matches 2 companies; give a CIK instead:",
        "cik         name", "----------  ---------------------------",
        "0001067983  BERKSHIRE HATHAWAY INC", "0001279704  Cellectar Biosciences, Inc."]
    # A former name finds its company too.
    result = runner.invoke(cli, ["history", "names", "nbh inc", "--store", store])
    assert result.exit_code == 0 and "NBH INC" in result.output


def test_history_names_unknown_company(store: str, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["history", "names", "No Such Company", "--store", store])
    assert result.exit_code == 1
    assert "error: no company named 'No Such Company'" in result.output
    result = runner.invoke(cli, ["history", "names", "42", "--store", store])
    assert "no company with CIK 42" in result.output


def test_missing_store_is_a_clear_error(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["history", "names", "1", "--store", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "no store at" in result.output and "edgar-kg extract" in result.output


def test_query_list_shows_every_named_query(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "--list"])
    assert result.exit_code == 0
    for name in ("name-history", "companies", "filings", "parties"):
        assert name in result.output


def test_query_name_history_json_keys(store: str, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "name-history", "--store", store, "--param",
                                 "cik=1279704", "--format", "json"])
    rows = json.loads(result.output)
    assert [row["name"] for row in rows] == [
        "COMMON HORIZONS INC", "NOVELOS THERAPEUTICS, INC.", "Cellectar Biosciences, Inc."]
    assert set(rows[0]) == {"cik", "name", "start", "end", "source"}
    assert rows[2]["end"] is None


def test_query_parties_csv(store: str, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "parties", "--store", store, "--format", "csv"])
    assert result.output.splitlines() == [
        "filing,role,company,cik,form_type,file_number",
        "0001144204-17-013452,Filer,\"Cellectar Biosciences, Inc.\",0001279704,8-K,001-36598",
    ]


@pytest.mark.parametrize("hostile", ['x" } UNION { ?s ?p ?o } #', "a\nb", "}", "'; DROP"])
def test_parameter_values_cannot_change_the_query(store: str, runner: CliRunner,
                                                  hostile: str) -> None:
    result = runner.invoke(cli, ["query", "parties", "--store", store, "--param",
                                 f"filing={hostile}", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


def test_query_errors_are_messages(store: str, runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["query", "no-such-query", "--store", store])
    assert result.exit_code == 1
    assert "named queries: companies, deal-network, deals, filings" in result.output
    result = runner.invoke(cli, ["query", "parties", "--store", store, "--param", "colour=red"])
    assert "has no parameter 'colour'; its parameters are: filing, cik" in result.output
    result = runner.invoke(cli, ["query", "companies", "--store", store, "--param", "cik=abc"])
    assert "'abc' is not a CIK" in result.output
    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT ?x WHERE { ?x ekg:cik }\n")
    result = runner.invoke(cli, ["query", str(broken), "--store", store])
    assert result.exit_code == 1 and "SPARQL syntax error" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nq", ".nt", ".jsonld"])
def test_extract_to_file_in_each_format(tmp_path: Path, runner: CliRunner, suffix: str) -> None:
    output = tmp_path / f"seed{suffix}"
    result = runner.invoke(cli, ["extract", str(SEED), "-o", str(output)])
    assert result.exit_code == 0, result.output
    fmt = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt",
           ".jsonld": "json-ld"}[suffix]
    if suffix in (".trig", ".nq", ".jsonld"):
        dataset = Dataset()
        dataset.parse(output, format=fmt)
        graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
        assert any(g.endswith("/graph/filing/0001144204-17-013452") for g in graphs)
        assert any(g.endswith("/graph/names/0001279704") for g in graphs)
    else:
        graph = Graph().parse(output, format=fmt)
        assert len(graph) > 150


def test_query_over_input_files(tmp_path: Path, runner: CliRunner) -> None:
    output = tmp_path / "seed.trig"
    runner.invoke(cli, ["extract", str(SEED), "-o", str(output)])
    result = runner.invoke(cli, ["query", "name-history", "-i", str(output), "--format", "json"])
    assert [row["name"] for row in json.loads(result.output)][-1] == "Cellectar Biosciences, Inc."


def test_unknown_output_extension(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", str(SEED), "-o", str(tmp_path / "out.xyz")])
    assert result.exit_code == 1
    assert "unknown RDF file extension '.xyz'" in result.output


def test_bad_files_never_stop_the_batch(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (folder / "notes.txt").write_text("Remember to buy milk.\n")
    (folder / "truncated.txt").write_bytes(b"<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t8-K\n")
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(cli, ["extract", str(folder), "--store", str(tmp_path / "kg"),
                                 "--errors", str(errors)])
    assert result.exit_code == 1
    assert "5 inputs (1 submission): 1 filings" in result.output
    assert "4 failed" in result.output
    assert f"error: {folder / 'empty.txt'}: the file is empty" in result.output
    assert f"error: {folder / 'binary.bin'}: binary content" in result.output
    assert f"error: {folder / 'notes.txt'}: not an EDGAR submission" in result.output
    assert f"error: {folder / 'truncated.txt'}: the header has no accession number" in result.output
    lines = [json.loads(line) for line in errors.read_text().splitlines()]
    assert {line["stage"] for line in lines} == {"detect", "header"}
    history = runner.invoke(cli, ["history", "names", "1279704", "--store",
                                  str(tmp_path / "kg")])
    assert "COMMON HORIZONS INC" in history.output


def test_stdin_input(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "-", "--store", str(tmp_path / "kg")],
                           input=SEED.read_bytes())
    assert result.exit_code == 0, result.output
    assert "1 filings" in result.output


def test_parallel_jobs_give_the_same_store(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(3):
        shutil.copy(SEED, folder / f"copy{index}.txt")
    # A failure crosses the process boundary too, and must come back whole.
    (folder / "empty.txt").write_bytes(b"")
    one = runner.invoke(cli, ["extract", str(folder), "--store", str(tmp_path / "a")])
    two = runner.invoke(cli, ["extract", str(folder), "--store", str(tmp_path / "b"), "-j", "2"])
    assert one.exit_code == two.exit_code == 1
    failures = [[line for line in run.output.splitlines() if line.startswith("error:")]
                for run in (one, two)]
    assert failures[0] == failures[1] and len(failures[0]) == 1
    assert "empty.txt" in failures[0][0]
    stats = [json.loads(runner.invoke(cli, ["stats", "--store", str(tmp_path / s), "--format",
                                            "json"]).output) for s in ("a", "b")]
    assert stats[0]["quads"] == stats[1]["quads"]


def test_every_command_has_help_and_is_documented(runner: CliRunner) -> None:
    readme = README.read_text(encoding="utf-8")
    commands = []
    for name, command in cli.all_commands.items():
        subcommands = getattr(command, "commands", None)
        if subcommands:
            commands += [(f"{name} {sub}", c) for sub, c in subcommands.items()]
        else:
            commands.append((name, command))
    for name, command in commands:
        assert command.help, f"edgar-kg {name} has no help text"
        assert f"edgar-kg {name}" in readme, f"edgar-kg {name} is missing from the README"
        examples = [line.strip() for line in command.help.splitlines()
                    if line.strip().startswith(f"edgar-kg {name}")]
        assert examples, f"edgar-kg {name} has no example in its help"
        options = {opt for param in command.params for opt in param.opts}
        for example in examples:
            used = {word for word in example.split() if word.startswith("-") and word != "-"}
            assert used <= options, f"{example!r} uses options edgar-kg {name} lacks"


def test_every_named_query_is_documented_and_its_parameters_bind(store: str) -> None:
    from extractor.analysis.queries import run_query
    from extractor.store.embedded import KnowledgeStore

    readme = README.read_text(encoding="utf-8")
    kg = KnowledgeStore(store)
    for named in list_queries():
        assert named.description and named.example, named.name
        assert f"`{named.name}`" in readme, f"query {named.name} is missing from the README"
        for param in named.params:
            value = {"cik": "1279704", "date": "2017-03-08", "integer": "1",
                     "iri": "https://w3id.org/edgar-kg/id/cik/0001279704",
                     "company": "Novelos"}.get(param.type, "x")
            run_query(kg, named, {param.name: value})  # raises if the parameter cannot bind


def test_history_names_plot(store: str, runner: CliRunner, tmp_path: Path) -> None:
    picture = tmp_path / "names.svg"
    result = runner.invoke(cli, ["history", "names", "Novelos", "--store", store,
                                 "--plot", str(picture)])
    assert result.exit_code == 0, result.output
    assert "timeline of 3 names" in result.output
    texts = "".join(ElementTree.parse(picture).getroot().itertext())
    for name in ("COMMON HORIZONS INC", "NOVELOS THERAPEUTICS, INC.",
                 "Cellectar Biosciences, Inc."):
        assert name in texts


def test_history_names_plot_refuses_unknown_extension(store: str, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["history", "names", "1279704", "--store", store,
                                 "--plot", "names.gif"])
    assert result.exit_code == 1
    assert "names.gif: unknown picture file extension '.gif'" in result.output


def test_graph_path_on_the_seed(store: str, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["graph", "path", "WARF", "1279704", "--store", store,
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    (hop,) = json.loads(result.output)
    assert (hop["from"], hop["kind"], hop["to"]) == (
        "Wisconsin Alumni Research Foundation", "license", "Cellectar Biosciences, Inc.")
