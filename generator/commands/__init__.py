"""The ``briefing`` command line: one small module per command, this one only parses and dispatches.

Each command module has ``add_parser(subparsers)`` and ``run(args) -> exit code``. User mistakes
are one line each on stderr and exit 1; nothing prints a traceback for them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add, build, check, coverage, import_, init

COMMANDS = (build, check, coverage, add, import_, init)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="briefing", description="Build an annotated news briefing for MkDocs.")
    top.add_argument("--root", type=Path, default=Path("."), help="project folder (where briefing.yml is)")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands).set_defaults(run=command.run)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `briefing coverage | head`: the reader has seen enough
        sys.stderr.close()
        return 0
