"""Co-mentions: ranked one entry at a time, the first HEAD kept, exactly what a full count of every
pair gives (the ranking the pages and maps read: most shared articles first, then by key)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import combinations
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.annotate import backlinks
from generator.annotate.backlinks import Companions, Remembered, build_index
from generator.model import AnnotatedArticle, Article, Block, BlockKind, Glossary, Mention

TEXT = "One sentence here. Another one there. " * 4


def article(number: int, keys: list[str]) -> AnnotatedArticle:
    """An article mentioning ``keys`` in that order (an entry may come more than once)."""
    date = dt.date(2020, 1, 1) + dt.timedelta(days=number % 7)
    mentions = tuple(Mention(key, 0, 3 * i % 120, 3 * i % 120 + 2) for i, key in enumerate(keys))
    blocks = (Block(BlockKind.PARAGRAPH, TEXT, 1),)
    return AnnotatedArticle(Article(f"{number}.txt", f"a-{number}", "T", date, None, None, blocks), mentions)


def naive(articles: list[list[str]]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Every pair counted (the index before it was bounded), each entry's list fully sorted."""
    pairs = Counter(pair for keys in articles for pair in combinations(sorted(set(keys)), 2))
    together: dict[str, list[tuple[str, int]]] = {}
    for (a, b), n in pairs.items():
        together.setdefault(a, []).append((b, n))
        together.setdefault(b, []).append((a, n))
    return {k: tuple(sorted(v, key=lambda p: (-p[1], p[0]))) for k, v in together.items()}


def index_of(articles: list[list[str]], head: int = backlinks.HEAD):
    with patch.object(backlinks, "HEAD", head):
        return build_index(Glossary(()), [article(i, keys) for i, keys in enumerate(articles)])


# Keys whose order differs from the order they are first seen in, some sharing a prefix.
KEYS = ["people/kim", "people/kim-jong-un", "people/a", "states/china", "states/b", "weapons/x-1", "weapons/x-10", "weapons/x-2"]


def test_ranked_by_shared_articles_then_by_key():
    index = index_of([
        ["states/china", "people/kim", "weapons/x-2"],
        ["weapons/x-2", "people/kim", "people/kim"],
        ["people/a", "states/china", "people/kim"],
        ["weapons/x-10"],  # mentioned with nothing: no companions
    ], head=1)
    assert tuple(index.together["people/kim"]) == (("states/china", 2), ("weapons/x-2", 2), ("people/a", 1))
    assert tuple(index.together["weapons/x-2"]) == (("people/kim", 2), ("states/china", 1))
    assert "weapons/x-10" not in index.together
    assert index.together.get("weapons/x-10", ()) == ()
    assert index.shared("people/kim", "weapons/x-2") == 2
    assert index.shared("people/a", "weapons/x-2") == 0
    assert index.shared("people/a", "nobody/here") == 0


@settings(max_examples=300, deadline=None)
@given(
    articles=st.lists(st.lists(st.sampled_from(KEYS), max_size=7), max_size=25),
    head=st.sampled_from([1, 2, 3, 5, backlinks.HEAD]),
    data=st.data(),
)
def test_the_same_as_counting_every_pair(articles, head, data):
    expected = naive(articles)
    index = index_of(articles, head)
    assert set(index.together) == set(expected)
    for key, ranked in expected.items():
        companions = index.together[key]
        assert isinstance(companions, Companions)
        assert len(companions) == len(ranked)
        assert tuple(companions) == ranked and companions == ranked  # iterated past the head: counted again
        for stop in (0, 1, 2, 11, 12, len(ranked) + 3):  # what the pages and maps read
            assert companions[:stop] == ranked[:stop]
        start = data.draw(st.integers(-len(ranked) - 2, len(ranked) + 2))
        stop = data.draw(st.none() | st.integers(-len(ranked) - 2, len(ranked) + 2))
        step = data.draw(st.sampled_from([None, 1, 2, -1, -2]))
        assert companions[start:stop:step] == ranked[start:stop:step]
        at = data.draw(st.integers(-len(ranked), len(ranked) - 1))
        assert companions[at] == ranked[at]
        with pytest.raises(IndexError):
            companions[len(ranked)]
        # A reader that stops early (the maps' backbone) gets the same prefix.
        taken = []
        for pair in companions:
            taken.append(pair)
            if len(taken) == 4:
                break
        assert tuple(taken) == ranked[:4]
    for a, b in combinations(KEYS, 2):
        assert index.shared(a, b) == sum(1 for keys in articles if a in keys and b in keys)


def test_memory_is_the_head_not_every_pair():
    # Forty entries all mentioned together: 780 pairs, but each entry keeps only HEAD of its 39.
    keys = [f"people/p{i:02d}" for i in range(40)]
    index = index_of([keys, keys[::2]], head=5)
    for key in keys:
        assert len(index.together[key]._head) == 5
        assert len(index.together[key]) == 39
    assert tuple(index.together["people/p00"])[:3] == (("people/p02", 2), ("people/p04", 2), ("people/p06", 2))


def _same_index(got, expected) -> None:
    assert got.backlinks == expected.backlinks
    assert {k: tuple(v) for k, v in got.together.items()} == {k: tuple(v) for k, v in expected.together.items()}
    for keys in [tuple(sorted(expected.together)), *(tuple(k for k, _ in expected.together[key][:4]) for key in expected.together)]:
        for per_node in (1, 2):
            assert got.ties(keys, per_node, 1) == expected.ties(keys, per_node, 1)


def test_remembered_parts_give_the_same_index():
    """Under `mkdocs serve` each article's share of the index is remembered and read again only
    for an article that changed: the index is the one a fresh build gives."""
    first = [article(n, keys) for n, keys in enumerate([["a", "b"], ["b", "c", "b"], ["a", "c"]])]
    memory = Remembered()
    _same_index(build_index(Glossary(()), first, memory=memory), build_index(Glossary(()), first))
    remembered = dict(memory.parts)
    edited = [first[0], article(1, ["c", "a"]), article(3, ["b"])]  # one changed, one gone, one new
    _same_index(build_index(Glossary(()), edited, memory=memory), build_index(Glossary(()), edited))
    assert memory.parts["0.txt"] is remembered["0.txt"] and memory.parts["1.txt"] is not remembered["1.txt"]
    assert "2.txt" not in memory.parts and "3.txt" in memory.parts


# (articles before, articles after: by number, the entries each mentions), the entries whose
# companions and ties must be ranked again, those that keep them.
EDITS = [
    pytest.param({0: "ab", 1: "cd", 2: "ce"}, {0: "ab", 1: "dc", 2: "ce"}, "cd", "abe", id="article-edited-same-entries"),
    pytest.param({0: "ab", 1: "cd", 2: "ce"}, {0: "ab", 1: "cde", 2: "ce"}, "cde", "ab", id="entry-added-to-article"),
    pytest.param({0: "ab", 1: "cd", 2: "ce", 3: "de"}, {0: "ab", 1: "cd", 3: "de"}, "ce", "abd", id="article-deleted"),
    pytest.param({0: "ab", 1: "cd", 2: "ce"}, {0: "ab", 1: "cd", 2: "ce", 3: "ae"}, "ae", "bcd", id="article-added"),
    pytest.param({0: "ab", 1: "cd"}, {0: "ab", 1: "cdf"}, "abcdf", "", id="entry-newly-mentioned-renumbers-all"),
]


@pytest.mark.parametrize(("before", "after", "ranked_again", "kept"), EDITS)
def test_an_edit_ranks_again_only_the_entries_it_touches(before, after, ranked_again, kept):
    def articles(spec):
        return [article(n, list(keys)) if keys != before.get(n) else first[n] for n, keys in spec.items()]

    first = {n: article(n, list(keys)) for n, keys in before.items()}
    memory = Remembered()
    old = build_index(Glossary(()), list(first.values()), memory=memory)
    for key in old.together:  # the ties the maps asked for
        old.ties(tuple(sorted({key, *(k for k, _ in old.together[key])})), 1, 1)
    new = build_index(Glossary(()), articles(after), memory=memory)
    carried = {asked[0] for asked in new._ties}
    _same_index(new, build_index(Glossary(()), articles(after)))
    assert memory.index is new
    for key in kept:
        assert new.together[key] is old.together[key]
    for key in ranked_again:
        assert key not in old.together or new.together.get(key) is not old.together[key]
    assert all(set(keys) <= set(kept) for keys in carried)
    assert {keys for keys in (asked[0] for asked in old._ties) if set(keys) <= set(kept)} <= carried
