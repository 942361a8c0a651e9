"""The whole generator on one screen: ingest -> annotate -> render -> write."""

from __future__ import annotations

import gc
import hashlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import lexicon, write
from .annotate.backlinks import build_index
from .annotate.linker import annotate, build_matcher
from .config import CONFIG_FILE, load_config
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


@contextmanager
def few_collections():
    """Run the cyclic garbage collector less often while building.

    A build makes millions of small objects (a mention is a tuple) that all live until it ends.
    With the default threshold the collector rescans them again and again: 40% of annotation time.
    """
    threshold = gc.get_threshold()
    gc.set_threshold(100_000, 50, 50)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


@few_collections()
def generate(root: Path, config_file: str = CONFIG_FILE) -> tuple[Site, dict[str, str], list[Problem]]:
    """Every page in memory (for tests and small briefings). Raises BriefingError."""
    site, warnings = prepare(root, config_file)
    return site, dict(render_pages(site)), warnings


def prepare(root: Path, config_file: str = CONFIG_FILE) -> tuple[Site, list[Problem]]:
    """Read and check every input, annotate every article. Raises BriefingError."""
    config = load_config(root, config_file)
    lexicon.extend(dict(config.lexicon))  # before anything is read: cleaning uses the lists too
    articles, problems, warnings = load_articles(root, config.articles_dir)
    glossary, glossary_problems = load_glossary(root, config.glossary_dir, config.categories)
    if problems or glossary_problems:
        raise BriefingError(problems + glossary_problems)
    matcher = build_matcher(glossary)
    annotated: list[AnnotatedArticle] = [annotate(article, glossary, matcher) for article in articles]
    annotated.sort(key=lambda a: a.article.sort_key)
    quotable = frozenset(e.key for e in glossary.entries if config.category(e.category).quotes)
    site = Site(config, glossary, tuple(annotated), build_index(glossary, annotated, quotable))
    return site, warnings


def render_pages(site: Site):
    """(path in docs/, text) for every generated file, one at a time."""
    yield from render_site(site)
    yield from render_schemas(site.config.categories).items()


def fingerprint(root: Path, config, config_file: str = CONFIG_FILE) -> str:
    """A digest of everything the output depends on: the inputs, the site's address (SITE_URL may
    set it: the feed's links depend on it) and the generator's own code."""
    digest = hashlib.sha256(config.site_url.encode() + b"\0")
    sources = [root / config_file, *sorted((root / config.glossary_dir).glob("*.yml"))]
    sources += sorted((root / config.articles_dir).rglob("*.txt"))
    sources += sorted(p for p in Path(__file__).parent.rglob("*") if p.suffix in (".py", ".j2"))
    for path in sources:
        digest.update(str(path.relative_to(root) if path.is_relative_to(root) else path.name).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def up_to_date(root: Path, config_file: str = CONFIG_FILE) -> bool:
    """True when the last build's output still stands for unchanged inputs: nothing to do."""
    try:
        config = load_config(root, config_file)
        return write.unchanged_since_last_build(root / config.docs_dir, fingerprint(root, config, config_file))
    except (BriefingError, OSError):
        return False  # let the full build report it


@few_collections()
def build(root: Path, dry_run: bool = False, config_file: str = CONFIG_FILE) -> Result:
    """Regenerate docs/. Nothing is written unless every input is valid and no page conflicts.

    ``dry_run`` (``briefing check``) plans the same writes without making them: the plan says
    what is stale, and its conflicts are files in docs/ that the generator does not own."""
    config = load_config(root, config_file)
    inputs = fingerprint(root, config, config_file)  # before reading: an edit during the build must not be missed
    site, warnings = prepare(root, config_file)
    docs = root / site.config.docs_dir
    plan = write.plan(docs, render_pages(site), stage=not dry_run)
    if plan.conflicts:
        raise BriefingError(list(plan.conflicts))
    if not dry_run:
        write.apply(docs, plan)
    if not dry_run or not plan.changes:
        write.remember_build(docs, inputs)
    return Result(site, plan, tuple(warnings))
