"""Sentence boundaries, for quoting the sentence in which an entry is mentioned."""

from __future__ import annotations

import re

from .. import lexicon

# A boundary: . ! ? or …, optional closing quotes/brackets, space, then something that can start
# a sentence. Abbreviations and initials ("Mr.", "U.S.", "George W. Bush") are not boundaries.
_BOUNDARY_RE = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, covering the text without gaps except the spaces between."""
    spans, start = [], 0
    for match in _BOUNDARY_RE.finditer(text):
        stop = match.start()
        word = text[max(start, text.rfind(" ", start, stop) + 1):stop].lower()
        if word in lexicon.words("abbreviations") or (len(word) == 1 and word.isalpha()) or re.fullmatch(r"(?:\w\.)+\w", word):
            continue
        end = match.end() - (len(match.group()) - len(match.group().rstrip()))
        spans.append((start, end))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_at(text: str, position: int) -> tuple[int, int]:
    for start, end in sentence_spans(text):
        if start <= position < end:
            return start, end
    return 0, len(text)
