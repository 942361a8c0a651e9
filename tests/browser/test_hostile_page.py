"""Hostile article text in a real browser: nothing runs, no dialog opens, the text is shown as written."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.pipeline import build
from tests.conftest import MINI_CONFIG, MINI_GLOSSARY, ROOT
from tests.test_hostile import ARTICLE, HOSTILE_LINES

from .conftest import Recorder, _StaticHandler, new_context


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-browser")
    (root / "briefing.yml").write_text(MINI_CONFIG)
    (root / "seeds/glossary").mkdir(parents=True)
    for category, text in MINI_GLOSSARY.items():
        (root / f"seeds/glossary/{category}.yml").write_text(text)
    (root / "seeds/articles").mkdir()
    (root / "seeds/articles/hostile.txt").write_bytes(ARTICLE.encode())
    shutil.copy(ROOT / "mkdocs.yml", root)
    for folder in ("generator", "overrides"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs/assets", root / "docs/assets")
    result = build(root)
    done = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict"], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_StaticHandler, directory=str(root / "site")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", result.site.articles[0].article
    finally:
        server.shutdown()
        server.server_close()


def test_no_dialog_fires_and_the_text_is_shown(browser, hostile_url):
    base, article = hostile_url
    recorder = Recorder()
    context = new_context(browser, base, recorder)
    dialogs = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"articles/{article.slug}/")
    page.wait_for_load_state("networkidle")
    page.mouse.click(10, 300)  # an onclick would fire here if any had survived
    for title in page.locator("h1, h2").all():
        title.click()
    text = page.locator("article").inner_text()
    context.close()
    assert dialogs == []
    assert recorder.problems() == []
    for line in HOSTILE_LINES:
        for part in line.split("\n"):
            shown = "".join(c for c in part if c >= " " or c == "\t").strip()
            if shown:
                assert " ".join(shown.split()) in " ".join(text.split()), shown
    assert page.is_closed()
