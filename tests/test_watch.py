"""How `mkdocs serve` notices a save (generator/watch.py): file events, changes only, and the
generator's own writes to docs/ not taken for an edit."""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog import events
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from generator import watch
from tests.sites import build_fixture

native = pytest.mark.skipif(Observer is PollingObserver, reason="no file events on this platform")


@pytest.mark.parametrize("relative, generator_s", [
    ("articles/2017-09-15-talks.md", True),
    ("glossary/people/kim-jong-un.md", True),
    ("glossary/people/kim-jong-un/mentions-2.md", True),
    ("glossary/summaries.json", True),
    ("index.md", True),
    (".briefing", True),
    (".briefing/staging/3.tmp", True),
    ("assets/briefing.js", False),  # hand-written: the editor's to change
    ("about.md", False),  # a page of the editor's own
    ("../seeds/articles/a.txt", False),
])
def test_the_generator_s_files_in_docs(tmp_path, relative, generator_s):
    docs = str(tmp_path / "docs")
    assert watch.generated(docs, os.path.normpath(os.path.join(docs, relative))) is generator_s


class Recorder(events.FileSystemEventHandler):
    """What MkDocs' handler acts on: file events (it ignores folders')."""

    def __init__(self):
        self.seen = queue.Queue()

    def on_any_event(self, event):
        if not event.is_directory:
            self.seen.put((event.event_type, os.fsdecode(getattr(event, "dest_path", "") or event.src_path)))


def _drain(recorder: Recorder, settle: float = 0.5) -> list[tuple[str, str]]:
    found, deadline = [], time.monotonic() + settle
    while time.monotonic() < deadline:
        try:
            found.append(recorder.seen.get(timeout=0.05))
        except queue.Empty:
            pass
    return found


@native
def test_the_preview_observer_passes_on_changes_only(tmp_path):
    docs, root = tmp_path / "docs", tmp_path
    (docs / "articles").mkdir(parents=True)
    config = root / "mkdocs.yml"
    config.write_text("site_name: x\n")
    (docs / "about.md").write_text("# About\n")
    observer = watch.PreviewObserver(str(docs))
    in_docs, in_config = Recorder(), Recorder()
    observer.schedule(in_docs, str(docs), recursive=True)
    observer.schedule(in_config, str(config))
    observer.start()
    try:
        time.sleep(0.2)
        (docs / "articles" / "a.md").write_text("generated\n")  # the generator's: not an edit
        (docs / "about.md").read_text()  # read, as every build reads it: not an edit
        assert _drain(in_docs) == []
        (docs / "about.md").write_text("# About us\n")  # the editor's page: an edit
        assert any(path == str(docs / "about.md") for _, path in _drain(in_docs))
        # A save by rename (a new file moved over the old one) is seen, and a neighbour is not.
        (root / "mkdocs.yml.tmp").write_text("site_name: y\n")
        os.replace(root / "mkdocs.yml.tmp", config)
        (root / "README.md").write_text("elsewhere\n")
        seen = _drain(in_config)
        assert seen and all(path == str(config) for _, path in seen), seen
        (root / "mkdocs.yml.tmp").write_text("site_name: z\n")
        os.replace(root / "mkdocs.yml.tmp", config)
        assert _drain(in_config), "a second save by rename is seen too"
    finally:
        observer.stop()
        observer.join(5)


@native
def test_mkdocs_watches_move_onto_the_preview_observer(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(docs))
    server.watch(str(tmp_path / "mkdocs.yml"))
    said = watch.use_native_observer(server, str(docs), str(tmp_path / "mkdocs.yml"), [tmp_path])
    assert said == "watching by file events"
    assert isinstance(server.observer, watch.PreviewObserver)
    assert {str(docs), str(tmp_path / "mkdocs.yml")} <= set(server._watched_paths)
    server.server_close()


def test_briefing_watch_poll_keeps_mkdocs_polling(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_WATCH", "poll")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    assert watch.use_native_observer(server, str(tmp_path), None, []) == "watching by polling (BRIEFING_WATCH=poll)"
    assert type(server.observer) is PollingObserver
    server.server_close()


def test_too_few_inotify_watches_keep_polling(tmp_path, monkeypatch):
    if not Observer.__name__.startswith("Inotify"):
        pytest.skip("inotify only")
    limit = tmp_path / "max_user_watches"
    limit.write_text("10\n")
    monkeypatch.setattr(watch, "INOTIFY_WATCHES", limit)
    docs = tmp_path / "docs"
    for i in range(8):
        (docs / f"d{i}").mkdir(parents=True)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    said = watch.use_native_observer(server, str(docs), None, [])
    assert said.startswith("watching by polling: 9 folders to watch, and inotify allows 10 watches")
    assert type(server.observer) is PollingObserver
    server.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


@native
def test_one_save_is_one_rebuild_under_mkdocs_serve(tmp_path):
    """The real `make serve` command: a saved article is served updated after one rebuild, not two
    (the generator's writes to docs/ are no edit), and an idle server does not rebuild at all."""
    root = build_fixture("sample", tmp_path / "project", mkdocs=False)
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen([str(Path(sys.executable).with_name("mkdocs")), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                  cwd=root, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "Serving on" not in log.read_text():
            assert server.poll() is None, log.read_text()
            time.sleep(0.2)
        time.sleep(3)  # idle: nothing read by the first build counts as an edit
        assert log.read_text().count("Building documentation") == 1, log.read_text()

        article = sorted((root / "seeds" / "articles").glob("*.txt"))[0]
        text = article.read_text(encoding="utf-8")
        slug = next(p.stem for p in (root / "docs" / "articles").glob("*.md")
                    if f"source_file: seeds/articles/{article.name}" in p.read_text(encoding="utf-8"))
        marked = re.sub(r"\n\n", "\n\nA sentence with the word Quetzalcoatlus in it.\n\n", text, count=1)
        staged = article.with_suffix(".swp")
        staged.write_text(marked, encoding="utf-8")
        os.replace(staged, article)  # as editors save: a new file renamed over the old one
        url = f"http://127.0.0.1:{port}/articles/{slug}/"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "Quetzalcoatlus" not in _get(url):
            time.sleep(0.25)
        assert "Quetzalcoatlus" in _get(url), log.read_text()
        time.sleep(3)
        assert log.read_text().count("Building documentation") == 2, log.read_text()
        assert "watching by file events" in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)
