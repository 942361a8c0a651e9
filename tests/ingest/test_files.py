"""generator/ingest/files.py: the article files found, in the order Path.rglob gives them."""

from __future__ import annotations

import pytest

from generator.ingest.files import text_files

NAMES = ["b.txt", "a-c.txt", "a/b.txt", "a/z/y.txt", ".hidden.txt", "A.txt", "notes.md", "x.txt.swp", "a/.d/e.txt", "é.txt"]


@pytest.mark.parametrize("names", [NAMES, list(reversed(NAMES)), ["only.txt"], []])
def test_text_files_are_what_rglob_finds_in_its_order(tmp_path, names):
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    expected = [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*.txt"))]
    assert text_files(tmp_path) == expected
