"""An Atom feed of the latest dated articles, newest first (Atom needs a date on every entry)."""

from __future__ import annotations

import datetime as dt

from ..model import AnnotatedArticle, BlockKind, Config, Entry
from .routes import HOME, SITE_FEED, absolute_url, article_url, entry_feed_path, entry_path, page_url
from .slugs import slugify

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50
ENTRY_LIMIT = 20  # an entry's feed: the latest articles that mention it (thousands of feeds at scale)


# Feeds are written as text, in exactly the shape ElementTree would give them (indented, its
# escaping): one article's <entry> is serialised once however many feeds carry it (the site's and
# each entry's), where building and serialising a tree per feed was most of the feeds' cost.
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"})


def _element(indent: str, tag: str, text: str) -> str:
    return f"{indent}<{tag}>{text.translate(_TEXT)}</{tag}>" if text else f"{indent}<{tag} />"


def _empty(indent: str, tag: str, **attributes: str) -> str:
    pairs = " ".join(f'{key}="{value.translate(_ATTRIBUTE)}"' for key, value in attributes.items())
    return f"{indent}<{tag} {pairs} />"


_written: dict[tuple[int, str, bool], tuple[AnnotatedArticle, str]] = {}


def _entry(annotated: AnnotatedArticle, site_url: str, names, url_of) -> str:
    """One article's <entry>, keyed by identity (hashing a whole article is slow) and only while
    that very article object is alive; ``names`` (key -> name) gives each entry the article
    mentions as a <category>, None gives none."""
    key = (id(annotated), site_url, names is None)
    written = _written.get(key)
    if written is not None and written[0] is annotated:
        return written[1]
    if len(_written) > 8192:
        _written.clear()
    article = annotated.article
    url = absolute_url(site_url, url_of(annotated))
    first = next((b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH), article.blocks[0].text)
    lines = [
        "  <entry>",
        _element("    ", "title", article.title),
        _empty("    ", "link", href=url, rel="alternate", type="text/html"),
        _element("    ", "id", url if site_url else f"urn:briefing:article:{article.slug}"),
        _element("    ", "updated", _stamp(article.date)),
        _element("    ", "summary", first),
        *(_empty("    ", "category", term=names[k]) for k in (annotated.entries() if names is not None else ())),
        "  </entry>",
    ]
    text = "\n".join(lines)
    _written[key] = (annotated, text)
    return text


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def render_feed(config: Config, articles: tuple[AnnotatedArticle, ...], names: dict[str, str], url_of=article_url) -> str:
    """The site's feed. Links are relative to the site root (where the feed is), absolute when the
    site has an address; ``url_of(annotated)``: an article's URL from the root."""
    return _feed(config, articles, names, config.title, config.description, SITE_FEED, HOME,
                 f"urn:briefing:{slugify(config.title)}", url_of=url_of)


def render_entry_feed(config: Config, entry: Entry, articles) -> str:
    """One entry's feed ("follow Kim Jong-un"): the dated articles that mention it, newest first.
    Without categories: the article's cast is on its page and in the site's feed, and here it was
    two thirds of every entry's feed (3,000 feeds in a large briefing)."""
    return _feed(config, articles, None, f"{entry.name} · {config.title}", entry.summary, entry_feed_path(entry),
                 entry_path(entry), f"urn:briefing:{slugify(config.title)}:entry:{entry.key}", ENTRY_LIMIT)


def _feed(config: Config, articles, names: dict[str, str] | None, title: str, subtitle: str, self_path: str,
          alternate: str, urn: str, limit: int = LIMIT, url_of=article_url) -> str:
    """``self_path``: the feed's path in docs/; ``alternate``: the path of the page it follows."""
    dated = [a for a in articles if a.article.date][:limit]
    site_url = config.site_url
    self_url = absolute_url(site_url, page_url(self_path))
    lines = [
        "<?xml version='1.0' encoding='utf-8'?>",
        f'<feed xmlns="{ATOM}">',
        _element("  ", "title", title),
        *([_element("  ", "subtitle", subtitle)] if subtitle else []),
        _element("  ", "id", self_url if site_url else urn),
        _empty("  ", "link", href=self_url, rel="self"),
        # Without a site_url the home page's URL is '' (the root): './' says so.
        _empty("  ", "link", href=absolute_url(site_url, page_url(alternate)) or "./", rel="alternate", type="text/html"),
        _element("  ", "updated", _stamp(dated[0].article.date) if dated else "1970-01-01T00:00:00Z"),
        "  <author>",
        _element("    ", "name", config.title),
        "  </author>",
        *(_entry(annotated, site_url, names, url_of) for annotated in dated),
        "</feed>",
    ]
    return "\n".join(lines) + "\n"
