"""Articles: ``*.txt`` files in the seed format (``formats/seedfile.py``: optional front matter, then
scraped text), cleaned and turned into ``Article``s."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from ..errors import Problem
from ..formats import seedfile
from ..model import Article, Block, BlockKind, RemovalKind
from ..render.slugs import slugify, unique_slugs
from .clean import clean
from .files import read_text, text_files


def parse_article(text: str, path: str) -> tuple[Article | None, list[Problem], list[Problem]]:
    """(article, problems, warnings) for one file's text. Pure: the caller reads the file."""
    meta, skip, problems = seedfile.read(text, path)
    if problems:
        return None, problems, []
    cleaned = clean(seedfile.body(text, skip), meta.get("title"), meta.get("source"))
    warnings = [Problem(path, r.line, message=f"removed {r.text}") for r in cleaned.removed if r.kind is RemovalKind.CONTROL_CHARACTERS]
    if not cleaned.title.strip():
        return None, [Problem(path, message="article is empty" if not skip else "article has no text after its front matter")], warnings
    if not cleaned.blocks:
        return None, [_no_text(path, cleaned)], warnings
    # The editor's date, else one the scraper left in a metadata line ("date 2017-09-15 By ...").
    day = meta.get("date") or cleaned.date
    date = dt.date.fromisoformat(day) if day else None
    base = slugify(cleaned.title)
    article = Article(
        path=path,
        slug=f"{date.isoformat()}-{base}" if date else base,
        title=cleaned.title,
        date=date,
        source=meta.get("source"),
        url=meta.get("url"),
        # The headline is block 0: its mentions count like any other (the page shows it as the title).
        blocks=(Block(BlockKind.HEADLINE, cleaned.title, cleaned.title_line), *cleaned.blocks),
        removed=cleaned.removed,
        nbsp_replaced=cleaned.nbsp_replaced,
    )
    return article, [], warnings


def _no_text(path: str, cleaned) -> Problem:
    """Nothing left under the headline; when cleaning took lines above the one it kept as the
    headline, which and why, and what to do if the first of them was the headline."""
    above = [r for r in cleaned.removed if r.line < cleaned.title_line and r.kind is not RemovalKind.CONTROL_CHARACTERS]
    if not above:
        return Problem(path, message="article has a headline but no text")
    first = above[0]
    text = first.text if len(first.text) <= 60 else first.text[:57] + "..."
    return Problem(path, first.line, message=f"article has a headline but no text: cleaning removed line {first.line} "
                   f"({text!r}, taken for {first.kind.value}) and kept line {cleaned.title_line} as the headline; "
                   f"if line {first.line} is the headline, give it as 'title:' in the front matter")


def load_articles(root: Path, folder: str, parse=parse_article, read=read_text) -> tuple[list[Article], list[Problem], list[Problem]]:
    """Every ``*.txt`` under ``folder``, with slugs made unique. Returns (articles, problems, warnings).

    ``parse`` and ``read``: ``parse_article`` and ``read_text``, or functions that give the same
    results (``incremental.Memo``'s, which remember them)."""
    directory = root / folder
    if not directory.is_dir():
        return [], [Problem(folder, message="articles folder not found")], []
    articles, problems, warnings = [], [], []
    prefix = directory.relative_to(root).as_posix() + "/" if directory != root else ""
    folder = f"{directory}/"  # joined as strings: 10,000 Path joins are a tenth of a second
    for name in text_files(directory):
        shown = prefix + name
        text, found = read(folder + name, shown)
        if text is None:
            problems += found
            continue
        article, found, warned = parse(text, shown)
        problems += found
        warnings += warned
        if article is not None:
            articles.append(article)
    slugs = unique_slugs([(a.slug, a.path) for a in articles])
    # The same object when the slug stands (most do): a remembered annotation of it still holds.
    return [a if a.slug == s else replace(a, slug=s) for a, s in zip(articles, slugs)], problems, warnings
