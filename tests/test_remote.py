"""`push` and remote queries, against a real Oxigraph server and a fake one; localhost only."""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from extractor.analysis.endpoint import bind_query, remote_select, run_named_query_remote
from extractor.analysis.queries import bind_params, load_query, run_query
from extractor.cli import cli
from extractor.cli.remote import push
from extractor.errors import QueryError, StoreError
from extractor.store.embedded import BOOKKEEPING_PREFIX, KnowledgeStore, python_value
from extractor.store.remote import RemoteError, graph_url, push_graphs

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_8k_cellectar.txt"
FIXTURE = DATA / "query_fixture.trig"
ID = "https://w3id.org/edgar-kg/id/"
GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
FAST = {"backoff": 0.01, "timeout": 5}

# Every named query with parameters of each kind, including ones that match nothing.
CASES: list[tuple[str, dict[str, str]]] = [
    ("companies", {}), ("companies", {"cik": "900002"}), ("companies", {"state": "DE"}),
    ("companies", {"state": "NV"}),
    ("deal-network", {}), ("deal-network", {"kind": "license"}),
    ("deals", {}),
    ("filings", {"cik": "900001"}), ("filings", {"form": "SC 13D"}), ("filings", {"form": "10-K"}),
    ("filings-by-company", {"cik": "1279704"}),
    ("former-names", {}), ("former-names", {"name": "ARBOR"}),
    ("license-history", {}), ("license-history", {"company": ID + "cik/0000900002"}),
    ("licensees-of", {"name": "warf"}), ("licensees-of", {"cik": "900001"}),
    ("licensors-of", {"cik": "1279704"}), ("licensors-of", {"cik": "900002", "name": "cellectar"}),
    ("name-history", {}), ("name-history", {"cik": "1279704"}),
    ("parties", {}), ("parties", {"cik": "1279704"}),
    ("parties", {"filing": "0000900001-21-000007"}),
    ("people", {}), ("people-by-company", {"cik": "1279704"}),
    ("people-by-company", {"name": "WISCONSIN"}),
    ("products", {}), ("products-by-indication", {"indication": "MYELOMA"}),
]
# Values that would change the query if they were pasted into its text.
HOSTILE = [
    'say "hi"', "it's", '""" and \'\'\'', "} UNION { ?s ?p ?o }", '") } UNION { ?s ?p ?o } #',
    "line one\nline two\r\n\ttabbed", "# not a comment", "back\\slash \\u0022 \\n",
    "<http://example.org/x> ?s $o", "", "é 𝄞",
]


def _case_id(case: tuple[str, dict[str, str]]) -> str:
    name, params = case
    return name + "".join(f"[{key}={value}]" for key, value in params.items())


def _sorted_rows(rows: list[list[str | None]]) -> list[tuple[str, ...]]:
    return sorted(tuple("\0" if value is None else value for value in row) for row in rows)


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # Requests go to 127.0.0.1 only; a proxy from the environment must not see them.
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def oxigraph_binary() -> str:
    """The `oxigraph` server binary of the venv (the `oxigraph` package), or skip."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server binary is absent (pip install oxigraph==0.5.13)")
    return found


@dataclass(slots=True)
class Server:
    base: str

    @property
    def store(self) -> str:
        return self.base + "/store"

    @property
    def query(self) -> str:
        return self.base + "/query"


@contextlib.contextmanager
def running_oxigraph(binary: str, folder: Path) -> Iterator[Server]:
    """`oxigraph serve` on a free localhost port, answering, and stopped afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [binary, "serve", "--location", str(folder / "data"),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    log = folder / "server.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                pytest.fail(f"{' '.join(command)} exited with {process.returncode}: "
                            f"{log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(server.query + "?query=ASK%7B%7D", timeout=1):
                    break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"oxigraph did not answer on port {port} within 15s")
                time.sleep(0.05)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture()
def oxigraph(oxigraph_binary: str, tmp_path: Path) -> Iterator[Server]:
    """An empty Oxigraph server of one's own."""
    with running_oxigraph(oxigraph_binary, tmp_path / "oxigraph") as server:
        yield server


@pytest.fixture(scope="module")
def corpus_store(seed_and_fixture_store: KnowledgeStore) -> KnowledgeStore:
    """The seed 8-K as extracted plus the hand-written query fixture: nine named graphs."""
    return seed_and_fixture_store


@pytest.fixture(scope="module")
def loaded_oxigraph(oxigraph_binary: str, corpus_store: KnowledgeStore,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One Oxigraph server holding the corpus store, shared by the read-only query tests."""
    with running_oxigraph(oxigraph_binary, tmp_path_factory.mktemp("loaded")) as server:
        summary = push_graphs(corpus_store, server.store, **FAST)
        assert not summary.failures
        yield server


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store folder holding the seed filing, extracted by the command line once per module.

    It shadows conftest's `store` (one extraction per test) for speed; the commands here only
    read it.
    """
    path = str(tmp_path_factory.mktemp("seed") / "kg.db")
    result = CliRunner().invoke(cli, ["extract", str(SEED), "--store", path])
    assert result.exit_code == 0, result.output
    return path


def local_counts(store: KnowledgeStore) -> dict[str, int]:
    counts = {}
    for name in store.store.named_graphs():
        if not name.value.startswith(BOOKKEEPING_PREFIX):
            counts[name.value] = sum(1 for _ in store.store.quads_for_pattern(None, None, None,
                                                                               name))
    return {graph: count for graph, count in counts.items() if count}


def _canonical(triples: Iterator[ox.Triple]) -> ox.Dataset:
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)  # blank node labels differ
    return dataset


def server_graph(server: Server, graph: str) -> ox.Dataset:
    """One graph as the server gives it back (Graph Store GET, N-Triples)."""
    request = urllib.request.Request(graph_url(server.store, graph),
                                     headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=5) as answer:
        return _canonical(ox.parse(answer.read(), format=ox.RdfFormat.N_TRIPLES))


def local_graph(store: KnowledgeStore, graph: str) -> ox.Dataset:
    quads = store.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    return _canonical(quad.triple for quad in quads)


def server_counts(server: Server) -> dict[str, int]:
    result = remote_select(server.query, GRAPH_COUNTS)
    return {graph: int(count) for graph, count in result.rows}


# --- a fake Graph Store that refuses ----------------------------------------------------------


@dataclass(slots=True)
class FakeStore:
    """Answers each PUT with the next status of `statuses` (the last one repeats)."""

    statuses: list[int]
    delay: float = 0.0
    requests: list[tuple[str, str, str, bytes]] = field(default_factory=list)
    url: str = ""

    def next_status(self) -> int:
        index = min(len(self.requests) - 1, len(self.statuses) - 1)
        return self.statuses[index]


def _handler(fake: FakeStore) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            fake.requests.append(("PUT", self.path, self.headers.get("Content-Type", ""), body))
            if fake.delay:
                time.sleep(fake.delay)
            status = fake.next_status()
            text = b"" if status < 300 else b"nope: not for you\nsecond line of the body\n"
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "http://127.0.0.1:1/elsewhere")
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep pytest's output clean

    return Handler


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A handler still sleeping for a timeout test writes after its client gave up; the
        # broken pipe is expected, and printed it would land in a later test's captured output.
        pass


@contextlib.contextmanager
def fake_store(statuses: list[int], delay: float = 0.0) -> Iterator[FakeStore]:
    fake = FakeStore(statuses, delay)
    httpd = _QuietServer(("127.0.0.1", 0), _handler(fake))
    httpd.daemon_threads = True
    httpd.block_on_close = False
    fake.url = f"http://127.0.0.1:{httpd.server_address[1]}/store"
    # A short poll interval: shutdown() waits for the serving loop to look up.
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- pushing to Oxigraph --------------------------------------------------------------------


def test_push_copies_every_named_graph(oxigraph: Server, corpus_store: KnowledgeStore) -> None:
    expected = local_counts(corpus_store)
    summary = push_graphs(corpus_store, oxigraph.store, **FAST)
    assert summary.failures == []
    assert summary.graphs == len(expected) == 9
    assert summary.triples == sum(expected.values()) == len(corpus_store)
    assert summary.bytes > summary.triples * 20 and summary.seconds > 0
    assert server_counts(oxigraph) == expected
    for graph in expected:
        assert server_graph(oxigraph, graph) == local_graph(corpus_store, graph), graph


def test_push_twice_changes_nothing(oxigraph: Server, corpus_store: KnowledgeStore) -> None:
    first = push_graphs(corpus_store, oxigraph.store, **FAST)
    after_first = server_counts(oxigraph)
    second = push_graphs(corpus_store, oxigraph.store, **FAST)
    assert (second.graphs, second.triples) == (first.graphs, first.triples)
    assert server_counts(oxigraph) == after_first == local_counts(corpus_store)
    total = remote_select(oxigraph.query, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert total.rows == [[str(len(corpus_store))]]


def test_push_replaces_a_changed_graph(oxigraph: Server) -> None:
    graph = ox.NamedNode("http://example.org/graph")
    kg = KnowledgeStore(None)
    subject, predicate = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    kg.store.extend([ox.Quad(subject, predicate, ox.Literal(str(i)), graph) for i in range(3)])
    push_graphs(kg, oxigraph.store, **FAST)
    kg.store.remove(ox.Quad(subject, predicate, ox.Literal("0"), graph))
    push_graphs(kg, oxigraph.store, **FAST)
    assert server_counts(oxigraph) == {graph.value: 2}


def test_push_only_the_graphs_asked_for(oxigraph: Server, corpus_store: KnowledgeStore) -> None:
    wanted = ID + "graph/names/0001279704"
    summary = push_graphs(corpus_store, oxigraph.store, graphs=[wanted, wanted], **FAST)
    assert summary.graphs == 1
    assert server_counts(oxigraph) == {wanted: local_counts(corpus_store)[wanted]}
    with pytest.raises(StoreError, match=r"there is no graph <http://example.org/none>"):
        push_graphs(corpus_store, oxigraph.store, graphs=["http://example.org/none"], **FAST)


def test_bookkeeping_graphs_stay_home(oxigraph: Server) -> None:
    kg = KnowledgeStore(None)
    triple = (ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
              ox.Literal("x"))
    kg.store.extend([ox.Quad(*triple, ox.NamedNode(BOOKKEEPING_PREFIX + "pending")),
                     ox.Quad(*triple, ox.NamedNode("http://example.org/g")),
                     ox.Quad(*triple, ox.DefaultGraph())])
    summary = push_graphs(kg, oxigraph.store, **FAST)
    assert (summary.graphs, summary.default_graph_triples) == (1, 1)
    assert server_counts(oxigraph) == {"http://example.org/g": 1}


# --- queries over the endpoint ---------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[_case_id(case) for case in CASES])
def test_bound_text_gives_the_rows_of_substitution(corpus_store: KnowledgeStore,
                                                   case: tuple[str, dict[str, str]]) -> None:
    """Without a server: the rewritten text on the embedded store, against run_query."""
    name, params = case
    query = load_query(name)
    expected = run_query(corpus_store, query, params)
    solutions = corpus_store.query(bind_query(query.text, bind_params(query, params)))
    variables = [variable.value for variable in solutions.variables]
    rows = [[python_value(solution[v]) for v in variables] for solution in solutions]
    assert variables == expected.variables
    assert rows == expected.rows


@pytest.mark.parametrize("case", CASES, ids=[_case_id(case) for case in CASES])
def test_named_queries_on_the_server_match_the_store(loaded_oxigraph: Server,
                                                     corpus_store: KnowledgeStore,
                                                     case: tuple[str, dict[str, str]]) -> None:
    name, params = case
    query = load_query(name)
    expected = run_query(corpus_store, query, params)
    remote = run_named_query_remote(loaded_oxigraph.query, query, params)
    assert remote.variables == expected.variables
    assert _sorted_rows(remote.rows) == _sorted_rows(expected.rows)


def test_the_seed_queries_are_not_empty(loaded_oxigraph: Server) -> None:
    # Equal rows prove little if both sides are empty.
    for name, params in [("name-history", {"cik": "1279704"}), ("deals", {}), ("parties", {}),
                         ("license-history", {"company": ID + "cik/0001279704"})]:
        result = run_named_query_remote(loaded_oxigraph.query, load_query(name), params)
        assert result.rows, name


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_parameters_are_literals_whatever_they_hold(loaded_oxigraph: Server,
                                                   corpus_store: KnowledgeStore,
                                                   value: str) -> None:
    echo = "SELECT ?text (STRLEN(?text) AS ?length) WHERE { }"
    remote = remote_select(loaded_oxigraph.query, echo, {"text": ox.Literal(value)})
    assert remote.rows == [[value, str(len(value))]]
    # A value shaped like SPARQL cannot add a pattern: it is one string, matched as one.
    query = load_query("former-names")
    expected = run_query(corpus_store, query, {"name": value})
    got = run_named_query_remote(loaded_oxigraph.query, query, {"name": value})
    assert _sorted_rows(got.rows) == _sorted_rows(expected.rows)
    assert all(row[-1] == value for row in got.rows)


def test_bound_text_keeps_the_query_shape() -> None:
    text = "SELECT ?s ?v WHERE { ?s ?p ?v FILTER (CONTAINS(STR(?s), ?v)) }"
    term = ox.Literal('a"} UNION { ?x ?y ?z } #\n')
    bound = bind_query(text, {"v": term})
    assert bound.count(str(term)) == 3  # the pattern, the FILTER and the VALUES of the column
    skeleton = bound.replace(str(term), "TERM")
    assert skeleton == ("SELECT ?s ?v WHERE { ?s ?p TERM FILTER (CONTAINS(STR(?s), TERM)) }"
                        "\nVALUES (?v) { (TERM) }\n")


def test_subqueries_that_do_not_project_a_parameter_keep_their_own_variable() -> None:
    text = ("SELECT ?s ?v WHERE { ?s ?p ?v { SELECT ?s (COUNT(?v) AS ?n) WHERE { ?s ?q ?v } "
            "GROUP BY ?s } }")
    bound = bind_query(text, {"v": ox.Literal("x")})
    assert 'SELECT ?s (COUNT(?v) AS ?n) WHERE { ?s ?q ?v }' in bound
    assert bound.startswith('SELECT ?s ?v WHERE { ?s ?p "x" {')


def test_queries_that_cannot_be_bound_are_refused() -> None:
    with pytest.raises(QueryError, match="only SELECT"):
        bind_query("ASK { ?s ?p ?o }", {})
    with pytest.raises(QueryError, match="VALUES block"):
        bind_query("SELECT ?v WHERE { VALUES ?v { 1 2 } }", {"v": ox.Literal("1")})
    with pytest.raises(QueryError, match="not a SPARQL variable name"):
        bind_query("SELECT ?v WHERE { }", {"v }": ox.Literal("1")})
    with pytest.raises(QueryError, match="not an IRI or a literal"):
        bind_query("SELECT ?v WHERE { }", {"v": "raw text"})
    with pytest.raises(QueryError, match="unbalanced"):
        bind_query("SELECT ?v WHERE { } }", {})


# --- failures --------------------------------------------------------------------------------


def test_a_server_that_is_down_is_named_in_the_error(corpus_store: KnowledgeStore) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    started = time.monotonic()
    with pytest.raises(RemoteError) as caught:
        push_graphs(corpus_store, endpoint, retries=2, backoff=0.01, timeout=2)
    assert time.monotonic() - started < 3
    message = str(caught.value)
    assert message.startswith(f"{endpoint}: cannot connect (")
    assert "after 3 tries; stopped after pushing 0 graphs" in message
    assert caught.value.summary is not None and caught.value.summary.graphs == 0
    with pytest.raises(RemoteError, match=re.escape(endpoint) + ": cannot connect"):
        remote_select(endpoint, "SELECT * WHERE { ?s ?p ?o }", retries=0)


def test_not_a_url_is_refused(corpus_store: KnowledgeStore) -> None:
    with pytest.raises(RemoteError, match="not an http:// or https:// URL"):
        push_graphs(corpus_store, "localhost:7878/store")


@pytest.mark.parametrize("status", [400, 413, 422])
def test_a_refused_graph_is_not_retried_and_the_others_still_go(
        corpus_store: KnowledgeStore, status: int) -> None:
    graphs = len(local_counts(corpus_store))
    with fake_store([status]) as fake:
        summary = push_graphs(corpus_store, fake.url, retries=3, **FAST)
    assert len(fake.requests) == graphs  # one try each
    assert summary.graphs == 0 and len(summary.failures) == graphs
    failure = summary.failures[0]
    assert failure.status == status
    assert failure.reason.startswith(f"{fake.url}: the server refused graph <{failure.graph}>: "
                                     f"HTTP {status} ")
    assert failure.reason.endswith(": nope: not for you")


@pytest.mark.parametrize("status", [401, 403, 404, 405, 415])
def test_a_refusal_of_the_endpoint_stops_the_push_after_a_few_graphs(
        corpus_store: KnowledgeStore, status: int) -> None:
    graphs = len(local_counts(corpus_store))
    assert graphs > 3
    with fake_store([status]) as fake, pytest.raises(RemoteError) as caught:
        push_graphs(corpus_store, fake.url, retries=3, **FAST)
    assert len(fake.requests) == 3  # not one line per graph of the store
    message = str(caught.value)
    assert message.startswith(f"{fake.url}: the server answered HTTP {status} to 3 graphs in "
                              "a row, and will to the rest: is the endpoint the Graph Store's")
    assert message.endswith(f"{graphs - 3} graphs were not tried; stopped after pushing 0 "
                            "graphs")


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_server_errors_are_retried(corpus_store: KnowledgeStore, status: int) -> None:
    graph = ID + "graph/names/0001279704"
    with fake_store([status]) as fake:
        summary = push_graphs(corpus_store, fake.url, graphs=[graph], retries=2, **FAST)
    assert len(fake.requests) == 3
    assert [failure.graph for failure in summary.failures] == [graph]
    assert f"HTTP {status} " in summary.failures[0].reason
    assert summary.failures[0].reason.endswith("(after 3 tries)")


def test_a_passing_server_error_is_recovered(corpus_store: KnowledgeStore) -> None:
    with fake_store([503, 201]) as fake:
        summary = push_graphs(corpus_store, fake.url, graphs=[ID + "graph/names/0001279704"],
                              retries=3, **FAST)
    assert len(fake.requests) == 2
    assert (summary.graphs, summary.failures) == (1, [])


def test_a_failing_server_stops_the_push(corpus_store: KnowledgeStore) -> None:
    with fake_store([500]) as fake, pytest.raises(RemoteError) as caught:
        push_graphs(corpus_store, fake.url, retries=0, **FAST)
    assert len(fake.requests) == 3
    assert str(caught.value) == (f"{fake.url}: the server failed 3 graphs in a row, the last "
                                 "with HTTP 500; stopped after pushing 0 graphs")


def test_a_redirect_is_reported_not_followed(corpus_store: KnowledgeStore) -> None:
    # urllib would drop the body of a redirected request; the user is told the right URL.
    with fake_store([307]) as fake:
        summary = push_graphs(corpus_store, fake.url, graphs=[ID + "graph/names/0001279704"],
                              **FAST)
    assert len(fake.requests) == 1
    assert summary.failures[0].reason.endswith(
        "HTTP 307 Temporary Redirect: nope: not for you (the server redirects to "
        "http://127.0.0.1:1/elsewhere; use that URL)")


def test_a_silent_server_times_out(corpus_store: KnowledgeStore) -> None:
    with fake_store([201], delay=1.0) as fake, pytest.raises(RemoteError) as caught:
        push_graphs(corpus_store, fake.url, graphs=[ID + "graph/names/0001279704"],
                    retries=1, backoff=0.01, timeout=0.2)
    assert str(caught.value).startswith(f"{fake.url}: no answer within 0.2s after 2 tries")


def test_each_graph_is_one_put_of_n_triples(corpus_store: KnowledgeStore) -> None:
    graph = ID + "graph/filing/0000900002-20-000004"
    with fake_store([204]) as fake:
        push_graphs(corpus_store, fake.url + "?token=1", graphs=[graph], **FAST)
    [(method, path, content_type, body)] = fake.requests
    assert (method, content_type) == ("PUT", "application/n-triples")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    assert query == {"token": ["1"], "graph": [graph]}
    triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == local_counts(corpus_store)[graph]
    assert graph_url("http://h/store", "http://x/a b?c") == "http://h/store?graph=http%3A%2F%2Fx%2Fa%20b%3Fc"


# --- the command ------------------------------------------------------------------------------


def test_push_command(oxigraph: Server, store: str, runner: CliRunner) -> None:
    with KnowledgeStore(store, read_only=True) as kg:
        expected = local_counts(kg)
    result = runner.invoke(push, ["--endpoint", oxigraph.store, "--store", store])
    assert result.exit_code == 0, result.output
    line = (f"pushed {len(expected)} graphs ({sum(expected.values())} triples) to "
            f"{oxigraph.store} in ")
    assert re.fullmatch(re.escape(line) + r"\d+\.\ds; 0 failed\n", result.output)
    assert server_counts(oxigraph) == expected


def test_push_command_in_a_group(oxigraph: Server, store: str, runner: CliRunner) -> None:
    group = click.Group("edgar-kg", commands=[push])
    graph = ID + "graph/names/0001279704"
    result = runner.invoke(group, ["push", "--endpoint", oxigraph.store, "--store", store,
                                   "--graph", graph, "--retries", "1", "--timeout", "5"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("pushed 1 graphs (")
    assert list(server_counts(oxigraph)) == [graph]


def test_push_command_when_the_server_is_down(store: str, runner: CliRunner) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    result = runner.invoke(push, ["--endpoint", endpoint, "--store", store, "--retries", "0"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.count("\n") == 1
    assert result.output.startswith(f"error: {endpoint}: cannot connect (")
    assert result.output.endswith("after 1 try; stopped after pushing 0 graphs\n")


def test_push_command_lists_refused_graphs(store: str, runner: CliRunner) -> None:
    with fake_store([403]) as fake:
        result = runner.invoke(push, ["--endpoint", fake.url, "--store", store])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == len(fake.requests) + 1
    assert all(line.startswith(f"error: {fake.url}: the server refused graph <")
               and "HTTP 403 Forbidden: nope: not for you" in line for line in lines[:-1])
    assert re.fullmatch(rf"pushed 0 graphs \(0 triples\) to {re.escape(fake.url)} in "
                        rf"\d+\.\ds; {len(fake.requests)} failed", lines[-1])


def test_push_command_unknown_graph(store: str, runner: CliRunner) -> None:
    result = runner.invoke(push, ["--endpoint", "http://127.0.0.1:9/store", "--store", store,
                                  "--graph", "http://example.org/none"])
    assert result.exit_code == 1
    assert result.output.endswith("there is no graph <http://example.org/none>\n")
