"""Strict YAML reading that remembers where every value came from.

PyYAML's own constructors turn ``NO`` into False and ``2001-01-20`` into a date, silently keep
the last of two duplicate keys, and expand anchors before anyone can look at them. Hand-edited
files deserve better, so we walk the composed node tree ourselves: every scalar stays the
string that was typed, duplicate keys and anchors are problems, and every value carries its
line and column for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

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
            problems.append(Problem(**where, message=f"YAML alias '*{event.anchor}' is not allowed; write the value out (or quote a value that starts with '*')"))
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


@dataclass(frozen=True)
class _Error:
    """What a rule looks at: PyYAML's (or libyaml's) words and the text around the marks."""

    problem: str
    context: str
    at: str  # the character at the problem mark ('' at the end of the text)
    before: str  # the problem mark's line up to the mark
    opener: str  # the character at the context mark
    opened_on: int  # the context mark's line (1-based; 0 without one)
    unfinished: bool  # the problem is on another line than the context, or at the end of the text


# Each rule: (does it apply, use the context mark rather than the problem mark, what to say). The
# context mark is where YAML started what it could not finish (an opening quote); the problem
# mark is where it gave up (often the end of the file). libyaml and PyYAML word errors differently:
# each rule recognises both. A new case is a new rule.
_RULES: list[tuple[Callable[[_Error], bool], bool, Callable[[_Error], str]]] = [
    (lambda e: e.at == "\t" or "tab" in e.problem or "'\\t'" in e.problem, False,
     lambda e: "tab character in indentation; indent with spaces"),
    (lambda e: e.problem.startswith("mapping values are not allowed"), False,
     lambda e: "check the indentation of this line against the line above (or quote a value that contains ': ')"),
    (lambda e: "could not find expected ':'" in e.problem, True,
     lambda e: "a key without ':'; write 'key: value', or indent a value that goes on from the line above further than its key"),
    (lambda e: "end of stream" in e.problem and "quoted scalar" in e.context, True,
     lambda e: f"this quoted value is never closed; add the closing {e.opener!r} (or remove the opening one)"),
    (lambda e: "unknown escape character" in e.problem, False,
     lambda e: "unknown escape in a double-quoted value; write '\\\\' for a backslash, or use single quotes"),
    (lambda e: "flow sequence" in e.context and e.unfinished, False,
     lambda e: f"the '[' on line {e.opened_on} is never closed; end the list with ']' (items separated by ', ')"),
    (lambda e: "flow mapping" in e.context and e.unfinished, False,
     lambda e: f"the '{{' on line {e.opened_on} is never closed; end it with '}}' (pairs separated by ', ')"),
    (lambda e: "flow sequence" in e.context, False,
     lambda e: "expected ',' or ']' here; separate the items with ', ' and quote an item as a whole"),
    (lambda e: "flow mapping" in e.context, False,
     lambda e: "expected ',' or '}' here; separate the pairs with ', ' and quote a value as a whole"),
    (lambda e: "undefined alias" in e.problem or "an alias" in e.context or "an anchor" in e.context, True,
     lambda e: f"a value cannot start with '{e.opener}' (YAML reads an alias or anchor); put the value in quotes"),
    (lambda e: "cannot start any token" in e.problem, False,
     lambda e: f"a value cannot start with '{e.at}'; put the value in quotes"),
    (lambda e: e.before.rstrip().endswith(("'", '"')) and e.at not in ("-", ""), False,
     lambda e: "text after a closing quote; quote the whole value or none of it"),
    (lambda e: e.at == "-" and ("<block end>" in e.problem or "expected key" in e.problem or "'-' indicator" in e.problem), False,
     lambda e: "a list item ('- ') out of line; line it up with the items above, or put it under a key that ends with ':'"),
    (lambda e: "<block end>" in e.problem or "expected key" in e.problem or "'-' indicator" in e.problem, False,
     lambda e: "check the indentation of this line against the lines above (keys line up with keys, '- ' items with items)"),
    (lambda e: "another document" in e.problem, False,
     lambda e: "a second YAML document starts here; remove the '---' line (a file is one document)"),
]


def _char(text: str, mark) -> str:
    index = getattr(mark, "index", None)
    if index is None:  # libyaml's marks have no index into the text: count lines
        lines = text.split("\n")
        line = lines[mark.line] if mark.line < len(lines) else ""
        return line[mark.column:mark.column + 1]
    return text[index:index + 1]


def _line_before(text: str, mark) -> str:
    lines = text.split("\n")
    return lines[mark.line][:mark.column] if mark.line < len(lines) else ""


def _syntax_problem(error: yaml.YAMLError, text: str, path: str) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML refuses anywhere (a control character)
        line = text[: error.position].count("\n") + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        char = error.character if isinstance(error.character, str) else chr(error.character)
        return Problem(path, line, column, f"character U+{ord(char):04X} is not allowed in YAML; remove it")
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    if problem_mark is not None:
        seen = _Error(
            problem,
            context,
            _char(text, problem_mark),
            _line_before(text, problem_mark),
            _char(text, context_mark) if context_mark is not None else "",
            context_mark.line + 1 if context_mark is not None else 0,
            context_mark is not None and (context_mark.line != problem_mark.line or not _char(text, problem_mark)),
        )
        for applies, at_context, say in _RULES:
            if applies(seen):
                mark = context_mark if at_context and context_mark is not None else problem_mark
                message = say(seen)
                prefix = "" if message.startswith("tab character") else "invalid YAML: "
                return Problem(path, mark.line + 1, mark.column + 1, prefix + message)
    mark = problem_mark or context_mark
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
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
        return None, [_syntax_problem(error, text, path)]
    if node is None:
        return None, []
    problems = []
    return _walk(node, path, problems), problems
