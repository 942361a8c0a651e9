"""``briefing import SOURCE… [--feeds]``: saved pages, URLs and feeds to ``seeds/articles/*.txt``.

The only command that uses the network (``generator/importer/fetch.py``); the build never does.
Each source gets its lines (imported as…, already imported…, or ``SOURCE: reason``); a failed
source does not stop the others. Exit 1 if any failed, else 0 (a source already imported, a
syndicated copy left out or a feed item filtered out is not a failure).
"""

from __future__ import annotations

import sys

from ..errors import BriefingError
from . import report

# The importer (trafilatura, lxml, htmldate: a sixth of a second to load) is imported when this
# command runs, not whenever the command line is parsed: `briefing build` never needs it.


def add_parser(commands):
    parser = commands.add_parser("import", help="import articles from saved web pages, URLs and RSS/Atom feeds")
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="a saved HTML page, a folder of them, an http(s) URL of an article, or an RSS/Atom feed (URL or file)")
    parser.add_argument("--feeds", action="store_true", help="also read every feed listed under feeds: in briefing.yml")
    parser.add_argument("--allow-syndicated", action="store_true",
                        help="import a story even when the same text from another outlet is already there")
    parser.add_argument("--delay", type=float, metavar="SECONDS",
                        help="wait between two requests to the same host (default 1)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="give up on a connection or a read after this long (default 20)")
    return parser


def run(args) -> int:
    if not args.sources and not args.feeds:
        print("briefing import: name a SOURCE (a saved page, a folder of them, a URL, a feed) or use --feeds", file=sys.stderr)
        return report.EXIT_PROBLEMS
    from ..importer.fetch import DELAY, TIMEOUT, Fetcher
    from ..importer.run import Importer, Kind

    fetcher = Fetcher(timeout=TIMEOUT if args.timeout is None else args.timeout,
                      delay=DELAY if args.delay is None else max(args.delay, 0.0))
    tally = dict.fromkeys(Kind, 0)
    try:
        importer = Importer(args.root, fetcher, allow_syndicated=args.allow_syndicated)
        for outcome in importer.run(args.sources, feeds=args.feeds):
            tally[outcome.kind] += 1
            print(outcome, file=sys.stderr if outcome.kind is Kind.FAILED else sys.stdout, flush=True)
    except BriefingError as error:
        return report.problems(error, "nothing imported" if not tally[Kind.IMPORTED] else "import stopped")
    finally:
        fetcher.close()
    parts = [f"{tally[k]} {k.value}" for k in (Kind.IMPORTED, Kind.ALREADY, Kind.SYNDICATED, Kind.FILTERED, Kind.FAILED)
             if tally[k] or k is Kind.IMPORTED]
    print(f"briefing import: {', '.join(parts)}", file=sys.stderr if tally[Kind.FAILED] else sys.stdout)
    return report.EXIT_PROBLEMS if tally[Kind.FAILED] else report.EXIT_OK
