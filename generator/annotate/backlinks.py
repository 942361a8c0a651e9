"""Cross-article facts: who is mentioned where, how often, and with whom. Pure."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import NamedTuple

from ..model import AnnotatedArticle, Glossary
from .quotes import Quotation, quotations
from .sentences import sentence_spans

# Companions kept ranked per entry. The pages read the first 12 ("Often mentioned with"), the maps
# the first 11 and, for the ties among those, further down a companion's list until a tie is found:
# 256 covers 94% of those reads when mentions spread evenly over 3,000 entries, and all of them when
# they cluster by topic (bench/corpus_gen.py's two shapes). Only a cache: reading further ranks again.
HEAD = 256


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


class CoMentions:
    """Which entries each article mentions and which articles mention each entry: enough to rank
    one entry's companions at a time, in memory proportional to the mentions.

    A table of every pair mentioned together grows with the distinct pairs instead: when mentions
    spread over a big glossary rather than cluster by topic, that is millions of pairs (3.5 million,
    about 750 MB, for 10,000 articles naming about 40 of 3,000 entries each)."""

    def __init__(self, mentioned: list[tuple[str, ...]]):
        """``mentioned``: for each article, the keys of the entries it mentions (each once)."""
        # Entries are numbered in key order, so that ordering numbers breaks ties by key.
        self.keys = tuple(sorted({key for keys in mentioned for key in keys}))
        self.number = {key: n for n, key in enumerate(self.keys)}
        self.in_article = [tuple(self.number[key] for key in keys) for keys in mentioned]  # article -> entries
        articles: list[list[int]] = [[] for _ in self.keys]
        for article, entries in enumerate(self.in_article):
            for n in entries:
                articles[n].append(article)
        self.articles = [tuple(a) for a in articles]  # entry -> the articles mentioning it
        # A companion as one int, (shared articles, then the complement of its number): sorting
        # these descending ranks by count, then by key, in C.
        self._shift = max(len(self.keys), 1).bit_length()
        self._mask = (1 << self._shift) - 1
        self._sets: dict[int, frozenset[int]] = {}

    def ranked(self, key: str) -> list[int]:
        """Every entry that shares an article with ``key``, most shared first, then by key, as
        codes for ``decode``."""
        me = self.number.get(key)
        if me is None:
            return []
        counts = Counter(chain.from_iterable(map(self.in_article.__getitem__, self.articles[me])))  # in C
        del counts[me]
        shift, mask = self._shift, self._mask
        codes = [(count << shift) | (mask - n) for n, count in counts.items()]
        codes.sort(reverse=True)
        return codes

    def decode(self, code: int) -> tuple[str, int]:
        """A companion's ``(key, shared articles)``."""
        return self.keys[self._mask - (code & self._mask)], code >> self._shift

    def shared(self, a: str, b: str) -> int:
        """How many articles mention both ``a`` and ``b``."""
        if a not in self.number or b not in self.number:
            return 0
        return len(self._set(self.number[a]) & self._set(self.number[b]))

    def _set(self, n: int) -> frozenset[int]:
        # Made when first asked for: at most one per entry, as many elements as the entry's articles.
        found = self._sets.get(n)
        if found is None:
            found = self._sets[n] = frozenset(self.articles[n])
        return found


class Companions(Sequence):
    """One entry's companions as ``(other key, shared articles)``, strongest first, then by key: a
    read-only sequence like a tuple. The first ``HEAD`` are kept (8 bytes each); an index, slice or
    iteration reaching further ranks the entry's companions again, and keeps nothing."""

    __slots__ = ("key", "_head", "_length", "_source")

    def __init__(self, key: str, ranked: list[int], source: CoMentions):
        self.key = key
        self._head = array("q", ranked[:HEAD])
        self._length = len(ranked)
        self._source = source

    def moved_to(self, source: CoMentions) -> Companions:
        """The same companions, read further from ``source``: a later build's co-mentions that
        number the entries as this one's did and give this entry the same articles."""
        self._source = source
        return self

    def __len__(self) -> int:
        return self._length

    def _codes(self, wanted: range) -> Sequence[int]:
        """The codes, all of them unless every index ``wanted`` is in the head."""
        if not wanted or max(wanted[0], wanted[-1]) < len(self._head):
            return self._head
        return self._source.ranked(self.key)

    def __getitem__(self, at):
        if isinstance(at, slice):
            wanted = range(*at.indices(self._length))
            codes = self._codes(wanted)
            return tuple(self._source.decode(codes[i]) for i in wanted)
        if not -self._length <= at < self._length:
            raise IndexError("Companions index out of range")
        at %= self._length
        return self._source.decode(self._codes(range(at, at + 1))[at])

    def __iter__(self) -> Iterator[tuple[str, int]]:
        decode = self._source.decode
        for code in self._head:  # a reader that stops early (the maps do) never ranks again
            yield decode(code)
        if self._length > len(self._head):
            for code in islice(self._source.ranked(self.key), len(self._head), None):
                yield decode(code)

    def __eq__(self, other) -> bool:
        if isinstance(other, (Companions, tuple)):
            return len(self) == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # compares by value, like a list

    def __repr__(self) -> str:
        return f"Companions({self.key!r}: {len(self)}, strongest {self[:3]!r})"


@dataclass(frozen=True)
class Index:
    backlinks: dict[str, tuple[Backlink, ...]]  # entry key -> articles, newest first
    # entry key -> (other key, shared articles), strongest first then by key; only entries with companions
    together: dict[str, Companions]
    quotations: dict[str, tuple[Quotation, ...]] = field(default_factory=dict)  # entry key -> what it is quoted as saying
    co_mentions: CoMentions | None = None
    # ties() already answered, by (keys, per node, floor); carried into the next build's index
    # (``Remembered``) for the keys whose companions no edit touched.
    _ties: dict = field(default_factory=dict, compare=False, repr=False)

    def count(self, key: str) -> int:
        return len(self.backlinks.get(key, ()))

    def ties(self, keys: tuple[str, ...], per_node: int, floor: int) -> tuple[tuple[str, str, int], ...]:
        """The ties among ``keys`` as ``(a, b, shared articles)``, a before b, in order: each
        key's ``per_node`` strongest to another of them, of at least ``floor`` shared articles.
        Read from the companions, strongest first, stopping early."""
        asked = (keys, per_node, floor)
        found = self._ties.get(asked)
        if found is None:
            chosen = set(keys)
            kept: dict[tuple[str, str], int] = {}
            for a in keys:
                taken = 0
                for b, n in self.together.get(a, ()):
                    if n < floor or taken == per_node:
                        break
                    if b in chosen:
                        kept[(a, b) if a < b else (b, a)] = n
                        taken += 1
            found = self._ties[asked] = tuple((a, b, n) for (a, b), n in sorted(kept.items()))
        return found

    def shared(self, a: str, b: str) -> int:
        """How many articles mention both ``a`` and ``b`` (a set intersection: cheaper than
        reading ``together[a]`` beyond its first ``HEAD``)."""
        return self.co_mentions.shared(a, b) if self.co_mentions is not None else 0


def _around(spans: list[tuple[int, int]], position: int, length: int) -> tuple[int, int]:
    at = bisect_right(spans, (position, length + 1)) - 1
    return spans[at] if at >= 0 and spans[at][0] <= position < spans[at][1] else (0, length)


def _article_part(annotated: AnnotatedArticle, quotable: frozenset[str]) -> tuple[tuple[tuple[str, Backlink], ...], tuple[Quotation, ...]]:
    """One article's share of the index: a backlink (with the sentences quoted) for each entry it
    mentions, in order of first mention, and what it quotes the ``quotable`` entries as saying."""
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
    links = tuple((key, Backlink(annotated, tuple(found.values()))) for key, found in quotes.items())
    return links, tuple(quotations(annotated, quotable)) if quotable else ()


@dataclass
class Remembered:
    """What ``build_index`` keeps between builds (``mkdocs serve``): each article's share, for as
    long as it is the same article object, and the last index, whose rankings and ties still hold
    for every entry that no changed article mentions (nor mentioned before the change)."""

    parts: dict = field(default_factory=dict)  # source path -> (article, quotable, (links, quoted))
    index: Index | None = None


def build_index(glossary: Glossary, articles: list[AnnotatedArticle], quotable: frozenset[str] = frozenset(),
                memory: Remembered | None = None) -> Index:
    """Backlinks, co-mentions, and the quotes of the ``quotable`` entries (categories with ``quotes``).

    ``memory`` (kept between builds): an article left alone is not read again, and an entry that
    no changed article mentions keeps its ranked companions and its ties: an edit costs what it
    touches, not the whole briefing's ranking."""
    ordered = sorted(articles, key=lambda a: a.article.sort_key)
    parts = memory.parts if memory is not None else None
    said: dict[str, list[Quotation]] = defaultdict(list)
    backlinks: dict[str, list[Backlink]] = defaultdict(list)
    mentioned: list[tuple[str, ...]] = []
    touched: set[str] = set()  # entries whose articles changed: in a part read again, or gone
    for annotated in ordered:
        remembered = parts.get(annotated.article.path) if parts is not None else None
        if remembered is not None and remembered[0] is annotated and remembered[1] == quotable:
            links, quoted = remembered[2]
        else:
            links, quoted = _article_part(annotated, quotable)
            if parts is not None:
                if remembered is not None:
                    touched.update(_keys(remembered[2]))
                touched.update(_keys((links, quoted)))
                parts[annotated.article.path] = (annotated, quotable, (links, quoted))
        for key, backlink in links:
            backlinks[key].append(backlink)
        mentioned.append(tuple(key for key, _ in links))
        for quotation in quoted:
            said[quotation.entry].append(quotation)
    if parts is not None and len(parts) > len(ordered):
        present = {a.article.path for a in ordered}
        for path in [p for p in parts if p not in present]:
            touched.update(_keys(parts.pop(path)[2]))
    # Companions counted one entry at a time, only the strongest kept: never a table of every pair.
    co_mentions = CoMentions(mentioned)
    before = memory.index if memory is not None else None
    if before is None or before.co_mentions is None or before.co_mentions.keys != co_mentions.keys:
        before = None  # entries numbered otherwise: every ranking is made again
    together = {}
    for key in co_mentions.keys:
        kept = before.together.get(key) if before is not None and key not in touched else None
        if kept is not None:
            together[key] = kept.moved_to(co_mentions)
        elif ranked := co_mentions.ranked(key):
            together[key] = Companions(key, ranked, co_mentions)
    index = Index(
        backlinks={k: tuple(v) for k, v in backlinks.items()},
        together=together,
        quotations={k: tuple(v) for k, v in said.items()},
        co_mentions=co_mentions,
    )
    if before is not None:
        index._ties.update((asked, ties) for asked, ties in before._ties.items() if touched.isdisjoint(asked[0]))
    if memory is not None:
        memory.index = index
    return index


def _keys(part: tuple) -> Iterator[str]:
    """The entries an article's share of the index is about: those it links and those it quotes."""
    links, quoted = part
    yield from (key for key, _ in links)
    yield from (quotation.entry for quotation in quoted)
