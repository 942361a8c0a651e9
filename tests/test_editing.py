"""`briefing add`: a stub appended, every existing byte untouched, duplicates refused."""

from __future__ import annotations

import subprocess
import sys


def run(project, *args):
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), *args], capture_output=True, text=True)


def test_add_appends_a_stub_and_keeps_every_byte(project):
    path = project.glossary("states", "# my comment\n- name: United States   # odd spacing kept\n  summary: A state.\n  aliases: [US, U.S., Washington, America]\n  exclude: [North America, Washington Post]\n- {name: North Korea, summary: A state., aliases: [N Korea, Pyongyang, North Korean]}\n- name: China\n  summary: A state.")
    before = path.read_bytes()
    result = run(project, "add", "states", "South Korea")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "seeds/glossary/states.yml:10: added 'South Korea'; write its summary before the next build\n"
    after = path.read_bytes()
    assert after.startswith(before)
    assert after[len(before):].decode() == '\n\n- name: "South Korea"\n  summary:  # one sentence, shown when hovering a link (required)\n  # aliases: []\n  # short_names: []\n  # capital:\n'
    assert after.decode().splitlines()[9] == '- name: "South Korea"'
    build = run(project, "build")
    assert build.returncode == 1
    assert "seeds/glossary/states.yml:11:3: 'summary': expected a text, got nothing" in build.stderr


def test_add_refuses_duplicates_and_unknown_categories(project):
    duplicate = run(project, "add", "people", "hu jintao")
    assert duplicate.returncode == 1 and "'Hu Jintao' is already in the glossary" in duplicate.stderr
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
