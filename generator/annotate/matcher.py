"""Finding glossary names in text in one pass, whatever the size of the glossary.

Text and names are *folded* the same way: lowercased, every character that is not a letter or
digit turned into a space, length unchanged (so offsets in the folded text are offsets in the
original). A name becomes the key `` name `` with a space either side, so an Aho–Corasick
automaton over the padded folded text only ever reports whole-word matches, and "Kim Jong-Un",
"Kim Jong Un" and "KIM JONG-UN" all meet the same key. Case is then checked on the few hits
(``case_fits``): "US" is not "us", "Bush" is not "bush".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

import ahocorasick

_NON_WORD_RE = re.compile(r"[\W_]")
_WORD_RE = re.compile(r"\w+")


class PatternKind(Enum):
    NAME = "name"  # the entry's name or an alias: always means that entry
    SHORT = "short name"  # may be shared: resolved per article by the linker
    EXCLUDE = "exclude"  # a phrase that contains a name but means something else


@dataclass(frozen=True)
class Pattern:
    surface: str  # as typed by the editor (or with a plural s), for the case check
    kind: PatternKind
    entries: tuple[str, ...]  # entry keys
    # For a short name: other entries whose full name contains it ("Kim Yo-jong" for "Kim"). They
    # are never chosen by date, but an article that names one of them in full may mean them.
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    pattern: Pattern


def fold(text: str) -> str:
    """Lowercase, non-alphanumerics as spaces, and exactly as long as ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters (e.g. 'İ') lowercase to two
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _NON_WORD_RE.sub(" ", lowered)


def match_key(name: str) -> str:
    """How a name is compared with the text and with other names."""
    return " " + fold(name.strip()) + " "


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def case_fits(found: str, surface: str) -> bool:
    """Whether text whose folded form equals the pattern's also has a fitting case.

    Acronyms ("US", "ICBM") must match exactly; a capitalised word needs a capital in the text;
    a lowercase word ("ballistic missile") may be capitalised at the start of a sentence.
    """
    if found == surface:
        return True
    for typed, wanted in zip(_WORD_RE.findall(found), _WORD_RE.findall(surface)):
        if typed == wanted:
            continue
        if _is_acronym(wanted) or (wanted[0].isupper() and not typed[0].isupper()):
            return False
    return True


def _plural(name: str) -> str | None:
    last = name[-1:]
    if not last.isalnum() or name.endswith(("s", "S")):
        return None
    return name + "s"


class Matcher:
    """An automaton over every name, alias, short name and exclusion of the glossary."""

    def __init__(self, patterns: list[Pattern]):
        table: dict[str, list[Pattern]] = {}
        priority = {PatternKind.EXCLUDE: 0, PatternKind.NAME: 1, PatternKind.SHORT: 2}
        # Typed names first, generated plurals after, so an exact name always outranks a plural.
        typed = sorted(patterns, key=lambda p: priority[p.kind])
        plurals = [
            Pattern(plural, p.kind, p.entries, p.related)
            for p in typed
            if p.kind is not PatternKind.EXCLUDE and (plural := _plural(p.surface))
        ]
        for pattern in typed + plurals:
            key = match_key(pattern.surface)
            if key.strip():
                table.setdefault(key, []).append(pattern)
        self._automaton = ahocorasick.Automaton()
        for key, found in table.items():
            self._automaton.add_word(key, (len(key), tuple(found)))
        if table:
            self._automaton.make_automaton()
        self._empty = not table

    def hits(self, text: str) -> list[Hit]:
        """Every whole-word, case-fitting match, overlapping ones included, in text order."""
        if self._empty:
            return []
        padded = " " + fold(text) + " "
        found = []
        for last, (length, patterns) in self._automaton.iter(padded):
            # The key spans padded[last-length+1 .. last]; its first and last characters are the
            # padding spaces, so in the unpadded text the name is [last-length+1, last-1).
            start, end = last - length + 1, last - 1
            surface = text[start:end]
            for pattern in patterns:
                if case_fits(surface, pattern.surface):
                    found.append(Hit(start, end, pattern))
                    break
        found.sort(key=lambda h: (h.start, -(h.end - h.start)))
        return found


def longest_first(hits: list[Hit]) -> list[Hit]:
    """Leftmost-longest choice of non-overlapping hits ("Kim Jong-un" over "Kim")."""
    chosen, reach = [], 0
    for hit in hits:  # sorted by start, longest first
        if hit.start >= reach:
            chosen.append(hit)
            reach = hit.end
    return chosen
