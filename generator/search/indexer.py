"""Runs Pagefind over a built site: the one place that knows how the index is made.

The binary comes with the ``pagefind[bin]`` package from PyPI (its wheel ships it): nothing is
downloaded at build time. The bundle lands in ``<site>/pagefind/``; what it indexes is decided by
the pages themselves (``attributes``). Pagefind's own progress goes to a log only when it fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
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
    """Index ``site`` (MkDocs' site_dir) into ``site/pagefind/``, replacing any previous bundle.

    The new bundle is written beside the old one and swapped in when complete, so a site that is
    being served (``mkdocs serve``) never offers a half-written index, and a failed run leaves the
    previous index in place; no stale chunk of an older index survives."""
    site = Path(site)
    if not site.is_dir():
        raise SearchIndexError(f"search: {site} does not exist: nothing to index")
    bundle, fresh, retired = site / BUNDLE, site / f"{BUNDLE}{_FRESH}", site / f"{BUNDLE}{_RETIRED}"
    shutil.rmtree(fresh, ignore_errors=True)  # left by a run that was killed
    old = site / MATERIAL_INDEX
    if old.exists():
        old.unlink()
    command = [str(executable()), "--site", str(site), "--output-subdir", fresh.name, "--force-language", language,
               "--exclude-selectors", EXCLUDE]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    if result.returncode != 0 or not (fresh / "pagefind.js").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        tail = "; ".join(line.strip() for line in (result.stderr or result.stdout).strip().splitlines()[-3:])
        raise SearchIndexError(f"search: pagefind failed (exit {result.returncode}): {tail or 'no output'}")
    shutil.rmtree(retired, ignore_errors=True)
    if bundle.exists():
        bundle.rename(retired)
    fresh.rename(bundle)
    shutil.rmtree(retired, ignore_errors=True)
    return IndexReport(_count(result.stdout, "pages"), _count(result.stdout, "words"), seconds, bundle)


# Suffixes of the bundle's folder while a new index is written and while the old one is retired.
_FRESH, _RETIRED = ".next", ".old"


class BackgroundIndexer:
    """Re-indexes a served site after each build without holding up the pages (``mkdocs serve``).

    One worker thread; a build that ends while the index is being made asks for one more run
    afterwards (however many builds ended meanwhile), so the index always catches up with the
    last build. ``report`` receives the IndexReport or the SearchIndexError of every run."""

    def __init__(self, report):
        self._report = report
        self._wanted: Path | None = None
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None

    def request(self, site: Path) -> None:
        with self._lock:
            self._wanted = Path(site)
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="briefing-search-index", daemon=True)
                self._worker.start()

    def wait(self, timeout: float | None = None) -> None:
        """Until the runs asked for so far are done (tests; shutting down)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                site, self._wanted = self._wanted, None
                if site is None:
                    self._worker = None
                    return
            try:
                self._report(index_site(site))
            except SearchIndexError as error:
                self._report(error)


def _count(output: str, what: str) -> int:
    found = re.search(rf"Indexed (\d+) {what}", output)
    return int(found.group(1)) if found else 0
