"""An HTTP client for SEC EDGAR that keeps to SEC's fair-access rules."""

from __future__ import annotations

import email.utils
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from ..errors import EdgarKgError

SEC_WWW = "https://www.sec.gov"
SEC_DATA = "https://data.sec.gov"
# SEC's published ceiling for automated clients; an option may lower it, never raise it.
MAX_RATE = 10.0
USER_AGENT_ENV = "EDGAR_KG_USER_AGENT"
_EMAIL = re.compile(r"[^\s@<>]+@[^\s@<>]+\.[A-Za-z]{2,}")


class DownloadError(EdgarKgError):
    """Something could not be fetched from EDGAR; the message names the URL and why."""


class UserAgentMissing(DownloadError):
    """No User-Agent naming a person or company and an e-mail address was given."""


class SecRefused(DownloadError):
    """SEC answered 403: it refuses this client (an undeclared User-Agent, or too many
    requests); every further request would be refused too, so the whole run stops."""


class NotFound(DownloadError):
    """EDGAR has nothing at the URL (HTTP 404 or 410)."""


def user_agent_from(value: str | None) -> str:
    """The User-Agent to send: `value`, else $EDGAR_KG_USER_AGENT; it must hold a name and an
    e-mail address, as SEC asks of every automated client."""
    text = (value if value is not None else os.environ.get(USER_AGENT_ENV, "")).strip()
    if not text:
        raise UserAgentMissing(
            "SEC asks every program that downloads from EDGAR to say who runs it: give "
            "--user-agent \"Your Name or Company you@example.com\" or set "
            f"{USER_AGENT_ENV} (user_agent= in Python)")
    if not _EMAIL.search(text) or not _EMAIL.sub("", text).strip(" ,;<>()"):
        raise UserAgentMissing(
            f"user agent {text!r} lacks a name and an e-mail address; SEC refuses clients that "
            "do not declare both, e.g. \"Jane Doe Research jane@example.com\"")
    return text


def base_urls(www: str | None = None, data: str | None = None) -> tuple[str, str]:
    """The archive host and the data API host: arguments, else $EDGAR_KG_SEC_WWW and
    $EDGAR_KG_SEC_DATA (for mirrors and tests), else SEC's own."""
    return ((www or os.environ.get("EDGAR_KG_SEC_WWW") or SEC_WWW).rstrip("/"),
            (data or os.environ.get("EDGAR_KG_SEC_DATA") or SEC_DATA).rstrip("/"))


@dataclass(slots=True)
class Fetched:
    """A file written whole to its place: its size, and whether an earlier part was resumed."""

    path: Path
    bytes: int
    resumed: bool


def partial_path(target: Path) -> Path:
    """Where a file is written until it is complete: hidden, so no reader takes it for one."""
    return target.with_name(f".{target.name}.part")


class SecClient:
    """Requests to EDGAR at no more than `rate` a second (over any one-second window, across
    threads), with retries after connection errors, timeouts, 429 and 5xx answers (waiting as
    long as Retry-After says, else backing off exponentially), and an HTTP cache for the
    listings (submissions JSON, indexes, name lists) that revalidates instead of refetching.
    """

    def __init__(self, user_agent: str | None = None, *, rate: float = MAX_RATE,
                 retries: int = 5, backoff: float = 1.0, max_wait: float = 300.0,
                 timeout: float = 30.0, cache_file: Path | None = None,
                 www: str | None = None, data: str | None = None) -> None:
        from pyrate_limiter import Limiter, Rate

        if not 0 < rate <= MAX_RATE:
            raise ValueError(f"rate {rate:g}: SEC allows at most {MAX_RATE:g} requests a second")
        self.user_agent = user_agent_from(user_agent)
        self.www, self.data = base_urls(www, data)
        self.retries, self.backoff, self.max_wait = retries, backoff, max_wait
        # One request per 1/rate seconds: evenly spaced, never a burst of `rate` at once.
        self._limiter = Limiter(Rate(1, max(int(1000 / rate), 1)), buffer_ms=5)
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"}
        limits = httpx.Limits(max_connections=8, max_keepalive_connections=8)
        self._http = httpx.Client(headers=headers, timeout=timeout, limits=limits)
        self._listings = self._http
        if cache_file is not None:
            import hishel
            from hishel.httpx import CacheTransport

            cache_file.parent.mkdir(parents=True, exist_ok=True)
            transport = CacheTransport(
                next_transport=httpx.HTTPTransport(limits=limits),
                storage=hishel.SqliteStorage(database_path=str(cache_file)), rfc=True)
            self._listings = httpx.Client(headers=headers, timeout=timeout,
                                          transport=transport)
        self._lock = threading.Lock()
        self.requests = 0
        self.cache_hits = 0

    def __enter__(self) -> SecClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()
        if self._listings is not self._http:
            self._listings.close()
        self._limiter.close()

    def www_url(self, path: str) -> str:
        return f"{self.www}/{path.lstrip('/')}"

    def data_url(self, path: str) -> str:
        return f"{self.data}/{path.lstrip('/')}"

    def get(self, url: str) -> bytes:
        """The body at `url` through the HTTP cache (listings change; filings do not)."""
        def once() -> bytes:
            response = self._listings.get(url)
            self._check(url, response)
            status = response.extensions.get("caching") or {}
            if status.get("from_cache") and not status.get("revalidated"):
                with self._lock:
                    self.cache_hits += 1
            return response.content
        return self._retrying(url, once)

    @property
    def sent(self) -> int:
        """Requests that reached the server (answers the cache gave alone not counted)."""
        return self.requests - self.cache_hits

    def get_json(self, url: str) -> Any:
        import json

        body = self.get(url)
        try:
            return json.loads(body)
        except ValueError as exc:
            raise DownloadError(f"{url}: not JSON ({exc})") from None

    def fetch_to(self, url: str, target: Path) -> Fetched:
        """Write the file at `url` to `target`, whole or not at all.

        The bytes go to a hidden part file beside it, renamed only once complete, so a file
        at `target` is always whole. A part file left by a killed run is resumed with a
        Range request (a server that ignores it sends the file again from the start).
        """
        target.parent.mkdir(parents=True, exist_ok=True)
        part = partial_path(target)
        resumed = False

        def once() -> int:
            nonlocal resumed
            have = part.stat().st_size if part.exists() else 0
            # Identity encoding: a Range counts bytes of the file itself, not of a gzip stream.
            headers = {"Accept-Encoding": "identity"}
            if have:
                headers["Range"] = f"bytes={have}-"
            with self._http.stream("GET", url, headers=headers) as response:
                if response.status_code == 416 and have:
                    part.unlink()  # the part is not a prefix of this file: start again
                    raise httpx.TransportError("the part already downloaded does not fit")
                self._check(url, response)
                appending = response.status_code == 206
                resumed = resumed or appending
                expected = _expected_size(response, have if appending else 0)
                with open(part, "ab" if appending else "wb") as out:
                    # Chunks as they arrive: what came before a cut is kept for the resume.
                    for chunk in response.iter_raw():
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
            size = part.stat().st_size
            if expected is not None and size != expected:
                raise httpx.TransportError(f"the answer ended after {size} of {expected} bytes")
            return size

        size = self._retrying(url, once)
        os.replace(part, target)
        return Fetched(target, size, resumed)

    # --- the rules every request keeps ----------------------------------------------------

    def _retrying(self, url: str, attempt: Callable[[], Any]) -> Any:
        problem = ""
        for number in range(self.retries + 1):
            self._limiter.try_acquire("edgar")
            with self._lock:
                self.requests += 1
            try:
                return attempt()
            except _Retry as retry:
                problem, wait = retry.problem, retry.wait
            except httpx.TimeoutException:
                problem, wait = "no answer in time", None
            except httpx.TransportError as exc:
                problem, wait = f"connection problem ({exc or type(exc).__name__})", None
            if number == self.retries:
                break
            delay = wait if wait is not None else self.backoff * 2 ** number
            if delay > self.max_wait:
                raise DownloadError(f"{url}: {problem}; the server asks to wait {delay:g}s, "
                                    f"more than {self.max_wait:g}s: try again later")
            time.sleep(delay)
        tries = self.retries + 1
        raise DownloadError(f"{url}: {problem} after {tries} tr{'y' if tries == 1 else 'ies'}")

    def _check(self, url: str, response: httpx.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        if status in (404, 410):
            raise NotFound(f"{url}: not on EDGAR (HTTP {status})")
        if status == 403:
            raise SecRefused(
                f"{url}: SEC refused the request (HTTP 403). SEC refuses clients whose "
                f"User-Agent does not name a person or company with an e-mail address "
                f"(sent: {self.user_agent!r}) and, for about ten minutes, clients that made "
                "more than 10 requests a second; check the user agent, wait, and run again")
        if status == 429 or status >= 500:
            raise _Retry(f"HTTP {status}", _retry_after(response.headers.get("Retry-After")))
        raise DownloadError(f"{url}: HTTP {status} {response.reason_phrase}".rstrip())


class _Retry(Exception):
    def __init__(self, problem: str, wait: float | None) -> None:
        super().__init__(problem)
        self.problem, self.wait = problem, wait


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _expected_size(response: httpx.Response, offset: int) -> int | None:
    """The file's whole size from Content-Range, else the body's length plus the offset."""
    content_range = response.headers.get("Content-Range", "")
    total = content_range.rpartition("/")[2]
    if total.isdigit():
        return int(total)
    length = response.headers.get("Content-Length")
    return offset + int(length) if length and length.isdigit() else None
