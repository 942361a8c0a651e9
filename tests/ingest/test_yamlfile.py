"""YAML syntax errors say what to do, one line each with path:line:column (exact text)."""

from __future__ import annotations

import pytest
import yaml

from generator.ingest import yamlfile
from generator.ingest.yamlfile import parse_yaml

P = "seeds/glossary/states.yml"

BROKEN = [
    # An over-indented key: the issue-#10 case, which said only "mapping values are not allowed in this context".
    ("over-indented key", "- name: Japan\n  summary: A state.\n    aliases: [Tokyo]\n",
     f"{P}:3:12: invalid YAML: check the indentation of this line against the line above (or quote a value that contains ': ')"),
    ("': ' in a value", "- name: Japan\n  summary: Note: a state.\n",
     f"{P}:2:16: invalid YAML: check the indentation of this line against the line above (or quote a value that contains ': ')"),
    ("key without ':'", "- name: Japan\n  summary\n  aliases: [x]\n",
     f"{P}:2:3: invalid YAML: a key without ':'; write 'key: value', or indent a value that goes on from the line above further than its key"),
    ("block text not indented", "- name: Japan\n  summary: |\n  x\n",
     f"{P}:3:3: invalid YAML: a key without ':'; write 'key: value', or indent a value that goes on from the line above further than its key"),
    ("tab indenting a key", "- name: Japan\n\tsummary: x\n", f"{P}:2:1: tab character in indentation; indent with spaces"),
    ("tab indenting an item", "- name: Japan\n  aliases:\n\t- a\n", f"{P}:3:1: tab character in indentation; indent with spaces"),
    ("entry indented one space", "- name: Japan\n  summary: x\n - name: Korea\n",
     f"{P}:3:2: invalid YAML: a list item ('- ') out of line; line it up with the items above, or put it under a key that ends with ':'"),
    ("item after a value", "- name: Japan\n  summary: x\n  - a\n",
     f"{P}:3:3: invalid YAML: a list item ('- ') out of line; line it up with the items above, or put it under a key that ends with ':'"),
    ("key under-indented", "- name: Japan\n summary: x\n",
     f"{P}:2:2: invalid YAML: check the indentation of this line against the lines above (keys line up with keys, '- ' items with items)"),
    ("unclosed double quote", "- name: Japan\n  summary: \"A state.\n",
     f"{P}:2:12: invalid YAML: this quoted value is never closed; add the closing '\"' (or remove the opening one)"),
    ("unclosed single quote", "- name: Japan\n  summary: 'A state.\n- name: Korea\n",
     f"{P}:2:12: invalid YAML: this quoted value is never closed; add the closing \"'\" (or remove the opening one)"),
    ("text after a quote", "- name: Japan\n  summary: \"A\" state.\n",
     f"{P}:2:16: invalid YAML: text after a closing quote; quote the whole value or none of it"),
    ("unclosed '['", "- name: Japan\n  aliases: [a, b\n  summary: x\n",
     f"{P}:3:10: invalid YAML: the '[' on line 2 is never closed; end the list with ']' (items separated by ', ')"),
    ("unclosed '[' at the end", "- name: Japan\n  aliases: [a, b",
     f"{P}:3:1: invalid YAML: the '[' on line 2 is never closed; end the list with ']' (items separated by ', ')"),
    ("unclosed '{'", "- {name: Japan, summary: x\n- name: Korea\n",
     f"{P}:2:7: invalid YAML: the '{{' on line 1 is never closed; end it with '}}' (pairs separated by ', ')"),
    ("missing ','", "- name: Japan\n  aliases: [a, \"b\" c]\n",
     f"{P}:2:20: invalid YAML: expected ',' or ']' here; separate the items with ', ' and quote an item as a whole"),
    ("a value starting with '@'", "- name: Japan\n  summary: @home\n",
     f"{P}:2:12: invalid YAML: a value cannot start with '@'; put the value in quotes"),
    ("a value starting with '*'", "- name: Japan\n  summary: *Very* big\n",
     f"{P}:2:12: invalid YAML: a value cannot start with '*' (YAML reads an alias or anchor); put the value in quotes"),
    ("an alias", "- name: Japan\n  summary: *big\n",
     f"{P}:2:12: YAML alias '*big' is not allowed; write the value out (or quote a value that starts with '*')"),
    ("unknown escape", "- name: Japan\n  summary: \"a\\q\"\n",
     f"{P}:2:14: invalid YAML: unknown escape in a double-quoted value; write '\\\\' for a backslash, or use single quotes"),
    ("second document", "- name: Japan\n---\n- name: Korea\n",
     f"{P}:2:1: invalid YAML: a second YAML document starts here; remove the '---' line (a file is one document)"),
    ("control character", "- name: Japan\n  summary: a\x07b\n", f"{P}:2:13: character U+0007 is not allowed in YAML; remove it"),
]


@pytest.mark.parametrize("snippet, expected", [(s, e) for _, s, e in BROKEN], ids=[i for i, _, _ in BROKEN])
def test_syntax_errors_say_what_to_do(snippet, expected):
    node, problems = parse_yaml(snippet, P)
    assert node is None and [str(p) for p in problems] == [expected]


@pytest.mark.parametrize("snippet", [s for _, s, _ in BROKEN], ids=[i for i, _, _ in BROKEN])
def test_pure_python_yaml_gets_the_same_advice(monkeypatch, snippet):
    """Without libyaml PyYAML words its errors differently (and may place the end of the text
    elsewhere); each is still translated into the same advice."""
    expected = {s: e for _, s, e in BROKEN}[snippet]
    monkeypatch.setattr(yamlfile, "_LOADER", yaml.SafeLoader)
    _, problems = parse_yaml(snippet, P)
    assert [p.message for p in problems] == [expected.split(": ", 1)[1]]


def test_an_unknown_error_keeps_pyyaml_words():
    _, problems = parse_yaml("%YAML 1.3\n---\n- a\n", P)
    assert [str(p) for p in problems] == [f"{P}:1:1: invalid YAML: found incompatible YAML document"]


def test_valid_yaml_has_no_problems():
    node, problems = parse_yaml("- name: Japan\n  summary: 'Note: a state.'\n", P)
    assert problems == [] and node[0]["summary"] == "Note: a state." and node[0]["summary"].line == 2
