"""Building real sites for tests: a copy of the project (or a small one), the generator, MkDocs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SKIP = shutil.ignore_patterns("__pycache__")


def copy_project(root: Path, seeds: bool = True) -> Path:
    """Everything a build needs: configuration, generator, theme overrides, hand-written assets,
    and (unless ``seeds`` is False, for a test that writes its own) the seed articles and glossary."""
    for name in ("mkdocs.yml", "briefing.yml"):
        shutil.copy(ROOT / name, root / name)
    for folder in ("generator", "overrides") + (("seeds",) if seeds else ()):
        shutil.copytree(ROOT / folder, root / folder, ignore=_SKIP)
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    return root


def mini_project(root: Path, articles: dict[str, bytes]) -> Path:
    """The project's site configuration around the small test glossary and the given articles."""
    from tests.conftest import MINI_CONFIG, MINI_GLOSSARY

    copy_project(root, seeds=False)
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
