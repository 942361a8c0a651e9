"""Under ``mkdocs serve`` the plugin's on_post_build indexes the served site too."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.sites import build_fixture


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mkdocs_serve_serves_the_index(tmp_path):
    root = build_fixture("search", tmp_path / "project", mkdocs=False)
    port = _free_port()
    mkdocs = Path(sys.executable).with_name("mkdocs")
    server = subprocess.Popen([str(mkdocs), "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        deadline, body = time.monotonic() + 90, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json", timeout=5) as response:
                    body = response.read()
                break
            except OSError:
                time.sleep(0.5)
        assert body and b'"languages"' in body, server.stderr.read() if server.poll() is not None else "no index served"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert b'class="md-header__button md-icon briefing-search-open"' in response.read()  # the dialog's button
    finally:
        server.terminate()
        server.wait(timeout=20)
