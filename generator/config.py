"""briefing.yml: where inputs live and which glossary categories exist, validated in one place.

A new category is one line here plus one YAML file: ``organizations: {title: Organizations}``.
Category fields are declared with a type word: ``text``, ``texts``, ``date``, ``offices``,
``ref CATEGORY`` (a link to an entry of that category) or ``refs CATEGORY``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import BriefingError, Problem
from .ingest.files import read_text
from . import lexicon
from .ingest.yamlfile import LocList, LocMap, LocStr, parse_yaml
from .model import Category, Config, FieldDef
from .schema import ENTRY_SCHEMA, FIELD_TYPES, Field, Kind, check_mapping, suggest

CONFIG_FILE = "briefing.yml"
SITE_URL_VARIABLE = "SITE_URL"  # set by the Pages workflow from actions/configure-pages

CONFIG_SCHEMA = {
    "title": Field(Kind.TEXT, required=True, help="The briefing's title, shown on the home page."),
    "description": Field(Kind.TEXT, help="One paragraph on what the briefing covers."),
    "site_url": Field(Kind.TEXT, help="Where the site is published, e.g. https://owner.github.io/repo/ (feed links, MkDocs' site_url); the SITE_URL environment variable overrides it."),
    "articles": Field(Kind.TEXT, help="Folder of article .txt files (default seeds/articles)."),
    "glossary": Field(Kind.TEXT, help="Folder of glossary YAML files (default seeds/glossary)."),
    "docs": Field(Kind.TEXT, help="Folder MkDocs builds; generated pages go here (default docs)."),
    # "lexicon" (list name: [words]) is checked by _lexicon, against the lists in generator/lexicon/.
    # "categories" (name: {title, singular, fields}) is checked by _categories.
    # "feeds" (a list of {url, min_entries, words}) is checked by _feeds; only `briefing import` reads it.
}

FEED_SCHEMA = {
    "url": Field(Kind.TEXT, required=True, help="The RSS or Atom feed's address (http or https)."),
    "min_entries": Field(Kind.TEXT, help="Keep an item only if its text mentions at least this many glossary entries."),
    "words": Field(Kind.TEXT_LIST, help="Keep an item only if its headline or text has one of these words (any case)."),
}


@dataclass(frozen=True)
class Feed:
    """A feed ``briefing import --feeds`` reads; an item must pass every filter given."""

    url: str
    min_entries: int = 0
    words: tuple[str, ...] = ()


CATEGORY_SCHEMA = {
    "title": Field(Kind.TEXT, required=True, help="Plural heading, e.g. 'People'."),
    "singular": Field(Kind.TEXT, help="One of them, e.g. 'person' (default: title without a final s)."),
    "quotes": Field(Kind.TEXT, help="true: collect what entries of this category are quoted as saying."),
    "group_by": Field(Kind.TEXT, help="The ref or refs field its index is grouped by (e.g. class), or none for one list "
                                      "(default: the first ref to the same category, else the first ref)."),
    # "fields" (key: type) is checked by _fields, against the category names.
}
NO_GROUPING = "none"  # group_by: none lists a category's index in one alphabetical list

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_URL_RE = re.compile(r"^https?://[^/\s]+(/\S*)?$")


def load_config(root: Path, path: str = CONFIG_FILE, environ: Mapping[str, str] | None = None) -> Config:
    """briefing.yml (or ``path``, relative to ``root``), checked. ``SITE_URL`` in the environment
    overrides its ``site_url``: the Pages workflow knows the published address, the file may not."""
    environ = os.environ if environ is None else environ
    text, problems = read_text(root / path, path)
    node = None
    if text is not None:
        node, problems = parse_yaml(text, path)
    if problems:
        raise BriefingError(problems)
    if not isinstance(node, LocMap):
        raise BriefingError(Problem(path, 1, 1, "expected a mapping with 'title' and 'categories'"))
    checked, problems = check_mapping(_without(_without(_without(node, "categories"), "lexicon"), "feeds"), CONFIG_SCHEMA, path, "briefing.yml")
    words, found = _lexicon(node.get("lexicon"), path)
    problems += found
    problems += _feeds(node.get("feeds"), path)[1]
    categories_node = node.get("categories")
    if categories_node is None:
        problems.append(Problem(path, node.line, node.column, "briefing.yml: missing required key 'categories'"))
        categories_node = LocMap()
    categories, found = _categories(categories_node, path)
    problems += found
    values = checked.values
    site_url, where = values.get("site_url") or "", node.get("site_url")
    if environ.get(SITE_URL_VARIABLE, "").strip():
        site_url, where = environ[SITE_URL_VARIABLE].strip(), None
    if isinstance(site_url, str) and site_url and not _URL_RE.match(site_url):
        said = "'site_url'" if where is not None else f"{SITE_URL_VARIABLE} (environment)"
        problems.append(Problem(path if where is not None else SITE_URL_VARIABLE, getattr(where, "line", 0), getattr(where, "column", 0),
                                f"{said}: expected an http(s) address such as https://owner.github.io/repo/, got '{site_url}'"))
    if problems:
        raise BriefingError(problems)
    return Config(
        title=values["title"],
        description=values.get("description") or "",
        site_url=site_url.rstrip("/") + "/" if site_url else "",
        articles_dir=values.get("articles") or "seeds/articles",
        glossary_dir=values.get("glossary") or "seeds/glossary",
        docs_dir=values.get("docs") or "docs",
        categories=categories,
        lexicon=words,
    )


def load_feeds(root: Path, path: str = CONFIG_FILE) -> tuple[Feed, ...]:
    """briefing.yml's ``feeds:``, after the whole file is checked (raises BriefingError)."""
    load_config(root, path)
    text, _ = read_text(root / path, path)
    node, _ = parse_yaml(text, path)
    return _feeds(node.get("feeds"), path)[0]


def _feeds(node, path: str) -> tuple[tuple[Feed, ...], list[Problem]]:
    """``feeds: [{url: https://..., min_entries: 2, words: [missile]}, ...]``."""
    if node is None:
        return (), []
    if not isinstance(node, LocList):
        return (), [Problem(path, node.line, node.column, "'feeds': expected a list of {url: ..., min_entries: N, words: [...]}")]
    feeds, problems = [], []
    for item in node:
        checked, found = check_mapping(item, FEED_SCHEMA, path, "feed")
        problems += found
        url, least = checked.values.get("url"), checked.values.get("min_entries")
        if url and not _URL_RE.match(url):
            problems.append(Problem(path, item["url"].line, item["url"].column, f"feed 'url': expected an http(s) address, got '{url}'"))
        if least is not None and not (least.isdigit() and int(least) > 0):
            where = item["min_entries"]
            problems.append(Problem(path, where.line, where.column, f"feed 'min_entries': expected a whole number above 0, got '{least}'"))
        if not found and url:
            feeds.append(Feed(str(url), int(least) if least and least.isdigit() else 0, checked.values.get("words") or ()))
    return tuple(feeds), problems


def _lexicon(node, path: str) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], list[Problem]]:
    """``lexicon: {agencies: [Arirang, ...]}``: a briefing's own words added to the shipped lists."""
    if node is None:
        return (), []
    if not isinstance(node, LocMap):
        return (), [Problem(path, node.line, node.column, "'lexicon': expected a mapping of list: [words], e.g. agencies: [Arirang]")]
    known = lexicon.names()
    problems, lists = [], []
    for key, value in node.items():
        if key not in known:
            problems.append(Problem(path, key.line, key.column, f"lexicon: no list '{key}'{suggest(key, known)} (one of {', '.join(known)})"))
        elif not isinstance(value, LocList) or not all(isinstance(v, LocStr) and v.strip() for v in value):
            problems.append(Problem(path, key.line, key.column, f"lexicon '{key}': expected a list of words, e.g. [{key[:-1] if key.endswith('s') else key}]"))
        else:
            lists.append((str(key), tuple(str(v).strip() for v in value)))
    return tuple(lists), problems


def _categories(node, path: str) -> tuple[tuple[Category, ...], list[Problem]]:
    if not isinstance(node, LocMap) or not node:
        return (), [Problem(path, getattr(node, "line", 0), getattr(node, "column", 0), "'categories': expected a mapping of category: {title: ...}")]
    problems: list[Problem] = []
    pending = []
    for key, spec in node.items():
        if not _KEY_RE.match(key):
            problems.append(Problem(path, key.line, key.column, f"category '{key}': use lowercase letters, digits and _"))
        checked, found = check_mapping(_without(spec, "fields"), CATEGORY_SCHEMA, path, f"category '{key}'")
        problems += found
        pending.append((key, checked, spec))
    names = set(node)
    categories = []
    for key, checked, spec in pending:
        fields, found = _fields(spec.get("fields") if isinstance(spec, LocMap) else None, names, path)
        problems += found
        title = checked.values.get("title") or key.title()
        singular = checked.values.get("singular") or (title[:-1] if title.endswith("s") else title).lower()
        quotes = checked.values.get("quotes")
        if quotes not in (None, "true", "false"):
            where = spec["quotes"]
            problems.append(Problem(path, where.line, where.column, f"'quotes': expected true or false, got '{quotes}'"))
        group_by, found = _group_by(checked.values.get("group_by"), spec, fields, path, key)
        problems += found
        categories.append(Category(key=str(key), title=title, singular=singular, fields=fields, quotes=quotes == "true",
                                   group_by=group_by))
    return tuple(categories), problems


_GROUPING_KINDS = (Kind.REF, Kind.REF_LIST)
_TYPE_WORDS = {kind: word for word, kind in FIELD_TYPES.items()}


def _group_by(value: str | None, spec, fields: tuple[FieldDef, ...], path: str, category: str) -> tuple[str | None, list[Problem]]:
    """The field a category's index is grouped by. Without ``group_by``, the first reference to the
    same category (a weapon's class: the index becomes a tree of kinds), else the first reference
    to any (a person's state); ``none`` turns grouping off."""
    refs = [f for f in fields if f.kind is Kind.REF]
    if value is None:
        automatic = next((f for f in refs if f.target == category), refs[0] if refs else None)
        return (automatic.key if automatic else None), []
    if value == NO_GROUPING:
        return None, []
    declared = spec.get("fields") if isinstance(spec.get("fields"), LocMap) else {}
    if value in declared and value not in {f.key for f in fields}:
        return None, []  # the field itself is wrong, and reported as such
    where = spec["group_by"]
    choices = [f.key for f in fields if f.kind in _GROUPING_KINDS]
    write = _alternatives([f"group_by: {c}" for c in choices] + [f"group_by: {NO_GROUPING}"])
    field = next((f for f in fields if f.key == value), None)
    if field is None:
        said = f"'{value}' is not one of its fields{suggest(value, choices + [NO_GROUPING])}"
    elif field.kind not in _GROUPING_KINDS:
        said = f"'{value}' is a {_TYPE_WORDS[field.kind]} field, and an index is grouped by a ref or refs field"
    else:
        return field.key, []
    return None, [Problem(path, where.line, where.column, f"category '{category}': group_by {said}: write {write}")]


def _alternatives(choices: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return " or ".join(choices) if len(choices) < 3 else ", ".join(choices[:-1]) + " or " + choices[-1]


def _without(node, key: str):
    """The mapping minus one key (checked separately), keeping its location."""
    if not isinstance(node, LocMap):
        return node
    rest = LocMap({k: v for k, v in node.items() if k != key})
    rest.line, rest.column = node.line, node.column
    return rest


def _fields(node, categories: set[str], path: str) -> tuple[tuple[FieldDef, ...], list[Problem]]:
    if node is None:
        return (), []
    if not isinstance(node, LocMap):
        return (), [Problem(path, node.line, node.column, "'fields': expected a mapping of key: type")]
    problems, fields = [], []
    for key, value in node.items():
        if key in ENTRY_SCHEMA:
            problems.append(Problem(path, key.line, key.column, f"field '{key}' is built in; choose another name"))
            continue
        if not _KEY_RE.match(key):
            problems.append(Problem(path, key.line, key.column, f"field '{key}': use lowercase letters, digits and _"))
            continue
        words = value.split() if isinstance(value, LocStr) else []
        type_word = words[0] if words else ""
        kind = FIELD_TYPES.get(type_word)
        where = (getattr(value, "line", key.line), getattr(value, "column", key.column))
        if kind is None:
            types = ", ".join(sorted(FIELD_TYPES))
            problems.append(Problem(path, *where, f"field '{key}': unknown type '{value}'{suggest(type_word, FIELD_TYPES)} (one of {types}, 'ref CATEGORY')"))
            continue
        target = words[1] if len(words) > 1 else None
        if kind in (Kind.REF, Kind.REF_LIST):
            if target is None or len(words) != 2:
                problems.append(Problem(path, *where, f"field '{key}': write '{type_word} CATEGORY'"))
                continue
            if target not in categories:
                problems.append(Problem(path, *where, f"field '{key}': no category '{target}'{suggest(target, categories)}"))
                continue
        elif len(words) != 1:
            problems.append(Problem(path, *where, f"field '{key}': type '{type_word}' takes no argument"))
            continue
        fields.append(FieldDef(key=str(key), kind=kind, target=target))
    return tuple(fields), problems
