"""The whole generator on one screen: ingest -> annotate -> render -> write."""

from __future__ import annotations

import gc
import hashlib
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import lexicon, write
from .annotate.backlinks import build_index
from .annotate.linker import annotate, build_matcher
from .config import CONFIG_FILE, load_config
from .errors import BriefingError, Problem
from .ingest.articles import load_articles, parse_article
from .ingest.files import file_sha256, text_files
from .ingest.glossary import load_glossary, read_category
from .json_schema import render_schemas
from .model import AnnotatedArticle
from .render.pages import Site, render_site
from .render.units import global_key, units
from .incremental import Memo, RenderedUnit


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


def prepare(root: Path, config_file: str = CONFIG_FILE, memo: Memo | None = None) -> tuple[Site, list[Problem]]:
    """Read and check every input, annotate every article. Raises BriefingError. With a ``memo``
    (``mkdocs serve``), what an earlier build read and annotated is reused where it still holds."""
    config = load_config(root, config_file)
    lexicon.extend(dict(config.lexicon))  # before anything is read: cleaning uses the lists too
    if memo is None:
        articles, problems, warnings = load_articles(root, config.articles_dir)
        glossary, glossary_problems = load_glossary(root, config.glossary_dir, config.categories)
    else:
        articles, problems, warnings = load_articles(root, config.articles_dir, partial(memo.parse, parse_article), memo.read_text)
        texts = {c.key: _bytes(root / config.glossary_dir / f"{c.key}.yml") for c in config.categories}
        glossary, glossary_problems = memo.glossary_result(
            texts, config.categories,
            lambda: load_glossary(root, config.glossary_dir, config.categories, partial(memo.glossary_file, read_category, texts)))
        memo.forget_unseen()
    if problems or glossary_problems:
        raise BriefingError(problems + glossary_problems)
    if memo is None:
        matcher = build_matcher(glossary)
        annotated: list[AnnotatedArticle] = [annotate(article, glossary, matcher) for article in articles]
    else:
        matcher = memo.matcher_for(glossary, build_matcher)
        annotated = [memo.annotate(annotate, article, glossary, matcher) for article in articles]
    annotated.sort(key=lambda a: a.article.sort_key)
    quotable = frozenset(e.key for e in glossary.entries if config.category(e.category).quotes)
    index = build_index(glossary, annotated, quotable, memo.index if memo is not None else None)
    site = Site(config, glossary, tuple(annotated), index, matcher)
    return site, warnings


def render_pages(site: Site, memo: Memo | None = None, docs: Path | None = None):
    """(path in docs/, text) for every generated file, one at a time. With a ``memo``, a page whose
    inputs are those it was last rendered from, and which is still in ``docs`` as written, comes
    as ``write.Kept`` instead: neither rendered nor read."""
    if memo is None:
        yield from render_site(site)
    else:
        memo.start_render(global_key(site))
        pending = {}
        for unit in units(site):
            key = unit.key() if unit.key is not None else None
            kept = memo.reusable(docs, unit.name, key)
            if kept is not None:
                memo.reused += len(kept)
                pending[unit.name] = RenderedUnit(key, kept)
                for path, digest in kept.items():
                    yield path, write.Kept(digest)
                continue
            pages = unit.render()
            memo.rendered += len(pages)
            if key is not None:
                pending[unit.name] = RenderedUnit(key, dict.fromkeys(pages, ""))  # digests: from the plan
                memo.rendered_units.append(unit.name)
            yield from pages.items()
        memo.pending = pending
    yield from render_schemas(site.config.categories).items()


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def fingerprint(root: Path, config, config_file: str = CONFIG_FILE, memo: Memo | None = None) -> str:
    """A digest of everything the output depends on: the inputs, the site's address (SITE_URL may
    set it: the feed's links depend on it) and the generator's own code. A ``memo`` reads again
    only the files whose size or time changed."""
    digest = hashlib.sha256(config.site_url.encode() + b"\0")
    prefix = f"{root}/"
    sources = [str(root / config_file), *sorted(map(str, (root / config.glossary_dir).glob("*.yml")))]
    articles = root / config.articles_dir
    sources += [f"{articles}/{name}" for name in text_files(articles)] if articles.is_dir() else []
    sources += sorted(str(p) for p in Path(__file__).parent.rglob("*") if p.suffix in (".py", ".j2"))
    for path in sources:
        digest.update((path[len(prefix):] if path.startswith(prefix) else Path(path).name).encode() + b"\0")
        digest.update(memo.file_digest(path) if memo is not None else file_sha256(path))
    return digest.hexdigest()


def up_to_date(root: Path, config_file: str = CONFIG_FILE, memo: Memo | None = None) -> bool:
    """True when the last build's output still stands for unchanged inputs: nothing to do."""
    try:
        config = load_config(root, config_file)
        inputs = fingerprint(root, config, config_file, memo)
        if memo is not None and memo.inputs is not None:
            fresh = memo.unchanged_since_last_build(root / config.docs_dir, inputs)
        else:
            fresh = write.unchanged_since_last_build(root / config.docs_dir, inputs)
        if memo is not None and not fresh:
            memo.checked = inputs  # for the build that follows: not computed twice
        return fresh
    except (BriefingError, OSError):
        return False  # let the full build report it


@few_collections()
def build(root: Path, dry_run: bool = False, config_file: str = CONFIG_FILE, memo: Memo | None = None) -> Result:
    """Regenerate docs/. Nothing is written unless every input is valid and no page conflicts.

    ``dry_run`` (``briefing check``) plans the same writes without making them: the plan says
    what is stale, and its conflicts are files in docs/ that the generator does not own. A
    ``memo`` (``mkdocs serve``) makes a rebuild after an edit redo only what the edit changed."""
    if memo is not None:
        if dry_run:
            raise ValueError("a dry run does not use a memo")
        memo.start_build()
    config = load_config(root, config_file)
    # Taken before reading (or by the up_to_date that just ran): an edit made while the build
    # reads leaves the recorded fingerprint behind the inputs, so the next check rebuilds.
    inputs = (memo.take_checked() if memo is not None else None) or fingerprint(root, config, config_file, memo)
    site, warnings = prepare(root, config_file, memo)
    docs = root / site.config.docs_dir
    with write.exclusive(docs) if not dry_run else nullcontext():
        plan = write.plan(docs, render_pages(site, memo, docs), stage=not dry_run)
        if plan.conflicts:
            raise BriefingError(list(plan.conflicts))
        stats = None
        if not dry_run:
            write.apply(docs, plan)
            if memo is not None:
                stats = memo.remember_units(docs, plan.manifest, plan.writes)
        if not dry_run or not plan.changes:
            write.remember_build(docs, inputs, stats)
            if memo is not None:
                memo.inputs = inputs
    return Result(site, plan, tuple(warnings))
