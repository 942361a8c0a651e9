"""Page-level rendering details: undated articles, the hook that regenerates under `mkdocs serve`."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from generator import mkdocs_hook
from generator.pipeline import generate


def test_undated_articles_are_listed_apart(project):
    project.article("u.txt", "An undated piece\n\nIt mentions China.\n")
    _, pages, _ = generate(project.root)
    index = pages["timeline.md"]
    assert index.index("## 2006") < index.index("### July 2006") < index.index("## Undated") < index.index("[An undated piece](articles/an-undated-piece.md)")
    assert "Undated\n{: .briefing-byline }" in pages["articles/an-undated-piece.md"]
    assert "(1 undated)" in pages["index.md"]


def test_references_become_links_and_states_list_their_people(project):
    _, pages, _ = generate(project.root)
    bush = pages["glossary/people/george-w-bush.md"]
    assert "- **State:** [United States](../states/united-states.md" in bush
    assert "- **President of the United States:** 20 January 2001 – 20 January 2009" in bush
    us = pages["glossary/states/united-states.md"]
    assert "- **People whose state is United States:** [George W. Bush](../people/george-w-bush.md" in us


def test_hook_regenerates_only_under_serve(project):
    config = SimpleNamespace(config_file_path=str(project.root / "mkdocs.yml"))
    mkdocs_hook.on_startup(command="build", dirty=False)
    mkdocs_hook.on_pre_build(config)
    assert not (project.root / "docs").exists()
    mkdocs_hook.on_startup(command="serve", dirty=False)
    mkdocs_hook.on_pre_build(config)
    assert (project.root / "docs" / "index.md").exists()
    project.glossary("states", "- name: X\n")
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match="seeds/glossary/states.yml:1:3: entry: missing required key 'summary'"):
        mkdocs_hook.on_pre_build(config)
