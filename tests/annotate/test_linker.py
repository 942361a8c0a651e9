"""Table-driven matching tests: what is linked, to which entry, and what is never linked."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.annotate.linker import annotate, build_matcher
from generator.annotate.matcher import Matcher, Pattern, PatternKind, case_fits
from generator.text import fold
from generator.config import load_config
from generator.ingest.glossary import load_glossary
from generator.model import Article, Block, BlockKind


@pytest.fixture
def glossary(project):
    config = load_config(project.root)
    glossary, problems = load_glossary(project.root, config.glossary_dir, config.categories)
    assert problems == []
    return glossary


def found(glossary, text: str, date: dt.date | None = dt.date(2006, 7, 6)):
    article = Article("a.txt", "a", "Title", date, None, None, (Block(BlockKind.PARAGRAPH, text, 1),))
    result = annotate(article, glossary, build_matcher(glossary))
    return [(text[m.start:m.end], m.entry) for m in result.mentions], [u.text for u in result.unresolved]


CASES = [
    # names, aliases, possessives, spelling variants
    ("George W. Bush spoke.", [("George W. Bush", "people/george-w-bush")]),
    ("Bush's plan failed.", [("Bush", "people/george-w-bush")]),
    ("Mr Bush said so.", [("Bush", "people/george-w-bush")]),
    ("Kim Jong Il and Kim Jong-Il met.", [("Kim Jong Il", "people/kim-jong-il"), ("Kim Jong-Il", "people/kim-jong-il")]),
    ("KIM JONG-IL ARRIVES", [("KIM JONG-IL", "people/kim-jong-il")]),
    # metonyms and demonyms
    ("Pyongyang's missile program grew.", [("Pyongyang", "states/north-korea")]),
    ("Chinese President Hu Jintao", [("Chinese", "states/china"), ("Hu Jintao", "people/hu-jintao")]),
    ("the North Korean nuclear crisis", [("North Korean", "states/north-korea")]),
    ("N Korea missiles", [("N Korea", "states/north-korea")]),
    # case: "US" is not "us"
    ("The US and us.", [("US", "states/united-states")]),
    ("U.S. officials", [("U.S.", "states/united-states")]),
    # longest match wins; plurals of class names
    ("two intercontinental ballistic missiles", [("intercontinental ballistic missiles", "weapons/intercontinental-ballistic-missile")]),
    ("A ballistic missile and ICBMs.", [("ballistic missile", "weapons/ballistic-missile"), ("ICBMs", "weapons/intercontinental-ballistic-missile")]),
    ("Ballistic missiles flew.", [("Ballistic missiles", "weapons/ballistic-missile")]),
    # no false links
    ("the Korean peninsula", []),
    ("Kimchi and Bushes and Hutu", []),
    ("busy bush fires", []),
    ("to North America", []),
    ("The Washington Post reported", []),
    ("the icbm in lower case", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_mentions(glossary, text, expected):
    assert found(glossary, text)[0] == expected


@pytest.mark.parametrize(
    "text, date, expected, unresolved",
    [
        # a name several entries share: the date alone is no evidence (tests/annotate/test_wire.py
        # has the titles and states that are)
        ("Kim fired a missile.", dt.date(2006, 7, 6), [], ["Kim"]),
        ("Kim fired a missile.", dt.date(2017, 9, 15), [], ["Kim"]),
        ("Leader Kim fired a missile.", dt.date(2017, 9, 15), [("Kim", "people/kim-jong-un")], []),
        # undated: by a full name earlier in the article, else unlinked and reported
        ("Kim Jong-un watched. Kim smiled.", None, [("Kim Jong-un", "people/kim-jong-un"), ("Kim", "people/kim-jong-un")], []),
        ("Kim fired a missile.", None, [], ["Kim"]),
        # the article's own full name is better evidence than the date
        ("Kim Jong-il ruled for 17 years. Kim died in 2011.", dt.date(2012, 1, 2), [("Kim Jong-il", "people/kim-jong-il"), ("Kim", "people/kim-jong-il")], []),
        # someone named in full who shares the surname but has no short name
        ("Kim Yo-jong issued a statement. Kim said talks were over.", dt.date(2020, 6, 1), [("Kim Yo-jong", "people/kim-yo-jong"), ("Kim", "people/kim-yo-jong")], []),
        # a surname inside somebody else's name is not a mention
        ("Photo by Kim Won-Jin for the agency.", dt.date(2017, 9, 15), [], []),
        ("Laura Bush visited.", dt.date(2006, 7, 6), [], []),
        ("First lady Laura Bush visited.", dt.date(2006, 7, 6), [], []),
        ("Then Bush left.", dt.date(2006, 7, 6), [("Bush", "people/george-w-bush")], []),
        ("China's Hu told Mr Bush.", dt.date(2006, 7, 6), [("China", "states/china"), ("Bush", "people/george-w-bush")], ["Hu"]),
    ],
)
def test_shared_short_names(glossary, text, date, expected, unresolved):
    assert found(glossary, text, date) == (expected, unresolved)


def test_first_mention_is_linked_later_ones_are_not(glossary):
    article = Article("a.txt", "a", "T", None, None, None, (Block(BlockKind.PARAGRAPH, "China and China.", 1), Block(BlockKind.PARAGRAPH, "China.", 2)))
    mentions = annotate(article, glossary, build_matcher(glossary)).mentions
    assert [m.linked for m in mentions] == [True, False, False]


def test_subheading_mentions_count_but_are_not_links(glossary):
    article = Article("a.txt", "a", "T", None, None, None, (Block(BlockKind.SUBHEADING, "China", 1), Block(BlockKind.PARAGRAPH, "China.", 2)))
    mentions = annotate(article, glossary, build_matcher(glossary)).mentions
    assert [(m.block, m.linked) for m in mentions] == [(0, False), (1, True)]


def test_fold_keeps_length_and_offsets():
    for text in ["Kim Jong-Un’s", "İstanbul", "ﬁne", "U.S.-led"]:
        assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    "found_text, surface, fits",
    [("US", "US", True), ("us", "US", False), ("Us", "US", False), ("Bush", "Bush", True), ("bush", "Bush", False),
     ("Ballistic missile", "ballistic missile", True), ("BALLISTIC MISSILE", "ballistic missile", True), ("Kim Jong-Un", "Kim Jong-un", True)],
)
def test_case_fits(found_text, surface, fits):
    assert case_fits(found_text, surface) is fits


def test_matching_does_not_depend_on_glossary_size():
    # 5,000 unrelated names change nothing about what is found.
    small = Matcher([Pattern("Hwasong-12", PatternKind.NAME, ("w/h",))])
    big = Matcher([Pattern("Hwasong-12", PatternKind.NAME, ("w/h",))] + [Pattern(f"Name{i} Surname{i}", PatternKind.NAME, (f"p/{i}",)) for i in range(5000)])
    text = "A Hwasong-12 and Name12 Surname1 flew."
    assert [(start, end) for start, end, _ in small.hits(text)] == [(2, 12)]
    assert [(start, end, pattern.entries) for start, end, pattern in big.hits(text)] == [(2, 12, ("w/h",))]
