"""The site as units of rendering, each with the key of everything it reads.

A unit renders one or more files (an entry: its page, its mentions pages, its feed). Its key is
a value that is equal between two builds only if the unit's output is too: a build under ``mkdocs
serve`` skips a unit whose key has not changed (``incremental.Memo``). Keys hold the objects the
renderer reads (an article, the entries it links), compared by value, except where identity is
enough (``Same``). What every page reads (the configuration, every entry's name and address) is
the ``global_key``. ``tests/test_incremental.py`` checks these keys against full builds, edit by edit:
a key that misses an input fails it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from ..schema import Kind
from .article import render_article
from .entry import description_mentions, mention_pages, mentions_chunk, render_entry, render_mentions_page
from .feed import ENTRY_LIMIT as ENTRY_FEED_LIMIT, LIMIT as FEED_LIMIT, render_feed
from .indexes import LATEST, render_category_index, render_summaries, render_glossary_index, render_home, render_timeline
from .maps import ENTRY_NODES, FEW, backbone, home_map_keys
from .routes import GLOSSARY_INDEX, HOME, SITE_FEED, SUMMARIES, article_path, category_index_path
from .site import TOGETHER, Site


@dataclass(frozen=True)
class Unit:
    name: str  # unique within a site: "article:<source path>", "entry:<key>", "home", ...
    key: Callable[[], object] | None  # None: always rendered
    render: Callable[[], dict[str, str]]  # docs-relative path -> text


class Same:
    """Equal to another ``Same`` of the very same object: for inputs a build reuses whole (an
    annotated article read from the memo) or replaces whole (the glossary), where comparing by
    value would cost more than rendering."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __eq__(self, other) -> bool:
        return isinstance(other, Same) and other.value is self.value

    def __hash__(self) -> int:
        return id(self.value)


def global_key(site: Site) -> object:
    """What any page may read: the configuration, the name, address and category of every entry
    (links, feeds and lists name them), and whether the briefing is past a handful of articles
    (the maps' threshold)."""
    return (site.config, tuple((e.key, e.name, e.slug, e.category) for e in site.glossary.entries), len(site.articles) >= FEW)


def units(site: Site) -> Iterator[Unit]:
    yield Unit("home", lambda: _home_key(site), lambda: {HOME: render_home(site)})
    yield Unit("timeline", lambda: _timeline_key(site), lambda: render_timeline(site))
    yield Unit("feed", lambda: tuple(Same(a) for a in _dated(site)[:FEED_LIMIT]),
               lambda: {SITE_FEED: render_feed(site.config, site.articles, {k: e.name for k, e in site.entries.items()})})
    yield Unit("glossary", lambda: _counts(site), lambda: {GLOSSARY_INDEX: render_glossary_index(site)})
    yield Unit("summaries", lambda: tuple((e.key, e.name, e.summary) for e in site.glossary.entries),
               lambda: {SUMMARIES: render_summaries(site)})
    for category in site.config.categories:
        yield Unit(f"category:{category.key}", lambda category=category: _category_key(site, category),
                   lambda category=category: {category_index_path(category.key): render_category_index(site, category)})
    for position, annotated in enumerate(site.articles):
        yield Unit(f"article:{annotated.article.path}", lambda position=position: _article_key(site, position),
                   lambda annotated=annotated: {article_path(annotated): render_article(site, annotated)})
    for entry in site.glossary.entries:
        yield Unit(f"entry:{entry.key}", lambda entry=entry: _entry_key(site, entry), lambda entry=entry: render_entry(site, entry))
        backlinks = site.index.backlinks.get(entry.key, ())
        for number in range(2, mention_pages(backlinks) + 1):
            yield Unit(f"mentions:{entry.key}:{number}", lambda entry=entry, number=number: _mentions_key(site, entry, number),
                       lambda entry=entry, number=number: render_mentions_page(site, entry, number))


def _dated(site: Site) -> list:
    return [a for a in site.articles if a.article.date]


def _row(annotated) -> tuple:
    """What a list of articles shows of one (the timeline, the home page's latest)."""
    article = annotated.article
    return article.date, article.title, article.slug, article.source, annotated.entries()


def _timeline_key(site: Site) -> object:
    """Every article's row: an edit that leaves an article's date, title, outlet and entries as
    they were (most do) leaves the timeline as it was."""
    return tuple(_row(a) for a in site.articles)


def _counts(site: Site) -> tuple:
    """How often each entry is mentioned: with the global key (every entry's name), all that the
    glossary's index reads, and what the home page's most-mentioned lists are made of."""
    return tuple(site.index.count(e.key) for e in site.glossary.entries)


def _category_key(site: Site, category) -> object:
    """A category's index: its entries (names, summaries, facts), their counts, and the entries
    its groups are headed by (another category's, for a person's state)."""
    entries = tuple(e for e in site.glossary.entries if e.category == category.key)
    field = category.group_field
    heads = tuple(site.named.get(v) for e in entries for f in e.facts if field is not None and f.field.key == field.key for v in f.values)
    return entries, heads, tuple(site.index.count(e.key) for e in (*entries, *filter(None, heads)))


def _home_key(site: Site) -> object:
    """The home page: the latest articles' rows, the dates the briefing spans, every entry's count
    (the most mentioned are listed, by name), and the map's entries and ties."""
    dated = [a.article.date for a in site.articles if a.article.date]
    drawn = home_map_keys(site)
    return (tuple(_row(a) for a in site.articles[:LATEST]), len(site.articles), len(dated), min(dated, default=None),
            max(dated, default=None), _counts(site), tuple(backbone(site, drawn)))


def _neighbour(site: Site, position: int):
    if 0 <= position < len(site.articles):
        article = site.articles[position].article
        return article.title, article.slug
    return None


def _article_key(site: Site, position: int) -> object:
    """An article's page: the article and the titles and addresses of the articles before and
    after it. Of the entries it names it shows what the global key holds (names, addresses,
    categories): their summaries are hover text from glossary/summaries.json, not in the page."""
    return Same(site.articles[position]), _neighbour(site, position - 1), _neighbour(site, position + 1)


def _entry_key(site: Site, entry) -> object:
    """An entry's page and feed: the entry; the entries its facts name and those that name it; the
    newest articles that mention it, with the quoted sentences, and how many do; what it is quoted as
    saying; its companions, their counts and the ties among them (the map); and the entries its
    description links."""
    key = entry.key
    index = site.index
    # Other entries appear as links (name, address, category: the global key) and hover text
    # (glossary/summaries.json): their own fields are not read, so editing one re-renders only
    # the pages that show it, not every page that links it.
    refs = tuple(getattr(site.named.get(v), "key", None)
                 for fact in entry.facts if fact.field.kind in (Kind.REF, Kind.REF_LIST) for v in fact.values)
    together = tuple(index.together.get(key, ())[:TOGETHER])
    drawn = [k for k, _ in together[:ENTRY_NODES]]
    backlinks = index.backlinks.get(key, ())
    dated = (Same(b.article) for b in backlinks if b.article.article.date)
    return (
        entry,
        refs,
        tuple((category, field, other.key) for category, field, other in site.referrers.get(entry.name, ())),
        mentions_chunk(backlinks, 1),  # the page lists the newest; older ones have pages (units) of their own
        len(backlinks),
        tuple(islice(dated, ENTRY_FEED_LIMIT)),  # the entry's feed (the first dated ones: not all of them)
        site.quotations.get(key, ()),
        together,
        tuple(index.count(k) for k in drawn),
        tuple(backbone(site, drawn, per_node=1)) if drawn else (),
        _description_links(site, entry),
    )


def _mentions_key(site: Site, entry, number: int) -> object:
    """Page ``number`` of an entry's mentions: its articles and quotes, and the pager."""
    backlinks = site.index.backlinks.get(entry.key, ())
    return entry.name, number, len(backlinks), mentions_chunk(backlinks, number)


def _description_links(site: Site, entry) -> tuple:
    """The entries the description links, where: found again (a short text) rather than keyed by
    the whole glossary, so that editing one entry does not re-render every described one."""
    if not entry.description:
        return ()
    return tuple((m.start, m.end, m.entry) for m in description_mentions(site, entry))
