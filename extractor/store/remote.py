"""Pushing the store's named graphs to a SPARQL Graph Store over HTTP, with retries."""

from __future__ import annotations

import http
import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from ..errors import EdgarKgError, StoreError
from .embedded import BOOKKEEPING_PREFIX, KnowledgeStore

N_TRIPLES = "application/n-triples"
# After this many graphs in a row that still get 5xx/429 once their retries are spent, the
# server is taken to be down rather than refusing those graphs one by one.
_FAILING_IN_A_ROW = 3
# Answers about the endpoint, not the graph (a wrong path, no rights, a method it does not
# take): the same answer for this many graphs in a row will be the answer for all of them.
_ENDPOINT_REFUSALS = frozenset({401, 403, 404, 405, 406, 410, 415})
_BODY_EXCERPT = 200


class RemoteError(EdgarKgError):
    """A SPARQL endpoint could not be reached or refused the request; the message names it."""

    def __init__(self, message: str, summary: PushSummary | None = None) -> None:
        super().__init__(message)
        self.summary = summary


@dataclass(slots=True)
class GraphPush:
    """What happened to one graph: sent (status 2xx) or refused (error says why)."""

    graph: str
    triples: int
    bytes: int
    status: int
    tries: int
    error: str | None = None


@dataclass(slots=True)
class PushFailure:
    """A graph the server refused; reason is a whole message naming endpoint, graph and status."""

    graph: str
    status: int
    reason: str


@dataclass(slots=True)
class PushSummary:
    """The outcome of a push: graphs, triples and bytes accepted, the refusals, and the time."""

    endpoint: str
    graphs: int = 0
    triples: int = 0
    bytes: int = 0
    failures: list[PushFailure] = field(default_factory=list)
    seconds: float = 0.0
    # Triples in the store's default graph: Graph Store PUTs by graph name never send them.
    default_graph_triples: int = 0


# --- HTTP ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Answer:
    status: int
    reason: str
    body: bytes
    headers: Mapping[str, str]


class Unreachable(Exception):
    """No HTTP answer at all: refused or lost connection, unknown host, timeout."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # urllib turns a redirected POST into a GET without its body and refuses to follow a PUT;
    # reporting the redirect lets the user give the right endpoint instead.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _connection_problem(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g}s"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot connect ({reason.strerror})"
    return f"cannot connect ({reason})"


def _exchange_once(method: str, url: str, body: bytes | None, headers: dict[str, str],
                   timeout: float) -> _Answer:
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    # Built per request so proxy settings ($http_proxy, $no_proxy) are read when it is sent.
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(request, timeout=timeout) as answer:
            return _Answer(answer.status, answer.reason, answer.read(), answer.headers)
    except urllib.error.HTTPError as exc:
        try:
            text = exc.read()
        except (OSError, http.client.HTTPException):
            text = b""
        return _Answer(exc.code, exc.reason or "", text, exc.headers)
    except urllib.error.URLError as exc:
        raise Unreachable(_connection_problem(exc.reason, timeout)) from None
    except TimeoutError:
        raise Unreachable(f"no answer within {timeout:g}s") from None
    except (OSError, http.client.HTTPException) as exc:
        # A reset or a closed connection while the answer was being read.
        raise Unreachable(f"connection lost ({exc or type(exc).__name__})") from None


def _retryable(status: int) -> bool:
    return status >= 500 or status == 429


def _left(store: KnowledgeStore, graphs: Iterable[str] | None, summary: PushSummary) -> int:
    """Graphs of the push not tried yet."""
    tried = summary.graphs + len(summary.failures)
    if graphs is not None:
        return max(len(set(graphs)) - tried, 0)
    total = sum(1 for name in store.store.named_graphs() if isinstance(name, ox.NamedNode)
                and not name.value.startswith(BOOKKEEPING_PREFIX))
    return max(total - tried, 0)


def _repeats(status: int, failures: list[PushFailure]) -> bool:
    """Whether a failure counts toward stopping: a server error that outlived its retries, or
    the same refusal of the endpoint as the graph before."""
    if _retryable(status):
        return True
    return status in _ENDPOINT_REFUSALS and (
        len(failures) < 2 or failures[-2].status == status)


def exchange(method: str, url: str, body: bytes | None, headers: dict[str, str], *,
             retries: int, backoff: float, timeout: float) -> tuple[_Answer, int]:
    """The answer and how many tries it took; Unreachable (problem, tries) after the last."""
    tries = max(retries, 0) + 1
    for attempt in range(1, tries + 1):
        try:
            answer = _exchange_once(method, url, body, headers, timeout)
        except Unreachable as exc:
            if attempt == tries:
                raise Unreachable(f"{exc.problem} after {_tries(tries)}") from None
        else:
            if not _retryable(answer.status) or attempt == tries:
                return answer, attempt
        time.sleep(backoff * 2 ** (attempt - 1))
    raise AssertionError("unreachable")  # the loop always returns or raises


def _tries(count: int) -> str:
    return "1 try" if count == 1 else f"{count} tries"


def status_line(answer: _Answer) -> str:
    try:
        phrase = answer.reason or http.HTTPStatus(answer.status).phrase
    except ValueError:
        phrase = ""
    line = f"HTTP {answer.status} {phrase}".rstrip()
    first = next((part.strip() for part in answer.body[:4096].decode("utf-8", "replace")
                  .splitlines() if part.strip()), "")
    if first:
        line += ": " + (first if len(first) <= _BODY_EXCERPT else first[:_BODY_EXCERPT] + "...")
    if 300 <= answer.status < 400 and answer.headers.get("Location"):
        line += f" (the server redirects to {answer.headers['Location']}; use that URL)"
    return line


def check_endpoint(endpoint: str) -> str:
    """The endpoint URL if it is an http(s) URL with a host, else RemoteError saying so."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteError(f"{endpoint}: not an http:// or https:// URL of a SPARQL endpoint")
    return endpoint


def graph_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol URL of a graph: indirect identification, ?graph=<encoded IRI>."""
    parts = urllib.parse.urlsplit(endpoint)
    param = "graph=" + urllib.parse.quote(graph, safe="")
    query = f"{parts.query}&{param}" if parts.query else param
    return urllib.parse.urlunsplit(parts._replace(query=query))


# --- push ------------------------------------------------------------------------------------


def _graphs_to_push(store: KnowledgeStore, graphs: Iterable[str] | None) -> Iterable[ox.NamedNode]:
    if graphs is None:
        # Lazily: a corpus store has hundreds of thousands of graphs. A graph named by a blank
        # node has no IRI to PUT it under.
        return (name for name in store.store.named_graphs()
                if isinstance(name, ox.NamedNode) and not name.value.startswith(BOOKKEEPING_PREFIX))
    chosen: dict[str, ox.NamedNode] = {}
    for iri in graphs:
        try:
            name = ox.NamedNode(iri)
        except ValueError:
            raise StoreError(f"{iri!r} is not a graph IRI") from None
        if not store.store.contains_named_graph(name):
            raise StoreError(f"{store.path or 'memory store'}: there is no graph <{iri}>")
        chosen.setdefault(iri, name)
    return list(chosen.values())


def _serialize_graph(store: KnowledgeStore, name: ox.NamedNode) -> tuple[bytes, int]:
    count = 0

    def triples() -> Iterable[ox.Triple]:
        nonlocal count
        for quad in store.store.quads_for_pattern(None, None, None, name):
            count += 1
            yield quad.triple

    body = ox.serialize(triples(), format=ox.RdfFormat.N_TRIPLES)
    return body, count


def _push_graph(store: KnowledgeStore, endpoint: str, name: ox.NamedNode, *, retries: int,
                backoff: float, timeout: float) -> GraphPush:
    """PUT one graph; the outcome names the refusal, Unreachable when there was no answer."""
    body, triples = _serialize_graph(store, name)
    answer, tries = exchange("PUT", graph_url(endpoint, name.value), body,
                             {"Content-Type": N_TRIPLES},
                             retries=retries, backoff=backoff, timeout=timeout)
    outcome = GraphPush(name.value, triples, len(body), answer.status, tries)
    if not 200 <= answer.status < 300:
        retried = f" (after {_tries(tries)})" if tries > 1 else ""
        outcome.error = (f"{endpoint}: the server refused graph <{name.value}>: "
                         f"{status_line(answer)}{retried}")
    return outcome


def push_graphs(store: KnowledgeStore, endpoint: str, *, graphs: Iterable[str] | None = None,
                retries: int = 3, backoff: float = 0.5, timeout: float = 30,
                on_graph: Callable[[GraphPush], None] | None = None) -> PushSummary:
    """PUT each named graph of the store (or only `graphs`) to a Graph Store endpoint.

    One graph is serialized (N-Triples) and sent at a time. PUT replaces the server's graph of
    that name, so pushing again converges to the same remote graphs. Connection errors,
    timeouts and HTTP 5xx/429 are retried `retries` times with exponential backoff (backoff,
    2*backoff, ...); other 4xx are not. A graph the server refuses is listed in the summary's
    failures and the push goes on; when the server cannot be reached (or keeps failing), the
    push stops with RemoteError, whose `summary` holds what was done so far.
    """
    check_endpoint(endpoint)
    names = _graphs_to_push(store, graphs)
    summary = PushSummary(endpoint)
    if graphs is None:
        summary.default_graph_triples = sum(
            1 for _ in store.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    started = time.monotonic()
    failing_in_a_row = 0
    try:
        for name in names:
            try:
                outcome = _push_graph(store, endpoint, name, retries=retries, backoff=backoff,
                                      timeout=timeout)
            except Unreachable as exc:
                problem = exc.problem
            else:
                if outcome.error is None:
                    failing_in_a_row = 0
                    summary.graphs += 1
                    summary.triples += outcome.triples
                    summary.bytes += outcome.bytes
                else:
                    summary.failures.append(PushFailure(name.value, outcome.status, outcome.error))
                    failing_in_a_row = failing_in_a_row + 1 if _repeats(
                        outcome.status, summary.failures) else 0
                if on_graph is not None:
                    on_graph(outcome)
                if failing_in_a_row < _FAILING_IN_A_ROW:
                    continue
                problem = (f"the server failed {failing_in_a_row} graphs in a row, the last "
                           f"with HTTP {outcome.status}")
                if outcome.status in _ENDPOINT_REFUSALS:
                    problem = (f"the server answered HTTP {outcome.status} to {failing_in_a_row} "
                               "graphs in a row, and will to the rest: is the endpoint the "
                               "Graph Store's (often .../store or .../data, not .../query)? "
                               f"{_left(store, graphs, summary)} graphs were not tried")
            summary.seconds = time.monotonic() - started
            raise RemoteError(f"{endpoint}: {problem}; stopped after pushing {summary.graphs} "
                              "graphs", summary)
    finally:
        # pyoxigraph iterators must be dropped on the thread that made them, not by a later
        # garbage collection elsewhere, when the push stops early.
        close = getattr(names, "close", None)
        if close is not None:
            close()
    summary.seconds = time.monotonic() - started
    return summary
