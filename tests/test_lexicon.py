"""The lexicon: word lists as data, extended by a briefing's own words in briefing.yml."""

from __future__ import annotations

import pytest

from generator import lexicon
from generator.errors import BriefingError
from generator.pipeline import prepare


@pytest.fixture(autouse=True)
def shipped_lists_afterwards():
    yield
    lexicon.extend({})


def test_every_list_is_readable_and_has_no_duplicates():
    for name in lexicon.names():
        phrases = lexicon.phrases(name)
        assert phrases, name
        if name != "months":
            assert len(set(p.casefold() for p in phrases)) == len(phrases), name


def test_briefing_adds_its_own_agency_and_datelines_follow(project):
    project.article("k.txt", "---\ndate: 2023-03-03\n---\nHeadline\n\nKYIV (Ukrinform) - Bush spoke.\n")
    site, _ = prepare(project.root)
    article = next(a.article for a in site.articles if a.article.path.endswith("k.txt"))
    assert article.blocks[1].dateline == 0  # an agency nobody told us about

    config = project.root / "briefing.yml"
    config.write_text(config.read_text() + "lexicon:\n  agencies: [Ukrinform]\n")
    site, _ = prepare(project.root)
    article = next(a.article for a in site.articles if a.article.path.endswith("k.txt"))
    assert article.blocks[1].text[:article.blocks[1].dateline] == "KYIV (Ukrinform) -"


def test_unknown_list_and_wrong_type_are_reported_together(project):
    config = project.root / "briefing.yml"
    config.write_text(config.read_text() + "lexicon:\n  agences: [Ukrinform]\n  titles: Hetman\n")
    with pytest.raises(BriefingError) as error:
        prepare(project.root)
    messages = [str(p) for p in error.value.problems]
    assert messages[0].startswith("briefing.yml:") and "no list 'agences' (did you mean 'agencies'?)" in messages[0]
    assert "lexicon 'titles': expected a list of words" in messages[1]
