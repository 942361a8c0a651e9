"""extract.py on news-shaped pages: the story kept, the boilerplate not; dates only from the page."""

from __future__ import annotations

import pytest

from generator.importer.extract import ExtractError, canonical_url, content_kind, decode, extract_feed, extract_page
from tests.importer import pages as P

URL = "http://127.0.0.1:8000/world/story"


def _text(page) -> str:
    return "\n".join(page.paragraphs)


def _assert_story_only(page, story=P.STORY):
    text = _text(page)
    for paragraph in story:
        assert paragraph in text
    for junk in P.BOILERPLATE:
        assert junk not in text, junk
    assert "By Jane Roe" not in text and P.PHOTO_CREDIT not in text  # byline and photo credit are not the story


def test_a_news_page_gives_its_story_and_metadata():
    page = extract_page(P.article_page(head=P.meta_date("2017-09-15")).encode(), URL)
    _assert_story_only(page)
    assert (page.title, page.date, page.source, page.url) == (P.HEADLINE, "2017-09-15", "Daily Courier", URL)


def test_a_date_only_in_json_ld():
    page = extract_page(P.article_page(head=P.json_ld("2017-09-14")).encode(), URL)
    assert page.date == "2017-09-14"
    _assert_story_only(page)


def test_a_date_only_in_the_url():
    page = extract_page(P.article_page().encode(), "http://127.0.0.1:8000/world/2017/09/13/missile-over-japan.html")
    assert page.date == "2017-09-13"


def test_a_date_only_in_the_byline_time_element():
    page = extract_page(P.article_page(dateline_html='<time datetime="2017-09-12T07:00">Sept. 12, 2017</time>').encode(), URL)
    assert page.date == "2017-09-12"


def test_no_date_in_the_page_is_no_date():
    # The footer says "© 2017" and the text "Sept. 15": neither is a publication date, and the
    # download date is never one.
    page = extract_page(P.article_page().encode(), URL)
    assert page.date is None


def test_the_outlet_is_og_site_name_else_the_host():
    assert extract_page(P.article_page(site_name="i24NEWS").encode(), URL).source == "i24NEWS"
    page = extract_page(P.article_page(site_name=None, head=P.canonical("https://www.courier.example/a")).encode(), URL)
    assert page.source == "courier.example"


def test_the_canonical_url_via_courlan():
    head = P.canonical("https://WWW.Courier.example:443/world/nk-missile?utm_source=rss&utm_medium=feed&id=7#comments")
    page = extract_page(P.article_page(head=head).encode(), URL)
    assert page.url == "https://www.courier.example/world/nk-missile?id=7"
    relative = extract_page(P.article_page(head=P.canonical("/world/nk")).encode(), URL)
    assert relative.url == "http://127.0.0.1:8000/world/nk"
    assert canonical_url("javascript:alert(1)") is None and canonical_url("ftp://x.org/a") is None


def test_a_saved_page_says_where_it_was_saved_from():
    html = "<!-- saved from url=(0042)https://courier.example/world/2017/09/11/a -->\n" + P.article_page()
    page = extract_page(html.encode())
    assert page.url == "https://courier.example/world/2017/09/11/a" and page.date == "2017-09-11"


RUSSIAN = ("Северная Корея в пятницу запустила баллистическую ракету над Японией, это второй такой пуск менее "
           "чем за месяц, несмотря на новые санкции Совета Безопасности ООН. Ракета пролетела около 3700 километров.")


@pytest.mark.parametrize("encoding, where", [("windows-1251", "meta"), ("koi8-r", "header"), ("utf-16", "bom")])
def test_a_page_in_another_encoding(encoding, where):
    story = (RUSSIAN, RUSSIAN.replace("пятницу", "субботу"))
    html = P.article_page(story=story, charset=encoding if where == "meta" else None)
    data = html.encode(encoding)
    page = extract_page(data, URL, f"text/html; charset={encoding}" if where == "header" else None)
    assert _text(page) == "\n".join(story)


def test_latin_1_means_windows_1252_as_browsers_read_it():
    story = ("“Café diplomacy” in Genève — Kim’s envoy met his counterpart for talks that lasted well into the "
             "night, officials said, and both sides described them as useful and frank. " * 2,)
    data = P.article_page(story=story, charset=None).encode("cp1252")
    assert _text(extract_page(data, URL, "text/html; charset=ISO-8859-1")) == story[0].strip()
    assert decode("é".encode("utf-8"), "text/html; charset=no-such-charset") == "é"  # unknown label: the next clue


def test_an_undeclared_encoding_is_guessed_by_script():
    latin = "“Café diplomacy” in Genève — Kim’s envoy met his counterpart. " * 5
    assert decode(latin.encode("cp1252")) == latin  # not windows-1250's "Genčve"
    assert decode(RUSSIAN.encode("cp1251")) == RUSSIAN


def test_a_paywall_stub():
    with pytest.raises(ExtractError, match=r"^paywall stub \(\d+ words before a subscription prompt\)$"):
        extract_page(P.paywall_page().encode(), URL)


def test_a_page_with_no_story():
    with pytest.raises(ExtractError, match=r"^no main text"):
        extract_page(P.navigation_only_page().encode(), URL)


@pytest.mark.parametrize("data, content_type, reason", [
    (b"\x89PNG\r\n\x1a\n\0\0", "image/png", "not HTML (content type image/png)"),
    (b"%PDF-1.7\n", "application/pdf", "not HTML (content type application/pdf)"),
    (b'{"a": 1}', "application/json", "not HTML (content type application/json)"),
    (b"%PDF-1.7\n\0binary", None, "not HTML"),
    (b"just some words", None, "not HTML"),
])
def test_not_html(data, content_type, reason):
    with pytest.raises(ExtractError) as raised:
        content_kind(data, content_type)
    assert str(raised.value) == reason


def test_feeds_are_told_from_pages_by_their_root_element():
    assert content_kind(P.rss([]).encode(), "text/xml") == "feed"
    assert content_kind(P.atom([]).encode(), None) == "feed"
    assert content_kind(P.article_page().encode(), "text/html") == "html"


def test_rss_and_atom_items():
    rss = P.rss([{"title": "Missile  over Japan", "link": "/2017/09/15/a", "pubDate": "Fri, 15 Sep 2017 08:00:00 GMT"},
                 {"title": "Undated", "link": "http://127.0.0.1:9/b"}])
    feed = extract_feed(rss.encode(), "http://127.0.0.1:9/feed.xml")
    assert feed.title == "Daily Courier: World"
    assert [(i.link, i.title, i.date) for i in feed.items] == [
        ("http://127.0.0.1:9/2017/09/15/a", "Missile over Japan", "2017-09-15"), ("http://127.0.0.1:9/b", "Undated", None)]
    atom = extract_feed(P.atom([{"title": "B", "link": "http://127.0.0.1:9/c", "updated": "2017-09-16T01:00:00Z"}]).encode())
    assert [(i.link, i.date) for i in atom.items] == [("http://127.0.0.1:9/c", "2017-09-16")]
    with pytest.raises(ExtractError, match=r"^not a feed"):
        extract_feed(b"\x00\x01 not a feed at all")
