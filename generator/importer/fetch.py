"""The only network code of the generator: polite, bounded HTTP GETs (``briefing import`` only).

Polite: a User-Agent naming the project, one request at a time (the importer is sequential) and
at least ``delay`` seconds between two requests to the same host. Bounded: a connect and a read
timeout and a deadline for the whole response, a size limit (counted on the decoded body, so a
compressed bomb stops at the limit too), at most ``max_redirects`` redirects, only http and https
at every hop. Every failure is a ``FetchError`` whose message is the reason in a few words.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from importlib import metadata
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError, NameResolutionError, NewConnectionError, ProtocolError, SSLError
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, ReadTimeoutError

try:
    _VERSION = metadata.version("briefing")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    _VERSION = "0"
USER_AGENT = f"Briefing/{_VERSION} (news briefing importer; +https://pypi.org/project/briefing/)"
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.1"
TIMEOUT = 20.0  # seconds to connect, and for each read
DEADLINE = 60.0  # seconds for a whole response, however slowly it trickles in
MAX_BYTES = 5 * 1024 * 1024  # news pages are well under a megabyte; feeds too
MAX_REDIRECTS = 5
DELAY = 1.0  # seconds between two requests to the same host
_CHUNK = 64 * 1024


class FetchError(Exception):
    """Why a URL gave nothing, in a few words ("HTTP 404 Not Found", "timed out after 20 s")."""


@dataclass(frozen=True)
class Response:
    url: str  # where the body came from, after redirects
    content_type: str | None
    data: bytes


@dataclass
class Fetcher:
    timeout: float = TIMEOUT
    deadline: float = DEADLINE
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    delay: float = DELAY
    user_agent: str = USER_AGENT
    clock: callable = time.monotonic
    sleep: callable = time.sleep
    _last: dict[str, float] = field(default_factory=dict)  # host -> when its last request ended
    _pool: urllib3.PoolManager | None = None

    def get(self, url: str) -> Response:
        """The body at ``url``, following redirects. Raises FetchError."""
        seen = 0
        while True:
            parts = urlsplit(url)
            if parts.scheme.lower() not in ("http", "https"):
                what = f"{parts.scheme}:" if parts.scheme else "no scheme"
                raise FetchError(f"not an http(s) URL ({what})" if seen == 0
                                 else f"redirected to a {what} URL; only http and https are fetched")
            if not parts.hostname:
                raise FetchError("no host in the URL")
            response = self._request(url, parts.hostname)
            done = False
            try:
                if response.status in (301, 302, 303, 307, 308):
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(f"HTTP {response.status} redirect without a Location")
                    seen += 1
                    if seen > self.max_redirects:
                        raise FetchError(f"more than {self.max_redirects} redirects")
                    url = urljoin(url, location)
                    continue
                if response.status != 200:
                    raise FetchError(f"HTTP {response.status} {response.reason or ''}".rstrip())
                body = self._body(response)
                done = True
                return Response(url, response.headers.get("Content-Type"), body)
            finally:
                if not done:
                    response.close()  # an unread body (a redirect, an error page): never reuse the connection
                response.release_conn()
                self._last[parts.hostname] = self.clock()

    def _request(self, url: str, host: str):
        wait = self._last.get(host, -self.delay) + self.delay - self.clock()
        if wait > 0:
            self.sleep(wait)
        if self._pool is None:
            self._pool = urllib3.PoolManager(
                headers={"User-Agent": self.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
                timeout=urllib3.Timeout(connect=self.timeout, read=self.timeout), retries=False, maxsize=1, block=True,
            )
        try:
            return self._pool.request("GET", url, redirect=False, preload_content=False, decode_content=True)
        except NewConnectionError as error:  # before timeouts: urllib3 makes it a ConnectTimeoutError
            raise FetchError(_reason(error, host, self.timeout)) from None
        except (ConnectTimeoutError, ReadTimeoutError):
            raise FetchError(f"timed out after {self.timeout:g} s") from None
        except MaxRetryError as error:  # retries=False still wraps the cause in urllib3 2
            raise FetchError(_reason(error.reason, host, self.timeout)) from None
        except HTTPError as error:
            raise FetchError(_reason(error, host, self.timeout)) from None

    def _body(self, response) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"larger than {self.max_bytes:,} bytes ({int(declared):,})")
        started, chunks, size = self.clock(), [], 0
        try:
            for chunk in response.stream(_CHUNK, decode_content=True):
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(f"larger than {self.max_bytes:,} bytes")
                if self.clock() - started > self.deadline:
                    raise FetchError(f"took longer than {self.deadline:g} s")
                chunks.append(chunk)
        except ReadTimeoutError:
            raise FetchError(f"timed out after {self.timeout:g} s") from None
        except (ProtocolError, HTTPError) as error:
            raise FetchError(_reason(error, "", self.timeout)) from None
        return b"".join(chunks)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.clear()


def _reason(error, host: str, timeout: float) -> str:
    if isinstance(error, NameResolutionError):
        return f"cannot resolve host {host}"
    if isinstance(error, NewConnectionError):  # a subclass of ConnectTimeoutError: test it first
        text = str(error)
        return "connection refused" if "refused" in text.lower() else "cannot connect: " + text.split(": ")[-1][:120]
    if isinstance(error, (ConnectTimeoutError, ReadTimeoutError)):
        return f"timed out after {timeout:g} s"
    if isinstance(error, SSLError):
        return "TLS error: " + str(error).split(": ")[-1][:120]
    if isinstance(error, ProtocolError):
        return "connection broken: " + str(error).split(": ")[-1][:120]
    return str(error)[:160] or type(error).__name__
