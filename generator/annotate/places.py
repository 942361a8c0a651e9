"""Is a place name the place, or the government that sits there?

"Seoul said", "sanctions on Pyongyang", "talks between Washington and Pyongyang": the capital
stands for its government and is a mention of the state. "in Seoul", "a flight from Beijing to
Moscow", "Beijing's airport", "Yonsei University in Seoul, South Korea": it is a place, and
linking it to the state would be a false link. Names the glossary lists under ``places`` are
decided here by an ordered list of small rules over the words around them; the first rule that
decides wins, and a place nothing marks as acting stays a place (precision first: the state is
nearly always also named outright).

Each rule sees a ``Context``: the block's text, where the name is, and where the other names of
the block are, so a list ("Washington, Seoul and Tokyo agreed") is read as one subject.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Callable, NamedTuple

from .. import lexicon
from .around import words_after, words_before


class Reading(Enum):
    GOVERNMENT = "government"  # a mention of the state
    PLACE = "place"  # a location: not a mention
    PART_OF_NAME = "part of a name"  # "Seoul National University": not a mention


class Context(NamedTuple):
    text: str
    start: int
    end: int
    names: tuple[tuple[int, int, bool], ...]  # (start, end, is a place) of every name in the block


_POSSESSIVE_RE = re.compile(r"^(?:'s|’s|'|’)(?!\w)")
_HYPHEN_SUFFIX_RE = re.compile(r"^[-‐‑]([a-z]+)\b")
_CONTINUED_RE = re.compile(r"^[ \-‐‑]([A-Z][a-z]+)")
_LIST_GLUE_RE = re.compile(r"^(?:,\s*|\s+and\s+|\s+or\s+|\s*/\s*|,\s+and\s+)$")
_VERB_SHAPE_RE = re.compile(r"^\s+([a-z]{3,}(?:ed|es|s))\b")
_LIST_GOES_ON_RE = re.compile(r"^(?:,\s*|\s+and\s|\s+or\s|\s*/)")


def _joins(context: Context, glue: str, right_end: int) -> bool:
    """Whether ``glue`` between two names makes them one list. A bare comma does only inside a
    list that goes on ("Washington, Seoul and Tokyo"), not after an opening phrase ("In Seoul,
    Tokyo said")."""
    if not _LIST_GLUE_RE.match(glue):
        return False
    return glue.strip() != "," or bool(_LIST_GOES_ON_RE.match(context.text[right_end:right_end + 8]))


def _list_start(context: Context) -> int:
    """Where a list of names this one ends ("Washington and Seoul") begins; skips "the"."""
    start, right_end = context.start, context.end
    for other_start, other_end, _ in reversed(context.names):
        if other_end <= start and _joins(context, context.text[other_end:start], right_end):
            start, right_end = other_start, other_end
        elif other_end <= start:
            break
    before = context.text[max(0, start - 4):start]
    if before.casefold() == "the ":
        start -= 4
    return start


def _list_end(context: Context) -> int:
    """Where a list of names this one starts ("Washington, Seoul and Tokyo") ends."""
    end = context.end
    for other_start, other_end, _ in context.names:
        if other_start >= end and _joins(context, context.text[end:other_start], other_end):
            end = other_end
        elif other_start >= end:
            break
    return end


def possessive(context: Context) -> Reading | None:
    """"Pyongyang's nuclear programme" acts; "Pyongyang's main stadium" is a place."""
    rest = context.text[context.end:]
    match = _POSSESSIVE_RE.match(rest)
    if not match:
        return None
    following = words_after(rest, match.end(), 3)
    place_nouns = lexicon.words("place_nouns")
    return Reading.PLACE if any(w in place_nouns for w in following) else Reading.GOVERNMENT


def hyphenated(context: Context) -> Reading | None:
    """"Seoul-based" is a place, "Beijing-backed" a government."""
    match = _HYPHEN_SUFFIX_RE.match(context.text[context.end:])
    if not match:
        return None
    suffix = match[1]
    if suffix in lexicon.words("government_suffixes"):
        return Reading.GOVERNMENT
    return Reading.PLACE if suffix in lexicon.words("place_suffixes") else None  # "Seoul-based"; else the words around decide


def continued(context: Context) -> Reading | None:
    """"Seoul National University", "Pyongyang International Airport": part of a longer name;
    but "Kremlin Spokesman", "White House National Security Council": the government's own."""
    match = _CONTINUED_RE.match(context.text[context.end:])
    if not match:
        return None
    if match[1] in lexicon.exact("openers") or any(s == context.end + 1 for s, _, _ in context.names):
        return None  # "in Tokyo Monday", or another name right after
    if match[1] in lexicon.exact("titles") or match[1] in lexicon.exact("organs"):
        return Reading.GOVERNMENT
    return Reading.PART_OF_NAME


def qualified(context: Context) -> Reading | None:
    """"Seoul, South Korea": a city qualified by its country is a place."""
    rest = context.text[context.end:]
    if not rest.startswith(", "):
        return None
    at = context.end + 2
    for other_start, other_end, is_place in context.names:
        if other_start == at and not is_place:
            after = context.text[other_end:other_end + 5]
            if not re.match(r"^(?:,?\s+and\b|\s*/)", after):
                return Reading.PLACE
    return None


def preceded(context: Context) -> Reading | None:
    """The words before the name (before the whole list it is part of) and their prepositions."""
    words = words_before(context.text, _list_start(context), 3)
    if not words:
        return None
    last = words[-1]
    noun = words[-2] if len(words) > 1 else ""
    government_nouns = lexicon.words("government_nouns")
    if last in lexicon.words("agent_prepositions"):
        return Reading.GOVERNMENT
    if last in lexicon.words("relational_prepositions"):
        if noun in government_nouns or noun in lexicon.words("object_verbs") or noun in lexicon.words("phrasal_verbs"):
            return Reading.GOVERNMENT
        if noun in lexicon.words("motion_words") or noun in lexicon.words("locatives"):
            return Reading.PLACE  # "flew to Pyongyang", "a flight from Beijing", "close to Seoul"
        if last == "to" and noun in lexicon.words("actor_verbs") and noun not in lexicon.words("auxiliaries"):
            return Reading.GOVERNMENT  # "protested to Pyongyang"
        if last == "with" and not _after_place(context):
            return Reading.GOVERNMENT  # "a treaty with Moscow", "work closely with Washington"
        if last in ("between", "on", "over"):
            return None  # "between Seoul and Tokyo", "on Tokyo": the words after decide
        return Reading.PLACE
    if last in lexicon.words("locatives"):
        return Reading.PLACE
    if last in lexicon.words("speech_verbs"):
        return Reading.GOVERNMENT  # "says Seoul not a partner", "told Tokyo"
    if last in lexicon.words("object_verbs"):
        return Reading.GOVERNMENT  # "urged Pyongyang to", "warned Washington"
    return None


def _after_place(context: Context) -> bool:
    """"from Beijing to Moscow": the word before the preposition is a place name itself."""
    start = _list_start(context)
    before = context.text[:start].rstrip()
    word_start = before.rfind(" ") + 1  # the preposition
    return any(is_place and end == word_start - 1 for _, end, is_place in context.names)


def followed(context: Context) -> Reading | None:
    """"Seoul said", "Washington and Seoul agreed", "Tokyo has": the name (or its list) acts."""
    words = words_after(context.text, _list_end(context), 3)
    actor_verbs = lexicon.words("actor_verbs")
    for word in words:
        if word in actor_verbs:
            return Reading.GOVERNMENT
        if word not in lexicon.words("adverbs"):
            break
    # A lowercase word shaped like a finite verb ("Pyongyang denounces", "Seoul committed") that
    # names nothing about the place ("Seoul streets", "Tokyo residents").
    rest = context.text[_list_end(context):]
    verb = _VERB_SHAPE_RE.match(rest)
    if verb and verb[1] not in lexicon.words("place_nouns"):
        return Reading.GOVERNMENT
    return None


RULES: tuple[Callable[[Context], Reading | None], ...] = (possessive, hyphenated, continued, qualified, preceded, followed)


def reading(context: Context) -> Reading:
    for rule in RULES:
        decided = rule(context)
        if decided is not None:
            return decided
    return Reading.PLACE
