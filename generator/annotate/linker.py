"""From an article's text to its mentions: pure, one automaton pass per block.

Shared short names ("Kim", "Bush") are resolved in reading order: a candidate the article has
already named in full wins (the article is the best evidence of whom it means); otherwise the
article's date against each candidate's offices; otherwise the mention is left unlinked and
reported, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import AnnotatedArticle, Article, BlockKind, Glossary, Mention, Unresolved
from ..text import match_key
from .matcher import Matcher, Pattern, PatternKind

# Capitalised words that may stand before a surname without making it part of another name:
# titles ("Mr Bush", "President Xi") and words that open sentences ("Both Putin and Macron").
TITLES = frozenset(
    """Mr Mrs Ms Miss Dr Prof President Premier Chancellor Chairman Chairwoman Leader Minister Secretary
    Ambassador Envoy General Gen Marshal Senator Sen Rep Representative Governor Gov King Queen Prince
    Princess Emperor Sir Lord Lady Madam Comrade Commander Admiral Adm Colonel Col Lieutenant Lt Captain
    Capt Justice Judge Mayor Speaker Vice Deputy Director Chief Foreign Defence Defense Prime State
    Supreme Former""".split()
)
OPENERS = frozenset(
    """The A An But And Or Then When While After Before As If In On At For With Also Meanwhile So Yet Now
    Today Yesterday Earlier Later Still However Since Though Although Because Both Neither Either Only
    Even Under Over Once Asked Speaking According Like Unlike That This Why How What Where Who Whether
    Until Despite During From To By Of Not Nor Instead Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday January February March April May June July August September October November December""".split()
)
_BEFORE_RE = re.compile(r"(?:^|\s)(?P<word>\w+) $")


def build_matcher(glossary: Glossary) -> Matcher:
    patterns = []
    shared: dict[str, list[str]] = {}
    for entry in glossary.entries:
        for name in (entry.name, *entry.aliases):
            patterns.append(Pattern(name, PatternKind.NAME, (entry.key,)))
        for short in entry.short_names:
            shared.setdefault(short, []).append(entry.key)
        for phrase in entry.exclude:
            patterns.append(Pattern(phrase, PatternKind.EXCLUDE, (entry.key,)))
    # Every run of words in every name, so "Kim" finds "Kim Yo-jong" without a scan per short name.
    named_by: dict[str, list[str]] = {}
    for entry in glossary.entries:
        words = match_key(entry.name).split()
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                named_by.setdefault(" ".join(words[i:j]), []).append(entry.key)
    by_key = glossary.by_key()
    for short, keys in shared.items():
        candidates = named_by.get(match_key(short).strip(), [])
        related = tuple(dict.fromkeys(k for k in candidates if k not in keys))
        terms = sorted((*office.days, key) for key in keys for office in by_key[key].offices)
        patterns.append(Pattern(short, PatternKind.SHORT, tuple(keys), related, tuple(terms)))
    return Matcher(patterns)


def _part_of_longer_name(text: str, start: int, end: int, after_mention: bool) -> bool:
    """'Kim Won-Jin', 'Laura Bush': a surname inside somebody else's name is not our entry."""
    after = text[end:end + 2]
    if after[:1] in (" ", "-", "‐", "‑") and after[1:2].isupper():
        return True
    before = _BEFORE_RE.search(text[max(0, start - 40):start])
    if not before or after_mention:  # "Chinese Hu": the word before is a mention itself
        return False
    word = before["word"]
    return word[:1].isupper() and word not in TITLES and word not in OPENERS


class _Resolver:
    def __init__(self, date: dt.date | None):
        self.date = date
        self.named: set[str] = set()
        self._serving: dict[int, set[str]] = {}  # by id(pattern): the article's date never changes

    def resolve(self, pattern: Pattern) -> str | None:
        named = self.named.intersection(pattern.anyone)
        if len(named) == 1:
            return next(iter(named))
        if self.date is None:
            return None
        serving = self._serving.get(id(pattern))
        if serving is None:
            serving = self._serving[id(pattern)] = _serving_on(pattern.terms, self.date)
        if named and (pool := named.intersection(pattern.entries)):
            serving = serving & pool
        return next(iter(serving)) if len(serving) == 1 else None


def _serving_on(terms: tuple[tuple[dt.date, dt.date, str], ...], day: dt.date) -> set[str]:
    serving = set()
    for first, last, key in terms:
        if first > day:
            break  # terms are in order of their first day
        if day <= last:
            serving.add(key)
    return serving


def annotate(article: Article, glossary: Glossary, matcher: Matcher) -> AnnotatedArticle:
    resolver = _Resolver(article.date)
    named = resolver.named
    mentions: list[Mention] = []
    unresolved: list[Unresolved] = []
    linked: set[str] = set()
    # One automaton pass over the whole article: its blocks joined by newlines (no name spans a
    # newline), each hit then placed in its block. Headings stay plain: a link there reads as
    # navigation, so they join as blank space.
    blocks = article.blocks
    texts = [" " * len(b.text) if b.kind is BlockKind.SUBHEADING else b.text for b in blocks]
    index, block_start = 0, 0
    block_end = len(texts[0]) if texts else 0
    name_end = -2  # where the last full name ended: "Chinese Hu" is not somebody else's name
    name, short = PatternKind.NAME, PatternKind.SHORT
    for hit_start, hit_end, pattern in matcher.hits("\n".join(texts)):
        while hit_start > block_end:
            index += 1
            block_start = block_end + 1
            block_end = block_start + len(texts[index])
        start, end = hit_start - block_start, hit_end - block_start
        kind = pattern.kind
        if kind is name:
            key = pattern.entries[0]
            named.add(key)
            name_end = hit_end
        elif kind is short:
            if _part_of_longer_name(texts[index], start, end, hit_start - 1 == name_end):
                continue
            key = resolver.resolve(pattern)
            if key is None:
                unresolved.append(Unresolved(texts[index][start:end], index, start, pattern.entries))
                continue
        else:
            continue  # an exclusion: the phrase means something else
        mentions.append(Mention(key, index, start, end, key not in linked))
        linked.add(key)
    return AnnotatedArticle(article, tuple(mentions), tuple(unresolved))
