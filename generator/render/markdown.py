"""Turning untrusted text into Markdown that renders as exactly that text, and nothing more.

Python-Markdown treats a backslash before any of its ``ESCAPED_CHARS`` as "this character,
literally", and passes HTML character references through; a backslash before anything else stays
visible. So: ``&``, ``<`` and ``>`` become entities (no HTML, no autolinks), the characters that
start inline syntax get a backslash (emphasis, code, links, attribute lists ``{: }``, ``{{ }}``),
and characters that only mean something at the start of a block (``#``, ``-``, ``1.``, ``!!!``,
``:``, ``~``) are escaped there. ``|`` is an entity because whether it can be backslash-escaped
depends on which extensions are enabled.
"""

from __future__ import annotations

import re
from functools import lru_cache

_INLINE = {c: "\\" + c for c in "\\`*_{}[]#"}
_INLINE |= {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
_INLINE_TABLE = str.maketrans(_INLINE)
_NEEDS_ESCAPE_RE = re.compile("[" + re.escape("".join(_INLINE)) + "]")
_LINE_START_RE = re.compile(r"^(?:(\d+)([.)])|([+\-!]))")
_LINE_START_CHARS = frozenset("0123456789+-!:~=\t")
_LINE_START_ENTITIES = {":": "&#58;", "~": "&#126;", "=": "&#61;", "\t": " "}


class Markdown(str):
    """Text that is already Markdown: templates insert it as is (everything else is escaped)."""


def has_inline_syntax(text: str) -> bool:
    """Whether any character in ``text`` needs escaping anywhere in a line (most news text: no)."""
    return _NEEDS_ESCAPE_RE.search(text) is not None


def escape(text: str, line_start: bool = True) -> Markdown:
    """Markdown that displays ``text`` (one line, as the cleaner makes them) character for character."""
    # Most runs of news text hold none of these characters: checking is cheaper than translating.
    escaped = text.translate(_INLINE_TABLE) if has_inline_syntax(text) else text
    if line_start and escaped and escaped[0] in _LINE_START_CHARS:
        first = escaped[0]
        if first in _LINE_START_ENTITIES:
            escaped = _LINE_START_ENTITIES[first] + escaped[1:]
        else:
            escaped = _LINE_START_RE.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped, count=1)
    return Markdown(escaped)


@lru_cache(maxsize=8192)  # the same few summaries are the hover text of most links
def attribute(text: str) -> str:
    """A value for a link title: one line, entities for everything that could end or break it."""
    text = " ".join(text.split())
    # Backticks too: Python-Markdown finds code spans before links, even inside a link's title.
    for char, entity in (("&", "&amp;"), ('"', "&quot;"), ("'", "&#39;"), ("<", "&lt;"), (">", "&gt;"), ("\\", "&#92;"), ("`", "&#96;")):
        text = text.replace(char, entity)
    return text


def link(text: Markdown, target: str, title: str = "", classes: tuple[str, ...] = ()) -> Markdown:
    """``[text](target "title"){ .class }``: ``text`` must already be Markdown."""
    titled = f' "{attribute(title)}"' if title else ""
    attrs = "{ " + " ".join(f".{c}" for c in classes) + " }" if classes else ""
    return Markdown(f"[{text}]({target}{titled}){attrs}")


def span(text: Markdown, classes: tuple[str, ...]) -> Markdown:
    return Markdown(f'<span class="{_class_list(classes)}">{text}</span>')


@lru_cache(maxsize=64)
def _class_list(classes: tuple[str, ...]) -> str:
    return " ".join(classes)
