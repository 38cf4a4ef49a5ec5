"""Named queries over a remote SPARQL endpoint, their parameters written in as RDF terms."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError
from ..rdf.vocab import PREFIXES
from ..store.remote import RemoteError, Unreachable, check_endpoint, exchange, status_line
from .queries import NamedQuery, QueryResult, bind_params

SPARQL_RESULTS_JSON = "application/sparql-results+json"


# --- binding parameters into query text ------------------------------------------------------
#
# A SPARQL endpoint takes query text only, so parameters are written into the text as RDF
# terms in their N-Triples form (pyoxigraph escapes quotes, backslashes and line breaks; each
# term is checked to lex as exactly one term). Where they go follows what the embedded store's
# `substitutions` do (as observed with pyoxigraph 0.5): the variable stands for that term
# everywhere in the query's pattern, FILTERs, EXISTS and the subqueries that project it, and
# the result column shows the term. Concretely:
#   * every ?v in the WHERE pattern, FILTER, BIND and SELECT expressions becomes the term;
#     a subquery is entered only when it projects ?v (else its ?v is another variable);
#   * BIND(e AS ?v) becomes FILTER(COALESCE(sameTerm(e, term), true)): a bound variable keeps
#     its value and only rows where e gives a different term are dropped, as in Oxigraph;
#   * a projected alias (e AS ?v) becomes (term AS ?v) plus that same condition, in HAVING
#     for an aggregate query and as a FILTER in the WHERE group otherwise;
#   * the outer query's column ?v is filled by a trailing `VALUES (?v) { (term) }`, which
#     SPARQL joins after grouping and before ORDER BY and projection;
#   * BOUND(?v) becomes true (embedded Oxigraph answers false unless the pattern itself
#     binds ?v, which is why the project's queries test parameters with COALESCE instead).
# Simpler placements were tried and give other rows: a trailing VALUES alone leaves FILTERs
# that read the parameter (former-names, products-by-indication, licensees-of) unbound, and a
# VALUES at the top of the WHERE group cannot coexist with BIND(... AS ?cik) or a SELECT alias
# of the same name (syntax errors) and does not reach into subqueries (filings' form).
# A parameter listed in a VALUES block of the query is refused rather than guessed at.

_STRING = (r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
           r'|"(?:[^"\\\n\r]|\\.)*"' r"|'(?:[^'\\\n\r]|\\.)*'")
_TOKEN = re.compile(
    r"(?P<ws>(?:\s+|#[^\n\r]*)+)"
    rf"|(?P<string>{_STRING})"
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r"|(?P<var>[?$]\w+)"
    r"|(?P<name>(?:[^\W\d]|_)[\w\-.]*(?::[\w\-.:%\\]*)?|:[\w\-.:%\\]*)"
    r"|(?P<other>.)",
    re.DOTALL,
)
_VARNAME = re.compile(r"\w+")
_AGGREGATES = frozenset({"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"})
_MODIFIER_STARTS = frozenset({"ORDER", "LIMIT", "OFFSET", "VALUES"})


@dataclass(slots=True)
class _Token:
    kind: str
    text: str

    def keyword(self) -> str:
        return self.text.upper() if self.kind == "name" else ""


def _tokenize(text: str) -> list[_Token]:
    return [_Token(match.lastgroup or "other", match.group()) for match in _TOKEN.finditer(text)]


def term_text(name: str, term: Any) -> str:
    """A parameter's RDF term as SPARQL text, checked to read back as that one term only."""
    if not _VARNAME.fullmatch(name):
        raise QueryError(f"parameter {name!r} is not a SPARQL variable name")
    if not isinstance(term, ox.NamedNode | ox.Literal):
        raise QueryError(f"parameter {name}: {term!r} is not an IRI or a literal (a pyoxigraph "
                         "NamedNode or Literal)")
    text = str(term)
    shape = [token.kind if token.kind != "other" else token.text for token in _tokenize(text)]
    if shape not in (["iri"], ["string"], ["string", "^", "^", "iri"], ["string", "@", "name"]):
        raise QueryError(f"parameter {name}: cannot write {text!r} as one SPARQL term")
    return text


class _Binder:
    """Writes parameter terms into one SELECT query's text (see the comment above)."""

    def __init__(self, sparql: str) -> None:
        self.tokens = _tokenize(sparql)
        self.match: dict[int, int] = {}
        stack: list[int] = []
        pairs = {"}": "{", ")": "("}
        for index, token in enumerate(self.tokens):
            if token.kind != "other":
                continue
            if token.text in "({":
                stack.append(index)
            elif token.text in ")}":
                if not stack or self.tokens[stack[-1]].text != pairs[token.text]:
                    raise QueryError(f"SPARQL syntax error: unbalanced {token.text!r}")
                self.match[stack.pop()] = index
        if stack:
            raise QueryError(f"SPARQL syntax error: unclosed {self.tokens[stack[-1]].text!r}")

    # --- navigation ---------------------------------------------------------------------

    def _next(self, index: int, end: int | None = None) -> int:
        """The first token at or after index that is not whitespace or a comment."""
        end = len(self.tokens) if end is None else end
        while index < end and self.tokens[index].kind == "ws":
            index += 1
        return index

    def _previous(self, index: int) -> _Token | None:
        index -= 1
        while index >= 0 and self.tokens[index].kind == "ws":
            index -= 1
        return self.tokens[index] if index >= 0 else None

    def _is(self, index: int, text: str) -> bool:
        return index < len(self.tokens) and (
            self.tokens[index].keyword() == text
            or self.tokens[index].kind == "other" and self.tokens[index].text == text)

    def _text(self, start: int, end: int) -> str:
        return "".join(token.text for token in self.tokens[start:end])

    # --- rewriting ----------------------------------------------------------------------

    def bind(self, terms: dict[str, str]) -> str:
        start = self._next(0)
        while start < len(self.tokens) and self.tokens[start].keyword() in ("BASE", "PREFIX"):
            # BASE <iri> is two tokens, PREFIX p: <iri> three.
            for _ in range(3 if self.tokens[start].keyword() == "PREFIX" else 2):
                start = self._next(start + 1)
        if start >= len(self.tokens) or self.tokens[start].keyword() != "SELECT":
            raise QueryError("only SELECT queries can be run on a SPARQL endpoint as rows")
        return self._text(0, start) + self._select(start, len(self.tokens), terms, outer=True)

    def _select(self, start: int, end: int, terms: dict[str, str], outer: bool) -> str:
        """One SELECT query (outer, or a subquery ending before `end`) with terms written in."""
        # The SELECT clause runs to the WHERE group (or to FROM); braces inside it belong to
        # EXISTS in an expression, always inside parentheses.
        clause_end, depth = start + 1, 0
        while clause_end < end:
            token = self.tokens[clause_end]
            if token.kind == "other" and token.text in "()":
                depth += 1 if token.text == "(" else -1
            elif depth == 0 and (self._is(clause_end, "{") or token.keyword() in
                                 ("WHERE", "FROM")):
                break
            clause_end += 1
        group = clause_end
        while group < end and not self._is(group, "{"):
            group += 1
        if group >= end:
            raise QueryError("SPARQL syntax error: SELECT without a WHERE group")
        group_end = self.match[group]

        explicit: list[str] = []
        aliases: dict[str, tuple[int, int, int]] = {}  # variable -> (open, AS, close)
        star = False
        index = start + 1
        while index < clause_end:
            token = self.tokens[index]
            if token.kind == "var":
                explicit.append(token.text[1:])
            elif self._is(index, "*"):
                star = True
            elif self._is(index, "("):
                close = self.match[index]
                as_at = self._find_as(index, close)
                if as_at is not None:
                    target = self._next(as_at + 1, close)
                    if target < close and self.tokens[target].kind == "var":
                        aliases[self.tokens[target].text[1:]] = (index, as_at, close)
                index = close
            index += 1

        if outer:
            scope = dict(terms)
        else:
            used = {token.text[1:] for token in self.tokens[group:group_end]
                    if token.kind == "var"}
            scope = {name: text for name, text in terms.items()
                     if name in explicit or name in aliases or star and name in used}

        aggregate = any(
            self.tokens[i].keyword() in ("GROUP", "HAVING") for i in range(group_end + 1, end)
        ) or any(
            token.keyword() in _AGGREGATES for token in self.tokens[start:clause_end])

        # The SELECT clause: aliases of parameters turn into the term plus a condition.
        conditions: list[str] = []
        parts: list[str] = []
        index = start
        for name in sorted(aliases, key=lambda key: aliases[key][0]):
            open_at, as_at, close = aliases[name]
            if name not in scope:
                continue
            parts.append(self._emit(index, open_at, scope, keep_bare=True))
            expression = self._emit(open_at + 1, as_at, scope).strip()
            conditions.append(f"COALESCE(sameTerm(({expression}), {scope[name]}), true)")
            parts.append(f"({scope[name]} AS ?{name})")
            index = close + 1
        parts.append(self._emit(index, group, scope, keep_bare=True))

        # The WHERE group, with the conditions as FILTERs when nothing is aggregated.
        parts.append("{" + self._emit(group + 1, group_end, scope))
        if conditions and not aggregate:
            parts.append("".join(f" FILTER ({condition})" for condition in conditions) + " ")
        parts.append("}")

        # Solution modifiers: a bare ?v (GROUP BY ?v, ORDER BY ?v) stays a variable.
        modifiers_start = group_end + 1
        if conditions and aggregate:
            having = next((i for i in range(modifiers_start, end)
                           if self.tokens[i].keyword() == "HAVING"), None)
            extra = " ".join(f"({condition})" for condition in conditions)
            if having is not None:
                parts.append(self._emit(modifiers_start, having + 1, scope, keep_bare=True))
                parts.append(f" {extra}")
                modifiers_start = having + 1
            else:
                insert = next((i for i in range(modifiers_start, end)
                               if self.tokens[i].keyword() in _MODIFIER_STARTS), end)
                parts.append(self._emit(modifiers_start, insert, scope, keep_bare=True))
                parts.append(f" HAVING {extra} ")
                modifiers_start = insert
        parts.append(self._emit(modifiers_start, end, scope, keep_bare=True))

        if outer:
            shown = [name for name in terms if name not in aliases and (
                name in explicit or star and any(
                    token.kind == "var" and token.text[1:] == name
                    for token in self.tokens[group:group_end]))]
            if shown:
                if any(self.tokens[i].keyword() == "VALUES" for i in range(group_end + 1, end)):
                    raise QueryError("the query ends with a VALUES clause; parameters "
                                     f"{', '.join(shown)} cannot be bound on an endpoint")
                variables = " ".join(f"?{name}" for name in shown)
                values = " ".join(terms[name] for name in shown)
                parts.append(f"\nVALUES ({variables}) {{ ({values}) }}\n")
        return "".join(parts)

    def _find_as(self, open_at: int, close: int) -> int | None:
        """The AS directly inside the parentheses open_at..close, if any."""
        index = open_at + 1
        while index < close:
            if self._is(index, "(") or self._is(index, "{"):
                index = self.match[index]
            elif self.tokens[index].keyword() == "AS":
                return index
            index += 1
        return None

    def _emit(self, start: int, end: int, scope: dict[str, str], keep_bare: bool = False) -> str:
        """Tokens start..end with parameters written in; keep_bare leaves ?v outside ( )."""
        out: list[str] = []
        depth = 0
        index = start
        while index < end:
            token = self.tokens[index]
            keyword = token.keyword()
            if token.kind == "other" and token.text == "{":
                first = self._next(index + 1)
                if self.tokens[first].keyword() == "SELECT":
                    close = self.match[index]
                    out.append(self._text(index, first))
                    out.append(self._select(first, close, scope, outer=False))
                    out.append("}")
                    index = close + 1
                    continue
            elif token.kind == "other" and token.text in "()":
                depth += 1 if token.text == "(" else -1
            elif keyword == "BIND" and scope:
                rewritten = self._bind_clause(index, scope)
                if rewritten is not None:
                    text, index = rewritten
                    out.append(text)
                    continue
            elif keyword == "BOUND" and scope:
                open_at = self._next(index + 1)
                var_at = self._next(open_at + 1)
                close = self._next(var_at + 1)
                if (self._is(open_at, "(") and var_at < len(self.tokens)
                        and self.tokens[var_at].kind == "var"
                        and self.tokens[var_at].text[1:] in scope and self._is(close, ")")):
                    out.append("true")
                    index = close + 1
                    continue
            elif keyword == "VALUES" and scope:
                self._check_values(index, scope)
            elif token.kind == "var" and token.text[1:] in scope and not (
                    keep_bare and depth == 0):
                name = token.text[1:]
                previous = self._previous(index)
                if previous is not None and previous.keyword() == "AS":
                    raise QueryError(f"?{name} is assigned with AS in the query; it cannot "
                                     "be bound as a parameter on an endpoint")
                if previous is not None and previous.keyword() == "GRAPH" and not (
                        scope[name].startswith("<")):
                    raise QueryError(f"?{name} names a graph in the query; bind it to an IRI")
                out.append(scope[name])
                index += 1
                continue
            out.append(token.text)
            index += 1
        return "".join(out)

    def _bind_clause(self, index: int, scope: dict[str, str]) -> tuple[str, int] | None:
        """BIND(e AS ?v) for a parameter ?v, as the FILTER that keeps rows compatible with it."""
        open_at = self._next(index + 1)
        if not self._is(open_at, "("):
            return None
        close = self.match[open_at]
        as_at = self._find_as(open_at, close)
        if as_at is None:
            return None
        target = self._next(as_at + 1, close)
        if target >= close or self.tokens[target].kind != "var":
            return None
        name = self.tokens[target].text[1:]
        if name not in scope:
            return None
        expression = self._emit(open_at + 1, as_at, scope).strip()
        return (f"FILTER (COALESCE(sameTerm(({expression}), {scope[name]}), true))",
                close + 1)

    def _check_values(self, index: int, scope: dict[str, str]) -> None:
        index += 1
        while index < len(self.tokens) and not self._is(index, "{"):
            token = self.tokens[index]
            if token.kind == "var" and token.text[1:] in scope:
                raise QueryError(f"?{token.text[1:]} is listed in a VALUES block of the query; "
                                 "it cannot also be bound as a parameter on an endpoint")
            index += 1


def bind_query(sparql: str, bindings: Mapping[str, Any] | None = None) -> str:
    """The SELECT query with each parameter written in as an RDF term, as the store binds it."""
    terms = {name: term_text(name, term) for name, term in (bindings or {}).items()}
    return _Binder(sparql).bind(terms)


# --- querying --------------------------------------------------------------------------------

_PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


def _plain(binding: dict[str, Any] | None) -> str | None:
    if binding is None:
        return None
    value = binding.get("value")
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)  # an RDF 1.2 triple term


def remote_select(endpoint: str, sparql: str, bindings: Mapping[str, Any] | None = None, *,
                  timeout: float = 60, retries: int = 2, backoff: float = 0.5) -> QueryResult:
    """Run a SELECT on a SPARQL 1.1 Protocol query endpoint; rows are plain strings.

    The project's prefixes are declared (the query may redeclare them) and `bindings` are
    written in as RDF terms by bind_query, never as raw text. The endpoint must see the
    union of the named graphs as its default graph, as the embedded store does (for Oxigraph,
    `oxigraph serve --union-default-graph`).
    """
    check_endpoint(endpoint)
    text = _PROLOGUE + bind_query(sparql, bindings)
    headers = {"Content-Type": "application/sparql-query; charset=utf-8",
               "Accept": SPARQL_RESULTS_JSON}
    try:
        answer, _ = exchange("POST", endpoint, text.encode("utf-8"), headers,
                             retries=retries, backoff=backoff, timeout=timeout)
    except Unreachable as exc:
        raise RemoteError(f"{endpoint}: {exc.problem}") from None
    if answer.status != 200:
        raise RemoteError(f"{endpoint}: the server refused the query: {status_line(answer)}")
    try:
        document = json.loads(answer.body)
        if "boolean" in document:
            raise QueryError("only SELECT queries can be shown as rows")
        variables = list(document["head"]["vars"])
        rows = [[_plain(solution.get(name)) for name in variables]
                for solution in document["results"]["bindings"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        kind = answer.headers.get("Content-Type", "unknown type")
        raise RemoteError(f"{endpoint}: the answer ({kind}) is not SPARQL JSON results") from None
    return QueryResult(variables, rows)


def run_named_query_remote(endpoint: str, query: NamedQuery,
                           values: dict[str, str] | None = None, *,
                           timeout: float = 60) -> QueryResult:
    """A named query on a SPARQL endpoint, its parameters checked and bound as run_query does."""
    bindings = bind_params(query, values or {})
    try:
        return remote_select(endpoint, query.text, bindings, timeout=timeout)
    except QueryError as exc:
        raise QueryError(f"{query.path or query.name}: {exc}") from None
