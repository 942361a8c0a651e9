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
from .routes import GLOSSARY_INDEX, HOME, SITE_FEED, article_path, category_index_path
from .site import Site


def render_site(site: Site):
    """Every page as (path in docs/, Markdown), one at a time: a big briefing never sits in memory."""
    yield HOME, render_home(site)
    yield from render_timeline(site).items()
    yield SITE_FEED, render_feed(site.config, site.articles, {k: e.name for k, e in site.entries.items()})
    yield GLOSSARY_INDEX, render_glossary_index(site)
    for category in site.config.categories:
        yield category_index_path(category.key), render_category_index(site, category)
    for annotated in site.articles:
        yield article_path(annotated), render_article(site, annotated)
    for entry in site.glossary.entries:
        yield from render_entry(site, entry).items()
