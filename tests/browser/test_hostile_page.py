"""Hostile article text in a real browser: nothing runs, no dialog opens, the text is shown as written."""

from __future__ import annotations

import pytest

from generator.pipeline import build
from tests.sites import mini_project, mkdocs_build
from tests.test_hostile import ARTICLE, HOSTILE_LINES

from .conftest import Recorder, new_context, serve


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    root = mini_project(tmp_path_factory.mktemp("hostile-browser"), {"hostile.txt": ARTICLE.encode()})
    result = build(root)
    mkdocs_build(root)
    with serve(root / "site") as url:
        yield url, result.site.articles[0].article


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
    for title in page.locator("article h1, article h2").all():
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
