"""Pagefind over a built site (generator/search/indexer.py), on small sites written here."""

from __future__ import annotations

import gzip
import json

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


def test_a_page_taken_down_while_the_site_is_indexed_is_left_out(tmp_path, monkeypatch):
    from generator.search import indexer

    site = briefing_site(tmp_path / "site", articles=3, entries=0)
    farm = indexer._farm

    def farm_after_a_removal(site_, pages, into):
        (site_ / pages[0].path).unlink()  # listed, then removed before it was linked
        return farm(site_, pages, into)

    monkeypatch.setattr(indexer, "_farm", farm_after_a_removal)
    report = index_site(site)
    assert report.pages == 2


# -- shards: Pagefind bundles the browser loads together --------------------------------------------

ARTICLE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>navigation words {n}</nav>
<h1 data-pagefind-body id="h">{title}<a class="headerlink" href="#h">¶</a></h1>
<p data-pagefind-body id="p-1">{text}</p>
<div hidden data-pagefind-ignore><span data-pagefind-meta="title">{title}</span><span data-pagefind-meta="kind">article</span>
<span data-pagefind-filter="type">Articles</span><span data-pagefind-filter="year">{year}</span>
<span data-pagefind-sort="date">{date}</span></div>
</body></html>"""
ENTRY = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<h1 data-pagefind-body data-pagefind-weight="10">{title}</h1>
<p data-pagefind-body data-pagefind-weight="0.5">{text}</p>
<div hidden data-pagefind-ignore><span data-pagefind-meta="category">{category}</span>
<span data-pagefind-filter="type">{category}</span></div>
<svg><text>map label</text></svg>
</body></html>"""
WORDS = "missile launch summit sanctions talks envoy parade café naïve Zürich test crisis capital".split()


def article_date(i):
    """Article i's sort value: three of one day, one undated."""
    return "0000-00-00" if i == 5 else f"20{i % 4:02d}-{1 + i % 12:02d}-{1 + (i if i not in (7, 8) else 6) % 28:02d}"


def briefing_site(root, articles=24, entries=12):
    """Articles (dated by article_date) and entries of three categories."""
    for i in range(articles):
        date = article_date(i)
        page = ARTICLE.format(title=f"Article {i} on {WORDS[i % len(WORDS)]}", n=i, year=date[:4], date=date,
                              text=" ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(12 + i % 5)))
        (root / "articles" / f"a-{i:03d}").mkdir(parents=True)
        (root / "articles" / f"a-{i:03d}" / "index.html").write_text(page, encoding="utf-8")
    for i in range(entries):
        category = ("People", "States", "Weapons")[i % 3]
        folder = root / "glossary" / category.lower() / f"e-{i:03d}"
        folder.mkdir(parents=True)
        folder.joinpath("index.html").write_text(ENTRY.format(
            title=f"Entry {WORDS[(i * 5) % len(WORDS)]} {i}", category=category,
            text=" ".join(WORDS[(i + k) % len(WORDS)] for k in range(6))), encoding="utf-8")
    (root / "index.html").write_text("<html><body><p>home zebra listing</p></body></html>")
    (root / "timeline").mkdir()
    (root / "timeline" / "index.html").write_text("<html><body><p>timeline quagga</p></body></html>")
    return root


def _data(path):
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return data[len(b"pagefind_dcd"):]


def shards(site):
    """Each shard's folder (as shards.json lists them) and the pages its fragments hold: url -> metadata."""
    bundle = site / BUNDLE
    listed = json.loads((bundle / "shards.json").read_text())["shards"]
    found = []
    for path in listed:
        folder = bundle / path
        entry = json.loads((folder / "pagefind-entry.json").read_text())
        (info,) = entry["languages"].values()
        assert (folder / f"pagefind.{info['hash']}.pf_meta").is_file()
        pages = {}
        for fragment in (folder / "fragment").iterdir():
            page = json.loads(_data(fragment))
            pages[page["url"]] = page["meta"]
        assert len(pages) == info["page_count"]
        found.append((path, pages))
    return found


def test_shards_cut_the_dated_pages_by_date_and_deal_the_others_round_robin(tmp_path):
    site = briefing_site(tmp_path / "site")
    report = index_site(site, budget=400_000)  # a few pages a shard
    cut = shards(site)
    assert report.shards == len(cut) >= 4 and f"{len(cut)} shards" in report.summary() and not report.note
    assert [path for path, _ in cut] == [""] + [f"shards/{n}/" for n in range(1, len(cut))]
    urls = [url for _, pages in cut for url in pages]
    assert sorted(urls) == sorted({f"/articles/a-{i:03d}/" for i in range(24)} | {
        f"/glossary/{('people', 'states', 'weapons')[i % 3]}/e-{i:03d}/" for i in range(12)})  # each page once
    assert report.pages == 36 and report.words > 0
    dates = [sorted((article_date(int(url[-4:-1])) for url in pages if url.startswith("/articles/")), reverse=True)
             for _, pages in cut]
    assert all(dates) and [d for shard in dates for d in shard] == sorted((d for shard in dates for d in shard), reverse=True)
    assert dates[-1][-1] == "0000-00-00"  # undated: oldest
    entries = [sum(1 for url in pages if url.startswith("/glossary/")) for _, pages in cut]
    assert max(entries) - min(entries) <= 1  # the same mix everywhere
    people = [{url.split("/")[2] for url in pages if url.startswith("/glossary/")} for _, pages in cut]
    assert sum(len(kinds) > 1 for kinds in people) >= len(cut) - 1  # categories dealt, not cut in runs
    assert (site / BUNDLE / "pagefind.js").is_file() and (site / BUNDLE / "pagefind-worker.js").is_file()
    for path, _ in cut[1:]:  # the first shard's scripts serve them all
        assert sorted(p.name for p in (site / BUNDLE / path).iterdir() if not p.name.endswith(".pf_meta")) == \
            ["filter", "fragment", "index", "pagefind-entry.json"]
    assert not list(site.glob(f"{BUNDLE}.*"))  # no scratch left


def test_a_small_site_is_one_shard(tmp_path):
    site = briefing_site(tmp_path / "site", articles=3, entries=2)
    report = index_site(site)
    assert report.shards == 1 and report.pages == 5 and "shards" not in report.summary()
    assert [path for path, _ in shards(site)] == [""]


def test_a_site_with_no_dated_page_is_dealt_over_the_shards(tmp_path):
    site = briefing_site(tmp_path / "site", articles=0, entries=12)
    report = index_site(site, budget=150_000)
    assert report.shards > 1 and sum(len(pages) for _, pages in shards(site)) == 12


def test_the_words_chunks_are_the_indexers_size(tmp_path, monkeypatch):
    """CHUNK_LOCATIONS reaches Pagefind (its PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE): smaller chunks, more of them.
    A Pagefind that no longer reads it fails here, not silently in the browser's bytes."""
    from generator.search import indexer

    site = briefing_site(tmp_path / "site", articles=12, entries=0)
    counts = {}
    for size in (20000, 40):
        monkeypatch.setattr(indexer, "CHUNK_LOCATIONS", size)
        index_site(site)
        counts[size] = len(list((site / BUNDLE / "index").iterdir()))
    assert counts[20000] == 1 and counts[40] > 3, counts


def test_a_sort_value_the_indexer_cannot_read_means_one_run(tmp_path):
    site = briefing_site(tmp_path / "site", articles=6, entries=0)
    page = site / "articles" / "a-002" / "index.html"
    page.write_text(page.read_text().replace('<span data-pagefind-sort="date">', '<span data-pagefind-sort="date"><b>'))
    report = index_site(site, budget=150_000)
    assert report.shards == 1 and "one run" in report.note and report.pages == 6
    assert len(shards(site)[0][1]) == 6


def test_a_shard_whose_pages_pagefind_finds_no_body_in_means_one_run(tmp_path):
    """A page that only quotes the attribute is read as marked; alone in a shard, Pagefind would
    index its whole <body>. The index is then made in one run, as Pagefind alone makes it."""
    site = briefing_site(tmp_path / "site", articles=0, entries=1)
    (site / "zz").mkdir()
    (site / "zz" / "index.html").write_text("<html><body><p>the data-pagefind-body attribute, quoted</p></body></html>")
    report = index_site(site, budget=40_000)  # two shards: the entry, and the page that quotes
    assert report.shards == 1 and "no data-pagefind-body" in report.note
    assert sorted(shards(site)[0][1]) == ["/glossary/people/e-000/"]


def test_numbers_sort_as_pagefind_sorts_them(tmp_path):
    """Pagefind sorts values that are all numbers as numbers ("10" after "9"): the shards follow it."""
    from generator.search import indexer

    pages = [indexer._Page(f"p{n}/index.html", 100, {"date": str(n)}) for n in (9, 10, 100, 2)]
    cut = indexer._shards(pages, 200)
    assert [[p.sorts["date"] for p in shard] for shard in cut] == [["100", "10"], ["9", "2"]]


def test_a_pages_estimated_cost_spans_its_marked_elements(tmp_path):
    """The shards are cut by an estimate from the marks: from the first to the last marked element,
    or to the page's end for one wrapper, whichever way the attribute is written (Python-Markdown
    writes a bare one as data-pagefind-body="data-pagefind-body": its value is no second mark)."""
    from generator.search import indexer

    text = "word " * 2000
    pages = {
        "wrapper/index.html": f'<html><body><div class="a" data-pagefind-body="data-pagefind-body"><p>{text}</p></div></body></html>',
        "bare/index.html": f"<html><body><div data-pagefind-body><p>{text}</p></div></body></html>",
        "elements/index.html": f"<html><body><h1 data-pagefind-body>T</h1><p>{text}</p><p data-pagefind-body>end</p><p>{text}</p></body></html>",
        "none/index.html": f"<html><body><p>{text}</p></body></html>",
    }
    for path, html in pages.items():
        (tmp_path / path).parent.mkdir(parents=True)
        (tmp_path / path).write_text(html, encoding="utf-8")
    costs = {page.path: page.cost for page in indexer._marked_pages(tmp_path)}
    assert set(costs) == {"wrapper/index.html", "bare/index.html", "elements/index.html"}
    for path in ("wrapper/index.html", "bare/index.html"):
        html = pages[path]
        assert costs[path] == indexer.PAGE_COST + indexer.SPAN_COST * (len(html) - html.index("data-pagefind-body")), path
    html = pages["elements/index.html"]
    span = html.rindex("data-pagefind-body") - html.index("data-pagefind-body")
    assert costs["elements/index.html"] == indexer.PAGE_COST + indexer.SPAN_COST * span
