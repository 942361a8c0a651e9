"""The JSON Schemas editors use and the validator the build uses agree, entry by entry.

On the sample fixture briefing (tests/fixtures/sample): the schemas its build generates for its
categories, and its glossary files, which name them and pass them.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator.config import load_config
from generator.ingest.glossary import entry_schema
from generator.ingest.yamlfile import parse_yaml
from generator.json_schema import category_schema
from generator.schema import check_mapping
from tests.sites import SAMPLE, build_fixture


def plain(value):
    """The located YAML value as plain JSON data (what an editor's YAML server would check)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return None if value is None else str(value)


CASES = [
    ("- {name: Kim Jong-un, summary: Leader., state: North Korea, born: 1984}", True),
    ("- {name: A, summary: B., offices: [{title: President, start: 2001-01-20, end: 2009-01-20}]}", True),
    ("- {name: A, summary: B., aliases: [X, Y], short_names: [Z], exclude: [X Y Z], description: Text.}", True),
    ("- {name: A, summary: B., born: 2001-13-01}", False),
    ("- {name: A, summary: B., born: 20010101}", False),
    ("- {name: A}", False),
    ("- {summary: B.}", False),
    ("- {name: A, summary: B., aliasses: [X]}", False),
    ("- {name: A, summary: B., aliases: X}", False),
    ("- {name: A, summary: B., offices: [{title: President}]}", False),
    ("- {name: A, summary: B., offices: [{title: P, start: 2001, extra: x}]}", False),
    ("- {name: A, summary: B., state: [a, b]}", False),
    ("- {name: '', summary: B.}", False),
]


@pytest.mark.parametrize("text, valid", CASES)
def test_schema_and_validator_agree(text, valid):
    category = load_config(SAMPLE.path).category("people")
    node, problems = parse_yaml(text, "people.yml")
    assert problems == []
    _, found = check_mapping(node[0], entry_schema(category), "people.yml", "entry")
    validator = jsonschema.Draft202012Validator(category_schema(category))
    assert (found == []) is valid
    assert validator.is_valid(plain(node)) is valid


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample fixture briefing after ``briefing build``: its docs/schemas/ are generated."""
    return build_fixture("sample", tmp_path_factory.mktemp("schemas") / "project", mkdocs=False)


def test_generated_schemas_are_named_by_every_glossary_file(built):
    config = load_config(built)
    assert config.categories
    for category in config.categories:
        schema = built / config.docs_dir / "schemas" / f"{category.key}.schema.json"
        data = json.loads(schema.read_text())
        jsonschema.Draft202012Validator.check_schema(data)
        assert data == category_schema(category), category.key
        first = (built / config.glossary_dir / f"{category.key}.yml").read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../docs/schemas/{category.key}.schema.json"


def test_the_fixture_glossary_passes_the_generated_schemas(built):
    config = load_config(built)
    for category in config.categories:
        node, problems = parse_yaml((built / config.glossary_dir / f"{category.key}.yml").read_text(), category.key)
        assert problems == []
        assert node, category.key
        schema = json.loads((built / config.docs_dir / "schemas" / f"{category.key}.schema.json").read_text())
        jsonschema.validate(plain(node), schema)


def test_a_broken_fixture_entry_fails_the_generated_schema(built):
    # The check above cannot pass on nothing: a misspelt key in a copy of the fixture's entry fails.
    config = load_config(built)
    node, _ = parse_yaml((built / config.glossary_dir / "people.yml").read_text(), "people")
    entries = plain(node)
    entries[0]["summry"] = entries[0].pop("summary")
    schema = json.loads((built / config.docs_dir / "schemas" / "people.schema.json").read_text())
    assert not jsonschema.Draft202012Validator(schema).is_valid(entries)
