"""``briefing add``: a stub entry in its sorted place in the right glossary file, for the editor to fill in.

The editor's file is theirs: the stub goes in without changing a byte of what is there, between
the entries it sorts between (by the key the loader sorts by), separated the way the file
separates its entries. A name the validator would then refuse (already a name, alias, place or
short name of any entry, compared as the validator compares them) is refused now instead.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import write
from .config import load_config
from .errors import BriefingError, Problem
from .ingest.files import read_text
from .ingest.glossary import Claim, load_claims
from .ingest.yamlfile import LocList, LocMap, LocStr, parse_yaml
from .text import match_key, same_name, sort_key
from .render.routes import schema_path

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")  # lines with their ends, as YAML counts them


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def stub(category, name: str, first_in_file: bool, newline: str = "\n") -> str:
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = [] if first_in_file else [""]
    lines += [f"- name: {quoted}", "  summary:  # one sentence, shown when hovering a link (required)"]
    lines += ["  # aliases: []", "  # short_names: []"]
    lines += [f"  # {field.key}:" for field in category.fields]
    return newline.join(lines) + newline


def clash(claims: list[Claim], name: str) -> Claim | None:
    """The name, alias, place or short name ``name`` would collide with, as the validator compares
    them: ``same_name`` between entry names, ``match_key`` for everything else. The one typed most
    like ``name`` is named ("Kim Jong Un" is an alias of Kim Jong-un before it is its name)."""
    key, same = match_key(name), same_name(name)
    found = [c for c in claims if match_key(c.text) == key or (c.key == "name" and same_name(c.text) == same)]
    return min(found, key=lambda c: (c.text != name, same_name(c.text) != same), default=None)


@dataclass(frozen=True)
class _Place:
    """Where a stub goes: before ``line`` (0-based; None: at the end), and how entries are separated."""

    line: int | None
    blank_lines: bool
    note: str = ""  # why it went at the end although it sorts elsewhere


def add_entry(root: Path, category_key: str, name: str, note: Callable[[str], None] = _stderr) -> tuple[str, int]:
    """Insert a stub; returns (file, line of the new entry). Raises BriefingError. ``note`` gets
    one line when the stub could not go in its sorted place."""
    config = load_config(root)
    keys = [c.key for c in config.categories]
    if category_key not in keys:
        raise BriefingError(Problem("briefing.yml", message=f"no category '{category_key}' (one of {', '.join(keys)})"))
    if not name.strip() or "\n" in name or "\r" in name:
        raise BriefingError(Problem(category_key, message="the name must be one non-empty line"))
    name = name.strip()
    category = config.category(category_key)
    existing = clash(load_claims(root, config.glossary_dir, config.categories), name)
    if existing:
        raise BriefingError(Problem(existing.path, existing.line, existing.column, f"'{name}' is already {existing.role} ({existing.entry_source})"))
    shown = f"{config.glossary_dir}/{category_key}.yml"
    target = root / shown
    raw, parsed = "", ""
    if target.exists():
        parsed, problems = read_text(target, shown)
        if problems:
            raise BriefingError(problems)
        raw = target.read_bytes().decode("utf-8")  # as it is: newlines and all
    place = _place(parsed, name, shown)
    if place.note:
        note(place.note)
    newline = "\r\n" if "\r\n" in raw else "\n"
    if place.line is None:
        header = "" if raw else f"# yaml-language-server: $schema=../../{config.docs_dir}/{schema_path(category_key)}\n"
        gap = bool(raw.strip()) and place.blank_lines
        write.append_text(target, header + stub(category, name, first_in_file=not gap, newline=newline))
        return shown, len(_LINE_RE.findall(raw + header)) + 1 + gap
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    lines = _LINE_RE.findall(raw[len(bom):])
    text = stub(category, name, first_in_file=True, newline=newline) + (newline if place.blank_lines else "")
    # The writer's atomic replace: a crash leaves the old file or the new one, never half of one.
    write._atomic_write(target, (bom + "".join(lines[: place.line]) + text + "".join(lines[place.line:])).encode("utf-8"))
    return shown, place.line + 1


def _place(text: str, name: str, shown: str) -> _Place:
    """Where ``name`` goes in a glossary file's ``text``: before the first entry that sorts after it."""
    node, problems = parse_yaml(text, shown) if text.strip() else (None, [])
    if node is None and not problems:
        return _Place(None, True)  # no entries yet: the stub is the first
    if problems:
        return _Place(None, True, f"{shown}: the file is not valid YAML ('briefing check' says where); added '{name}' at the end")
    items = list(node) if isinstance(node, LocList) else []
    if not items or not all(isinstance(i, LocMap) and isinstance(i.get("name"), LocStr) for i in items):
        return _Place(None, True, f"{shown}: the file is not a list of named entries; added '{name}' at the end")
    lines = text.split("\n")
    if lines[node.line - 1][node.column - 1:node.column] != "-":
        raise BriefingError(Problem(shown, node.line, node.column, "the entries are one '[...]' list; write them as '- name: ...' items to use briefing add"))
    starts = [_block_start(lines, item.line - 1, node.column - 1, climb=i > 0) for i, item in enumerate(items)]
    gaps = [not lines[start - 1].strip() for start in starts[1:]]
    blank_lines = not gaps or 2 * sum(gaps) >= len(gaps)  # as most entries of the file are separated
    keys = [sort_key(item["name"]) for item in items]
    if keys != sorted(keys):
        return _Place(None, blank_lines, f"{shown}: the entries are not sorted by name; added '{name}' at the end")
    index = bisect.bisect_right(keys, sort_key(name))
    return _Place(starts[index] if index < len(items) else None, blank_lines)


def _block_start(lines: list[str], line: int, indent: int, climb: bool) -> int:
    """The first line of an entry whose mapping starts on ``line``: its '- ' line, and the comment
    lines right above it (they describe it) unless it is the first entry (they are the file's)."""
    while line > 0 and not (lines[line][indent:indent + 1] == "-" and not lines[line][:indent].strip()):
        line -= 1
    while climb and line > 0 and lines[line - 1].lstrip().startswith("#"):
        line -= 1
    return line
