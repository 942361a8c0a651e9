"""The words around a name, for the rules that read them (places, shared short names)."""

from __future__ import annotations

import re

WORD_RE = re.compile(r"[\w’'\-]+")
# Where a clause ends: "...in Seoul. Tokyo said" is not "in Tokyo", and a quote starts afresh.
_BOUNDARIES = (". ", "; ", ": ", '"', "“", "”")


def words_after(text: str, at: int, count: int) -> list[str]:
    """The first ``count`` words after ``at``, lowercased."""
    return [w.casefold() for w in WORD_RE.findall(text[at:at + 80])[:count]]


def words_before(text: str, at: int, count: int, floor: int = 0, reach: int = 80) -> list[str]:
    """The last ``count`` words before ``at``, lowercased, back to ``floor`` (at most ``reach``
    characters) and never past the end of the previous clause."""
    start = max(floor, at - reach)
    window = text[start:at]
    cut = max(window.rfind(boundary) for boundary in _BOUNDARIES)
    if cut != -1:
        window = window[cut + 1:]
    elif start > 0 and text[start - 1].isalnum():
        window = window.split(" ", 1)[1] if " " in window else ""  # the first word was cut
    return [w.casefold() for w in WORD_RE.findall(window)][-count:]
