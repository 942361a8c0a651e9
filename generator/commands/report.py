"""What the commands (and the MkDocs plugin, under ``mkdocs serve``) tell the user: plain lines."""

from __future__ import annotations

import sys
from itertools import islice

from ..annotate.coverage import Coverage
from ..errors import BriefingError
from ..pipeline import Result

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_STALE = 3  # only `briefing check --stale`
NOTES = 10  # unlinked shared names shown after a build; `briefing coverage` lists all


def problems(error: BriefingError, what: str = "nothing written") -> int:
    """Every problem on its own line, then a count; the exit code for bad input."""
    for problem in error.problems:
        print(problem, file=sys.stderr)
    count = len(error.problems)
    print(f"briefing: {count} problem{'s' if count != 1 else ''}; {what}", file=sys.stderr)
    return EXIT_PROBLEMS


def notes(result: Result) -> list[str]:
    """Warnings and unlinked shared names (the first few): lines for stderr."""
    site = result.site
    lines = [f"warning: {warning}" for warning in result.warnings]
    # The first few, and a count of the rest (tens of thousands in a big briefing: not listed).
    unlinked = ((a, u) for a in site.articles for u in a.unresolved)
    for annotated, unresolved in islice(unlinked, NOTES):
        block = annotated.article.blocks[unresolved.block]
        names = ", ".join(site.entries[c].name for c in unresolved.candidates)
        lines.append(f"note: {annotated.article.path}:{block.line}: '{unresolved.text}' left unlinked (could be {names})")
    total = sum(len(a.unresolved) for a in site.articles)
    if total > NOTES:
        lines.append(f"note: {total - NOTES} more shared names left unlinked; 'briefing coverage' lists them all")
    return lines


def counts(result: Result, verb: str) -> str:
    """``briefing build: 2 articles, 59 people, ...; 3 pages to write, 0 to remove, 117 unchanged``."""
    site, plan = result.site, result.plan
    entries = ", ".join(f"{sum(1 for e in site.glossary.entries if e.category == c.key)} {c.key}" for c in site.config.categories)
    return (f"briefing {verb}: {len(site.articles)} articles, {entries}; "
            f"{len(plan.writes)} pages to write, {len(plan.deletes)} to remove, {plan.unchanged} unchanged")


def coverage_summary(report: Coverage) -> str:
    top = ", ".join(f"{n.text} ×{n.count}" for n in report.unknown[:5])
    return (
        f"coverage: {len(report.unknown)} names not in the glossary{f' (most frequent: {top})' if top else ''}; "
        f"{len(report.unmentioned)} entries never mentioned; {len(report.unused_aliases)} aliases unused; "
        f"{len(report.unresolved)} shared names unlinked. Details: briefing coverage"
    )
