"""Where every generated file lands in docs/, what kind of page it is, its URL, and the links
between pages: the one owner of the site's shape (as Pelican's ``*_SAVE_AS`` settings are).

=================  ==================================================  ================================
kind               path in docs/                                       made by
=================  ==================================================  ================================
home               ``index.md``                                        ``HOME``
timeline           ``timeline.md`` (every article, or the years)       ``TIMELINE``
timeline part      ``timeline/2017.md``, ``timeline/2017-2.md``        ``timeline_part_path``
site feed          ``feed.xml``                                        ``SITE_FEED``
glossary index     ``glossary/index.md``                               ``GLOSSARY_INDEX``
category index     ``glossary/people/index.md``                        ``category_index_path``
summaries          ``glossary/summaries.json`` (hover text, by key)     ``SUMMARIES``
article            ``articles/2017-09-15-slug.md``                     ``article_path``
entry              ``glossary/people/kim-jong-un.md``                  ``entry_path``
entry mentions     ``glossary/people/kim-jong-un/mentions-2.md``       ``mentions_path``
entry feed         ``glossary/people/kim-jong-un/feed.xml``            ``entry_feed_path``
schema             ``schemas/people.schema.json``                      ``schema_path``
=================  ==================================================  ================================

An entry's key (``people/kim-jong-un``) is its profile's path under ``glossary/``, without ``.md``:
the reader's browser tells which entry a link names from the link's target (docs/assets/briefing.js:
hover text from ``glossary/summaries.json``, the highlight control), so no page writes the key
beside the tens of links it has to entries.

Slugs never collide with these names: ``index`` is reserved (``slugs._RESERVED``), and an entry's
own files live in a folder named after it. MkDocs builds every page as a folder
(``use_directory_urls``): ``a/b.md`` is served at ``a/b/``, ``a/index.md`` at ``a/``. Markdown links
point at the ``.md`` files (MkDocs rewrites and checks them); raw HTML, which MkDocs leaves alone,
needs the URL (``html_href``).

Links are made for every mention of every entry on every page (hundreds of thousands in a big
briefing), so the link helpers remember what depends on folders only: a Markdown link is looked up
in its page folder's memo, a raw-HTML one is the way between two folders (remembered per pair)
plus the target's name.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from ..model import AnnotatedArticle, Entry


class PageKind(Enum):
    """Every kind of file the renderer writes (an article's and an entry's are the search index's ``kind``)."""

    HOME = "home"
    TIMELINE = "timeline"
    TIMELINE_PART = "timeline part"  # one year, or part of a long one, of a timeline too long for one page
    SITE_FEED = "site feed"
    GLOSSARY_INDEX = "glossary index"
    CATEGORY_INDEX = "category index"
    ARTICLE = "article"
    ENTRY = "entry"
    ENTRY_MENTIONS = "entry mentions"  # page 2, 3, ... of an entry's "Mentioned in"
    ENTRY_FEED = "entry feed"
    SCHEMA = "schema"  # a glossary file's JSON schema, for editors' completion
    SUMMARIES = "summaries"  # every entry's name and summary, for the hover text of links to it


HOME = "index.md"
TIMELINE = "timeline.md"
SITE_FEED = "feed.xml"
GLOSSARY_INDEX = "glossary/index.md"
SUMMARIES = "glossary/summaries.json"
UNDATED_PART = "undated"  # the timeline part of the articles without a date


def timeline_part_path(year: int | None, number: int = 1) -> str:
    """Page ``number`` (from 1) of one year of a long timeline; ``None``: the undated articles."""
    label = UNDATED_PART if year is None else str(year)
    return f"timeline/{label}.md" if number == 1 else f"timeline/{label}-{number}.md"


def category_index_path(category_key: str) -> str:
    return f"glossary/{category_key}/index.md"


def article_path(annotated: AnnotatedArticle) -> str:
    return f"articles/{annotated.article.slug}.md"


def entry_path(entry: Entry) -> str:
    return f"glossary/{entry.key}.md"  # the key is the path: see the module's docstring


def mentions_path(entry: Entry, number: int) -> str:
    """Page ``number`` (from 1) of an entry's mentions: the entry's own page, then pages beside it."""
    return entry_path(entry) if number == 1 else f"glossary/{entry.category}/{entry.slug}/mentions-{number}.md"


def entry_feed_path(entry: Entry) -> str:
    """The entry's own Atom feed, beside its mentions pages."""
    return f"glossary/{entry.category}/{entry.slug}/feed.xml"


def schema_path(category_key: str) -> str:
    return f"schemas/{category_key}.schema.json"


# The shape of each kind's paths, most particular first (a category index before an entry).
_SHAPES = (
    (PageKind.HOME, r"index\.md"),
    (PageKind.TIMELINE, r"timeline\.md"),
    (PageKind.TIMELINE_PART, r"timeline/(?:\d+|" + UNDATED_PART + r")(?:-\d+)?\.md"),
    (PageKind.SITE_FEED, r"feed\.xml"),
    (PageKind.GLOSSARY_INDEX, r"glossary/index\.md"),
    (PageKind.SUMMARIES, r"glossary/summaries\.json"),
    (PageKind.CATEGORY_INDEX, r"glossary/[^/]+/index\.md"),
    (PageKind.ARTICLE, r"articles/[^/]+\.md"),
    (PageKind.ENTRY, r"glossary/[^/]+/[^/]+\.md"),
    (PageKind.ENTRY_MENTIONS, r"glossary/[^/]+/[^/]+/mentions-\d+\.md"),
    (PageKind.ENTRY_FEED, r"glossary/[^/]+/[^/]+/feed\.xml"),
    (PageKind.SCHEMA, r"schemas/[^/]+\.schema\.json"),
)
_KIND_RE = re.compile("|".join(f"(?P<{kind.name}>{shape})" for kind, shape in _SHAPES))


def kind_of(path: str) -> PageKind | None:
    """The kind of a path in docs/, None for a file the renderer does not write (docs/assets/...)."""
    found = _KIND_RE.fullmatch(path)
    return PageKind[found.lastgroup] if found else None


def page_url(path: str) -> str:
    """Where MkDocs serves a file of docs/, relative to the site's root: a page ``a/b.md`` at
    ``a/b/``, ``a/index.md`` at ``a/``, ``index.md`` at ``''``; any other file at its path."""
    if not path.endswith(".md"):
        return path
    folder, _, name = path.rpartition("/")
    if name == "index.md":
        return folder + "/" if folder else ""
    return path[:-3] + "/"


def article_url(annotated: AnnotatedArticle) -> str:
    return page_url(article_path(annotated))


def absolute_url(site_url: str, url: str) -> str:
    """A URL from the site's root as the published address (``site_url`` may have a path: a
    project site, ``https://owner.github.io/repo/``); without a ``site_url``, the URL itself."""
    return site_url.rstrip("/") + "/" + url if site_url else url


def relative(here: str, target: str) -> str:
    """The Markdown link from page ``here`` to file ``target`` (both in docs/, no '..' in them)."""
    links = _LINKS_FROM.get(here)
    if links is None:
        links = _links_from(here)
    link = links.get(target)
    if link is None:
        folder, _, name = target.rpartition("/")
        link = links[target] = _between(here.rpartition("/")[0], folder) + name
    return link


# A link depends only on the folder it is written from, and there are few: the pages of one folder
# share one {target: link} memo, found by the page's own path (no folder to work out per link).
_LINKS_FROM: dict[str, dict[str, str]] = {}  # page -> its folder's memo
_FOLDER_LINKS: dict[str, dict[str, str]] = {}  # folder -> memo
_PAGES_REMEMBERED = 1 << 17  # beyond this many pages (a long `mkdocs serve`), start again


def _links_from(here: str) -> dict[str, str]:
    if len(_LINKS_FROM) >= _PAGES_REMEMBERED:
        _LINKS_FROM.clear()
        _FOLDER_LINKS.clear()
    links = _LINKS_FROM[here] = _FOLDER_LINKS.setdefault(here.rpartition("/")[0], {})
    return links


def html_href(here: str, target: str) -> str:
    """A link for raw HTML (which MkDocs does not rewrite) from page ``here`` to file ``target``:
    from one URL folder to the other (to a file that is not a page, such as a feed: to the file)."""
    origin = _URL_FOLDERS.get(here)
    if origin is None:
        origin = _url_folder(here)
    folder, _, name = target.rpartition("/")
    if name[-3:] != ".md":
        return _between(origin, folder) + name
    if name == "index.md":
        return _between(origin, folder) or "./"
    stem = name[:-3]
    served = folder + "/" + stem if folder else stem
    if origin.startswith(served) and (len(origin) == len(served) or origin[len(served)] == "/"):
        # The page is in the target's own URL folder (an entry's mentions page): climb into it.
        return _between(origin, served) or "./"
    return _between(origin, folder) + stem + "/"


_URL_FOLDERS: dict[str, str] = {}  # page -> its URL folder, without the final "/" ("" for the home page)


def _url_folder(here: str) -> str:
    if len(_URL_FOLDERS) >= _PAGES_REMEMBERED:
        _URL_FOLDERS.clear()
    folder = _URL_FOLDERS[here] = page_url(here)[:-1]
    return folder


@lru_cache(maxsize=65536)  # pairs of folders: a page's folder (or URL folder) and its targets'
def _between(origin: str, folder: str) -> str:
    """The way from folder ``origin`` to folder ``folder`` ('' is docs/ itself): '', '../',
    '../people/' (always ending in '/' when not empty)."""
    # posixpath.relpath would do, but it resolves both paths against the working directory.
    start = origin.split("/") if origin else []
    parts = folder.split("/") if folder else []
    common = 0
    while common < len(start) and common < len(parts) and start[common] == parts[common]:
        common += 1
    return "../" * (len(start) - common) + "".join(part + "/" for part in parts[common:])
