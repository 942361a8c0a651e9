"""`briefing add`: a stub appended, every existing byte untouched, duplicates refused."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.config import load_config
from generator.editing import add_entry
from generator.ingest.glossary import load_glossary
from generator.text import sort_key


def run(project, *args):
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), *args], capture_output=True, text=True)


def test_add_appends_a_stub_and_keeps_every_byte(project):
    path = project.glossary("states", "# my comment\n- name: United States   # odd spacing kept\n  summary: A state.\n  aliases: [US, U.S., Washington, America]\n  exclude: [North America, Washington Post]\n- {name: North Korea, summary: A state., aliases: [N Korea, Pyongyang, North Korean]}\n- name: China\n  summary: A state.")
    before = path.read_bytes()
    result = run(project, "add", "states", "South Korea")
    assert result.returncode == 0, result.stderr
    # Not sorted (United States, North Korea, China): appended at the end, and said so.
    assert result.stderr == "seeds/glossary/states.yml: the entries are not sorted by name; added 'South Korea' at the end\n"
    assert result.stdout == "seeds/glossary/states.yml:9: added 'South Korea'; write its summary before the next build\n"
    after = path.read_bytes()
    assert after.startswith(before)
    # The file separates entries by no blank line, and neither does the stub.
    assert after[len(before):].decode() == '\n- name: "South Korea"\n  summary:  # one sentence, shown when hovering a link (required)\n  # aliases: []\n  # short_names: []\n  # capital:\n'
    assert after.decode().splitlines()[8] == '- name: "South Korea"'
    build = run(project, "build")
    assert build.returncode == 1
    assert "seeds/glossary/states.yml:10:3: 'summary': expected a text, got nothing" in build.stderr


def test_add_refuses_unknown_categories(project):
    unknown = run(project, "add", "planets", "Mars")
    assert unknown.returncode == 1 and unknown.stderr.strip() == "briefing.yml: no category 'planets' (one of people, states, weapons)"


def test_add_creates_the_file_of_a_new_category(project):
    config = project.root / "briefing.yml"
    config.write_text(config.read_text() + "  organizations: {title: Organizations}\n")
    project.glossary("organizations", "- {name: United Nations, summary: An organization., aliases: [UN]}\n")
    (project.root / "seeds/glossary/organizations.yml").unlink()
    result = run(project, "add", "organizations", "United Nations")
    assert result.returncode == 0, result.stderr
    text = (project.root / "seeds/glossary/organizations.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../docs/schemas/organizations.schema.json\n- name: \"United Nations\"\n")


PEOPLE = "seeds/glossary/people.yml"
STATES = "seeds/glossary/states.yml"


@pytest.mark.parametrize(
    "category, name, message",
    [
        # Issue #10: "Kim Jong Un" differs from the alias "Kim Jong Il"-style spelling only by a hyphen.
        ("people", "Kim Jong Un", f"{PEOPLE}:5:13: 'Kim Jong Un' is already an alias of 'Kim Jong-un' ({PEOPLE}:3)"),
        ("people", "KIM JONG UN", f"{PEOPLE}:5:13: 'KIM JONG UN' is already an alias of 'Kim Jong-un' ({PEOPLE}:3)"),
        ("people", "kim jong-UN", f"{PEOPLE}:3:9: 'kim jong-UN' is already the name of 'Kim Jong-un' ({PEOPLE}:3)"),
        ("people", "Kim Jong-un", f"{PEOPLE}:3:9: 'Kim Jong-un' is already the name of 'Kim Jong-un' ({PEOPLE}:3)"),
        ("people", "hu jintao", f"{PEOPLE}:1:9: 'hu jintao' is already the name of 'Hu Jintao' ({PEOPLE}:1)"),
        ("people", "\uff28\uff55 Jintao", f"{PEOPLE}:1:9: '\uff28\uff55 Jintao' is already the name of 'Hu Jintao' ({PEOPLE}:1)"),  # full-width letters: NFKC
        ("people", "Kim", f"{PEOPLE}:4:17: 'Kim' is already a short name of 'Kim Jong-un' ({PEOPLE}:3)"),
        # Any category: a person may not take a state's name, alias or place.
        ("people", "north-korea", f"{STATES}:1:9: 'north-korea' is already the name of 'North Korea' ({STATES}:1)"),
        ("weapons", "Pyongyang", f"{STATES}:4:12: 'Pyongyang' is already a place of 'North Korea' ({STATES}:1)"),
        ("states", "DPRK", f"{STATES}:3:13: 'DPRK' is already an alias of 'North Korea' ({STATES}:1)"),
    ],
)
def test_add_refuses_what_the_validator_would_refuse(project, category, name, message):
    project.glossary("people", "- name: Hu Jintao\n  summary: x.\n- name: Kim Jong-un\n  short_names: [Kim]\n  aliases: [Kim Jong Un]\n  summary: x.\n")
    project.glossary("states", "- name: North Korea\n  summary: x.\n  aliases: [DPRK]\n  places: [Pyongyang]\n")
    before = {p: p.read_bytes() for p in (project.root / "seeds/glossary").iterdir()}
    result = run(project, "add", category, name)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message + "\n")
    assert {p: p.read_bytes() for p in (project.root / "seeds/glossary").iterdir()} == before


HEADER = "# yaml-language-server: $schema=../../docs/schemas/states.schema.json\n# States, sorted by name.\n\n"
CHINA = "- name: China\n  summary: A state.\n  aliases: [Beijing]\n"
JAPAN = "# Japan's entry comment stays with Japan.\n- name: Japan\n  summary: A state.\n"
NK = "- {name: North Korea, summary: A state.}\n"
STUB = '- name: "{}"\n  summary:  # one sentence, shown when hovering a link (required)\n  # aliases: []\n  # short_names: []\n  # capital:\n'


@pytest.mark.parametrize(
    "name, blocks, at",
    [
        ("Iran", [CHINA, JAPAN, NK], 1),  # between China and Japan, above Japan's comment
        ("Afghanistan", [CHINA, JAPAN, NK], 0),  # first, below the file's header
        ("Vietnam", [CHINA, JAPAN, NK], 3),  # last
        ("chile", [CHINA, JAPAN, NK], 0),  # the loader's order is case-blind: 'chile' < 'China'
        ("Mongolia", [CHINA, JAPAN, NK], 2),  # after Japan, before the flow-style North Korea
        ("Iran", [CHINA], 1),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("separator", ["\n", ""])
def test_add_inserts_the_stub_in_its_sorted_place(project, name, blocks, at, newline, separator):
    """The file minus the stub is byte-identical to before; entries separated as the file does."""
    path = project.glossary("states", "")
    texts = [HEADER, *(b + separator for b in blocks[:-1]), blocks[-1]]
    path.write_bytes("".join(texts).replace("\n", newline).encode())
    before = path.read_bytes()
    line = add_entry(project.root, "states", name, note=pytest.fail)[1]
    after = path.read_bytes()
    gap = separator if len(blocks) > 1 else "\n"  # one entry says nothing: a blank line, like the seeds
    inserted = STUB.format(name) + gap if at < len(blocks) else gap + STUB.format(name)
    inserted = inserted.replace("\n", newline).encode()
    assert after.count(inserted) == 1
    offset = after.index(inserted)
    assert after[:offset] + after[offset + len(inserted):] == before
    assert after.decode().split(newline)[line - 1] == f'- name: "{name}"'
    if name == "Iran" and len(blocks) > 1:  # a comment right above an entry stays above it
        assert (STUB.format(name) + separator + JAPAN).replace("\n", newline).encode() in after
    config = load_config(project.root)
    glossary, problems = load_glossary(project.root, config.glossary_dir, config.categories)
    assert [str(p) for p in problems if p.path == STATES] == [f"{STATES}:{line + 1}:3: 'summary': expected a text, got nothing"]
    names = [e.name for e in glossary.entries if e.category == "states"]
    assert names == sorted(names, key=sort_key)  # still sorted


def test_add_to_a_file_with_only_its_header(project):
    path = project.glossary("states", HEADER)
    shown, line = add_entry(project.root, "states", "Japan", note=pytest.fail)
    assert path.read_text() == HEADER + "\n" + STUB.format("Japan") and (shown, line) == (STATES, 5)


def test_add_to_a_flow_list_is_refused(project):
    path = project.glossary("states", "[{name: China, summary: A state.}]\n")
    result = run(project, "add", "states", "Japan")
    assert (result.returncode, result.stderr) == (1, f"{STATES}:1:1: the entries are one '[...]' list; write them as '- name: ...' items to use briefing add\n")
    assert path.read_text() == "[{name: China, summary: A state.}]\n"


def test_add_to_a_broken_file_appends_and_says_so(project):
    path = project.glossary("states", "- name: China\n  summary: A state.\n    aliases: [Beijing]\n")
    notes = []
    assert add_entry(project.root, "states", "Japan", note=notes.append) == (STATES, 5)
    assert notes == [f"{STATES}: the file is not valid YAML ('briefing check' says where); added 'Japan' at the end"]
    assert path.read_text().startswith("- name: China\n  summary: A state.\n    aliases: [Beijing]\n\n- name: \"Japan\"\n")
