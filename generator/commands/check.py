"""``briefing check``: every input is valid and a build would succeed. Writes nothing.

docs/ is a build output (CI and the Pages workflow regenerate it), so whether it is current does
not matter, unless you commit it: ``--stale`` then also fails (exit 3) when docs/ is not what
``briefing build`` would write.
"""

from __future__ import annotations

import sys

from ..errors import BriefingError
from ..pipeline import build, up_to_date
from . import report


def add_parser(commands):
    check = commands.add_parser("check", help="validate every input and that a build would succeed (writes nothing)")
    check.add_argument("--stale", action="store_true",
                       help="also fail (exit 3) when docs/ is not what build would write (for projects that commit docs/)")
    return check


def run(args) -> int:
    if up_to_date(args.root):
        print("briefing check: inputs valid; nothing changed since the last build")
        return report.EXIT_OK
    try:
        # A dry run reads, annotates and renders everything and plans the writes: it fails on any
        # bad input and on a page that would land on a file the generator does not own.
        result = build(args.root, dry_run=True)
    except BriefingError as error:
        return report.problems(error, "a build would fail")
    for line in report.notes(result):
        print(line, file=sys.stderr)
    print(report.counts(result, "check"))
    if args.stale and result.plan.changes:
        docs = result.site.config.docs_dir
        for path in sorted(result.plan.writes):
            print(f"stale: {docs}/{path}", file=sys.stderr)
        for path in result.plan.deletes:
            print(f"stale: {docs}/{path} (no longer generated)", file=sys.stderr)
        print(f"briefing check: {docs}/ is out of date; run 'briefing build'", file=sys.stderr)
        return report.EXIT_STALE
    return report.EXIT_OK
