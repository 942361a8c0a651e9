"""Glossary validation: every problem at once, each as path:line:column: message (exact text)."""

from __future__ import annotations

import pytest

from generator.config import load_config
from generator.ingest.glossary import load_glossary


def problems(project, category: str, text: str) -> list[str]:
    project.glossary(category, text)
    config = load_config(project.root)
    _, found = load_glossary(project.root, config.glossary_dir, config.categories)
    return [str(p) for p in sorted(found)]


STATES = "seeds/glossary/states.yml"
PEOPLE = "seeds/glossary/people.yml"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("- name: Japan\n  summary: A state.\n  aliasses: [Tokyo]\n",
         [f"{STATES}:3:3: unknown key 'aliasses' (did you mean 'aliases'?)"]),
        ("- name: Japan\n  summary: A state.\n  name: Nippon\n",
         [f"{STATES}:3:3: duplicate key 'name' (first given on line 1)"]),
        ("- name: Japan\n",
         [f"{STATES}:1:3: entry: missing required key 'summary'"]),
        ("- name: Japan\n  summary: A state.\n  aliases: Tokyo\n",
         [f"{STATES}:3:12: 'aliases': expected a list of texts, got a text"]),
        ("- name: Japan\n  summary: A state.\n- name: japan\n  summary: Again.\n",
         [f"{STATES}:3:9: duplicate name 'japan' (also at {STATES}:1)"]),
        ("name: Japan\n", [f"{STATES}:1:1: expected a list of entries ('- name: ...')"]),
        ("- name: Japan\n  summary: [a, b\n", [f"{STATES}:3:1: invalid YAML: the '[' on line 2 is never closed; end the list with ']' (items separated by ', ')"]),
        ("- name: Japan\n\tsummary: x\n", [f"{STATES}:2:1: tab character in indentation; indent with spaces"]),
        ("- &a {name: Japan, summary: A state.}\n- *a\n",
         [f"{STATES}:1:3: YAML anchor '&a' is not allowed", f"{STATES}:2:3: YAML alias '*a' is not allowed; write the value out (or quote a value that starts with '*')"]),
        ("- name: Japan\n  summary: A state.\n  capital: !!python/object:os.system x\n",
         [f"{STATES}:3:12: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed"]),
    ],
)
def test_state_file_problems(project, text, expected):
    # people.yml names states this replacement removes; only the states file's problems count here.
    assert [p for p in problems(project, "states", text) if p.startswith(STATES)] == expected


def test_an_alias_claimed_twice(project):
    states = project.root.joinpath(STATES).read_text() + "- name: Japan\n  summary: A state.\n  aliases: [pyongyang]\n"
    assert problems(project, "states", states) == [
        f"{STATES}:13:13: alias 'pyongyang' of 'Japan' is already an alias of 'North Korea' ({STATES}:7)"
    ]


JAPAN = "- name: Japan\n  summary: A state.\n"


@pytest.mark.parametrize(
    "added, expected",
    [
        # A place is an alias for uniqueness: claimed twice, or equal to another entry's alias or name.
        ("  places: [Tokyo]\n- name: South Korea\n  summary: A state.\n  places: [tokyo]\n",
         [f"{STATES}:16:12: place 'tokyo' of 'South Korea' is already a place of 'Japan' ({STATES}:13)"]),
        ("  places: [Pyongyang]\n",
         [f"{STATES}:13:12: place 'Pyongyang' of 'Japan' is already an alias of 'North Korea' ({STATES}:7)"]),
        ("  places: [North-Korea]\n",
         [f"{STATES}:13:12: place 'North-Korea' of 'Japan' is already the name of 'North Korea' ({STATES}:5)"]),
        ("  places: [Tokyo]\n- name: South Korea\n  summary: A state.\n  aliases: [TOKYO]\n",
         [f"{STATES}:16:13: alias 'TOKYO' of 'South Korea' is already a place of 'Japan' ({STATES}:13)"]),
        ("  places: [Tokyo]\n- name: Tokyo\n  summary: A city.\n",
         [f"{STATES}:14:9: name 'Tokyo' is already a place of 'Japan' ({STATES}:13)"]),
        ("  places: [Tokyo]\n  short_names: [Japan Tokyo]\n- {name: B, summary: x., short_names: [Tokyo]}\n",
         [f"{STATES}:15:40: short name 'Tokyo' is a name or alias of 'Japan' ({STATES}:13); an alias always wins"]),
        # An entry may repeat its own name as a place, and a place may be an exclude's word.
        ("  places: [Japan, Tokyo]\n  exclude: [Tokyo Bay]\n", []),
        # sources: a list of texts.
        ("  sources: [https://example.org/japan, CIA World Factbook]\n", []),
        ("  sources: https://example.org/japan\n",
         [f"{STATES}:13:12: 'sources': expected a list of texts, got a text"]),
    ],
)
def test_places_are_unique_like_aliases(project, added, expected):
    states = project.root.joinpath(STATES).read_text() + JAPAN + added
    assert problems(project, "states", states) == expected


ORGS = "seeds/glossary/organizations.yml"


def with_organizations(project):
    config = project.root / "briefing.yml"
    config.write_text(config.read_text() + "  organizations: {title: Organizations}\n")


@pytest.mark.parametrize("text", ["", "\n\n", "   \n", "# yaml-language-server: $schema=../../docs/schemas/organizations.schema.json\n# sorted by name\n\n"])
def test_a_file_with_no_entries_is_an_error(project, text):
    """Issue #10: an empty file (a save cut short under `make serve`) silently emptied its category."""
    with_organizations(project)
    assert problems(project, "organizations", text) == [
        f"{ORGS}:1: the file has no entries; add '- name: ...' entries or remove the category from briefing.yml"
    ]


def test_an_explicit_empty_list_is_allowed(project):
    with_organizations(project)
    assert problems(project, "organizations", "[]\n") == []


FULL = """\
- name: United Nations
  summary: An organization of 193 member states.
  aliases: [UN, "U.N."]
- name: International Atomic Energy Agency
  summary: The UN's nuclear watchdog.
  aliases: [IAEA]
"""


@pytest.mark.parametrize(
    "cut, expected",
    [
        ('aliases: [UN, "U.', f"{ORGS}:3:17: invalid YAML: this quoted value is never closed; add the closing '\"' (or remove the opening one)"),
        ("aliases: [UN", f"{ORGS}:4:1: invalid YAML: the '[' on line 3 is never closed; end the list with ']' (items separated by ', ')"),
        ("  summ", f"{ORGS}:2:3: invalid YAML: a key without ':'; write 'key: value', or indent a value that goes on from the line above further than its key"),
        ("- name: United Nations\n", f"{ORGS}:1:3: entry: missing required key 'summary'"),
        ("  summary:", f"{ORGS}:2:3: 'summary': expected a text, got nothing"),
        ("- name: International Atomic Ener", f"{ORGS}:4:3: entry: missing required key 'summary'"),
    ],
)
def test_a_file_cut_mid_entry_is_an_error(project, cut, expected):
    """A truncated save is never a silent loss: the cut shows as a YAML error or a missing key.
    (A cut inside a plain value at the end of a line cannot be told from a shorter value.)"""
    with_organizations(project)
    text = FULL[: FULL.index(cut) + len(cut)]
    assert problems(project, "organizations", text) == [expected]
