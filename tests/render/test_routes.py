"""Where every generated file lands, its kind, its URL, and the links between pages (render/routes.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from generator.model import AnnotatedArticle, Article, Entry
from generator.pipeline import generate
from generator.render import routes
from generator.render.routes import PageKind, absolute_url, html_href, kind_of, page_url, relative

KIM = Entry("people", "Kim Jong-un", "kim-jong-un", "Leader.")
ARTICLE = AnnotatedArticle(Article("seeds/articles/a.txt", "2017-09-15-launch", "Launch", dt.date(2017, 9, 15), None, None, ()), ())

# kind, path in docs/, URL from the site's root
ROUTES = [
    (PageKind.HOME, routes.HOME, ""),
    (PageKind.TIMELINE, routes.TIMELINE, "timeline/"),
    (PageKind.TIMELINE_PART, routes.timeline_part_path(2017), "timeline/2017/"),
    (PageKind.TIMELINE_PART, routes.timeline_part_path(2017, 2), "timeline/2017-2/"),
    (PageKind.TIMELINE_PART, routes.timeline_part_path(None), "timeline/undated/"),
    (PageKind.TIMELINE_PART, routes.timeline_part_path(None, 3), "timeline/undated-3/"),
    (PageKind.SITE_FEED, routes.SITE_FEED, "feed.xml"),
    (PageKind.GLOSSARY_INDEX, routes.GLOSSARY_INDEX, "glossary/"),
    (PageKind.CATEGORY_INDEX, routes.category_index_path("people"), "glossary/people/"),
    (PageKind.ARTICLE, routes.article_path(ARTICLE), "articles/2017-09-15-launch/"),
    (PageKind.ENTRY, routes.entry_path(KIM), "glossary/people/kim-jong-un/"),
    (PageKind.ENTRY, routes.mentions_path(KIM, 1), "glossary/people/kim-jong-un/"),
    (PageKind.ENTRY_MENTIONS, routes.mentions_path(KIM, 2), "glossary/people/kim-jong-un/mentions-2/"),
    (PageKind.ENTRY_FEED, routes.entry_feed_path(KIM), "glossary/people/kim-jong-un/feed.xml"),
    (PageKind.SCHEMA, routes.schema_path("people"), "schemas/people.schema.json"),
    (PageKind.SUMMARIES, routes.SUMMARIES, "glossary/summaries.json"),
]
PATHS = {
    "index.md", "timeline.md", "timeline/2017.md", "timeline/2017-2.md", "timeline/undated.md", "timeline/undated-3.md",
    "feed.xml", "glossary/index.md", "glossary/people/index.md", "articles/2017-09-15-launch.md",
    "glossary/people/kim-jong-un.md", "glossary/people/kim-jong-un/mentions-2.md", "glossary/people/kim-jong-un/feed.xml",
    "schemas/people.schema.json", "glossary/summaries.json",
}


@pytest.mark.parametrize("kind, path, url", ROUTES, ids=[f"{k.value}:{p}" for k, p, _ in ROUTES])
def test_every_kind_has_its_path_and_url(kind, path, url):
    assert path in PATHS
    assert kind_of(path) is kind
    assert page_url(path) == url
    assert routes.article_url(ARTICLE) == "articles/2017-09-15-launch/"


@pytest.mark.parametrize("path", ["assets/briefing.css", "glossary/people/kim-jong-un/extra.md", "articles/a/b.md",
                                  "timeline/later.md", ".briefing/manifest.json", "glossary/feed.xml"])
def test_a_file_the_renderer_does_not_write_has_no_kind(path):
    assert kind_of(path) is None


# here, target, Markdown link, raw-HTML link
LINKS = [
    (routes.HOME, routes.TIMELINE, "timeline.md", "timeline/"),
    (routes.HOME, routes.SITE_FEED, "feed.xml", "feed.xml"),
    (routes.HOME, routes.GLOSSARY_INDEX, "glossary/index.md", "glossary/"),
    (routes.HOME, routes.entry_path(KIM), "glossary/people/kim-jong-un.md", "glossary/people/kim-jong-un/"),
    (routes.HOME, routes.HOME, "index.md", "./"),
    (routes.GLOSSARY_INDEX, routes.category_index_path("people"), "people/index.md", "people/"),
    (routes.category_index_path("people"), routes.entry_path(KIM), "kim-jong-un.md", "kim-jong-un/"),
    (routes.category_index_path("people"), routes.HOME, "../../index.md", "../../"),
    (routes.entry_path(KIM), routes.category_index_path("people"), "index.md", "../"),
    (routes.entry_path(KIM), "glossary/states/north-korea.md", "../states/north-korea.md", "../../states/north-korea/"),
    (routes.entry_path(KIM), routes.article_path(ARTICLE), "../../articles/2017-09-15-launch.md", "../../../articles/2017-09-15-launch/"),
    (routes.entry_path(KIM), routes.entry_feed_path(KIM), "kim-jong-un/feed.xml", "feed.xml"),
    (routes.entry_path(KIM), routes.mentions_path(KIM, 2), "kim-jong-un/mentions-2.md", "mentions-2/"),
    (routes.entry_path(KIM), routes.entry_path(KIM), "kim-jong-un.md", "./"),
    # A mentions page is inside its entry's URL folder: its link climbs out to the folder itself.
    (routes.mentions_path(KIM, 2), routes.entry_path(KIM), "../kim-jong-un.md", "../"),
    (routes.mentions_path(KIM, 2), routes.mentions_path(KIM, 3), "mentions-3.md", "../mentions-3/"),
    (routes.article_path(ARTICLE), routes.entry_path(KIM), "../glossary/people/kim-jong-un.md", "../../glossary/people/kim-jong-un/"),
    (routes.article_path(ARTICLE), "articles/2006-07-06-talks.md", "2006-07-06-talks.md", "../2006-07-06-talks/"),
    (routes.timeline_part_path(2017), routes.TIMELINE, "../timeline.md", "../"),
    (routes.TIMELINE, routes.timeline_part_path(2017), "timeline/2017.md", "2017/"),
]


@pytest.mark.parametrize("here, target, markdown, html", LINKS, ids=[f"{h}->{t}" for h, t, _, _ in LINKS])
def test_links_between_kinds(here, target, markdown, html):
    assert relative(here, target) == markdown
    assert html_href(here, target) == html


@pytest.mark.parametrize("site_url", ["https://owner.github.io/repo/", "https://owner.github.io/repo"])
def test_a_project_site_keeps_its_path_in_absolute_urls(site_url):
    assert absolute_url(site_url, page_url(routes.entry_path(KIM))) == "https://owner.github.io/repo/glossary/people/kim-jong-un/"
    assert absolute_url(site_url, page_url(routes.HOME)) == "https://owner.github.io/repo/"
    assert absolute_url(site_url, page_url(routes.entry_feed_path(KIM))) == "https://owner.github.io/repo/glossary/people/kim-jong-un/feed.xml"
    assert absolute_url("", page_url(routes.entry_path(KIM))) == "glossary/people/kim-jong-un/"


def test_feeds_of_a_project_site_link_under_its_path(project, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://owner.github.io/repo")
    _, pages, _ = generate(project.root)
    feed = pages[routes.entry_feed_path(Entry("states", "China", "china", ""))]
    assert '<id>https://owner.github.io/repo/glossary/states/china/feed.xml</id>' in feed
    assert '<link href="https://owner.github.io/repo/glossary/states/china/" rel="alternate"' in feed
    assert '<link href="https://owner.github.io/repo/articles/2006-07-06-bush-talks-to-hu/" rel="alternate"' in feed


def test_every_generated_file_has_a_kind_and_every_kind_is_generated(project, monkeypatch):
    from generator.render import entry, indexes

    monkeypatch.setattr(indexes, "TIMELINE_INLINE", 1)  # timeline parts
    monkeypatch.setattr(entry, "MENTIONS_PER_PAGE", 1)  # mentions pages
    project.article("b.txt", "---\ndate: 2017-09-15\n---\nChina speaks\n\nChina spoke to North Korea.\n")
    project.article("c.txt", "Undated\n\nChina again.\n")
    _, pages, _ = generate(project.root)
    kinds = {path: kind_of(path) for path in pages}
    assert None not in kinds.values(), [p for p, k in kinds.items() if k is None]
    assert set(kinds.values()) == set(PageKind)


# The links as they were computed before routes cached them (posixpath-free relpath), for the property.
def _reference_relative(here: str, target: str) -> str:
    folder = here.rpartition("/")[0]
    origin = folder.split("/") if folder else []
    parts = target.split("/")
    common = 0
    while common < len(origin) and common < len(parts) - 1 and origin[common] == parts[common]:
        common += 1
    return "../" * (len(origin) - common) + "/".join(parts[common:])


def _reference_html_href(here: str, target: str) -> str:
    return _reference_relative(page_url(here) + "index.html", page_url(target) + "index.html")[: -len("index.html")] or "./"


_names = st.sampled_from(["a", "b", "index", "people", "kim", "mentions-2"])
_pages = st.lists(_names, min_size=0, max_size=3).map(lambda parts: "/".join([*parts, "page"]))
_pages = st.one_of(_pages, st.lists(_names, min_size=1, max_size=4).map(lambda parts: "/".join(parts))).map(lambda p: p + ".md")


@given(_pages, _pages)
def test_cached_links_are_the_links_computed_afresh(here, target):
    assert relative(here, target) == _reference_relative(here, target)
    assert html_href(here, target) == _reference_html_href(here, target)
