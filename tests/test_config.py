"""briefing.yml: SITE_URL overrides site_url, and the README documents every key there is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.config import CATEGORY_SCHEMA, CONFIG_SCHEMA, load_config
from generator.errors import BriefingError
from generator.schema import ENTRY_SCHEMA

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_site_url_from_the_file_or_the_environment(project):
    assert load_config(project.root, environ={}).site_url == ""
    project.write("briefing.yml", project.root.joinpath("briefing.yml").read_text() + "site_url: https://example.org/b\n")
    assert load_config(project.root, environ={}).site_url == "https://example.org/b/"
    assert load_config(project.root, environ={"SITE_URL": "https://owner.github.io/repo/"}).site_url == "https://owner.github.io/repo/"
    assert load_config(project.root, environ={"SITE_URL": "  "}).site_url == "https://example.org/b/"


@pytest.mark.parametrize("environ, expected", [
    ({}, "briefing.yml:"),
    ({"SITE_URL": "owner.github.io/repo"}, "SITE_URL: SITE_URL (environment): expected an http(s) address"),
])
def test_a_site_url_must_be_an_address(project, environ, expected):
    project.write("briefing.yml", project.root.joinpath("briefing.yml").read_text() + "site_url: example.org\n")
    with pytest.raises(BriefingError) as raised:
        load_config(project.root, environ=environ)
    (problem,) = raised.value.problems
    assert str(problem).startswith(expected)
    if not environ:
        assert str(problem) == "briefing.yml:16:11: 'site_url': expected an http(s) address such as https://owner.github.io/repo/, got 'example.org'"


def _table(heading: str) -> str:
    """The Markdown table that follows a README heading."""
    start = README.index(heading)
    found = re.search(r"(?:^\|.*\|\n)+", README[start:], re.M)
    assert found, f"no table after {heading!r}"
    return found[0]


def _keys(table: str) -> set[str]:
    return set(re.findall(r"^\| `([a-z_]+)`", table, re.M))


def test_readme_documents_every_briefing_yml_key():
    documented = _keys(_table("### briefing.yml"))
    assert set(CONFIG_SCHEMA) | {"categories", "lexicon", "feeds"} == documented  # the three checked by their own functions


def test_readme_documents_every_category_key():
    documented = _keys(_table("### A category"))
    assert set(CATEGORY_SCHEMA) | {"fields"} == documented


def test_readme_documents_every_glossary_entry_key():
    documented = _keys(_table("## Glossary"))
    assert set(ENTRY_SCHEMA) <= documented, set(ENTRY_SCHEMA) - documented
    sample = load_config(ROOT / "tests" / "fixtures" / "sample", environ={})  # the seed's categories
    for category in sample.categories:
        for field in category.fields:
            assert f"`{field.key}`" in README, f"the README does not mention {category.key}'s field {field.key!r}"


# --------------------------------------------------------------------------- a category's group_by

def _weapons_grouped_by(project, line: str) -> None:
    """The test project's briefing.yml with one more line for weapons (line 15), after its singular."""
    from tests.conftest import MINI_CONFIG

    project.write("briefing.yml", MINI_CONFIG.replace("    singular: weapon\n", f"    singular: weapon\n{line}"))


WRITE = "write group_by: class, group_by: operator or group_by: none"


@pytest.mark.parametrize("line, grouped_by, problem", [
    ("", "class", None),  # no option: the first ref to the same category, as before
    ("    group_by: class\n", "class", None),
    ("    group_by: operator\n", "operator", None),  # a ref to another category
    ("    group_by: none\n", None, None),
    ("    group_by:\n", "class", None),  # empty: as if absent
    ("    group_by: calss\n", None, f"briefing.yml:15:15: category 'weapons': group_by 'calss' is not one of its fields (did you mean 'class'?): {WRITE}"),
    ("    group_by: range\n", None, f"briefing.yml:15:15: category 'weapons': group_by 'range' is a text field, and an index is grouped by a ref or refs field: {WRITE}"),
    ("    group_by: first_test\n", None, f"briefing.yml:15:15: category 'weapons': group_by 'first_test' is a date field, and an index is grouped by a ref or refs field: {WRITE}"),
    ("    group_by: false\n", None, f"briefing.yml:15:15: category 'weapons': group_by 'false' is not one of its fields: {WRITE}"),
    ("    group_by: [class]\n", None, "briefing.yml:15:15: 'group_by': expected a text, got a list"),
])
def test_group_by_names_a_ref_field_of_the_category_or_none(project, line, grouped_by, problem):
    _weapons_grouped_by(project, line)
    if problem is None:
        weapons = load_config(project.root, environ={}).category("weapons")
        assert weapons.group_by == grouped_by
        assert (weapons.group_field.key if weapons.group_field else None) == grouped_by
        return
    with pytest.raises(BriefingError) as raised:
        load_config(project.root, environ={})
    assert [str(p) for p in raised.value.problems] == [problem]


def test_a_wrong_group_by_is_reported_with_every_other_problem(project):
    _weapons_grouped_by(project, "    group_by: range\n    quotes: maybe\n")
    with pytest.raises(BriefingError) as raised:
        load_config(project.root, environ={})
    found = [str(p) for p in raised.value.problems]
    assert len(found) == 2 and found[0].startswith("briefing.yml:15:15: category 'weapons': group_by 'range'")
    assert found[1].startswith("briefing.yml:16:13: 'quotes': expected true or false")


def test_group_by_a_field_that_is_itself_wrong_reports_the_field_only(project):
    from tests.conftest import MINI_CONFIG

    config = MINI_CONFIG.replace("class: ref weapons", "class: ref weapon").replace("    singular: weapon\n", "    singular: weapon\n    group_by: class\n")
    project.write("briefing.yml", config)
    with pytest.raises(BriefingError) as raised:
        load_config(project.root, environ={})
    (problem,) = raised.value.problems
    assert "field 'class': no category 'weapon'" in str(problem)


def test_states_without_a_ref_field_are_not_grouped(project):
    assert load_config(project.root, environ={}).category("states").group_by is None
    assert load_config(project.root, environ={}).category("people").group_by == "state"


def test_group_by_in_a_category_with_no_ref_field_says_none(project):
    from tests.conftest import MINI_CONFIG

    project.write("briefing.yml", MINI_CONFIG.replace("    singular: state\n", "    singular: state\n    group_by: capital\n"))
    with pytest.raises(BriefingError) as raised:
        load_config(project.root, environ={})
    assert [str(p) for p in raised.value.problems] == [
        "briefing.yml:11:15: category 'states': group_by 'capital' is a text field, and an index is grouped by a ref or refs field: write group_by: none"]
