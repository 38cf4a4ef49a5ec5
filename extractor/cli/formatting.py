"""Render rows as a table that fits the terminal, JSON, JSON lines, CSV or TSV."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from collections.abc import Sequence

FORMATS = ("table", "json", "jsonl", "csv", "tsv")
MAX_CELL = 90
MIN_CELL = 12
# IRIs shortened in tables (only there: JSON and CSV keep them whole, for programs).
_PREFIXES = (
    ("https://w3id.org/edgar-kg/id/", "id:"),
    ("https://w3id.org/edgar-kg/ontology#", "ekg:"),
    ("http://www.w3.org/2001/XMLSchema#", "xsd:"),
)


def _plain(value: object, joiner: str = "|") -> str:
    """A value as CSV writes it: nothing for null, true/false, a list joined by `joiner`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return joiner.join(_plain(item, joiner) for item in value)
    return str(value)


def _text(value: object) -> str:
    """A value as a table shows it: as CSV does, with lists spaced and IRIs shortened."""
    text = _plain(value, " | ")
    for long, short in _PREFIXES:
        if text.startswith(long):
            return short + text[len(long):]
    return text


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def select_columns(columns: Sequence[str], rows: Sequence[Sequence[object]],
                   wanted: Sequence[str] | None = None, limit: int | None = None
                   ) -> tuple[list[str], list[list[object]]]:
    """The rows cut to the `wanted` columns (in that order) and the first `limit` rows.

    ValueError names a wanted column that the rows do not have, with the ones they do.
    """
    picked = list(range(len(columns)))
    if wanted:
        unknown = [name for name in wanted if name not in columns]
        if unknown:
            raise ValueError(f"no column {', '.join(map(repr, unknown))}; the columns are: "
                             f"{', '.join(columns)}")
        picked = [list(columns).index(name) for name in wanted]
    kept = rows if limit is None else rows[:limit]
    return [columns[i] for i in picked], [[row[i] for i in picked] for row in kept]


def render(columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: str,
           width: int | None = None) -> str:
    """Rows in the chosen format.

    JSON is an array of objects keyed by column name and JSON lines one object per line,
    both with the values' own types (true, 3, null, lists); CSV and TSV have a header row.
    A table shortens long IRIs to prefixed names and fits `width`, by default the terminal's
    when printing to one (output to a file or a pipe is never cut): the widest columns are
    cut first.
    """
    if fmt in ("json", "jsonl"):
        objects = [dict(zip(columns, row, strict=True)) for row in rows]
        if fmt == "jsonl":
            return "\n".join(json.dumps(item, ensure_ascii=False) for item in objects)
        return json.dumps(objects, indent=2, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n",
                            **({"delimiter": "\t"} if fmt == "tsv" else {}))
        writer.writerow(columns)
        writer.writerows([_plain(value) for value in row] for row in rows)
        return buffer.getvalue().rstrip("\n")
    if width is None and sys.stdout.isatty():
        width = shutil.get_terminal_size((120, 24)).columns
    return _table(columns, rows, width)


def _table(columns: Sequence[str], rows: Sequence[Sequence[object]], width: int | None) -> str:
    cells = [[_cut(_text(v), MAX_CELL) for v in row] for row in rows]
    widths = [len(c) for c in columns]
    for row in cells:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]
    # Narrow the widest column a step at a time until the table fits (or nothing can give).
    while width is not None and sum(widths) + 2 * (len(widths) - 1) > width:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        floor = max(MIN_CELL, len(columns[widest]))
        if widths[widest] <= floor:
            break
        widths[widest] = max(floor, widths[widest] - (sum(widths) + 2 * (len(widths) - 1)
                                                      - width))
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_cut(v, w).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
              for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
