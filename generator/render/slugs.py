"""File-name-safe, URL-safe slugs that never escape their folder and never collide."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 80
# Names Windows refuses as files whatever the extension, and names our own index pages use.
_RESERVED = {"con", "prn", "aux", "nul", "index", "tags", "404"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}


def slugify(text: str) -> str:
    """Lowercase words joined by '-': accents dropped, other scripts kept, nothing else."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = unicodedata.normalize("NFKC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    slug = re.sub(r"[\W_]+", "-", plain.casefold()).strip("-")
    if len(slug) > MAX_LENGTH:
        cut = slug.rfind("-", 0, MAX_LENGTH + 1)
        slug = slug[: cut if cut > MAX_LENGTH // 2 else MAX_LENGTH].strip("-")
    if not slug:
        return "untitled"
    return f"{slug}-page" if slug in _RESERVED else slug


def unique_slugs(items: list[tuple[str, str]]) -> list[str]:
    """Given (slug, tiebreak) pairs, return slugs made unique with -2, -3... in tiebreak order.

    The suffixes depend only on the items, never on the order they were read in.
    """
    order = sorted(range(len(items)), key=lambda i: (items[i][0], items[i][1]))
    taken: set[str] = set()
    result = [""] * len(items)
    for i in order:
        slug = base = items[i][0]
        n = 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        result[i] = slug
    return result
