"""Glossary pages and indexes (issue 14): linked descriptions, "Also known as" without mere
respellings, every entry on the glossary index, category indexes grouped by a reference field."""

from __future__ import annotations

import re

from generator.model import Entry
from generator.pipeline import generate
from generator.render.entry import other_names

WEAPONS = """\
- name: Ballistic missile
  summary: A missile on a ballistic path.
  aliases: [ballistic missile]
- name: Intercontinental ballistic missile
  summary: A long-range ballistic missile.
  class: Ballistic missile
  aliases: [intercontinental ballistic missile, ICBM, Inter-continental ballistic missile]
- name: Hwasong-14
  summary: A North Korean ICBM.
  class: Intercontinental ballistic missile
  operator: North Korea
  aliases: [Hwasong 14, HWASONG-14, KN-20]
  description: North Korea first tested it in 2017; the Hwasong-14 is its first ICBM, and an ICBM is long-range.
- name: Nuclear test
  summary: A test explosion.
  aliases: [nuclear test]
"""


def test_description_links_the_first_mention_of_other_entries(project):
    project.glossary("weapons", WEAPONS)
    _, pages, _ = generate(project.root)
    page = pages["glossary/weapons/hwasong-14.md"]
    text = next(line for line in page.splitlines() if line.startswith("[North Korea]"))
    assert text.startswith("[North Korea](../states/north-korea.md){ .mention .mention-state }")  # hover text: by the link's target
    assert text.count("](intercontinental-ballistic-missile.md") == 1, "first mention only"
    assert "hwasong-14.md" not in text, "never a link to itself"


def test_also_known_as_drops_respellings():
    entry = Entry("weapons", "Intercontinental ballistic missile", "icbm", "s",
                  aliases=("intercontinental ballistic missile", "ICBM", "Inter-continental ballistic missile", "Intercontinental  ballistic-missile"))
    assert other_names(entry) == ["ICBM"]
    kim = Entry("people", "Kim Jong-un", "kim-jong-un", "s", aliases=("Kim Jong Un", "KIM JONG-UN", "Kim Jong-eun"), short_names=("Kim",))
    assert other_names(kim) == ["Kim Jong-eun", "Kim"]


def test_also_known_as_on_the_page(project):
    project.glossary("weapons", WEAPONS)
    _, pages, _ = generate(project.root)
    assert "- **Also known as:** ICBM\n" in pages["glossary/weapons/intercontinental-ballistic-missile.md"]
    assert "- **Also known as:** KN-20\n" in pages["glossary/weapons/hwasong-14.md"]
    assert "Also known as" not in pages["glossary/weapons/ballistic-missile.md"]


def test_category_index_groups_by_class_and_sets_unmentioned_apart(project):
    project.glossary("weapons", WEAPONS)
    project.article("b.txt", "---\ndate: 2017-07-04\n---\nLaunch\n\nNorth Korea launched a Hwasong-14, an ICBM, a ballistic missile.\n")
    _, pages, _ = generate(project.root)
    page = pages["glossary/weapons/index.md"]
    assert "(0 articles)" not in page
    order = [page.index(s) for s in ("## [Ballistic missile](ballistic-missile.md", '<li><a href="intercontinental-ballistic-missile/">Intercontinental ballistic missile</a>',
                                     "## [Intercontinental ballistic missile](", '<li><a href="hwasong-14/">Hwasong-14</a>', "## Not yet mentioned", '<li><a href="nuclear-test/">Nuclear test</a>')]
    assert order == sorted(order), page
    assert "4 entries, 3 mentioned in the articles, by class." in page


def test_category_index_by_a_reference_to_another_category(project):
    _, pages, _ = generate(project.root)
    page = pages["glossary/people/index.md"]
    assert "## [China](../states/china.md" in page and '<li><a href="hu-jintao/">Hu Jintao</a>' in page
    assert "## Not yet mentioned" in page and "(0 articles)" not in page
    states = pages["glossary/states/index.md"]  # no reference field: one list
    assert "## " not in states.replace("## Not yet mentioned", "")


def test_glossary_index_lists_every_entry_alphabetically(project, monkeypatch):
    _, pages, _ = generate(project.root)
    page = pages["glossary/index.md"]
    people = page[page.index("## [People]"):page.index("## [States]")]
    names = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', people)
    assert names == ["George W. Bush", "Hu Jintao", "Kim Jong-il", "Kim Jong-un", "Kim Yo-jong"]
    assert "Jump to" not in page


def test_a_long_category_gets_a_letter_jump(project, monkeypatch):
    from generator.render import indexes

    monkeypatch.setattr(indexes, "LETTER_JUMP", 3)
    _, pages, _ = generate(project.root)
    page = pages["glossary/index.md"]
    assert "Jump to: [G](#people-g) · [H](#people-h) · [K](#people-k)\n" in page
    assert "### K {: #people-k }" in page
    section = page[page.index("### K {: #people-k }"):page.index("## [States]")]
    assert section.count('">Kim') == 3


ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_entry_has_a_feed_of_the_articles_mentioning_it(project, monkeypatch):
    import xml.etree.ElementTree as ET

    project.article("b.txt", "---\ndate: 2017-09-15\n---\nChina again\n\nChina spoke.\n")
    project.article("c.txt", "---\ndate: 2010-01-01\n---\nNo one\n\nNothing here.\n")
    monkeypatch.setenv("SITE_URL", "https://owner.github.io/repo/")
    _, pages, _ = generate(project.root)
    feed = ET.fromstring(pages["glossary/states/china/feed.xml"].encode())
    assert feed.find(f"{ATOM}id").text == "https://owner.github.io/repo/glossary/states/china/feed.xml"
    assert feed.find(f"{ATOM}title").text.startswith("China")
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert links == ["https://owner.github.io/repo/articles/2017-09-15-china-again/",
                     "https://owner.github.io/repo/articles/2006-07-06-bush-talks-to-hu/"]  # newest first, only China's
    page = pages["glossary/states/china.md"]
    assert "[Follow China (Atom feed)](china/feed.xml)" in page
    assert "\ndescription: A country in East Asia.\n" in page
