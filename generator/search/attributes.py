"""What the search index knows about a page, written into the page by the renderer.

Pagefind reads ``data-pagefind-*`` attributes from the built HTML. Only the elements marked
``data-pagefind-body`` are indexed (an article's headline and text; an entry's name, summary,
description and facts): navigation, the "In this article" box, the relationship maps, listings
and pagers stay out, and pages with no such element (home, timeline, indexes) are not indexed.

Everything else about a page travels in one hidden block (``data-pagefind-ignore``: its text is
not indexed, its metadata, filters and sort keys are) rendered by ``page_attributes``:

=========  ==========================  =====================================================
name       what                        values
=========  ==========================  =====================================================
meta       ``title``                   the page's title (not its <h1>, which carries a "¶")
meta       ``kind``                    the page's kind (``routes.PageKind``): ``article`` or ``entry``
meta       ``date``                    an article's date as the byline writes it
meta       ``category``                an entry's category title (``People``)
meta       ``names``                   an entry's name, aliases, short names and places (`` · ``)
filter     ``type``                    ``Articles``, or the entry's category title
filter     ``year``                    an article's year
sort       ``date``                    an article's ISO date (``0000-00-00`` when undated)
=========  ==========================  =====================================================

``docs/assets/search.js`` uses exactly these names (``FILTER_TYPE`` and friends below). It weighs a
match in ``names`` as Pagefind weighs one in ``title`` (a query that is all of a page's metadata
field adds that field's weight times the words' rarity): a query that is one of an entry's names
finds the entry first, even in a briefing where hundreds of articles carry the name in their
headline and text (at 10,000 articles the entry had come first by 1%, and not at all for an alias).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from ..render.routes import PageKind

ARTICLES = "Articles"  # the ``type`` filter's value for articles (categories use their titles)
FILTER_TYPE, FILTER_YEAR, SORT_DATE, NAMES = "type", "year", "date", "names"
UNDATED = "0000-00-00"  # sorts last when sorting newest first

# The weights (Pagefind: 1 for text, 7 for an <h1>) that make a name find its own page first.
NAME_WEIGHT = 10  # an entry's name, its heading
ALIAS_WEIGHT = 8  # its aliases, short names and places
# An entry's other text (summary, description, facts) counts half: a topic word ("sanctions") in a
# glossary entry's background must not outrank the articles about it.
ENTRY_TEXT_WEIGHT = 0.5


INDEXED = (PageKind.ARTICLE, PageKind.ENTRY)  # the kinds of page the index holds; the others carry no attributes


@dataclass(frozen=True)
class PageAttributes:
    """What one page tells the index besides its text."""

    kind: PageKind  # one of INDEXED
    title: str  # plain text
    date: dt.date | None = None  # articles
    date_text: str = ""  # articles: the date as the page writes it
    category: str = ""  # entries: the category's title
    names: tuple[str, ...] = ()  # entries: every name it answers to, its own first

    def __post_init__(self):
        if self.kind not in INDEXED:
            raise ValueError(f"the search index holds no {self.kind.value} pages")

    def html(self) -> str:
        """The hidden block (one raw-HTML line, so Markdown leaves it alone)."""
        parts = [_meta("title", self.title), _meta("kind", self.kind.value)]
        if self.kind is PageKind.ARTICLE:
            parts.append(_filter(FILTER_TYPE, ARTICLES))
            if self.date_text:
                parts.append(_meta("date", self.date_text))
            if self.date:
                parts.append(_filter(FILTER_YEAR, str(self.date.year)))
            parts.append(_span("sort", SORT_DATE, self.date.isoformat() if self.date else UNDATED))
        else:
            parts.append(_meta("category", self.category))
            if self.names:
                parts.append(_meta(NAMES, " · ".join(dict.fromkeys(" ".join(n.split()) for n in self.names))))
            parts.append(_filter(FILTER_TYPE, self.category))
        return '<div class="briefing-search-meta" hidden data-pagefind-ignore>' + "".join(parts) + "</div>"


def page_attributes(kind: PageKind, title: str, *, date: dt.date | None = None, date_text: str = "",
                    category: str = "", names=()) -> str:
    return PageAttributes(kind, title, date, date_text, category, tuple(names)).html()


def _span(what: str, name: str, value: str) -> str:
    # The value is the element's text, so a title or category with a comma or a colon is kept whole.
    return f'<span data-pagefind-{what}="{name}">{html.escape(" ".join(value.split()), quote=False)}</span>'


def _meta(name: str, value: str) -> str:
    return _span("meta", name, value)


def _filter(name: str, value: str) -> str:
    return _span("filter", name, value)


# attr_list attributes for the elements the renderer marks (``{: ... }`` in the templates).
BODY = "data-pagefind-body"  # indexed text
MARKS = {
    "body": BODY,
    "ignore": 'data-pagefind-ignore="index"',  # inside an indexed element, not indexed
    "name": f'{BODY} data-pagefind-weight="{NAME_WEIGHT}"',  # an entry's heading
    "aliases": f'data-pagefind-weight="{ALIAS_WEIGHT}"',  # inside an indexed element
    "entry_text": f'{BODY} data-pagefind-weight="{ENTRY_TEXT_WEIGHT}"',  # an entry's summary, facts
}


def indexed_names(names) -> str:
    """Names a page answers to that it does not show (an entry's places): indexed, not displayed."""
    text = " · ".join(html.escape(" ".join(n.split()), quote=False) for n in names)
    return f'<p class="briefing-search-names" hidden {BODY} data-pagefind-weight="{ALIAS_WEIGHT}">{text}</p>' if text else ""
