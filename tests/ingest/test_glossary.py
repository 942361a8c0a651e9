"""Glossary validation: every problem at once, each as path:line:column: message (exact text)."""

from __future__ import annotations

import pytest

from generator.config import load_config
from generator.errors import BriefingError
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
        ("- name: Japan\n  summary: [a, b\n", [f"{STATES}:3:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"]),
        ("- name: Japan\n\tsummary: x\n", [f"{STATES}:2:1: tab character in indentation; indent with spaces"]),
        ("- &a {name: Japan, summary: A state.}\n- *a\n",
         [f"{STATES}:1:3: YAML anchor '&a' is not allowed", f"{STATES}:2:3: YAML alias '*a' is not allowed; write the value out"]),
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
        f"{STATES}:13:13: alias 'pyongyang' is already claimed by 'North Korea' ({STATES}:7)"
    ]


def test_all_problems_are_reported_at_once(project):
    found = problems(project, "people", "- name: A B\n  summary: One.\n  state: Atlantis\n  born: 1952-13-01\n  rol: x\n- summary: No name.\n")
    assert found == [
        f"{PEOPLE}:3:10: 'Atlantis' is not the name of any entry",
        f"{PEOPLE}:4:9: 'born': '1952-13-01' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        f"{PEOPLE}:5:3: unknown key 'rol' (did you mean 'role'?)",
        f"{PEOPLE}:6:3: entry: missing required key 'name'",
    ]


def test_reference_to_the_wrong_category(project):
    found = problems(project, "people", "- name: A B\n  summary: One.\n  state: Ballistic missile\n")
    assert found == [f"{PEOPLE}:3:10: 'Ballistic missile' is in weapons, expected an entry of states"]


def test_scalars_stay_the_strings_typed(project):
    project.glossary("states", "- name: Norway\n  summary: A state.\n  capital: NO\n")
    config = load_config(project.root)
    glossary, found = load_glossary(project.root, config.glossary_dir, config.categories)
    assert [f.values for f in glossary.by_name()["Norway"].facts] == [("NO",)]


def test_a_short_name_may_not_be_anothers_alias(project):
    found = problems(project, "people", "- name: A B\n  summary: One.\n  short_names: [Pyongyang]\n")
    assert found == [f"{PEOPLE}:3:17: short name 'Pyongyang' is a name or alias of 'North Korea' (seeds/glossary/states.yml:7); an alias always wins"]


def test_exclude_must_contain_a_name(project):
    found = problems(project, "people", "- name: A B\n  summary: One.\n  exclude: [Something Else]\n")
    assert found == [f"{PEOPLE}:3:13: exclude 'Something Else' contains none of this entry's names"]


def test_config_problems(project):
    project.write("briefing.yml", "titel: X\ncategories:\n  people: {title: People, fields: {state: ref stats, born: dat}}\n")
    with pytest.raises(BriefingError) as error:
        load_config(project.root)
    assert [str(p) for p in error.value.problems] == [
        "briefing.yml:1:1: briefing.yml: missing required key 'title'",
        "briefing.yml:1:1: unknown key 'titel' (did you mean 'title'?)",
        "briefing.yml:3:43: field 'state': no category 'stats'",
        "briefing.yml:3:60: field 'born': unknown type 'dat' (did you mean 'date'?) (one of date, offices, ref, refs, text, texts, 'ref CATEGORY')",
    ]
