"""``briefing build``: regenerate docs/ from briefing.yml and the seeds (writes nothing on bad input)."""

from __future__ import annotations

import sys

from ..annotate.coverage import coverage
from ..errors import BriefingError
from ..pipeline import build, up_to_date
from . import report


def add_parser(commands):
    return commands.add_parser("build", help="regenerate docs/ from briefing.yml and seeds/")


def run(args) -> int:
    if up_to_date(args.root):
        print("briefing build: nothing changed since the last build; docs/ is current")
        return report.EXIT_OK
    try:
        result = build(args.root)
    except BriefingError as error:
        return report.problems(error)
    for line in report.notes(result):
        print(line, file=sys.stderr)
    print(report.counts(result, "build"))
    print(report.coverage_summary(coverage(result.site.glossary, list(result.site.articles))))
    return report.EXIT_OK
