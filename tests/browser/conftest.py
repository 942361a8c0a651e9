"""Browser fixtures: the sample fixture briefing's site (tests/fixtures/sample), built for real,
served on 127.0.0.1 and driven by Chromium.

Playwright drives Debian's Chromium (``/usr/bin/chromium``, or ``$BRIEFING_CHROMIUM``): no
browser is ever downloaded. Every test that uses ``page`` records each request and each console
error of every page it opens; a request that does not go to 127.0.0.1 is aborted and, like any
console error or uncaught exception, fails the test.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
import os
import re
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.sites import SAMPLE, SAMPLE_BUSH, SAMPLE_RUSSIA

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOME = ""
# Pages of the sample fixture briefing; what they say is read from its own files (tests/sites.py).
ARTICLE = SAMPLE_RUSSIA + "/"
OTHER_ARTICLE = SAMPLE_BUSH + "/"
GLOSSARY = "glossary/people/vladimir-putin/"
FIXTURE = SAMPLE


# --------------------------------------------------------------------------- the site


def _mkdocs_config(mkdocs_yml: Path) -> dict:
    """mkdocs.yml as plain data (MkDocs' own tags such as !ENV are dropped: not needed here)."""
    return yaml.safe_load(re.sub(r"!!?[A-Za-z][^\s]*", "", mkdocs_yml.read_text(encoding="utf-8"))) or {}


@pytest.fixture(scope="session")
def site_project(sample_site) -> Path:
    """The sample fixture briefing, generated and built (tests/conftest.py's ``sample_site``): its
    docs/ is what the site is built from."""
    return sample_site.parent


@pytest.fixture(scope="session")
def built_site(site_project) -> Path:
    return site_project / "site"


class _StaticHandler(SimpleHTTPRequestHandler):
    """Serves files like a static host: a folder without index.html is a 404, not a listing."""

    def list_directory(self, path):
        self.send_error(404, "Not Found")
        return None

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(folder):
    """``folder`` served by a threaded http.server on 127.0.0.1 at a free port; yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_StaticHandler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def base_url(built_site) -> str:
    """The built site, served on 127.0.0.1."""
    with serve(built_site) as url:
        yield url


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium package (`apt-get install chromium`); "
                    "the tests never download a browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True  # never leaves the browser
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == "127.0.0.1"


@dataclass
class Recorder:
    """Every request and every console error, by the page (URL) that made it."""

    requests: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    foreign: list[tuple[str, str]] = field(default_factory=list)

    def request(self, page_url: str, url: str) -> None:
        self.requests.setdefault(page_url, []).append(url)
        if not _is_local(url):
            self.foreign.append((page_url, url))

    def error(self, page_url: str, message: str) -> None:
        self.errors.setdefault(page_url, []).append(message)

    def all_requests(self) -> list[str]:
        return [url for urls in self.requests.values() for url in urls]

    def problems(self) -> list[str]:
        found = [f"{page}: request leaves 127.0.0.1: {url}" for page, url in self.foreign]
        found += [f"{page}: console error: {message}" for page, messages in self.errors.items() for message in messages]
        return found


def _origin(source) -> str:
    """The URL of the page a request or console message comes from (its worker's, for a worker)."""
    try:
        page = source.page if hasattr(source, "page") else source.frame.page
        if page is not None:
            return page.url
    except Exception:  # a worker's request has no frame; a closing page has no URL
        pass
    worker = getattr(source, "worker", None)
    return f"worker {worker.url}" if worker is not None else "(worker)"


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def new_context(browser, base_url: str, recorder: Recorder):
    """A browser context whose every request and console error is recorded; foreign requests are
    aborted before they leave the browser (and recorded, so the test still fails)."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900},
                                  service_workers="block")

    def route(route):
        if _is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def console(message):
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            recorder.error(_origin(message), f"{message.text} ({where})")

    def weberror(error):
        origin = error.page.url if error.page is not None else "?"
        recorder.error(origin, f"uncaught {error.error.name}: {error.error.message}")

    context.route("**/*", route)
    context.on("request", lambda request: recorder.request(_origin(request), request.url))
    context.on("console", console)
    context.on("weberror", weberror)
    return context


@pytest.fixture
def context(browser, base_url, recorder):
    """A fresh, recorded browser context; the test fails on any foreign request or console error."""
    context = new_context(browser, base_url, recorder)
    yield context
    context.close()
    problems = recorder.problems()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci --prefix tools/axe`")
    return AXE.read_text(encoding="utf-8")
