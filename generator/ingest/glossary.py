"""The glossary: one YAML list of entries per category, checked as a whole before anything is built.

Per entry: the common keys of ``schema.ENTRY_SCHEMA`` plus the fields its category declares in
briefing.yml. Across entries: names unique, no alias or place claimed twice (compared the way the
matcher compares them, ``text.match_key``), every reference names an entry of the right category.
A file with no entries at all is a problem: it is far more often a save cut short than intended.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from ..model import Category, Entry, Fact, Glossary, Office
from ..render.slugs import slugify, unique_slugs
from ..schema import ENTRY_SCHEMA, Field, Kind, check_mapping
from ..text import match_key, same_name, sort_key
from .files import read_text
from .yamlfile import LocList, LocMap, LocStr, parse_yaml

NO_ENTRIES = "the file has no entries; add '- name: ...' entries or remove the category from briefing.yml"

# What a typed text is to its entry, as messages say it ("an alias of 'Kim Jong-un'").
_ROLE = {"name": "the name", "aliases": "an alias", "places": "a place", "short_names": "a short name"}
_KIND = {"name": "name", "aliases": "alias", "places": "place", "short_names": "short name"}


@dataclass(frozen=True)
class Claim:
    """A text that stands for an entry (its name, an alias, a place or a short name), where typed."""

    text: str  # as typed
    key: str  # "name", "aliases", "places" or "short_names"
    entry: str  # the entry's name
    path: str  # where the text is typed
    line: int
    column: int
    entry_source: str  # path:line of the entry

    @property
    def role(self) -> str:
        """'an alias of 'Kim Jong-un'' and the like."""
        return f"{_ROLE[self.key]} of '{self.entry}'"


def entry_schema(category: Category) -> dict[str, Field]:
    """The keys an entry of this category may have: the common ones, then the declared fields."""
    return ENTRY_SCHEMA | {f.key: Field(f.kind, target=f.target) for f in category.fields}


def load_glossary(root: Path, folder: str, categories: tuple[Category, ...], read=None) -> tuple[Glossary, list[Problem]]:
    """The glossary and its problems. ``read`` stands in for ``read_category`` (``mkdocs serve``
    remembers each file's result: a summary edited in one file does not parse the others again)."""
    parsed, unreadable, problems = _read(root, folder, categories, read or read_category)
    entries, found = _build(parsed, unreadable)
    problems += found
    return Glossary(tuple(entries)), problems


def load_claims(root: Path, folder: str, categories: tuple[Category, ...]) -> list[Claim]:
    """Every name, alias, place and short name of the glossary, where typed, in file order (for
    ``briefing add``, which must refuse what the validator would then refuse)."""
    parsed, _, _ = _read(root, folder, categories, read_category)
    return [
        Claim(str(text), key, str(item["name"]), path, text.line, text.column, f"{path}:{item.line}")
        for _, path, item, _ in parsed
        for key in _ROLE
        for text in ([item["name"]] if key == "name" else _texts(item, key))
    ]


def _read(root: Path, folder: str, categories: tuple[Category, ...], read):
    """Each category's file: (parsed, unreadable, problems) for them all."""
    problems: list[Problem] = []
    parsed = []  # (category, path, node, checked)
    unreadable = set()  # categories whose file could not be read: references to them are not checked
    for category in categories:
        items, readable, found = read(root, folder, category)
        parsed += items
        problems += found
        if not readable:
            unreadable.add(category.key)
    return parsed, unreadable, problems


def read_category(root: Path, folder: str, category: Category) -> tuple[tuple, bool, list[Problem]]:
    """One category's file read, parsed and checked entry by entry, on its own (what is checked
    across files is ``_build``'s): (its entries as parsed, whether it could be read, problems)."""
    shown = f"{folder}/{category.key}.yml"
    text, problems = read_text(root / shown, shown)
    node, found = parse_yaml(text, shown) if text is not None else (None, [])
    problems += found
    if text is None or found:
        return (), False, problems
    if node is None:
        # Nothing but spaces and comments: most likely a save cut short (an editor's buffer
        # emptied under `make serve`), and taking it at its word would drop the whole category.
        # An explicit `[]` is typed on purpose and stays allowed.
        return (), False, [*problems, Problem(shown, 1, message=NO_ENTRIES)]
    if not isinstance(node, LocList):
        return (), False, [*problems, Problem(shown, node.line, node.column, "expected a list of entries ('- name: ...')")]
    schema = entry_schema(category)
    parsed = []
    for item in node:
        checked, found = check_mapping(item, schema, shown, "entry")
        problems += found
        if isinstance(item, LocMap) and checked.values.get("name"):
            parsed.append((category, shown, item, checked))
    return tuple(parsed), True, problems


def _build(parsed, unreadable: set[str]) -> tuple[list[Entry], list[Problem]]:
    problems: list[Problem] = []
    names: dict[str, tuple[str, LocStr]] = {}  # folded name -> (category, where)
    claims: dict[str, tuple[str, LocStr, str]] = {}  # match key of a name, alias or place -> (entry name, where, key)
    shorts: dict[str, LocStr] = {}  # match key of a short name -> first place typed
    for category, path, item, _ in parsed:
        name = item["name"]
        folded = same_name(name)
        if folded in names:
            first = names[folded][1]
            problems.append(Problem(path, name.line, name.column, f"duplicate name '{name}' (also at {first.source})"))
        names.setdefault(folded, (category.key, _tag(name, path)))
        for kind in ("name", "aliases", "places"):  # a place is an alias for uniqueness
            for alias in [name] if kind == "name" else _texts(item, kind):
                key = match_key(alias)
                owner = claims.get(key)
                if owner and same_name(owner[0]) != folded:  # a duplicate name is reported once, above
                    what = f"{_KIND[kind]} '{alias}'" + ("" if kind == "name" else f" of '{name}'")
                    problems.append(Problem(path, alias.line, alias.column, f"{what} is already {_ROLE[owner[2]]} of '{owner[0]}' ({owner[1].source})"))
                elif owner is None:
                    claims[key] = (str(name), _tag(alias, path), kind)
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
            target = by_name.get(same_name(ref.name))
            if target is None and (ref.target in unreadable or (ref.target is None and unreadable)):
                continue  # the file that would define it is broken; that problem is reported already
            if target is None:
                problems.append(Problem(path, ref.name.line, ref.name.column, f"'{ref.name}' is not the name of any entry"))
            elif ref.target and target != ref.target:
                problems.append(Problem(path, ref.name.line, ref.name.column, f"'{ref.name}' is in {target}, expected an entry of {ref.target}"))

    slugs = unique_slugs([(f"{category.key}/{slugify(item['name'])}", item["name"]) for category, _, item, _ in parsed])
    canonical = {same_name(item["name"]): str(item["name"]) for _, _, item, _ in parsed}
    entries = [_entry(category, path, item, checked.values, slug.split("/", 1)[1], canonical) for (category, path, item, checked), slug in zip(parsed, slugs)]
    order = {category.key: i for i, category in enumerate(dict.fromkeys(c for c, *_ in parsed))}
    entries.sort(key=lambda e: (order[e.category], *sort_key(e.name)))
    return entries, problems


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
            items = tuple(canonical.get(same_name(v), v) for v in items)
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
