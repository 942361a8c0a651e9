"""Strict YAML reading that remembers where every value came from.

PyYAML's own constructors turn ``NO`` into False and ``2001-01-20`` into a date, silently keep
the last of two duplicate keys, and expand anchors before anyone can look at them. Hand-edited
files deserve better, so we walk the composed node tree ourselves: every scalar stays the
string that was typed, duplicate keys and anchors are problems, and every value carries its
line and column for error messages.
"""

from __future__ import annotations

from typing import Union

import yaml

from ..errors import Problem


class Located:
    """Mixin giving a value the 1-based ``line`` and ``column`` where it starts."""

    line: int = 0
    column: int = 0


class LocStr(str, Located):
    pass


class LocList(list, Located):
    pass


class LocMap(dict, Located):
    """A mapping whose keys are ``LocStr`` (so ``key.line`` says where the key was typed)."""

    def key(self, name: str) -> LocStr | None:
        for k in self:
            if k == name:
                return k
        return None


YamlValue = Union[LocStr, LocList, LocMap, None]

# libyaml's parser when PyYAML was built with it (the wheels are): ten times faster on big glossaries.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = {"", "~", "null", "Null", "NULL"}
MAX_PROBLEMS = 20  # per file: an "alias bomb" would otherwise print thousands of lines


def _at(value, mark):
    value.line = mark.line + 1
    value.column = mark.column + 1
    return value


def _event_problems(text: str, path: str) -> list[Problem]:
    """Anchors, aliases and explicit tags, found before anything is expanded."""
    problems = []
    for event in yaml.parse(text, Loader=_LOADER):
        if len(problems) >= MAX_PROBLEMS:
            mark = event.start_mark
            problems.append(Problem(path, mark.line + 1, mark.column + 1, f"more anchors, aliases or tags follow; only the first {MAX_PROBLEMS} are listed"))
            break
        mark = event.start_mark
        where = dict(path=path, line=mark.line + 1, column=mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(**where, message=f"YAML alias '*{event.anchor}' is not allowed; write the value out"))
        elif getattr(event, "anchor", None):
            problems.append(Problem(**where, message=f"YAML anchor '&{event.anchor}' is not allowed"))
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        explicit = tag is not None and not (implicit is True or (isinstance(implicit, tuple) and any(implicit)))
        if explicit and tag != "!":
            problems.append(Problem(**where, message=f"YAML tag '{tag}' is not allowed"))
    return problems


def _walk(node, path: str, problems: list[Problem]) -> YamlValue:
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in _NULLS:  # plain (libyaml says "", PyYAML None)
            return None
        return _at(LocStr(node.value), node.start_mark)
    if isinstance(node, yaml.SequenceNode):
        return _at(LocList(_walk(item, path, problems) for item in node.value), node.start_mark)
    mapping = _at(LocMap(), node.start_mark)
    for key_node, value_node in node.value:
        key = _walk(key_node, path, problems)
        if not isinstance(key, LocStr):
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            problems.append(Problem(path, line, column, "mapping keys must be plain words"))
            continue
        first = mapping.key(key)
        if first is not None:
            problems.append(Problem(path, key.line, key.column, f"duplicate key '{key}' (first given on line {first.line})"))
            continue
        mapping[key] = _walk(value_node, path, problems)
    return mapping


def _syntax_problem(error: yaml.YAMLError, path: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    message = getattr(error, "problem", None) or str(error)
    if "\t" in message or "'\\t'" in message or "tab character" in message:
        message = "tab character in indentation; indent with spaces"
    else:
        context = getattr(error, "context", None)
        message = f"invalid YAML: {message}" + (f" ({context})" if context else "")
    if mark is None:
        return Problem(path, message=message)
    return Problem(path, mark.line + 1, mark.column + 1, message)


def parse_yaml(text: str, path: str) -> tuple[YamlValue, list[Problem]]:
    """Parse one YAML document. Returns the located value (None for an empty file) and problems."""
    try:
        problems = _event_problems(text, path)
        if problems:
            return None, problems
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        return None, [_syntax_problem(error, path)]
    if node is None:
        return None, []
    problems = []
    return _walk(node, path, problems), problems
