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


# -- shards: Pagefind run over groups of pages, the bundles merged into the index one run makes --

ARTICLE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>navigation words {n}</nav>
<h1 data-pagefind-body id="h">{title}<a class="headerlink" href="#h">¶</a></h1>
<p data-pagefind-body id="p-1">{text}</p>
<p class="x" data-pagefind-body data-pagefind-weight="0.5">{extra}</p>
<div hidden data-pagefind-ignore><span data-pagefind-meta="title">{title}</span><span data-pagefind-meta="kind">article</span>
<span data-pagefind-filter="type">Articles</span><span data-pagefind-filter="year">{year}</span>
<span data-pagefind-sort="date">{date}</span><span data-pagefind-sort="n:{n}"></span></div>
</body></html>"""
ENTRY = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<h1 data-pagefind-body data-pagefind-weight="10">{title}</h1>
<p data-pagefind-body data-pagefind-weight="0.5">{text}</p>
<div hidden data-pagefind-ignore><span data-pagefind-meta="category">{category}</span>
<span data-pagefind-filter="type">{category}</span></div>
<svg><text>map label</text></svg>
</body></html>"""
WORDS = ("missile launch summit sanctions talks envoy parade café naïve Zürich Jazene-25 co-operation "
         "réunion test tests tested crisis capital state minister defence").split()


def briefing_site(root, articles=24, entries=12):
    """Articles (dated, numbered, filtered) and entries (other metadata fields), every page unique."""
    for i in range(articles):
        words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(12 + i % 5)]
        page = ARTICLE.format(title=f"Article {i} on {WORDS[i % len(WORDS)]}", text=" ".join(words),
                              extra=" ".join(reversed(words[:5])), n=(i * 37) % 50, year=2000 + i % 3,
                              date=f"20{i % 3:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}-{i:03d}")
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


def decoded(bundle):
    """The bundle as the browser reads it, whatever the pages' numbering: words and their pages'
    locations (metadata fields by name), filters, sorts, chunk bounds, metadata fields, fragments."""
    import json

    from generator.search.merge import _decode, _load

    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    (language, info), = entry["languages"].items()
    _, pages, chunks, filters, sorts, fields = _decode(_load(bundle / f"pagefind.{info['hash']}.pf_meta"))[0]
    urls = [json.loads(_load(bundle / "fragment" / f"{hash_}.pf_fragment"))["url"] for hash_, _ in pages]

    def located(runs):
        number, out = 0, []
        for delta, locs, meta in runs:
            number += delta
            out.append((urls[number], tuple(locs), tuple(fields[-v - 1] if v < 0 else v for v in meta)))
        return sorted(out)

    words = {}
    for _, _, hash_ in chunks:
        for word, runs, variants in _decode(_load(bundle / "index" / f"{hash_}.pf_index"))[0][0]:
            words[word] = (located(runs), {form: located(vruns) for form, vruns in variants})
    filter_values = {}
    for _, hash_ in filters:
        name, values = _decode(_load(bundle / "filter" / f"{hash_}.pf_filter"))[0]
        filter_values[name] = {value: sorted(urls[p] for p in numbers) for value, numbers in values}
    return {"pages": sorted(zip(urls, (count for _, count in pages))), "page_count": info["page_count"],
            "chunks": [(first, last) for first, last, _ in chunks], "fields": fields, "words": words,
            "filters": filter_values, "sorts": {key: [urls[p] for p in numbers] for key, numbers in sorts},
            "fragments": sorted(p.name for p in (bundle / "fragment").iterdir())}


def pagefind_alone(site, into):
    """Pagefind's own run over the whole site, as the indexer ran it before shards."""
    import subprocess

    from generator.search.indexer import EXCLUDE, LANGUAGE, executable

    subprocess.run([str(executable()), "--site", str(site), "--output-path", str(into), "--force-language", LANGUAGE,
                    "--exclude-selectors", EXCLUDE], check=True, capture_output=True)
    return into


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setenv("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE", "40")  # Pagefind's, and the merge's, chunk size


def test_shards_merge_into_the_index_pagefind_makes_in_one_run(tmp_path, small_chunks):
    site = briefing_site(tmp_path / "site")
    alone = decoded(pagefind_alone(site, tmp_path / "alone"))
    report = index_site(site, budget=60_000)  # a few pages a shard
    assert report.runs >= 5 and "runs merged" in report.summary() and not report.note
    merged = decoded(site / BUNDLE)
    assert merged == alone
    assert len(alone["chunks"]) > 5 and set(alone["fields"]) == {"title", "kind", "category"}
    assert any(variants for _, variants in alone["words"].values())  # café, naïve: diacritic variants
    assert alone["sorts"]["n"] != sorted(alone["sorts"]["n"])  # numbers, not text ("10" after "9")
    assert (report.pages, report.words) == (36, len(alone["words"]))
    assert not list(site.glob(f"{BUNDLE}.*"))  # no scratch left


def test_one_run_indexes_only_the_marked_pages_as_pagefind_does(tmp_path):
    site = briefing_site(tmp_path / "site", articles=3, entries=2)
    report = index_site(site)
    assert report.runs == 1 and report.pages == 5
    assert decoded(site / BUNDLE) == decoded(pagefind_alone(site, tmp_path / "alone"))
    assert "zebra" not in decoded(site / BUNDLE)["words"]


def test_a_site_with_no_marked_page_is_indexed_whole(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><p>zebra</p></body></html>")
    (site / "a.html").write_text("<html><body><p>quagga</p></body></html>")
    report = index_site(site)
    assert report.pages == 2 and {"zebra", "quagga"} <= set(decoded(site / BUNDLE)["words"])


def test_a_sort_value_the_merge_cannot_read_means_one_run(tmp_path):
    site = briefing_site(tmp_path / "site", articles=6, entries=0)
    page = site / "articles" / "a-002" / "index.html"
    page.write_text(page.read_text().replace('<span data-pagefind-sort="date">', '<span data-pagefind-sort="date"><b>'))
    report = index_site(site, budget=60_000)
    assert report.runs == 1 and "one run" in report.note and report.pages == 6
    assert decoded(site / BUNDLE) == decoded(pagefind_alone(site, tmp_path / "alone"))


def test_a_shard_whose_pages_pagefind_finds_no_body_in_means_one_run(tmp_path):
    """A page that only quotes the attribute is read as marked; alone in a shard, Pagefind would
    index its whole <body>. The index is then made in one run, as Pagefind alone makes it."""
    site = briefing_site(tmp_path / "site", articles=4, entries=0)
    (site / "zz").mkdir()
    (site / "zz" / "index.html").write_text("<html><body><p>the data-pagefind-body attribute, quoted</p></body></html>")
    report = index_site(site, budget=45_000)
    assert report.runs == 1 and "no data-pagefind-body" in report.note
    assert decoded(site / BUNDLE) == decoded(pagefind_alone(site, tmp_path / "alone"))


def test_two_shards_giving_pages_one_fragment_hash_get_two(tmp_path, monkeypatch):
    """Fragment names are short hashes: two shards may give two pages the same one. The later page
    gets a longer name, as Pagefind does within one run, and the index points at it."""
    from generator.search import merge

    site = briefing_site(tmp_path / "site", articles=8, entries=0)
    add = merge.Merger._add_fragments

    def add_after_a_clash(self, shard):
        if self.pages:  # from the second shard on, another page's fragment already has the first one's name
            taken = self.fresh / "fragment" / f"{shard.pages[0][0]}.pf_fragment"
            taken.write_bytes((self.fresh / "fragment" / f"{self.pages[0][0]}.pf_fragment").read_bytes())
        add(self, shard)

    monkeypatch.setattr(merge.Merger, "_add_fragments", add_after_a_clash)
    report = index_site(site, budget=60_000)
    assert report.runs > 1
    merged, alone = decoded(site / BUNDLE), decoded(pagefind_alone(site, tmp_path / "alone"))
    assert merged | {"fragments": None} == alone | {"fragments": None}
    longer = [name for name in merged["fragments"] if len(name) > len("en_1234567.pf_fragment")]
    assert len(longer) == report.runs - 1


def test_shards_of_many_pages_keep_every_page_number(tmp_path):
    """Page numbers 24 and over, and gaps of 24 and over, take more than a byte in the index."""
    site = tmp_path / "site"
    for i in range(90):
        words = f"common w{i % 7} v{i % 11}" + (" rare" if i % 29 == 0 else "") + (" other" if i in (3, 88) else "")
        (site / f"p-{i:03d}").mkdir(parents=True)
        (site / f"p-{i:03d}" / "index.html").write_text(
            f'<html lang="en"><body><h1 data-pagefind-body>Page {i}</h1><p data-pagefind-body>{words}</p></body></html>')
    report = index_site(site, budget=1_100_000)
    assert report.runs == 3 and report.pages == 90
    assert decoded(site / BUNDLE) == decoded(pagefind_alone(site, tmp_path / "alone"))


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
