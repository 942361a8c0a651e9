"""Category indexes grouped by the field briefing.yml's group_by names (issue 14), or not at all."""

from __future__ import annotations

import re

from generator.pipeline import generate
from tests.conftest import MINI_CONFIG

WEAPONS = """\
- name: Ballistic missile
  summary: A missile on a ballistic path.
  aliases: [ballistic missile]
- name: Hwasong-14
  summary: A North Korean ICBM.
  class: Ballistic missile
  operator: North Korea
- name: Minuteman III
  summary: An American ICBM.
  class: Ballistic missile
  operator: United States
"""
ARTICLE = "---\ndate: 2017-07-04\n---\nLaunch\n\nNorth Korea launched a Hwasong-14, a ballistic missile; the Minuteman III was not.\n"


def _weapons_index(project, group_by: str) -> str:
    project.write("briefing.yml", MINI_CONFIG.replace("    singular: weapon\n", f"    singular: weapon\n    group_by: {group_by}\n"))
    project.glossary("weapons", WEAPONS)
    project.article("b.txt", ARTICLE)
    _, pages, _ = generate(project.root)
    return pages["glossary/weapons/index.md"]


def _headings(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.startswith("## ")]


def test_group_by_a_field_other_than_the_automatic_one(project):
    page = _weapons_index(project, "operator")  # the automatic choice would be class
    assert "3 entries, 3 mentioned in the articles, by operator." in page
    assert [h[:h.index("]") + 1] if "]" in h else h for h in _headings(page)] == [
        "## [North Korea]", "## [United States]", "## No operator"]
    north_korea = page[page.index("## [North Korea](../states/north-korea.md"):page.index("## [United States]")]
    assert '<li><a href="hwasong-14/">Hwasong-14</a>' in north_korea and "Minuteman" not in north_korea
    assert '<li><a href="ballistic-missile/">Ballistic missile</a>' in page[page.index("## No operator"):]


def test_group_by_class_is_the_automatic_choice_written_out(project):
    page = _weapons_index(project, "class")
    assert "by class." in page and "## [Ballistic missile](ballistic-missile.md" in page
    project.write("briefing.yml", MINI_CONFIG)
    _, pages, _ = generate(project.root)
    assert pages["glossary/weapons/index.md"] == page


def test_group_by_none_is_one_alphabetical_list(project):
    page = _weapons_index(project, "none")
    assert _headings(page) == []
    assert "3 entries, 3 mentioned in the articles.\n" in page
    names = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', page)
    assert names == ["Ballistic missile", "Hwasong-14", "Minuteman III"]


def test_group_by_a_refs_field_lists_an_entry_under_each_value(project):
    config = MINI_CONFIG.replace("role: text,", "role: text, visited: refs states,").replace(
        "    quotes: true\n", "    quotes: true\n    group_by: visited\n")
    project.write("briefing.yml", config)
    people = project.root.joinpath("seeds/glossary/people.yml").read_text()
    project.glossary("people", people.replace("  state: China\n", "  state: China\n  visited: [North Korea, United States]\n"))
    project.article("b.txt", "---\ndate: 2006-07-07\n---\nKim and Bush\n\nKim Jong-il and Bush spoke.\n")
    _, pages, _ = generate(project.root)
    page = pages["glossary/people/index.md"]
    assert "by visited." in page
    heads = [h.split("]")[0] for h in _headings(page)]
    assert heads == ["## [North Korea", "## [United States", "## No visited", "## Not yet mentioned"]
    for head in ("## [North Korea](", "## [United States]("):
        section = page[page.index(head):].split("\n## ")[0]
        assert '<li><a href="hu-jintao/">Hu Jintao</a>' in section
    rest = page[page.index("## No visited"):page.index("## Not yet mentioned")]
    assert '">George W. Bush</a>' in rest and '">Kim Jong-il</a>' in rest and "Hu Jintao" not in rest


def test_the_index_lists_are_html_and_show_summaries_as_written(project):
    """The long lists are raw HTML (Python-Markdown passes them through): a summary's characters
    are entities where HTML needs them and nothing else, so a Markdown escape never shows and no
    markup in a summary acts."""
    summary = 'Not <b>bold</b>, *not emphasis*, [no link](x.md) & {{ x }} "quoted" `tick` \\ back'
    project.glossary("weapons", WEAPONS.replace("A North Korean ICBM.", f"'{summary}'"))  # YAML single quotes: every character as typed
    project.article("b.txt", ARTICLE)
    _, pages, _ = generate(project.root)
    page = pages["glossary/weapons/index.md"]
    escaped = summary.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f'<li><a href="hwasong-14/">Hwasong-14</a>: {escaped} <em>(1 article)</em></li>' in page
    glossary = pages["glossary/index.md"]
    assert '<li><a href="weapons/hwasong-14/">Hwasong-14</a></li>' in glossary
