"""Helpers the extraction tests share: one document extracted and validated, its violations."""

from __future__ import annotations

import datetime as dt

from extractor.extract import Extraction, extract_document
from extractor.read.source import Source

BASE = "https://w3id.org/edgar-kg/id/"
WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def extract_validated(name: str, data: bytes) -> Extraction:
    """One input extracted and checked against the shapes; an input error fails the test."""
    result = extract_document(Source(name, data), BASE, WHEN, validate=True)
    assert isinstance(result, Extraction), f"{result.stage}: {result.reason}"
    return result


def violations(result: Extraction) -> list[str]:
    """Every core-shape violation of an extraction, one line each."""
    return [f"{r.shape} {r.focus} {r.message}" for results in result.shape_results.values()
            for r in results if r.is_violation]
