"""Golden files for the seed pages: ``python -m tests.golden --update`` (or ``make golden``)
accepts the generator's current output after an intended change; the tests compare against it."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.pipeline import generate

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"

# The two sample articles, and glossary pages that show facts, backlinks and co-mentions.
PAGES = (
    "articles/2006-07-06-bush-seeks-joint-response-on-n-korea-missiles.md",
    "articles/2017-09-15-russia-france-say-talks-are-only-way-to-solve-north-korea-crisis.md",
    "glossary/people/vladimir-putin.md",
    "glossary/weapons/hwasong-12.md",
    "glossary/states/north-korea.md",
)


def golden_name(page: str) -> str:
    return page.replace("/", "__")


def current_pages() -> dict[str, str]:
    _, pages, _ = generate(ROOT)
    return {page: pages[page] for page in PAGES}


def update() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for page, text in current_pages().items():
        (GOLDEN / golden_name(page)).write_text(text, encoding="utf-8")
        print(f"updated tests/golden/{golden_name(page)}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.golden --update")
    update()
