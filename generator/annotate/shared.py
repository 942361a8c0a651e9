"""Who a shared short name means: an ambiguous name -> its candidates -> resolvers, in order.

"Kim", "Lee", "Clinton" and "Rice" each name several entries. The first resolver that names
exactly one candidate wins; when none does the mention stays unlinked and is reported, never
guessed. The article's date alone is not evidence (in 2009 "Clinton" may be the former
president on a trip to Pyongyang as well as the Secretary of State); it decides only together
with something the text says: a title that fits an office held on that day ("President Lee",
"former President Clinton", "leader Kim"), or the candidate's own state named in the same
paragraph.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, NamedTuple

from .. import lexicon
from .around import words_before
from ..model import NoteKind



class Term(NamedTuple):
    first: dt.date
    last: dt.date
    words: frozenset[str]  # the office's title, lowercased words


class Candidate(NamedTuple):
    key: str
    terms: tuple[Term, ...]
    refs: frozenset[str]  # entries its facts refer to (a person's state)


class Clue(NamedTuple):
    """What the text around one short-name mention says."""

    date: dt.date | None
    named: frozenset[str]  # entries the article has named in full so far
    title: frozenset[str]  # office words just before the name ("president", "foreign", "minister")
    former: bool  # "former President Clinton"
    nearby: frozenset[str]  # entries named in the same paragraph


def clue_words(text: str, start: int, floor: int) -> tuple[frozenset[str], bool]:
    """The title words before a name, back to the previous name or the sentence's start."""
    words = words_before(text, start, 5, floor=floor, reach=60)
    titles = lexicon.words("titles")
    office = frozenset(w for w in words if w in titles and w not in lexicon.words("honorifics"))
    return office, "former" in words or "ex" in words


def _held(term: Term, clue: Clue) -> bool:
    if clue.date is None:
        return True
    if clue.former:
        return term.last < clue.date
    return term.first <= clue.date <= term.last


def by_article(candidates: tuple[Candidate, ...], related: frozenset[str], clue: Clue) -> tuple[str, NoteKind | None] | None:
    """A candidate the article has named in full ("Kim Yo-jong ... Ms Kim said")."""
    named = clue.named & ({c.key for c in candidates} | related)
    return (next(iter(named)), None) if len(named) == 1 else None


def by_title(candidates: tuple[Candidate, ...], related: frozenset[str], clue: Clue) -> tuple[str, NoteKind | None] | None:
    """"President Lee" in 2025: the one candidate holding (or, after "former", having held) an
    office whose title has every title word."""
    if not clue.title:
        return None
    fits = [c.key for c in candidates if any(clue.title <= t.words and _held(t, clue) for t in c.terms)]
    return (fits[0], NoteKind.BY_TITLE) if len(fits) == 1 else None


def by_state(candidates: tuple[Candidate, ...], related: frozenset[str], clue: Clue) -> tuple[str, NoteKind | None] | None:
    """"South Korea's Lee" on a dated article: the one candidate in office that day whose state
    the paragraph names."""
    if clue.date is None or not clue.nearby:
        return None
    fits = [c.key for c in candidates if c.refs & clue.nearby and any(_held(t, clue) for t in c.terms)]
    return (fits[0], NoteKind.BY_STATE) if len(fits) == 1 else None


def by_sole_candidate(candidates: tuple[Candidate, ...], related: frozenset[str], clue: Clue) -> tuple[str, NoteKind | None] | None:
    """A short name only one entry has ("Bush" when the glossary has one Bush), in office on the
    article's date: the glossary shares it with nobody, so the date is enough."""
    if len(candidates) != 1 or clue.date is None:
        return None
    only = candidates[0]
    return (only.key, NoteKind.BY_DATE) if any(_held(t, clue) for t in only.terms) else None


def sole_in_office(candidates: tuple[Candidate, ...], day: dt.date) -> str | None:
    """The fast path of ``by_sole_candidate`` (no title words needed): the only candidate, serving."""
    if len(candidates) == 1:
        for first, last, _ in candidates[0].terms:
            if first <= day <= last:
                return candidates[0].key
    return None


RESOLVERS: tuple[Callable, ...] = (by_article, by_title, by_state, by_sole_candidate)


def resolve(candidates: tuple[Candidate, ...], related: frozenset[str], clue: Clue) -> tuple[str, NoteKind | None] | None:
    """(entry key, how it was decided) or None."""
    named = clue.named & ({c.key for c in candidates} | related)
    if len(named) > 1:
        # The article named several in full ("Kim Jong-un ... his sister Kim Yo-jong"): only a title
        # that fits one of them decides; the state or the date cannot tell them apart.
        found = by_title(tuple(c for c in candidates if c.key in named), related, clue)
        return found
    for resolver in RESOLVERS:
        found = resolver(candidates, related, clue)
        if found is not None:
            return found
    return None
