"""``briefing build`` and ``briefing check``: user mistakes are one line each and an exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .annotate.coverage import Coverage, coverage
from .editing import add_entry
from .errors import BriefingError
from .pipeline import Result, build, up_to_date

EXIT_PROBLEMS = 1
EXIT_STALE = 3
NOTES = 10  # unlinked shared names shown after a build; `briefing coverage` lists all


def _report(result: Result, verb: str) -> None:
    site, plan = result.site, result.plan
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    unlinked = [(a, u) for a in site.articles for u in a.unresolved]
    for annotated, unresolved in unlinked[:NOTES]:
        block = annotated.article.blocks[unresolved.block]
        names = ", ".join(site.entries[c].name for c in unresolved.candidates)
        print(f"note: {annotated.article.path}:{block.line}: '{unresolved.text}' left unlinked (could be {names})", file=sys.stderr)
    if len(unlinked) > NOTES:
        print(f"note: {len(unlinked) - NOTES} more shared names left unlinked; 'briefing coverage' lists them all", file=sys.stderr)
    counts = ", ".join(f"{sum(1 for e in site.glossary.entries if e.category == c.key)} {c.key}" for c in site.config.categories)
    print(
        f"briefing {verb}: {len(site.articles)} articles, {counts}; "
        f"{len(plan.writes)} pages to write, {len(plan.deletes)} to remove, {plan.unchanged} unchanged"
    )


def _coverage(report: Coverage, limit: int | None, out=sys.stdout) -> None:
    """The full coverage report (``briefing coverage``); ``limit`` caps each list."""
    cut = (lambda items: items[:limit]) if limit else (lambda items: items)
    print(f"Names in articles that no entry covers ({len(report.unknown)}):", file=out)
    for name in cut(report.unknown):
        print(f"  {name.count:>4}  {name.text}  ({name.article}: {name.sentence})", file=out)
    print(f"Entries no article mentions ({len(report.unmentioned)}):", file=out)
    for name in cut(report.unmentioned):
        print(f"        {name}", file=out)
    print(f"Aliases and short names that match nothing ({len(report.unused_aliases)}):", file=out)
    for name, alias in cut(report.unused_aliases):
        print(f"        {alias}  (of {name})", file=out)
    print(f"Shared names left unlinked ({len(report.unresolved)}):", file=out)
    for annotated, unresolved in cut(report.unresolved):
        block = annotated.article.blocks[unresolved.block]
        print(f"        {annotated.article.path}:{block.line}: '{unresolved.text}'", file=out)


def _summary(report: Coverage) -> str:
    top = ", ".join(f"{n.text} ×{n.count}" for n in report.unknown[:5])
    return (
        f"coverage: {len(report.unknown)} names not in the glossary{f' (most frequent: {top})' if top else ''}; "
        f"{len(report.unmentioned)} entries never mentioned; {len(report.unused_aliases)} aliases unused; "
        f"{len(report.unresolved)} shared names unlinked. Details: briefing coverage"
    )


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # `briefing coverage | head`: the reader has seen enough
        sys.stderr.close()
        return 0


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="briefing", description="Build an annotated news briefing for MkDocs.")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (where briefing.yml is)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="regenerate docs/ from seeds/")
    commands.add_parser("check", help="validate seeds/ and fail if docs/ is not what build would write")
    report = commands.add_parser("coverage", help="names the glossary misses, entries and aliases nothing uses")
    report.add_argument("--limit", type=int, default=None, help="show at most this many of each")
    add = commands.add_parser("add", help="append a stub entry to a glossary file")
    add.add_argument("category", help="a category from briefing.yml, e.g. people")
    add.add_argument("name", help="the entry's name")
    args = parser.parse_args(argv)
    if args.command == "add":
        try:
            shown, line = add_entry(args.root, args.category, args.name)
        except BriefingError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"{shown}:{line}: added '{args.name.strip()}'; write its summary before the next build")
        return 0
    if args.command in ("build", "check") and up_to_date(args.root):
        print(f"briefing {args.command}: nothing changed since the last build; docs/ is current")
        return 0
    try:
        result = build(args.root, dry_run=args.command in ("check", "coverage"))
    except BriefingError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"briefing: {count} problem{'s' if count != 1 else ''}; nothing written", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.command == "coverage":
        _coverage(coverage(result.site.glossary, list(result.site.articles)), args.limit)
        return 0
    if args.command == "check":
        _report(result, "check")
        if result.plan.changes:
            for path in sorted(result.plan.writes):
                print(f"stale: {result.site.config.docs_dir}/{path}", file=sys.stderr)
            for path in result.plan.deletes:
                print(f"stale: {result.site.config.docs_dir}/{path} (no longer generated)", file=sys.stderr)
            print("briefing check: docs/ is out of date; run 'briefing build'", file=sys.stderr)
            return EXIT_STALE
        return 0
    _report(result, "build")
    print(_summary(coverage(result.site.glossary, list(result.site.articles))))
    return 0
