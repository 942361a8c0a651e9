"""An Atom feed of the latest dated articles, newest first (Atom needs a date on every entry)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ..model import AnnotatedArticle, BlockKind, Config
from .slugs import slugify

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50
ENTRY_LIMIT = 20  # an entry's feed: the latest articles that mention it (thousands of feeds at scale)


_built: dict[tuple[int, str], tuple[AnnotatedArticle, ET.Element]] = {}


def _entry(annotated: AnnotatedArticle, base: str, url: str, names: dict[str, str]) -> ET.Element:
    """One article's <entry>, built once however many feeds (the site's, each entry's) carry it:
    ElementTree keeps no parent links, so one element may sit in several feeds. Keyed by identity
    (hashing a whole article is slow), and only while that very article object is alive."""
    key = (id(annotated), base)
    built = _built.get(key)
    if built is not None and built[0] is annotated:
        return built[1]
    if len(_built) > 4096:
        _built.clear()
    element = _article_entry(annotated, base, url, [names[k] for k in annotated.entries()])
    _built[key] = (annotated, element)
    return element


def _article_entry(annotated: AnnotatedArticle, base: str, url: str, names: list[str]) -> ET.Element:
    article = annotated.article
    entry = ET.Element(f"{{{ATOM}}}entry")
    ET.SubElement(entry, f"{{{ATOM}}}title").text = article.title
    ET.SubElement(entry, f"{{{ATOM}}}link", href=base + url, rel="alternate", type="text/html")
    ET.SubElement(entry, f"{{{ATOM}}}id").text = base + url if base else f"urn:briefing:article:{article.slug}"
    ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(article.date)
    first = next((b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH), article.blocks[0].text)
    ET.SubElement(entry, f"{{{ATOM}}}summary").text = first
    for name in names:
        ET.SubElement(entry, f"{{{ATOM}}}category", term=name)
    return entry


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
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    base = config.site_url.rstrip("/") + "/" if config.site_url else ""
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    if subtitle:
        ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = subtitle
    ET.SubElement(feed, f"{{{ATOM}}}id").text = base + self_path if base else urn
    ET.SubElement(feed, f"{{{ATOM}}}link", href=base + self_path if base else self_path, rel="self")
    ET.SubElement(feed, f"{{{ATOM}}}link", href=base + page_url if base else (page_url or "./"), rel="alternate", type="text/html")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(dated[0].article.date) if dated else "1970-01-01T00:00:00Z"
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = config.title
    for annotated in dated:
        feed.append(_entry(annotated, base, url_of(annotated), names))
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
