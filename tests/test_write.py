"""docs/ ownership: only our pages are written or removed; unchanged input rewrites nothing."""

from __future__ import annotations

import json
import os
import threading

import pytest

from generator import write
from generator.errors import BriefingError
from generator.pipeline import build


def snapshot(folder):
    """Every file under docs/ with its bytes and time, but the re-run cache (derived, not output)."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).as_posix() != write.CACHE
    }


def test_second_build_writes_nothing_and_is_byte_identical(project):
    build(project.root)
    before = snapshot(project.root / "docs")
    result = build(project.root)
    assert (result.plan.writes, result.plan.deletes) == ({}, ())
    assert snapshot(project.root / "docs") == before


def test_hand_written_files_are_never_touched(project):
    hand = project.write("docs/about.md", "# About\n")
    asset = project.write("docs/glossary/people/notes.txt", "mine")
    build(project.root)
    project.article("a.txt", "Only headline changed\n\nNew text.\n")
    build(project.root)
    assert hand.read_text() == "# About\n" and asset.read_text() == "mine"


def test_a_page_that_would_overwrite_a_hand_written_file_stops_the_build(project):
    project.write("docs/articles/2006-07-06-bush-talks-to-hu.md", "hand-written")
    with pytest.raises(BriefingError) as error:
        build(project.root)
    assert str(error.value) == "docs/articles/2006-07-06-bush-talks-to-hu.md: exists and was not written by briefing; move it or rename the page that wants this path"
    assert not (project.root / "docs" / "index.md").exists()


def test_stale_pages_are_removed_and_empty_folders_pruned(project):
    build(project.root)
    page = project.root / "docs/articles/2006-07-06-bush-talks-to-hu.md"
    assert page.exists()
    project.article("a.txt", "---\ndate: 2006-07-07\n---\nA different headline\n\nText.\n")
    result = build(project.root)
    assert result.plan.deletes == ("articles/2006-07-06-bush-talks-to-hu.md",)
    assert not page.exists()
    manifest = json.loads((project.root / "docs" / write.MANIFEST).read_text())
    assert "articles/2006-07-07-a-different-headline.md" in manifest["files"]


def test_an_interrupted_apply_is_finished_by_the_next_run(project):
    build(project.root)
    project.article("b.txt", "Second article\n\nMore text.\n")
    from generator.pipeline import generate

    site, pages, _ = generate(project.root)
    docs = project.root / "docs"
    plan = write.plan(docs, pages)
    # Simulate a kill right after the journal was written: stage, journal, no moves yet.
    original = write.recover
    write.recover = lambda docs: None
    try:
        write.apply(docs, plan)
    finally:
        write.recover = original
    assert (docs / write.JOURNAL).exists()
    assert not (docs / "articles/second-article.md").exists()
    write.recover(docs)
    assert (docs / "articles/second-article.md").exists()
    assert not (docs / write.JOURNAL).exists() and not (docs / write.STAGING).exists()
    assert build(project.root).plan.changes is False


def test_invalid_input_writes_nothing(project):
    build(project.root)
    before = snapshot(project.root / "docs")
    project.glossary("states", "- name: X\n")
    with pytest.raises(BriefingError):
        build(project.root)
    assert snapshot(project.root / "docs") == before


def test_output_does_not_depend_on_file_order(project, monkeypatch):
    for i in range(5):
        project.article(f"n{i}.txt", f"Same headline\n\nText {i} about China.\n")
    build(project.root)
    first = {k: v[0] for k, v in snapshot(project.root / "docs").items()}
    real_rglob = type(project.root).rglob
    monkeypatch.setattr(type(project.root), "rglob", lambda self, pattern: list(reversed(list(real_rglob(self, pattern)))))
    os.remove(project.root / "docs" / write.MANIFEST)
    import shutil

    shutil.rmtree(project.root / "docs")
    build(project.root)
    assert {k: v[0] for k, v in snapshot(project.root / "docs").items()} == first


def test_a_failed_staged_write_stops_the_build_and_leaves_docs_alone(project, monkeypatch):
    """Staged files are written on a second thread: its error must still reach the build."""
    build(project.root)
    before = snapshot(project.root / "docs")
    project.article("a.txt", "Only headline changed\n\nNew text.\n")
    real = write.Path.write_bytes

    def failing(path, data):
        if write.STAGING in path.as_posix():
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(write.Path, "write_bytes", failing)
    with pytest.raises(OSError, match="No space left"):
        build(project.root)
    monkeypatch.undo()
    assert not any(t.name == "briefing-stager" for t in threading.enumerate())
    assert snapshot(project.root / "docs") == before
    build(project.root)  # the next run starts clean
    assert any("New text." in page.read_text() for page in (project.root / "docs" / "articles").glob("*.md"))
