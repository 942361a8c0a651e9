"""The glossary: one YAML list of entries per category, checked as a whole before anything is built.

Per entry: the common keys of ``schema.ENTRY_SCHEMA`` plus the fields its category declares in
briefing.yml. Across entries: names unique, no alias claimed twice (compared the way the
matcher compares them), every reference names an entry of the right category.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..annotate.matcher import match_key
from ..errors import Problem
from ..model import Category, Entry, Fact, Glossary, Office
from ..render.slugs import slugify, unique_slugs
from ..schema import ENTRY_SCHEMA, Field, Kind, check_mapping
from .files import read_text
from .yamlfile import LocList, LocMap, LocStr, parse_yaml


def entry_schema(category: Category) -> dict[str, Field]:
    """The keys an entry of this category may have: the common ones, then the declared fields."""
    return ENTRY_SCHEMA | {f.key: Field(f.kind, target=f.target) for f in category.fields}


def load_glossary(root: Path, folder: str, categories: tuple[Category, ...]) -> tuple[Glossary, list[Problem]]:
    problems: list[Problem] = []
    parsed = []  # (category, node, checked)
    unreadable = set()  # categories whose file could not be read: references to them are not checked
    for category in categories:
        shown = f"{folder}/{category.key}.yml"
        text, found = read_text(root / shown, shown)
        problems += found
        node, found = parse_yaml(text, shown) if text is not None else (None, [])
        problems += found
        if text is None or found:
            unreadable.add(category.key)
            continue
        if node is None:
            continue
        if not isinstance(node, LocList):
            problems.append(Problem(shown, node.line, node.column, "expected a list of entries ('- name: ...')"))
            unreadable.add(category.key)
            continue
        schema = entry_schema(category)
        for item in node:
            checked, found = check_mapping(item, schema, shown, "entry")
            problems += found
            if isinstance(item, LocMap) and checked.values.get("name"):
                parsed.append((category, shown, item, checked))
    entries, found = _build(parsed, unreadable)
    problems += found
    return Glossary(tuple(entries)), problems


def _build(parsed, unreadable: set[str]) -> tuple[list[Entry], list[Problem]]:
    problems: list[Problem] = []
    names: dict[str, tuple[str, LocStr]] = {}  # folded name -> (category, where)
    claims: dict[str, tuple[str, LocStr]] = {}  # match key of a name or alias -> (entry name, where)
    shorts: dict[str, LocStr] = {}  # match key of a short name -> first place typed
    for category, path, item, _ in parsed:
        name = item["name"]
        folded = _same(name)
        if folded in names:
            first = names[folded][1]
            problems.append(Problem(path, name.line, name.column, f"duplicate name '{name}' (also at {first.source})"))
        names.setdefault(folded, (category.key, _tag(name, path)))
        for alias in [name, *(_texts(item, "aliases")), *(_texts(item, "places"))]:
            key = match_key(alias)
            owner = claims.get(key)
            if owner and _same(owner[0]) != folded:  # a duplicate name is reported once, above
                problems.append(Problem(path, alias.line, alias.column, f"alias '{alias}' is already claimed by '{owner[0]}' ({owner[1].source})"))
            elif owner is None:
                claims[key] = (str(name), _tag(alias, path))
        for short in _texts(item, "short_names"):
            shorts.setdefault(match_key(short), _tag(short, path))
    for category, path, item, _ in parsed:
        for short in _texts(item, "short_names"):
            owner = claims.get(match_key(short))
            if owner and owner[0] != item["name"]:
                problems.append(Problem(path, short.line, short.column, f"short name '{short}' is a name or alias of '{owner[0]}' ({owner[1].source}); an alias always wins"))
        own = [match_key(n) for n in [item["name"], *(_texts(item, "aliases")), *(_texts(item, "places")), *(_texts(item, "short_names"))]]
        for phrase in _texts(item, "exclude"):
            if not any(key.strip() in match_key(phrase) for key in own):
                problems.append(Problem(path, phrase.line, phrase.column, f"exclude '{phrase}' contains none of this entry's names"))

    by_name = {name: category for name, (category, _) in names.items()}
    for category, path, item, checked in parsed:
        for ref in checked.refs:
            target = by_name.get(_same(ref.name))
            if target is None and (ref.target in unreadable or (ref.target is None and unreadable)):
                continue  # the file that would define it is broken; that problem is reported already
            if target is None:
                problems.append(Problem(path, ref.name.line, ref.name.column, f"'{ref.name}' is not the name of any entry"))
            elif ref.target and target != ref.target:
                problems.append(Problem(path, ref.name.line, ref.name.column, f"'{ref.name}' is in {target}, expected an entry of {ref.target}"))

    slugs = unique_slugs([(f"{category.key}/{slugify(item['name'])}", item["name"]) for category, _, item, _ in parsed])
    canonical = {_same(item["name"]): str(item["name"]) for _, _, item, _ in parsed}
    entries = [_entry(category, path, item, checked.values, slug.split("/", 1)[1], canonical) for (category, path, item, checked), slug in zip(parsed, slugs)]
    order = {category.key: i for i, category in enumerate(dict.fromkeys(c for c, *_ in parsed))}
    entries.sort(key=lambda e: (order[e.category], e.name.casefold(), e.name))
    return entries, problems


def _same(name: str) -> str:
    """Names that differ only in case or Unicode normal form are the same name."""
    return unicodedata.normalize("NFKC", name).casefold()


def _texts(item: LocMap, key: str) -> list[LocStr]:
    """The texts of a list-valued key as typed (wrong types were reported by the schema check)."""
    value = item.get(key)
    return [v for v in value if isinstance(v, LocStr)] if isinstance(value, LocList) else []


def _tag(value: LocStr, path: str) -> LocStr:
    value.source = f"{path}:{value.line}"
    return value


def _entry(category: Category, path: str, item: LocMap, values: dict, slug: str, canonical: dict[str, str]) -> Entry:
    facts = []
    for spec in category.fields:
        value = values.get(spec.key)
        if not value or spec.kind is Kind.OFFICES:
            continue
        items = value if isinstance(value, tuple) else (value,)
        if spec.kind in (Kind.REF, Kind.REF_LIST):
            items = tuple(canonical.get(_same(v), v) for v in items)
        facts.append(Fact(spec, tuple(items)))
    offices = tuple(
        Office(o["title"], o["start"], o.get("end"))
        for spec in category.fields
        if spec.kind is Kind.OFFICES
        for o in values.get(spec.key) or ()
    )
    return Entry(
        category=category.key,
        name=values["name"],
        slug=slug,
        summary=values.get("summary") or "",
        aliases=values.get("aliases") or (),
        short_names=values.get("short_names") or (),
        places=values.get("places") or (),
        exclude=values.get("exclude") or (),
        description=values.get("description") or "",
        facts=tuple(facts),
        offices=offices,
        sources=values.get("sources") or (),
        source=f"{path}:{item.line}",
    )
