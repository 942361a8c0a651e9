"""Who is quoted saying what: direct quotes with an unambiguous attribution to a person mention.

Only the two shapes wire copy uses for full quotes count:
  "…," Mr Bush said.      "…," said President Putin.      Bush said: "…"
The attribution must follow the closing quote mark (or precede the opening one) with nothing but
titles between the quote and the name, so a pronoun ("he added") or a second person in between
leaves the quote unattributed rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon
from ..model import AnnotatedArticle, Mention

_QUOTE_RE = re.compile(r"[\"“](?P<quote>[^\"“”]{12,}?)[\"”]")


@lexicon.derived
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """The attribution shapes, with verbs and titles from the lexicon ("Supreme Leader Kim said")."""
    verbs = "(?:" + "|".join(sorted(map(re.escape, lexicon.phrases("speech_verbs")), key=len, reverse=True)) + ")"
    titles = "|".join(sorted(map(re.escape, lexicon.phrases("titles")), key=len, reverse=True))
    title_words = rf"(?:(?:{titles}|of|the)\.?\s+)*"
    after_name = re.compile(r"^[,.!?]?\s+" + title_words + r"$")  # ', Mr Bush said' (the name checked by offset)
    after_verb = re.compile(r"^\s+" + verbs + r"\b")
    said_before = re.compile(r"^[,.!?]?\s+" + verbs + r"\s+" + title_words + r"$")  # ', said President Putin'
    before_quote = re.compile(r"^\s+" + verbs + r"(?: that)?[:,]?\s+$")  # 'Bush said: "…"'
    return after_name, after_verb, said_before, before_quote


@dataclass(frozen=True)
class Quotation:
    entry: str
    article: AnnotatedArticle
    block: int
    text: str  # the words inside the quote marks


def quotations(annotated: AnnotatedArticle, people: set[str]) -> list[Quotation]:
    found = []
    by_block: dict[int, list[Mention]] = {}
    for mention in annotated.mentions:
        if mention.entry in people:
            by_block.setdefault(mention.block, []).append(mention)
    for index, mentions in by_block.items():
        text = annotated.article.blocks[index].text
        for match in _QUOTE_RE.finditer(text):
            speaker = _speaker(text, match, mentions)
            if speaker:
                found.append(Quotation(speaker, annotated, index, match["quote"]))
    return found


def _speaker(text: str, match: re.Match, mentions: list[Mention]) -> str | None:
    after_name, after_verb, said_before, before_quote = _patterns()
    for mention in mentions:
        if mention.start >= match.end():
            between = text[match.end():mention.start]
            after = text[mention.end:]
            if after_name.match(between) and after_verb.match(after):
                return mention.entry
            if said_before.match(between):
                return mention.entry
        elif mention.end <= match.start():
            between = text[mention.end:match.start()]
            if before_quote.match(between):
                return mention.entry
    return None
