"""The words the cleaner and the linker know, as data: one file per list, loaded once.

Each ``<name>.txt`` holds one word or phrase per line (``#`` starts a comment). Rules ask for a
list by name (``words("agencies")``); a briefing on another region extends a list from
``briefing.yml`` (``lexicon: {agencies: [...]}``) through ``extend()`` before anything is read.
Lists are compared case-insensitively unless a rule says otherwise.
"""

from __future__ import annotations

from functools import cache, wraps
from pathlib import Path

_HERE = Path(__file__).parent
_EXTRA: dict[str, frozenset[str]] = {}
_generation = 0  # bumped when a briefing's words change what the lists hold


def derived(function):
    """Cache something built from the lists (a compiled pattern) until the lists change."""
    memo: dict = {}

    @wraps(function)
    def wrapper(*args):
        key = (_generation, args)
        if key not in memo:
            memo.clear()
            memo[key] = function(*args)
        return memo[key]

    return wrapper


def names() -> tuple[str, ...]:
    """Every list there is (for validating ``lexicon:`` keys in briefing.yml)."""
    return tuple(sorted(p.stem for p in _HERE.glob("*.txt")))


@cache
def _read(name: str) -> tuple[str, ...]:
    lines = (_HERE / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(text for line in lines if (text := line.split("#", 1)[0].strip()))


def phrases(name: str) -> tuple[str, ...]:
    """A list as written, in file order, plus what the briefing added."""
    return _read(name) + tuple(sorted(_EXTRA.get(name, ())))


@cache
def words(name: str) -> frozenset[str]:
    """A list, lowercased, for membership tests."""
    return frozenset(p.casefold() for p in phrases(name))


@cache
def exact(name: str) -> frozenset[str]:
    """A list with its case kept (titles and sentence openers are capitalised words)."""
    return frozenset(phrases(name))


def generation() -> int:
    """Changes whenever the lists do: what was cleaned or linked with other lists must be redone."""
    return _generation


def extend(extra: dict[str, tuple[str, ...]]) -> None:
    """Use a briefing's own words (briefing.yml's ``lexicon:``) on top of the shipped lists."""
    global _EXTRA, _generation
    merged = {k: frozenset(v) for k, v in extra.items()}
    if merged == _EXTRA:
        return
    _EXTRA = merged
    _generation += 1
    words.cache_clear()
    exact.cache_clear()
