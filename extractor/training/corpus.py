"""The text an annotation speaks of: a release's or an 8-K main document's plain text."""

from __future__ import annotations

import re
from pathlib import Path

from ..text.conversion import plain_text

_FIRST_TEXT = re.compile(r"<TEXT>(.*?)(?:</TEXT>|\Z)", re.S | re.I)


def document_source(raw: str) -> str:
    """The source of the document an annotation covers: the first <DOCUMENT>'s body of a
    submission (an 8-K's main document), else the whole file."""
    if "<DOCUMENT>" in raw[:200_000]:
        match = _FIRST_TEXT.search(raw)
        if match:
            return match.group(1)
    return raw


def annotated_text(path: str | Path) -> str:
    """The plain text annotators read and models learn from (`extractor.text.conversion`),
    the same text the readers see."""
    raw = Path(path).read_text(encoding="utf-8", errors="replace")
    return plain_text(document_source(raw)).text


def merge_parts(root: Path) -> dict[str, int]:
    """Gather the annotators' part files (annotations/parts/releases-*.jsonl, 8k-*.jsonl) into
    annotations/releases.jsonl and annotations/8k.jsonl, one line per text (a text annotated
    twice keeps its first line), sorted by file name, with each text's source row added."""
    import json

    sources = _source_rows(root / "SOURCES.tsv")
    counts = {}
    for name in ("releases", "8k"):
        lines: dict[str, dict] = {}
        for part in sorted((root / "annotations" / "parts").glob(f"{name}-*.jsonl")):
            for text in part.read_text(encoding="utf-8").splitlines():
                if text.strip():
                    line = json.loads(text)
                    lines.setdefault(line["doc"], line)
        out = root / "annotations" / f"{name}.jsonl"
        with out.open("w", encoding="utf-8") as handle:
            for doc in sorted(lines):
                line = lines[doc]
                line["source"] = sources.get(doc)
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        counts[out.name] = len(lines)
    return counts


def _source_rows(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    rows = path.read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    return {row.split("\t")[0]: dict(zip(header[1:], row.split("\t")[1:], strict=False))
            for row in rows[1:] if row.strip()}
