"""``briefing coverage``: what the glossary misses and what in it nothing uses. Reads and annotates
only (``pipeline.prepare``): no page is rendered, nothing is written, not even the build cache."""

from __future__ import annotations

import sys

from ..annotate.coverage import Coverage, coverage
from ..errors import BriefingError
from ..model import NoteKind
from ..pipeline import prepare
from . import report


def add_parser(commands):
    parser = commands.add_parser("coverage", help="names the glossary misses, entries and aliases nothing uses")
    parser.add_argument("--limit", type=int, default=None, help="show at most this many of each")
    return parser


def run(args) -> int:
    try:
        site, _ = prepare(args.root)
    except BriefingError as error:
        return report.problems(error, "nothing to report on")
    show(coverage(site.glossary, list(site.articles)), args.limit)
    return report.EXIT_OK


def show(found: Coverage, limit: int | None, out=sys.stdout) -> None:
    """The full coverage report; ``limit`` caps each list."""
    cut = (lambda items: items[:limit]) if limit else (lambda items: items)
    print(f"Names in articles that no entry covers ({len(found.unknown)}):", file=out)
    for name in cut(found.unknown):
        print(f"  {name.count:>4}  {name.text}  ({name.article}: {name.sentence})", file=out)
    print(f"Entries no article mentions ({len(found.unmentioned)}):", file=out)
    for name in cut(found.unmentioned):
        print(f"        {name}", file=out)
    print(f"Aliases and short names that match nothing ({len(found.unused_aliases)}):", file=out)
    for name, alias in cut(found.unused_aliases):
        print(f"        {alias}  (of {name})", file=out)
    print(f"Shared names left unlinked ({len(found.unresolved)}):", file=out)
    for annotated, unresolved in cut(found.unresolved):
        block = annotated.article.blocks[unresolved.block]
        print(f"        {annotated.article.path}:{block.line}: '{unresolved.text}'", file=out)
    # What to check for precision: every reading the linker chose between two.
    for kind, heading in _DECISIONS:
        rows = [d for d in found.decisions if d[0] is kind]
        print(f"{heading} ({sum(d[3] for d in rows)}):", file=out)
        for _, text, name, count in cut(rows):
            print(f"  {count:>4}  {text}  ({name})", file=out)


_DECISIONS = (
    (NoteKind.PLACE, "Place names read as places, not linked"),
    (NoteKind.GOVERNMENT, "Place names linked as their government"),
    (NoteKind.BY_TITLE, "Shared names linked by a title that fits an office on the date"),
    (NoteKind.BY_STATE, "Shared names linked by their state named nearby"),
    (NoteKind.BY_DATE, "Short names linked by date alone (only one entry has them)"),
)
