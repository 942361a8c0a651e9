"""The search index under mkdocs serve (generator/search/background.py): in the background, in a
child process, catching up with the last build, stopped with the server."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from generator.search import BackgroundIndexer, SearchIndexError, index_site
from generator.search.background import index_in_child

from .test_indexer import write_site


def test_the_background_indexer_catches_up_with_the_last_build(tmp_path):
    """Builds that end while an index is being made ask for one more run, not one each."""

    runs, started, release = [], threading.Event(), threading.Event()

    def slow_index(site, _child):
        runs.append(site)
        started.set()
        release.wait(10)
        if site.name == "bad":
            raise SearchIndexError("search: pagefind failed (exit 1): boom")
        return site.name

    reports = []
    background = BackgroundIndexer(reports.append, index=slow_index)
    background.request(tmp_path / "one")
    assert started.wait(10)
    for name in ("two", "three", "bad"):  # while "one" is being indexed
        background.request(tmp_path / name)
    release.set()
    background.wait(10)
    assert [r.name for r in runs] == ["one", "bad"]
    assert reports[0] == "one" and isinstance(reports[1], SearchIndexError)


def test_a_site_that_goes_away_under_the_background_indexer_is_no_traceback(tmp_path):
    """mkdocs serve removes its site folder when it stops, maybe while the index is being made: the
    run's OSError becomes a one-line report, and after stop() nothing more is run or reported."""

    started, release = threading.Event(), threading.Event()

    def vanishing(site, _child):
        started.set()
        release.wait(10)
        raise FileNotFoundError(2, "No such file or directory", str(site / "a" / "index.html"))

    reports = []
    background = BackgroundIndexer(reports.append, index=vanishing)
    background.request(tmp_path / "one")
    assert started.wait(10)
    release.set()
    background.wait(10)
    assert len(reports) == 1 and isinstance(reports[0], SearchIndexError)
    assert "changed while it was being indexed" in str(reports[0]) and "\n" not in str(reports[0])
    started.clear()
    release.clear()
    background.request(tmp_path / "two")
    assert started.wait(10)
    background.stop()  # the server stops while "two" is being indexed
    background.request(tmp_path / "three")
    release.set()
    background.wait(10)
    assert len(reports) == 1, "nothing reported after stop(), nothing run"


def test_the_child_indexes_as_index_site_does(tmp_path):
    site = write_site(tmp_path / "site", {"a": ("Alpha", "alpha words here"), "b": ("Beta", "beta words")})
    report = index_in_child(site)
    assert (site / "pagefind" / "pagefind.js").is_file()
    again = index_site(site)
    assert (report.pages, report.words, report.shards, report.bundle) == (again.pages, again.words, again.shards, again.bundle)


def test_the_child_runs_at_a_lower_priority(tmp_path):
    if not hasattr(os, "nice"):
        return
    out = subprocess.run([sys.executable, "-c", "import os, sys; from generator.search.background import child_main; "
                          "child_main([sys.argv[1]]); print(os.nice(0))", str(tmp_path / "missing")],
                         capture_output=True, text=True, check=False).stdout.split()
    assert int(out[-1]) >= os.nice(0) + 10 or int(out[-1]) == 19


def test_a_failing_child_is_one_line(tmp_path):
    try:
        index_in_child(tmp_path / "missing")
    except SearchIndexError as error:
        assert "does not exist" in str(error) and "\n" not in str(error)
    else:
        raise AssertionError("no error for a missing site")


def test_stop_stops_the_run_under_way(tmp_path):
    """The server is going away: the child (and the Pagefind it started) is stopped, not waited for."""
    started = threading.Event()

    def long_run(site, child_started):
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
        child_started(child)
        started.set()
        child.wait()
        raise SearchIndexError("search: stopped")

    reports = []
    background = BackgroundIndexer(reports.append, index=long_run)
    background.request(tmp_path)
    assert started.wait(10)
    began = time.monotonic()
    background.stop()
    background.wait(10)
    assert time.monotonic() - began < 5 and reports == []
