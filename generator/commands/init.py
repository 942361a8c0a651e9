"""``briefing init DIR --title "…"``: a new briefing that builds at once.

It writes briefing.yml with two categories to rename or extend (``people``, quoted, and
``organizations``), one sample entry in each glossary file and one sample article that mentions
both (an empty glossary file is an error: a truncated save must not silently empty a category),
and copies mkdocs.yml, the theme overrides and docs/assets/ from the installed package
(``generator/skeleton/``, package data). It never overwrites a file: if any of them exists,
nothing is written.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

from ..errors import BriefingError, Problem
from . import report
from ..render.routes import schema_path

CATEGORIES = """\
categories:
  people:
    title: People
    singular: person
    quotes: true  # collect what people are quoted as saying
    fields: {role: text, organization: ref organizations, born: date, died: date}
  organizations:
    title: Organizations
    singular: organization
    fields: {founded: date, headquarters: text}
"""

GLOSSARY = {
    "people": """\
- name: Ada Sample
  summary: A sample person; replace this entry with the first person your briefing explains.
  role: Director of the Sample Agency
  organization: Sample Agency
""",
    "organizations": """\
- name: Sample Agency
  summary: A sample organization; replace this entry with the first organization your briefing explains.
  founded: "2001"
""",
}

ARTICLE = """\
---
date: 2024-01-15
source: Sample Wire
---
A sample article: replace it with your first one

Ada Sample, the director of the Sample Agency, said on Monday that the agency would publish its first report next month.

Every article is a plain text file in this folder: the first line is its headline, the rest its text. The block between the two --- lines is optional and gives the date, the source and the address of the original.
"""

GITIGNORE = """\
site/
# docs/ is a build output: `briefing build` writes these; docs/assets/ is yours.
docs/.briefing/
docs/articles/
docs/glossary/
docs/schemas/
docs/timeline/
docs/index.md
docs/timeline.md
docs/feed.xml
"""


def add_parser(commands):
    parser = commands.add_parser("init", help="start a new briefing in DIR (it builds at once: briefing build && mkdocs build)")
    parser.add_argument("directory", type=Path, metavar="DIR", help="folder for the new briefing (created if missing)")
    parser.add_argument("--title", required=True, help="the briefing's title, shown on every page")
    return parser


def run(args) -> int:
    try:
        written = init_briefing(args.directory, args.title)
    except BriefingError as error:
        return report.problems(error)
    print(f"briefing init: {len(written)} files in {args.directory}; next: cd {args.directory} && "
          "briefing build && mkdocs serve")
    return report.EXIT_OK


def skeleton_files() -> dict[str, bytes]:
    """mkdocs.yml, overrides/ and docs/assets/ as shipped in the package: path in DIR -> bytes."""
    root = files("generator") / "skeleton"
    found: dict[str, bytes] = {"mkdocs.yml": (root / "mkdocs.yml").read_bytes()}

    def walk(folder, prefix: str) -> None:
        for item in sorted(folder.iterdir(), key=lambda i: i.name):
            if item.name == "__pycache__":
                continue
            if item.is_dir():
                walk(item, f"{prefix}{item.name}/")
            else:
                found[prefix + item.name] = item.read_bytes()

    walk(root / "overrides", "overrides/")
    walk(root / "assets", "docs/assets/")
    return found


def planned(title: str) -> dict[str, bytes]:
    """Every file a new briefing starts with: path -> bytes."""
    config = (
        "# Briefing configuration: the title, where the inputs are, which glossary categories exist.\n"
        "# A new category is one entry under `categories` plus a file seeds/glossary/<name>.yml.\n"
        "# Field types: text, texts, date, offices, ref CATEGORY, refs CATEGORY.\n"
        f"title: {json.dumps(title.strip(), ensure_ascii=False)}\n"
        "# description: One paragraph on what the briefing covers (home page, feed).\n"
        "# site_url: https://owner.github.io/repo/  # the Pages workflow sets SITE_URL instead\n"
        "articles: seeds/articles\n"
        "glossary: seeds/glossary\n"
        "docs: docs\n"
        + CATEGORIES
    )
    out = {"briefing.yml": config, ".gitignore": GITIGNORE, "seeds/articles/sample.txt": ARTICLE}
    for key, text in GLOSSARY.items():
        header = f"# yaml-language-server: $schema=../../docs/{schema_path(key)}\n"
        out[f"seeds/glossary/{key}.yml"] = header + text
    return {path: text.encode("utf-8") for path, text in out.items()} | skeleton_files()


def init_briefing(directory: Path, title: str) -> list[str]:
    """Write a new briefing into ``directory``; returns the paths written. Raises BriefingError
    (and writes nothing) when the title is empty or any of the files already exists."""
    if not title.strip() or "\n" in title:
        raise BriefingError(Problem("--title", message="the title must be one non-empty line"))
    wanted = planned(title)
    existing = [Problem(str(directory / path), message="already exists; briefing init never overwrites a file")
                for path in wanted if (directory / path).exists()]
    if existing:
        raise BriefingError(existing)
    for path, data in wanted.items():
        target = directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return sorted(wanted)
