"""Downloads from EDGAR, against a small EDGAR served on localhost: nothing leaves the machine."""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from edgar_server import EdgarServer, EdgarTree, Fault, max_in_any_second, seed_filings

from extractor.batch.pipeline import extract_paths
from extractor.cli import cli
from extractor.download import (
    DownloadError,
    SecClient,
    UserAgentMissing,
    download_company,
    download_daily,
    download_index,
    download_names,
    parse_index,
    parse_quarters,
    sync,
)
from extractor.download.client import partial_path
from extractor.errors import EdgarKgError
from extractor.store.embedded import KnowledgeStore

AGENT = "edgar-kg tests tests@example.com"
CELLECTAR = "0001279704"
NEWEST = "0001144204-17-013452"


@pytest.fixture(autouse=True)
def only_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to an address other than this machine fails the test."""
    connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "::1", "localhost") and not isinstance(host, bytes):
            raise AssertionError(f"a test tried to reach {address}")
        return connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture()
def edgar(seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[EdgarServer]:
    """Twelve 8-Ks of Cellectar a week apart (made from the seed), the older two on an older
    page of its submissions JSON; the ticker list knows it as CLRB."""
    tree = EdgarTree(seed_filings(seed_path, 12), tickers={"CLRB": CELLECTAR}, page_after=10)
    with EdgarServer(tree) as server:
        monkeypatch.setenv("EDGAR_KG_SEC_WWW", server.url)
        monkeypatch.setenv("EDGAR_KG_SEC_DATA", server.url)
        monkeypatch.delenv("EDGAR_KG_USER_AGENT", raising=False)
        yield server


def _client(tmp_path: Path, **options: object) -> SecClient:
    settings: dict = {"backoff": 0.05, "timeout": 5.0,
                      "cache_file": tmp_path / "mirror" / ".edgar-kg" / "http-cache.sqlite"}
    settings.update(options)
    return SecClient(AGENT, **settings)


def _archive_gets(server: EdgarServer) -> list[str]:
    return [hit.path for hit in server.hits if hit.path.startswith("/Archives/edgar/data/")]


def test_a_company_by_ticker_lands_at_edgar_paths_and_is_not_fetched_twice(
        edgar: EdgarServer, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    with _client(tmp_path) as client:
        report = download_company(["CLRB"], mirror, forms=["8-K"], client=client)
    assert report.ok and report.count("fetched") == 13  # 12 filings and the listing
    filing = mirror / "Archives/edgar/data/1279704" / f"{NEWEST}.txt"
    assert filing.read_bytes() == edgar.tree.files[f"/Archives/edgar/data/1279704/{NEWEST}.txt"]
    listing = json.loads((mirror / f"submissions/CIK{CELLECTAR}.json").read_bytes())
    assert listing["name"] == "Cellectar Biosciences, Inc."
    # The older page was read (its filings fetched) but is not kept: extract cannot read it.
    assert (mirror / "Archives/edgar/data/1279704/0001144204-17-013463.txt").exists()
    assert not (mirror / "submissions" / f"CIK{CELLECTAR}-submissions-001.json").exists()
    assert not list(mirror.rglob(".*.part"))
    edgar.hits.clear()
    with _client(tmp_path) as client:
        again = download_company(["1279704"], mirror, forms=["8-K"], client=client)
    assert again.count("fetched") == 0 and again.count("present") == 13
    assert _archive_gets(edgar) == []


def test_forms_and_dates_choose_the_filings(edgar: EdgarServer, tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        report = download_company([CELLECTAR], tmp_path / "m", client=client,
                                  since=dt.date(2017, 2, 20), until=dt.date(2017, 3, 1))
        none = download_company([CELLECTAR], tmp_path / "n", forms=["10-K"], client=client)
    fetched = sorted(o.filing.filed for o in report.outcomes if o.filing is not None)
    assert fetched == [dt.date(2017, 2, 22), dt.date(2017, 3, 1)]
    assert none.count("fetched") == 1  # only the submissions JSON


def test_headers_only_and_the_index_headers_page_where_no_header_file_is(
        edgar: EdgarServer, tmp_path: Path) -> None:
    folder = "/Archives/edgar/data/1279704/000114420417013453"
    missing = f"{folder}/0001144204-17-013453.hdr.sgml"
    page = edgar.tree.files.pop(missing)
    edgar.tree.files[f"{folder}/0001144204-17-013453-index-headers.html"] = page
    with _client(tmp_path) as client:
        report = download_company([CELLECTAR], tmp_path / "m", headers_only=True,
                                  since=dt.date(2017, 3, 1), client=client)
    assert report.ok
    header = tmp_path / "m" / f"Archives/edgar/data/1279704/000114420417013452/{NEWEST}.hdr.sgml"
    assert header.read_bytes().startswith(b"<SEC-HEADER>") or b"ACCESSION NUMBER" in (
        header.read_bytes())
    assert (tmp_path / "m" / folder.lstrip("/") / "0001144204-17-013453-index-headers.html"
            ).exists()
    assert not _archive_gets(edgar)[0].endswith(".txt")


def test_the_request_rate_at_the_server_stays_under_the_limit(
        edgar: EdgarServer, tmp_path: Path) -> None:
    with _client(tmp_path, rate=5.0) as client:
        report = download_company([CELLECTAR], tmp_path / "m", client=client, workers=4)
    assert report.ok and report.requests == len(edgar.hits) == 14
    assert max_in_any_second([hit.at for hit in edgar.hits]) <= 5
    assert all(hit.headers["User-Agent"] == AGENT for hit in edgar.hits)


def test_retry_after_is_honoured_and_server_errors_retried(
        edgar: EdgarServer, tmp_path: Path) -> None:
    path = f"/Archives/edgar/data/1279704/{NEWEST}.txt"
    edgar.faults[path] = [Fault(429, {"Retry-After": "1"}), Fault(503)]
    with _client(tmp_path) as client:
        report = download_company([CELLECTAR], tmp_path / "m", since=dt.date(2017, 3, 8),
                                  client=client)
    assert report.ok
    tries = [hit for hit in edgar.hits if hit.path == path]
    assert [hit.status for hit in tries] == [429, 503, 200]
    assert tries[1].at - tries[0].at >= 1.0  # Retry-After: 1
    assert (tmp_path / "m" / path.lstrip("/")).read_bytes() == edgar.tree.files[path]


def test_a_cut_body_is_resumed_with_a_range_and_a_slow_answer_retried(
        edgar: EdgarServer, tmp_path: Path) -> None:
    path = f"/Archives/edgar/data/1279704/{NEWEST}.txt"
    slow = "/Archives/edgar/data/1279704/0001144204-17-013453.txt"
    edgar.faults[path] = [Fault(cut=1000)]
    edgar.faults[slow] = [Fault(delay=1.5)]
    with _client(tmp_path, timeout=0.5) as client:
        report = download_company([CELLECTAR], tmp_path / "m", since=dt.date(2017, 3, 1),
                                  client=client)
    assert report.ok
    tries = [hit for hit in edgar.hits if hit.path == path]
    assert "Range" not in tries[0].headers and tries[1].headers["Range"] == "bytes=1000-"
    assert tries[1].status == 206
    assert (tmp_path / "m" / path.lstrip("/")).read_bytes() == edgar.tree.files[path]
    assert len([hit for hit in edgar.hits if hit.path == slow]) == 2
    assert (tmp_path / "m" / slow.lstrip("/")).read_bytes() == edgar.tree.files[slow]


def test_a_missing_file_fails_alone_and_the_rest_arrive(
        edgar: EdgarServer, tmp_path: Path, runner: CliRunner) -> None:
    gone = "/Archives/edgar/data/1279704/0001144204-17-013454.txt"
    del edgar.tree.files[gone]
    result = runner.invoke(cli, ["download", CELLECTAR, "--to", str(tmp_path / "m"),
                                 "--user-agent", AGENT, "--since", "2017-02-01"])
    assert result.exit_code == 1
    assert f"error: {edgar.url}{gone}: not on EDGAR (HTTP 404)" in result.output
    assert "6 files fetched" in result.output and "1 failed" in result.output


def test_a_download_stopped_midway_resumes_to_identical_files(
        edgar: EdgarServer, tmp_path: Path) -> None:
    path = f"/Archives/edgar/data/1279704/{NEWEST}.txt"
    target = tmp_path / "m" / path.lstrip("/")
    edgar.faults[path] = [Fault(cut=5000)]
    with _client(tmp_path, retries=0) as client:
        first = download_company([CELLECTAR], tmp_path / "m", since=dt.date(2017, 3, 8),
                                 client=client)
    assert first.count("failed") == 1 and not target.exists()
    assert partial_path(target).stat().st_size == 5000
    with _client(tmp_path) as client:
        second = download_company([CELLECTAR], tmp_path / "m", since=dt.date(2017, 3, 8),
                                  client=client)
    assert second.ok and [o.resumed for o in second.outcomes if o.filing] == [True]
    assert target.read_bytes() == edgar.tree.files[path]
    assert not partial_path(target).exists()


def test_a_killed_process_resumes(edgar: EdgarServer, tmp_path: Path) -> None:
    path = f"/Archives/edgar/data/1279704/{NEWEST}.txt"
    target = tmp_path / "m" / path.lstrip("/")
    edgar.faults[path] = [Fault(trickle=True, delay=30)]  # half the file, then silence
    command = [sys.executable, "-m", "extractor", "download", CELLECTAR, "--since",
               "2017-03-08", "--to", str(tmp_path / "m"), "--user-agent", AGENT]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not (partial_path(target).exists() and partial_path(target).stat().st_size):
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
    finally:
        process.kill()
        process.wait()
    assert not target.exists()
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == edgar.tree.files[path]


def test_sec_refusal_stops_the_run_with_a_clear_message(
        edgar: EdgarServer, tmp_path: Path, runner: CliRunner) -> None:
    edgar.refuse_all = True
    result = runner.invoke(cli, ["download", "CLRB", "--to", str(tmp_path / "m"),
                                 "--user-agent", AGENT])
    assert result.exit_code == 3
    assert "SEC refused the request (HTTP 403)" in result.output
    assert len(edgar.hits) == 1


def test_no_user_agent_is_a_clear_error_before_any_request(
        edgar: EdgarServer, tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["download", "CLRB", "--to", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert result.output.startswith("error: SEC asks every program that downloads from EDGAR")
    with pytest.raises(UserAgentMissing, match="lacks a name and an e-mail address"):
        SecClient("curl/8.0")
    assert edgar.hits == []


def test_retries_spent_name_the_url_and_the_problem(edgar: EdgarServer, tmp_path: Path) -> None:
    edgar.faults["/files/company_tickers.json"] = [Fault(503)] * 3
    with _client(tmp_path, retries=2) as client, pytest.raises(
            DownloadError, match=r"company_tickers.json: HTTP 503 after 3 tries"):
        client.get(client.www_url("files/company_tickers.json"))


def test_an_unknown_company_is_reported_and_the_others_fetched(
        edgar: EdgarServer, tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        report = download_company(["Acme Widgets", "CLRB"], tmp_path / "m", client=client,
                                  since=dt.date(2017, 3, 8))
    assert report.failures == ["no company 'Acme Widgets' in SEC's ticker list (listed "
                               "companies only): give its CIK instead, found with EDGAR's "
                               "company search"]
    assert report.count("fetched") == 2


def test_a_quarter_index_by_form_and_a_dry_run(edgar: EdgarServer, tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        planned = download_index([(2017, 1)], tmp_path / "m", forms=["8-K"], dry_run=True,
                                 client=client)
        assert planned.count("planned") == 10 and not (tmp_path / "m" / "Archives").exists()
        report = download_index([(2017, 1)], tmp_path / "m", forms=["8-K"], client=client,
                                since=dt.date(2017, 3, 1))
    assert report.count("fetched") == 2
    with pytest.raises(ValueError, match="choose forms"):
        download_index([(2017, 1)], tmp_path / "m", forms=[], client=client)


def test_daily_tarballs_and_name_lists_are_read_by_extract(
        edgar: EdgarServer, tmp_path: Path) -> None:
    mirror = tmp_path / "m"
    with _client(tmp_path) as client:
        daily = download_daily([dt.date(2017, 3, 8)], mirror, headers_only=True, client=client)
        names = download_names(mirror, client=client)
    assert daily.ok and names.ok and names.count("fetched") == 3
    assert (mirror / "Archives/edgar/daily-index/2017/QTR1/20170308.nc.tar.gz").exists()
    with KnowledgeStore(tmp_path / "kg") as store:
        summary = extract_paths([str(mirror)], store, validate=False)
    assert summary.ok and summary.filings == 1
    assert sorted(Path(skip.source).name for skip in summary.skipped) == [
        "cik-lookup-data.txt", "company_tickers.json", "company_tickers_exchange.json"]


def test_sync_twice_fetches_and_extracts_nothing_new(edgar: EdgarServer, tmp_path: Path) -> None:
    mirror = tmp_path / "m"
    with KnowledgeStore(tmp_path / "kg") as store, _client(tmp_path) as client:
        first = sync(store, ["CLRB"], to=mirror, since=dt.date(2017, 2, 1), client=client)
        assert first.ok and first.extraction is not None
        assert first.extraction.filings == 6 and len(first.to_extract) == 7
        quads = len(store.store)
        edgar.hits.clear()
        second = sync(store, ["CLRB"], to=mirror, since=dt.date(2017, 2, 1), client=client)
        assert second.ok and second.extraction is None and second.to_extract == []
        assert len(store.store) == quads
    assert second.download.count("fetched") == 0
    assert _archive_gets(edgar) == []
    assert {hit.status for hit in edgar.hits} == {304}  # listings revalidated, not refetched


def test_extract_of_the_mirror_equals_extract_of_the_files(
        edgar: EdgarServer, tmp_path: Path) -> None:
    mirror = tmp_path / "m"
    with _client(tmp_path) as client:
        download_company([CELLECTAR], mirror, since=dt.date(2017, 2, 20), client=client)
    direct = tmp_path / "direct"
    direct.mkdir()
    for path in mirror.rglob("*.txt"):
        (direct / path.name).write_bytes(path.read_bytes())
    counts = []
    for source in (mirror / "Archives", direct):
        with KnowledgeStore(tmp_path / f"kg-{source.name}") as store:
            summary = extract_paths([str(source)], store, validate=False)
            counts.append((summary.filings, summary.triples))
    assert counts[0] == counts[1] and counts[0][0] == 3


def test_sync_command_and_dry_run(edgar: EdgarServer, tmp_path: Path, runner: CliRunner) -> None:
    store = str(tmp_path / "kg")
    base = ["--to", str(tmp_path / "m"), "--user-agent", AGENT, "--store", store,
            "--since", "2017-03-01"]
    dry = runner.invoke(cli, ["sync", "CLRB", "--dry-run", "--format", "csv", *base])
    assert dry.exit_code == 0, dry.output
    assert "planned,filing,8-K,2017-03-08,0001144204-17-013452" in dry.output
    assert f"planned,listing,,,,,{edgar.url}/submissions/CIK{CELLECTAR}.json" in dry.output
    assert "3 files would be extracted" in dry.output and not Path(store).exists()
    done = runner.invoke(cli, ["sync", "CLRB", *base])
    assert done.exit_code == 0, done.output
    assert "3 inputs extracted: 2 filings" in done.output
    again = runner.invoke(cli, ["sync", "CLRB", *base])
    assert "nothing new to extract: the store is up to date" in again.output


def test_listings_parse() -> None:
    form_idx = (
        "Form Type   Company Name                                                  CIK         "
        "Date Filed  File Name\n" + "-" * 120 + "\n"
        "SC 13G/A    ACME 3 HOLDINGS INC                                           1234567     "
        "2024-02-14  edgar/data/1234567/0001234567-24-000001.txt\n")
    (row,) = parse_index(form_idx)
    assert (row.form, row.company, row.cik, row.filed, row.accession) == (
        "SC 13G/A", "ACME 3 HOLDINGS INC", "0001234567", dt.date(2024, 2, 14),
        "0001234567-24-000001")
    assert row.header_path == ("Archives/edgar/data/1234567/000123456724000001/"
                               "0001234567-24-000001.hdr.sgml")
    company_idx = (
        "Company Name                                                  Form Type   CIK         "
        "Date Filed  File Name\n" + "-" * 120 + "\n"
        "ACME 3 HOLDINGS INC                                           8-K         1234567     "
        "20240214    edgar/data/1234567/0001234567-24-000002.txt\n")
    (row,) = parse_index(company_idx)
    assert (row.form, row.company, row.filed) == ("8-K", "ACME 3 HOLDINGS INC",
                                                  dt.date(2024, 2, 14))
    with pytest.raises(ValueError, match="not an EDGAR index"):
        list(parse_index("hello"))
    assert parse_quarters("2024Q1") == parse_quarters("2024/QTR1") == [(2024, 1)]
    assert parse_quarters("2024", today=dt.date(2024, 5, 1)) == [(2024, 1), (2024, 2)]
    with pytest.raises(ValueError, match="not a quarter"):
        parse_quarters("Q5")


def test_real_corpus_filings_by_company_extract_as_the_files_do(
        edgar_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpus's own filings served at their EDGAR paths: the three companies with the most
    filings come down whole, and the mirror extracts to what the files give directly."""
    from edgar_server import read_filing

    filings = {}
    for path in sorted(edgar_corpus.iterdir()):
        try:
            filing = read_filing(path.read_bytes())
        except (EdgarKgError, ValueError, AttributeError, IndexError, TypeError):
            continue  # bare documents and files without a header party are no EDGAR listing
        filings.setdefault(filing.accession, (filing, path))
    counts: dict[str, int] = {}
    for filing, _ in filings.values():
        counts[filing.cik] = counts.get(filing.cik, 0) + 1
    busiest = sorted(counts, key=lambda cik: (-counts[cik], cik))[:3]
    with EdgarServer(EdgarTree([f for f, _ in filings.values()])) as server:
        monkeypatch.setenv("EDGAR_KG_SEC_WWW", server.url)
        monkeypatch.setenv("EDGAR_KG_SEC_DATA", server.url)
        with _client(tmp_path) as client:
            report = download_company(busiest, tmp_path / "m", client=client)
    assert report.ok and report.count("fetched") == sum(counts[c] for c in busiest) + 3
    for filing, source in filings.values():
        if filing.cik in busiest:
            mirrored = tmp_path / "m" / f"Archives/edgar/data/{int(filing.cik)}/" \
                                        f"{filing.accession}.txt"
            assert mirrored.read_bytes() == source.read_bytes()
    direct = [str(source) for filing, source in filings.values() if filing.cik in busiest]
    results = []
    for name, paths in (("mirror", [str(tmp_path / "m" / "Archives")]), ("direct", direct)):
        with KnowledgeStore(tmp_path / name) as store:
            summary = extract_paths(paths, store, validate=False)
            results.append((summary.filings, summary.triples, len(summary.failures)))
    assert results[0] == results[1]


def test_retry_after_as_seconds_or_a_date() -> None:
    from email.utils import format_datetime

    from extractor.download.client import _retry_after

    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30)
    assert _retry_after("7") == 7.0
    assert 28 <= (_retry_after(format_datetime(later, usegmt=True)) or 0) <= 30
    assert _retry_after("soon") is None and _retry_after(None) is None


def test_extract_of_a_mirror_skips_name_lists_and_says_where_they_go(
        edgar: EdgarServer, tmp_path: Path, runner: CliRunner) -> None:
    mirror = tmp_path / "m"
    fetched = runner.invoke(cli, ["download", "--names", CELLECTAR, "--since", "2017-03-08",
                                  "--to", str(mirror), "--user-agent", AGENT])
    assert fetched.exit_code == 0, fetched.output
    result = runner.invoke(cli, ["extract", str(mirror), "--store", str(tmp_path / "kg")])
    assert result.exit_code == 0, result.output
    assert f"skipped {mirror}/files/company_tickers.json: SEC's list of company names and " \
           "tickers, not a filing: load it into the company index with `edgar-kg link FILE`" \
        in result.output
    assert "5 inputs (1 submission, 1 submissions-json, 3 skipped)" in result.output


def test_sync_with_names_fills_the_company_index(edgar: EdgarServer, tmp_path: Path,
                                                 runner: CliRunner) -> None:
    store = str(tmp_path / "kg")
    result = runner.invoke(cli, ["sync", "CLRB", "--names", "--since", "2017-03-08", "--to",
                                 str(tmp_path / "m"), "--user-agent", AGENT, "--store", store])
    assert result.exit_code == 0, result.output
    assert "company_tickers.json (company_tickers): 1 rows read, 1 added" in result.output
    assert "cik-lookup-data.txt (cik-lookup-data): 2 rows read, 2 added" in result.output
    card = runner.invoke(cli, ["company", "CLRB", "--store", store, "--format", "json"])
    assert json.loads(card.output)["tickers"] == [{"ticker": "CLRB", "exchange": "Nasdaq"}]


def test_an_unwritable_mirror_fails_each_file_with_the_reason(
        edgar: EdgarServer, tmp_path: Path) -> None:
    mirror = tmp_path / "m"
    (mirror / "Archives/edgar/data").mkdir(parents=True)
    (mirror / "Archives/edgar/data/1279704").write_text("a file where a folder must go")
    with _client(tmp_path) as client:
        report = download_company([CELLECTAR], mirror, since=dt.date(2017, 3, 1), client=client)
    failed = [o for o in report.outcomes if o.status == "failed"]
    assert len(failed) == 2 and all("cannot write" in o.reason for o in failed)


def test_a_server_that_is_not_there_is_named_after_the_retries(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a free port, closed again: nothing listens on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with SecClient(AGENT, www=f"http://127.0.0.1:{port}", retries=1, backoff=0.01) as client, \
            pytest.raises(DownloadError, match=r"connection problem .* after 2 tries"):
        client.get(client.www_url("files/company_tickers.json"))
