"""Every generated page, one at a time, as (path inside docs/, text). Pure: nothing is written."""

from __future__ import annotations

from .article import render_article
from .entry import render_entry
from .feed import render_feed
from .indexes import (
    render_category_index,
    render_glossary_index,
    render_home,
    render_timeline,
)
from .site import Site, page_url


def render_site(site: Site):
    """Every page as (path in docs/, Markdown), one at a time: a big briefing never sits in memory."""
    yield "index.md", render_home(site)
    yield from render_timeline(site).items()
    yield "feed.xml", render_feed(site.config, site.articles, {k: e.name for k, e in site.entries.items()}, lambda a: page_url(site.article_path(a)))
    yield "glossary/index.md", render_glossary_index(site)
    for category in site.config.categories:
        yield f"glossary/{category.key}/index.md", render_category_index(site, category)
    for annotated in site.articles:
        yield site.article_path(annotated), render_article(site, annotated)
    for entry in site.glossary.entries:
        yield from render_entry(site, entry).items()
