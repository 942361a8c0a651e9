"""fetch.py against a real HTTP server on 127.0.0.1: what it sends, and every way a fetch fails."""

from __future__ import annotations

import gzip
import socket
import time

import pytest

from generator.importer.fetch import USER_AGENT, FetchError, Fetcher


def test_a_page_with_the_projects_user_agent(server, fetcher):
    url = server.add("/a", "<p>hello</p>")
    response = fetcher.get(url)
    assert (response.url, response.data, response.content_type) == (url, b"<p>hello</p>", "text/html; charset=utf-8")
    (request,) = server.requests
    assert request.headers["User-Agent"] == USER_AGENT and USER_AGENT.startswith("Briefing/")
    assert "text/html" in request.headers["Accept"]


def test_redirects_are_followed_up_to_the_bound(server, fetcher):
    server.add("/old", status=301, headers={"Location": "/new"})
    new = server.add("/new", "<p>moved</p>")
    assert fetcher.get(server.url("/old")).url == new
    for i in range(10):
        server.add(f"/loop{i}", status=302, headers={"Location": f"/loop{i + 1}"})
    with pytest.raises(FetchError, match=r"^more than 5 redirects$"):
        fetcher.get(server.url("/loop0"))
    assert server.hits("/loop5") == 1 and server.hits("/loop6") == 0  # the sixth redirect is not followed


@pytest.mark.parametrize("url, reason", [
    ("ftp://127.0.0.1/file.html", "not an http(s) URL (ftp:)"),
    ("file:///etc/passwd", "not an http(s) URL (file:)"),
    ("javascript:alert(1)", "not an http(s) URL (javascript:)"),
])
def test_only_http_and_https(fetcher, url, reason):
    with pytest.raises(FetchError) as raised:
        fetcher.get(url)
    assert str(raised.value) == reason


def test_a_redirect_to_another_scheme_is_refused(server, fetcher):
    server.add("/to-file", status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match=r"^redirected to a file: URL; only http and https are fetched$"):
        fetcher.get(server.url("/to-file"))


@pytest.mark.parametrize("status, reason", [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone"), (500, "HTTP 500 Internal Server Error"),
                                            (403, "HTTP 403 Forbidden")])
def test_an_http_error(server, fetcher, status, reason):
    url = server.add("/x", "<p>no</p>", status=status)
    with pytest.raises(FetchError) as raised:
        fetcher.get(url)
    assert str(raised.value) == reason


def test_a_slow_server_times_out(server):
    slow = Fetcher(timeout=0.3, delay=0)
    url = server.add("/slow", "<p>late</p>", delay=1.5)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^timed out after 0.3 s$"):
        slow.get(url)
    assert time.monotonic() - started < 1.2


def test_a_body_that_trickles_past_the_deadline(server):
    patient = Fetcher(timeout=2, deadline=0.0, delay=0)  # any chunk after the first is too late
    url = server.add("/trickle", "<p>" + "x" * 200_000 + "</p>", chunks=50)
    with pytest.raises(FetchError, match=r"^took longer than 0 s$"):
        patient.get(url)


def test_the_size_limit_declared_and_streamed(server):
    small = Fetcher(max_bytes=1000, delay=0)
    big = "<p>" + "x" * 5000 + "</p>"
    with pytest.raises(FetchError, match=r"^larger than 1,000 bytes \(5,007\)$"):
        small.get(server.add("/declared", big))
    with pytest.raises(FetchError, match=r"^larger than 1,000 bytes$"):
        small.get(server.add("/chunked", big, chunks=10))  # no Content-Length: counted as it comes


def test_the_size_limit_counts_the_decompressed_body(server):
    small = Fetcher(max_bytes=10_000, delay=0)
    bomb = gzip.compress(b"<p>" + b"x" * 1_000_000 + b"</p>")
    assert len(bomb) < 10_000
    with pytest.raises(FetchError, match=r"^larger than 10,000 bytes$"):
        small.get(server.add("/bomb", bomb, headers={"Content-Encoding": "gzip"}))


def test_a_host_that_does_not_resolve(fetcher, monkeypatch):
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):  # the resolver's answer for a name that does not exist
        if host == "no-such-host.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError, match=r"^cannot resolve host no-such-host\.invalid$"):  # .invalid never resolves (RFC 2606)
        fetcher.get("http://no-such-host.invalid/story")


def test_a_closed_port(fetcher):
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match=r"^connection refused$"):
        fetcher.get(f"http://127.0.0.1:{port}/")


def test_one_request_at_a_time_per_host_with_a_delay(server):
    polite = Fetcher(delay=0.3)
    for path in ("/1", "/2", "/3"):
        server.add(path, "<p>x</p>")
        polite.get(server.url(path))
    requests = server.requests
    for before, after in zip(requests, requests[1:]):
        assert after.started >= before.ended, "never two at once"
        assert after.started - before.ended >= 0.25, "the delay between two requests to one host"
