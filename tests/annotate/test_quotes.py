"""Quote attribution: only unambiguous shapes count, never a pronoun or a guess."""

from __future__ import annotations

import pytest

from generator.annotate.quotes import quotations
from generator.model import AnnotatedArticle, Article, Block, BlockKind, Mention


def quoted(text: str, name: str, entry: str = "people/a"):
    start = text.index(name)
    mention = Mention(entry, 0, start, start + len(name), True)
    article = Article("a.txt", "a", "T", None, None, None, (Block(BlockKind.PARAGRAPH, text, 1),))
    return [(q.entry, q.text) for q in quotations(AnnotatedArticle(article, (mention,)), {"people/a"})]


@pytest.mark.parametrize(
    "text, name, expected",
    [
        ('"We expect you to keep your word," Mr Bush said.', "Bush", [("people/a", "We expect you to keep your word,")]),
        ('"China supplies North Korea with oil," Secretary of State Rex Tillerson said in a statement.', "Rex Tillerson", [("people/a", "China supplies North Korea with oil,")]),
        ("“We will respond in kind,” said President Putin.", "Putin", [("people/a", "We will respond in kind,")]),
        ('Putin said: "Talks are the only way out."', "Putin", [("people/a", "Talks are the only way out.")]),
        # titles and verbs come from the lexicon: a multi-word title, another speech verb
        ('"We will bolster our nuclear forces," Supreme Leader Kim said.', "Kim", [("people/a", "We will bolster our nuclear forces,")]),
        ('"The door to dialogue is open," Foreign Minister Kang stressed.', "Kang", [("people/a", "The door to dialogue is open,")]),
        # not attributable: a pronoun, a fragment, someone else in between
        ('"We expect you to keep your word," he added, Bush nodding.', "Bush", []),
        ('Putin said concern should not trigger a reaction "that would drown out common sense."', "Putin", []),
        ('"It is in our interests to talk," an aide to Bush said.', "Bush", []),
        ('"Short," Bush said.', "Bush", []),  # too short to be a statement
    ],
)
def test_attribution(text, name, expected):
    assert quoted(text, name) == expected


def test_only_quotable_categories(project):
    text = '"We expect you to keep your word," Mr Bush said.'
    start = text.index("Bush")
    article = Article("a.txt", "a", "T", None, None, None, (Block(BlockKind.PARAGRAPH, text, 1),))
    annotated = AnnotatedArticle(article, (Mention("states/x", 0, start, start + 4, True),))
    assert quotations(annotated, {"people/a"}) == []
