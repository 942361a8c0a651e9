"""generator/compact.py: the theme's indentation goes, nothing a reader sees or search reads changes."""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, strategies as st

from generator.compact import compact_html


@pytest.mark.parametrize("page, expected", [
    ("<div>\n    <p>a</p>\n  </div>", "<div>\n<p>a</p>\n</div>"),
    ("<ul>\n\n\n  <li>x</li></ul>", "<ul>\n<li>x</li></ul>"),
    # a space between inline elements is a word space: kept as written
    ('<a href="x">A</a> <a href="y">B</a>', '<a href="x">A</a> <a href="y">B</a>'),
    ("<p>one\n   two</p>", "<p>one\n   two</p>"),  # whitespace inside text is the text's
    # between a tag and text: the theme's indentation around a link's label
    ("<span>\n    \n  \n    Home\n  \n\n  </span>", "<span>\nHome\n</span>"),
    ("<p>a  \n  <b>b</b>\t\n c</p>", "<p>a\n<b>b</b>\nc</p>"),
    ("<p>a  <b>b</b> c</p>", "<p>a  <b>b</b> c</p>"),
    # the content of pre, textarea, script and style keeps every character
    ("<div>\n  <pre>\n  <b>x</b>\n </pre>\n  <p>a</p>", "<div>\n<pre>\n  <b>x</b>\n </pre>\n<p>a</p>"),
    ("<script>if (a>\n  b<c) {}</script>\n  <p>", "<script>if (a>\n  b<c) {}</script>\n<p>"),
    ("<TEXTAREA>\n  <i>\n  </i></TEXTAREA>", "<TEXTAREA>\n  <i>\n  </i></TEXTAREA>"),
    ("<style>\n a>\n b {}\n</style>", "<style>\n a>\n b {}\n</style>"),
    ('<p data-pagefind-sort="date:2020">\n  </p>', '<p data-pagefind-sort="date:2020">\n</p>'),
    ("", ""),
])
def test_compacts_only_line_breaking_whitespace_by_tags(page, expected):
    assert compact_html(page) == expected


class _Reading(HTMLParser):
    """What a browser shows, roughly: the tags in order, the text with whitespace collapsed, and
    the verbatim elements' content exactly."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.verbatim, self._open = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag, ()))
        if tag in self._open:  # closes what is open inside it too, as a browser does
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_data(self, data):
        if any(t in ("pre", "textarea") for t in self._open):
            self.verbatim.append(data)
        self.text.append(data)

    def seen(self):
        return self.tags, " ".join("".join(self.text).split()), self.verbatim


def _read(page: str):
    reading = _Reading()
    reading.feed(page)
    reading.close()
    return reading.seen()


_piece = st.one_of(
    st.sampled_from(["<div>", "</div>", "<p>", "</p>", '<a href="x">', "</a>",
                     "<span class=\"m\">", "</span>", "<br>"]),
    # a verbatim element, closed (as every page MkDocs writes closes it), with tags inside
    st.lists(st.sampled_from(["\n  ", "<b>", "</b>", " x "]), max_size=6).map(lambda inner: "<pre>" + "".join(inner) + "</pre>"),
    st.text(alphabet=" \t\n", min_size=1, max_size=6),
    st.text(alphabet="ab <>\n", min_size=1, max_size=5).map(lambda t: t.replace("<", "&lt;").replace(">", "&gt;")),
)


@given(st.lists(_piece, max_size=40))
def test_what_is_read_is_unchanged(pieces):
    page = "".join(pieces)
    compacted = compact_html(page)
    assert _read(compacted) == _read(page)
    assert compact_html(compacted) == compacted  # idempotent
    assert len(compacted) <= len(page)


def test_a_built_page_is_smaller_and_reads_the_same():
    page = ("<!doctype html>\n<html>\n  <head>\n    <title>T</title>\n  </head>\n  <body>\n"
            "    <nav>\n      <ul>\n        <li><a href=\"../\">Home</a></li>\n      </ul>\n    </nav>\n"
            "    <article><p>The <a href=\"k\">Korea</a> text.</p></article>\n  </body>\n</html>\n")
    compacted = compact_html(page)
    assert _read(compacted) == _read(page)
    assert not re.search(r">\s*\n[ \t]+<", compacted)
