"""What ``mkdocs serve`` keeps on MkDocs' side for a whole session, so that the rebuild after a save
redoes only what the save can change (the generator's own memo is ``incremental.Memo``).

MkDocs rebuilds from nothing after every save: a new configuration, a new theme, a new Jinja
environment. Two of the things it then does again are the same for the whole session whatever is
saved, and cost a noticeable part of a rebuild at 10,000 articles: compiling the theme's
templates, and listing every file of the installed theme. The plugin installs both keepers under
``mkdocs serve`` only; ``mkdocs build`` is untouched.
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

import jinja2


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


def _hidden(name: str) -> bool:
    """A hidden file or one in a hidden folder: MkDocs' theme filter ('.*', '*/.*') drops it."""
    return name.startswith(".") or "/." in name


def _installed(folder: str) -> bool:
    """In the interpreter's package folders (site-packages): a theme installed, not edited."""
    here = Path(os.path.realpath(folder))
    places = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    return any(here.is_relative_to(os.path.realpath(place)) for place in places)
