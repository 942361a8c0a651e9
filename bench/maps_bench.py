"""The relationship maps' check (#14) on a built site at scale: every label and node of the SVG map
on each given page, measured in Chromium at 1280 px, for overlap, clipping and size.

    python bench/maps_bench.py SITE_DIR "" glossary/people/some-one/ ...

The check is the browser tests' own (tests/browser/mapcheck.py). Pages are site paths ("" is the
home page). Prints one JSON line per page: its path, whether it has a visible map, how many labels
and nodes it draws, and the problems found (one line each).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench import serve_site  # noqa: E402
from tests.browser import mapcheck  # noqa: E402

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 900}


def check(site: Path, paths: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server, base = serve_site(site)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport=VIEWPORT, service_workers="block")
            page = context.new_page()
            for path in paths:
                response = page.goto(base + path)
                row = {"path": path, "status": response.status if response else None, "map": False,
                       "labels": 0, "nodes": 0, "problems": []}
                drawn = mapcheck.measure(page)
                if drawn is not None:
                    row.update(map=True, labels=len(drawn["labels"]), nodes=len(drawn["nodes"]),
                               problems=mapcheck.problems(drawn))
                rows.append(row)
            context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


if __name__ == "__main__":
    for row in check(Path(sys.argv[1]), sys.argv[2:]):
        print(json.dumps(row), flush=True)
