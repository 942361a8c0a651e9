"""Photo and video credits inside text: "(KCNA via KNS/AP)", "KCNA/VIA REUTERS", "(NHK/KRT/REUTERS)".

A credit names agencies, not the story's actors: nothing in it is a mention. A credit is a
parenthesis (or an all-caps run joined by slashes) whose every part is a known agency.
"""

from __future__ import annotations

import re

from .. import lexicon

_PAREN_RE = re.compile(r"\(([^()]{2,80})\)")
_CAPS_RUN_RE = re.compile(r"(?<![\w/])[A-Z][A-Z0-9.&]*(?:\s+[A-Z][A-Z0-9.&]*)*(?:\s*/\s*(?:VIA\s+)?[A-Z][A-Z0-9.&]*(?:\s+[A-Z][A-Z0-9.&]*)*)+(?![\w/])")
_PARTS_RE = re.compile(r"\s*(?:/|,|;|\bvia\b|\band\b|\bphoto\b|\bfile\b)\s*", re.IGNORECASE)


def _all_agencies(text: str) -> bool:
    known = lexicon.words("agencies")
    parts = [p for p in _PARTS_RE.split(text) if p and p.strip()]
    return bool(parts) and all(p.strip().casefold() in known for p in parts)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every credit in a block's text, in order."""
    if "(" not in text and "/" not in text:
        return []  # most paragraphs: nothing to look at
    spans = [m.span() for m in _PAREN_RE.finditer(text) if _all_agencies(m[1])]
    spans += [m.span() for m in _CAPS_RUN_RE.finditer(text) if _all_agencies(m[0])]
    return sorted(spans)
