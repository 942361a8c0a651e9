"""Feeds are written as text: the same bytes ElementTree would write, for any title, summary or link."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.feed import _element, _empty

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_element_text_is_escaped_as_elementtree_does(text):
    element = ET.Element("title")
    element.text = text
    assert _element("", "title", text) == ET.tostring(element, encoding="unicode").replace("<title></title>", "<title />")


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_attributes_are_escaped_as_elementtree_does(href, term):
    element = ET.Element("link", href=href, rel=term)
    assert _empty("", "link", href=href, rel=term) == ET.tostring(element, encoding="unicode")


def test_a_feed_parses_back(project):
    from generator.pipeline import generate

    project.article("t.txt", '---\ndate: 2006-07-07\n---\nA & B <say> "hi"\n\nBush & Hu met <today>.\n')
    _, pages, _ = generate(project.root)
    feed = ET.fromstring(pages["feed.xml"].encode())
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in feed.iter("{http://www.w3.org/2005/Atom}entry")]
    assert 'A & B <say> "hi"' in titles


def test_the_site_feed_gives_each_article_its_cast_and_an_entry_feed_does_not(project):
    """An article's cast (<category>) is in the site's feed; an entry's feed follows one entry and
    leaves it out (it was two thirds of every entry feed's bytes)."""
    from generator.pipeline import generate

    project.article("t.txt", "---\ndate: 2006-07-07\n---\nBush meets Hu\n\nGeorge W. Bush and Hu Jintao met in China.\n")
    _, pages, _ = generate(project.root)
    atom = "{http://www.w3.org/2005/Atom}"

    def terms(path):
        feed = ET.fromstring(pages[path].encode())
        return [{c.get("term") for c in e.iter(atom + "category")} for e in feed.iter(atom + "entry")]

    assert terms("feed.xml")[0] >= {"George W. Bush", "Hu Jintao", "China"}
    china = terms("glossary/states/china/feed.xml")
    assert china and all(cast == set() for cast in china)
