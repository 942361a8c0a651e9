"""Cleaning scraped article text: pure functions, general rules, and a record of every removal.

Scrapers leave the same kinds of junk whatever the outlet: an outlet name glued to the
headline, the headline again as the first paragraph, a teaser cut off with "…" that repeats the
first paragraph, "READ MORE" buttons, photo credits ("Name (Agency/AFP)"), and
"Previous article / Next article" navigation. Each rule below recognises a *kind* of line, not
particular strings, and every line it drops is returned as a ``Removal`` so an editor can check
that no real text was lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon
from ..model import Block, BlockKind, Removal, RemovalKind
from .lead import dateline, is_byline, metadata_date
from ..text import comparable as _comparable  # generator/text.py owns how texts compare

# Unicode spaces that render like a space (no-break, thin, ideographic...).
_SPACES_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_WHITESPACE_RE = re.compile(r"[ \t\f\v]+")
# Control characters (Unicode category Cc, but tab and newline) and zero-width characters.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200c\u200d\u2060\ufeff]")


_NAVIGATION_RE = re.compile(r"^\W*\d*\s*(?:previous|next|prev|older|newer)\s+(?:article|post|story|page)", re.IGNORECASE)
_BOILERPLATE_RE = re.compile(
    r"^\W*(?:read more|read also|also read|see also|related(?: articles?| stories| content| news| coverage| links?)?|more on this"
    r"|advertisement|sponsored|story continues below|continue reading|click here to read more|share this article"
    r"|share on \w+|subscribe(?: now)?|sign up for our newsletter|scroll to continue(?: with content)?)"
    r"\s*(?:[:|»›>-].*)?\W*$",
    re.IGNORECASE,
)
# "Name (Agency/AFP)", "Photo: AFP", "(AFP Photo/Jung Yeon-je)", "© Reuters".
_CREDIT_PAREN_RE = re.compile(r"^(?P<name>[^()]{0,60}?)\s*\((?P<agency>[^()]{2,80})\)$")
_CREDIT_PREFIX_RE = re.compile(r"^(?:photo|picture|image|credit|photo credit)s?\s*[:|]\s*\S.{0,80}$|^©\s*\S.{0,60}$", re.IGNORECASE)
_RELATED_RE = re.compile(r"^\W*(?:related|see also|read also|also read|more on this)\b[\w ]*\W*$", re.IGNORECASE)
_SEPARATORS = (" - ", " – ", " — ", " | ", " :: ", " · ")
_TERMINAL = ".!?…:;"
_CLOSERS = "\"'”’)]»"


@dataclass(frozen=True)
class Cleaned:
    title: str
    blocks: tuple[Block, ...]
    removed: tuple[Removal, ...]
    nbsp_replaced: int
    control_removed: int
    date: str | None = None  # a publication date read from a scraped metadata line
    title_line: int = 1  # where the headline is (line 1 when front matter gives the title)


def normalise_line(line: str) -> tuple[str, int, int]:
    """Spaces of every kind become one plain space; control characters go. Returns counts too."""
    if line.isascii() and line.isprintable() and "  " not in line:
        return line.strip(), 0, 0  # the common case: nothing to normalise
    line, controls = _CONTROL_RE.subn("", line)
    line, spaces = _SPACES_RE.subn(" ", line)
    line = _WHITESPACE_RE.sub(" ", line).strip()
    return line, spaces, controls


def is_navigation(line: str) -> bool:
    return bool(_NAVIGATION_RE.match(line)) and not line.endswith(".")


def is_boilerplate(line: str) -> bool:
    return len(line) <= 120 and bool(_BOILERPLATE_RE.match(line))


def is_photo_credit(line: str) -> bool:
    if _CREDIT_PREFIX_RE.match(line):
        return True
    match = _CREDIT_PAREN_RE.match(line)
    if not match:
        return False
    name = match["name"].strip()
    if len(name.split()) > 6 or any(c in name for c in ".!?,;:\"“"):
        return False
    parts = [p.strip().casefold() for p in re.split(r"[/,]| via ", match["agency"])]
    agencies = lexicon.words("agencies")
    return any(p in agencies for p in parts) or any(p.split(" ")[0] in agencies for p in parts if p)


_LONGEST_JUNK = 200


def is_metadata(line: str) -> bool:
    return metadata_date(line)[0]


# What a whole line can be instead of text, in the order they are tried: the first that fits wins.
# A line longer than _LONGEST_JUNK is text: metadata lines, the longest junk, are at most 200.
LINE_RULES = (
    (is_metadata, RemovalKind.METADATA),  # "date 2017-09-15 By Jane Doe, Outlet"
    (is_byline, RemovalKind.BYLINE),  # "By Jane Doe, Seoul bureau"
    (is_navigation, RemovalKind.NAVIGATION),  # "Previous article"
    (is_boilerplate, RemovalKind.BOILERPLATE),  # "READ MORE"
    (is_photo_credit, RemovalKind.PHOTO_CREDIT),  # "Name (Agency/AFP)"
)


def ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in _TERMINAL or line[-1:] in "\"”’"


def _split_headline(headline: str, others: list[str], source: str | None) -> tuple[str, str]:
    """(title, junk): an outlet glued before or after the headline, proven by a repeat or the source."""
    seen = {_comparable(o) for o in others}
    for sep in _SEPARATORS:
        start = 0
        while (at := headline.find(sep, start)) != -1:
            before, after = headline[:at], headline[at + len(sep):]
            if _comparable(after) in seen or (source and source.casefold() in before.casefold()):
                return after.strip(), headline[: at + len(sep)]
            if _comparable(before) in seen or (source and source.casefold() in after.casefold()):
                return before.strip(), headline[at:]
            start = at + 1
    return headline, ""


def clean(lines: list[tuple[int, str]], title: str | None = None, source: str | None = None) -> Cleaned:
    """Clean an article body given as (line number, text) pairs.

    ``title`` comes from front matter when the editor gave one; otherwise the first non-empty
    line is the headline.
    """
    removed: list[Removal] = []
    nbsp = controls = 0
    rows: list[tuple[int, str]] = []  # (line number, text); "" separates paragraphs groups
    for number, raw in lines:
        text, spaces, ctrl = normalise_line(raw)
        nbsp += spaces
        if ctrl:
            controls += ctrl
            removed.append(Removal(RemovalKind.CONTROL_CHARACTERS, f"{ctrl} control character(s)", number))
        rows.append((number, text))

    def drop(index: int, kind: RemovalKind, text: str | None = None) -> None:
        number, line = rows[index]
        removed.append(Removal(kind, line if text is None else text, number))
        rows[index] = (number, "")

    found_date = None
    related = 0  # lines left of a "Related" list: its headlines are links, not the story
    for i, (_, line) in enumerate(rows):
        if not line:
            continue
        if related and not ends_sentence(line) and len(line) <= 160:
            related -= 1
            drop(i, RemovalKind.NAVIGATION)
            continue
        related = 0
        if len(line) > _LONGEST_JUNK:
            continue  # a paragraph: no rule below takes a line this long
        kind = next((kind for rule, kind in LINE_RULES if rule(line)), None)
        if kind is None:
            continue
        drop(i, kind)
        if kind is RemovalKind.METADATA:
            found_date = found_date or metadata_date(line)[1]
        elif kind is RemovalKind.BOILERPLATE and _RELATED_RE.match(line):
            related = 8

    filled = [i for i, (_, line) in enumerate(rows) if line]
    early = [rows[i][1] for i in filled[1:6]]
    title_line = 1
    if title is None:
        if not filled:
            return Cleaned("", (), tuple(removed), nbsp, controls, found_date)
        first = filled.pop(0)
        number, headline = rows[first]
        title, junk = _split_headline(headline, early, source)
        title_line = number
        if junk:
            removed.append(Removal(RemovalKind.OUTLET_PREFIX, junk, number))
        rows[first] = (number, "")
    elif filled:
        number, headline = rows[filled[0]]
        if _comparable(headline) != _comparable(title):
            rest, junk = _split_headline(headline, [title], source)
            if junk and _comparable(rest) == _comparable(title):
                removed.append(Removal(RemovalKind.OUTLET_PREFIX, junk, number))
                drop(filled[0], RemovalKind.REPEATED_HEADLINE, rest)

    wanted = _comparable(title)
    for i, (_, line) in enumerate(rows):
        # Only lines of about the headline's length can repeat it; the rest need no comparing.
        if line and abs(len(line) - len(title)) <= 12 and _comparable(line) == wanted:
            drop(i, RemovalKind.REPEATED_HEADLINE)

    # A teaser: a line cut off with an ellipsis whose words open a later paragraph. Paragraphs are
    # indexed by their first words so this stays linear on a 10 MB article.
    filled = [i for i, (_, line) in enumerate(rows) if line]
    by_opening: dict[str, list[int]] = {}
    for pos, i in enumerate(filled):
        by_opening.setdefault(rows[i][1][:20], []).append(pos)
    for pos, i in enumerate(filled):
        line = rows[i][1]
        stem = line[:-1] if line.endswith("…") else line[:-3] if line.endswith("...") else None
        if stem is None or len(stem.strip()) < 20:
            continue
        stem = stem.rstrip()
        later = (filled[p] for p in by_opening.get(stem[:20], ()) if p > pos)
        if any(rows[j][1].startswith(stem) and len(rows[j][1]) > len(stem) for j in later):
            drop(i, RemovalKind.TEASER)

    blocks = _with_dateline(_blocks(rows))
    return Cleaned(title, blocks, tuple(sorted(removed, key=lambda r: r.line)), nbsp, controls, found_date, title_line)


def _with_dateline(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The dateline that opens the story (in one of its first blocks: a caption may come first)."""
    for i, block in enumerate(blocks[:3]):
        if block.kind is BlockKind.SUBHEADING:
            continue
        length = dateline(block.text)
        if length:
            return blocks[:i] + (Block(block.kind, block.text, block.line, length),) + blocks[i + 1:]
        if block.kind is BlockKind.PARAGRAPH:
            break  # the story has begun without one
    return blocks


def _blocks(rows: list[tuple[int, str]]) -> tuple[Block, ...]:
    """Paragraphs, subheadings ("Latest test") and captions (lines with no closing punctuation)."""
    groups: list[list[tuple[int, str]]] = [[]]
    for number, line in rows:
        if line:
            groups[-1].append((number, line))
        elif groups[-1]:
            groups.append([])
    groups = [g for g in groups if g]
    # later_text[g]: does a sentence follow group g? (a heading needs text under it)
    later_text = [False] * (len(groups) + 1)
    for g in range(len(groups) - 1, -1, -1):
        later_text[g] = later_text[g + 1] or any(ends_sentence(line) for _, line in groups[g])
    blocks = []
    for g, group in enumerate(groups):
        for number, line in group:
            if ends_sentence(line):
                kind = BlockKind.PARAGRAPH
            elif len(group) == 1 and later_text[g + 1] and _looks_like_heading(line):
                kind = BlockKind.SUBHEADING
            else:
                kind = BlockKind.CAPTION
            blocks.append(Block(kind, line, number))
    return tuple(blocks)


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return len(words) <= 8 and len(line) <= 60 and line[0].isupper() and "," not in line
