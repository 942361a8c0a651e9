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

from ..model import AnnotatedArticle, Mention

_VERBS = r"(?:said|says|added|adds|told|tells|insisted|warned|stressed|declared|wrote|noted|continued|replied|asked)"
_QUOTE_RE = re.compile(r"[\"“](?P<quote>[^\"“”]{12,}?)[\"”]")
_TITLE_WORDS = r"(?:(?:Mr|Mrs|Ms|Dr|President|Prime Minister|Premier|Foreign Minister|Secretary of State|Secretary|Chancellor|Leader|Chairman|General|Gen|Ambassador|Envoy|Minister|Vice President)\.?\s+)*"
# After a quote: ', Mr Bush said' / ', said President Putin' (the name is checked by offset).
_AFTER_NAME_RE = re.compile(r"^[,.!?]?\s+" + _TITLE_WORDS + r"$")
_AFTER_VERB_RE = re.compile(r"^\s+" + _VERBS + r"\b")
_SAID_BEFORE_RE = re.compile(r"^[,.!?]?\s+" + _VERBS + r"\s+" + _TITLE_WORDS + r"$")
_BEFORE_QUOTE_RE = re.compile(r"^\s+" + _VERBS + r"(?: that)?[:,]?\s+$")


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
    for mention in mentions:
        if mention.start >= match.end():
            between = text[match.end():mention.start]
            after = text[mention.end:]
            if _AFTER_NAME_RE.match(between) and _AFTER_VERB_RE.match(after):
                return mention.entry
            if _SAID_BEFORE_RE.match(between):
                return mention.entry
        elif mention.end <= match.start():
            between = text[mention.end:match.start()]
            if _BEFORE_QUOTE_RE.match(between):
                return mention.entry
    return None
