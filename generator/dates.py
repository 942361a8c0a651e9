"""Dates: partial dates as typed in the glossary (YYYY, YYYY-MM, YYYY-MM-DD) and the month names
of wire copy ("Sept. 12", "Oct 9"). One owner, so datelines, offices and pages agree."""

from __future__ import annotations

import datetime as dt
import re

from . import lexicon


@lexicon.derived
def month_numbers() -> dict[str, int]:
    """Every spelling of a month (lowercased, without a period) -> its number."""
    numbers = {}
    for number, line in enumerate(lexicon.phrases("months"), start=1):
        for spelling in line.split():
            numbers[spelling.casefold()] = number
    return numbers


@lexicon.derived
def month_pattern() -> str:
    """A regular expression (no groups) for a month name or abbreviation, with its period."""
    spellings = sorted(month_numbers(), key=len, reverse=True)
    return r"(?:" + "|".join(re.escape(s.capitalize()) for s in spellings) + r")\.?"


def floor(text: str) -> dt.date:
    """The first day of a partial date."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def ceiling(text: str) -> dt.date:
    """The last day of a partial date."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)
