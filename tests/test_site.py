"""The real thing: generate the sample fixture briefing, run ``mkdocs build --strict``, read the HTML.

The briefing is tests/fixtures/sample (two sample articles and a small glossary, owned by the
tests), built once per session by the ``sample_site`` fixture (tests/conftest.py).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.sites import SAMPLE_BUSH as BUSH, SAMPLE_RUSSIA as RUSSIA, mkdocs_build

class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.sources, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append((attrs["href"], attrs.get("class") or ""))
        for key in ("src", "href"):
            if tag in ("script", "img", "link", "iframe", "source") and attrs.get(key):
                self.sources.append(attrs[key])


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


@pytest.fixture(scope="module")
def site(sample_site) -> Path:
    return sample_site


def glossary_links(page: Path) -> dict[str, str]:
    """Mention links in the article body: glossary page -> classes."""
    found = {}
    for href, classes in parse(page).hrefs:
        if "mention" in classes.split():
            target = (page.parent / href).resolve().relative_to(page.parents[2].resolve()).as_posix().rstrip("/")
            found.setdefault(target, classes)
    return found


@pytest.mark.parametrize(
    "article, expected",
    [
        (BUSH, {"people/george-w-bush", "people/kim-jong-il", "people/stephen-harper", "people/hu-jintao", "people/vladimir-putin",
                "people/junichiro-koizumi", "people/roh-moo-hyun", "states/north-korea", "states/china", "states/russia",
                "states/japan", "states/south-korea", "states/united-states", "states/canada"}),
        (RUSSIA, {"people/vladimir-putin", "people/emmanuel-macron", "people/rex-tillerson", "people/kim-jong-un", "states/russia",
                  "states/france", "states/north-korea", "states/japan", "states/united-states", "states/china", "states/south-korea",
                  "weapons/ballistic-missile", "weapons/intermediate-range-ballistic-missile", "weapons/hwasong-12",
                  "weapons/intercontinental-ballistic-missile", "weapons/nuclear-test", "weapons/nuclear-programme"}),
    ],
)
def test_articles_link_to_the_right_glossary_pages(site, article, expected):
    links = glossary_links(site / article / "index.html")
    assert {k.removeprefix("glossary/") for k in links} == expected
    summaries = json.loads((site / "glossary" / "summaries.json").read_text(encoding="utf-8"))
    for target in links:
        # the link's target is the entry's key, whose name and summary (the hover text) are in
        # glossary/summaries.json; no key or title is written beside it
        assert summaries[target.removeprefix("glossary/")][1], target
    opening = (site / article / "index.html").read_text(encoding="utf-8").split('class="mention')[1].split(">")[0]
    assert 'title="' not in opening and "data-e" not in opening


def test_glossary_pages_link_back(site):
    for entry, articles in {
        "people/vladimir-putin": {BUSH, RUSSIA},
        "people/kim-jong-un": {RUSSIA},
        "states/canada": {BUSH},
        "weapons/hwasong-12": {RUSSIA},
    }.items():
        page = site / "glossary" / entry / "index.html"
        hrefs = {(page.parent / h).resolve().relative_to(site.resolve()).as_posix().rstrip("/") for h, _ in parse(page).hrefs}
        assert articles <= {h.split("#")[0] for h in hrefs}, entry


def test_each_mentioning_article_is_its_own_list_item(site):
    html = (site / "glossary/people/vladimir-putin/index.html").read_text()
    section = html[html.index('id="mentioned-in"'):html.index('id="often-mentioned-with"')]
    assert section.count("<li>") == 2 and section.count("<blockquote>") == 2


def test_backlink_anchors_exist(site):
    page = site / "glossary/people/vladimir-putin/index.html"
    for href, _ in parse(page).hrefs:
        if "#p-" in href:
            target, anchor = href.split("#")
            assert anchor in parse((page.parent / target / "index.html").resolve()).ids


def test_photographers_are_not_linked(site):
    html = (site / RUSSIA / "index.html").read_text()
    assert "Kim Won-Jin" not in html and "Druzhinin" not in html


def test_no_third_party_requests(site):
    for page in site.rglob("*.html"):
        for source in parse(page).sources:
            assert not re.match(r"^(https?:)?//", source), f"{page}: loads {source}"
    for css in site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(errors="ignore")


def test_navigation_does_not_list_articles(site):
    html = (site / "index.html").read_text()
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[: nav.index("</nav>")]
    assert "articles/2006" not in nav and "articles/2017" not in nav


def test_every_link_is_relative_so_a_project_path_works(site):
    # GitHub Pages serves a project at https://owner.github.io/repo/: a link to "/x" would leave it.
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # MkDocs bases the 404 page on site_url; see test_404_page_under_a_project_path
        assert not re.search(r'(?:href|src)="/(?!/)', page.read_text()), page


def test_404_page_under_a_project_path(site):
    root = site.parent
    mkdocs_build(root, "--site-dir", "site-project", env={"SITE_URL": "https://owner.github.io/repo/"})
    html = (root / "site-project" / "404.html").read_text()
    assert 'href="/repo/assets/briefing.css"' in html


def test_feed_is_published_and_linked(site):
    assert (site / "feed.xml").read_text().startswith("<?xml")
    html = (site / "glossary/people/vladimir-putin/index.html").read_text()
    assert '<link rel="alternate" type="application/atom+xml"' in html and 'href="../../../feed.xml"' in html


def test_search_index_is_pagefinds_over_the_content(site):
    """generator/search/ indexes the built site; Material's whole-site index does not ship."""
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "pagefind" / "pagefind-entry.json").is_file()
    assert not (site / "search").exists()
    entry = (site / "glossary/states/north-korea/index.html").read_text()
    assert re.search(r'<h1 data-pagefind-body data-pagefind-weight="10" id="north-korea">North Korea', entry)
    assert '<span data-pagefind-filter="type">States</span>' in entry and "Pyongyang" in entry
    article = (site / "articles/2017-09-15-russia-france-say-talks-are-only-way-to-solve-north-korea-crisis/index.html").read_text()
    assert '<span data-pagefind-filter="year">2017</span>' in article and '<span data-pagefind-sort="date">2017-09-15</span>' in article
    assert "data-pagefind-body" not in (site / "index.html").read_text()  # listings are not indexed
