"""Cross-article facts: who is mentioned where, how often, and with whom. Pure."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

from ..model import AnnotatedArticle, Glossary
from .quotes import Quotation, quotations
from .sentences import sentence_spans


class Quote(NamedTuple):
    """Where one mention's sentence is: offsets into a block's text, not a copy of it (there is
    one per mention, and a big briefing has nearly a million)."""

    block: int
    sentence_start: int
    sentence_end: int
    start: int  # the mention, within the block
    end: int

    def parts(self, article: AnnotatedArticle) -> tuple[str, str, str]:
        """The sentence as (before the mention, the mention, after it)."""
        text = article.article.blocks[self.block].text
        return text[self.sentence_start:self.start], text[self.start:self.end], text[self.end:self.sentence_end]


@dataclass(frozen=True)
class Backlink:
    article: AnnotatedArticle
    quotes: tuple[Quote, ...]  # one per distinct sentence, in reading order


@dataclass(frozen=True)
class Index:
    backlinks: dict[str, tuple[Backlink, ...]]  # entry key -> articles, newest first
    together: dict[str, tuple[tuple[str, int], ...]]  # entry key -> (other key, shared articles)
    quotations: dict[str, tuple[Quotation, ...]] = field(default_factory=dict)  # entry key -> what it is quoted as saying

    def count(self, key: str) -> int:
        return len(self.backlinks.get(key, ()))


def _around(spans: list[tuple[int, int]], position: int, length: int) -> tuple[int, int]:
    at = bisect_right(spans, (position, length + 1)) - 1
    return spans[at] if at >= 0 and spans[at][0] <= position < spans[at][1] else (0, length)


def build_index(glossary: Glossary, articles: list[AnnotatedArticle], quotable: frozenset[str] = frozenset()) -> Index:
    """Backlinks, co-mentions, and the quotes of the ``quotable`` entries (categories with ``quotes``)."""
    ordered = sorted(articles, key=lambda a: a.article.sort_key)
    said: dict[str, list[Quotation]] = defaultdict(list)
    backlinks: dict[str, list[Backlink]] = defaultdict(list)
    pairs: Counter = Counter()
    for annotated in ordered:
        quotes: dict[str, dict[tuple[int, int, int], Quote]] = defaultdict(dict)
        spans: dict[int, list[tuple[int, int]]] = {}  # sentences of each block, found once
        for mention in annotated.mentions:
            text = annotated.article.blocks[mention.block].text
            if mention.block not in spans:
                spans[mention.block] = sentence_spans(text)
            start, end = _around(spans[mention.block], mention.start, len(text))
            seen = quotes[mention.entry]
            if (mention.block, start, end) not in seen:
                seen[(mention.block, start, end)] = Quote(mention.block, start, end, mention.start, mention.end)
        for key, found in quotes.items():
            backlinks[key].append(Backlink(annotated, tuple(found.values())))
        pairs.update(combinations(sorted(quotes), 2))  # counted in C: millions of pairs at scale
        if quotable:
            for quotation in quotations(annotated, quotable):
                said[quotation.entry].append(quotation)
    together: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a, b), count in pairs.items():
        together[a].append((b, count))
        together[b].append((a, count))
    return Index(
        backlinks={k: tuple(v) for k, v in backlinks.items()},
        together={k: tuple(sorted(v, key=lambda p: (-p[1], p[0]))) for k, v in together.items()},
        quotations={k: tuple(v) for k, v in said.items()},
    )
