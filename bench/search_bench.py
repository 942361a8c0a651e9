"""Search in Chromium against a built site served on 127.0.0.1 (part of #12's measurements).

    python bench/search_bench.py SITE_DIR "Name" "Alias" "two words" ...

For each query, in a fresh browser context: open the home page, open the search dialog, type the
query, and time from the last keystroke to the first visible result; count the bytes of every
request the page made for the search (as served, and gzip-compressed as a static host sends them).
Prints one JSON line per query.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure(site: Path, queries: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            urls: list[str] = []
            page.on("request", lambda r: urls.append(r.url))
            page.goto(base)
            page.wait_for_load_state("networkidle")
            before = len(urls)
            page.locator(".briefing-search-open").click()
            box = page.locator("dialog#briefing-search input[type=search]")
            box.press_sequentially(query, delay=30)
            start = time.perf_counter()
            # The first result of this query (not of a prefix typed earlier): the status names it.
            page.wait_for_function("""q => { const s = document.querySelector('#briefing-search .briefing-search__status');
                const li = document.querySelector('#briefing-search .briefing-search__results > li');
                return s && s.textContent.includes('\u201c' + q + '\u201d') && li && li.offsetParent !== null; }""",
                                   arg=query, timeout=60_000, polling="raf")
            first = time.perf_counter() - start
            page.wait_for_load_state("networkidle")
            count = page.locator("dialog#briefing-search .briefing-search__status").inner_text()
            fetched = [u for u in urls[before:] if u.startswith(base)]
            raw = gz = 0
            for url in fetched:
                path = site / urlsplit(url).path.lstrip("/")
                if path.is_file():
                    data = path.read_bytes()
                    raw += len(data)
                    gz += len(gzip.compress(data, 6))
            rows.append({"query": query, "first_result_s": round(first, 3), "requests": len(fetched),
                         "bytes": raw, "gzip_bytes": gz, "status": count})
            context.close()
        browser.close()
    server.shutdown()
    return rows


if __name__ == "__main__":
    for row in measure(Path(sys.argv[1]), sys.argv[2:]):
        print(json.dumps(row))
