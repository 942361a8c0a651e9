"""The domain: frozen dataclasses that flow through ingest -> annotate -> render -> write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import NamedTuple

from .dates import ceiling as date_ceiling, floor as date_floor
from .schema import Kind


@dataclass(frozen=True)
class FieldDef:
    """A category-specific glossary field declared in briefing.yml (e.g. people: state: ref states)."""

    key: str
    kind: Kind
    target: str | None = None  # the category a reference must name

    @property
    def label(self) -> str:
        return self.key.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Category:
    key: str  # also the YAML file name (people -> people.yml) and the URL folder
    title: str  # "People"
    singular: str  # "person": used in CSS classes and labels
    fields: tuple[FieldDef, ...] = ()
    quotes: bool = False  # collect what entries of this category are quoted as saying
    # The ref or refs field its index is grouped by (a weapon's class), None for one list: decided
    # by config (briefing.yml's group_by, else its automatic choice), never by the renderer.
    group_by: str | None = None

    @property
    def group_field(self) -> FieldDef | None:
        return next((f for f in self.fields if f.key == self.group_by), None)


@dataclass(frozen=True)
class Config:
    title: str
    description: str
    articles_dir: str
    glossary_dir: str
    docs_dir: str
    categories: tuple[Category, ...]
    site_url: str = ""
    lexicon: tuple[tuple[str, tuple[str, ...]], ...] = ()  # briefing.yml's own words, by list

    def category(self, key: str) -> Category:
        # Asked once per link on every page: a dict, made on first use (the dataclass is frozen;
        # the table is no field, so equality and hashing ignore it).
        table = self.__dict__.get("_by_key")
        if table is None:
            table = {c.key: c for c in self.categories}
            object.__setattr__(self, "_by_key", table)
        return table[key]


@dataclass(frozen=True)
class Office:
    title: str
    start: str
    end: str | None = None

    @property
    def days(self) -> tuple[dt.date, dt.date]:
        """First and last day in office (an open term lasts until the end of time)."""
        return date_floor(self.start), (date_ceiling(self.end) if self.end else dt.date.max)


@dataclass(frozen=True)
class Fact:
    """One typed fact for an entry's facts box, in the order the category declares them."""

    field: FieldDef
    values: tuple[str, ...]  # text, a date, or names of referenced entries


@dataclass(frozen=True)
class Entry:
    category: str
    name: str
    slug: str
    summary: str
    aliases: tuple[str, ...] = ()
    short_names: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # place names that mean the entry only when they act ("Seoul said")
    exclude: tuple[str, ...] = ()
    description: str = ""
    facts: tuple[Fact, ...] = ()
    offices: tuple[Office, ...] = ()
    sources: tuple[str, ...] = ()  # where the facts were checked
    source: str = ""  # path:line where the entry is defined

    @property
    def key(self) -> str:
        return f"{self.category}/{self.slug}"


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]  # sorted by category order, then name

    @cached_property
    def _by_key(self) -> dict[str, Entry]:
        return {e.key: e for e in self.entries}

    @cached_property
    def _by_name(self) -> dict[str, Entry]:
        return {e.name: e for e in self.entries}

    def by_key(self) -> dict[str, Entry]:
        return self._by_key

    def by_name(self) -> dict[str, Entry]:
        return self._by_name


class BlockKind(Enum):
    HEADLINE = "headline"  # the article's title: its mentions count, it carries no links
    PARAGRAPH = "paragraph"
    SUBHEADING = "subheading"
    CAPTION = "caption"


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str
    line: int  # line in the source file, for messages
    dateline: int = 0  # length of a leading dateline ("SEOUL, March 3 (Reuters) -"): text, never mentions


class RemovalKind(Enum):
    OUTLET_PREFIX = "outlet prefix"
    REPEATED_HEADLINE = "repeated headline"
    TEASER = "teaser"
    BOILERPLATE = "boilerplate"
    PHOTO_CREDIT = "photo credit"
    NAVIGATION = "navigation"
    CONTROL_CHARACTERS = "control characters"
    BYLINE = "byline"
    METADATA = "metadata"


@dataclass(frozen=True, slots=True)
class Removal:
    kind: RemovalKind
    text: str
    line: int


@dataclass(frozen=True)
class Article:
    path: str  # source file, relative to the project
    slug: str
    title: str
    date: dt.date | None
    source: str | None
    url: str | None
    blocks: tuple[Block, ...]
    removed: tuple[Removal, ...] = ()
    nbsp_replaced: int = 0

    @property
    def sort_key(self):
        # Newest first; undated last; ties broken by slug so the order never depends on disk order.
        return (self.date is None, -(self.date.toordinal() if self.date else 0), self.slug)


class Mention(NamedTuple):
    """An entry named in an article: block index and character span within that block's text.

    A named tuple, not a dataclass: there is one per mention (a hundred an article), and building
    a tuple costs half of a frozen dataclass's __init__.
    """

    entry: str  # Entry.key
    block: int
    start: int
    end: int
    linked: bool = False  # the first mention of the entry in the article carries the link


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A shared short name the linker could not attribute (e.g. 'Kim' in an undated article)."""

    text: str
    block: int
    start: int
    candidates: tuple[str, ...]


class NoteKind(Enum):
    """How the linker decided a name it could have read either way (for `briefing coverage`)."""

    PLACE = "place"  # a place name read as a location: not linked
    GOVERNMENT = "government"  # a place name read as its government: linked
    BY_TITLE = "by title"  # a shared short name resolved by a title that fits an office on the date
    BY_STATE = "by state"  # a shared short name resolved by the candidate's state named nearby
    BY_DATE = "by date"  # a short name only one entry has, in office on the article's date


class Note(NamedTuple):
    kind: NoteKind
    text: str
    block: int
    start: int
    entry: str  # the entry the name could mean (or was linked to)


@dataclass(frozen=True)
class AnnotatedArticle:
    article: Article
    mentions: tuple[Mention, ...]
    unresolved: tuple[Unresolved, ...] = ()
    notes: tuple[Note, ...] = ()

    def entries(self) -> tuple[str, ...]:
        """Entry keys in order of first mention (worked out once: lists, feeds and keys ask often)."""
        found = self.__dict__.get("_entries")
        if found is None:
            found = tuple(dict.fromkeys(m.entry for m in self.mentions))
            object.__setattr__(self, "_entries", found)
        return found
