"""store.py: a seed file appears whole under its own name, or not at all; nothing is overwritten."""

from __future__ import annotations

import os

import pytest

from generator.ingest.articles import parse_article
from generator.importer import store

META = {"title": "North Korea fires missile over Japan", "date": "2017-09-15", "source": "Daily Courier",
        "url": "https://courier.example/a"}


def test_written_under_date_and_slug_in_the_seed_format(tmp_path):
    path = store.store_article(tmp_path, META, ["First paragraph.", "Second paragraph."])
    assert path.name == "2017-09-15-north-korea-fires-missile-over-japan.txt"
    article, problems, _ = parse_article(path.read_text(encoding="utf-8"), path.name)
    assert problems == [] and article.url == META["url"] and article.source == "Daily Courier"
    assert [b.text for b in article.blocks[1:]] == ["First paragraph.", "Second paragraph."]
    assert os.stat(path).st_mode & 0o777 == 0o666 & ~_umask()
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left


def test_undated_is_slug_only(tmp_path):
    assert store.store_article(tmp_path, {"title": "Talks resume"}, ["Text."]).name == "talks-resume.txt"


def test_never_over_an_existing_file(tmp_path):
    first = store.store_article(tmp_path, META, ["One."])
    second = store.store_article(tmp_path, META, ["Two."])
    assert second.name == first.name.replace(".txt", "-2.txt")
    assert first.read_text().endswith("One.\n") and second.read_text().endswith("Two.\n")


def test_a_failed_write_leaves_nothing(tmp_path, monkeypatch):
    def broken(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "link", broken)
    monkeypatch.setattr(store.os, "replace", broken)
    with pytest.raises(OSError):
        store.store_article(tmp_path, META, ["One."])
    assert list(tmp_path.iterdir()) == []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
