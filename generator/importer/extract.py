"""What a fetched page or feed says: pure functions, bytes in, text and metadata out.

Nothing here touches the network or the disk; ``fetch.py`` brings the bytes, ``store.py`` writes.
Nothing here cleans either: the text is what the page's main content says, and the build's cleaning
(``ingest/clean.py``, with its trail) does the rest, as for pasted text.

The hard parts are the field's libraries, each the one the issue named, kept after measuring:

* **Main text: trafilatura** (comments and tables off: a news page's comments are readers', its
  tables mostly markets and sports scores). On the fixture pages of ``tests/importer/pages.py``
  (a news page, a div layout with no <article>, a two-paragraph story, in-body junk; 17 story
  paragraphs, 12 boilerplate strings each) trafilatura 2.3.1 kept 17/17 paragraphs and leaked one
  boilerplate line ("ADVERTISEMENT" inside the story's div, which cleaning then removes);
  readability-lxml 0.9 kept 17/17 with the same one leak but gives no metadata (no date, no site
  name, no canonical URL); jusText 3.0.2 kept 15/17 (it drops a two-paragraph story whole) and
  leaked 4 (sidebar teasers, the newsletter box). All three take about 2 ms a page.
  ``favor_precision`` changed nothing on them, so the default balance stays.
* **Publication date: htmldate** (meta tags, JSON-LD, <time>, date-classed elements, the URL),
  with ``extensive_search`` off: on the fixture page with no date anywhere, on it htmldate answered
  2017-01-01, read from "© 2017" in the footer — a guess passed off as a date. With it off the
  answer is None, and the article is written undated rather than wrongly dated.
* **Feeds: feedparser** (RSS 0.9x/1.0/2.0, Atom, their dates); **URLs: courlan** (canonical form,
  tracking parameters dropped).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import courlan
import feedparser
import htmldate
import lxml.html
import trafilatura
from charset_normalizer import from_bytes

from .. import lexicon

# The libraries log what they discard ("discarding data: URL"); the importer says why a source gave
# nothing in its own one line, so their warnings would only be a second, vaguer line.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

MIN_WORDS = 40  # fewer in the main text: not an article (a front page, a gallery, an error page)
PAYWALL_MAX_WORDS = 200  # a page that says it is paywalled, with less text than this, is a stub
_PAYWALL_CLASS_RE = re.compile(r"paywall|regwall|subscriber-only|premium-content|piano-", re.I)
_CHARSET_META_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_FEED_ROOT_RE = re.compile(r"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(rss|feed|rdf:RDF)\b", re.S | re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_XML_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
_LATIN_CODE_PAGES = {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "cp850", "cp437"}
# WHATWG: these labels mean windows-1252 on the web (the C1 range holds curly quotes, not controls).
_WEB_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


class ExtractError(Exception):
    """Why a page gives no article, said in a few words ("no main text (12 words)")."""


@dataclass(frozen=True)
class Page:
    """An article as the page gives it. ``date`` is YYYY-MM-DD or None when the page has none."""

    title: str
    paragraphs: tuple[str, ...]
    date: str | None
    source: str | None  # the outlet: og:site_name, else the host
    url: str | None  # canonical, normalised by courlan

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str
    date: str | None  # the feed's own publication date for the item, YYYY-MM-DD


@dataclass(frozen=True)
class Feed:
    title: str
    items: tuple[FeedItem, ...]


# --------------------------------------------------------------------------- what the bytes are


def content_kind(data: bytes, content_type: str | None) -> str:
    """``"feed"`` or ``"html"``; ExtractError when it is neither (an image, a PDF, JSON...)."""
    mime = (content_type or "").split(";")[0].strip().lower()
    head = data[:4096].decode("latin-1")
    if mime and mime not in _HTML_TYPES and mime not in _XML_TYPES and not mime.endswith("+xml"):
        raise ExtractError(f"not HTML (content type {mime})")
    if _FEED_ROOT_RE.match(head.lstrip("\ufeff\xef\xbb\xbf")):
        return "feed"
    if b"\0" in data[:1024] or not re.search(r"<[A-Za-z!]", head):
        raise ExtractError("not HTML" + (f" (content type {mime})" if mime else ""))
    return "html"


def decode(data: bytes, content_type: str | None = None) -> str:
    """The page's text: the charset the server declared, else a byte-order mark, else the page's
    own <meta charset>, else UTF-8, else what charset-normalizer finds likeliest."""
    declared = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    bom = next((name for mark, name in boms if data.startswith(mark)), None)
    meta = _CHARSET_META_RE.search(data[:4096])
    for label in (declared and declared[1], bom, meta and meta[1].decode("ascii", "replace")):
        codec = _codec(label)
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Undeclared and not UTF-8: charset-normalizer tells scripts apart (Cyrillic, Japanese...), but
    # not one Latin code page from another (it read "Genève" in windows-1252 as windows-1250
    # "Genčve"); among those, windows-1252 is what browsers assume for an undeclared page.
    best = from_bytes(data).best()
    if best is None or best.encoding in _LATIN_CODE_PAGES or best.encoding.startswith(("iso8859", "mac_")):
        return data.decode("cp1252", errors="replace")
    return str(best)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _WEB_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


# --------------------------------------------------------------------------- articles


def canonical_url(url: str | None, base: str | None = None) -> str | None:
    """The URL in canonical form (courlan: lowercased host, default port and fragment dropped,
    tracking parameters such as utm_* removed), or None when it is not an http(s) URL."""
    if not url:
        return None
    url = urljoin(base, url.strip()) if base else url.strip()
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    try:
        normalised = courlan.normalize_url(url, strict=True)
    except ValueError:
        return None
    return normalised if urlsplit(normalised).scheme in ("http", "https") else None


def extract_page(data: bytes, url: str | None = None, content_type: str | None = None) -> Page:
    """The article in a page: title, main text, date, outlet, canonical URL. ``url`` is where the
    page was fetched (or, for a saved file, where it says it was saved from). Raises ExtractError."""
    html = decode(data, content_type)
    tree = _parse(html)
    if tree is None:
        raise ExtractError("not HTML (nothing parseable)")
    link = tree.xpath("string(//link[translate(@rel, 'CANONICAL', 'canonical')='canonical'][1]/@href)") \
        or _meta(tree, "og:url")
    url = canonical_url(link, url) or canonical_url(url) or canonical_url(_saved_from(html))
    # Read what the whole page says before trafilatura prunes its copy of the tree.
    date, source, paywalled = publication_date(tree, url), _outlet(tree, url), _paywalled_page(tree)
    document = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, include_tables=False, favor_precision=True, with_metadata=True,
        # The date is htmldate's, asked separately below with the page's URL; here only title and text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (document.text if document is not None else "") or ""
    paragraphs = tuple(p.strip() for p in text.split("\n") if p.strip())
    words = sum(len(p.split()) for p in paragraphs)
    if (paywalled or _prompts(paragraphs)) and words < PAYWALL_MAX_WORDS:
        raise ExtractError(f"paywall stub ({words} words before a subscription prompt)")
    if words < MIN_WORDS:
        raise ExtractError(f"no main text ({words} words)" if words else "no main text")
    title = " ".join(((document.title if document is not None else None) or "").split())
    if not title:
        raise ExtractError("no headline (no og:title, <title> or <h1>)")
    return Page(title=title, paragraphs=paragraphs, date=date, source=source, url=url)


def publication_date(tree, url: str | None) -> str | None:
    """YYYY-MM-DD from the page's metadata, JSON-LD, <time> elements or URL; None if none says."""
    try:
        found = htmldate.find_date(tree, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found).isoformat()
    except ValueError:
        return None


def _parse(html: str):
    try:
        # lxml refuses str with an encoding declaration: give it the already-decoded text as bytes.
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError):
        return None


def _meta(tree, name: str) -> str:
    for attribute in ("property", "name"):
        value = tree.xpath(f"string(//meta[@{attribute}='{name}'][1]/@content)")
        if value.strip():
            return value.strip()
    return ""


def _saved_from(html: str) -> str | None:
    """Browsers mark a saved page with ``<!-- saved from url=(0042)https://... -->``."""
    found = re.search(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", html[:4096], re.I)
    return found[1] if found else None


def _outlet(tree, url: str | None) -> str | None:
    name = " ".join(_meta(tree, "og:site_name").split())
    if name:
        return name
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _paywalled_page(tree) -> bool:
    """The page says its text is for subscribers: in JSON-LD, or with an element named for it."""
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and str(item.get("isAccessibleForFree", "")).lower() in ("false", "0"):
                return True
    named = tree.xpath("//*[@class or @id]")
    return any(_PAYWALL_CLASS_RE.search(f"{e.get('class', '')} {e.get('id', '')}") for e in named)


def _prompts(paragraphs: tuple[str, ...]) -> bool:
    """The main text itself asks the reader to subscribe."""
    text = " ".join(paragraphs).lower()
    return any(phrase in text for phrase in lexicon.words("paywall_prompts"))


# --------------------------------------------------------------------------- feeds


def extract_feed(data: bytes, url: str | None = None) -> Feed:
    """The items of an RSS or Atom feed, links made absolute. Raises ExtractError."""
    parsed = feedparser.parse(data, response_headers={"content-location": url} if url else None)
    if parsed.get("bozo") and not parsed.entries:
        raise ExtractError(f"not a feed ({type(parsed.get('bozo_exception')).__name__})")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        link = urljoin(url, link) if url else link
        date = None
        for key in ("published_parsed", "updated_parsed"):
            stamp = entry.get(key)
            if stamp:
                date = dt.date(*stamp[:3]).isoformat()
                break
        items.append(FeedItem(link=link, title=" ".join((entry.get("title") or "").split()), date=date))
    return Feed(title=" ".join((parsed.feed.get("title") or "").split()), items=tuple(items))
