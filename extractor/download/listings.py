"""What EDGAR lists: a company's filings (submissions JSON) and a quarter's (full indexes)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..edgar.header import normalize_accession, normalize_cik


@dataclass(frozen=True, slots=True)
class FilingRef:
    """One filing as a listing names it, and where its files sit on EDGAR (and in a mirror)."""

    cik: str  # ten digits
    accession: str  # dashed
    form: str
    filed: dt.date
    company: str | None = None

    @property
    def folder(self) -> str:
        return f"Archives/edgar/data/{int(self.cik)}/{self.accession.replace('-', '')}"

    @property
    def submission_path(self) -> str:
        """The full submission: header and every document (the index's own File Name)."""
        return f"Archives/edgar/data/{int(self.cik)}/{self.accession}.txt"

    @property
    def header_path(self) -> str:
        """The SEC header alone."""
        return f"{self.folder}/{self.accession}.hdr.sgml"

    def path(self, headers_only: bool) -> str:
        return self.header_path if headers_only else self.submission_path


def submissions_path(cik: str) -> str:
    """The data host's path of a company's submissions JSON."""
    return f"submissions/CIK{cik}.json"


def submission_rows(columns: dict[str, Any], cik: str, company: str | None
                    ) -> Iterator[FilingRef]:
    """The filings of a submissions JSON's columnar block ("recent", or an older page)."""
    accessions = columns.get("accessionNumber") or []
    forms = columns.get("form") or []
    dates = columns.get("filingDate") or []
    for accession, form, filed in zip(accessions, forms, dates, strict=False):
        number = normalize_accession(str(accession))
        day = _date(str(filed))
        if number and day:
            yield FilingRef(cik, number, str(form), day, company)


def older_pages(data: dict[str, Any], since: dt.date | None, until: dt.date | None
                ) -> list[str]:
    """The names of a submissions JSON's older pages whose dates overlap [since, until]."""
    pages = []
    for page in (data.get("filings") or {}).get("files") or []:
        if not isinstance(page, dict) or not page.get("name"):
            continue
        first, last = _date(str(page.get("filingFrom", ""))), _date(str(page.get("filingTo", "")))
        if since and last and last < since or until and first and first > until:
            continue
        pages.append(str(page["name"]))
    return pages


def wanted(filing: FilingRef, forms: Collection[str], since: dt.date | None,
           until: dt.date | None) -> bool:
    """Whether a filing is of one of `forms` (any form when empty; case and spacing aside)
    and filed within [since, until]."""
    if forms and _form_key(filing.form) not in {_form_key(form) for form in forms}:
        return False
    return not (since and filing.filed < since or until and filing.filed > until)


def _form_key(form: str) -> str:
    return re.sub(r"\s+", " ", form.strip().upper())


# --- full indexes ---------------------------------------------------------------------------

_QUARTER = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*(?:Q|QTR)?\s*([1-4])?\s*$", re.IGNORECASE)
INDEX_KINDS = ("master", "form", "company")


def parse_quarters(text: str, today: dt.date | None = None) -> list[tuple[int, int]]:
    """(year, quarter) pairs for "2024Q1", "2024-Q1", "2024/QTR1", or a whole year "2024"
    (its quarters up to today's). ValueError for anything else."""
    match = _QUARTER.match(text)
    if not match or not 1993 <= int(match.group(1)) <= 2100:
        raise ValueError(f"{text!r} is not a quarter: write 2024Q1 (or a year, 2024)")
    year = int(match.group(1))
    if match.group(2):
        return [(year, int(match.group(2)))]
    today = today or dt.date.today()
    last = 4 if year < today.year else (today.month - 1) // 3 + 1
    return [(year, quarter) for quarter in range(1, last + 1)]


def index_path(year: int, quarter: int, kind: str = "master") -> str:
    return f"Archives/edgar/full-index/{year}/QTR{quarter}/{kind}.idx"


def daily_archive_path(day: dt.date, headers_only: bool) -> str:
    """The day's tarball: every filing in full (Feed), or only their headers (daily-index)."""
    quarter = (day.month - 1) // 3 + 1
    folder = "daily-index" if headers_only else "Feed"
    return f"Archives/edgar/{folder}/{day.year}/QTR{quarter}/{day:%Y%m%d}.nc.tar.gz"


def parse_index(text: str) -> Iterator[FilingRef]:
    """The filings of a master.idx (CIK|Company Name|Form Type|Date Filed|Filename), form.idx
    or company.idx (fixed-width columns, placed by the header line); other lines skipped."""
    lines = text.splitlines()
    header_at = next((i for i, line in enumerate(lines)
                      if "Form Type" in line and ("CIK" in line) and "Date Filed" in line), None)
    if header_at is None:
        raise ValueError("no header line (CIK, Form Type, Date Filed) found: not an EDGAR index")
    header = lines[header_at]
    body = (line for line in lines[header_at + 1:] if line.strip() and not line.startswith("--"))
    if "|" in header:
        yield from _pipe_rows(body)
    else:
        yield from _fixed_rows(header, body)


def _pipe_rows(lines: Iterable[str]) -> Iterator[FilingRef]:
    for line in lines:
        parts = line.split("|")
        if len(parts) == 5:
            yield from _row(parts[0], parts[1], parts[2], parts[3], parts[4])


def _fixed_rows(header: str, lines: Iterable[str]) -> Iterator[FilingRef]:
    starts = {name: header.index(name) for name in
              ("Form Type", "Company Name", "CIK", "Date Filed", "File Name") if name in header}
    if len(starts) < 5:
        raise ValueError("an index header without Form Type, Company Name, CIK, Date Filed and "
                         "File Name")
    order = sorted(starts, key=starts.get)  # type: ignore[arg-type]
    for line in lines:
        # Columns are placed by the header, but a long company name pushes the rest right:
        # the last three fields are read from the right, split on whitespace.
        tail = line.split()
        if len(tail) < 4:
            continue
        cik, filed, file_name = tail[-3], tail[-2], tail[-1]
        head = line[: line.rindex(cik, 0, line.rindex(filed))].rstrip()
        first, second = order[0], order[1]
        split = starts[second]
        values = {first: head[:split].strip(), second: head[split:].strip()}
        yield from _row(cik, values.get("Company Name", ""), values.get("Form Type", ""),
                        filed, file_name)


def _row(cik: str, company: str, form: str, filed: str, file_name: str) -> Iterator[FilingRef]:
    number = normalize_cik(cik.strip())
    day = _date(filed.strip())
    accession = normalize_accession(file_name.strip().rsplit("/", 1)[-1].removesuffix(".txt"))
    if number and day and accession and form.strip():
        yield FilingRef(number, accession, form.strip(), day, company.strip() or None)


def _date(text: str) -> dt.date | None:
    for pattern in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
