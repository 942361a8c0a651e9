"""generator/text.py: how names compare and fold, one owner (tables, and lengths kept for any text)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.text import comparable, fold, lower, match_key, same_name, sort_key


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kim Jong-un", "kim jong-un"),
        ("ICBM", "icbm"),
        ("İstanbul", "İstanbul"),  # 'İ'.lower() is two characters: kept, so offsets carry over
        ("STRASSE Straße", "strasse straße"),  # lower, not casefold: 'ß' stays one character
        ("", ""),
    ],
)
def test_lower(text, expected):
    assert lower(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kim Jong-un", "kim jong un"),
        ("Bush's", "bush s"),
        ("U.S.", "u s "),
        ("snake_case", "snake case"),
        ("İzmir-Ankara", "İzmir ankara"),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Kim Jong-un", "Kim Jong Un", True),  # hyphen and space: the bug of `briefing add`
        ("Kim Jong-un", "  kim   jong‐un ", True),  # Unicode hyphen, extra spaces
        ("U.S.", "US", False),  # punctuation is a gap, not nothing
        ("U.S.", "u s", True),
        ("Pyongyang", "pyongyang", True),
        ("Kim", "Kimchi", False),
    ],
)
def test_match_key(a, b, same):
    assert (match_key(a) == match_key(b)) is same


def test_match_key_is_padded_for_whole_word_containment():
    assert match_key("Kim Jong-un") == " kim jong un "
    assert match_key("Kim").strip() in match_key("Kim Jong-un")
    assert match_key("Jong") not in match_key("Kim Jongil")


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Hu Jintao", "hu jintao", True),
        ("António Guterres", "Anto\u0301nio Guterres", True),  # precomposed vs combining accent
        ("ﬁnland", "Finland", True),  # ligature (NFKC)
        ("Straße", "STRASSE", True),  # casefold
        ("Kim Jong-un", "Kim Jong Un", False),  # a different spelling: an alias, not the same name
    ],
)
def test_same_name(a, b, same):
    assert (same_name(a) == same_name(b)) is same


def test_sort_key_is_case_blind_then_total():
    names = ["china", "Ballistic missile", "China", "antonio", "Ärger"]
    assert sorted(names, key=sort_key) == ["antonio", "Ballistic missile", "China", "china", "Ärger"]


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Trump: talks 'only way'", "TRUMP TALKS ONLY WAY", True),
        ("  North Korea fires missile. ", "north korea fires missile", True),
        ("North Korea fires missile", "North Korea fires missiles", False),
    ],
)
def test_comparable(a, b, same):
    assert (comparable(a) == comparable(b)) is same


@given(st.text())
def test_lower_and_fold_keep_the_length_of_any_text(text):
    assert len(lower(text)) == len(text)
    assert len(fold(text)) == len(text)


@given(st.text())
def test_fold_is_lower_with_gaps(text):
    assert all(f == " " or f == l for f, l in zip(fold(text), lower(text)))
