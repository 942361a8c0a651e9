"""Pagefind over a built site (generator/search/indexer.py), on small sites written here."""

from __future__ import annotations

import pytest

from generator.search import BUNDLE, SearchIndexError, index_site

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>navigation words</nav>
<h1 data-pagefind-body>{title}<a class="headerlink" href="#x">¶</a></h1>
<p data-pagefind-body>{text}</p>
</body></html>"""


def write_site(root, pages):
    for path, (title, text) in pages.items():
        target = root / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PAGE.format(title=title, text=text), encoding="utf-8")
    (root / "index.html").write_text("<html><body><p>a listing, not indexed</p></body></html>")
    return root


def test_indexes_the_marked_pages_into_the_bundle(tmp_path):
    site = write_site(tmp_path / "site", {"a": ("Alpha", "zebra crossing"), "b": ("Beta", "lion")})
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text("{}")  # Material's, from an older build
    report = index_site(site)
    assert report.pages == 2 and report.words > 0
    assert (site / BUNDLE / "pagefind.js").is_file() and list((site / BUNDLE / "index").iterdir())
    assert not (site / "search" / "search_index.json").exists()
    assert "indexed 2 pages" in report.summary()


def test_a_rebuild_leaves_no_stale_chunks(tmp_path):
    site = write_site(tmp_path / "site", {"a": ("Alpha", "zebra")})
    index_site(site)
    (site / BUNDLE / "index" / "stale.pf_index").write_bytes(b"old")
    index_site(site)
    assert not (site / BUNDLE / "index" / "stale.pf_index").exists()


def test_a_missing_site_is_one_line(tmp_path):
    with pytest.raises(SearchIndexError, match="does not exist"):
        index_site(tmp_path / "nowhere")
