"""A local web server for the importer's tests: 127.0.0.1 only, a thread, bounded, stops itself.

Routes map a path to ``Reply`` (status, headers, body, and an optional delay before answering);
every request is recorded (path, headers, when it arrived, when it was answered) so tests can
check what the importer sent and how it spaced its requests. The server shuts down when the test
ends, and on its own after ``LIFETIME`` seconds if a test forgets it.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LIFETIME = 120.0
MAX_DELAY = 5.0  # no reply sleeps longer: a handler never outlives the test by much


@dataclass
class Reply:
    body: bytes | str = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the reply starts
    chunks: int = 0  # >0: send the body in this many chunks (no Content-Length)


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    started: float
    ended: float = 0.0


class Server:
    def __init__(self):
        self.routes: dict[str, Reply] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server's name)
                record = Request(self.path, dict(self.headers), time.monotonic())
                with outer._lock:
                    outer.requests.append(record)
                reply = outer.routes.get(self.path) or Reply("<h1>Not found</h1>", status=404)
                time.sleep(min(reply.delay, MAX_DELAY))
                body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
                try:
                    self.send_response(reply.status)
                    if reply.content_type:
                        self.send_header("Content-Type", reply.content_type)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if reply.chunks:
                        self.send_header("Transfer-Encoding", "chunked")
                        self.end_headers()
                        size = max(1, len(body) // reply.chunks)
                        for start in range(0, len(body), size):
                            piece = body[start:start + size]
                            self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                        self.wfile.write(b"0\r\n\r\n")
                    else:
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout or size test): expected
                record.ended = time.monotonic()

            def log_message(self, *args):  # quiet
                pass

        self._httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._stopper = threading.Timer(LIFETIME, self.stop)
        self._stopper.daemon = True

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", **reply) -> str:
        """Serve ``body`` at ``path``; returns its URL."""
        self.routes[path] = Reply(body, **reply)
        return self.url(path)

    def hits(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)

    def start(self) -> "Server":
        self._thread.start()
        self._stopper.start()
        return self

    def stop(self) -> None:
        self._stopper.cancel()
        self._httpd.shutdown()
        self._httpd.server_close()


class _QuietServer(ThreadingHTTPServer):
    """A client that gives up mid-request (the timeout and size tests) is expected: socketserver
    would print its traceback to stderr, which the tests read for the importer's own lines."""

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)
