"""The named SPARQL query library: discovery, parameter binding as RDF terms, and execution."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..edgar.dates import parse_date
from ..edgar.header import normalize_cik
from ..errors import AmbiguousCompany, QueryError, UnknownCompany
from ..resources import data_dir
from ..store.embedded import KnowledgeStore, python_value

_HEADER_LINE = re.compile(r"^#\s*(?P<key>[\w-]+)(?:\s*\((?P<type>[\w-]+)\))?\s*:\s*(?P<text>.*)$")
_PARAM_LINE = re.compile(r"^#\s*param\s+(?P<name>\w+)\s*\((?P<type>\w+)\)\s*:\s*(?P<text>.*)$")
PARAM_TYPES = ("string", "cik", "iri", "date", "integer", "company")
# What a file may start with before its first keyword: comments, PREFIX and BASE declarations.
_PROLOGUE = re.compile(r"(?:\s|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.I)
_UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
# Typed parameter values are checked whole (ASCII digits only: str.isdigit() takes "²" and
# "١"), so that a value with anything after a valid prefix is refused, not cut down to it.
_CIK_VALUE = re.compile(r"[0-9]{1,10}")
_DATE_VALUE = re.compile(r"[0-9]{4}-?[0-9]{2}-?[0-9]{2}")
_INTEGER_VALUE = re.compile(r"[+-]?[0-9]+")


@dataclass(slots=True)
class Param:
    """A query parameter: its variable name, type and what it means."""

    name: str
    type: str
    description: str


@dataclass(slots=True)
class NamedQuery:
    """A SPARQL query with the comment header that documents it."""

    name: str
    description: str
    text: str
    path: Path | None = None
    params: list[Param] = field(default_factory=list)
    example: str | None = None
    # columns whose values join a list with "|" (`# lists: assets, indications`)
    lists: list[str] = field(default_factory=list)


def parse_query_file(path: Path) -> NamedQuery:
    """Read a .rq file and its comment header (`# name: description`, `# param x (type): ...`).

    QueryError when the file is not UTF-8, holds no query, or holds a SPARQL update: the
    query command only reads (and opens the store read-only besides).
    """
    try:
        # utf-8-sig: an editor's byte-order mark would hide the header's first line.
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at "
                         f"offset {exc.start}); save the query as UTF-8") from None
    except IsADirectoryError:
        raise QueryError(f"{path}: is a folder, not a .rq query file") from None
    return parse_query_text(text, path.stem, path)


def looks_like_sparql(text: str) -> bool:
    """Whether a command-line argument is a query itself rather than a name or a file."""
    start = _PROLOGUE.match(text).end()
    return re.match(r"(?:SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text[start:], re.I) is not None


def parse_query_text(text: str, name: str = "inline", path: Path | None = None) -> NamedQuery:
    """A query from its text, with its comment header if it has one (see parse_query_file)."""
    path = path or Path(name)
    start = _PROLOGUE.match(text).end()
    keyword = re.match(r"[A-Za-z]*", text[start:]).group().upper()
    if start == len(text):
        raise QueryError(f"{path}: holds no query (only comments and prefixes, or nothing)")
    if keyword in _UPDATE_KEYWORDS:
        raise QueryError(f"{path}: is a SPARQL update ({keyword} ...), not a query; queries "
                         "only read the store (SELECT, ASK, CONSTRUCT, DESCRIBE)")
    query = NamedQuery(name=name, description="", text=text,
                       path=path if path.suffix == ".rq" else None)
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        param = _PARAM_LINE.match(line)
        if param:
            if param.group("type") not in PARAM_TYPES:
                raise QueryError(f"{path}: parameter {param.group('name')!r} has unknown type "
                                 f"{param.group('type')!r}; use one of {', '.join(PARAM_TYPES)}")
            query.params.append(Param(param.group("name"), param.group("type"),
                                      param.group("text").strip()))
            continue
        header = _HEADER_LINE.match(line)
        if not header:
            continue
        key = header.group("key")
        if key == "example":
            query.example = header.group("text").strip()
        elif key == "lists":
            listed = header.group("text").split("(")[0]
            query.lists = [name.strip() for name in listed.split(",") if name.strip()]
        elif key == name and not query.description:
            query.description = header.group("text").strip()
    return query


def list_queries(folder: Path | None = None) -> list[NamedQuery]:
    """Every named query shipped in queries/, sorted by name."""
    folder = folder or data_dir("queries")
    return [parse_query_file(path) for path in sorted(folder.glob("*.rq"))]


def load_query(name_or_path: str) -> NamedQuery:
    """A named query by name, or a query file by path; QueryError lists the known names."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.exists():
        return parse_query_file(path)
    candidate = data_dir("queries") / f"{name_or_path}.rq"
    if candidate.is_file():
        return parse_query_file(candidate)
    names = [q.name for q in list_queries()]
    close = difflib.get_close_matches(name_or_path, names, n=3, cutoff=0.6)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise QueryError(f"no query named {name_or_path!r} and no such .rq file; {hint}"
                     f"named queries: {', '.join(names)}")


def _term(param: Param, value: str, store: KnowledgeStore | None) -> Any:
    if param.type == "company":
        # A company as `history` takes it: a CIK, ticker, current or former name or alias,
        # or the IRI itself.
        if "://" in value or value.startswith("urn:"):
            return _term(Param(param.name, "iri", ""), value, store)
        if store is None:
            raise QueryError(f"parameter {param.name}: {value!r} is not an IRI, and a name "
                             "needs a store to be resolved")
        from .history import resolve_organization  # history runs queries of this module

        try:
            return ox.NamedNode(resolve_organization(store, value).iri)
        except (UnknownCompany, AmbiguousCompany) as exc:
            raise QueryError(f"parameter {param.name}: {value!r} is not a single company of "
                             f"the store ({exc})") from None
    if param.type == "cik":
        cik = normalize_cik(value) if _CIK_VALUE.fullmatch(value.strip()) else None
        if cik is None:
            raise QueryError(f"parameter {param.name}: {value!r} is not a CIK (digits expected)")
        return ox.Literal(cik)
    if param.type == "iri":
        try:
            return ox.NamedNode(value)
        except ValueError:
            raise QueryError(f"parameter {param.name}: {value!r} is not an IRI") from None
    if param.type == "date":
        day = parse_date(value) if _DATE_VALUE.fullmatch(value.strip()) else None
        if day is None:
            raise QueryError(f"parameter {param.name}: {value!r} is not a date (YYYY-MM-DD)")
        return ox.Literal(day.isoformat(),
                          datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    if param.type == "integer":
        if not _INTEGER_VALUE.fullmatch(value.strip()):
            raise QueryError(f"parameter {param.name}: {value!r} is not an integer")
        return ox.Literal(value.strip(),
                          datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(value)


def bind_params(query: NamedQuery, values: dict[str, str],
                store: KnowledgeStore | None = None) -> dict[str, Any]:
    """Turn `key=value` strings into RDF terms for the query's declared parameters.

    Values are bound as terms (never pasted into the query text), so no value can change
    the query's structure. A file query without a header takes every value as a string.
    """
    declared = {param.name: param for param in query.params}
    bound: dict[str, Any] = {}
    for key, value in values.items():
        param = declared.get(key)
        if param is None:
            if declared:
                names = ", ".join(declared)
                raise QueryError(f"query {query.name!r} has no parameter {key!r}; "
                                 f"its parameters are: {names}")
            param = Param(key, "string", "")
        bound[key] = _term(param, value, store)
    return bound


@dataclass(slots=True)
class QueryResult:
    """A SELECT result: variable names, rows as plain strings (None where unbound), and the
    same rows with each value's own type (bool, int, float or str) for JSON."""

    variables: list[str]
    rows: list[list[str | None]]
    values: list[list[object]] = field(default_factory=list)

    def records(self) -> list[dict[str, str | None]]:
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def typed_records(self) -> list[dict[str, object]]:
        """The rows as dicts of typed values (booleans, numbers, lists, None)."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.values]


def run_query(store: KnowledgeStore, query: NamedQuery, values: dict[str, str] | None = None
              ) -> QueryResult:
    """Run a SELECT query over the store with its parameters bound."""
    bindings = bind_params(query, values or {}, store)
    try:
        solutions = store.query(query.text, bindings)
    except QueryError as exc:
        where = query.path or query.name
        raise QueryError(f"{where}: {exc}") from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError(f"{query.name}: only SELECT queries can be shown as rows")
    variables = [variable.value for variable in solutions.variables]
    terms = [[solution[name] for name in variables] for solution in solutions]
    lists = {index for index, name in enumerate(variables) if name in query.lists}
    return QueryResult(variables, [[python_value(term) for term in row] for row in terms],
                       [[_listed(term) if index in lists else typed_value(term)
                         for index, term in enumerate(row)] for row in terms])


def _listed(term: Any) -> list[str]:
    """A "|"-joined GROUP_CONCAT as the list it stands for (empty when unbound)."""
    text = python_value(term)
    return [part for part in text.split("|") if part] if text else []


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + name for name in ("integer", "int", "long", "short", "byte",
                                      "nonNegativeInteger", "positiveInteger")}
_DECIMALS = {_XSD + name for name in ("decimal", "double", "float")}


def typed_value(term: Any) -> object:
    """A result term as JSON wants it: a boolean, a number, null, or else its text."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype == _XSD + "boolean":
                return term.value in ("true", "1")
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _DECIMALS:
                return float(term.value)
        except ValueError:
            return term.value
    return term.value
