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
from .matcher import Hit, Matcher, Pattern, PatternKind, match_key

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
    for short, keys in shared.items():
        candidates = named_by.get(match_key(short).strip(), [])
        related = tuple(dict.fromkeys(k for k in candidates if k not in keys))
        patterns.append(Pattern(short, PatternKind.SHORT, tuple(keys), related))
    return Matcher(patterns)


def _part_of_longer_name(text: str, hit: Hit, chosen_ends: set[int]) -> bool:
    """'Kim Won-Jin', 'Laura Bush': a surname inside somebody else's name is not our entry."""
    after = text[hit.end:hit.end + 2]
    if after[:1] in (" ", "-", "‐", "‑") and after[1:2].isupper():
        return True
    before = _BEFORE_RE.search(text[max(0, hit.start - 40):hit.start])
    if not before or hit.start - 1 in chosen_ends:  # "Chinese Hu": the word before is a mention
        return False
    word = before["word"]
    return word[:1].isupper() and word not in TITLES and word not in OPENERS


class _Resolver:
    def __init__(self, glossary: Glossary, date: dt.date | None):
        self.entries = glossary.by_key()
        self.date = date
        self.named: set[str] = set()

    def resolve(self, pattern: Pattern) -> str | None:
        candidates = pattern.entries
        named = [c for c in candidates + pattern.related if c in self.named]
        if len(named) == 1:
            return named[0]
        pool = [c for c in named if c in candidates] or list(candidates)
        if self.date is not None:
            serving = [c for c in pool if self.entries[c].in_office(self.date)]
            if len(serving) == 1:
                return serving[0]
        return None


def annotate(article: Article, glossary: Glossary, matcher: Matcher) -> AnnotatedArticle:
    resolver = _Resolver(glossary, article.date)
    mentions: list[Mention] = []
    unresolved: list[Unresolved] = []
    linked: set[str] = set()
    for index, block in enumerate(article.blocks):
        if block.kind is BlockKind.SUBHEADING:
            continue  # headings stay plain: a link there would read as navigation
        chosen = matcher.hits(block.text)
        ends = {hit.end for hit in chosen if hit.pattern.kind is not PatternKind.EXCLUDE}
        for hit in chosen:
            kind = hit.pattern.kind
            if kind is PatternKind.EXCLUDE:
                continue
            if kind is PatternKind.SHORT:
                if _part_of_longer_name(block.text, hit, ends):
                    continue
                key = resolver.resolve(hit.pattern)
                if key is None:
                    unresolved.append(Unresolved(block.text[hit.start:hit.end], index, hit.start, hit.pattern.entries))
                    continue
            else:
                key = hit.pattern.entries[0]
                resolver.named.add(key)
            mentions.append(Mention(key, index, hit.start, hit.end, linked=key not in linked))
            linked.add(key)
    return AnnotatedArticle(article, tuple(mentions), tuple(unresolved))
