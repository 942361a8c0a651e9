"""The JSON Schemas editors use and the validator the build uses agree, entry by entry."""

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

ROOT = Path(__file__).resolve().parent.parent


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
    category = load_config(ROOT).category("people")
    node, problems = parse_yaml(text, "people.yml")
    assert problems == []
    _, found = check_mapping(node[0], entry_schema(category), "people.yml", "entry")
    validator = jsonschema.Draft202012Validator(category_schema(category))
    assert (found == []) is valid
    assert validator.is_valid(plain(node)) is valid


def test_committed_schemas_are_named_by_every_glossary_file():
    config = load_config(ROOT)
    for category in config.categories:
        schema = ROOT / "docs" / "schemas" / f"{category.key}.schema.json"
        jsonschema.Draft202012Validator.check_schema(json.loads(schema.read_text()))
        first = (ROOT / config.glossary_dir / f"{category.key}.yml").read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../docs/schemas/{category.key}.schema.json"


def test_the_seed_glossary_passes_the_schemas():
    config = load_config(ROOT)
    for category in config.categories:
        node, problems = parse_yaml((ROOT / config.glossary_dir / f"{category.key}.yml").read_text(), category.key)
        assert problems == []
        jsonschema.validate(plain(node), category_schema(category))
