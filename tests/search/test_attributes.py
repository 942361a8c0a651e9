"""What the renderer tells the search index about a page (generator/search/attributes.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.render.routes import PageKind
from generator.search.attributes import ARTICLES, MARKS, UNDATED, indexed_names, page_attributes


def spans(html: str) -> list[tuple[str, str, str]]:
    return re.findall(r'<span data-pagefind-(\w+)="(\w+)">([^<]*)</span>', html)


def test_an_article_has_its_kind_date_year_and_sort_key():
    html = page_attributes(PageKind.ARTICLE, "Talks <b>only</b> way, Kremlin says", date=dt.date(2017, 9, 15),
                           date_text="15 September 2017")
    assert html.startswith('<div class="briefing-search-meta" hidden data-pagefind-ignore>')
    assert spans(html) == [("meta", "title", "Talks &lt;b&gt;only&lt;/b&gt; way, Kremlin says"), ("meta", "kind", "article"),
                           ("filter", "type", ARTICLES), ("meta", "date", "15 September 2017"),
                           ("filter", "year", "2017"), ("sort", "date", "2017-09-15")]
    assert "\n" not in html  # one raw-HTML line: Markdown leaves it alone


def test_an_undated_article_sorts_last_and_has_no_year():
    found = spans(page_attributes(PageKind.ARTICLE, "Undated"))
    assert ("sort", "date", UNDATED) in found and not [s for s in found if s[1] == "year"]


def test_an_entry_has_its_category_as_meta_and_filter():
    found = spans(page_attributes(PageKind.ENTRY, "North Korea", category="States, etc."))
    assert found == [("meta", "title", "North Korea"), ("meta", "kind", "entry"),
                     ("meta", "category", "States, etc."), ("filter", "type", "States, etc.")]


def test_an_entry_lists_every_name_it_answers_to_once_for_the_search_to_compare():
    found = spans(page_attributes(PageKind.ENTRY, "Kim Jong-un", category="People",
                                  names=("Kim Jong-un", "Kim Jong Un", "Kim  <Jong>\nUn", "Kim Jong Un", "Pyongyang")))
    assert ("meta", "names", "Kim Jong-un · Kim Jong Un · Kim &lt;Jong&gt; Un · Pyongyang") in found
    assert not [s for s in spans(page_attributes(PageKind.ENTRY, "X", category="People")) if s[1] == "names"]


def test_names_an_entry_answers_to_are_indexed_and_weighted():
    html = indexed_names(["Pyongyang", "the <Kremlin>"])
    assert html == ('<p class="briefing-search-names" hidden data-pagefind-body data-pagefind-weight="8">'
                    "Pyongyang · the &lt;Kremlin&gt;</p>")
    assert indexed_names([]) == ""
    assert MARKS["name"] == 'data-pagefind-body data-pagefind-weight="10"'


@pytest.mark.parametrize("kind", [k for k in PageKind if k not in (PageKind.ARTICLE, PageKind.ENTRY)])
def test_only_articles_and_entries_carry_attributes(kind):
    # The kind comes from routes, like the page's path; the other pages are not indexed.
    with pytest.raises(ValueError, match=f"no {kind.value} pages"):
        page_attributes(kind, "Timeline")
