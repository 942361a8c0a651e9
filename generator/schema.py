"""Declarative schemas for the hand-edited YAML: declared once, checked with every problem reported.

A schema is a mapping of key -> ``Field``. ``check_mapping`` validates one located YAML mapping
against it and returns problems (unknown keys with the closest valid key, missing required keys,
wrong types, malformed dates). References to other entries are collected here and resolved by
the glossary loader once every file has been read.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import Enum

from . import dates
from .errors import Problem
from .ingest.yamlfile import LocList, LocMap, LocStr, YamlValue



class Kind(Enum):
    TEXT = "text"
    TEXT_LIST = "text list"
    DATE = "date"
    REF = "ref"
    REF_LIST = "ref list"
    OFFICES = "offices"

    @property
    def expected(self) -> str:
        return {
            Kind.TEXT: "a text",
            Kind.TEXT_LIST: "a list of texts",
            Kind.DATE: "a date (YYYY, YYYY-MM or YYYY-MM-DD)",
            Kind.REF: "the name of an entry",
            Kind.REF_LIST: "a list of entry names",
            Kind.OFFICES: "a list of offices ({title, start, end})",
        }[self]


@dataclass(frozen=True)
class Field:
    kind: Kind
    required: bool = False
    target: str | None = None  # category a REF must name; None = any category
    help: str = ""


@dataclass(frozen=True)
class Ref:
    """A reference typed in a glossary file, resolved once every file is read."""

    name: LocStr
    target: str | None


@dataclass
class Checked:
    """The plain values of a checked mapping, plus the references it makes."""

    values: dict[str, object] = field(default_factory=dict)
    refs: list[Ref] = field(default_factory=list)


def _type_problem(path: str, value, key: str, kind: Kind, where: LocMap) -> Problem:
    got = {LocStr: "a text", LocList: "a list", LocMap: "a mapping", type(None): "nothing"}[type(value)]
    if isinstance(value, LocStr) and not value.strip():
        got = "an empty text"
    line = getattr(value, "line", 0) or getattr(where.key(key), "line", where.line)
    column = getattr(value, "column", 0) or getattr(where.key(key), "column", where.column)
    return Problem(path, line, column, f"'{key}': expected {kind.expected}, got {got}")


def suggest(key: str, choices) -> str:
    close = difflib.get_close_matches(key, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_mapping(node: YamlValue, schema: dict[str, Field], path: str, what: str) -> tuple[Checked, list[Problem]]:
    problems: list[Problem] = []
    checked = Checked()
    if not isinstance(node, LocMap):
        line, column = getattr(node, "line", 0), getattr(node, "column", 0)
        return checked, [Problem(path, line, column, f"{what}: expected a mapping of keys")]
    for key, value in node.items():
        spec = schema.get(key)
        if spec is None:
            problems.append(Problem(path, key.line, key.column, f"unknown key '{key}'{suggest(key, schema)}"))
            continue
        checked.values[str(key)], found = _check_value(value, spec, key, node, path, checked.refs)
        problems += found
    for key, spec in schema.items():
        if spec.required and node.key(key) is None:
            problems.append(Problem(path, node.line, node.column, f"{what}: missing required key '{key}'"))
    return checked, problems


def _check_value(value, spec: Field, key: str, node: LocMap, path: str, refs: list[Ref]):
    kind = spec.kind
    if value is None and not spec.required:
        return None, []
    if kind in (Kind.TEXT, Kind.DATE, Kind.REF):
        if not isinstance(value, LocStr) or (spec.required and not value.strip()):
            return None, [_type_problem(path, value, key, kind, node)]
        if kind is Kind.DATE and not dates.valid(value):
            return None, [Problem(path, value.line, value.column, f"'{key}': '{value}' is not {kind.expected}")]
        if kind is Kind.REF:
            refs.append(Ref(value, spec.target))
        return str(value), []
    if kind in (Kind.TEXT_LIST, Kind.REF_LIST):
        if not isinstance(value, LocList) or not all(isinstance(v, LocStr) and v.strip() for v in value):
            return None, [_type_problem(path, value, key, kind, node)]
        if kind is Kind.REF_LIST:
            refs.extend(Ref(v, spec.target) for v in value)
        return tuple(str(v) for v in value), []
    # OFFICES: a list of small mappings
    if not isinstance(value, LocList):
        return None, [_type_problem(path, value, key, kind, node)]
    offices, problems = [], []
    for item in value:
        checked, found = check_mapping(item, OFFICE_SCHEMA, path, "office")
        problems += found
        start, end = checked.values.get("start"), checked.values.get("end")
        if start and end and start > end:
            problems.append(Problem(path, item.line, item.column, f"office ends ({end}) before it starts ({start})"))
        offices.append(checked.values)
    return tuple(offices), problems


OFFICE_SCHEMA = {
    "title": Field(Kind.TEXT, required=True, help="The office, e.g. 'President of the United States'."),
    "start": Field(Kind.DATE, required=True, help="First day in office."),
    "end": Field(Kind.DATE, help="Last day in office; leave out while the office is held."),
}

# Keys every glossary entry may have, whatever its category.
ENTRY_SCHEMA = {
    "name": Field(Kind.TEXT, required=True, help="Canonical name; unique across the whole glossary."),
    "summary": Field(Kind.TEXT, required=True, help="One sentence; shown as the hover text of every link."),
    "aliases": Field(Kind.TEXT_LIST, help="Other names that always mean this entry (spellings, demonyms, metonyms)."),
    "short_names": Field(
        Kind.TEXT_LIST,
        help="Names that may be shared (a surname such as 'Kim'); resolved per article by date, then context.",
    ),
    "places": Field(
        Kind.TEXT_LIST,
        help="Place names that stand for this entry only when they act or speak ('Pyongyang said'), never as a location "
        "('in Pyongyang'): capitals, seats of government ('the Kremlin').",
    ),
    "exclude": Field(Kind.TEXT_LIST, help="Phrases containing a name that do not mean this entry ('North America')."),
    "description": Field(Kind.TEXT, help="A few sentences of background for the entry's page."),
    "sources": Field(Kind.TEXT_LIST, help="Where the facts were checked (URLs or references), listed on the entry's page."),
}

# Field types a category may declare in briefing.yml, by the word used there.
FIELD_TYPES = {"text": Kind.TEXT, "date": Kind.DATE, "ref": Kind.REF, "refs": Kind.REF_LIST, "offices": Kind.OFFICES, "texts": Kind.TEXT_LIST}
