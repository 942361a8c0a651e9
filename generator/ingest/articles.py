"""Articles: ``*.txt`` files, each an optional YAML front-matter block and scraped text."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from ..errors import Problem
from ..model import Article, Block, BlockKind, RemovalKind
from ..render.slugs import slugify, unique_slugs
from ..schema import Field, Kind, check_mapping
from .clean import clean
from .files import read_text
from .yamlfile import parse_yaml

FRONT_MATTER_SCHEMA = {
    "title": Field(Kind.TEXT, help="The headline; without it the first line of text is the headline."),
    "date": Field(Kind.DATE, help="Publication date, YYYY-MM-DD."),
    "source": Field(Kind.TEXT, help="The outlet, e.g. 'i24NEWS'."),
    "url": Field(Kind.TEXT, help="Where the article was published (http or https)."),
}


def _front_matter(text: str, path: str) -> tuple[dict, int, list[Problem]]:
    """(values, number of lines the block takes, problems). Only a block opening on line 1 counts."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, 0, []
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        return {}, 0, [Problem(path, 1, 1, "front matter opened with '---' is never closed")]
    node, problems = parse_yaml("\n" + "\n".join(lines[1:end]), path)  # leading newline keeps line numbers
    if problems:
        return {}, end + 1, problems
    if node is None:
        return {}, end + 1, []
    checked, problems = check_mapping(node, FRONT_MATTER_SCHEMA, path, "front matter")
    values = checked.values
    date = values.get("date")
    if date is not None and len(date) != 10:
        problems.append(Problem(path, node["date"].line, node["date"].column, f"'date': '{date}' must be a full date, YYYY-MM-DD"))
    url = values.get("url")
    if url is not None and not url.lower().startswith(("http://", "https://")):
        where = node["url"]
        problems.append(Problem(path, where.line, where.column, f"'url': '{url}' must start with http:// or https://"))
    return values, end + 1, problems


def parse_article(text: str, path: str) -> tuple[Article | None, list[Problem], list[Problem]]:
    """(article, problems, warnings) for one file's text. Pure: the caller reads the file."""
    meta, skip, problems = _front_matter(text, path)
    if problems:
        return None, problems, []
    body = [(number, line) for number, line in enumerate(text.split("\n"), start=1) if number > skip]
    cleaned = clean(body, meta.get("title"), meta.get("source"))
    warnings = [Problem(path, r.line, message=f"removed {r.text}") for r in cleaned.removed if r.kind is RemovalKind.CONTROL_CHARACTERS]
    if not cleaned.title.strip():
        return None, [Problem(path, message="article is empty" if not skip else "article has no text after its front matter")], warnings
    if not cleaned.blocks:
        return None, [Problem(path, message="article has a headline but no text")], warnings
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


def load_articles(root: Path, folder: str) -> tuple[list[Article], list[Problem], list[Problem]]:
    """Every ``*.txt`` under ``folder``, with slugs made unique. Returns (articles, problems, warnings)."""
    directory = root / folder
    if not directory.is_dir():
        return [], [Problem(folder, message="articles folder not found")], []
    articles, problems, warnings = [], [], []
    for file in sorted(directory.rglob("*.txt")):
        shown = file.relative_to(root).as_posix()
        text, found = read_text(file, shown)
        if text is None:
            problems += found
            continue
        article, found, warned = parse_article(text, shown)
        problems += found
        warnings += warned
        if article is not None:
            articles.append(article)
    slugs = unique_slugs([(a.slug, a.path) for a in articles])
    return [replace(a, slug=s) for a, s in zip(articles, slugs)], problems, warnings
