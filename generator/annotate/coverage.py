"""What the glossary misses and what it has that nothing uses: the editor's to-do list. Pure.

- unknown names: runs of capitalised words in the articles that no entry covers, ranked by count,
  with the first sentence each appears in;
- entries no article mentions; aliases (and short names) that match nothing;
- shared short names the linker left unlinked.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import lexicon
from ..model import AnnotatedArticle, Glossary, NoteKind, Unresolved
from ..text import match_key
from .matcher import Matcher, Pattern, PatternKind
from .sentences import sentence_at

# Two or more capitalised words ("Kim Won-Jin", "Pacific Command"), or one that is not just the
# first word of a sentence. Hyphenated and apostrophe parts stay inside the name.
_NAME_RE = re.compile(r"\b[A-Z][\w'’-]*[\w](?:\s+[A-Z][\w'’-]*[\w])*")


def _not_names() -> frozenset[str]:
    """Capitalised words that are no names: titles, sentence openers (read when asked: a briefing
    may extend the lexicon), pronouns."""
    return lexicon.exact("openers") | lexicon.exact("titles") | lexicon.exact("pronouns")


@dataclass(frozen=True)
class UnknownName:
    text: str
    count: int
    article: str  # source path of the first article it appears in
    sentence: str


@dataclass(frozen=True)
class Coverage:
    unknown: tuple[UnknownName, ...]
    unmentioned: tuple[str, ...]  # entry names
    unused_aliases: tuple[tuple[str, str], ...]  # (entry name, alias)
    unresolved: tuple[tuple[AnnotatedArticle, Unresolved], ...]
    # How the linker read names it could have read either way, for checking its precision:
    # (kind, the text, the entry's name) -> how often, most frequent first.
    decisions: tuple[tuple[NoteKind, str, str, int], ...] = ()


def _candidates(text: str, masked: str):
    """Names in ``masked`` (the text with what the linker explained blanked out), placed in ``text``."""
    not_names = _not_names()
    for match in _NAME_RE.finditer(masked):
        words = match.group().split()
        while words and words[0] in not_names:
            words.pop(0)
        if not words:
            continue
        start = match.start() + match.group().index(words[0])
        end = match.end()
        if text[end - 2:end] in ("'s", "’s"):
            end -= 2  # "the North's": the name is "North"
        name = text[start:end]
        if len(words) == 1 and name in not_names:
            continue
        if len(words) == 1:
            before = text[:start].rstrip()
            if not before or before[-1] in ".!?\"“:":
                continue  # a single capitalised word opening a sentence says nothing
        yield start, end, name


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span turned into spaces (same length): most capitalised words in an
    article are names the linker found, and the scan then never looks at them."""
    parts, at = [], 0
    for start, end in sorted(spans):
        start = max(start, at)  # spans may overlap (a place the linker linked, an excluded phrase)
        if end > start:
            parts += (text[at:start], " " * (end - start))
            at = end
    parts.append(text[at:])
    return "".join(parts)


def _known_phrases(glossary: Glossary) -> Matcher:
    """The glossary's texts that are known without being mentions: excluded phrases ("Sea of
    Japan" is not Japan, but it is no unknown name either) and places that did not act ("in
    Pyongyang"). Found as the linker finds names: whole words, hyphen or space, case fitting."""
    phrases = {(text, entry.key) for entry in glossary.entries for text in (*entry.exclude, *entry.places)}
    return Matcher([Pattern(text, PatternKind.EXCLUDE, (key,)) for text, key in sorted(phrases)])


def _scan(annotated: AnnotatedArticle, known: Matcher) -> tuple[Counter, dict[str, str], set[str]]:
    """One article's unknown names (counted, with the sentence each first appears in) and the
    texts its mentions were found as."""
    counts: Counter = Counter()
    first: dict[str, str] = {}
    surfaces: set[str] = set()
    blocks = annotated.article.blocks
    spans: dict[int, list[tuple[int, int]]] = {}  # block -> spans the linker already explained
    for index, block in enumerate(blocks):
        for start, end, _ in known.hits(block.text):
            spans.setdefault(index, []).append((start, end))
    for m in annotated.mentions:
        spans.setdefault(m.block, []).append((m.start, m.end))
        surfaces.add(blocks[m.block].text[m.start:m.end])
    for u in annotated.unresolved:
        spans.setdefault(u.block, []).append((u.start, u.start + len(u.text)))
    for index, block in enumerate(blocks):
        text = block.text
        masked = _masked(text, spans[index]) if index in spans else text
        for start, end, name in _candidates(text, masked):
            counts[name] += 1
            if name not in first:
                s, e = sentence_at(text, start)
                first[name] = text[s:e]
    return counts, first, surfaces


@dataclass
class Scans:
    """Each article's scan, kept between reports (``mkdocs serve``): redone only for an article
    that changed, or for all when the glossary's excluded phrases or places did."""

    known: tuple | None = None
    by_path: dict = field(default_factory=dict)  # source path -> (annotated article, scan)


def coverage(glossary: Glossary, articles: list[AnnotatedArticle], scans: Scans | None = None) -> Coverage:
    counts: Counter = Counter()
    first: dict[str, tuple[str, str]] = {}
    surfaces: set[str] = set()
    known = None
    if scans is not None:
        phrases = tuple((e.key, e.exclude, e.places) for e in glossary.entries)
        if phrases != scans.known:
            scans.known, scans.by_path = phrases, {}
    for annotated in articles:
        remembered = scans.by_path.get(annotated.article.path) if scans is not None else None
        if remembered is not None and remembered[0] is annotated:
            found = remembered[1]
        else:
            known = known or _known_phrases(glossary)
            found = _scan(annotated, known)
            if scans is not None:
                scans.by_path[annotated.article.path] = (annotated, found)
        counts.update(found[0])
        for name, sentence in found[1].items():
            if name not in first:
                first[name] = (annotated.article.path, sentence)
        surfaces |= found[2]
    if scans is not None and len(scans.by_path) > len(articles):
        present = {a.article.path for a in articles}
        scans.by_path = {p: v for p, v in scans.by_path.items() if p in present}
    for annotated in articles:
        for note in annotated.notes:
            surfaces.add(note.text)  # a place read as a place is used all the same
    used_keys = {match_key(surface) for surface in surfaces}
    unknown = tuple(
        UnknownName(name, n, *first[name]) for name, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )
    mentioned = {m.entry for a in articles for m in a.mentions}
    unmentioned = tuple(e.name for e in glossary.entries if e.key not in mentioned)
    unused = tuple(
        (e.name, alias)
        for e in glossary.entries
        for alias in (*e.aliases, *e.places, *e.short_names)
        if match_key(alias) not in used_keys and match_key(alias + "s") not in used_keys
    )
    unresolved = tuple((a, u) for a in articles for u in a.unresolved)
    names = {e.key: e.name for e in glossary.entries}
    tally = Counter((n.kind, n.text, names[n.entry]) for a in articles for n in a.notes)
    order = {kind: i for i, kind in enumerate(NoteKind)}
    decisions = tuple((*key, count) for key, count in sorted(tally.items(), key=lambda item: (order[item[0][0]], -item[1], item[0][1:])))
    return Coverage(unknown, unmentioned, unused, unresolved, decisions)
