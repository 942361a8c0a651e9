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
