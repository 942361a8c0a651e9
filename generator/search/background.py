"""The search index under ``mkdocs serve``: made after each build, in the background, in a child
process, so that the pages are served at once and the next save's rebuild is not slowed.

A run reads every built page to cut the shards Pagefind indexes (seconds of Python at 10,000
articles) and waits for Pagefind's runs. In the serve process that Python would hold its
interpreter lock against the rebuild of the next save (measured there, when the run also merged
the shards' bundles: a one-article rebuild took 28 s instead of a few); in a child, at a lower CPU
priority, it has a core of its own and yields the other. ``python -m generator.search SITE`` is
the child: ``indexer.index_site`` and one line of JSON on stdout.
"""

from __future__ import annotations

import json
from dataclasses import asdict
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from .indexer import IndexReport, SearchIndexError, index_site

NICENESS = 10  # the child's (and Pagefind's) CPU priority under the rebuilds'


def index_in_child(site: Path, started=None) -> IndexReport:
    """``index_site(site)`` in a child process; SearchIndexError if it fails. ``started`` receives
    the child (``subprocess.Popen``) once it runs, to be stopped from another thread."""
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])))
    try:
        child = subprocess.Popen([sys.executable, "-m", "generator.search", str(site)], env=env, text=True,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 start_new_session=os.name == "posix")  # its own group: Pagefind stops with it
    except OSError as error:
        raise SearchIndexError(f"search: the indexer could not be started: {error}") from None
    if started is not None:
        started(child)
    out, err = child.communicate()
    try:
        result = json.loads(out.strip().splitlines()[-1])
    except (IndexError, ValueError):
        tail = "; ".join(line.strip() for line in err.strip().splitlines()[-2:])
        raise SearchIndexError(f"search: the indexer stopped (exit {child.returncode}): {tail or 'no output'}") from None
    if "error" in result:
        raise SearchIndexError(result["error"])
    return IndexReport(**{**result, "bundle": Path(result["bundle"])})


def child_main(argv: list[str]) -> int:
    """The child: index the site ``argv[0]``, print the report (or the problem) as one JSON line."""
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    site = Path(argv[0])
    try:
        report = index_site(site)
    except SearchIndexError as error:
        print(json.dumps({"error": str(error)}))
        return 1
    except OSError as error:
        print(json.dumps({"error": str(_changed(site, error))}))
        return 1
    print(json.dumps(asdict(report), default=str))  # the bundle's Path as a string
    return 0


def _changed(site: Path, error: OSError) -> SearchIndexError:
    """The site changed under the run (pages removed, the folder gone): one line."""
    return SearchIndexError(f"search: {site} changed while it was being indexed "
                            f"({error.strerror or error}): the next build indexes it again")


def _stop_child(child: subprocess.Popen) -> None:
    if child.poll() is not None:
        return
    try:
        if os.name == "posix":
            os.killpg(child.pid, signal.SIGTERM)
        else:
            child.terminate()
    except OSError:
        pass


class BackgroundIndexer:
    """Re-indexes a served site after each build without holding up the pages (``mkdocs serve``).

    One worker thread, running ``index(site, started)`` (``index_in_child``); a build that ends while the index
    is being made asks for one more run afterwards (however many builds ended meanwhile), so the
    index always catches up with the last build. ``report`` receives the IndexReport or the
    SearchIndexError of every run."""

    def __init__(self, report, index=index_in_child):
        self._report, self._index = report, index
        self._wanted: Path | None = None
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._child: subprocess.Popen | None = None
        self._stopped = False

    def request(self, site: Path) -> None:
        with self._lock:
            if self._stopped:
                return
            self._wanted = Path(site)
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="briefing-search-index", daemon=True)
                self._worker.start()

    def wait(self, timeout: float | None = None) -> None:
        """Until the runs asked for so far are done (tests; shutting down)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)

    def stop(self) -> None:
        """No more runs, and nothing more reported: the server is going away, and its site folder
        with it. A run under way is stopped (the child and its Pagefind)."""
        with self._lock:
            self._stopped, self._wanted, child = True, None, self._child
        if child is not None:
            _stop_child(child)

    def _started(self, child: subprocess.Popen) -> None:
        with self._lock:
            self._child = child
            stopped = self._stopped
        if stopped:
            _stop_child(child)

    def _run(self) -> None:
        while True:
            with self._lock:
                site, self._wanted = self._wanted, None
                if site is None or self._stopped:
                    self._worker = None
                    return
            try:
                outcome = self._index(site, self._started)
            except SearchIndexError as error:
                outcome = error
            except OSError as error:
                outcome = _changed(site, error)
            with self._lock:
                self._child = None
                if self._stopped:
                    self._worker = None
                    return
            self._report(outcome)
