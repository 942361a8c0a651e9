"""Rebuilding after one edit: what the previous build computed, kept for the next (``mkdocs serve``).

A ``Memo`` lives as long as a serve session (the plugin holds one). ``pipeline.build(root,
memo=memo)`` then re-reads and re-cleans only the article files whose text changed, re-annotates
only the articles that changed (all of them when the glossary or the lexicon did), and re-renders
only the pages whose inputs changed: every page comes from a render unit (``render.units``) whose
key holds everything the unit reads; a unit whose key equals the last build's, and whose files are
still in docs/ as that build left them, is neither rendered nor read again. A build with a memo
gives the same docs/ as one without (``tests/test_incremental.py`` proves it over a series of
edits), only faster.

Nothing here is a second source of truth: every entry is a cache of a pure function's result,
keyed by that function's whole input, or (pages) checked against docs/ before it is trusted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import lexicon
from .annotate.backlinks import Remembered
from .annotate.coverage import Scans
from .schema import Kind
from .ingest.files import file_sha256, read_text
from .write import JOURNAL


def matching_inputs(glossary) -> tuple:
    """Everything ``annotate.linker.build_matcher`` reads of each entry: its key and names, the
    phrases it excludes, its offices (shared names are dated by them) and its references to
    other entries (a shared name is resolved by them)."""
    return tuple(
        (e.key, e.name, e.aliases, e.short_names, e.places, e.exclude, e.offices,
         tuple(f.values for f in e.facts if f.field.kind in (Kind.REF, Kind.REF_LIST)))
        for e in glossary.entries
    )


@dataclass
class RenderedUnit:
    key: object
    digests: dict[str, str]  # docs-relative path -> sha256 of what was written


@dataclass
class Memo:
    texts: dict[str, tuple[tuple[int, int, int], str]] = field(default_factory=dict)  # path -> (stat, text)
    parsed: dict[str, tuple[str, int, tuple]] = field(default_factory=dict)  # path -> (text, lexicon, result)
    glossary: tuple | None = None  # (files' bytes by category key, categories, lexicon generation, result)
    glossary_files: dict[str, tuple] = field(default_factory=dict)  # category key -> (file's bytes, category, result)
    matcher: tuple | None = None  # ((matching inputs, lexicon generation), matcher)
    annotated: dict[str, tuple] = field(default_factory=dict)  # path -> (article, matcher, annotated)
    units: dict[str, RenderedUnit] = field(default_factory=dict)
    inputs: str | None = None  # the inputs' fingerprint of the last build (pipeline.fingerprint)
    checked: str | None = None  # the fingerprint pipeline.up_to_date just took, for the build that follows
    global_key: object = None  # what every page reads (render.units.global_key): all units stand or fall with it
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # docs path -> (size, mtime_ns) after the last build
    digests: dict[str, tuple[tuple[int, int, int], bytes]] = field(default_factory=dict)  # input file -> (stat, sha256)
    coverage_scans: Scans = field(default_factory=Scans)  # annotate.coverage's, kept between builds
    index: Remembered = field(default_factory=Remembered)  # annotate.backlinks.build_index's, kept between builds
    _seen: set[str] = field(default_factory=set)  # article files read by the current build
    pending: dict[str, RenderedUnit] = field(default_factory=dict)  # units of the build in progress
    rendered_units: list[str] = field(default_factory=list)  # keyed units the last build rendered
    # Figures of the last build, for the log and the benchmark.
    reparsed: int = 0
    reannotated: int = 0
    rendered: int = 0
    reused: int = 0

    # --- ingest and annotate -------------------------------------------------------------

    def parse(self, parse_article, text: str, path: str):
        """``parse_article(text, path)``, again only when the text (or the lexicon) changed."""
        self._seen.add(path)
        generation = lexicon.generation()
        known = self.parsed.get(path)
        if known is not None and known[0] == text and known[1] == generation:
            return known[2]
        self.reparsed += 1
        result = parse_article(text, path)
        self.parsed[path] = (text, generation, result)
        return result

    def read_text(self, file: Path | str, shown: str):
        """``ingest.files.read_text``, again only when the file's size, time or inode changed."""
        try:
            info = os.stat(file)
            stamp = (info.st_size, info.st_mtime_ns, info.st_ino)
        except OSError:
            stamp = None
        known = self.texts.get(shown)
        if stamp is not None and known is not None and known[0] == stamp:
            return known[1], []
        text, problems = read_text(file, shown)
        if text is not None and stamp is not None:
            self.texts[shown] = (stamp, text)
        return text, problems

    def forget_unseen(self) -> None:
        """Drop what is remembered of article files this build did not read (deleted, renamed)."""
        for path in [p for p in self.texts if p not in self._seen]:
            del self.texts[path]
        for memory in (self.parsed, self.annotated):
            for path in [p for p in memory if p not in self._seen]:
                del memory[path]

    def glossary_result(self, texts: dict, categories, load):
        """``load()`` (the glossary and its problems), again only when a file changed; then every
        entry that did not change is the very object of the last build, so that what compares
        pages' inputs compares it by identity, not field by field."""
        generation = lexicon.generation()
        known = self.glossary
        if known is not None and known[0] == texts and known[1] == categories and known[2] == generation:
            return known[3]
        glossary, problems = load()
        if known is not None:
            before = {e.key: e for e in known[3][0].entries}
            glossary = replace(glossary, entries=tuple(
                old if (old := before.get(e.key)) is not None and old == e else e for e in glossary.entries))
        self.glossary = (texts, categories, generation, (glossary, problems))
        return glossary, problems

    def glossary_file(self, read, texts: dict, root: Path, folder: str, category):
        """``read(root, folder, category)``: one glossary file parsed and checked, again only when
        its bytes (``texts``: each category's file as the build took it before reading) or its
        category changed: the other files stand when one summary is edited. A save after the
        bytes were taken makes the next build read the file again."""
        raw = texts.get(category.key)
        known = self.glossary_files.get(category.key)
        if raw is not None and known is not None and known[0] == raw and known[1] == category:
            return known[2]
        result = read(root, folder, category)
        self.glossary_files[category.key] = (raw, category, result)
        return result

    def matcher_for(self, glossary, build_matcher):
        """The linker's matcher, built again only when what it is built from changed (a summary
        or a description edited leaves it, and every annotation made with it, standing)."""
        wanted = (matching_inputs(glossary), lexicon.generation())
        if self.matcher is None or self.matcher[0] != wanted:
            self.matcher = (wanted, build_matcher(glossary))
        return self.matcher[1]

    def annotate(self, annotate, article, glossary, matcher):
        """``annotate(article, glossary, matcher)``: it reads the glossary only through the
        matcher, so a remembered result holds while the article and the matcher are the same."""
        known = self.annotated.get(article.path)
        # By value when not the same object: an article whose slug was made unique is a copy.
        if known is not None and known[1] is matcher and (known[0] is article or known[0] == article):
            return known[2]
        self.reannotated += 1
        result = annotate(article, glossary, matcher)
        self.annotated[article.path] = (article, matcher, result)
        return result

    # --- the inputs' fingerprint ---------------------------------------------------------

    def file_digest(self, path: str) -> bytes:
        """sha256 of a file, read again only when its size, time or inode changed."""
        info = os.stat(path)
        stamp = (info.st_size, info.st_mtime_ns, info.st_ino)
        known = self.digests.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        digest = file_sha256(path)
        self.digests[path] = (stamp, digest)
        return digest

    def take_checked(self) -> str | None:
        checked, self.checked = self.checked, None
        return checked

    def unchanged_since_last_build(self, docs: Path, inputs: str) -> bool:
        """``write.unchanged_since_last_build`` from memory: the same inputs as the last build,
        and every file it left in docs/ still there as it left it (size and time)."""
        if inputs != self.inputs or (docs / JOURNAL).exists():
            return False
        folder = f"{docs}/"
        for path, stamp in self.files.items():
            try:
                info = os.stat(folder + path)
            except OSError:
                return False
            if (info.st_size, info.st_mtime_ns) != stamp:
                return False
        return True

    # --- pages ----------------------------------------------------------------------------

    def reusable(self, docs: Path, name: str, key) -> dict[str, str] | None:
        """The files unit ``name`` wrote last time, if its key is unchanged and every one of them
        is still in docs/ exactly as written (same size and time: nobody touched it)."""
        known = self.units.get(name)
        if known is None or key is None or known.key != key:
            return None
        folder = f"{docs}/"
        for path in known.digests:
            try:
                info = os.stat(folder + path)
            except OSError:
                return None
            if self.files.get(path) != (info.st_size, info.st_mtime_ns):
                return None
        return known.digests

    def start_build(self) -> None:
        self._seen = set()
        self.reparsed = self.reannotated = self.rendered = self.reused = 0
        self.rendered_units = []

    def start_render(self, global_key) -> None:
        if global_key != self.global_key:
            self.units.clear()
        self.global_key = global_key

    def remember_units(self, docs: Path, manifest: dict[str, str], written) -> dict[str, tuple[int, int]]:
        """After a build wrote docs/: what each unit rendered (``pending``, set while rendering),
        with the digests the write recorded, and the sizes and times of every generated file
        (returned: ``write.remember_build`` records the same). Only the files just ``written``
        are looked at again: the others were checked unchanged while rendering, or rendered to
        what they already held."""
        folder = f"{docs}/"
        files = {}
        for path in manifest:
            known = self.files.get(path)
            if known is None or path in written:
                info = os.stat(folder + path)
                known = (info.st_size, info.st_mtime_ns)
            files[path] = known
        self.units = {name: RenderedUnit(unit.key, {path: manifest[path] for path in unit.digests})
                      for name, unit in self.pending.items()}
        self.files, self.pending = files, {}
        return files

    def summary(self) -> str:
        return (f"rebuilt from memory: {self.reparsed} article files read again, {self.reannotated} articles annotated, "
                f"{self.rendered} pages rendered, {self.reused} kept")
