"""The seed format of ``seeds/articles/*.txt``: an optional YAML front-matter block, then text.

The one reader and the one writer of the format. ``ingest/articles.py`` reads articles through
``read``; ``importer/store.py`` writes them through ``write``; a property of the pair (anything
``write`` produces, ``read`` gives back exactly) is tested in ``tests/formats``.

```text
---
title: "Russia, France say talks are only way"
date: 2017-09-15
source: i24NEWS
url: https://www.i24news.tv/en/news/...
---
The text, one paragraph a line, paragraphs separated by an empty line.
```
"""

from __future__ import annotations

import re

from ..errors import Problem
from ..ingest.yamlfile import parse_yaml
from ..schema import Field, Kind, check_mapping

FRONT_MATTER_SCHEMA = {
    "title": Field(Kind.TEXT, help="The headline; without it the first line of text is the headline."),
    "date": Field(Kind.DATE, help="Publication date, YYYY-MM-DD."),
    "source": Field(Kind.TEXT, help="The outlet, e.g. 'i24NEWS'."),
    "url": Field(Kind.TEXT, help="Where the article was published (http or https)."),
}
KEYS = tuple(FRONT_MATTER_SCHEMA)  # the order ``write`` uses

# A value written unquoted: it starts with a letter or a digit and holds nothing YAML reads
# specially (no ': ', ' #', quotes, brackets, a leading indicator, a trailing colon).
_PLAIN_RE = re.compile(r"[A-Za-z0-9][\w .,'’()/&+\-–—?!]*[\w.)’?!]|[A-Za-z0-9]", re.ASCII)
_URL_PLAIN_RE = re.compile(r"https?://[\w.\-~/%+=&;,@!$*()?:]*[\w/=)]", re.ASCII)  # no '#', no spaces
_LINE_BREAKS_RE = re.compile(r"[ \t]*[\r\n]+[ \t]*")
# What a double-quoted YAML scalar cannot hold as it is: controls, YAML's non-printables, the line
# and paragraph separators and NEL (read as line breaks), the byte-order mark; a backslash, a quote.
_ESCAPE_RE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|[\\\\\"]")
_RESERVED = frozenset("y n yes no on off true false null ~".split())  # YAML 1.1 non-strings


def read(text: str, path: str) -> tuple[dict, int, list[Problem]]:
    """(values, number of lines the block takes, problems). Only a block opening on line 1 counts."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, 0, []
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        return {}, 0, [Problem(path, 1, 1, "front matter opened with '---' is never closed")]
    node, problems = parse_yaml("\n" + "\n".join(lines[1:end]), path)  # leading newline keeps line numbers
    if problems:
        return {}, end + 1, problems
    if node is None:
        return {}, end + 1, []
    checked, problems = check_mapping(node, FRONT_MATTER_SCHEMA, path, "front matter")
    values = checked.values
    date = values.get("date")
    if date is not None and len(date) != 10:
        problems.append(Problem(path, node["date"].line, node["date"].column, f"'date': '{date}' must be a full date, YYYY-MM-DD"))
    url = values.get("url")
    if url is not None and not url.lower().startswith(("http://", "https://")):
        where = node["url"]
        problems.append(Problem(path, where.line, where.column, f"'url': '{url}' must start with http:// or https://"))
    return values, end + 1, problems


def body(text: str, skip: int) -> list[tuple[int, str]]:
    """The text after the front matter as (line number, line) pairs, numbered as in the file."""
    return [(number, line) for number, line in enumerate(text.split("\n"), start=1) if number > skip]


def scalar(value: str) -> str:
    """One front-matter value as YAML that the strict reader gives back as this exact string."""
    plain = _URL_PLAIN_RE.fullmatch(value) or _PLAIN_RE.fullmatch(value)
    if plain and value.lower() not in _RESERVED and value == value.strip():
        return value
    return double_quoted(value)


def double_quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar that reads back exactly (pages' front matter too)."""
    return '"' + _ESCAPE_RE.sub(_escaped, value) + '"'


def _escaped(match: re.Match) -> str:
    char = match.group()
    if char in '\\"':
        return "\\" + char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def write(meta: dict[str, str | None], paragraphs: list[str]) -> str:
    """A seed file's whole text: front matter (the known keys that have a value, in order), then
    the paragraphs, one a line, separated by empty lines, ending with a newline."""
    unknown = set(meta) - set(KEYS)
    if unknown:
        raise ValueError(f"not front-matter keys: {', '.join(sorted(unknown))}")
    head = [f"{key}: {scalar(meta[key])}" for key in KEYS if meta.get(key)]
    # A paragraph is one line: line breaks inside it become spaces, nothing else is touched
    # (cleaning, with its trail, happens at build time).
    lines = [line for p in paragraphs if (line := _LINE_BREAKS_RE.sub(" ", p).strip(" \t"))]
    opens_like_front_matter = bool(lines) and lines[0].rstrip() == "---"
    front = "---\n" + "".join(f"{line}\n" for line in head) + "---\n" if head or opens_like_front_matter else ""
    return front + "\n\n".join(lines) + "\n"
