"""Table-driven tests of the cleaning rules: each kind of scraped junk, and real text kept."""

from __future__ import annotations

import pytest

from generator.ingest.clean import (
    clean,
    is_boilerplate,
    is_navigation,
    is_photo_credit,
    normalise_line,
)
from generator.model import BlockKind, RemovalKind


def lines(text: str):
    return list(enumerate(text.split("\n"), start=1))


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Alexei Druzhinin (Sputnik/AFP)", True),
        ("Kim Won-Jin (AFP)", True),
        ("Jung Yeon-je (AFP Photo/Pool)", True),
        ("Photo: Reuters", True),
        ("© Getty Images", True),
        ("Ed Jones (Getty Images)", True),
        ("Kim Jong-un (North Korea)", False),  # no agency
        ("He met Mr Kim on Monday (Reuters).", False),  # a sentence
        ("The talks in Beijing, Seoul and Tokyo failed (AFP)", False),  # too many words before
    ],
)
def test_photo_credit(line, expected):
    assert is_photo_credit(line) is expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("READ MORE", True),
        ("Read more:", True),
        ("READ MORE: North Korea fires missile over Japan", True),
        ("Advertisement", True),
        ("Story continues below", True),
        ("Read more about the sanctions in our explainer on Friday, the minister said.", False),
        ("More than 3,000 people attended.", False),
    ],
)
def test_boilerplate(line, expected):
    assert is_boilerplate(line) is expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("8Previous articleSeveral soldiers injured in Taliban suicide attack on NATO convoy in Afghanistan", True),
        ("8Next articleUN Security Council unanimously blasts North Korea over missile test", True),
        ("Next story: Seoul responds", True),
        ("Previous articles have reported the same figures.", False),
    ],
)
def test_navigation(line, expected):
    assert is_navigation(line) is expected


@pytest.mark.parametrize(
    "raw, text, spaces, controls",
    [
        ("said.\u00a0", "said.", 1, 0),
        ("  two   spaces\there ", "two spaces here", 0, 0),
        ("bell\x07 and \x1b[31mescape", "bell and [31mescape", 0, 2),
        ("zero\u200bwidth", "zerowidth", 0, 1),
    ],
)
def test_normalise_line(raw, text, spaces, controls):
    assert normalise_line(raw) == (text, spaces, controls)


def test_outlet_prefix_proven_by_the_repeated_headline():
    result = clean(lines("Quantcast i24NEWS - Russia, France say talks\n\nRussia, France say talks\n\nBody text here."))
    assert result.title == "Russia, France say talks"
    assert [(r.kind, r.text, r.line) for r in result.removed] == [
        (RemovalKind.OUTLET_PREFIX, "Quantcast i24NEWS - ", 1),
        (RemovalKind.REPEATED_HEADLINE, "Russia, France say talks", 3),
    ]
    assert [b.text for b in result.blocks] == ["Body text here."]


def test_outlet_suffix_proven_by_the_source():
    result = clean(lines("Talks resume | Yonhap News\n\nBody."), source="Yonhap")
    assert result.title == "Talks resume"
    assert result.removed[0].text == " | Yonhap News"


def test_dash_in_a_headline_without_evidence_is_kept():
    result = clean(lines("Kim - the man and the myth\n\nBody."))
    assert result.title == "Kim - the man and the myth"
    assert result.removed == ()


def test_teaser_that_repeats_the_first_paragraph():
    teaser = "President Bush pushed this evening to get a united response after the state …"
    full = "President Bush pushed this evening to get a united response after the state launched missiles."
    result = clean(lines(f"Headline\n\n{teaser}\n\n{full}"))
    assert [(r.kind, r.text) for r in result.removed] == [(RemovalKind.TEASER, teaser)]
    assert [b.text for b in result.blocks] == [full]


def test_ellipsis_that_repeats_nothing_is_kept():
    result = clean(lines("Headline\n\nHe paused and said nothing more...\n\nThen he left."))
    assert len(result.blocks) == 2


def test_front_matter_title_removes_the_repeated_headline_only():
    result = clean(lines("Talks resume\n\nTalks resume in Beijing today."), title="Talks resume")
    assert [b.text for b in result.blocks] == ["Talks resume in Beijing today."]
    assert result.removed[0].kind is RemovalKind.REPEATED_HEADLINE


def test_front_matter_title_keeps_a_first_line_that_is_body_text():
    result = clean(lines("Washington: the talks resumed today."), title="Talks resume")
    assert [b.text for b in result.blocks] == ["Washington: the talks resumed today."]


@pytest.mark.parametrize(
    "body, kinds",
    [
        ("Latest test\n\nThe missile flew.", [BlockKind.SUBHEADING, BlockKind.PARAGRAPH]),
        ("A crowd watches a screen in Tokyo showing the launch of a missile\n\nThe missile flew.", [BlockKind.CAPTION, BlockKind.PARAGRAPH]),
        ("Caption line one\nCaption line two continues here\n\nThe missile flew.", [BlockKind.CAPTION, BlockKind.CAPTION, BlockKind.PARAGRAPH]),
        ('"We will respond," he said.\n\nThe missile flew!', [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]),
        ("The missile flew.\n\nThe end", [BlockKind.PARAGRAPH, BlockKind.CAPTION]),  # nothing follows a heading
    ],
)
def test_block_kinds(body, kinds):
    assert [b.kind for b in clean(lines("Headline\n\n" + body)).blocks] == kinds


def test_removed_lines_keep_their_source_line_numbers():
    result = clean(lines("Headline\n\nFirst.\n\nREAD MORE\n\nKim Won-Jin (AFP)\n\nLast."))
    assert [(r.kind, r.line) for r in result.removed] == [(RemovalKind.BOILERPLATE, 5), (RemovalKind.PHOTO_CREDIT, 7)]
    assert [b.text for b in result.blocks] == ["First.", "Last."]


def test_every_character_is_kept_or_accounted_for():
    raw = "Headline\n\nREAD MORE\n\nOne.\u00a0\n\nTwo\x02 three."
    result = clean(lines(raw))
    assert [b.text for b in result.blocks] == ["One.", "Two three."]
    assert result.nbsp_replaced == 1 and result.control_removed == 1
