"""``briefing add CATEGORY NAME``: a stub entry appended to the category's glossary file."""

from __future__ import annotations

import sys

from ..editing import add_entry
from ..errors import BriefingError
from . import report


def add_parser(commands):
    parser = commands.add_parser("add", help="append a stub entry to a glossary file")
    parser.add_argument("category", help="a category from briefing.yml, e.g. people")
    parser.add_argument("name", help="the entry's name")
    return parser


def run(args) -> int:
    try:
        shown, line = add_entry(args.root, args.category, args.name)
    except BriefingError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return report.EXIT_PROBLEMS
    print(f"{shown}:{line}: added '{args.name.strip()}'; write its summary before the next build")
    return report.EXIT_OK
