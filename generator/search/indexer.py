"""Runs Pagefind over a built site: the one place that knows how the index is made.

The binary comes with the ``pagefind[bin]`` package from PyPI (its wheel ships it): nothing is
downloaded at build time. The index lands in ``<site>/pagefind/``; what it indexes is decided by
the pages themselves (``attributes``). Pagefind's own progress goes to a log only when it fails.

**Shards.** A large site is indexed as several Pagefind bundles, which the browser loads together
(Pagefind's ``mergeIndex``; docs/assets/search.js reads their list from ``pagefind/shards.json``).
Two costs grow with the pages one bundle holds, and sharding bounds both:

- Pagefind holds every page it indexes in memory, several times over, until it writes the bundle:
  about 250 KB for an article page of ~10 KB of text, 40 KB for an entry page, whatever the markup.
  10,000 articles would take 2.5 GB in one run, and Pagefind has no setting that changes it.
- In the browser, Pagefind's WebAssembly scores each page that holds a query's words with a pass
  over all the postings of those words (``search_term`` in pagefind_web/src/search.rs, 1.5.2), so a
  common phrase costs the square of the pages that hold it. Measured at 10,000 articles on 2
  cores: "last year" (9,662 pages) took 3.5-4.3 s in one bundle, 0.9-1.0 s in shards of 1,000.

So the pages are cut into shards whose estimated cost fits ``SHARD_BUDGET``, each indexed by its own
Pagefind run. Dated pages (those with a ``date`` sort, the articles) are cut newest first into
consecutive date ranges, so that the reader's date sort can walk the shards in order; the other
pages (entries) are dealt round-robin over the same shards, so that every shard holds the same mix
of pages and Pagefind's per-bundle word statistics (which weigh each result's score) agree from one
shard to the next. The first shard is the bundle at ``pagefind/`` (scripts and WebAssembly with
it); the others hold only their data, under ``pagefind/shards/<n>/``.

Only the pages that carry ``data-pagefind-body`` are given to Pagefind (hard links in a scratch
folder mirroring the site): what it would index anyway, without parsing the listings, timelines
and "Mentioned in" pages that it would read only to drop. A site with no such page is indexed
whole, as Pagefind does by default.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from .attributes import SORT_DATE

BUNDLE = "pagefind"  # the index's folder inside the site; docs/assets/search.js loads it from there
# Material's built-in search writes this; it must not ship beside the new index.
MATERIAL_INDEX = Path("search") / "search_index.json"
LANGUAGE = "en"  # mkdocs.yml's theme.language; one index whatever a page's <html lang>
EXCLUDE = ".headerlink"  # the "¶" permalinks Material adds to headings

MANIFEST = "shards.json"  # in the bundle's folder: {"shards": ["", "shards/1/", ...]}, newest dates first
SHARDS = "shards"  # the folder of the shards after the first, inside the bundle's
# What a shard after the first needs: the browser runs them all with the first shard's scripts.
SHARD_DATA = ("pagefind-entry.json", "index", "filter", "fragment")

MARK = b"data-pagefind-body"  # a page with this is indexed (attributes.BODY)
# The attribute's name, not its value: Python-Markdown writes a bare attribute as
# data-pagefind-body="data-pagefind-body", whose second half is no second mark.
_MARKS = re.compile(rb"(?<=\s)" + re.escape(MARK) + rb"(?=[\s=>/])")
# The cost one shard may have, as _marked_pages estimates it: 16 bytes per byte of a page between
# its first and last marked element (to its end if it has one), plus 32 KB a page. It is the
# memory of its Pagefind run (on the synthetic briefings, runs peaked within 3% of the estimate)
# and it bounds the browser's work for a common phrase. 10,000 articles and 3,000 entries (2.55 GB
# estimated) make ten shards of about 1,000 articles and 300 entries. Tried at that size (chunks
# of CHUNK_LOCATIONS): shards of 2,000 articles, the phrase "last year" 1.2 s; of 1,000, 0.9-1.0 s,
# 0.47-0.60 MB fetched for each of three queries (each shard adds its share of the words' chunks).
SHARD_BUDGET = 256 * 2**20
# Pagefind's word chunks, in word locations (20,000 unless its PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE
# says otherwise). A query fetches, in every shard, the chunk that holds each of its words: in
# shards of 1,000 articles a chunk of 20,000 locations carries mostly other words. Measured at
# 10,000 articles: 5,000 took a name's query from 0.80 to 0.46 MB, an alias's from 1.38 to 0.57
# MB, the phrase's from 0.87 to 0.50 MB (gzip), for 3 MB more on disk (73 MB in all).
CHUNK_LOCATIONS = 5000
PAGE_COST, SPAN_COST = 32 * 1024, 16


class SearchIndexError(Exception):
    """Pagefind could not be run, or failed: one line saying what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    words: int
    seconds: float
    bundle: Path
    shards: int = 1  # Pagefind bundles (one run each), loaded together by the browser
    note: str = ""  # why the pages were not sharded, if they were not

    def summary(self) -> str:
        shards = f", {self.shards} shards" if self.shards > 1 else ""
        note = f"; {self.note}" if self.note else ""
        return (f"search: indexed {self.pages} pages, {self.words} words in {self.seconds:.1f} s "
                f"({self.bundle.name}/{shards}){note}")


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
    cost of one shard (``SHARD_BUDGET``); more pages than that are indexed in shards. ``words`` in
    the report: each shard's distinct words, summed."""
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
        pages, words, shards, note = _index(site, fresh, work, language, budget)
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
    return IndexReport(pages, words, seconds, bundle, shards, note)


# Suffixes of the bundle's folder while a new index is written and while the old one is retired,
# and of the scratch folder (the shards' pages and bundles).
_FRESH, _RETIRED, _WORK = ".next", ".old", ".work"


def _index(site: Path, fresh: Path, work: Path, language: str, budget: int) -> tuple[int, int, int, str]:
    """Pages, words, shards and a note, once ``fresh`` holds the complete index."""
    work.mkdir()
    pages = _marked_pages(site)
    if not pages:  # nothing marked: Pagefind indexes every page's <body>
        output = _wait(_start(site, fresh, language, work / "log"))
        _write_manifest(fresh, 1)
        return _count(output, "pages"), _count(output, "words"), 1, ""
    shards = _shards(pages, budget)
    note = ""
    if len(shards) > 1:
        if any(page.sorts is None for page in pages):
            note = "one run: a page's sort value is not one the indexer can read to place it in a shard"
        else:
            try:
                return (*_sharded(site, shards, fresh, work, language), len(shards), "")
            except _CannotShard as reason:
                shutil.rmtree(fresh, ignore_errors=True)
                note = f"one run: {reason}"
    output = _wait(_start(_farm(site, pages, work / "pages"), fresh, language, work / "log"))
    _write_manifest(fresh, 1)
    return _count(output, "pages"), _count(output, "words"), 1, note


class _CannotShard(Exception):
    """A shard would not index its pages as one run over all of them does."""


def _sharded(site: Path, shards: list[list[_Page]], fresh: Path, work: Path, language: str) -> tuple[int, int]:
    """Pagefind over each shard in turn: the first into ``fresh``, the others under its ``shards/``."""
    pages = words = 0
    for number, shard in enumerate(shards):
        farm = work / f"pages-{number}"
        output = fresh if number == 0 else work / f"bundle-{number}"
        log = _wait(_start(_farm(site, shard, farm), output, language, work / f"log-{number}"))
        if _NO_BODY in log:  # Pagefind indexed whole <body>s: what one run would not have done
            raise _CannotShard("a shard's pages have no data-pagefind-body element Pagefind counts")
        shutil.rmtree(farm, ignore_errors=True)
        if number:
            kept = fresh / SHARDS / str(number)
            kept.mkdir(parents=True)
            for item in output.iterdir():
                if item.name in SHARD_DATA or item.name.endswith(".pf_meta"):
                    item.rename(kept / item.name)
            shutil.rmtree(output, ignore_errors=True)
        pages, words = pages + _count(log, "pages"), words + _count(log, "words")
    _write_manifest(fresh, len(shards))
    return pages, words


def _write_manifest(bundle: Path, shards: int) -> None:
    """The shards' folders, relative to the bundle's, in shard order (newest dates first)."""
    paths = [""] + [f"{SHARDS}/{number}/" for number in range(1, shards)]
    (bundle / MANIFEST).write_text(json.dumps({"shards": paths}) + "\n", encoding="utf-8")


@dataclass
class _Run:
    process: subprocess.Popen
    output: Path
    log: Path


def _start(site: Path, output: Path, language: str, log: Path) -> _Run:
    """Pagefind over ``site`` into ``output``, in the background; its output to ``log``."""
    command = [str(executable()), "--site", str(site), "--output-path", str(output.resolve()),
               "--force-language", language, "--exclude-selectors", EXCLUDE]
    env = dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(CHUNK_LOCATIONS))
    with open(log, "w", encoding="utf-8") as file:
        try:
            process = subprocess.Popen(command, stdout=file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
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
    sorts: dict[str, str] | None = field(default_factory=dict)  # None: a sort value this cannot read


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
    value, markup inside the element): a site that needs shards is then indexed in one run."""
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
    """As few shards as keep each about within ``budget``: the dated pages newest first in
    consecutive runs of about equal cost, the others dealt round-robin over the same shards."""
    total = sum(page.cost for page in pages)
    count = max(1, -(-total // budget))
    if count == 1:
        return [pages]
    dated = [page for page in pages if page.sorts and SORT_DATE in page.sorts]
    others = [page for page in pages if not (page.sorts and SORT_DATE in page.sorts)]
    key = _sort_key([page.sorts[SORT_DATE] for page in dated])
    dated.sort(key=lambda page: page.path)
    dated.sort(key=lambda page: key(page.sorts[SORT_DATE]), reverse=True)
    count = min(count, len(dated) or len(others))
    shards: list[list[_Page]] = [[]]
    target, cost = sum(page.cost for page in dated) / count, 0
    for page in dated:
        if cost >= target * len(shards) and len(shards) < count:
            shards.append([])
        shards[-1].append(page)
        cost += page.cost
    shards += [[] for _ in range(count - len(shards))]
    for number, page in enumerate(others):
        shards[number % count].append(page)
    return shards


_FLOAT_SORT = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _sort_key(values: list[str]):
    """Pagefind's sort: as 32-bit floats if every value is a number, else as text (UTF-8 order)."""
    if all(_FLOAT_SORT.fullmatch(value) for value in values):
        return lambda value: struct.unpack("f", struct.pack("f", float(value)))[0]
    return lambda value: value.encode("utf-8")


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
