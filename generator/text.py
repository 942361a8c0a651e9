"""How names compare and fold: the one owner.

Names are compared in several places (the matcher's automaton, the glossary validator's duplicate
checks, ``briefing add``, the cleaner's headline comparison). When two of those compare
differently, one accepts what the other rejects (``briefing add`` took "Kim Jong Un" although the
validator then refused it as an alias of "Kim Jong-un"), so every comparison lives here.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD_RE = re.compile(r"[\W_]")
_NON_WORDS_RE = re.compile(r"\W+")


def lower(text: str) -> str:
    """Lowercase with the length kept, so offsets in the result are offsets in ``text``.

    ``str.lower`` turns a few characters into two ('İ' → 'i̇'); those are left as they are, since
    the matcher reads hit offsets in the lowered text as offsets in the original.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered


def fold(text: str) -> str:
    """``lower`` with every non-alphanumeric (and ``_``) as a space: still exactly as long as
    ``text``, so word boundaries can be tested on it at the original offsets."""
    return _NON_WORD_RE.sub(" ", lower(text))


def match_key(name: str) -> str:
    """How names, aliases, places and short names are compared for duplicates: case and
    punctuation ignored, gaps collapsed ("Kim Jong-un" = "kim jong un"), as the matcher finds them.

    Padded with spaces so that ``key in match_key(phrase)`` is a whole-word containment test.
    """
    return " " + " ".join(fold(name.strip()).split()) + " "


def same_name(name: str) -> str:
    """The key under which two entry names are the same name: they differ only in case or in
    Unicode normal form (a precomposed 'é' or 'e' + combining accent; a ligature 'ﬁ')."""
    return unicodedata.normalize("NFKC", name).casefold()


def sort_key(name: str) -> tuple[str, str]:
    """The order of entries by name: the loader sorts by it, ``briefing add`` inserts by it.
    Case-blind first, the name itself as tie-breaker so the order is total and stable."""
    return name.casefold(), name


def comparable(text: str) -> str:
    """Whether two headlines are the same text: case and punctuation ignored ("Trump: talks
    'only way'" = "TRUMP TALKS ONLY WAY"). Not length-preserving; for equality tests only."""
    return _NON_WORDS_RE.sub(" ", text.casefold()).strip()
