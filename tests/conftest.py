"""Shared fixtures: a throw-away project with its own briefing.yml, glossary and articles; the
fixture briefing ``tests/fixtures/sample`` built into a real site once per session; and the guard
that keeps the suite off the editors' live content.

**The live-content guard.** The suite tests the generator, never the briefing the editors are
writing: no test may read this checkout's ``seeds/``, ``briefing.yml`` or generated ``docs/`` pages
(``docs/assets/`` is the hand-written theme and is fine). An audit hook (PEP 578) sees every file
opened and every folder listed in this process; a test that touches live content fails, naming the
path. Only a test marked ``live_project`` (tests/test_editor_workflow.py, which copies the whole
project on purpose) may.
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

MINI_CONFIG = """\
title: Test briefing
categories:
  people:
    title: People
    singular: person
    quotes: true
    fields: {role: text, state: ref states, born: date, offices: offices}
  states:
    title: States
    singular: state
    fields: {capital: text}
  weapons:
    title: Weapons
    singular: weapon
    fields: {class: ref weapons, operator: ref states, range: text, first_test: date}
"""

MINI_GLOSSARY = {
    "people": """\
- name: George W. Bush
  summary: 43rd President of the United States.
  short_names: [Bush]
  state: United States
  offices:
    - {title: President of the United States, start: 2001-01-20, end: 2009-01-20}
- name: Kim Jong-il
  summary: Leader of North Korea from 1994 to 2011.
  aliases: [Kim Jong Il]
  short_names: [Kim]
  state: North Korea
  offices:
    - {title: Supreme Leader of North Korea, start: 1994-07-08, end: 2011-12-17}
- name: Kim Jong-un
  summary: Leader of North Korea since 2011.
  short_names: [Kim]
  state: North Korea
  offices:
    - {title: Supreme Leader of North Korea, start: 2011-12-17}
- name: Kim Yo-jong
  summary: Sister of Kim Jong-un.
  state: North Korea
- name: Hu Jintao
  summary: President of China from 2003 to 2013.
  short_names: [Hu]
  state: China
""",
    "states": """\
- name: United States
  summary: A country in North America.
  aliases: [US, U.S., Washington, America]
  exclude: [North America, Washington Post]
- name: North Korea
  summary: A country in East Asia.
  aliases: [N Korea, Pyongyang, North Korean]
- name: China
  summary: A country in East Asia.
  aliases: [Chinese, Beijing]
""",
    "weapons": """\
- name: Ballistic missile
  summary: A missile that follows a ballistic trajectory.
  aliases: [ballistic missile]
- name: Intercontinental ballistic missile
  summary: A ballistic missile with a range over 5,500 km.
  aliases: [ICBM, intercontinental ballistic missile]
  class: Ballistic missile
""",
}


@pytest.fixture
def project(tmp_path: Path):
    """A small, valid project. Call ``project.article(name, text)`` to add articles."""

    class Project:
        root = tmp_path

        def write(self, relative: str, text: str) -> Path:
            path = tmp_path / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
            return path

        def article(self, name: str, text: str) -> Path:
            return self.write(f"seeds/articles/{name}", text)

        def glossary(self, category: str, text: str) -> Path:
            return self.write(f"seeds/glossary/{category}.yml", text)

        def with_site(self) -> "Project":
            """Add mkdocs.yml, the hook and the hand-written assets, for real MkDocs builds."""
            from tests.sites import copy_machinery

            copy_machinery(tmp_path)
            return self

    p = Project()
    p.write("briefing.yml", MINI_CONFIG)
    for category, text in MINI_GLOSSARY.items():
        p.glossary(category, text)
    p.article("a.txt", "---\ndate: 2006-07-06\n---\nBush talks to Hu\n\nMr Bush spoke with Chinese President Hu Jintao about North Korea.\n")
    return p


# --------------------------------------------------------------------------- the sample site


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The fixture briefing tests/fixtures/sample, generated and built with ``mkdocs build --strict``
    in a scratch folder: its ``site/``. Shared by the site, link-check and browser tests; read it,
    never change it (copy it first)."""
    from tests.sites import build_fixture

    root = tmp_path_factory.mktemp("sample-site") / "project"
    return build_fixture("sample", root, site_url="") / "site"  # for the root, as `make site` builds


# --------------------------------------------------------------------------- the live-content guard

LIVE = tuple(os.path.join(str(ROOT), p) for p in ("seeds", "briefing.yml", "docs"))
LIVE_ALLOWED = (os.path.join(str(ROOT), "docs", "assets"),)
_WATCHED = frozenset({"open", "os.listdir", "os.scandir", "glob.glob", "shutil.copytree", "shutil.copyfile"})


def is_live(path) -> bool:
    """Is ``path`` (as an audit event gives it: str, bytes, os.PathLike or a descriptor) the
    editors' live content of this checkout?"""
    if isinstance(path, int) or path is None:
        return False
    try:
        path = os.path.abspath(os.fsdecode(path))
    except (TypeError, ValueError):
        return False
    for allowed in LIVE_ALLOWED:
        if path == allowed or path.startswith(allowed + os.sep):
            return False
    return any(path == live or path.startswith(live + os.sep) for live in LIVE)


# Commands that read the briefing of the folder they run in (unless told another one).
_LIVE_SUBCOMMANDS = {"briefing": {"build", "check", "coverage", "add"}, "generator": {"build", "check", "coverage", "add"},
                     "mkdocs": {"build", "serve", "gh-deploy"}, "make": {"site", "check", "serve", "test"}}
_ELSEWHERE = {"--root", "-f", "--config-file", "-C", "--directory"}


def live_command(argv, cwd) -> str | None:
    """The command line, if it runs the generator, MkDocs or make on this checkout's own briefing."""
    if isinstance(argv, (str, bytes, os.PathLike)):
        argv = [argv]
    argv = [os.fsdecode(a) for a in argv]
    folder = os.path.abspath(os.fsdecode(cwd)) if cwd is not None else os.getcwd()
    if folder != str(ROOT) or _ELSEWHERE.intersection(a.split("=")[0] for a in argv):
        return None
    words = argv[0].split() + argv[1:] if len(argv) == 1 else argv  # a shell command line: its words
    if not words:
        return None
    tool, rest = os.path.basename(words[0]), words[1:]
    if tool.startswith("python") and rest[:1] == ["-m"] and len(rest) > 1:
        tool, rest = rest[1], rest[2:]  # python -m generator / python -m mkdocs
    if _LIVE_SUBCOMMANDS.get(tool, set()).intersection(rest):
        return " ".join(argv)
    return None


class LiveContentGuard:
    """Records every access to live content while ``armed``; one audit hook for the session."""

    def __init__(self):
        self.armed = False
        self.seen: list[str] = []

    def __call__(self, event: str, args: tuple) -> None:
        if not self.armed:
            return
        if event == "subprocess.Popen":
            command = live_command(*args[1:3])
            if command:
                self.seen.append(f"subprocess {command}")
            return
        if event not in _WATCHED or not args:
            return
        path = args[0]
        if event == "open" and len(args) > 1 and args[1] is None and not isinstance(path, int) and not os.path.isabs(path):
            return  # os.open of a relative path: may be relative to a dir_fd, which the event does not give
        if is_live(path):
            self.armed = False  # no recursion while recording
            try:
                self.seen.append(f"{event} {os.fsdecode(args[0])}")
            finally:
                self.armed = True

    def take(self) -> list[str]:
        seen, self.seen = self.seen, []
        return seen


GUARD = LiveContentGuard()
sys.addaudithook(GUARD)


def pytest_configure(config):
    config.addinivalue_line("markers", "live_project: the test reads the live project on purpose "
                                       "(exempt from the live-content guard)")
    config.addinivalue_line("markers", "editor_workflow: copies the whole project and runs its suite "
                                       "(skipped inside that copy)")


@pytest.fixture(scope="session", autouse=True)
def _live_content_guard():
    """Armed for the whole session, session- and module-scoped fixtures included: what a shared
    fixture reads is charged to the first test that uses it."""
    GUARD.take()
    GUARD.armed = True
    yield GUARD
    GUARD.armed = False


@pytest.fixture(autouse=True)
def _no_live_content(request, _live_content_guard):
    """Fail a test that read the live seeds/, briefing.yml or generated docs/ pages."""
    exempt = request.node.get_closest_marker("live_project") is not None
    _live_content_guard.armed = not exempt
    try:
        yield
    finally:
        _live_content_guard.armed = True
    seen = _live_content_guard.take()
    if seen and not exempt:
        pytest.fail("the test read the editors' live content (use a fixture briefing from tests/fixtures/, "
                    "see tests/sites.py):\n  " + "\n  ".join(dict.fromkeys(seen)), pytrace=False)
