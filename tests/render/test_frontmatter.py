"""Front matter: whatever the data, YAML reads back exactly that data."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.frontmatter import front_matter, scalar

KEYS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
SCALARS = st.one_of(TEXT, st.integers(-10**6, 10**6), st.none(), st.booleans())
# The shapes pages use: mappings of scalars, lists and mappings; lists of scalars or mappings.
MAPPINGS = st.recursive(
    st.dictionaries(KEYS, SCALARS, max_size=4),
    lambda inner: st.dictionaries(
        KEYS, st.one_of(SCALARS, inner, st.lists(st.one_of(SCALARS, inner), max_size=3)), max_size=4
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(MAPPINGS)
def test_yaml_reads_back_the_data(data):
    assert yaml.safe_load(front_matter(data) or "{}") == (data or {})


@pytest.mark.parametrize(
    "value, written",
    [
        ("Kim Jong-un", "Kim Jong-un"),
        ("George W. Bush", "George W. Bush"),
        ("2006-07-06", '"2006-07-06"'),  # a date to YAML
        ("yes", '"yes"'),
        ("NO", '"NO"'),  # Norway's code, a boolean to YAML 1.1
        ("null", '"null"'),
        ("Quantcast i24NEWS - ", '"Quantcast i24NEWS - "'),  # trailing space kept
        ("a: b", '"a: b"'),
        ("#hashtag", '"#hashtag"'),
        ('say "no"', '"say \\"no\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("line\u2028break", '"line\\u2028break"'),
        ("tab\there", '"tab\\x09here"'),
        ("中文", '"中文"'),
        (7, "7"),
        (None, "null"),
    ],
)
def test_scalars(value, written):
    assert scalar(value) == written
    assert yaml.safe_load(f"k: {written}") == {"k": value}


def test_the_shape_pages_use():
    data = {
        "title": "Russia, France say talks are only way",
        "entities": {"people": ["Kim Jong-un"], "states": []},
        "cleaning": {"removed": [{"line": 5, "kind": "outlet prefix", "text": "i24NEWS - "}], "non_breaking_spaces": 3},
        "search": {"boost": 2},
    }
    assert front_matter(data) == (
        "title: Russia, France say talks are only way\n"
        "entities:\n"
        "  people:\n"
        "  - Kim Jong-un\n"
        "  states: []\n"
        "cleaning:\n"
        "  removed:\n"
        "  - line: 5\n"
        "    kind: outlet prefix\n"
        '    text: "i24NEWS - "\n'
        "  non_breaking_spaces: 3\n"
        "search:\n"
        "  boost: 2"
    )
    assert yaml.safe_load(front_matter(data)) == data
