"""The benchmark's comparison site (bench/material_search.py): the same docs/ built with Material's
built-in search instead of Briefing's. Whatever the briefing plugin adds to the theme (the icon
sprite, the configuration without Material's search messages) must not leak into it, or the
comparison fails to build (as it did once the header's icons came from the sprite)."""

from __future__ import annotations

import json
import re
import sys

from tests.sites import ROOT, build_fixture, mkdocs_build

sys.path.insert(0, str(ROOT / "bench"))
import material_search  # noqa: E402


def test_the_comparison_site_builds_strictly_with_materials_search(tmp_path):
    root = build_fixture("sample", tmp_path / "project", mkdocs=False)
    config = material_search.variant(root)
    mkdocs_build(root, "-f", config.name)
    site = root / material_search.SITE

    index = json.loads((site / material_search.INDEX).read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    assert "Vladimir Putin" in titles

    home = (site / "index.html").read_text(encoding="utf-8")
    config_block = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', home, re.S)[1])
    assert config_block["search"].endswith(".min.js")  # Material's search worker, which its search needs
    assert "search.result.placeholder" in config_block["translations"]
    assert "icons.svg" not in home  # the header's icons drawn by Material's own partials
    assert "pagefind" not in home and not (site / "pagefind").exists()
