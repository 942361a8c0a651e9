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
from bisect import bisect_left, bisect_right
from functools import cached_property
from operator import itemgetter

from .. import lexicon
from ..model import AnnotatedArticle, Article, BlockKind, Glossary, Mention, Note, NoteKind, Unresolved
from ..schema import Kind
from . import places, shared
from .around import WORD_RE
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
        shared.Term(*office.days, frozenset(w.casefold() for w in WORD_RE.findall(office.title)))
        for office in entry.offices
    )
    refs = frozenset(
        by_name[value].key for fact in entry.facts if fact.field.kind in (Kind.REF, Kind.REF_LIST) for value in fact.values if value in by_name
    )
    return shared.Candidate(entry.key, terms, refs)


def _part_of_longer_name(text: str, start: int, end: int, after_mention: bool, around: "_Around") -> bool:
    """'Kim Won-Jin', 'Laura Bush', 'Nuclear-Test-Ban Treaty': a surname inside another name
    (but not 'the Moon-Kim summit': two names joined)."""
    after = text[end:end + 2]
    if after[:1] in (" ", *_HYPHENS) and after[1:2].isupper():
        return not (after[:1] in _HYPHENS and any(s == end + 1 for s, _, _ in around.names))
    if start > 1 and text[start - 1] in _HYPHENS and text[start - 2].isalpha() and not after_mention:
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
    hits = matcher.hits("\n".join(texts))  # one automaton pass: no name spans a newline
    named: set[str] = set()
    mentions: list[Mention] = []
    unresolved: list[Unresolved] = []
    notes: list[Note] = []
    linked: set[str] = set()
    deferred: list[tuple[int, int, int, Pattern]] = []  # the headline's short names, read last
    name, place, short = PatternKind.NAME, PatternKind.PLACE, PatternKind.SHORT
    index, block_start = 0, 0
    block_end = len(texts[0]) if texts else 0
    quiet = _quiet(blocks[0]) if blocks else None
    heading = bool(blocks) and blocks[0].kind in _HEADINGS
    around: _Around | None = None
    name_end = -2  # where the last full name ended: "Chinese Hu" is not somebody else's name
    previous_end = 0
    append, named_add, linked_add = mentions.append, named.add, linked.add
    for hit_start, hit_end, pattern in hits:
        if hit_start > block_end:
            while hit_start > block_end:
                index += 1
                block_start = block_end + 1
                block_end = block_start + len(texts[index])
            block = blocks[index]
            text = block.text
            quiet = _quiet(block) if block.dateline or "(" in text or "/" in text else None
            heading = block.kind in _HEADINGS
            around, previous_end = None, 0
        kind = pattern.kind
        if kind is name and not quiet:  # most hits: a full name, outside any dateline or credit
            key = pattern.entries[0]
            named_add(key)
            name_end = hit_end
            start, previous_end = hit_start - block_start, hit_end - block_start
            if heading or key in linked:
                append(Mention(key, index, start, previous_end, False))
            else:
                append(Mention(key, index, start, previous_end, True))
                linked_add(key)
            continue
        start, end = hit_start - block_start, hit_end - block_start
        if quiet and any(s <= start < e for s, e in quiet):
            continue  # a dateline or a credit
        if kind is name:
            key = pattern.entries[0]
            named.add(key)
            name_end = hit_end
        elif kind is place or kind is short:
            text = texts[index]
            if kind is place:
                if around is None:
                    around = _Around(hits, block_start, block_end)
                key = pattern.entries[0]
                read = places.reading(places.Context(text, start, end, around.names))
                previous_end = end
                if read is not places.Reading.GOVERNMENT:
                    if read is places.Reading.PLACE:
                        notes.append(Note(NoteKind.PLACE, text[start:end], index, start, key))
                    continue
                notes.append(Note(NoteKind.GOVERNMENT, text[start:end], index, start, key))
                named.add(key)
                name_end = hit_end
            else:
                floor, previous_end = previous_end, end
                # "Trump-Kim summit", "Chinese Hu": right after another name, a surname is no part of it.
                after_name = hit_start - 1 == name_end or (floor and start - 1 == floor)
                if around is None:
                    around = _Around(hits, block_start, block_end)
                known = named.intersection(pattern.anyone)
                if _part_of_longer_name(text, start, end, after_name, around) or (
                    not known  # "Moon convened", once Moon Jae-in is named
                    and _common_word_at_start(text, start, end, blocks[index].kind is BlockKind.HEADLINE)
                ):
                    continue
                if index == 0 and blocks[0].kind is BlockKind.HEADLINE:
                    deferred.append((start, end, floor, pattern))
                    continue
                key = _resolve(pattern, text, start, end, floor, article.date, named, known, around, index, unresolved, notes)
                if key is None:
                    continue
        else:
            previous_end = end
            continue  # an exclusion: the phrase means something else
        previous_end = end
        link = not heading and key not in linked
        mentions.append(Mention(key, index, start, end, link))
        if link:
            linked.add(key)
    if deferred:  # the headline's short names, read with every full name of the article known
        around = _Around(hits, 0, len(texts[0]))
        for start, end, floor, pattern in deferred:
            key = _resolve(pattern, texts[0], start, end, floor, article.date, named, named.intersection(pattern.anyone), around, 0,
                           unresolved, notes)
            if key is not None:
                mentions.append(Mention(key, 0, start, end, False))
        mentions.sort(key=lambda m: (m.block, m.start))
        unresolved.sort(key=lambda u: (u.block, u.start))
    return AnnotatedArticle(article, tuple(mentions), tuple(unresolved), tuple(notes))


_HEADINGS = (BlockKind.HEADLINE, BlockKind.SUBHEADING)
_start = itemgetter(0)


class _Around:
    """The other names of the block a place or short name is in, found only when a rule asks."""

    def __init__(self, hits, block_start: int, block_end: int):
        self._where = hits, block_start, block_end

    @cached_property
    def _mine(self) -> list:
        hits, block_start, block_end = self._where
        first = bisect_left(hits, block_start, key=_start)
        last = bisect_right(hits, block_end, lo=first, key=_start)
        return [(s - block_start, e - block_start, p) for s, e, p in hits[first:last]]

    @cached_property
    def names(self) -> tuple[tuple[int, int, bool], ...]:
        return tuple((s, e, p.kind is PatternKind.PLACE) for s, e, p in self._mine if p.kind is not PatternKind.EXCLUDE)

    @cached_property
    def nearby(self) -> frozenset[str]:
        return frozenset(p.entries[0] for _, _, p in self._mine if p.kind is PatternKind.NAME)


def _resolve(pattern: Pattern, text: str, start: int, end: int, floor: int, date, named: set[str], known: set[str],
             around: _Around, index: int, unresolved: list[Unresolved], notes: list[Note]) -> str | None:
    # The common cases first, without reading the words around: the article named the person in
    # full (``known``: those it named), or one entry has that name and it was in office that day.
    if len(known) == 1:
        return next(iter(known))
    if not known and date is not None and (sole := shared.sole_in_office(pattern.candidates, date)) is not None:
        notes.append(Note(NoteKind.BY_DATE, text[start:end], index, start, sole))
        return sole
    title, former = shared.clue_words(text, start, floor)
    found = shared.resolve(pattern.candidates, pattern.related_set, shared.Clue(date, named, title, former, around.nearby))
    if found is None:
        unresolved.append(Unresolved(text[start:end], index, start, pattern.entries))
        return None
    key, how = found
    if how is not None:
        notes.append(Note(how, text[start:end], index, start, key))
    return key
