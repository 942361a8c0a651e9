"""Briefing as a MkDocs plugin (``plugins: [briefing]`` in mkdocs.yml): one configuration, and live
regeneration under ``mkdocs serve``.

briefing.yml is the one source of the site's title, description and address: ``on_config`` sets
MkDocs' ``site_name``, ``site_description`` and ``site_url`` from it (``SITE_URL`` in the
environment overriding its ``site_url``, for the feed and MkDocs alike), and checks that MkDocs
builds the folder briefing.yml's ``docs`` names. MkDocs insists on a ``site_name`` key, so
mkdocs.yml holds the placeholder ``site_name: briefing.yml``.

``make site`` runs ``briefing build`` itself, so ``mkdocs build`` does not regenerate: it builds
the docs/ that the generator last wrote. ``mkdocs serve`` regenerates on every rebuild (writing
nothing when nothing changed, so the file watcher does not loop) and, when an input is invalid
(a glossary file half-saved), logs the problems and keeps serving the last good pages: raising
``PluginError`` there would stop the first build and leave later ones "stuck" until fixed.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from . import chrome, preview, search, watch, write
from .annotate.coverage import coverage
from .compact import compact_html
from .commands import report
from .config import CONFIG_FILE, load_config
from .errors import BriefingError
from .incremental import Memo
from .model import Config
from .pipeline import build, up_to_date
from .render import routes

log = logging.getLogger("mkdocs.plugins.briefing")

SITEMAP = "sitemap.xml"  # MkDocs' static template

# Under `mkdocs serve`: how long after a rebuild, with no new save, its garbage is collected (the
# browser asks for the rebuilt page within a fraction of a second; the collection must not delay it).
SETTLE_S = 1.0

# What mkdocs.yml's required site_name holds: the real title is briefing.yml's.
TITLE_PLACEHOLDER = "briefing.yml"


class BriefingConfig(base.Config):
    """The plugin's options in mkdocs.yml."""

    config = c.Type(str, default=CONFIG_FILE)  # briefing.yml, relative to mkdocs.yml


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """State lives on the instance, never in module globals. MkDocs keeps one instance for a whole
    ``mkdocs serve`` session (and, in one Python process, across every mkdocs.yml it loads: its
    plugin cache is per process), so the state is reset on shutdown and the last good
    briefing.yml is only ever reused for the same file."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.command: str | None = None  # "build", "serve" or "gh-deploy", from on_startup
        self.root: Path | None = None  # the folder briefing.yml is in
        self.config_file = CONFIG_FILE
        self.briefing: Config | None = None  # the last valid briefing.yml ...
        self._briefing_path: Path | None = None  # ... and where it was read
        self._indexer = search.BackgroundIndexer(_log_index)  # under `mkdocs serve`
        self.memo: Memo | None = None  # under `mkdocs serve`: what the last build computed
        self._chrome: tuple | None = None  # (chrome.sources, sprite, viewBoxes, palette script)
        self.templates: preview.CompiledTemplates | None = None  # under `mkdocs serve`: the theme's, compiled
        self.theme_files: preview.ThemeFiles | None = None  # under `mkdocs serve`: the installed theme's, listed
        self.rewritten: preview.Rewritten | None = None  # under `mkdocs serve`: the pages a dirty build must build
        self.build_date: preview.BuildDate | None = None  # under `mkdocs serve`: once a build, not once a page
        self._changed = 0
        self._frozen = False  # gc.freeze() by on_serve
        self._coverage_of = None  # under `mkdocs serve`: the site the next coverage line is about ...
        self._after: threading.Thread | None = None  # ... and the thread writing it (and collecting after it)
        self._settled = threading.Event()  # set: that thread is not to collect (a rebuild is starting)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._reset()
        self.command = command
        if command == "serve":
            self.memo, self.templates, self.theme_files = Memo(), preview.CompiledTemplates(), preview.ThemeFiles()
            self.rewritten, self.build_date = preview.Rewritten(), preview.BuildDate()
            self.build_date.install()

    def on_shutdown(self) -> None:
        self._indexer.stop()  # MkDocs removes the served site folder next
        if self.build_date is not None:
            self.build_date.uninstall()
        self._join_after_build()
        if self._frozen:
            gc.unfreeze()
        self._reset()

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def on_config(self, config):
        path = Path(config.config_file_path).parent / self.config.config
        self.root, self.config_file = path.parent, path.name
        try:
            self.briefing, self._briefing_path = load_config(self.root, self.config_file), path
        except BriefingError as error:
            if not (self.serving and self.briefing and self._briefing_path == path):
                raise PluginError(_problems(error, f"cannot read {self.config.config}")) from None
            _log_problems(error, f"{self.config.config} is invalid; serving the last good site")
        briefing = self.briefing
        _ignored(config.site_name, TITLE_PLACEHOLDER, briefing.title, "site_name", "title")
        _ignored(config.site_description, None, briefing.description or None, "site_description", "description")
        config.site_name = briefing.title
        config.site_description = briefing.description or None
        # The search dialog's category filter, in briefing.yml's order (overrides/partials/search.html).
        config.extra["briefing_categories"] = [category.title for category in briefing.categories]
        config.extra["briefing_summaries"] = routes.SUMMARIES  # the hover text (overrides/main.html)
        # The header's icons, from one sprite written once for the site (overrides/partials/icon.html);
        # made again only when the theme's settings change (on_config runs for every preview rebuild).
        theme = config.theme
        names = chrome.icon_names(theme)
        key = chrome.sources(theme.dirs, names)
        if self._chrome is None or self._chrome[0] != key:
            try:
                sprite, boxes = chrome.sprite(theme.dirs, names)
                script = chrome.palette_script(theme.dirs, Path(theme.custom_dir) if theme.custom_dir else None)
            except chrome.ChromeError as error:
                raise PluginError(f"mkdocs.yml: theme: {error}") from None
            self._chrome = (key, sprite, boxes, script)
        config.extra["briefing_icons"] = self._chrome[2]
        if self.serving:
            # No sitemap in the preview: nobody crawls it, and rendering it lists every page
            # (and gzips the list) on every rebuild, half a second of each at 10,000 articles.
            # (Not rendered, MkDocs would copy the template as a static file: on_files drops it.)
            config.theme.static_templates.discard(SITEMAP)
            # Nor canonical addresses (a page's og:url): the local server's address is nobody's
            # to link, and MkDocs joins one for every one of 15,000 pages on every rebuild.
            config.site_url = None
            self.theme_files.install(config.theme)
        else:  # `mkdocs serve` has set site_url to the local address it serves
            _ignored(config.site_url, None, briefing.site_url or None, "site_url", "site_url (or SITE_URL)")
            config.site_url = briefing.site_url or None
        if not config.use_directory_urls:
            # The generator writes the addresses of raw HTML (the indexes' lists, the maps) for
            # pages served as folders; MkDocs rewrites only the Markdown links.
            raise PluginError("mkdocs.yml: use_directory_urls is false, but the briefing's pages link each other as folders "
                              "(a/b.md served at a/b/): remove the line or write 'use_directory_urls: true'")
        docs = (self.root / briefing.docs_dir).resolve()
        if Path(config.docs_dir).resolve() != docs:
            wanted = os.path.relpath(docs, Path(config.config_file_path).parent)
            raise PluginError(f"mkdocs.yml: docs_dir is '{config.docs_dir}' but briefing.yml's docs is "
                              f"'{briefing.docs_dir}': write 'docs_dir: {Path(wanted).as_posix()}' in mkdocs.yml")
        return config

    def on_serve(self, server, *, config, builder):
        """Rebuild when an input or the generator itself changes (MkDocs already watches docs/)."""
        briefing = self.briefing
        paths = [p for p in (self.root / self.config_file, self.root / briefing.articles_dir, self.root / briefing.glossary_dir)
                 if p.exists()] + [Path(__file__).parent]
        log.info(watch.use_native_observer(server, config.docs_dir, config.config_file_path, paths))
        for path in paths:
            server.watch(str(path))
        # The first build made millions of objects that live as long as the session (the memo:
        # every article's annotation); the cyclic garbage collector would walk them all again in
        # every rebuild (measured: 4 s of a 10 s rebuild at 10,000 articles). They are collected
        # once now, after that build, and what is left is frozen out of its sight: a rebuild's
        # collections see what the rebuild made. (Objects of the first build freed later are
        # still freed; only garbage in reference cycles among them would be left.)
        gc.collect()
        gc.freeze()
        self._frozen = True
        return server

    def on_pre_build(self, *, config) -> None:
        docs = Path(config.docs_dir)
        # Whatever the command: if a `briefing build` was killed half-way, finish it first, so
        # MkDocs only ever sees a complete generation of docs/.
        if self.rewritten is not None and (docs / write.JOURNAL).exists():
            self.rewritten.unknown()  # what the recovery writes is not reported
        write.recover(docs)
        self._changed = 0  # pages MkDocs (re)built or the generator took down, in this build
        if self.serving:
            self._join_after_build()
            self.build_date.start_build()
            removed = self.regenerate()
            self._changed += _unpublish(config, removed)
        elif not (docs / write.MANIFEST).is_file():
            raise PluginError(f"{self.briefing.docs_dir}/ has no generated pages: run 'briefing build' before "
                              "'mkdocs build' ('make site' does both)")

    def on_post_build(self, *, config) -> None:
        """The search index, over the site MkDocs has just written (generator/search/). A build
        waits for it and stops if it fails. ``mkdocs serve`` does not wait: the rebuilt pages are
        served at once and the index follows in the background (tens of seconds for thousands of
        pages), its failure logged."""
        if self.serving:
            self.rewritten.built()
            site = Path(config.site_dir)
            if self._changed or not (site / search.BUNDLE).is_dir():  # a save that changed no page needs no new index
                self._indexer.request(site)
            self._after_build()
            return
        try:
            log.info(search.index_site(Path(config.site_dir)).summary())
        except search.SearchIndexError as error:
            raise PluginError(str(error)) from None
        log.info(_site_size(Path(config.site_dir)))

    def on_files(self, files, *, config):
        _, sprite, _, script = self._chrome
        files.append(File.generated(config, chrome.SPRITE, content=sprite))
        files.append(File.generated(config, chrome.PALETTE_SCRIPT, content=script))
        if self.serving:
            sitemap = files.get_file_from_path(SITEMAP)
            if sitemap is not None and Path(sitemap.abs_src_path).parent != Path(config.docs_dir).resolve():
                files.remove(sitemap)  # the theme's template (on_config), not a page of the editor's
            self.rewritten.install(files, config.docs_dir)
        return files

    def on_env(self, env, *, config, files):
        # MkDocs makes a new Jinja environment for every rebuild: the templates compiled in the
        # session's first build are kept for it (generator/preview.py).
        if self.templates is not None:
            env.bytecode_cache = self.templates
        return env

    def on_post_page(self, output: str, *, page, config) -> str:
        self._changed += 1
        return compact_html(output)  # the theme's indentation, on every page (site bytes)

    def regenerate(self) -> tuple[str, ...]:
        """``briefing build``, reported through MkDocs' log; bad input keeps the last good docs/.
        Returns the generated files it removed (docs-relative)."""
        # The first build of a serve session runs even when docs/ is up to date: it fills the
        # memo, so that the first save is as quick as the next ones (and writes nothing).
        first = self.memo is not None and self.memo.inputs is None
        if not first and up_to_date(self.root, self.config_file, self.memo):
            return ()
        try:
            result = build(self.root, config_file=self.config_file, memo=self.memo)
        except BriefingError as error:
            _log_problems(error, f"{self.briefing.docs_dir}/ keeps the last good pages until they are fixed")
            return ()
        for line in report.notes(result):
            log.info(line)
        log.info(report.counts(result, "build"))
        if self.memo is not None:
            log.info(self.memo.summary())
        self._coverage_of = result.site
        if self.rewritten is not None:
            self.rewritten.wrote(result.plan.writes, result.plan.manifest)
        return result.plan.deletes

    def _after_build(self) -> None:
        """After MkDocs has built the pages, in a thread (``_settle``), so that the changed page is
        served without waiting: the coverage line of the site just regenerated, then the garbage
        collection. The next rebuild stops the thread's wait and waits for what it is doing
        (``_join_after_build``)."""
        site, self._coverage_of = self._coverage_of, None
        if site is None:
            return
        self._settled = threading.Event()
        self._after = threading.Thread(target=self._settle, args=(site, self._settled), name="briefing-after-build", daemon=True)
        self._after.start()

    def _settle(self, site, stop: threading.Event) -> None:
        scans = self.memo.coverage_scans if self.memo is not None else None
        log.info(report.coverage_summary(coverage(site.glossary, list(site.articles), scans)))  # 0.3 s at 10,000
        # A rebuild leaves MkDocs' pages, files and navigation behind in reference cycles, for
        # the cyclic collector; left to it, the next rebuild collects them, all 18,000 files'
        # worth at 10,000 articles (a second of a summary's rebuild, timed with gc.callbacks).
        # Once the page has been served and no save has come, they are collected here, and
        # what is left is frozen like the first build's objects (on_serve): the next rebuild's
        # collections walk only what that rebuild makes.
        if not stop.wait(SETTLE_S) and self._frozen:
            gc.collect()
            gc.freeze()

    def _join_after_build(self) -> None:
        if self._after is not None:
            self._settled.set()
            self._after.join()
            self._after = None


# GitHub Pages publishes a site of at most 1 GB (docs.github.com, "GitHub Pages limits").
PAGES_LIMIT = 10**9


def _site_size(site: Path) -> str:
    """The built site's size against GitHub Pages' limit, for the build's log: a briefing grows
    every week, and the limit is met at deploy time otherwise. Not a warning (``--strict`` would
    fail the build of valid content); the line says when the site is over."""
    total = files = 0
    for root, _, names in os.walk(site):
        for name in names:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                continue
            files += 1
    share = total / PAGES_LIMIT
    over = " — over the 1 GB GitHub Pages allows a published site" if share > 1 else ""
    return f"site: {files:,} files, {total / 1e6:,.1f} MB ({share:.0%} of GitHub Pages' 1 GB){over}"


def _unpublish(config, removed: tuple[str, ...]) -> int:
    """Under ``mkdocs serve --dirty`` MkDocs keeps what it built before: take down what it built
    from the pages the generator has just removed (an article deleted must not stay served).
    Returns how many files it took down."""
    site = Path(config.site_dir)
    count = 0
    for path in removed:
        built = Path(File(path, config.docs_dir, config.site_dir, config.use_directory_urls).abs_dest_path)
        if built.is_file() and built.is_relative_to(site):
            built.unlink()
            count += 1
            folder = built.parent
            while folder != site and folder.is_relative_to(site) and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
    return count


def _log_index(outcome) -> None:
    if isinstance(outcome, search.SearchIndexError):
        log.error(f"{outcome}; search keeps the previous index")
    else:
        log.info(outcome.summary())


def _problems(error: BriefingError, what: str) -> str:
    return f"briefing: {what}:\n" + "\n".join(str(p) for p in error.problems)


def _log_problems(error: BriefingError, consequence: str) -> None:
    for problem in error.problems:
        log.error(str(problem))
    count = len(error.problems)
    log.error(f"briefing: {count} problem{'s' if count != 1 else ''}; {consequence}")


def _ignored(value, placeholder, ours, mkdocs_key: str, briefing_key: str) -> None:
    """One line when mkdocs.yml sets what briefing.yml owns (it would be silently overridden)."""
    if value not in (None, "", placeholder, ours):
        log.warning(f"mkdocs.yml: {mkdocs_key} '{value}' is ignored: it comes from briefing.yml's {briefing_key}; "
                    f"remove it from mkdocs.yml" + (f" (MkDocs needs the key: write '{mkdocs_key}: {placeholder}')" if placeholder else ""))
