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


def test_a_failed_run_keeps_the_previous_index(tmp_path, monkeypatch):
    from generator.search import indexer

    site = write_site(tmp_path / "site", {"a": ("Alpha", "zebra")})
    index_site(site)
    before = sorted(p.relative_to(site) for p in (site / BUNDLE).rglob("*"))
    monkeypatch.setattr(indexer, "executable", lambda: "false")  # exits 1, writes nothing
    with pytest.raises(SearchIndexError, match="pagefind failed"):
        index_site(site)
    assert sorted(p.relative_to(site) for p in (site / BUNDLE).rglob("*")) == before
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(BUNDLE)) == [BUNDLE]


def test_the_background_indexer_catches_up_with_the_last_build(tmp_path, monkeypatch):
    """Builds that end while an index is being made ask for one more run, not one each."""
    import threading

    from generator.search import BackgroundIndexer, indexer

    runs, started, release = [], threading.Event(), threading.Event()

    def slow_index(site):
        runs.append(site)
        started.set()
        release.wait(10)
        if site.name == "bad":
            raise SearchIndexError("search: pagefind failed (exit 1): boom")
        return site.name

    monkeypatch.setattr(indexer, "index_site", slow_index)
    reports = []
    background = BackgroundIndexer(reports.append)
    background.request(tmp_path / "one")
    assert started.wait(10)
    for name in ("two", "three", "bad"):  # while "one" is being indexed
        background.request(tmp_path / name)
    release.set()
    background.wait(10)
    assert [r.name for r in runs] == ["one", "bad"]
    assert reports[0] == "one" and isinstance(reports[1], SearchIndexError)
