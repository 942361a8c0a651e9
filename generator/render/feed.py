"""An Atom feed of the latest dated articles, newest first (Atom needs a date on every entry)."""

from __future__ import annotations

import datetime as dt

from ..model import AnnotatedArticle, BlockKind, Config
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


_written: dict[tuple[int, str], tuple[AnnotatedArticle, str]] = {}


def _entry(annotated: AnnotatedArticle, base: str, url: str, names) -> str:
    """One article's <entry>, keyed by identity (hashing a whole article is slow) and only while
    that very article object is alive."""
    key = (id(annotated), base)
    written = _written.get(key)
    if written is not None and written[0] is annotated:
        return written[1]
    if len(_written) > 8192:
        _written.clear()
    article = annotated.article
    first = next((b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH), article.blocks[0].text)
    lines = [
        "  <entry>",
        _element("    ", "title", article.title),
        _empty("    ", "link", href=base + url, rel="alternate", type="text/html"),
        _element("    ", "id", base + url if base else f"urn:briefing:article:{article.slug}"),
        _element("    ", "updated", _stamp(article.date)),
        _element("    ", "summary", first),
        *(_empty("    ", "category", term=names[k]) for k in annotated.entries()),
        "  </entry>",
    ]
    text = "\n".join(lines)
    _written[key] = (annotated, text)
    return text


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def render_feed(config: Config, articles: tuple[AnnotatedArticle, ...], names: dict[str, str], url_of) -> str:
    """``url_of(annotated)`` gives an article's URL relative to the site root (where the feed is)."""
    return _feed(config, articles, names, url_of, config.title, config.description, "feed.xml", "",
                 f"urn:briefing:{slugify(config.title)}")


def render_entry_feed(config: Config, articles, names: dict[str, str], url_of, name: str, summary: str,
                      feed_path: str, page_url: str, key: str) -> str:
    """One entry's feed ("follow Kim Jong-un"): the dated articles that mention it, newest first.
    Links are relative to the site root, absolute when the site has an address."""
    return _feed(config, articles, names, url_of, f"{name} · {config.title}", summary, feed_path, page_url,
                 f"urn:briefing:{slugify(config.title)}:entry:{key}", ENTRY_LIMIT)


def _feed(config: Config, articles, names: dict[str, str], url_of, title: str, subtitle: str, self_path: str,
          page_url: str, urn: str, limit: int = LIMIT) -> str:
    dated = [a for a in articles if a.article.date][:limit]
    base = config.site_url.rstrip("/") + "/" if config.site_url else ""
    lines = [
        "<?xml version='1.0' encoding='utf-8'?>",
        f'<feed xmlns="{ATOM}">',
        _element("  ", "title", title),
        *([_element("  ", "subtitle", subtitle)] if subtitle else []),
        _element("  ", "id", base + self_path if base else urn),
        _empty("  ", "link", href=base + self_path if base else self_path, rel="self"),
        _empty("  ", "link", href=base + page_url if base else (page_url or "./"), rel="alternate", type="text/html"),
        _element("  ", "updated", _stamp(dated[0].article.date) if dated else "1970-01-01T00:00:00Z"),
        "  <author>",
        _element("    ", "name", config.title),
        "  </author>",
        *(_entry(annotated, base, url_of(annotated), names) for annotated in dated),
        "</feed>",
    ]
    return "\n".join(lines) + "\n"
