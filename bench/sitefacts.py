"""What the benchmark reads back from a generated docs/: which entries the articles mention most,
their names, and the pages an input becomes; and a phrase common in the articles' text.

Everything here reads files only (the generator's Markdown and front matter), so the benchmark's
parent process never imports the generator it measures.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

# An article page names its entries in its mention links (`](../glossary/people/x.md){ .mention`)
# and in the keys its quiet mentions number (`data-entries="people/x states/y"`).
_LINKED = re.compile(r"\]\(\.\./glossary/([^/)]+/[^/)]+)\.md\)\{ \.mention ")
_QUIET = re.compile(r'data-entries="([^"]+)"')
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")  # "submarine-launched" is one word
# Words too common to make a search worth timing ("said that", "with the").
_STOP = set("""that this with from have been were will would could should their there they them than then
into over after before about which while where when what also said says told only more most such some
other these those being very just each your ours""".split())


def mention_counts(docs: Path) -> Counter:
    """``category/slug`` -> the number of article pages that mention the entry."""
    counts: Counter = Counter()
    for page in sorted((docs / "articles").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        counts.update(set(_LINKED.findall(text)).union(*(found.split() for found in _QUIET.findall(text))))
    return counts


def most_mentioned(docs: Path, count: int, categories: tuple[str, ...] | None = None,
                   counts: Counter | None = None) -> list[str]:
    """The ``count`` most-mentioned entries (``category/slug``), taken in turn from each category
    (or only from ``categories``) so that every category is represented; ties by key."""
    counts = mention_counts(docs) if counts is None else counts
    ranked: dict[str, list[str]] = {}
    for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        category = key.split("/", 1)[0]
        if categories is None or category in categories:
            ranked.setdefault(category, []).append(key)
    order = list(categories or sorted(ranked))
    picked, index = [], 0
    while len(picked) < count and any(index < len(ranked.get(c, [])) for c in order):
        for category in order:
            if index < len(ranked.get(category, [])) and len(picked) < count:
                picked.append(ranked[category][index])
        index += 1
    return picked


def front_matter(page: Path) -> dict:
    import yaml

    text = page.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---\n", 4)
    return (yaml.safe_load(text[4:end]) if end > 0 else None) or {}


def entry_title(docs: Path, key: str) -> str:
    """The name an entry's profile page (docs/glossary/<category>/<slug>.md) has as its title."""
    return str(front_matter(docs / "glossary" / f"{key}.md").get("title", key))


def entry_url(key: str) -> str:
    return f"glossary/{key}/"


def article_url_for(docs: Path, url: str) -> str | None:
    """The site path of the article page whose front matter has this ``url`` (the original's)."""
    for page in sorted((docs / "articles").glob("*.md")):
        if front_matter(page).get("url") == url:
            return f"articles/{page.stem}/"
    return None


def common_phrase(paragraphs, names=()) -> str:
    """The most frequent two-word phrase of lowercase words, four letters or more, neither of them
    a common function word, in ``paragraphs`` (ties: alphabetical), that is not part of any of
    ``names`` (the glossary's names and aliases: "ballistic missile" is an entry, not a phrase)."""
    pairs: Counter = Counter()
    for text in paragraphs:
        words = _WORD.findall(text)
        for a, b in zip(words, words[1:]):
            if a.isalpha() and b.isalpha() and a.islower() and b.islower() and len(a) >= 4 and len(b) >= 4 and a not in _STOP and b not in _STOP:
                pairs[f"{a} {b}"] += 1
    names = [n.casefold() for n in names]
    for phrase, _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        stem = phrase.removesuffix("s")  # "ballistic missiles" names an entry too
        if not any(stem in name for name in names):
            return phrase
    return ""
