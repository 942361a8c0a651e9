"""What wire copy puts around the story: datelines, bylines and scraped metadata lines.

Rules recognise a *shape*, with the words they need (months, agencies, titles) from the lexicon:
  SEOUL, March 3 (Reuters) -        TOKYO (AP) —        WASHINGTON/SEOUL -
  BEIJING, Oct. 9. /TASS/.          Washington and Beijing (CNN) —
  NORTH KOREA/SEOUL, SOUTH KOREA (YONHAP/REUTERS) –
  By Jane Doe, Seoul bureau         Beijing correspondent Jane Doe
  Reporting by Jane Doe; Editing by John Roe
  date 2017-09-15 By Jane Doe and John Roe, Outlet
A dateline stays in the text (styled, never a mention); bylines and metadata lines are removed
and recorded like any other cleaning.
"""

from __future__ import annotations

import datetime as dt
import re

from .. import lexicon
from ..dates import month_pattern

_DASH = r"(?:--|[-–—―])"
_CAPS_WORD = r"[A-Z][A-Z.'’\-]*[A-Z.]"  # SEOUL, U.S., NORTH-EAST
_TITLE_WORD = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*"  # Washington, Dar-es-Salaam
_JOIN = r"(?:\s*/\s*|,\s+|\s+and\s+|\s*&\s*)"


@lexicon.derived
def _dateline_re() -> re.Pattern:
    caps_place = rf"{_CAPS_WORD}(?:\s+{_CAPS_WORD})*"
    title_place = rf"{_TITLE_WORD}(?:\s+{_TITLE_WORD})*"
    date = rf"(?:,?\s+{month_pattern()}\s+\d{{1,2}}(?:,?\s+\d{{4}})?\.?)"
    def agency(name: str) -> str:
        # (Reuters), /TASS/, or a bare agency after a date ("Oct. 30 Kyodo -"), checked against the lexicon
        return rf"(?:\s*\((?P<{name}>[^()]{{2,60}})\)|\s+/(?P<{name}_>[^/]{{2,40}})/|\s+(?P<{name}__>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?=\s*{_DASH}))"

    tail = rf"(?:\s*{_DASH}|\.|:)?"
    # All-caps places need only a dash (or an agency); title-case places need an agency.
    # "SEOUL, South Korea (AP) —": an all-caps city may be qualified by its country in title case.
    caps = rf"(?P<caps>{caps_place}(?:{_JOIN}{caps_place})*(?:,\s+{title_place})?){date}?(?:{agency('a')}{tail}|\s*{_DASH})"
    # Title-case places are also how sentences start: they need an agency and a dash, and text after.
    title = rf"(?P<title>{title_place}(?:{_JOIN}{title_place})*){date}?{agency('b')}\s*{_DASH}(?=\s+\S)"
    return re.compile(rf"^(?:{caps}|{title})(?=\s|$)")


def _is_agency_list(text: str) -> bool:
    parts = [p.strip() for p in re.split(r"/|,|\bvia\b|\band\b", text, flags=re.IGNORECASE)]
    parts = [p for p in parts if p]
    known = lexicon.words("agencies")
    return bool(parts) and all(p.casefold() in known for p in parts)


def dateline(text: str) -> int:
    """The length of the dateline that opens ``text`` (0 if none)."""
    match = _dateline_re().match(text)
    if not match:
        return 0
    bare = match["a__"] or match["b__"]
    if bare and not _is_agency_list(bare):
        return 0
    agency = match["a"] or match["a_"] or match["b"] or match["b_"] or bare
    if match["title"] is not None and not (agency and _is_agency_list(agency)):
        return 0
    if match["caps"] is not None and agency and not (_is_agency_list(agency) or agency.isupper()):
        return 0
    if match["caps"] is not None and not agency and len(match["caps"].replace(".", "")) < 5:
        return 0  # "US -", "UN —": too short to tell from a heading's abbreviation
    return match.end()


_NAME = r"[A-Z][\w.'’\-]*(?:\s+(?:de|van|von|der|al|el|bin)?\s*[A-Z][\w.'’\-]*){0,3}"
_NAMES = rf"{_NAME}(?:(?:,\s+|\s+and\s+|\s*&\s*){_NAME})*"
@lexicon.derived
def _byline_res() -> tuple[re.Pattern, ...]:
    roles = "|".join(sorted(map(re.escape, lexicon.phrases("byline_roles")), key=len, reverse=True))
    return (
        # By Jane Doe, Seoul bureau / By Jane Doe and John Roe | Outlet
        re.compile(rf"^By\s+{_NAMES}(?:\s*(?:,|\||-|–|—|\bin\b)\s*[^.!?]{{0,60}})?$"),
        # Seoul correspondent Jane Doe / Beijing bureau chief Jane Doe
        re.compile(rf"^(?:[A-Z][\w.]*\s+){{1,3}}(?:{roles})\s+{_NAME}$"),
        # Reporting by Jane Doe in Seoul; Additional reporting by ...; Editing by John Roe
        re.compile(r"^\(?(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled|Produced)\s+by\s+[^.!?]{2,200}?\)?\.?$", re.IGNORECASE),
    )


_METADATA_RE = re.compile(
    r"^(?:date|published|updated|posted|last updated)\s*:?\s+(?P<date>\d{4}-\d{2}-\d{2})?[^.!?]{0,160}$", re.IGNORECASE
)


def is_byline(line: str) -> bool:
    return len(line) <= 160 and any(rule.match(line) for rule in _byline_res())


def metadata_date(line: str) -> tuple[bool, str | None]:
    """(is a scraped metadata line, the ISO date it gives): "date 2017-09-15 By Jane Doe, Outlet"."""
    match = _METADATA_RE.match(line)
    if not match or len(line) > 200:
        return False, None
    rest = line[match.end("date"):] if match["date"] else line
    if not match["date"] and not re.search(r"\d", rest):
        return False, None  # "Updated guidance ..." is prose, not a timestamp
    day = match["date"]
    if day:
        try:
            dt.date.fromisoformat(day)
        except ValueError:
            day = None  # not a real date: still junk, but no date to read
    return True, day
