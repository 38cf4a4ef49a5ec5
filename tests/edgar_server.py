"""A small EDGAR on localhost for the download tests: real filings at EDGAR's paths, listings
built from their headers, and faults served on demand."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import re
import tarfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from extractor.edgar.header import parse_header
from extractor.read.submission import split_header


@dataclass(slots=True)
class Filing:
    cik: str
    accession: str
    form: str
    filed: dt.date
    company: str
    text: bytes
    header: bytes


def read_filing(data: bytes) -> Filing:
    """A full submission's listing facts, read from its own header."""
    text = data.decode("latin-1")
    header_text, _ = split_header(text)
    header = parse_header(header_text)
    party = header.parties[0].entity
    return Filing(party.cik, header.accession_number, header.form_type or "", header.filed,
                  party.name, data, header_text.encode("latin-1"))


def renumbered(data: bytes, accession: str, filed: dt.date | None = None) -> bytes:
    """The same filing under another accession number (and filing date): many filings of one
    company from one real file."""
    original = re.search(rb"ACCESSION NUMBER:\s*(\S+)|<ACCESSION-NUMBER>(\S+)", data)
    assert original is not None
    old = original.group(1) or original.group(2)
    data = data.replace(old, accession.encode())
    if filed is not None:
        data = re.sub(rb"(FILED AS OF DATE:\s*)\d{8}", rb"\g<1>" + f"{filed:%Y%m%d}".encode(),
                      data)
    return data


@dataclass(slots=True)
class Fault:
    """One answer out of the ordinary: a status (with headers), a body cut after `cut` bytes,
    a wait of `delay` seconds before answering, or a body trickled out over `delay` seconds."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    cut: int | None = None
    delay: float = 0.0
    trickle: bool = False


class EdgarTree:
    """EDGAR's files for a set of filings: full submissions, headers, submissions JSON (with
    an older page when `page_after` filings are exceeded), full indexes, the ticker list,
    daily tarballs of headers and filings."""

    def __init__(self, filings: list[Filing], tickers: dict[str, str] | None = None,
                 page_after: int = 1000) -> None:
        self.files: dict[str, bytes] = {}
        by_cik: dict[str, list[Filing]] = defaultdict(list)
        by_quarter: dict[tuple[int, int], list[Filing]] = defaultdict(list)
        by_day: dict[dt.date, list[Filing]] = defaultdict(list)
        for filing in filings:
            number = str(int(filing.cik))
            folder = f"/Archives/edgar/data/{number}/{filing.accession.replace('-', '')}"
            self.files[f"/Archives/edgar/data/{number}/{filing.accession}.txt"] = filing.text
            self.files[f"{folder}/{filing.accession}.hdr.sgml"] = filing.header
            by_cik[filing.cik].append(filing)
            by_quarter[(filing.filed.year, (filing.filed.month - 1) // 3 + 1)].append(filing)
            by_day[filing.filed].append(filing)
        for cik, own in by_cik.items():
            self._submissions(cik, sorted(own, key=lambda f: f.filed, reverse=True), page_after)
        for (year, quarter), listed in by_quarter.items():
            self.files[f"/Archives/edgar/full-index/{year}/QTR{quarter}/master.idx"] = \
                _master_index(listed)
        for day, listed in by_day.items():
            quarter = (day.month - 1) // 3 + 1
            for folder, part in (("Feed", "text"), ("daily-index", "header")):
                self.files[f"/Archives/edgar/{folder}/{day.year}/QTR{quarter}/{day:%Y%m%d}"
                           f".nc.tar.gz"] = _tarball({f"{f.accession}.nc": getattr(f, part)
                                                      for f in listed})
        tickers = tickers or {}
        self.files["/files/company_tickers.json"] = json.dumps({
            str(n): {"cik_str": int(cik), "ticker": ticker, "title": by_cik[cik][0].company}
            for n, (ticker, cik) in enumerate(sorted(tickers.items()))}).encode()
        self.files["/files/company_tickers_exchange.json"] = json.dumps({
            "fields": ["cik", "name", "ticker", "exchange"],
            "data": [[int(cik), by_cik[cik][0].company, ticker, "Nasdaq"]
                     for ticker, cik in sorted(tickers.items())]}).encode()
        self.files["/Archives/edgar/cik-lookup-data.txt"] = "".join(
            f"{own[0].company}:{cik}:\n" for cik, own in sorted(by_cik.items())).encode() + (
            b"ACME WIDGETS INC:0000999999:\n")

    def _submissions(self, cik: str, newest_first: list[Filing], page_after: int) -> None:
        recent, older = newest_first[:page_after], newest_first[page_after:]
        pages = []
        if older:
            name = f"CIK{cik}-submissions-001.json"
            self.files[f"/submissions/{name}"] = json.dumps(_columns(older)).encode()
            pages.append({"name": name, "filingCount": len(older),
                          "filingFrom": older[-1].filed.isoformat(),
                          "filingTo": older[0].filed.isoformat()})
        self.files[f"/submissions/CIK{cik}.json"] = json.dumps({
            "cik": str(int(cik)), "name": newest_first[0].company, "tickers": [],
            "formerNames": [], "filings": {"recent": _columns(recent), "files": pages},
        }).encode()


def _columns(filings: list[Filing]) -> dict[str, list[str]]:
    return {"accessionNumber": [f.accession for f in filings],
            "filingDate": [f.filed.isoformat() for f in filings],
            "form": [f.form for f in filings]}


def _master_index(filings: list[Filing]) -> bytes:
    lines = ["Description:           Master Index of EDGAR Dissemination Feed", "", "",
             "CIK|Company Name|Form Type|Date Filed|Filename", "-" * 80]
    lines += [f"{int(f.cik)}|{f.company}|{f.form}|{f.filed.isoformat()}|"
              f"edgar/data/{int(f.cik)}/{f.accession}.txt" for f in filings]
    return ("\n".join(lines) + "\n").encode("latin-1")


def _tarball(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, payload in sorted(members.items()):
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
    return gzip.compress(buffer.getvalue(), mtime=0)


@dataclass(slots=True)
class Hit:
    """One request as the server saw it."""

    at: float
    path: str
    headers: dict[str, str]
    status: int = 0


class EdgarServer:
    """The tree served on a free localhost port, each request logged; `faults[path]` holds
    answers to give, in order, before the normal one. Like SEC, it refuses (403) a request
    whose User-Agent has no e-mail address."""

    def __init__(self, tree: EdgarTree) -> None:
        self.tree = tree
        self.faults: dict[str, list[Fault]] = defaultdict(list)
        self.hits: list[Hit] = []
        self.refuse_all = False
        self.latency = 0.0  # seconds every answer waits, as a distant server's would
        lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                hit = Hit(time.monotonic(), self.path, dict(self.headers.items()))
                with lock:
                    server.hits.append(hit)
                    fault = server.faults[self.path].pop(0) if server.faults[self.path] \
                        else None
                hit.status = server.answer(self, fault)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> EdgarServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, handler: BaseHTTPRequestHandler, fault: Fault | None) -> int:
        agent = handler.headers.get("User-Agent", "")
        if self.latency:
            time.sleep(self.latency)
        if self.refuse_all or "@" not in agent:
            return _send(handler, 403, b"Your Request Originates from an Undeclared "
                                       b"Automated Tool")
        if fault is not None and fault.delay and not fault.trickle:
            time.sleep(fault.delay)
        if fault is not None and fault.status != 200:
            return _send(handler, fault.status, b"fault", fault.headers)
        body = self.tree.files.get(handler.path.split("?")[0])
        if body is None:
            return _send(handler, 404, b"Not Found")
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        if handler.headers.get("If-None-Match") == etag:
            return _send(handler, 304, b"", {"ETag": etag})
        status, headers, start = 200, {"ETag": etag}, 0
        wanted = re.fullmatch(r"bytes=(\d+)-", handler.headers.get("Range", ""))
        if wanted:
            start = int(wanted.group(1))
            if start >= len(body):
                return _send(handler, 416, b"", {"Content-Range": f"bytes */{len(body)}"})
            status = 206
            headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
        part = body[start:]
        if fault is not None and (fault.cut is not None or fault.trickle):
            return _cut_short(handler, status, headers, part, fault)
        return _send(handler, status, part, headers)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up mid-answer (as the tests make them) is no news


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes,
          headers: dict[str, str] | None = None) -> int:
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if status != 304:
        handler.wfile.write(body)
    return status


def _cut_short(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str],
               body: bytes, fault: Fault) -> int:
    """Promise the whole body, send part of it (slowly, when trickling), drop the line."""
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    sent = body[: fault.cut if fault.cut is not None else len(body) // 2]
    handler.wfile.write(sent)
    handler.wfile.flush()
    if fault.trickle:
        time.sleep(fault.delay)
    handler.close_connection = True
    return status


def seed_filings(seed: Path, count: int, start: dt.date = dt.date(2017, 3, 8)) -> list[Filing]:
    """`count` filings of one company from the seed, a week apart, newest first."""
    data = seed.read_bytes()
    filings = []
    for n in range(count):
        accession = f"0001144204-17-{13452 + n:06d}"
        filings.append(read_filing(renumbered(data, accession, start - dt.timedelta(weeks=n))))
    return filings


def max_in_any_second(times: list[float]) -> int:
    """The most requests that fell within any one-second window."""
    times = sorted(times)
    return max((sum(1 for t in times[i:] if t < start + 1.0) for i, start in enumerate(times)),
               default=0)
