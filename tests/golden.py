"""Golden files: every page a fixture briefing generates, in ``tests/fixtures/<name>/expected/``.

``python -m tests.golden --update`` (or ``make golden``) builds each fixture in a scratch folder and
replaces its ``expected/`` folder with the generator's current output, after an intended change to
the generator; ``tests/test_golden.py`` compares a fresh build with it, file by file, and fails on
a missing or an unexpected extra page too. Never edit an expected page by hand.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.sites import EXPECTED, FIXTURES, build_fixture, fixture_names, generated_files


def current_files(name: str, scratch: Path) -> dict[str, bytes]:
    """Every file the generator writes for fixture ``name`` (built in ``scratch``): path -> bytes."""
    root = build_fixture(name, scratch, mkdocs=False)
    return generated_files(root / "docs")


def update(names: list[str] | None = None) -> None:
    for name in names or fixture_names():
        with tempfile.TemporaryDirectory(prefix=f"golden-{name}-") as scratch:
            files = current_files(name, Path(scratch) / "project")
        expected = FIXTURES / name / EXPECTED
        shutil.rmtree(expected, ignore_errors=True)
        for path, data in files.items():
            target = expected / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        print(f"tests/fixtures/{name}/{EXPECTED}/: {len(files)} files")


if __name__ == "__main__":
    if not sys.argv[1:] or sys.argv[1] != "--update":
        sys.exit("usage: python -m tests.golden --update [FIXTURE ...]")
    update(sys.argv[2:])
