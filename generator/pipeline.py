"""The whole generator on one screen: ingest -> annotate -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import write
from .annotate.backlinks import build_index
from .annotate.linker import annotate, build_matcher
from .config import load_config
from .errors import BriefingError, Problem
from .ingest.articles import load_articles
from .ingest.glossary import load_glossary
from .json_schema import render_schemas
from .model import AnnotatedArticle
from .render.pages import Site, render_site


@dataclass(frozen=True)
class Result:
    site: Site
    plan: write.Plan
    warnings: tuple[Problem, ...]


def generate(root: Path) -> tuple[Site, dict[str, str], list[Problem]]:
    """Read and check every input, then render every page in memory. Raises BriefingError."""
    config = load_config(root)
    articles, problems, warnings = load_articles(root, config.articles_dir)
    glossary, glossary_problems = load_glossary(root, config.glossary_dir, config.categories)
    if problems or glossary_problems:
        raise BriefingError(problems + glossary_problems)
    matcher = build_matcher(glossary)
    annotated: list[AnnotatedArticle] = [annotate(article, glossary, matcher) for article in articles]
    annotated.sort(key=lambda a: a.article.sort_key)
    site = Site(config, glossary, tuple(annotated), build_index(glossary, annotated))
    return site, render_site(site) | render_schemas(config.categories), warnings


def build(root: Path, dry_run: bool = False) -> Result:
    """Regenerate docs/. Nothing is written unless every input is valid and no page conflicts."""
    site, pages, warnings = generate(root)
    docs = root / site.config.docs_dir
    plan = write.plan(docs, pages)
    if plan.conflicts:
        raise BriefingError(list(plan.conflicts))
    if not dry_run:
        write.apply(docs, plan)
    return Result(site, plan, tuple(warnings))
