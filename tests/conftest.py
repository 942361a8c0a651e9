"""Shared fixtures: a throw-away project with its own briefing.yml, glossary and articles."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

MINI_CONFIG = """\
title: Test briefing
categories:
  people:
    title: People
    singular: person
    quotes: true
    fields: {role: text, state: ref states, born: date, offices: offices}
  states:
    title: States
    singular: state
    fields: {capital: text}
  weapons:
    title: Weapons
    singular: weapon
    fields: {class: ref weapons, operator: ref states, range: text, first_test: date}
"""

MINI_GLOSSARY = {
    "people": """\
- name: George W. Bush
  summary: 43rd President of the United States.
  short_names: [Bush]
  state: United States
  offices:
    - {title: President of the United States, start: 2001-01-20, end: 2009-01-20}
- name: Kim Jong-il
  summary: Leader of North Korea from 1994 to 2011.
  aliases: [Kim Jong Il]
  short_names: [Kim]
  state: North Korea
  offices:
    - {title: Supreme Leader of North Korea, start: 1994-07-08, end: 2011-12-17}
- name: Kim Jong-un
  summary: Leader of North Korea since 2011.
  short_names: [Kim]
  state: North Korea
  offices:
    - {title: Supreme Leader of North Korea, start: 2011-12-17}
- name: Kim Yo-jong
  summary: Sister of Kim Jong-un.
  state: North Korea
- name: Hu Jintao
  summary: President of China from 2003 to 2013.
  short_names: [Hu]
  state: China
""",
    "states": """\
- name: United States
  summary: A country in North America.
  aliases: [US, U.S., Washington, America]
  exclude: [North America, Washington Post]
- name: North Korea
  summary: A country in East Asia.
  aliases: [N Korea, Pyongyang, North Korean]
- name: China
  summary: A country in East Asia.
  aliases: [Chinese, Beijing]
""",
    "weapons": """\
- name: Ballistic missile
  summary: A missile that follows a ballistic trajectory.
  aliases: [ballistic missile]
- name: Intercontinental ballistic missile
  summary: A ballistic missile with a range over 5,500 km.
  aliases: [ICBM, intercontinental ballistic missile]
  class: Ballistic missile
""",
}


@pytest.fixture
def project(tmp_path: Path):
    """A small, valid project. Call ``project.article(name, text)`` to add articles."""

    class Project:
        root = tmp_path

        def write(self, relative: str, text: str) -> Path:
            path = tmp_path / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
            return path

        def article(self, name: str, text: str) -> Path:
            return self.write(f"seeds/articles/{name}", text)

        def glossary(self, category: str, text: str) -> Path:
            return self.write(f"seeds/glossary/{category}.yml", text)

        def with_site(self) -> "Project":
            """Add mkdocs.yml, the hook and the hand-written assets, for real MkDocs builds."""
            shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
            shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets", dirs_exist_ok=True)
            shutil.copytree(ROOT / "overrides", tmp_path / "overrides", dirs_exist_ok=True)
            shutil.copytree(ROOT / "generator", tmp_path / "generator", dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
            return self

    p = Project()
    p.write("briefing.yml", MINI_CONFIG)
    for category, text in MINI_GLOSSARY.items():
        p.glossary(category, text)
    p.article("a.txt", "---\ndate: 2006-07-06\n---\nBush talks to Hu\n\nMr Bush spoke with Chinese President Hu Jintao about North Korea.\n")
    return p
