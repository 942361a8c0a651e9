"""`make serve` runs `mkdocs serve --dirty`: after a save, MkDocs rebuilds only the pages whose
Markdown the generator rewrote. Proof that the pages it does not rebuild are still right: a dirty
rebuild after edits (an article reworded, one added, one deleted, a glossary summary changed)
leaves the served site byte-identical to a clean build of the same docs/."""

from __future__ import annotations

import filecmp
import time
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from tests.sites import build_fixture

# Pagefind's bundle is made in the background under serve (tests/search/test_background.py); the
# preview makes no sitemap (generator/plugin.py), whose gzip header would hold the time anyway.
NOT_PAGES = ("pagefind", "sitemap.xml", "sitemap.xml.gz")


def _build(root: Path, site: Path, command: str, then=None) -> None:
    """One `mkdocs build`, or one `mkdocs serve --dirty` session: its first build and, if ``then``
    is given, a rebuild after ``then()`` has made its edits (a new configuration, as MkDocs loads
    one for every rebuild; the plugin instance and what it keeps stay)."""
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command=command, dirty=command == "serve")
    plugin = config.plugins["briefing"]
    try:
        mkdocs_build(config, dirty=command == "serve")
        if command == "serve":
            plugin._indexer.wait(120)
        if then is not None:
            then()
            config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
            assert config.plugins["briefing"] is plugin
            mkdocs_build(config, dirty=True)
            plugin._indexer.wait(120)
    finally:
        config.plugins.on_shutdown()


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and not p.relative_to(site).parts[0] in NOT_PAGES}


def test_a_dirty_rebuild_gives_the_pages_a_clean_build_gives(tmp_path):
    root = build_fixture("sample", tmp_path / "project", mkdocs=False)
    served = tmp_path / "served"
    articles = sorted((root / "seeds" / "articles").glob("*.txt"))
    deleted_slug = articles[1].stem
    before: dict = {}

    def edit() -> None:
        before["first"] = {p: p.stat().st_mtime_ns for p in served.rglob("*.html")}
        before["sources"] = _sources(root / "docs")
        text = articles[0].read_text(encoding="utf-8")
        assert " said" in text
        time.sleep(0.01)
        articles[0].write_text(text.replace(" said", " told reporters", 1), encoding="utf-8")
        (root / "seeds" / "articles" / "900_new.txt").write_text(
            "---\ndate: 2019-05-04\n---\nNorth Korea fires short-range projectiles\n\n"
            "North Korea fired several short-range projectiles on Saturday, South Korea said.\n", encoding="utf-8")
        articles[1].unlink()
        glossary = root / "seeds" / "glossary" / "states.yml"
        states = glossary.read_text(encoding="utf-8")
        summary = next(line for line in states.splitlines() if line.strip().startswith("summary:"))
        glossary.write_text(states.replace(summary, summary.rstrip() + " Edited.", 1), encoding="utf-8")

    # The session's first build (everything), then the rebuild after the save: what is served.
    _build(root, served, "serve", then=edit)
    first, sources = before["first"], before["sources"]
    clean = tmp_path / "clean"
    _build(root, clean, "build")  # the same docs/, built from nothing

    assert _files(served) == _files(clean), "pages added or removed differ"
    assert (clean / "sitemap.xml").is_file() and not (served / "sitemap.xml").exists(), "the preview makes no sitemap"
    different = [p for p in sorted(_files(clean)) if not filecmp.cmp(served / p, clean / p, shallow=False)]
    assert not different, f"dirty rebuild differs from a clean build: {different[:10]}"
    assert deleted_slug not in " ".join(_files(served))
    # Dirty indeed: MkDocs rebuilt the pages whose Markdown was rewritten (and its own 404 page), no other.
    rewritten = {html for html, mtime in _sources(root / "docs").items() if sources.get(html) != mtime}
    rebuilt = {p.relative_to(served).as_posix() for p, mtime in first.items() if p.exists() and p.stat().st_mtime_ns != mtime}
    kept = set(first) - {p for p in first if p.relative_to(served).as_posix() in rebuilt}
    assert kept and rebuilt - {"404.html"} == {p for p in rewritten if (served / p) in first}, (sorted(rebuilt), sorted(rewritten))


def _sources(docs: Path) -> dict[str, int]:
    """HTML path in the site -> mtime of the Markdown it is built from."""
    from mkdocs.structure.files import File

    return {File(p.relative_to(docs).as_posix(), str(docs), "/site", True).dest_uri: p.stat().st_mtime_ns
            for p in docs.rglob("*.md") if ".briefing" not in p.parts}
