"""The company index: every known name of every CIK, with dates, and tickers, in SQLite on disk."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..edgar.header import normalize_cik
from ..edgar.names import NameRecord
from ..errors import InputError
from .keys import MAX_NAME_LENGTH, company_key, squashed_key

# Where a name row comes from: the store's merged histories carry dates; SEC's bulk files
# (cik-lookup-data.txt, company_tickers*.json) only say that a CIK had the name at some time.
STORE, LOOKUP, TICKERS = "store", "lookup", "tickers"
_BATCH = 20_000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, squashed TEXT NOT NULL, cik TEXT NOT NULL, name TEXT NOT NULL,
    start_lo TEXT NOT NULL DEFAULT '', start_hi TEXT NOT NULL DEFAULT '',
    end_lo TEXT NOT NULL DEFAULT '', end_hi TEXT NOT NULL DEFAULT '',
    current INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS names_row ON names (cik, name, source, start_lo, start_hi);
CREATE INDEX IF NOT EXISTS names_key ON names (key);
CREATE INDEX IF NOT EXISTS names_squashed ON names (squashed);
CREATE TABLE IF NOT EXISTS tickers (
    ticker TEXT NOT NULL, exchange TEXT NOT NULL DEFAULT '', cik TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '', source TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS tickers_row ON tickers (ticker, exchange, cik);
CREATE TABLE IF NOT EXISTS mentions (key TEXT NOT NULL, graph TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS mentions_row ON mentions (key, graph);
CREATE INDEX IF NOT EXISTS mentions_graph ON mentions (graph);
CREATE TABLE IF NOT EXISTS acronyms (
    acronym TEXT NOT NULL, organization TEXT NOT NULL, cik TEXT NOT NULL, graph TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS acronyms_row ON acronyms (acronym, organization, graph);
CREATE INDEX IF NOT EXISTS acronyms_graph ON acronyms (graph);
"""


@dataclass(frozen=True, slots=True)
class NameRow:
    """One name of one CIK, with the dates it is known to have held (ISO text, '' if open)."""

    cik: str
    name: str
    source: str
    start_lo: str = ""
    start_hi: str = ""
    end_lo: str = ""
    end_hi: str = ""
    current: bool = False

    @property
    def dated(self) -> bool:
        return self.source == STORE


@dataclass(slots=True)
class LoadReport:
    """What loading one bulk file did: rows read and added, and the lines skipped, by reason."""

    source: str
    kind: str
    read: int = 0
    added: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def skip(self, line_number: int, reason: str) -> None:
        self.skipped[reason] += 1
        if len(self.examples) < 5:
            self.examples.append(f"{self.source}:{line_number}: {reason}")

    def summary(self) -> str:
        skipped = ", ".join(f"{count} {reason}" for reason, count in sorted(self.skipped.items()))
        return (f"{self.source} ({self.kind}): {self.read} rows read, {self.added} added, "
                f"{self.duplicates} duplicates" + (f"; skipped {skipped}" if skipped else ""))


def index_path_for(store_path: str | os.PathLike[str] | None) -> str:
    """Where the index of a store lives: a file beside the store's folder (':memory:' without)."""
    if store_path is None:
        return ":memory:"
    folder = Path(store_path)
    return str(folder.with_name(folder.name + ".companies.sqlite"))


class CompanyIndex:
    """Names and tickers of companies by CIK, looked up by name key in well under a millisecond.

    The index is a SQLite file, so building it from a million-line name list needs memory for
    one batch of rows, not for the list.
    """

    def __init__(self, path: str | os.PathLike[str] = ":memory:") -> None:
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path)
            self.db.executescript(_SCHEMA)
            # A write-ahead log: readers (explain, company) do not wait for a linking writer.
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            raise InputError(self.path, f"the company index cannot be opened ({exc})") from None

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def __enter__(self) -> CompanyIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------
    # Changes accumulate in one SQLite transaction until commit(): a commit per company or
    # per graph made linking a corpus spend a third of its time syncing the file.

    def commit(self) -> None:
        self.db.commit()

    def _insert_names(self, rows: Iterable[NameRow]) -> tuple[int, int]:
        """Insert name rows; returns (added, duplicates)."""
        batch = [(key, squashed_key(key), row.cik, row.name, row.start_lo, row.start_hi,
                  row.end_lo, row.end_hi, int(row.current), row.source)
                 for row in rows for key in (company_key(row.name),)]
        before = self.db.total_changes
        self.db.executemany(
            "INSERT OR IGNORE INTO names (key, squashed, cik, name, start_lo, start_hi, end_lo,"
            " end_hi, current, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [row for row in batch if row[0]])
        added = self.db.total_changes - before
        return added, len(batch) - added

    def set_history(self, cik: str, records: Iterable[NameRecord],
                    observed: Iterable[tuple[str, str, str]] = ()) -> None:
        """Replace the dated names of one CIK: its merged name history from the store, and
        names filings showed it under between two days (ISO), held surely on those days."""
        rows = [_history_row(cik, record) for record in records]
        rows += [NameRow(cik, name, STORE, start_hi=first, end_lo=last)
                 for name, first, last in observed]
        self.db.execute("DELETE FROM names WHERE cik = ? AND source = ?", (cik, STORE))
        self._insert_names(rows)

    def add_ticker(self, ticker: str, cik: str, exchange: str = "", name: str = "",
                   source: str = STORE) -> None:
        self.db.execute("INSERT OR IGNORE INTO tickers VALUES (?, ?, ?, ?, ?)",
                        (ticker.upper(), exchange.upper(), cik, name, source))

    def load_lookup(self, stream: IO[str], source: str) -> LoadReport:
        """Read SEC's cik-lookup-data.txt ("NAME:CIK:" per line, former names included)."""
        report = LoadReport(source, "cik-lookup-data")
        batch: list[NameRow] = []
        for number, line in enumerate(stream, start=1):
            row = _lookup_row(line.rstrip("\r\n"), number, report)
            if row is not None:
                batch.append(row)
            if len(batch) >= _BATCH:
                self._flush(batch, report)
        self._flush(batch, report)
        return report

    def load_tickers(self, stream: IO[str], source: str) -> LoadReport:
        """Read company_tickers.json or company_tickers_exchange.json: names and tickers."""
        try:
            data = json.load(stream)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(source, f"not a JSON file of SEC tickers ({exc})") from None
        report = LoadReport(source, "company_tickers")
        names: list[NameRow] = []
        tickers: list[tuple[str, str, str, str, str]] = []
        for number, (cik, title, ticker, exchange) in enumerate(ticker_rows(data, source),
                                                                 start=1):
            report.read += 1
            normalized = normalize_cik(cik) if str(cik).strip().isdigit() else None
            if normalized is None or not isinstance(title, str) or not title.strip():
                report.skip(number, "rows without a CIK or a name")
                continue
            if len(title) > MAX_NAME_LENGTH:
                report.skip(number, f"names over {MAX_NAME_LENGTH} characters")
                continue
            names.append(NameRow(normalized, title.strip(), TICKERS))
            if isinstance(ticker, str) and ticker.strip():
                tickers.append((ticker.strip().upper(), str(exchange or "").strip().upper(),
                                normalized, title.strip(), TICKERS))
        self._flush(names, report)
        with self.db:
            self.db.executemany("INSERT OR IGNORE INTO tickers VALUES (?, ?, ?, ?, ?)", tickers)
        return report

    def _flush(self, batch: list[NameRow], report: LoadReport) -> None:
        if batch:
            with self.db:
                added, duplicates = self._insert_names(batch)
            report.added += added
            report.duplicates += duplicates
            batch.clear()

    def load_file(self, path: str | os.PathLike[str]) -> LoadReport:
        """Load one of SEC's bulk name files, told apart by content: JSON tickers or the
        lookup list."""
        source = str(path)
        try:
            with open(path, "rb") as raw:
                compressed = raw.read(2) == b"\x1f\x8b"  # SEC's lists are often kept gzipped
            opener = gzip.open if compressed else open
            with opener(path, "rt", encoding="utf-8", errors="replace") as stream:
                start = stream.read(256).lstrip("\ufeff \t\r\n")[:1]
                stream.seek(0)
                if start in ("{", "["):
                    return self.load_tickers(stream, source)
                return self.load_lookup(stream, source)
        except sqlite3.Error as exc:
            raise InputError(self.path, f"the company index cannot be written ({exc})") from None
        except (OSError, EOFError) as exc:
            raise InputError(source, f"cannot be read ({getattr(exc, 'strerror', None) or exc})"
                             ) from None

    def record_mentions(self, graph: str, keys: Iterable[str]) -> None:
        """Remember which name keys a source graph mentions, to relink it when names change."""
        self.db.execute("DELETE FROM mentions WHERE graph = ?", (graph,))
        self.db.executemany("INSERT OR IGNORE INTO mentions VALUES (?, ?)",
                            [(key, graph) for key in set(keys) if key])

    def record_acronyms(self, graph: str, rows: Iterable[tuple[str, str, str]]) -> set[str]:
        """Remember the acronyms a graph defines for its organizations, (acronym, organization
        IRI, CIK or ''); returns the acronyms no graph had defined for that organization."""
        rows = set(rows)
        self.db.execute("DELETE FROM acronyms WHERE graph = ?", (graph,))
        new = {acronym for acronym, organization, _ in rows if not self.db.execute(
            "SELECT 1 FROM acronyms WHERE acronym = ? AND organization = ?",
            (acronym, organization)).fetchone()}
        self.db.executemany("INSERT OR IGNORE INTO acronyms VALUES (?, ?, ?, ?)",
                            [(*row, graph) for row in rows])
        return new

    def organizations_for_acronym(self, acronym: str) -> dict[str, str]:
        """The organizations texts defined `acronym` for, each with its CIK ('' if none)."""
        found: dict[str, str] = {}
        for organization, cik in self.db.execute(
                "SELECT organization, cik FROM acronyms WHERE acronym = ?", (acronym,)):
            found[organization] = found.get(organization) or cik
        return found

    # --- reading ---------------------------------------------------------------------------

    def names_for_key(self, key: str) -> list[NameRow]:
        return self._rows("SELECT cik, name, source, start_lo, start_hi, end_lo, end_hi, "
                          "current FROM names WHERE key = ?", key)

    def names_matching(self, key: str) -> tuple[list[NameRow], bool]:
        """The rows of a name key, else of the key without spaces; True in the second case."""
        rows = self.names_for_key(key)
        if rows:
            return rows, False
        return self.names_for_squashed(squashed_key(key)), True

    def listings(self, cik: str) -> list[tuple[str, str]]:
        """(ticker, exchange or '') of each listing the index holds for a CIK."""
        return [tuple(row) for row in self.db.execute(
            "SELECT ticker, exchange FROM tickers WHERE cik = ?", (cik,))]

    def names_for_squashed(self, squashed: str) -> list[NameRow]:
        return self._rows("SELECT cik, name, source, start_lo, start_hi, end_lo, end_hi, "
                          "current FROM names WHERE squashed = ?", squashed)

    def names_of(self, cik: str) -> list[NameRow]:
        return self._rows("SELECT cik, name, source, start_lo, start_hi, end_lo, end_hi, "
                          "current FROM names WHERE cik = ? ORDER BY start_lo", cik)

    def _rows(self, sql: str, value: str) -> list[NameRow]:
        return [NameRow(cik, name, source, *dates, current=bool(current))
                for cik, name, source, *dates, current in self.db.execute(sql, (value,))]

    def ciks_for_ticker(self, ticker: str, exchange: str = "") -> set[str]:
        rows = self.db.execute("SELECT cik, exchange FROM tickers WHERE ticker = ?",
                               (ticker.upper(),)).fetchall()
        if exchange:
            on_exchange = {cik for cik, listed in rows if listed in ("", exchange.upper())}
            if on_exchange:
                return on_exchange
        return {cik for cik, _ in rows}

    def graphs_mentioning(self, keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for key in set(keys):
            found.update(graph for (graph,) in self.db.execute(
                "SELECT graph FROM mentions WHERE key = ?", (key,)))
        return found

    def graphs_with_known_mentions(self) -> list[str]:
        """Source graphs naming an organization whose key (or key without spaces) the index
        holds."""
        return [graph for (graph,) in self.db.execute(
            "SELECT DISTINCT graph FROM mentions WHERE key IN (SELECT key FROM names) "
            "OR replace(key, ' ', '') IN (SELECT squashed FROM names)")]

    def counts(self) -> dict[str, int]:
        """Names, CIKs and tickers in the index, and name rows by source."""
        result = {"names": self.db.execute("SELECT COUNT(*) FROM names").fetchone()[0],
                  "companies": self.db.execute(
                      "SELECT COUNT(DISTINCT cik) FROM names").fetchone()[0],
                  "tickers": self.db.execute("SELECT COUNT(*) FROM tickers").fetchone()[0]}
        for source, count in self.db.execute("SELECT source, COUNT(*) FROM names GROUP BY source"):
            result[f"names from {source}"] = count
        return result


def _history_row(cik: str, record: NameRecord) -> NameRow:
    def iso(day: object) -> str:
        return day.isoformat() if day is not None else ""  # type: ignore[attr-defined]

    end = record.end
    return NameRow(cik, record.name, STORE, iso(record.start.earliest), iso(record.start.latest),
                   "" if end is None else iso(end.earliest), "" if end is None else iso(end.latest),
                   current=end is None)


def _lookup_row(line: str, number: int, report: LoadReport) -> NameRow | None:
    """One line of cik-lookup-data.txt; names may hold colons, so the CIK is the last field."""
    if not line.strip():
        return None
    report.read += 1
    body = line[:-1] if line.endswith(":") else line
    name, separator, cik = body.rpartition(":")
    cik = cik.strip()
    if not separator or not cik.isdigit() or len(cik) > 10 or not name.strip():
        report.skip(number, "lines not of the form NAME:CIK:")
        return None
    if len(name) > MAX_NAME_LENGTH:
        report.skip(number, f"names over {MAX_NAME_LENGTH} characters")
        return None
    normalized = normalize_cik(cik)
    if normalized is None:
        report.skip(number, "lines not of the form NAME:CIK:")
        return None
    return NameRow(normalized, name.strip(), LOOKUP)


def ticker_rows(data: object, source: str) -> Iterator[tuple[object, object, object, object]]:
    """(cik, name, ticker, exchange) from either of SEC's two ticker files."""
    if isinstance(data, dict) and isinstance(data.get("fields"), list):
        fields = [str(name).lower() for name in data["fields"]]
        wanted = {name: fields.index(name) for name in ("cik", "name", "ticker", "exchange")
                  if name in fields}
        if "cik" not in wanted or "name" not in wanted:
            raise InputError(source, "a ticker table without cik and name fields")
        for row in data.get("data") or []:
            if not isinstance(row, list) or len(row) < len(fields):
                yield (None, None, None, None)
                continue
            yield tuple(row[wanted[name]] if name in wanted else None  # type: ignore[misc]
                        for name in ("cik", "name", "ticker", "exchange"))
        return
    rows = data.values() if isinstance(data, dict) else data if isinstance(data, list) else None
    if rows is None:
        raise InputError(source, "neither company_tickers.json nor company_tickers_exchange.json")
    for row in rows:
        if not isinstance(row, dict):
            yield (None, None, None, None)
            continue
        yield (row.get("cik_str", row.get("cik")), row.get("title", row.get("name")),
               row.get("ticker"), row.get("exchange"))
