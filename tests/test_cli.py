"""The command line: one line per problem, non-zero exits, no tracebacks; check validates (and,
with --stale, detects a stale docs/); coverage only reads."""

from __future__ import annotations

import subprocess
import sys


def run(project, *args):
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), *args], capture_output=True, text=True)


def test_check_validates_without_writing_and_ignores_staleness(project):
    checked = run(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert not (project.root / "docs").exists(), "check writes nothing"
    assert run(project, "build").returncode == 0
    project.article("b.txt", "Another article\n\nText.\n")
    assert run(project, "check").returncode == 0, "docs/ is a build output: stale is fine"
    # For projects that commit docs/: --stale is the opt-in.
    stale = run(project, "check", "--stale")
    assert stale.returncode == 3
    assert "stale: docs/articles/another-article.md" in stale.stderr


def test_check_fails_when_a_build_would(project):
    project.write("docs/timeline.md", "my own page\n")  # a file the generator does not own
    checked = run(project, "check")
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [
        "docs/timeline.md: exists and was not written by briefing; move it or rename the page that wants this path",
        "briefing: 1 problem; a build would fail",
    ]
    assert (project.root / "docs/timeline.md").read_text() == "my own page\n"


def test_coverage_reads_and_annotates_only(project):
    project.article("kim.txt", "Kim speaks\n\nKim said Moon Jae-in flew.\n")
    result = run(project, "coverage")
    assert result.returncode == 0, result.stderr
    assert "Names in articles that no entry covers" in result.stdout
    assert "seeds/articles/kim.txt:3: 'Kim'" in result.stdout
    assert not (project.root / "docs").exists(), "no page rendered, no cache written"


def test_every_command_is_a_module_and_the_entry_point_stays():
    from generator import cli, commands

    assert cli.main is commands.main
    names = {c.__name__.rsplit(".", 1)[1] for c in commands.COMMANDS}
    assert names == {"build", "check", "coverage", "add", "import_", "init"}
    help_text = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True).stdout
    assert all(name.rstrip("_") in help_text for name in names)  # import_.py: `import` is a keyword


def test_user_mistakes_are_one_line_each_without_traceback(project):
    project.glossary("weapons", "- name: Ballistic missile\n  summry: x\n- name: ballistic missile\n  summary: y\n")
    project.article("bad.txt", "---\ndate: 2017-13-01\n---\nText\n\nBody.\n")
    project.write("seeds/articles/latin1.txt", "")
    (project.root / "seeds/articles/latin1.txt").write_bytes("Caf\xe9\n\nBody.".encode("latin-1"))
    result = run(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "seeds/articles/bad.txt:2:7: 'date': '2017-13-01' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        "seeds/articles/latin1.txt:1: not UTF-8 text (byte 0xe9); save the file as UTF-8",
        "seeds/glossary/weapons.yml:1:3: entry: missing required key 'summary'",
        "seeds/glossary/weapons.yml:2:3: unknown key 'summry' (did you mean 'summary'?)",
        "seeds/glossary/weapons.yml:3:9: duplicate name 'ballistic missile' (also at seeds/glossary/weapons.yml:1)",
        "briefing: 5 problems; nothing written",
    ]
    assert not (project.root / "docs").exists()


def test_missing_config(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "build"], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "briefing.yml: file not found"


def test_unresolved_short_names_are_reported(project):
    project.article("kim.txt", "Kim speaks\n\nKim said the missile flew.\n")
    result = run(project, "build")
    assert result.returncode == 0
    assert "note: seeds/articles/kim.txt:3: 'Kim' left unlinked (could be Kim Jong-il, Kim Jong-un)" in result.stderr


def test_a_rerun_with_nothing_changed_reads_only_the_inputs(project):
    assert run(project, "build").returncode == 0
    again = run(project, "build")
    assert again.stdout == "briefing build: nothing changed since the last build; docs/ is current\n"
    # Hand-editing a generated page, or any input, sends the next run down the full path.
    page = project.root / "docs/timeline.md"
    page.write_text(page.read_text() + "edited\n")
    checked = run(project, "check", "--stale")
    assert checked.returncode == 3 and "stale: docs/timeline.md" in checked.stderr
    assert "1 pages to write" in run(project, "build").stdout
    project.article("a.txt", "---\ndate: 2006-07-06\n---\nBush talks to Hu\n\nMr Bush spoke with Hu Jintao.\n")
    assert "nothing changed" not in run(project, "build").stdout
    assert "nothing changed" in run(project, "check").stdout
