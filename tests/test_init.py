"""`briefing init`: a new briefing on another topic that builds at once, strictly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.commands.init import planned
from generator.pipeline import build
from tests.sites import mkdocs_build

ROOT = Path(__file__).resolve().parent.parent


def init(target: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "init", str(target), *args], capture_output=True, text=True)


def test_init_then_build_and_strict_mkdocs_build(tmp_path):
    target = tmp_path / "climate"
    result = init(target, "--title", "Climate \"talks\": COP watch")
    assert result.returncode == 0, result.stderr
    assert "next: cd" in result.stdout
    for path in ("briefing.yml", "mkdocs.yml", ".gitignore", "seeds/articles/sample.txt", "seeds/glossary/people.yml",
                 "seeds/glossary/organizations.yml", "docs/assets/briefing.css", "overrides/main.html"):
        assert (target / path).is_file(), path
    people = (target / "seeds/glossary/people.yml").read_text().splitlines()
    assert people[0] == "# yaml-language-server: $schema=../../docs/schemas/people.schema.json"
    built = build(target)
    assert {"docs/schemas/people.schema.json", "docs/schemas/organizations.schema.json"} <= {
        f"docs/{p}" for p in built.plan.manifest}
    site = mkdocs_build(target, env={"SITE_URL": ""})
    home = (site / "index.html").read_text()
    assert "Climate &#34;talks&#34;: COP watch" in home or 'Climate "talks": COP watch' in home
    article = next((site / "articles").glob("*/index.html")).read_text()
    assert "glossary/people/ada-sample/" in article and "glossary/organizations/sample-agency/" in article
    glossary = (target / "docs/glossary/index.md").read_text()
    assert "Every person and organization the briefing explains" in glossary


def test_init_never_overwrites(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("mine\n")
    result = init(tmp_path, "--title", "X")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'mkdocs.yml'}: already exists; briefing init never overwrites a file",
        "briefing: 1 problem; nothing written",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml"]
    assert init(tmp_path / "new", "--title", " ").returncode == 1


def test_the_skeleton_is_this_repository_s_own_machinery():
    """generator/skeleton/ links to mkdocs.yml, overrides/ and docs/assets/ (one copy of each),
    and pyproject ships them as package data, so `pip install` users get them too."""
    files = planned("T")
    assert files["mkdocs.yml"] == (ROOT / "mkdocs.yml").read_bytes()
    for path in ("overrides/main.html", "overrides/partials/search.html", "docs/assets/briefing.css", "docs/assets/a11y.css"):
        assert files[path] == (ROOT / path).read_bytes(), path
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"skeleton/overrides/**/*"' in pyproject and '"skeleton/assets/*"' in pyproject
    assert all(os.path.islink(ROOT / "generator" / "skeleton" / name) for name in ("mkdocs.yml", "overrides", "assets"))
