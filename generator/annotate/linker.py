"""From an article's text to its mentions: pure, one automaton pass over the whole article.

Every hit of the automaton is then one of:
  a name or alias      always a mention of its entry;
  a place              a mention only when it stands for its government (``places``);
  a shared short name  resolved by ``shared`` ("Kim", "Lee"), else left unlinked and reported;
  an exclusion         a phrase that means something else ("North America"): nothing.
Nothing inside a dateline or a photo credit is a mention. Headline and subheading mentions
count (the article's entries, the glossary's backlinks) but carry no link; the first mention in
the text does.
"""

from __future__ import annotations

import re

from .. import lexicon
from ..model import AnnotatedArticle, Article, BlockKind, Glossary, Mention, Note, NoteKind, Unresolved
from ..schema import Kind
from . import places, shared
from .credits import credit_spans
from ..text import match_key
from .matcher import Matcher, Pattern, PatternKind

_BEFORE_RE = re.compile(r"(?:^|\s)(?P<word>\w+) $")
_HYPHENS = ("-", "‐", "‑")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?…:;]\s+|[\"“‘(]\s*)$")


def build_matcher(glossary: Glossary) -> Matcher:
    patterns = []
    shorts: dict[str, list[str]] = {}
    for entry in glossary.entries:
        for name in (entry.name, *entry.aliases):
            patterns.append(Pattern(name, PatternKind.NAME, (entry.key,)))
        for place in entry.places:
            patterns.append(Pattern(place, PatternKind.PLACE, (entry.key,)))
        for short in entry.short_names:
            shorts.setdefault(short, []).append(entry.key)
        for phrase in entry.exclude:
            patterns.append(Pattern(phrase, PatternKind.EXCLUDE, (entry.key,)))
    # Every run of words in every name, so "Kim" finds "Kim Yo-jong" without a scan per short name.
    named_by: dict[str, list[str]] = {}
    for entry in glossary.entries:
        words = match_key(entry.name).split()
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                named_by.setdefault(" ".join(words[i:j]), []).append(entry.key)
    by_key = glossary.by_key()
    by_name = glossary.by_name()
    for short, keys in shorts.items():
        related = tuple(dict.fromkeys(k for k in named_by.get(match_key(short).strip(), []) if k not in keys))
        candidates = tuple(_candidate(by_key[key], by_name) for key in keys)
        patterns.append(Pattern(short, PatternKind.SHORT, tuple(keys), related, candidates))
    return Matcher(patterns)


def _candidate(entry, by_name) -> shared.Candidate:
    terms = tuple(
        shared.Term(*office.days, frozenset(w.casefold() for w in re.findall(r"[\w’'\-]+", office.title)))
        for office in entry.offices
    )
    refs = frozenset(
        by_name[value].key for fact in entry.facts if fact.field.kind in (Kind.REF, Kind.REF_LIST) for value in fact.values if value in by_name
    )
    return shared.Candidate(entry.key, terms, refs)


def _part_of_longer_name(text: str, start: int, end: int, after_mention: bool) -> bool:
    """'Kim Won-Jin', 'Laura Bush', 'Nuclear-Test-Ban Treaty': a surname inside another name."""
    after = text[end:end + 2]
    if after[:1] in (" ", *_HYPHENS) and after[1:2].isupper():
        return True
    if start > 1 and text[start - 1] in _HYPHENS and text[start - 2].isalpha():
        word = re.search(r"(\w+)$", text[max(0, start - 40):start - 1])
        if word and word[1][:1].isupper():
            return True  # joined by a hyphen to a capitalised word
    before = _BEFORE_RE.search(text[max(0, start - 40):start])
    if not before or after_mention:  # "Chinese Hu": the word before is a mention itself
        return False
    word = before["word"]
    return word[:1].isupper() and word not in lexicon.exact("titles") and word not in lexicon.exact("openers")


def _common_word_at_start(text: str, start: int, end: int, headline: bool) -> bool:
    """"Moon rises", "Park officials said": at a sentence's start (or anywhere in a headline,
    where every word is capitalised) a short name that is also an English word needs a verb or
    a possessive after it to be a name."""
    if text[start:end].casefold() not in lexicon.words("common_words"):
        return False
    if not headline and not _SENTENCE_START_RE.search(text[max(0, start - 3):start]):
        return False
    following = re.match(r"^(?:'s|’s)|^\s+([\w\-]+)", text[end:end + 30])
    if following and following[0][:2] in ("'s", "’s"):
        return False
    return not (following and following[1] and following[1].casefold() in lexicon.words("actor_verbs"))


def _quiet(block) -> list[tuple[int, int]]:
    """Spans of a block where nothing is a mention: its dateline and its photo credits."""
    spans = credit_spans(block.text)
    if block.dateline:
        spans.append((0, block.dateline))
    return spans


def annotate(article: Article, glossary: Glossary, matcher: Matcher) -> AnnotatedArticle:
    blocks = article.blocks
    texts = [b.text for b in blocks]
    hits_by_block: list[list] = [[] for _ in blocks]
    offset, index = 0, 0
    ends = []
    for text in texts:
        ends.append(offset + len(text))
        offset += len(text) + 1
    # One automaton pass over the whole article (blocks joined by newlines; no name spans one).
    for hit_start, hit_end, pattern in matcher.hits("\n".join(texts)):
        while hit_start > ends[index]:
            index += 1
        base = ends[index] - len(texts[index])
        hits_by_block[index].append((hit_start - base, hit_end - base, pattern))

    state = _State(article, glossary)
    order = list(range(len(blocks)))
    if order and blocks[0].kind is BlockKind.HEADLINE:
        order = order[1:] + [0]  # the headline's short names are read with the whole article known
    for i in order:
        state.block(i, blocks[i], hits_by_block[i])
    mentions = sorted(state.mentions, key=lambda m: (m.block, m.start))
    return AnnotatedArticle(article, tuple(mentions), tuple(sorted(state.unresolved, key=lambda u: (u.block, u.start))), tuple(state.notes))


class _State:
    """What reading an article has found so far."""

    def __init__(self, article: Article, glossary: Glossary):
        self.date = article.date
        self.named: set[str] = set()
        self.mentions: list[Mention] = []
        self.unresolved: list[Unresolved] = []
        self.notes: list[Note] = []
        self.linked: set[str] = set()

    def add(self, key: str, index: int, start: int, end: int, quiet: bool) -> None:
        link = not quiet and key not in self.linked
        self.mentions.append(Mention(key, index, start, end, link))
        if link:
            self.linked.add(key)

    def block(self, index: int, block, hits: list) -> None:
        if not hits:
            return
        text = block.text
        heading = block.kind in (BlockKind.HEADLINE, BlockKind.SUBHEADING)
        quiet = _quiet(block)
        if quiet:
            hits = [h for h in hits if not any(s <= h[0] < e for s, e in quiet)]
        names = tuple((s, e, p.kind is PatternKind.PLACE) for s, e, p in hits if p.kind is not PatternKind.EXCLUDE)
        nearby = frozenset(p.entries[0] for _, _, p in hits if p.kind is PatternKind.NAME)
        name_end = -2  # where the last full name ended: "Chinese Hu" is not somebody else's name
        previous_end = 0
        for start, end, pattern in hits:
            kind = pattern.kind
            if kind is PatternKind.NAME:
                key = pattern.entries[0]
                self.named.add(key)
                name_end = end
            elif kind is PatternKind.PLACE:
                key = pattern.entries[0]
                read = places.reading(places.Context(text, start, end, names))
                if read is not places.Reading.GOVERNMENT:
                    if read is places.Reading.PLACE:
                        self.notes.append(Note(NoteKind.PLACE, text[start:end], index, start, key))
                    previous_end = end
                    continue
                self.notes.append(Note(NoteKind.GOVERNMENT, text[start:end], index, start, key))
                self.named.add(key)
                name_end = end
            elif kind is PatternKind.SHORT:
                if _part_of_longer_name(text, start, end, start - 1 == name_end) or _common_word_at_start(
                    text, start, end, block.kind is BlockKind.HEADLINE
                ):
                    previous_end = end
                    continue
                title, former = shared.clue_words(text, start, previous_end)
                clue = shared.Clue(self.date, frozenset(self.named), title, former, nearby)
                found = shared.resolve(pattern.candidates, pattern.related_set, clue)
                previous_end = end
                if found is None:
                    self.unresolved.append(Unresolved(text[start:end], index, start, pattern.entries))
                    continue
                key, how = found
                if how is not None:
                    self.notes.append(Note(how, text[start:end], index, start, key))
            else:
                previous_end = end
                continue  # an exclusion: the phrase means something else
            previous_end = end
            self.add(key, index, start, end, heading)
