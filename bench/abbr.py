"""The glossary the way Material for MkDocs' documentation recommends, for #6's comparison:
abbreviations in includes/abbreviations.md auto-appended to every page by pymdownx.snippets
(``abbr`` extension), every article a plain page, no full nav.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from corpus_gen import Corpus

ABBR_MKDOCS = """\
site_name: Abbreviations comparison
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  language: en
  font: false
  features: [content.tooltips, navigation.top, navigation.tracking, search.highlight, search.suggest]
nav:
  - Home: index.md
plugins:
  - search
markdown_extensions:
  - attr_list
  - admonition
  - md_in_html
  - toc:
      permalink: true
{abbr}validation:
  nav:
    omitted_files: ignore
"""
ABBR_EXTENSIONS = """\
  - abbr
  - pymdownx.snippets:
      auto_append:
        - includes/abbreviations.md
"""


def make_abbr_project(root: Path, corpus: Corpus, articles: int, terms: int) -> None:
    """Every article a plain page; ``terms`` glossary names as abbreviations appended to every page."""
    if root.exists():
        shutil.rmtree(root)
    (root / "docs" / "articles").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(ABBR_MKDOCS.format(abbr=ABBR_EXTENSIONS if terms else ""), encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Synthetic briefing\n\nArticles are reached by URL; the nav lists only this page.\n", encoding="utf-8")
    for i in range(articles):
        name, _, paragraphs, headline = corpus.article(i)
        text = f"# {headline}\n\n" + "\n\n".join(paragraphs) + "\n"
        (root / "docs" / "articles" / (name[:-4] + ".md")).write_text(text, encoding="utf-8")
    if terms:
        (root / "includes").mkdir()
        lines = [f"*[{e.name}]: {e.summary}" for e in corpus.top_entries(terms)]
        (root / "includes" / "abbreviations.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
