"""What ``mkdocs serve`` keeps on MkDocs' side for a whole session, so that the rebuild after a save
redoes only what the save can change (the generator's own memo is ``incremental.Memo``).

MkDocs rebuilds from nothing after every save: a new configuration, a new theme, a new Jinja
environment. Some of what it then does again is the same for the whole session whatever is
saved, or known already, and costs a noticeable part of a rebuild at 10,000 articles: compiling
the theme's templates, listing every file of the installed theme, asking every file whether it
changed, and the build's date once for each page. The plugin installs these keepers under
``mkdocs serve`` only; ``mkdocs build`` is untouched.
"""

from __future__ import annotations

import functools
import operator
import os
import sysconfig
from collections.abc import Iterable
from pathlib import Path

import jinja2
import mkdocs.structure.pages
import mkdocs.utils


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's compiled templates, in memory for the session (0.4 s of each rebuild: MkDocs'
    new environment compiles them again). Jinja checks each one against its source before use."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the source has changed

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class ThemeFiles:
    """The installed theme's files, listed once for the session.

    To copy the theme's assets MkDocs lists every file of the theme's folders on every build
    (``Files.add_files_from_theme``) and filters the list name by name. Material's folder holds
    14,500 files, nearly all of them icons under ``.icons/``, which the filter then drops, as it
    drops every hidden file (0.3 s of a rebuild). A theme installed as a package does not change
    while the server runs, so its listing is kept, without the hidden files that MkDocs would
    drop; a folder of the project's own (``custom_dir``) is listed on every build, as before."""

    def __init__(self) -> None:
        self._listed: dict[str, list[str]] = {}

    def install(self, theme) -> None:
        """Make ``theme.get_env()`` give environments whose loader lists through this keeper."""
        make_env = theme.get_env

        def get_env():
            env = make_env()
            loader = env.loader
            if isinstance(loader, jinja2.FileSystemLoader):
                loader.list_templates = lambda: self.list(loader)
            return env

        theme.get_env = get_env

    def list(self, loader: jinja2.FileSystemLoader) -> list[str]:
        """What ``loader.list_templates()`` gives, less the hidden files of installed folders."""
        found: set[str] = set()
        for folder in loader.searchpath:
            listing = jinja2.FileSystemLoader(folder, followlinks=loader.followlinks)
            if not _installed(folder):
                found.update(listing.list_templates())
                continue
            names = self._listed.get(folder)
            if names is None:
                names = self._listed[folder] = [n for n in listing.list_templates() if not _hidden(n)]
            found.update(names)
        return sorted(found)


class Rewritten:
    """Which generated pages a dirty rebuild must build again: those the generator wrote since
    MkDocs last finished a build.

    MkDocs asks every file whether it changed (``File.is_modified``: a stat of the page's Markdown
    and two of its HTML), twice for each of 17,000 files at 10,000 articles: 0.8 s of a rebuild.
    The generator knows what it wrote, so a generated page answers from that set instead. The
    answer is the same as the stats' (a page's Markdown is newer than its HTML exactly when the
    generator rewrote it after MkDocs last built it); a page the editor wrote, a theme file or an
    asset is still asked MkDocs' way. Until the session's first build has finished, and after a
    killed build was finished by ``write.recover`` (writes the generator did not report), every
    file is asked MkDocs' way."""

    def __init__(self) -> None:
        self.pages: set[str] | None = None  # docs-relative; None: not known
        self.generated: frozenset[str] = frozenset()  # the generator's pages (its manifest)

    def wrote(self, written: Iterable[str], generated: Iterable[str]) -> None:
        """A build of the generator wrote ``written``; it owns ``generated``."""
        self.generated = frozenset(generated)
        if self.pages is not None:
            self.pages.update(written)

    def unknown(self) -> None:
        self.pages = None

    def built(self) -> None:
        """MkDocs finished a build: the site holds every page as the generator last wrote it."""
        self.pages = set()

    def install(self, files, docs_dir: str) -> None:
        if self.pages is None:
            return
        rewritten = functools.partial(operator.contains, self.pages)
        for file in files:
            if file.src_dir == docs_dir and file.src_uri in self.generated:
                file.is_modified = functools.partial(rewritten, file.src_uri)


class BuildDate:
    """The build's date, once a build: MkDocs gives every page one (``Page.update_date``), asking
    the clock and the environment again for each (0.3 s of a rebuild at 10,000 articles)."""

    def __init__(self) -> None:
        self._date = mkdocs.utils.get_build_date()
        self._original = None

    def start_build(self) -> None:
        self._date = mkdocs.utils.get_build_date()

    def install(self) -> None:
        if self._original is None:
            self._original = mkdocs.structure.pages.get_build_date
            mkdocs.structure.pages.get_build_date = lambda: self._date

    def uninstall(self) -> None:
        if self._original is not None:
            mkdocs.structure.pages.get_build_date, self._original = self._original, None


def _hidden(name: str) -> bool:
    """A hidden file or one in a hidden folder: MkDocs' theme filter ('.*', '*/.*') drops it."""
    return name.startswith(".") or "/." in name


def _installed(folder: str) -> bool:
    """In the interpreter's package folders (site-packages): a theme installed, not edited."""
    here = Path(os.path.realpath(folder))
    places = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    return any(here.is_relative_to(os.path.realpath(place)) for place in places)
