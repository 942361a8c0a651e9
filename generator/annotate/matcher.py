"""Finding glossary names in text in one pass, whatever the size of the glossary.

The text is lowercased once (same length, so offsets carry over) and scanned once by an
Aho–Corasick automaton holding every name, alias, short name and exclusion, lowercased, in each
spelling that only swaps a space for a hyphen ("Kim Jong-un", "Kim Jong Un"), with its plural.
The automaton runs in C; Python looks only at the hits: is it a whole word (no letter or digit on
either side), and does its case fit ("US" is not "us", "Bush" is not "bush")?
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

import ahocorasick_rs

from ..text import lower  # generator/text.py owns how names compare

_WORD_RE = re.compile(r"\w+")
_GAP_RE = re.compile(r"[ \-‐‑]+")  # in a name, a space and a hyphen are the same gap
MAX_GAPS = 6  # spellings are 2**gaps; longer names keep the two uniform spellings only


class PatternKind(Enum):
    NAME = "name"  # the entry's name or an alias: always means that entry
    PLACE = "place"  # a place that means the entry only when it acts ("Seoul said", not "in Seoul")
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
    # For a short name: each candidate's terms of office and what it refers to, prepared once so
    # the resolvers parse no date per mention.
    candidates: tuple = ()

    @cached_property
    def anyone(self) -> frozenset[str]:
        """Every entry a short name may mean: candidates and related."""
        return frozenset(self.entries + self.related)

    @cached_property
    def related_set(self) -> frozenset[str]:
        return frozenset(self.related)


Hit = tuple[int, int, Pattern]  # start, end, pattern: a plain tuple, there is one per mention


def spellings(name: str) -> set[str]:
    """The lowercased keys a name is found by: each gap a space or a hyphen; ' or ’."""
    parts = _GAP_RE.split(name.strip().lower())
    gaps = len(parts) - 1
    if gaps > MAX_GAPS:
        keys = {" ".join(parts), "-".join(parts)}
    else:
        keys = set()
        for mask in range(2 ** gaps):
            key = parts[0]
            for i, part in enumerate(parts[1:]):
                key += ("-" if mask >> i & 1 else " ") + part
            keys.add(key)
    return keys | {k.replace("'", "’") for k in keys if "'" in k}


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
        priority = {PatternKind.EXCLUDE: 0, PatternKind.NAME: 1, PatternKind.PLACE: 1, PatternKind.SHORT: 2}
        # Typed names first, generated plurals after, so an exact name always outranks a plural.
        typed = sorted(patterns, key=lambda p: priority[p.kind])
        plurals = [
            Pattern(plural, p.kind, p.entries, p.related, p.candidates)
            for p in typed
            if p.kind in (PatternKind.NAME, PatternKind.SHORT) and (plural := _plural(p.surface))
        ]
        for pattern in typed + plurals:
            for key in spellings(pattern.surface):
                if key:
                    table.setdefault(key, []).append(pattern)
        self._keys = list(table)
        self._patterns = [tuple(table[key]) for key in self._keys]
        # Leftmost-longest: at each place the automaton itself keeps the longest name ("Kim
        # Jong-un", not "Kim"), so Python sees each mention once. Indexes are str indexes.
        self._automaton = ahocorasick_rs.AhoCorasick(self._keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if table else None

    def hits(self, text: str) -> list[Hit]:
        """The leftmost-longest whole-word, case-fitting matches, in text order, never overlapping."""
        if self._automaton is None:
            return []
        lowered = lower(text)
        size = len(text)
        found = []
        append = found.append
        patterns_of = self._patterns
        # Per hit, the common case first: a space on both sides, the name as typed, one pattern.
        for index, start, end in self._automaton.find_matches_as_indexes(lowered):
            if start:
                before = lowered[start - 1]
                if before != " " and (before.isalnum() or before == "_"):
                    continue  # part of a longer word
            if end < size:
                after = lowered[end]
                if after != " " and (after.isalnum() or after == "_"):
                    continue
            surface = text[start:end]
            for pattern in patterns_of[index]:
                if surface == pattern.surface or case_fits(surface, pattern.surface):
                    append((start, end, pattern))
                    break
        return found
