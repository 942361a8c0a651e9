"""Building real sites for tests, from fixture briefings the tests own (``tests/fixtures/<name>/``).

A fixture is a folder with its own ``briefing.yml``, ``seeds/articles/*.txt`` and
``seeds/glossary/*.yml``, and the pages it must generate in ``expected/<path in docs>`` (the golden
files, rewritten by ``make golden``). The tests never read the editors' live ``seeds/``, the live
``briefing.yml`` or the generated pages of the live ``docs/``: an editor's edit cannot turn them red.

    root = build_fixture("sample", tmp_path)           # generator, then `mkdocs build --strict`
    root = build_fixture("sample", tmp_path, mkdocs=False)  # the generator only (docs/)
    SAMPLE.summary("people", "Vladimir Putin")         # read from the fixture's own glossary
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPECTED = "expected"
_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc")

# What a real build needs besides a briefing's own inputs: the MkDocs configuration (its hook is
# generator/mkdocs_hook.py), the generator, the theme overrides and the hand-written assets.
# None of it is editors' content.
MACHINERY_FILES = ("mkdocs.yml",)
MACHINERY_FOLDERS = ("generator", "overrides", "docs/assets")


def copy_machinery(root: Path) -> Path:
    """Copy the site machinery of this checkout (never its seeds/, briefing.yml or docs/ pages)."""
    root.mkdir(parents=True, exist_ok=True)
    for name in MACHINERY_FILES:
        shutil.copy(ROOT / name, root / name)
    for folder in MACHINERY_FOLDERS:
        shutil.copytree(ROOT / folder, root / folder, ignore=_SKIP, dirs_exist_ok=True)
    return root


def fixture_names() -> list[str]:
    """Every fixture briefing under tests/fixtures/."""
    return sorted(p.parent.name for p in FIXTURES.glob("*/briefing.yml"))


def materialise(name: str, root: Path) -> Path:
    """A buildable project in ``root``: fixture ``name``'s briefing.yml and seeds/, plus the site
    machinery. Nothing is generated yet."""
    source = FIXTURES / name
    if not (source / "briefing.yml").is_file():
        raise FileNotFoundError(f"no fixture briefing {source.relative_to(ROOT)}/briefing.yml")
    copy_machinery(root)
    shutil.copy(source / "briefing.yml", root / "briefing.yml")
    shutil.copytree(source / "seeds", root / "seeds", ignore=_SKIP, dirs_exist_ok=True)
    return root


def build_fixture(name: str, root: Path, *, mkdocs: bool = True, site_url: str | None = None,
                  site_dir: str | None = None) -> Path:
    """Materialise fixture ``name`` in ``root``, run the generator (docs/) and, unless ``mkdocs`` is
    False, ``mkdocs build --strict`` (site/, or ``site_dir``) with ``SITE_URL`` set to ``site_url``.
    Returns ``root``."""
    from generator.pipeline import build

    materialise(name, root)
    build(root)
    if mkdocs:
        mkdocs_build(root, *(("--site-dir", site_dir) if site_dir else ()),
                     env=None if site_url is None else {"SITE_URL": site_url})
    return root


def generated_files(docs: Path) -> dict[str, bytes]:
    """Every file of a built docs/ except the hand-written assets and the generator's own state
    (docs/.briefing): path in docs -> bytes."""
    found = {}
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs)
        if path.is_file() and relative.parts[0] not in (".briefing", "assets"):
            found[relative.as_posix()] = path.read_bytes()
    return found


def expected_files(name: str) -> dict[str, bytes]:
    """Fixture ``name``'s golden pages: path in docs -> bytes."""
    return generated_files(FIXTURES / name / EXPECTED)


def mini_project(root: Path, articles: dict[str, bytes]) -> Path:
    """The project's site configuration around the small test glossary and the given articles."""
    from tests.conftest import MINI_CONFIG, MINI_GLOSSARY

    copy_machinery(root)
    (root / "briefing.yml").write_text(MINI_CONFIG)
    (root / "seeds/glossary").mkdir(parents=True)
    for category, text in MINI_GLOSSARY.items():
        (root / f"seeds/glossary/{category}.yml").write_text(text)
    (root / "seeds/articles").mkdir()
    for name, data in articles.items():
        (root / "seeds/articles" / name).write_bytes(data)
    return root


def mkdocs_build(root: Path, *args: str, env: dict[str, str] | None = None) -> Path:
    """``mkdocs build --strict`` in ``root``; fails the test on an error or any warning."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", *args], cwd=root, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return root / "site"


@dataclass(frozen=True)
class Fixture:
    """A fixture briefing's own inputs, for tests that need to know what is in it."""

    name: str

    @property
    def path(self) -> Path:
        return FIXTURES / self.name

    @cached_property
    def glossary(self) -> dict[str, list[dict]]:
        """category -> entries, as written in the fixture's seeds/glossary/<category>.yml."""
        return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) or []
                for p in sorted((self.path / "seeds" / "glossary").glob("*.yml"))}

    def entry(self, category: str, name: str) -> dict:
        for entry in self.glossary[category]:
            if entry["name"] == name:
                return entry
        raise KeyError(f"{self.name}: no {category} entry {name!r}")

    def summary(self, category: str, name: str) -> str:
        return self.entry(category, name)["summary"]

    def article_text(self, filename: str) -> str:
        return (self.path / "seeds" / "articles" / filename).read_text(encoding="utf-8")


SAMPLE = Fixture("sample")
# The sample fixture's two articles (copies of the project's first two sample articles) as pages.
SAMPLE_BUSH = "articles/2006-07-06-bush-seeks-joint-response-on-n-korea-missiles"
SAMPLE_RUSSIA = "articles/2017-09-15-russia-france-say-talks-are-only-way-to-solve-north-korea-crisis"
