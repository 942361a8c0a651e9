"""JSON Schemas for the glossary files, generated from the same declarations the validator uses.

Written to docs/schemas/<category>.schema.json by every build (so they are published with the
site too); each glossary file names its schema in a ``# yaml-language-server: $schema=...``
comment, so editors complete keys and flag mistakes as you type.
"""

from __future__ import annotations

import json

from .ingest.glossary import entry_schema
from .model import Category
from .schema import OFFICE_SCHEMA, Field, Kind
from .render.routes import schema_path

# Editors read YAML 1.2, where an unquoted 4500 is a number and yes a boolean; the generator keeps
# every scalar as the text typed, so both are fine wherever text is.
_TEXT = {"type": ["string", "number", "boolean"]}
_DATE = {"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"}


def _property(field: Field) -> dict:
    kind = field.kind
    if kind is Kind.DATE:
        schema = dict(_DATE)
    elif kind in (Kind.TEXT, Kind.REF):
        schema = dict(_TEXT)
    elif kind in (Kind.TEXT_LIST, Kind.REF_LIST):
        schema = {"type": "array", "items": _TEXT}
    else:  # Kind.OFFICES
        schema = {"type": "array", "items": _object(OFFICE_SCHEMA)}
    if field.required:
        schema["minLength"] = 1  # applies to strings only; JSON Schema ignores it for numbers
    description = f"The name of an entry in {field.target}." if field.target else field.help
    if description:
        schema["description"] = description
    return schema


def _object(schema: dict[str, Field]) -> dict:
    return {
        "type": "object",
        "properties": {key: _property(field) for key, field in schema.items()},
        "required": [key for key, field in schema.items() if field.required],
        "additionalProperties": False,
    }


def category_schema(category: Category) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Briefing glossary: {category.title}",
        "description": f"seeds/glossary/{category.key}.yml: a list of {category.title.lower()} entries.",
        "type": "array",
        "items": _object(entry_schema(category)),
    }


def render_schemas(categories: tuple[Category, ...]) -> dict[str, str]:
    return {
        schema_path(c.key): json.dumps(category_schema(c), indent=2, ensure_ascii=False) + "\n"
        for c in categories
    }
