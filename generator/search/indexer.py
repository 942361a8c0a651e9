"""Runs Pagefind over a built site: the one place that knows how the index is made.

The binary comes with the ``pagefind[bin]`` package from PyPI (its wheel ships it): nothing is
downloaded at build time. The bundle lands in ``<site>/pagefind/``; what it indexes is decided by
the pages themselves (``attributes``). Pagefind's own progress goes to a log only when it fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"  # the index's folder inside the site; docs/assets/search.js loads it from there
# Material's built-in search writes this; it must not ship beside the new index.
MATERIAL_INDEX = Path("search") / "search_index.json"
LANGUAGE = "en"  # mkdocs.yml's theme.language; one index whatever a page's <html lang>
EXCLUDE = ".headerlink"  # the "¶" permalinks Material adds to headings


class SearchIndexError(Exception):
    """Pagefind could not be run, or failed: one line saying what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    words: int
    seconds: float
    bundle: Path

    def summary(self) -> str:
        return f"search: indexed {self.pages} pages, {self.words} words in {self.seconds:.1f} s ({self.bundle.name}/)"


def executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("search: Pagefind is not installed: pip install 'pagefind[bin]' "
                          "(or reinstall the project: pip install -e .)") from None
    try:
        return get_executable()
    except FileNotFoundError as error:
        raise SearchIndexError(f"search: the pagefind_bin package has no binary for this platform: {error}") from None


def index_site(site: Path, *, language: str = LANGUAGE) -> IndexReport:
    """Index ``site`` (MkDocs' site_dir) into ``site/pagefind/``, replacing any previous bundle."""
    site = Path(site)
    if not site.is_dir():
        raise SearchIndexError(f"search: {site} does not exist: nothing to index")
    bundle = site / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)  # `mkdocs serve --dirty` keeps site/: no stale chunks
    old = site / MATERIAL_INDEX
    if old.exists():
        old.unlink()
    command = [str(executable()), "--site", str(site), "--output-subdir", BUNDLE, "--force-language", language,
               "--exclude-selectors", EXCLUDE]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    if result.returncode != 0 or not (bundle / "pagefind.js").is_file():
        tail = "; ".join(line.strip() for line in (result.stderr or result.stdout).strip().splitlines()[-3:])
        raise SearchIndexError(f"search: pagefind failed (exit {result.returncode}): {tail or 'no output'}")
    return IndexReport(_count(result.stdout, "pages"), _count(result.stdout, "words"), seconds, bundle)


def _count(output: str, what: str) -> int:
    found = re.search(rf"Indexed (\d+) {what}", output)
    return int(found.group(1)) if found else 0
