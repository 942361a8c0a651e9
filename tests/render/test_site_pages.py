"""Reader-facing pages: timeline, feed, relationship maps, older/newer links."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from generator.pipeline import generate
from generator.render.graph import Edge, Node, force_layout, ring_layout, svg
from generator.render.routes import html_href, page_url

ATOM = "{http://www.w3.org/2005/Atom}"


def add_articles(project):
    project.article("b.txt", "---\ndate: 2017-09-15\nsource: Wire\n---\nKim tests a missile\n\nKim Jong-un watched a ballistic missile launch with Chinese officials.\n")
    project.article("c.txt", "---\ndate: 2017-08-01\n---\nChina responds\n\nChina and the US discussed North Korea.\n")


def test_timeline_groups_by_year_and_month(project):
    add_articles(project)
    _, pages, _ = generate(project.root)
    timeline = pages["timeline.md"]
    order = [timeline.index(s) for s in ("## 2017", "### September 2017", "Kim tests a missile", "### August 2017", "China responds", "## 2006", "### July 2006")]
    assert order == sorted(order)
    assert "    People: [Kim Jong-un](glossary/people/kim-jong-un.md)" in timeline
    # each entry linked where the page first names it, named after that
    states = re.findall(r"    States: (.*)", timeline)
    assert states == ["[China](glossary/states/china.md)",  # Kim tests a missile (with Chinese officials)
                      "China, [United States](glossary/states/united-states.md), [North Korea](glossary/states/north-korea.md)",
                      "China, North Korea"], states  # the sample article of 2006, further down


def test_timeline_entities_are_paragraphs_of_their_own(project):
    """Markdown joins adjacent lines: the article line and each category's names must be separate
    paragraphs of the list item, not one run-on line."""
    import markdown

    add_articles(project)
    _, pages, _ = generate(project.root)
    body = pages["timeline.md"].split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html"])
    item = html[html.index("<li>"):html.index("</li>")]
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", item, re.S)
    assert len(paragraphs) == 4, item  # the article; people, states, weapons
    assert "Kim tests a missile" in paragraphs[0] and "People:" not in paragraphs[0] and "Wire" in paragraphs[0]
    assert [p.split(":")[0] for p in paragraphs[1:]] == ["People", "States", "Weapons"]
    assert item.count('class="briefing-mentions"') == 3


def test_feed_links_are_absolute_with_a_site_url(project, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://owner.github.io/repo/")
    _, pages, _ = generate(project.root)
    feed = ET.fromstring(pages["feed.xml"].encode())
    assert feed.find(f"{ATOM}id").text == "https://owner.github.io/repo/feed.xml"
    self_link = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == "https://owner.github.io/repo/feed.xml"
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}id").text == "https://owner.github.io/repo/articles/2006-07-06-bush-talks-to-hu/"
    assert "urn:" not in pages["feed.xml"]


def test_feed_lists_dated_articles_newest_first(project):
    add_articles(project)
    project.article("u.txt", "Undated\n\nText about China.\n")
    _, pages, _ = generate(project.root)
    feed = ET.fromstring(pages["feed.xml"].encode())
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert titles == ["Kim tests a missile", "China responds", "Bush talks to Hu"]
    first = feed.find(f"{ATOM}entry")
    assert first.find(f"{ATOM}link").get("href") == "articles/2017-09-15-kim-tests-a-missile/"
    assert first.find(f"{ATOM}updated").text == "2017-09-15T00:00:00Z"


def test_older_and_newer_links(project):
    add_articles(project)
    _, pages, _ = generate(project.root)
    middle = pages["articles/2017-08-01-china-responds.md"]
    assert "Older: [Bush talks to Hu](2006-07-06-bush-talks-to-hu.md)" in middle
    assert "Newer: [Kim tests a missile](2017-09-15-kim-tests-a-missile.md)" in middle


def test_maps_on_home_and_entry_pages(project):
    add_articles(project)
    _, pages, _ = generate(project.root)
    home = pages["index.md"]
    assert home.count('<g class="node ') == 7  # every entry mentioned at least once
    assert '<a href="glossary/people/kim-jong-un/"' in home
    china = pages["glossary/states/china.md"]
    assert china.count('<g class="node ') == 1 + 6 and 'node-focus' in china
    assert '<a href="../../people/kim-jong-un/"' in china
    assert "\n\n" not in china[china.index("<svg"):china.index("</svg>")]  # one raw-HTML block


def test_map_is_deterministic_and_inside_the_picture():
    nodes = [Node(f"k{i}", f"N{i}", i % 3, "x", i + 1, "#") for i in range(20)]
    edges = [Edge(f"k{i}", f"k{(i * 7) % 20}", 1 + i % 3) for i in range(20) if i != (i * 7) % 20]
    first, second = force_layout(nodes, edges), force_layout(nodes, edges)
    assert first == second
    assert all(0 <= x <= 800 and 0 <= y <= 520 for x, y in first.values())
    picture = svg(nodes, edges, first, "Map <&>")
    assert picture.count("<circle") + picture.count("<rect") + picture.count("<polygon") == 20
    assert "Map &lt;&amp;&gt;" in picture
    assert ring_layout("a", ["b", "c"])["a"] == (400, 260)


def test_raw_html_links_follow_directory_urls():
    assert page_url("index.md") == "" and page_url("glossary/index.md") == "glossary/"
    assert page_url("glossary/people/x.md") == "glossary/people/x/"
    assert html_href("index.md", "glossary/people/x.md") == "glossary/people/x/"
    assert html_href("glossary/states/y.md", "glossary/people/x.md") == "../../people/x/"
    assert html_href("glossary/people/x.md", "index.md") == "../../../"
    assert not re.search(r"^/", html_href("timeline.md", "glossary/people/x.md"))


def test_long_lists_are_split_into_pages(project, monkeypatch):
    from generator.render import entry, indexes

    monkeypatch.setattr(indexes, "TIMELINE_INLINE", 2)
    monkeypatch.setattr(entry, "MENTIONS_PER_PAGE", 2)
    add_articles(project)
    project.article("d.txt", "---\ndate: 2017-07-04\n---\nJuly test\n\nChina watched a launch.\n")
    _, pages, _ = generate(project.root)
    # One timeline page a year, and an overview that lists none of the articles.
    # (2017's three articles do not fit on one page of two, so the year has two pages.)
    assert {p for p in pages if p.startswith("timeline")} == {"timeline.md", "timeline/2017.md", "timeline/2017-2.md", "timeline/2006.md"}
    assert "Kim tests a missile" not in pages["timeline.md"]
    assert "[2017](timeline/2017.md)" in pages["timeline.md"] and "[July](timeline/2017-2.md#july-2017)" in pages["timeline.md"]
    assert "### July 2017" in pages["timeline/2017-2.md"] and "Bush talks to Hu" not in pages["timeline/2017.md"]
    # China is mentioned in four articles: two on its page, two on a second page.
    china = pages["glossary/states/china.md"]
    section = china[china.index("## Mentioned in"):china.index("## Often mentioned with")]
    assert section.count("- **") == 2 and "Older mentions: [2](china/mentions-2.md)" in china
    second = pages["glossary/states/china/mentions-2.md"]
    assert second.count("- **") == 2 and "[Back to China](../china.md)" in second
    assert "Articles 3 to 4 of 4" in second and "Pages: [1](../china.md) · **2**" in second




def test_older_mentions_go_to_pages_of_their_own_size_whose_headlines_open_the_passage(project, monkeypatch):
    """The entry's page lists the newest MENTIONS_PER_PAGE articles; older ones go OLDER_PER_PAGE
    to a page (larger: each page's chrome costs as much as many items), their headline linking
    the quoted sentence's paragraph, the article's address written once."""
    from generator.render import entry

    monkeypatch.setattr(entry, "MENTIONS_PER_PAGE", 2)
    monkeypatch.setattr(entry, "OLDER_PER_PAGE", 3)
    for day in range(1, 10):  # and the fixture's one article that names China, older
        project.article(f"c{day}.txt", f"---\ndate: 2017-03-{day:02d}\n---\nStory {day}\n\nA quiet day.\n\nChina spoke on day {day}.\n")
    _, pages, _ = generate(project.root)
    china = pages["glossary/states/china.md"]
    assert "Older mentions: [2](china/mentions-2.md) · [3](china/mentions-3.md) · [4](china/mentions-4.md)" in china
    assert "china/mentions-5.md" not in china and "glossary/states/china/mentions-5.md" not in pages
    shown = {n: re.findall(r"\[Story (\d)\]", pages[f"glossary/states/china/mentions-{n}.md"]) for n in (2, 3, 4)}
    assert shown == {2: ["7", "6", "5"], 3: ["4", "3", "2"], 4: ["1"]}
    second = pages["glossary/states/china/mentions-2.md"]
    assert "Articles 3 to 5 of 10, newest first" in second
    assert "[Story 7](../../../articles/2017-03-07-story-7.md#p-2)" in second
    assert "Read in context" not in second and "¶" not in second
    # an item a line and its sentence the next, in a tight list (no paragraphs, no blockquote)
    assert "](../../../articles/2017-03-07-story-7.md#p-2)<br>\n    **China** spoke on day 7.\n- **6 March 2017**" in second
    assert "    > " not in second
    # The entry's own page: headline to the article, each sentence to its paragraph.
    assert "[Story 9](../../articles/2017-03-09-story-9.md)" in china
    assert "(../../articles/2017-03-09-story-9.md#p-2 \"Read in context\")" in china


def test_older_mentions_pages_quote_one_sentence_per_article(project, monkeypatch):
    """The entry's own page quotes up to two sentences of each article and says how many more
    there are; the pages of older mentions quote one and give the count of the article's
    sentences beside its headline (their hundreds of items are most of an old entry's bytes)."""
    from generator.render import entry

    monkeypatch.setattr(entry, "MENTIONS_PER_PAGE", 1)
    four = ("China said on Monday that it opposed the test. Officials in China called for calm. "
            "China asked for talks at the United Nations. A spokesman said China would not take sides.")
    project.article("a.txt", f"---\ndate: 2017-01-01\n---\nChina opposes test\n\n{four}\n")
    project.article("b.txt", f"---\ndate: 2017-02-01\n---\nChina calls for talks\n\n{four}\n")
    _, pages, _ = generate(project.root)
    own, older = pages["glossary/states/china.md"], pages["glossary/states/china/mentions-2.md"]
    # Five sentences name China in each article (the headline is one).
    assert own.count("    > ") == 2 and "**China** said on Monday" in own and "Officials in" not in own
    assert "And 3 more sentences in this article." in own
    assert "more sentence" not in older
    assert re.search(r"\n- \*\*1 January 2017\*\* · \[China opposes test\]\([^)]*#p-0\) · 5 sentences<br>\n"
                     r"    \*\*China\*\* opposes test\n", older), older
    assert "each with one of its sentences that mention China (and how many do, when more than one does)" in older


def test_a_long_year_is_cut_into_pages(project, monkeypatch):
    from generator.render import indexes

    monkeypatch.setattr(indexes, "TIMELINE_INLINE", 2)
    for i in range(5):
        project.article(f"u{i}.txt", f"Undated story {i}\n\nText about China.\n")
    _, pages, _ = generate(project.root)
    undated = sorted(p for p in pages if p.startswith("timeline/undated"))
    assert undated == ["timeline/undated-2.md", "timeline/undated-3.md", "timeline/undated.md"]
    assert "[Undated](timeline/undated.md)" in pages["timeline.md"]
    assert "Pages: 1 · [2](undated-2.md) · [3](undated-3.md)" in pages["timeline/undated.md"]
    assert sum(pages[p].count("- **Undated**") for p in undated) == 5
