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


PARTIAL_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# English month names for pages, in order (the first spelling on each line of lexicon/months.txt).
MONTHS = tuple(line.split()[0] for line in lexicon.phrases("months")[:12])


def valid(text: str) -> bool:
    """Whether ``text`` is a real partial date: YYYY, YYYY-MM or YYYY-MM-DD."""
    match = PARTIAL_RE.match(text)
    if not match:
        return False
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def long_date(day: dt.date | None) -> str:
    """'15 September 2017' (or 'Undated')."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "Undated"


def typed_date(text: str) -> str:
    """A partial date as typed, written out: '7 October 1952', 'October 1953', '1946'."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{MONTHS[parts[1] - 1]} {parts[0]}" if len(parts) == 2 else str(parts[0])


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
