"""Page-level rendering details: undated articles, references, sentences built from the categories."""

from __future__ import annotations

import json
import re

from generator.pipeline import generate
from generator.render.site import in_sentence, join_words


def test_undated_articles_are_listed_apart(project):
    project.article("u.txt", "An undated piece\n\nIt mentions China.\n")
    _, pages, _ = generate(project.root)
    index = pages["timeline.md"]
    assert index.index("## 2006") < index.index("### July 2006") < index.index("## Undated") < index.index("[An undated piece](articles/an-undated-piece.md)")
    assert "Undated\n{: .briefing-byline data-pagefind-ignore=\"index\" }" in pages["articles/an-undated-piece.md"]
    assert "(1 undated)" in pages["index.md"]


def test_references_become_links_and_states_list_their_people(project):
    _, pages, _ = generate(project.root)
    bush = pages["glossary/people/george-w-bush.md"]
    assert "- **State:** [United States](../states/united-states.md" in bush
    assert "- **President of the United States:** 20 January 2001 – 20 January 2009" in bush
    us = pages["glossary/states/united-states.md"]
    assert "- **People whose state is United States:** [George W. Bush](../people/george-w-bush.md" in us


FOUR = """\
  organizations:
    title: Organizations
    singular: organization
"""


def test_sentences_that_name_categories_come_from_briefing_yml(project):
    project.write("briefing.yml", project.root.joinpath("briefing.yml").read_text() + FOUR)
    project.glossary("organizations", "- name: United Nations\n  summary: An organization of states.\n  aliases: [UN]\n")
    project.article("un.txt", "---\ndate: 2006-07-07\n---\nThe UN meets\n\nThe UN discussed North Korea.\n")
    _, pages, _ = generate(project.root)
    assert "Every person, state, weapon and organization the briefing explains" in pages["glossary/index.md"]
    assert "with the people, states, weapons and organizations each one mentions." in pages["timeline.md"]
    assert "The glossary explains 5 people, 3 states, 2 weapons and 1 organizations." in pages["index.md"]
    for page in ("glossary/index.md", "timeline.md"):
        assert "person, state and weapon" not in pages[page] and "people, states and weapons" not in pages[page]


def test_words_in_a_sentence():
    assert [join_words(w) for w in (["a"], ["a", "b"], ["a", "b", "c"])] == ["a", "a and b", "a, b and c"]
    assert [in_sentence(t) for t in ("People", "UN agencies", "NGOs")] == ["people", "UN agencies", "NGOs"]


def test_a_summary_edited_changes_only_the_pages_that_show_it(project):
    """Every link to an entry carries its key, and its summary (the hover text) is in one file:
    editing the summary of an entry that many pages link changes that file and the pages that
    show the summary as text (its profile and feed, its category's index), not every page that
    links it."""
    for n in range(6):
        project.article(f"a{n}.txt", f"Piece {n} on North Korea\n\nNorth Korea and China met on day {n}.\n")
    _, before, _ = generate(project.root)
    states = project.root / "seeds" / "glossary" / "states.yml"
    states.write_text(states.read_text(encoding="utf-8").replace("A country in East Asia.", "A state in East Asia.", 1),
                      encoding="utf-8")
    _, after, _ = generate(project.root)
    changed = {path for path in after if before.get(path) != after[path]}
    assert changed == {"glossary/states/north-korea.md", "glossary/states/north-korea/feed.xml",
                       "glossary/states/index.md", "glossary/summaries.json"}, sorted(changed)
    assert json.loads(after["glossary/summaries.json"])["states/north-korea"] == ["North Korea", "A state in East Asia."]
    linking = [path for path, text in after.items() if path.startswith("articles/") and "states/north-korea" in text]
    assert len(linking) >= 6 and all("A state in East Asia" not in after[path] for path in linking)


def test_quiet_mentions_are_numbers_into_the_keys_the_article_lists_once(project):
    """A later mention is ``<span data-e=N>``: N is its entry's place in the text's
    ``data-entries``, each key written once, in the order the quiet mentions first come; a first
    mention is a link, a subheading's mention quiet even when it comes first."""
    project.article("q.txt", "---\ndate: 2006-07-08\n---\nA quiet story\n\n## On North Korea\n\n"
                             "China and North Korea met. China spoke.\n\nNorth Korea and China spoke again; North Korea left.\n")
    _, pages, _ = generate(project.root)
    page = pages["articles/2006-07-08-a-quiet-story.md"]
    keys = re.search(r'<div class="briefing-article" [^>]*data-entries="([^"]*)"', page).group(1).split(" ")
    assert keys == ["states/north-korea", "states/china"]
    quiet = [(keys[int(n)], text) for n, text in re.findall(r'<span data-e=(\d+)>([^<]*)</span>', page)]
    assert quiet == [("states/north-korea", "North Korea"), ("states/china", "China"),
                     ("states/north-korea", "North Korea"), ("states/china", "China"), ("states/north-korea", "North Korea")]
    for name in ("China", "North Korea"):  # one link in the text (and one in "In this article")
        assert len(re.findall(rf"\[{name}\]\([^)]*\){{ \.mention ", page)) == 1, name
    assert "data-entry" not in page
