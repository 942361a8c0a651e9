"""Runs Pagefind over a built site: the one place that knows how the index is made.

The binary comes with the ``pagefind[bin]`` package from PyPI (its wheel ships it): nothing is
downloaded at build time. The bundle lands in ``<site>/pagefind/``; what it indexes is decided by
the pages themselves (``attributes``). Pagefind's own progress goes to a log only when it fails.

**Memory.** Pagefind holds every page it indexes in memory, several times over, until it writes the
bundle: about 320 KB for an article page of ~10 KB of text, 40 KB for an entry page, whatever the
markup (a page stripped to its marked elements costs the same). What grows is the number of
distinct words per page and their positions, so 10,000 articles would take 3.2 GB in one run, and
Pagefind has no setting that changes it. So the marked pages are indexed in **shards**: Pagefind
runs once per group of pages whose estimated cost fits ``SHARD_BUDGET``, and the shards' bundles are
merged into one bundle (merge.py), the very index one run would have made (the same words, pages,
positions, weights, filters, sorts and chunk boundaries; only the pages' numbering differs, and so
the order of pages that tie in a sort). The
browser loads it as it always did: nothing fetched per query changes. The merge reads and writes
Pagefind's bundle format (``pagefind[bin]`` is pinned; tests/search/test_indexer.py compares a
merged bundle with a single run's); whatever it cannot vouch for makes it fall back to one run.

Only the pages that carry ``data-pagefind-body`` are given to Pagefind (hard links in a scratch
folder mirroring the site): what it would index anyway, without parsing the listings, timelines
and "Mentioned in" pages that it would read only to drop. A site with no such page is indexed
whole, as Pagefind does by default.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from .merge import CannotMerge, Merger

BUNDLE = "pagefind"  # the index's folder inside the site; docs/assets/search.js loads it from there
# Material's built-in search writes this; it must not ship beside the new index.
MATERIAL_INDEX = Path("search") / "search_index.json"
LANGUAGE = "en"  # mkdocs.yml's theme.language; one index whatever a page's <html lang>
EXCLUDE = ".headerlink"  # the "¶" permalinks Material adds to headings

MARK = b"data-pagefind-body"  # a page with this is indexed (attributes.BODY)
# The attribute's name, not its value: Python-Markdown writes a bare attribute as
# data-pagefind-body="data-pagefind-body", whose second half is no second mark.
_MARKS = re.compile(rb"(?<=\s)" + re.escape(MARK) + rb"(?=[\s=>/])")
# The memory one Pagefind run may take, as _marked_pages estimates it: 16 bytes per byte of a page
# between its first and last marked element (to its end if it has one), plus 32 KB a page. On the
# synthetic briefings (articles of ~10 KB of text, 30-word entries) runs peaked within 3% of the
# estimate; the budget leaves room for pages with more distinct words per byte. 10,000 articles
# and 3,000 entries (3.3 GB estimated) take five runs of 670 MB.
SHARD_BUDGET = 768 * 2**20
PAGE_COST, SPAN_COST = 32 * 1024, 16


class SearchIndexError(Exception):
    """Pagefind could not be run, or failed: one line saying what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    words: int
    seconds: float
    bundle: Path
    runs: int = 1  # Pagefind runs (shards merged into the bundle)
    note: str = ""  # why the shards were not merged, if they were not

    def summary(self) -> str:
        runs = f", {self.runs} runs merged" if self.runs > 1 else ""
        note = f"; {self.note}" if self.note else ""
        return (f"search: indexed {self.pages} pages, {self.words} words in {self.seconds:.1f} s "
                f"({self.bundle.name}/{runs}){note}")


def executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("search: Pagefind is not installed: pip install 'pagefind[bin]' "
                          "(or reinstall the project: pip install -e .)") from None
    try:
        return get_executable()
    except FileNotFoundError as error:
        raise SearchIndexError(f"search: the pagefind_bin package has no binary for this platform: {error}") from None


def index_site(site: Path, *, language: str = LANGUAGE, budget: int = SHARD_BUDGET) -> IndexReport:
    """Index ``site`` (MkDocs' site_dir) into ``site/pagefind/``, replacing any previous bundle.

    The new bundle is written beside the old one and swapped in when complete, so a site that is
    being served (``mkdocs serve``) never offers a half-written index, and a failed run leaves the
    previous index in place; no stale chunk of an older index survives. ``budget``: the estimated
    memory one Pagefind run may use (``SHARD_BUDGET``); more pages than that are indexed in shards."""
    site = Path(site)
    if not site.is_dir():
        raise SearchIndexError(f"search: {site} does not exist: nothing to index")
    bundle, fresh, retired = site / BUNDLE, site / f"{BUNDLE}{_FRESH}", site / f"{BUNDLE}{_RETIRED}"
    work = site / f"{BUNDLE}{_WORK}"
    for left in (fresh, work):  # left by a run that was killed
        shutil.rmtree(left, ignore_errors=True)
    old = site / MATERIAL_INDEX
    if old.exists():
        old.unlink()
    start = time.perf_counter()
    try:
        pages, words, runs, note = _index(site, fresh, work, language, budget)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = time.perf_counter() - start
    shutil.rmtree(retired, ignore_errors=True)
    if bundle.exists():
        bundle.rename(retired)
    fresh.rename(bundle)
    shutil.rmtree(retired, ignore_errors=True)
    return IndexReport(pages, words, seconds, bundle, runs, note)


# Suffixes of the bundle's folder while a new index is written and while the old one is retired,
# and of the scratch folder (the shards' pages and bundles).
_FRESH, _RETIRED, _WORK = ".next", ".old", ".work"


def _index(site: Path, fresh: Path, work: Path, language: str, budget: int) -> tuple[int, int, int, str]:
    """Pages, words, Pagefind runs and a note, once ``fresh`` holds the complete bundle."""
    work.mkdir()
    pages = _marked_pages(site)
    if not pages:  # nothing marked: Pagefind indexes every page's <body>
        output = _wait(_start(site, fresh, language, work / "log"))
        return _count(output, "pages"), _count(output, "words"), 1, ""
    shards = _shards(pages, budget)
    note = ""
    if len(shards) > 1:
        if any(page.sorts is None for page in pages):
            note = "one run: a page's sort value is not one the merge can read"
        else:
            try:
                return (*_sharded(site, shards, fresh, work, pages, language), len(shards), "")
            except CannotMerge as reason:
                shutil.rmtree(fresh, ignore_errors=True)
                note = f"one run: {reason}"
    output = _wait(_start(_farm(site, pages, work / "pages"), fresh, language, work / "log"))
    return _count(output, "pages"), _count(output, "words"), 1, note


def _sharded(site: Path, shards: list[list[_Page]], fresh: Path, work: Path, pages: list[_Page],
             language: str) -> tuple[int, int]:
    """Pagefind over each shard in turn, each shard's bundle merged while the next one is made."""
    merger = Merger(fresh, pages, language)
    previous = None
    for number, shard in enumerate(shards):
        farm, bundle = work / f"pages-{number}", work / f"bundle-{number}"
        run = _start(_farm(site, shard, farm), bundle, language, work / f"log-{number}")
        try:
            if previous is not None:
                merger.add(previous)
                shutil.rmtree(previous, ignore_errors=True)
        except BaseException:
            _stop(run)
            raise
        if _NO_BODY in _wait(run):  # Pagefind indexed whole <body>s: what one run would not have done
            raise CannotMerge("a shard's pages have no data-pagefind-body element Pagefind counts")
        shutil.rmtree(farm, ignore_errors=True)
        previous = bundle
    merger.add(previous)
    return merger.finish()


@dataclass
class _Run:
    process: subprocess.Popen
    output: Path
    log: Path


def _start(site: Path, output: Path, language: str, log: Path) -> _Run:
    """Pagefind over ``site`` into ``output``, in the background; its output to ``log``."""
    command = [str(executable()), "--site", str(site), "--output-path", str(output.resolve()),
               "--force-language", language, "--exclude-selectors", EXCLUDE]
    with open(log, "w", encoding="utf-8") as file:
        try:
            process = subprocess.Popen(command, stdout=file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        except OSError as error:
            raise SearchIndexError(f"search: pagefind could not be started: {error}") from None
    return _Run(process, output, log)


def _wait(run: _Run) -> str:
    """Pagefind's output once ``run`` has ended; SearchIndexError if it failed."""
    try:
        code = run.process.wait()
    except BaseException:  # interrupted: Pagefind does not outlive the build
        _stop(run)
        raise
    output = run.log.read_text(encoding="utf-8", errors="replace")
    if code != 0 or not (run.output / "pagefind.js").is_file():
        tail = "; ".join(line.strip() for line in output.strip().splitlines()[-3:])
        raise SearchIndexError(f"search: pagefind failed (exit {code}): {tail or 'no output'}")
    return output


def _stop(run: _Run) -> None:
    if run.process.poll() is None:
        run.process.kill()  # ours, started by _start
        run.process.wait()


_NO_BODY = "Did not find a data-pagefind-body element"  # Pagefind's log, when it indexes every <body>


# -- the pages to index ---------------------------------------------------------------------------

@dataclass
class _Page:
    path: str  # relative to the site, with "/"
    cost: int  # estimated bytes of Pagefind memory
    sorts: dict[str, str] | None = field(default_factory=dict)  # None: a sort value the merge cannot read


_SORT = b'data-pagefind-sort="'
_SORT_TAG = re.compile(rb'<([A-Za-z][A-Za-z0-9-]*)\s[^<>]*?\bdata-pagefind-sort="([^"]*)"[^<>]*>')


def _marked_pages(site: Path) -> list[_Page]:
    """The HTML files of ``site`` that mark an element ``data-pagefind-body``, in path order."""
    pages = []
    for root, folders, files in os.walk(site):
        if root == str(site):  # not our own bundles and scratch folders
            folders[:] = [f for f in folders if f != BUNDLE and not f.startswith(BUNDLE + ".")]
        for name in files:
            if not name.endswith(".html"):
                continue
            path = os.path.join(root, name)
            try:
                with open(path, "rb") as file:
                    data = file.read()
            except FileNotFoundError:
                continue  # taken down while the folder was read
            marks = [found.start() for found in _MARKS.finditer(data)]
            if not marks:
                continue
            first, last = marks[0], marks[-1]
            span = (last if last > first else len(data)) - first  # one mark: a wrapper, to the end
            pages.append(_Page(os.path.relpath(path, site).replace(os.sep, "/"), PAGE_COST + SPAN_COST * span,
                               _sort_values(data)))
    pages.sort(key=lambda page: page.path)
    return pages


def _sort_values(data: bytes) -> dict[str, str] | None:
    """A page's ``data-pagefind-sort`` values as Pagefind reads them: ``key:value``, or ``key`` with
    the element's text. None for what this reading cannot vouch for (several keys, an attribute's
    value, markup inside the element); the merge then validates these against each shard's order."""
    sorts: dict[str, str] = {}
    at = data.find(_SORT)
    while at >= 0:
        found = _SORT_TAG.match(data, data.rfind(b"<", 0, at))
        if found is None or found.end(2) != at + len(_SORT) + len(found.group(2)):
            return None
        attr = html.unescape(found.group(2).decode("utf-8", "replace"))
        key, colon, value = attr.partition(":")
        if "," in key or "[" in key:
            return None
        if not colon:
            close = re.compile(rb"([^<]*)</" + re.escape(found.group(1)) + rb"\s*>", re.I).match(data, found.end())
            if close is None:
                return None
            value = close.group(1).decode("utf-8", "replace")
        value = _normalize(value)
        if not value:
            return None
        sorts[key.strip()] = value
        at = data.find(_SORT, found.end())
    return sorts


def _normalize(text: str) -> str:
    """Pagefind's normalize_content: entities decoded, whitespace collapsed and trimmed."""
    return re.sub(r"\s{2,}", " ", re.sub(r"(\n|\r\n)+", " ", html.unescape(text).strip()))


def _shards(pages: list[_Page], budget: int) -> list[list[_Page]]:
    """Consecutive groups of pages of about equal cost, as few as keep each within ``budget``."""
    total = sum(page.cost for page in pages)
    count = max(1, -(-total // budget))
    if count == 1:
        return [pages]
    target, shards, cost = total / count, [[]], 0
    for page in pages:
        if cost >= target * len(shards) and len(shards) < count:
            shards.append([])
        shards[-1].append(page)
        cost += page.cost
    return shards


def _farm(site: Path, pages: list[_Page], farm: Path) -> Path:
    """A folder mirroring ``site`` with only ``pages`` (hard links; copies where links fail)."""
    made = set()
    for page in pages:
        target = farm / page.path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        try:
            os.link(site / page.path, target)
        except FileNotFoundError:
            continue  # taken down since it was listed (a page removed under mkdocs serve)
        except OSError:
            shutil.copyfile(site / page.path, target)
    return farm


def _count(output: str, what: str) -> int:
    found = re.search(rf"Indexed (\d+) {what}", output)
    return int(found.group(1)) if found else 0
