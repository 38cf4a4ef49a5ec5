"""`edgar-kg query` as analysts use it: inline SPARQL, standard input, typed JSON, chosen
columns, companies by CIK, ticker or name, and suggestions for misspelt names."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from extractor.cli import cli
from extractor.cli.formatting import render, select_columns


def run(runner: CliRunner, store: str, *args: str, stdin: str | None = None):  # noqa: ANN201
    return runner.invoke(cli, ["query", "--store", store, *args], input=stdin)


def test_a_query_typed_on_the_command_line(runner: CliRunner, store: str) -> None:
    result = run(runner, store, "SELECT ?name WHERE { ?c ekg:currentName ?name }",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"name": "Cellectar Biosciences, Inc."}]


def test_a_query_read_from_standard_input(runner: CliRunner, store: str) -> None:
    result = run(runner, store, "-", "--format", "jsonl",
                 stdin="SELECT (COUNT(DISTINCT ?deal) AS ?deals) WHERE { ?deal a ekg:Deal }\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"deals": 2}  # a number, not the string "2"


def test_an_update_typed_inline_is_refused(runner: CliRunner, store: str) -> None:
    result = run(runner, store, "-", stdin="DROP ALL")
    assert result.exit_code == 1
    assert "is a SPARQL update (DROP ...), not a query" in result.output


def test_json_has_real_types_and_columns_can_be_chosen(runner: CliRunner, store: str) -> None:
    result = run(runner, store, "deals", "--columns", "kind,role,exclusive,new",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {"kind": "license", "role": "licensor", "exclusive": True, "new": True} in rows
    assert {"kind": "investment", "role": "investor", "exclusive": None, "new": False} in rows
    assert all(list(row) == ["kind", "role", "exclusive", "new"] for row in rows)
    limited = run(runner, store, "deals", "-c", "kind", "-c", "role", "--limit", "1",
                  "--format", "tsv")
    assert limited.output.splitlines()[0] == "kind\trole"
    assert len(limited.output.splitlines()) == 2
    unknown = run(runner, store, "deals", "--columns", "kind,price")
    assert unknown.exit_code == 2
    assert "no column 'price'; the columns are: deal, kind, role" in unknown.output


def test_show_prints_a_named_query(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["query", "license-history", "--show"])
    assert result.exit_code == 0
    assert result.output.startswith("# license-history: One organization's license")
    assert "SELECT ?company ?deal" in result.output


def test_a_company_parameter_takes_a_cik_ticker_or_name(runner: CliRunner, store: str) -> None:
    expected = None
    for value in ("1279704", "CLRB", "Novelos", "cellectar biosciences",
                  "https://w3id.org/edgar-kg/id/cik/0001279704"):
        result = run(runner, store, "license-history", "-p", f"company={value}",
                     "-c", "kind,role,counterparty", "--format", "csv")
        assert result.exit_code == 0, (value, result.output)
        rows = list(csv.reader(io.StringIO(result.output)))
        assert rows[1] == ["license", "licensee", "Wisconsin Alumni Research Foundation"]
        expected = expected or rows
        assert rows == expected
    missing = run(runner, store, "license-history", "-p", "company=Cellectr")
    assert missing.exit_code == 1
    assert ("parameter company: 'Cellectr' is not a single company of the store (no company "
            "or organization named 'Cellectr' in the store; did you mean Cellectar "
            "Biosciences, Inc.?)") in missing.output


def test_misspelt_names_get_suggestions(runner: CliRunner, store: str) -> None:
    query = run(runner, store, "name-histroy")
    assert query.exit_code == 1
    assert "did you mean name-history" in query.output
    history = runner.invoke(cli, ["history", "names", "Cellectr", "--store", store])
    assert history.exit_code == 1
    assert "did you mean Cellectar Biosciences, Inc.?" in history.output


def test_tables_shorten_iris_and_fit_a_width() -> None:
    columns = ["deal", "evidence"]
    rows = [["https://w3id.org/edgar-kg/id/deal/abc", "x" * 200]]
    table = render(columns, rows, "table", width=60)
    assert all(len(line) <= 60 for line in table.splitlines())
    assert "id:deal/abc" in table and table.splitlines()[2].endswith("…")
    # Output to a file or a pipe (no width given, not a terminal) is never cut.
    assert "x" * 89 + "…" in render(columns, rows, "table")
    assert json.loads(render(columns, rows, "json"))[0]["deal"].startswith("https://")
    assert select_columns(columns, rows, ["evidence"], 0) == (["evidence"], [])


def test_history_and_graph_rows_take_columns_and_a_limit(runner: CliRunner, store: str) -> None:
    licenses = runner.invoke(cli, ["history", "licenses", "1279704", "--store", store,
                                   "-c", "kind,counterparty", "--format", "csv"])
    assert licenses.exit_code == 0, licenses.output
    assert licenses.output.splitlines() == ["kind,counterparty",
                                            "license,Wisconsin Alumni Research Foundation"]
    names = runner.invoke(cli, ["history", "names", "1279704", "--store", store, "--limit", "1",
                                "--format", "jsonl"])
    assert [json.loads(line)["name"] for line in names.output.splitlines()] == [
        "COMMON HORIZONS INC"]
    top = runner.invoke(cli, ["graph", "top", "--store", store, "-c", "name", "--limit", "1",
                              "--format", "tsv"])
    assert top.exit_code == 0, top.output
    assert top.output.splitlines()[0] == "name" and len(top.output.splitlines()) == 2
    bad = runner.invoke(cli, ["graph", "top", "--store", store, "-c", "nom"])
    assert bad.exit_code == 2 and "no column 'nom'; the columns are: rank, name" in bad.output


def test_stats_and_validate_take_columns_and_a_limit(runner: CliRunner, store: str) -> None:
    figures = runner.invoke(cli, ["stats", "--store", store, "-c", "figure", "--limit", "2",
                                  "--format", "csv"])
    assert figures.output.splitlines() == ["figure", "filings", "companies"]
    results = runner.invoke(cli, ["validate", "--store", store, "-c", "severity",
                                  "--format", "jsonl"])
    assert results.exit_code == 0, results.output
    # The seed conforms: no results, so JSON lines print nothing, not an empty line.
    assert results.output == ""
