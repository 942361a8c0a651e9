"""The seed format: one reader, one writer; what ``write`` produces ``read`` gives back exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from generator.formats import seedfile
from generator.ingest.articles import parse_article


def _round_trip(meta, paragraphs):
    text = seedfile.write(meta, paragraphs)
    values, skip, problems = seedfile.read(text, "a.txt")
    return text, values, [line for _, line in seedfile.body(text, skip)], problems


@pytest.mark.parametrize("title", [
    "Russia, France say talks are only way to solve North Korea crisis",
    "Trump: talks 'only way'", "Yes", "null", "No", "2017", "- a list?", "[bracketed]", "#hashtag",
    "ends with colon:", "Kim's \"fire and fury\"", "Séoul répond", "a # not a comment", "tab\there",
    " leading space", "trailing space ", "line\u2028separator", "bell\x07", "{braces}", "*star", "&amp", "!bang",
    "%percent", "@at", "`tick`", "'quoted'", "?", "é", "…",
])
def test_titles_come_back_exactly(title):
    text, values, _, problems = _round_trip({"title": title, "date": "2017-09-15"}, ["Body."])
    assert problems == [] and values == {"title": title, "date": "2017-09-15"}, text


@pytest.mark.parametrize("url", [
    "https://www.i24news.tv/en/news/international/156093-170915-russia",
    "http://127.0.0.1:8123/2017/09/15/story.html?id=3&x=y",
    "https://example.org/a#fragment", "https://example.org/a b", "https://example.org/path:",
])
def test_urls_come_back_exactly(url):
    text, values, _, problems = _round_trip({"url": url}, ["Body."])
    assert problems == [] and values == {"url": url}, text


def test_layout_keys_in_order_paragraphs_one_a_line():
    text = seedfile.write({"url": "https://x.org/a", "title": "T", "source": "Outlet", "date": "2017-09-15"},
                          ["First\nparagraph.", "", "Second one."])
    assert text == ("---\ntitle: T\ndate: 2017-09-15\nsource: Outlet\nurl: https://x.org/a\n---\n"
                    "First paragraph.\n\nSecond one.\n")


def test_missing_values_are_left_out_and_unknown_keys_refused():
    assert seedfile.write({"title": "T", "date": None}, ["x."]).startswith("---\ntitle: T\n---\n")
    assert seedfile.write({}, ["Headline", "Text."]) == "Headline\n\nText.\n"
    with pytest.raises(ValueError, match="not front-matter keys: author"):
        seedfile.write({"author": "A"}, ["x."])


def test_a_body_that_opens_like_front_matter_is_not_read_as_it():
    text = seedfile.write({}, ["---", "Text."])
    values, skip, problems = seedfile.read(text, "a.txt")
    assert (values, problems) == ({}, []) and [line for _, line in seedfile.body(text, skip)][:1] == ["---"]


def test_the_article_reader_reads_what_the_writer_wrote():
    text = seedfile.write({"title": "Talks: the only way", "date": "2017-09-15", "source": "i24NEWS",
                           "url": "https://example.org/x"}, ["Russia and France said talks are the only way."])
    article, problems, _ = parse_article(text, "seeds/articles/x.txt")
    assert problems == []
    assert (article.title, str(article.date), article.source, article.url) == (
        "Talks: the only way", "2017-09-15", "i24NEWS", "https://example.org/x")
    assert [b.text for b in article.blocks[1:]] == ["Russia and France said talks are the only way."]


# Any text an outlet may put in a headline, outlet name or body: no line breaks in front-matter
# values (a title is one line) — those are the writer's caller's business.
_VALUE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(title=_VALUE, source=_VALUE, paragraphs=st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=80), max_size=5))
def test_any_values_round_trip(title, source, paragraphs):
    text, values, body, problems = _round_trip({"title": title, "source": source}, paragraphs)
    assert problems == []
    assert values == {"title": title, "source": source}
    written = [line for line in body if line]
    assert len(written) <= len(paragraphs)
    assert text.endswith("\n")
