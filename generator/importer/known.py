"""What the briefing already has: canonical URLs and story texts, so nothing is imported twice.

The same canonical URL is the same article. The same story from another outlet (a wire story
syndicated under another headline and dateline) is found by its text: word 5-grams ("shingles")
of the first ``WORDS`` words, case and punctuation ignored; a new story whose shingles are mostly
(``SYNDICATED``) among an existing article's is a copy of it. Containment over the smaller set,
not Jaccard, so a copy cut short or with a paragraph added still counts; two outlets' own reports
of one event share names and quotes but few runs of five words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..formats import seedfile
from ..ingest.files import read_text
from .extract import canonical_url

WORDS = 300
SHINGLE = 5
SYNDICATED = 0.5  # share of the shorter text's shingles found in the other
MIN_SHINGLES = 20  # fewer: too short to tell a copy from a coincidence
_WORD_RE = re.compile(r"\w+")


def shingles(text: str) -> frozenset[int]:
    words = _WORD_RE.findall(text.casefold())[:WORDS]
    return frozenset(hash(tuple(words[i:i + SHINGLE])) for i in range(len(words) - SHINGLE + 1))


@dataclass(frozen=True)
class Copy:
    path: str  # the article already there
    overlap: float  # share of shingles in common


@dataclass
class Known:
    urls: dict[str, str] = field(default_factory=dict)  # canonical URL -> article path
    _texts: dict[str, frozenset[int]] = field(default_factory=dict)  # article path -> shingles
    _index: dict[int, list[str]] = field(default_factory=dict)  # shingle -> article paths

    @classmethod
    def load(cls, root: Path, folder: str) -> "Known":
        """Every article under ``folder`` (unreadable or invalid files are the build's to report)."""
        known = cls()
        directory = root / folder
        for file in sorted(directory.rglob("*.txt")) if directory.is_dir() else ():
            shown = file.relative_to(root).as_posix()
            text, _ = read_text(file, shown)
            if text is None:
                continue
            meta, skip, problems = seedfile.read(text, shown)
            body = "\n".join(line for _, line in seedfile.body(text, skip))
            known.add(shown, None if problems else meta.get("url"), body)
        return known

    def add(self, path: str, url: str | None, text: str) -> None:
        url = canonical_url(url)
        if url:
            self.urls.setdefault(url, path)
        found = shingles(text)
        self._texts[path] = found
        for shingle in found:
            self._index.setdefault(shingle, []).append(path)

    def has_url(self, url: str | None) -> str | None:
        """The article already imported from this URL, if any."""
        url = canonical_url(url)
        return self.urls.get(url) if url else None

    def copy_of(self, text: str) -> Copy | None:
        """The existing article this text is a copy of, if any (the closest)."""
        mine = shingles(text)
        if len(mine) < MIN_SHINGLES:
            return None
        common = Counter(path for shingle in mine for path in self._index.get(shingle, ()))
        best = None
        for path, count in common.items():
            theirs = self._texts[path]
            if len(theirs) < MIN_SHINGLES:
                continue
            overlap = count / min(len(mine), len(theirs))
            if overlap >= SYNDICATED and (best is None or overlap > best.overlap):
                best = Copy(path, round(overlap, 2))
        return best
