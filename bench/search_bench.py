"""Search in Chromium against a built site served on 127.0.0.1 (#12's search measurements).

    python bench/search_bench.py SITE_DIR [--kind pagefind|material] [--timeout S] "Name" "Alias" "two words" ...

Two kinds of search, on sites built from the same docs/:

* ``pagefind``: Briefing's own (overrides/partials/search.html, docs/assets/search.js over the
  Pagefind bundle in ``site/pagefind/``): the header button opens a dialog; the index is fetched
  only then, in chunks.
* ``material``: Material for MkDocs' built-in search (its ``search`` plugin: one
  ``search/search_index.json``, fetched when a page loads, indexed by a web worker with lunr).

For each query, in a fresh browser context (empty cache): open the home page and wait until the
network is idle, open the search, type the query (30 ms between keys), and time from the last
keystroke (its keydown, in the page's own clock) to the first visible result *of that query*, not
of a prefix typed earlier: for Briefing's dialog, the status line names the query; for Material,
the worker's answer to the query message carrying the whole query has arrived (a spy on the
page's Worker counts query and result messages; the worker answers them in order). No result
within the time limit is reported as such (``first_result_s`` null), never as a time.

Bytes: every response the search needs (the kind's files, ``SEARCH_PATHS``) from the page's load
on, as served and as a static host sends them gzip-compressed (a file that gzip does not shrink,
such as Pagefind's already compressed chunks, counts at its own size).

Prints one JSON line per query.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import sys
import threading
import time
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TYPE_DELAY_MS = 30
TIMEOUT_S = 60.0

# Every page: the time of each keydown, in the page's clock (performance.now()).
KEY_CLOCK = "document.addEventListener('keydown', () => { window.__lastKeydown = performance.now(); }, true);"

# Material's search talks to its worker with messages {type: 0 setup | 1 ready | 2 query | 3 result}
# (src/templates/assets/javascripts/integrations/search/worker/message): record them.
WORKER_SPY = """(() => {
  const spy = window.__searchSpy = {queries: [], results: 0, ready: null};
  const Base = window.Worker;
  if (!Base) return;
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', e => {
        const m = e.data || {};
        if (m.type === 1 && spy.ready === null) spy.ready = performance.now();
        if (m.type === 3) spy.results += 1;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) spy.queries.push(message.data);
      return super.postMessage(message, ...rest);
    }
  };
})();"""

# q => the page's clock when the first result of exactly q is visible, else false.
PAGEFIND_SHOWN = """q => { const s = document.querySelector('#briefing-search .briefing-search__status');
    const li = document.querySelector('#briefing-search .briefing-search__results > li');
    return s && s.textContent.includes('\u201c' + q + '\u201d') && li && li.offsetParent !== null && performance.now(); }"""
MATERIAL_SHOWN = """q => { const spy = window.__searchSpy, i = spy.queries.lastIndexOf(q);
    if (i < 0 || spy.results <= i) return false;
    const li = document.querySelector('.md-search-result__item');
    return li !== null && li.offsetParent !== null && performance.now(); }"""


@dataclass(frozen=True)
class Kind:
    name: str
    opener: str  # what the reader clicks to open the search
    box: str  # the query field
    shown: str  # JS: q => time when q's first result is visible, else false
    status: str  # the line that says how many results
    first: str  # the first result's link
    paths: tuple[str, ...]  # site paths (prefixes) of the files the search fetches
    init: tuple[str, ...] = ()


KINDS = {
    "pagefind": Kind("pagefind", ".briefing-search-open", "dialog#briefing-search input[type=search]", PAGEFIND_SHOWN,
                     "dialog#briefing-search .briefing-search__status", "dialog#briefing-search .briefing-search__results > li a",
                     ("pagefind/",)),
    "material": Kind("material", "input.md-search__input", "input.md-search__input", MATERIAL_SHOWN,
                     ".md-search-result__meta", ".md-search-result__item a", ("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/"),
                     (WORKER_SPY,)),
}
SEARCH_PATHS = {name: kind.paths for name, kind in KINDS.items()}


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_site(site: Path) -> tuple[ThreadingHTTPServer, str]:
    """A built site served on 127.0.0.1 by a thread (maps_bench.py uses it too): (server, base URL)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def sent_bytes(path: Path) -> tuple[int, int]:
    """(bytes as stored, bytes a static host sends: gzip level 6, unless that does not shrink it)."""
    data = path.read_bytes()
    return len(data), min(len(data), len(gzip.compress(data, 6)))


def measure(site: Path, queries: list[str], kind: str = "pagefind", timeout_s: float = TIMEOUT_S) -> list[dict]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    spec = KINDS[kind]
    server, base = serve_site(site)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for query in queries:
                context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
                for script in (KEY_CLOCK, *spec.init):
                    context.add_init_script(script)
                page = context.new_page()
                page.set_default_timeout(max(30.0, timeout_s) * 1000)  # a large index loads for long
                urls: list[str] = []
                page.on("request", lambda r: urls.append(r.url))
                page.goto(base)
                page.wait_for_load_state("networkidle")
                page.locator(spec.opener).first.click()
                start = time.perf_counter()
                page.locator(spec.box).press_sequentially(query, delay=TYPE_DELAY_MS)
                # Typing takes longer than its delays when the page's main thread is busy (a large
                # index being parsed): keys are then handled late, and timed from when they were.
                row = {"kind": kind, "query": query, "first_result_s": None, "timeout_s": timeout_s,
                       "typing_s": round(time.perf_counter() - start, 3), "typing_nominal_s": len(query) * TYPE_DELAY_MS / 1000}
                try:
                    shown = page.wait_for_function(spec.shown, arg=query, timeout=timeout_s * 1000, polling="raf")
                    row["first_result_s"] = round((shown.json_value() - page.evaluate("window.__lastKeydown")) / 1000, 3)
                    page.wait_for_load_state("networkidle")
                except PlaywrightTimeout:
                    pass
                row["status"] = page.locator(spec.status).first.inner_text().strip()
                first = page.locator(spec.first).first
                href = first.get_attribute("href") if first.count() else None
                row["first"] = urlsplit(urljoin(page.url, href)).path if href else None  # the site's path
                if kind == "material":
                    ready = page.evaluate("window.__searchSpy && window.__searchSpy.ready")
                    row["index_ready_s"] = None if ready is None else round(ready / 1000, 3)  # since navigation
                fetched = sorted({u for u in urls if u.startswith(base)})
                row.update(requests=0, bytes=0, gzip_bytes=0)
                for url in fetched:
                    relative = unquote(urlsplit(url).path).lstrip("/")
                    path = site / relative
                    if relative.startswith(spec.paths) and path.is_file():
                        raw, sent = sent_bytes(path)
                        row["requests"] += 1
                        row["bytes"] += raw
                        row["gzip_bytes"] += sent
                rows.append(row)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("queries", nargs="+")
    parser.add_argument("--kind", choices=sorted(KINDS), default="pagefind")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S, help="seconds to wait for a query's first result")
    args = parser.parse_args(argv)
    for row in measure(args.site, args.queries, args.kind, args.timeout):
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
