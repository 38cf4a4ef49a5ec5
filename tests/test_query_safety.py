"""Hostile --param values and broken query files: refused clearly, never run as query text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.analysis.queries import NamedQuery, list_queries, load_query, run_query
from extractor.cli import cli
from extractor.errors import QueryError
from extractor.store.embedded import KnowledgeStore

# Values that would change a query pasted together as text: close a string or an IRI, end
# the group, add a UNION, or end the query and start an update.
HOSTILE = [
    'x" } UNION { ?s ?p ?o } #',
    "x' } UNION { ?s ?p ?o } #",
    '"} ; DROP ALL ; INSERT DATA { <http://e.org/s> <http://e.org/p> "o" } #',
    '} ; DROP ALL ; INSERT DATA {',
    'license"^^<http://www.w3.org/2001/XMLSchema#string> } UNION { ?a ?b ?c',
    "1279704 } UNION { ?s ?p ?o }",
    "DE\n} UNION {\n?s ?p ?o",
    'a"""b',
    "}", "{", "\\", "?s", "<http://e.org/x>", "a\nb", "",
]
# What each type is given as a value that matches nothing, to compare the hostile ones with.
INNOCENT = {"string": "zz-no-such-value", "cik": "9999999999",
            "iri": "https://example.org/no-such-thing",
            "company": "https://example.org/no-such-thing"}
NAMED_PARAMS = [(query.name, param.name, param.type)
                for query in list_queries() for param in query.params]


def fingerprint(store: KnowledgeStore) -> tuple[int, str]:
    lines = sorted(str(quad) for quad in store.store.quads_for_pattern(None, None, None, None))
    return len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()


def test_every_parameter_type_is_covered() -> None:
    # Named queries use string, cik and company (a CIK, ticker, name or IRI, resolved against
    # the store); iri, date and integer are checked with a file below.
    assert {kind for _, _, kind in NAMED_PARAMS} == {"string", "cik", "company"}
    assert len(NAMED_PARAMS) >= 18


@pytest.mark.parametrize(("query_name", "param", "kind"), NAMED_PARAMS,
                         ids=[f"{q}-{p}" for q, p, _ in NAMED_PARAMS])
def test_a_hostile_value_is_refused_or_matches_nothing(
        seed_and_fixture_store: KnowledgeStore, query_name: str, param: str,
        kind: str) -> None:
    query = load_query(query_name)
    before = fingerprint(seed_and_fixture_store)
    innocent = run_query(seed_and_fixture_store, query, {param: INNOCENT[kind]})
    assert innocent.rows == []
    for value in HOSTILE:
        if kind == "string" and value == "":
            continue  # an empty string is "no filter" by design (COALESCE in the queries)
        try:
            hostile = run_query(seed_and_fixture_store, query, {param: value})
        except QueryError as exc:
            # Typed parameters refuse what is not a CIK or an IRI, naming the value.
            assert kind != "string", (value, exc)
            assert str(exc).startswith(f"parameter {param}: {value!r} is not a")
            continue
        # Every hostile value is a string no CIK or IRI can be: only strings get here.
        assert kind == "string", value
        assert hostile.variables == innocent.variables
        assert hostile.rows == [], value
    assert fingerprint(seed_and_fixture_store) == before


def test_a_well_formed_but_unknown_iri_matches_nothing(
        seed_and_fixture_store: KnowledgeStore) -> None:
    query = load_query("license-history")
    known = run_query(seed_and_fixture_store, query,
                      {"company": "https://w3id.org/edgar-kg/id/cik/0001279704"})
    assert known.rows
    for value in ["https://w3id.org/edgar-kg/id/cik/0001279704?x=UNION",
                  "https://w3id.org/edgar-kg/id/cik/0001279704#",
                  "urn:x:DROP-ALL"]:
        assert run_query(seed_and_fixture_store, query, {"company": value}).rows == []


def test_a_cik_with_anything_around_its_digits_is_refused(
        seed_and_fixture_store: KnowledgeStore) -> None:
    query = load_query("filings")
    assert run_query(seed_and_fixture_store, query, {"cik": " 0001279704 "}).rows
    # Before, the digits were picked out of any text: these two ran as CIK 1279704 and 12.
    for value in ["1279704 } UNION { ?s ?p ?o }", '12" ; DROP ALL', "CIK 1279704", "１２"]:
        with pytest.raises(QueryError, match=r"is not a CIK \(digits expected\)"):
            run_query(seed_and_fixture_store, query, {"cik": value})


TYPED = """\
# typed: filings by date and party index (a test of the date and integer types)
# param day (date): the filing date
# param index (integer): a party's index in the filing
SELECT ?filing ?day ?index WHERE {
  ?filing ekg:filedOn ?day ; ekg:hasParty ?party .
  ?party ekg:partyIndex ?index .
}
"""


def test_date_and_integer_values_must_be_whole(seed_and_fixture_store: KnowledgeStore,
                                               tmp_path: Path) -> None:
    path = tmp_path / "typed.rq"
    path.write_text(TYPED, encoding="utf-8")
    query = load_query(str(path))
    assert [(p.name, p.type) for p in query.params] == [("day", "date"), ("index", "integer")]
    before = fingerprint(seed_and_fixture_store)
    rows = run_query(seed_and_fixture_store, query, {"day": "2017-03-08", "index": "0"}).rows
    assert [row[1:] for row in rows] == [["2017-03-08", "0"]]
    assert run_query(seed_and_fixture_store, query, {"day": "20170308", "index": "+0"}).rows
    assert run_query(seed_and_fixture_store, query, {"day": "2017-03-09", "index": "0"}).rows == []
    # Before, a date was read from the first ten characters, whatever followed them.
    for day in [*HOSTILE, "2017-03-08} UNION {", "2017-03-08 ; DROP ALL", "2017-02-30"]:
        with pytest.raises(QueryError, match=r"is not a date \(YYYY-MM-DD\)"):
            run_query(seed_and_fixture_store, query, {"day": day, "index": "0"})
    # str.isdigit() holds for superscripts and other scripts' digits: not integers to SPARQL.
    for index in [*HOSTILE, "0 } UNION {", "²", "١", "1.5", "--1"]:
        with pytest.raises(QueryError, match="is not an integer"):
            run_query(seed_and_fixture_store, query, {"day": "2017-03-08", "index": index})
    assert fingerprint(seed_and_fixture_store) == before


def test_an_update_given_as_query_text_cannot_run(seed_and_fixture_store: KnowledgeStore) -> None:
    before = fingerprint(seed_and_fixture_store)
    for text in ["DROP ALL", "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
                 "SELECT * WHERE { ?s ?p ?o } ; DROP ALL"]:
        with pytest.raises(QueryError, match="SPARQL syntax error"):
            run_query(seed_and_fixture_store, NamedQuery("raw", "", text))
    assert fingerprint(seed_and_fixture_store) == before


# --- the command line ------------------------------------------------------------------------


def quads(runner: CliRunner, store: str) -> str:
    result = runner.invoke(cli, ["stats", "--store", store, "--format", "json"])
    assert result.exit_code == 0, result.output
    return next(line for line in result.output.splitlines() if '"quads"' in line)


@pytest.mark.parametrize(("query_name", "param", "kind"), NAMED_PARAMS,
                         ids=[f"{q}-{p}" for q, p, _ in NAMED_PARAMS])
def test_the_command_line_binds_a_dropping_value_as_a_term(
        store: str, runner: CliRunner, query_name: str, param: str, kind: str) -> None:
    before = quads(runner, store)
    value = '"} ; DROP ALL ; INSERT DATA { <http://e.org/s> <http://e.org/p> "o" } #'
    result = runner.invoke(cli, ["query", query_name, "--store", store, "--param",
                                 f"{param}={value}", "--format", "json"])
    if kind == "string":
        assert result.exit_code == 0, result.output
        assert result.output.strip() == "[]"
    else:
        # A company value with "://" in it is taken for an IRI, and this one is no IRI.
        expected = {"iri": "an IRI", "cik": "a CIK (digits expected)",
                    "company": "an IRI"}[kind]
        assert result.exit_code == 1
        assert result.output == f"error: parameter {param}: {value!r} is not {expected}\n"
    assert quads(runner, store) == before


BROKEN = """\
# broken: a BIND without its variable
# (the header lines count: the error is on line 6, column 13, at the parenthesis)
SELECT ?s WHERE {
  ?s ?p ?o .

  BIND(1 AS )
}
"""


def test_a_malformed_query_file_gives_the_parsers_line_and_column(
        store: str, runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    path.write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(cli, ["query", str(path), "--store", store])
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line.startswith(f"error: {path}: SPARQL syntax error: error at 6:13: expected ")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("name", "content", "message"), [
    ("latin1.rq", "# caf\xe9\nSELECT * WHERE { ?s ?p ?o }\n".encode("latin-1"),
     "not UTF-8 text (byte 0xe9 at offset 5); save the query as UTF-8"),
    ("empty.rq", b"", "holds no query (only comments and prefixes, or nothing)"),
    ("comments.rq", b"# nothing: but comments\nPREFIX x: <http://e.org/x#>\n",
     "holds no query (only comments and prefixes, or nothing)"),
    ("unknown-type.rq", b"# param when (datetime): a time\nSELECT * WHERE { ?s ?p ?when }\n",
     "parameter 'when' has unknown type 'datetime'; use one of string, cik, iri, date, integer, "
     "company"),
    ("delete.rq", b"DELETE WHERE { GRAPH ?g { ?s ?p ?o } }\n",
     "is a SPARQL update (DELETE ...), not a query; queries only read the store "
     "(SELECT, ASK, CONSTRUCT, DESCRIBE)"),
    ("drop.rq", b"# wipe: everything\nPREFIX ekg: <https://w3id.org/edgar-kg/ontology#>\n"
     b"drop all\n",
     "is a SPARQL update (DROP ...), not a query; queries only read the store "
     "(SELECT, ASK, CONSTRUCT, DESCRIBE)"),
    ("folder.rq", None, "is a folder, not a .rq query file"),
])
def test_a_file_that_is_no_query_is_refused_clearly(
        store: str, runner: CliRunner, tmp_path: Path, name: str, content: bytes | None,
        message: str) -> None:
    path = tmp_path / name
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    before = quads(runner, store)
    result = runner.invoke(cli, ["query", str(path), "--store", store])
    assert result.exit_code == 1
    assert result.output == f"error: {path}: {message}\n"
    assert quads(runner, store) == before


def test_a_query_file_saved_with_a_byte_order_mark_keeps_its_header(tmp_path: Path) -> None:
    path = tmp_path / "marked.rq"
    path.write_bytes("# marked: one filing\n# param cik (cik): a CIK\nSELECT * WHERE "
                     "{ ?s ekg:cik ?cik }\n".encode("utf-8-sig"))
    query = load_query(str(path))
    assert query.description == "one filing"
    assert [(p.name, p.type) for p in query.params] == [("cik", "cik")]
