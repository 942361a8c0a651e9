"""Front matter: the YAML block at the top of every page, for the small shapes pages use.

Not ``yaml.dump``: its representer runs in Python and cost a twentieth of a whole build (every
page has front matter). The shapes here are few: mappings with string keys whose values are
strings, numbers, None, lists, or mappings again. A string is written plain when nothing in YAML
could read it as anything else (it starts with a letter, holds only letters, digits and a few
punctuation marks, and is not a word like ``yes`` or ``null``); otherwise double-quoted, with
escapes for the backslash, the quote and every character YAML would not keep as it is. Reading the
result with ``yaml.safe_load`` gives back the data exactly (a property test holds it to that).
"""

from __future__ import annotations

import re

from ..formats.seedfile import double_quoted
from .markdown import Markdown

_PLAIN_RE = re.compile(r"[A-Za-z](?:[\w .,'()/&+-]*[\w.,'()/&+-])?", re.ASCII)
_RESERVED = frozenset("y n yes no on off true false null".split())  # what YAML 1.1 reads as not-a-string


def scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if _PLAIN_RE.fullmatch(value) and value.lower() not in _RESERVED:
        return value
    return double_quoted(value)


def _lines(mapping: dict, indent: str, out: list[str]) -> None:
    for key, value in mapping.items():
        head = f"{indent}{scalar(key)}:"
        if isinstance(value, dict):
            if value:
                out.append(head)
                _lines(value, indent + "  ", out)
            else:
                out.append(head + " {}")
        elif isinstance(value, (list, tuple)):
            if not value:
                out.append(head + " []")
                continue
            out.append(head)
            for item in value:  # a list inside a mapping is not indented further, as yaml.dump does
                if isinstance(item, dict):
                    nested: list[str] = []
                    _lines(item, indent + "  ", nested)
                    out.append(f"{indent}- " + nested[0][len(indent) + 2:] if nested else f"{indent}- {{}}")
                    out.extend(nested[1:])
                elif isinstance(item, (list, tuple)):
                    raise TypeError("front matter: a list in a list is not a shape pages use")
                else:
                    out.append(f"{indent}- {scalar(item)}")
        else:
            out.append(f"{head} {scalar(value)}")


def front_matter(data: dict) -> Markdown:
    """The YAML for ``data`` (without the ``---`` fences, which the templates write)."""
    out: list[str] = []
    _lines(data, "", out)
    return Markdown("\n".join(out))
