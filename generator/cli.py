"""``briefing build`` and ``briefing check``: user mistakes are one line each and an exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import BriefingError
from .pipeline import Result, build

EXIT_PROBLEMS = 1
EXIT_STALE = 3


def _report(result: Result, verb: str) -> None:
    site, plan = result.site, result.plan
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for annotated in site.articles:
        for unresolved in annotated.unresolved:
            block = annotated.article.blocks[unresolved.block]
            names = ", ".join(site.entries[c].name for c in unresolved.candidates)
            print(f"note: {annotated.article.path}:{block.line}: '{unresolved.text}' left unlinked (could be {names})", file=sys.stderr)
    counts = ", ".join(f"{sum(1 for e in site.glossary.entries if e.category == c.key)} {c.key}" for c in site.config.categories)
    print(
        f"briefing {verb}: {len(site.articles)} articles, {counts}; "
        f"{len(plan.writes)} pages to write, {len(plan.deletes)} to remove, {plan.unchanged} unchanged"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefing", description="Build an annotated news briefing for MkDocs.")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (where briefing.yml is)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="regenerate docs/ from seeds/")
    commands.add_parser("check", help="validate seeds/ and fail if docs/ is not what build would write")
    args = parser.parse_args(argv)
    try:
        result = build(args.root, dry_run=args.command == "check")
    except BriefingError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"briefing: {count} problem{'s' if count != 1 else ''}; nothing written", file=sys.stderr)
        return EXIT_PROBLEMS
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
    return 0
