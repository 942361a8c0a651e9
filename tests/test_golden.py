"""The seed pages, compared with their golden files (``make golden`` accepts an intended change)."""

from __future__ import annotations

import pytest

from tests.golden import GOLDEN, PAGES, current_pages, golden_name


@pytest.fixture(scope="module")
def pages():
    return current_pages()


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden_file(pages, page):
    expected = (GOLDEN / golden_name(page)).read_text(encoding="utf-8")
    assert pages[page] == expected, f"{page} changed; if intended, run 'make golden' and review the diff"
