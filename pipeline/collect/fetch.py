"""Polite HTTP fetching, built from maintained parts:

- requests-cache: an HTTP cache that revalidates with ETag / Last-Modified, so a re-crawl
  asks `If-None-Match` and an unchanged page costs a 304;
- requests-ratelimiter (pyrate-limiter): at most `rate` requests a second per host;
- urllib3's `Retry`: retries with exponential backoff on 429 and 5xx and on connection
  errors, honouring `Retry-After` up to 10 minutes; a server asking for longer is not
  waited for: the URL is deferred, and so are that host's next ones until the time asked;
- protego: robots.txt, fetched once per host and obeyed (a missing one allows all).

On top: a User-Agent naming the project and a contact, timeouts, a maximum response size
(the body is streamed and given up past it), and redirects followed one hop at a time so
that the allowed-domain rule and robots.txt are checked before every hop, not after.
"""
from __future__ import annotations

import hashlib
import ipaddress
import logging
import os
import socket
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import requests
from protego import Protego
from requests.adapters import HTTPAdapter
from requests_cache import CacheMixin
from requests_ratelimiter import LimiterMixin
from urllib3.util.retry import Retry

from .. import __version__

# Who is crawling and how to reach them: set OCOP_CONTACT (an e-mail or a web page) for a real crawl.
CONTACT = os.environ.get("OCOP_CONTACT", "contact: set OCOP_CONTACT")
USER_AGENT = f"ocop-pipeline/{__version__} (research crawler of OCOP documents; {CONTACT})"
MAX_BYTES = 50 << 20  # a response larger than this is given up
# urllib3 logs each retry as a warning; the crawl records the outcome per URL instead.
logging.getLogger("urllib3.connectionpool").setLevel(logging.ERROR)
MAX_REDIRECTS = 5
TIMEOUT = (10, 30)  # seconds to connect, to read
MAX_RETRY_AFTER = 600  # seconds: a longer Retry-After defers the URL instead of blocking a crawl thread


class FetchError(Exception):
    """A URL that could not be fetched; the message says why (it is recorded), `kind` what
    sort of failure it was (for the crawl's summary)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class _Deferred(Exception):
    """Raised inside urllib3's retry loop when a server asks to wait past MAX_RETRY_AFTER."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class _PatientRetry(Retry):
    """urllib3's Retry, but a `Retry-After` past MAX_RETRY_AFTER is not slept through (a
    thread blocked for hours): it ends the request, for the crawl to defer the URL."""

    def sleep_for_retry(self, response) -> bool:  # type: ignore[no-untyped-def]
        wait = self.get_retry_after(response)
        if wait is not None and wait > MAX_RETRY_AFTER:
            raise _Deferred(wait)
        return super().sleep_for_retry(response)


@dataclass
class Fetched:
    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    from_cache: bool  # True: a 304 revalidated the cached copy, nothing changed
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


class _Session(CacheMixin, LimiterMixin, requests.Session):
    """A requests session with an HTTP cache in front of a per-host rate limiter."""


def host_of(url: str) -> str:
    return (urllib.parse.urlsplit(url).hostname or "").lower()


def private_address(host: str) -> str | None:
    """The private, loopback or link-local address `host` is or resolves to, if any: a
    crawler must not be steered into the machine's own network by a link or redirect."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return None  # unresolvable: the fetch itself will fail with the reason
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            return str(address)
    return None


def allowed(url: str, domains: list[str]) -> bool:
    """Is the URL on one of the allowed domains (or a subdomain of one)?"""
    host = host_of(url)
    return any(host == d or host.endswith("." + d) for d in domains)


class Fetcher:
    def __init__(self, domains: list[str], *, rate: float = 1.0, cache_path: Path | None = None,
                 user_agent: str = USER_AGENT, retries: int = 3, backoff: float = 0.5,
                 max_bytes: int = MAX_BYTES, timeout: tuple[float, float] = TIMEOUT,
                 allow_private: bool = False) -> None:
        self.domains = [d.lower() for d in domains]
        self.allow_private = allow_private  # only for a mirror or fixture site on this machine
        self.user_agent = user_agent
        self.max_bytes = max_bytes
        self.timeout = timeout
        cache = {"backend": "sqlite", "cache_name": str(cache_path)} if cache_path else {"backend": "memory"}
        # expire_after=0: every cached page is revalidated (a conditional request) when asked again.
        # Only responses of a declared, acceptable size are cached: the cache reads a body whole,
        # which must not happen before the size limit is checked.
        # A form's POST (an ASP.NET postback that pages a listing) is cached like a GET, keyed by
        # its body as well as its URL.
        self.session = _Session(per_second=rate, per_host=True, expire_after=0, filter_fn=self._cacheable,
                                allowable_methods=("GET", "HEAD", "POST"), **cache)
        self.session.headers["User-Agent"] = user_agent
        self.session.max_redirects = MAX_REDIRECTS
        retry = _PatientRetry(total=retries, backoff_factor=backoff, status_forcelist=(429, 500, 502, 503, 504),
                      allowed_methods=("GET", "HEAD", "POST"), respect_retry_after_header=True, raise_on_status=False,
                      backoff_max=30)
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._robots: dict[str, Protego] = {}
        self._not_before: dict[str, float] = {}  # server (host:port) -> the time it asked us to wait until

    def _cacheable(self, response: requests.Response) -> bool:
        length = response.headers.get("Content-Length", "")
        return length.isdigit() and int(length) <= self.max_bytes and response.status_code in (200, 203, 300, 301, 308)

    def close(self) -> None:
        self.session.close()

    # -- robots.txt
    def robots(self, url: str) -> Protego:
        parts = urllib.parse.urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._robots:
            try:
                response = self.session.get(f"{key}/robots.txt", timeout=self.timeout, allow_redirects=True)
                text = response.text if response.status_code == 200 else ""
            except requests.RequestException:
                text = ""  # an unreachable robots.txt is treated as absent
            self._robots[key] = Protego.parse(text)
        return self._robots[key]

    def can_fetch(self, url: str) -> bool:
        return self.robots(url).can_fetch(url, self.user_agent)

    # -- fetching
    def get(self, url: str, form: dict[str, str] | None = None) -> Fetched:
        """Fetch `url` (POSTing `form`, when given: a postback), following redirects within
        the allowed domains (a redirect after a POST is a GET). Raises FetchError with the
        reason for anything that is not a usable response."""
        hops: list[str] = []
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if not allowed(current, self.domains):
                how = " (redirected)" if hops else ""
                raise FetchError("off-domain", f"off the allowed domains: {current}{how}")
            if not self.allow_private and (address := private_address(host_of(current))):
                raise FetchError("private address", f"{host_of(current)} is a private address ({address}): {current}")
            if not self.can_fetch(current):
                raise FetchError("robots.txt", f"disallowed by robots.txt: {current}")
            server = urllib.parse.urlsplit(current).netloc  # host and port
            if self._not_before.get(server, 0) > time.time():
                raise FetchError("deferred", f"deferred: {server} asked to wait until "
                                 f"{time.strftime('%H:%M:%S', time.localtime(self._not_before[server]))}: {current}")
            try:
                response = self._get_once(current, None if hops else form)
            except _Deferred as wait:
                self._not_before[server] = time.time() + wait.seconds
                raise FetchError("deferred", f"deferred: {server} asked to wait {wait.seconds / 60:.0f} minutes "
                                 f"(Retry-After), more than {MAX_RETRY_AFTER // 60}: {current}") from None
            if response.is_redirect or response.status_code in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                response.close()
                if not location:
                    raise FetchError("bad redirect", f"redirect without a Location from {current}")
                hops.append(current)
                current = urllib.parse.urljoin(current, location)
                if current in hops:
                    raise FetchError("redirect loop", f"redirect loop at {current}")
                continue
            body = self._read(response, current)
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code}", f"HTTP {response.status_code} at {current}")
            return Fetched(url, current, response.status_code, dict(response.headers), body,
                           bool(getattr(response, "from_cache", False)), hops)
        raise FetchError("too many redirects", f"more than {MAX_REDIRECTS} redirects from {url}")

    def _get_once(self, url: str, form: dict[str, str] | None = None) -> requests.Response:
        try:
            if form is not None:
                return self.session.post(url, data=form, timeout=self.timeout, allow_redirects=False, stream=True)
            return self.session.get(url, timeout=self.timeout, allow_redirects=False, stream=True)
        except requests.exceptions.RetryError as err:
            raise FetchError("retries exhausted", f"gave up after retries: {_reason(err)}") from err
        except requests.Timeout as err:
            raise FetchError("timeout", f"timed out: {url}") from err
        except requests.ConnectionError as err:
            reason = _reason(err)
            if "timed out" in reason.lower():  # a read timeout, retried, ends here as a connection error
                raise FetchError("timeout", f"timed out: {url}") from err
            raise FetchError("connection", f"connection failed: {reason}") from err
        except requests.RequestException as err:
            raise FetchError("request", f"request failed: {type(err).__name__}: {err}") from err

    def _read(self, response: requests.Response, url: str) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            response.close()
            raise FetchError("too large", f"response of {_size(int(declared))} over the limit of "
                             f"{_size(self.max_bytes)}: {url}")
        if getattr(response, "from_cache", False):
            return response.content
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError("too large", f"response over the limit of {_size(self.max_bytes)}: {url}")
                chunks.append(chunk)
        except requests.RequestException as err:
            raise FetchError("truncated", f"body cut short: {_reason(err)} at {url}") from err
        finally:
            response.close()
        return b"".join(chunks)


def _size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB" if n >= 1 << 20 else f"{n / 1024:.0f} KB"


def _reason(err: Exception) -> str:
    """The innermost cause, short."""
    while err.__cause__ is not None or (err.args and isinstance(err.args[0], Exception)):
        err = err.__cause__ or err.args[0]
    text = str(err)
    return text.split(": ", 1)[-1][:200] if text else type(err).__name__
