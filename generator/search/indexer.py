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
merged here into one bundle, the very index one run would have made (the same words, pages,
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

import concurrent.futures
import functools
import gzip
import hashlib
import html
import json
import os
import re
import shutil
import struct
import subprocess
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

BUNDLE = "pagefind"  # the index's folder inside the site; docs/assets/search.js loads it from there
# Material's built-in search writes this; it must not ship beside the new index.
MATERIAL_INDEX = Path("search") / "search_index.json"
LANGUAGE = "en"  # mkdocs.yml's theme.language; one index whatever a page's <html lang>
EXCLUDE = ".headerlink"  # the "¶" permalinks Material adds to headings

MARK = b"data-pagefind-body"  # a page with this is indexed (attributes.BODY)
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
            except _CannotMerge as reason:
                shutil.rmtree(fresh, ignore_errors=True)
                note = f"one run: {reason}"
    output = _wait(_start(_farm(site, pages, work / "pages"), fresh, language, work / "log"))
    return _count(output, "pages"), _count(output, "words"), 1, note


def _sharded(site: Path, shards: list[list[_Page]], fresh: Path, work: Path, pages: list[_Page],
             language: str) -> tuple[int, int]:
    """Pagefind over each shard in turn, each shard's bundle merged while the next one is made."""
    merger = _Merger(fresh, pages, language)
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
            raise _CannotMerge("a shard's pages have no data-pagefind-body element Pagefind counts")
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
            with open(path, "rb") as file:
                data = file.read()
            first = data.find(MARK)
            if first < 0:
                continue
            last = data.rfind(MARK)
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
        except OSError:
            shutil.copyfile(site / page.path, target)
    return farm


# -- merging the shards' bundles --------------------------------------------------------------------
# The bundle (Pagefind 1.5): pagefind-entry.json names the language's pagefind.<hash>.pf_meta; it
# lists the pages (fragment hash, word count), the word chunks (first word, last word, hash), the
# filters, the sorts (page numbers in order) and the metadata fields. index/*.pf_index hold the
# words: [word, [[page delta, locs, meta_locs]...], [[variant form, pages]...]], pages
# delta-encoded; meta_locs mark a field by -(its number + 1). filter/*.pf_filter hold [filter,
# [[value, [page...]]...]]. All CBOR (definite lengths), gzip'd after b"pagefind_dcd";
# fragment/*.pf_fragment are a page's JSON, the same whichever run wrote them.

class _CannotMerge(Exception):
    """The shards' bundles are not what this merge knows how to combine."""


_SIGNATURE = b"pagefind_dcd"
# Pagefind compresses at 9; 7 is three times faster here and its files 0.4% larger.
_GZIP_LEVEL = 7
_CHUNK_SIZE = 20000  # Pagefind's words per chunk (locations, counted as it counts them)


def _chunk_size() -> int:
    try:
        return int(os.environ["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"])  # as Pagefind reads it
    except (KeyError, ValueError):
        return _CHUNK_SIZE


class _Merger:
    """The shards' bundles, added one by one (page numbers following on), into one bundle."""

    def __init__(self, fresh: Path, pages: list[_Page], language: str):
        self.fresh, self.language = fresh, language
        self.sorts_by_url = {_url(page.path): page.sorts for page in pages}
        self.pages: list[tuple[str, int]] = []  # fragment hash, word count: in merged order
        self.words: dict[str, _Word] = {}
        self.filters: dict[str, dict[str, list[int]]] = {}
        self.sort_values: dict[str, list[tuple[str, int]]] = {}  # key: (value, page number)
        self.fields: list[list[str]] = []  # each shard's metadata fields
        self.first: _Shard | None = None
        fresh.mkdir()
        (fresh / "fragment").mkdir()

    def add(self, bundle: Path) -> None:
        try:
            self._add(bundle)
        except (OSError, EOFError, ValueError, KeyError, zlib.error) as error:  # a file missing or not Pagefind's
            raise _CannotMerge(f"a shard's bundle is not as expected ({error!r})") from None

    def _add(self, bundle: Path) -> None:
        shard, offset, number = _Shard(bundle, self.language), len(self.pages), len(self.fields)
        if self.first is None:
            self.first = shard
            for item in bundle.iterdir():  # the scripts, styles and WebAssembly
                if item.name not in _DATA and not item.name.endswith(".pf_meta"):
                    os.replace(item, self.fresh / item.name)
        elif shard.version != self.first.version:
            raise _CannotMerge("the shards were indexed by different Pagefinds")
        self._add_sorts(shard, offset)
        self._add_fragments(shard)
        for chunk in shard.chunks:
            _read_chunk(_load(bundle / "index" / f"{chunk}.pf_index"), offset, number, self.words)
        for _, hash_ in shard.filters:
            try:
                (name, values), _ = _decode(_load(bundle / "filter" / f"{hash_}.pf_filter"))
                merged = self.filters.setdefault(name, {})
                for value, numbers in values:
                    merged.setdefault(value, []).extend(page + offset for page in numbers)
            except (ValueError, IndexError, TypeError) as error:
                raise _CannotMerge(f"an unknown filter file ({error})") from None
        self.fields.append(shard.fields)

    def _add_sorts(self, shard: _Shard, offset: int) -> None:
        """Each sort's values and page numbers. Pagefind's bundle keeps the order, not the values;
        they are read from the pages, and must be the ones this shard's order was made from."""
        urls = [_fragment_url(shard.path / "fragment" / f"{hash_}.pf_fragment") for hash_, _ in shard.pages]
        sorts = [self.sorts_by_url.get(url) or {} for url in urls]
        for key in set(shard.sorts).union(*sorts):
            local = {number: values[key] for number, values in enumerate(sorts) if key in values}
            order = shard.sorts.get(key, [])
            if len(order) != len(local) or set(order) != set(local):
                raise _CannotMerge(f"the pages' {key!r} sort values are not the ones Pagefind read")
            sort_key = _sort_key([local[number] for number in order])
            keyed = [sort_key(local[number]) for number in order]
            if any(a > b for a, b in zip(keyed, keyed[1:])):
                raise _CannotMerge(f"the pages' {key!r} sort values are not in Pagefind's order")
            self.sort_values.setdefault(key, []).extend((local[number], number + offset) for number in order)

    def _add_fragments(self, shard: _Shard) -> None:
        """The shard's fragments into the bundle. Two shards may give different pages the same
        short hash: the later one's is made longer, as Pagefind does within a run."""
        source, into = str(shard.path / "fragment"), str(self.fresh / "fragment")
        for hash_, count in shard.pages:
            name = hash_
            if os.path.exists(f"{into}/{name}.pf_fragment"):
                full = f"{self.language}_{_full_hash(_load(Path(f'{source}/{hash_}.pf_fragment')))}"
                while os.path.exists(f"{into}/{name}.pf_fragment"):
                    if len(name) >= len(full):
                        raise _CannotMerge("two pages' fragments have the same hash")
                    name = full[:len(name) + 1]
            os.replace(f"{source}/{hash_}.pf_fragment", f"{into}/{name}.pf_fragment")
            self.pages.append((name, count))

    def finish(self) -> tuple[int, int]:
        """Write the words, filters, metadata and entry; the bundle's pages and words."""
        fresh, language = self.fresh, self.language
        fields = sorted({name for shard_fields in self.fields for name in shard_fields})
        remaps = [None if shard_fields == fields else [fields.index(name) for name in shard_fields]
                  for shard_fields in self.fields]
        sorts = {}
        for key, values in self.sort_values.items():
            sort_key = _sort_key([value for value, _ in values])
            sorts[key] = [page for _, page in sorted(values, key=lambda item: (sort_key(item[0]), item[1]))]
        (fresh / "index").mkdir()
        chunks_meta, filters_meta, used = [], [], set()
        # Compressing (zlib lets go of the GIL) overlaps with encoding the next chunk.
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            stored = []
            for chunk in _chunks(self.words):
                data = _array([_array([_encode_word(word, self.words[word], remaps) for word in chunk])])
                name = _short_hash(language, data, used)
                stored.append(pool.submit(_store, fresh / "index" / f"{name}.pf_index", data))
                chunks_meta.append([chunk[0], chunk[-1], name])
            if self.filters:
                (fresh / "filter").mkdir()
            used = set()
            for filter_ in sorted(self.filters):
                values = self.filters[filter_]
                data = _encode([filter_, [[value, values[value]] for value in sorted(values)]])
                name = _short_hash(language, data, used)
                stored.append(pool.submit(_store, fresh / "filter" / f"{name}.pf_filter", data))
                filters_meta.append([filter_, name])
            for done in stored:
                done.result()
        _chunk_bounds(chunks_meta)
        meta = _encode([self.first.version, [[name, count] for name, count in self.pages], chunks_meta,
                        filters_meta, [[key, sorts[key]] for key in sorted(sorts)], fields])
        meta_name = f"{language}_{_full_hash(meta)[:len(language) + 8]}"
        _store(fresh / f"pagefind.{meta_name}.pf_meta", meta)
        entry = self.first.entry
        entry["languages"][language].update(hash=meta_name, page_count=len(self.pages))
        (fresh / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                                                   encoding="utf-8")
        return len(self.pages), len(self.words)


# A bundle's own data, merged; the rest of a shard's bundle (scripts, styles, WebAssembly) is the same in each.
_DATA = ("fragment", "index", "filter", "pagefind-entry.json")


class _Shard:
    """One shard's bundle, as its pf_meta describes it."""

    def __init__(self, path: Path, language: str):
        self.path = path
        self.entry = json.loads((path / "pagefind-entry.json").read_text(encoding="utf-8"))
        if set(self.entry.get("languages", ())) != {language}:
            raise _CannotMerge(f"a shard's languages are {sorted(self.entry.get('languages', ()))}")
        hash_ = self.entry["languages"][language]["hash"]
        try:
            meta, end = _decode(_load(path / f"pagefind.{hash_}.pf_meta"))
            self.version, pages, chunks, filters, sorts, self.fields = meta
        except (ValueError, IndexError, TypeError) as error:
            raise _CannotMerge(f"an unknown pf_meta ({error})") from None
        self.pages = [(page_hash, count) for page_hash, count in pages]
        self.chunks = [hash_ for _, _, hash_ in chunks]
        self.filters = [(name, hash_) for name, hash_ in filters]
        self.sorts = {key: numbers for key, numbers in sorts}


def _load(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise _CannotMerge(f"{path.name} has no Pagefind signature")
    return data[len(_SIGNATURE):]


def _store(path: Path, data: bytes) -> None:
    path.write_bytes(gzip.compress(_SIGNATURE + data, _GZIP_LEVEL, mtime=0))


def _full_hash(data: bytes) -> str:
    # Pagefind's utils::full_hash: each byte of the SHA-1 in hex, without leading zeros.
    return "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())


def _short_hash(language: str, data: bytes, used: set) -> str:
    """A chunk's or a filter's file name as Pagefind makes one: the language and a short hash,
    longer while it is taken."""
    full = f"{language}_{_full_hash(data)}"
    name = full[:len(language) + 8]
    while name in used and len(name) < len(full):
        name = full[:len(name) + 2]
    used.add(name)
    return name


_FLOAT_SORT = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _sort_key(values: list[str]):
    """Pagefind's sort: as 32-bit floats if every value is a number, else as text (UTF-8 order)."""
    if all(_FLOAT_SORT.fullmatch(value) for value in values):
        return lambda value: struct.unpack("f", struct.pack("f", float(value)))[0]
    return lambda value: value.encode("utf-8")


def _url(path: str) -> str:
    # Pagefind's build_url: "/" + the path, "index.html" dropped.
    if path.endswith("/index.html"):
        path = path[:-len("index.html")]
    elif path == "index.html":
        path = ""
    return "/" + path


def _fragment_url(path: Path) -> str:
    head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(path.read_bytes(), 4096)
    found = re.match(rb'pagefind_dcd\{"url":("(?:[^"\\]|\\.)*")', head)
    if found is None:
        raise _CannotMerge(f"fragment {path.name} does not start with its url")
    return json.loads(found.group(1))


# -- the word index ---------------------------------------------------------------------------------

@dataclass
class _Word:
    pages: int = 0  # how many
    size: int = 0  # Pagefind's chunking measure: each page's locations + meta locations + 1
    # Runs of the word's pages from one shard: the first and last page numbers (merged numbering),
    # the encoded pages less the first page's header and number, the shard, whether any page has
    # metadata locations (whose field numbers may have to change).
    runs: list = field(default_factory=list)
    variants: dict = field(default_factory=dict)  # form: [[page number, locs, meta_locs, shard]...]


_INT = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38].|[\x19\x39]..|[\x1a\x3a]....|[\x1b\x3b]........)"
_ARR = rb"(?:[\x80-\x97]|\x98.|\x99..|\x9a....)"
# One page of a word: [number, [loc...], [meta loc...]]. An array of ints ends where an array
# header (0x80-0x9b, 0x83 for the next page) begins, never an int's first byte: a regular
# expression walks them at C speed. _PAGE captures the number, the locs' header, the meta array.
_PAGE = re.compile(rb"\x83(" + _INT + rb")(" + _ARR + rb")" + _INT + rb"*(" + _ARR + _INT + rb"*)", re.S)
_PAGES = re.compile(rb"(?:\x83" + _INT + _ARR + _INT + rb"*" + _ARR + _INT + rb"*)*", re.S)
_PAGE_PARTS = re.compile(rb"(\x83" + _INT + _ARR + _INT + rb"*)(" + _ARR + _INT + rb"*)", re.S)


def _read_chunk(data: bytes, offset: int, shard: int, words: dict[str, _Word]) -> None:
    """Add one shard chunk's words to ``words``, its page numbers moved up by ``offset``."""
    try:
        count, pos = _header(data, 0, 4)
        if count != 1:
            raise ValueError("a WordIndex of one field")
        count, pos = _header(data, pos, 4)
        for _ in range(count):
            if data[pos] != 0x83:
                raise ValueError(f"a word of {data[pos] & 31} fields")
            text, pos = _decode(data, pos + 1)
            word = words.get(text)
            if word is None:
                word = words[text] = _Word()
            pos = _read_pages(data, pos, offset, shard, word)
            variants, pos = _decode(data, pos)
            for form, pages in variants:
                number = offset
                for delta, locs, meta in pages:
                    number += delta
                    word.variants.setdefault(form, []).append([number, locs, meta, shard])
        if pos != len(data):
            raise ValueError("bytes after the last word")
    except (ValueError, IndexError, TypeError) as error:
        raise _CannotMerge(f"an unknown word chunk ({error})") from None


def _read_pages(data: bytes, pos: int, offset: int, shard: int, word: _Word) -> int:
    count, pos = _header(data, pos, 4)
    if count == 0:
        return pos
    end = _PAGES.match(data, pos).end()
    found = _PAGE.findall(data, pos, end)
    if len(found) != count:
        raise ValueError("pages that are not [number, locs, meta_locs]")
    numbers, locs, metas = zip(*found)
    first, skip = _int(numbers[0]), 1 + len(numbers[0])
    later = b"".join(numbers[1:])  # deltas under 24 are one byte, their value
    last = first + (sum(later) if len(later) == count - 1 else sum(map(_int, numbers[1:])))
    has_meta = b"".join(metas) != b"\x80" * count
    size = count + sum(map(_int, locs)) + (sum(_argument(meta, 0)[0] for meta in metas) if has_meta else 0)
    word.runs.append((first + offset, last + offset, data[pos + skip:end], shard, has_meta))
    word.pages += count
    word.size += size
    return end


def _remapped(pages: bytes, remap: list[int]) -> bytes:
    """Encoded pages with their metadata fields' numbers changed (``remap``: old number to new)."""
    parts = []
    for head, meta in _PAGE_PARTS.findall(pages):
        parts += [head, meta if meta == b"\x80" else _encode(_remap(_decode(meta)[0], remap))]
    return b"".join(parts)


def _remap(meta: list[int], remap: list[int] | None) -> list[int]:
    if remap is None:
        return meta
    return [-(remap[-value - 1] + 1) if value < 0 else value for value in meta]


def _chunks(words: dict[str, _Word]):
    """The words in order, cut where Pagefind's chunk_index cuts them."""
    limit, chunk, size = _chunk_size(), [], 0
    for word in sorted(words):  # str order is code point order, as Rust's is UTF-8 byte order
        size += words[word].size
        chunk.append(word)
        if size >= limit:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _chunk_bounds(chunks: list[list[str]]) -> None:
    """Pagefind's chunk_meta: neighbouring chunks' bounds shortened to the prefixes that tell them apart."""
    for this, after in zip(chunks, chunks[1:]):
        common = 0
        for a, b in zip(after[0], this[1]):
            if a != b:
                break
            common += 1
        to, from_ = this[1][:common + 1], after[0][:common + 1]
        if to >= this[0]:
            this[1] = to
        after[0] = from_


def _encode_word(word: str, entry: _Word, remaps: list[list[int] | None]) -> bytes:
    parts = [b"\x83", _encode(word), _head(4, entry.pages)]
    last = 0
    for first, final, rest, shard, has_meta in entry.runs:
        if has_meta and remaps[shard] is not None:
            rest = _remapped(b"\x83\x00" + rest, remaps[shard])[2:]
        parts += [b"\x83", _head(0, first - last), rest]
        last = final
    parts.append(_head(4, len(entry.variants)))
    for form, pages in entry.variants.items():
        pages.sort(key=lambda page: page[0])
        previous, encoded = 0, []
        for number, locs, meta, shard in pages:
            encoded.append([number - previous, locs, _remap(meta, remaps[shard])])
            previous = number
        parts.append(_encode([form, encoded]))
    return b"".join(parts)


# -- CBOR, as far as Pagefind's bundle uses it ------------------------------------------------------

def _header(data: bytes, pos: int, major: int) -> tuple[int, int]:
    initial = data[pos]
    if initial >> 5 != major:
        raise ValueError(f"CBOR type {initial >> 5} where {major} was expected")
    return _argument(data, pos)


def _argument(data: bytes, pos: int) -> tuple[int, int]:
    info = data[pos] & 31
    if info < 24:
        return info, pos + 1
    width = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if width is None:
        raise ValueError(f"an indefinite or reserved CBOR length at {pos}")
    return int.from_bytes(data[pos + 1:pos + 1 + width], "big"), pos + 1 + width


@functools.lru_cache(maxsize=65536)
def _int(item: bytes) -> int:
    """The value of one encoded integer, or the length in one array header."""
    value, _ = _argument(item, 0)
    return -1 - value if item[0] >> 5 == 1 else value


def _decode(data: bytes, pos: int = 0):
    major = data[pos] >> 5
    value, pos = _argument(data, pos)
    if major == 0:
        return value, pos
    if major == 1:
        return -1 - value, pos
    if major == 3:
        return data[pos:pos + value].decode("utf-8"), pos + value
    if major == 4:
        items = []
        for _ in range(value):
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos
    raise ValueError(f"CBOR type {major} in a Pagefind bundle")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes((major << 5 | value,))
    for info, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << 8 * width:
            return bytes((major << 5 | info,)) + value.to_bytes(width, "big")
    raise ValueError(f"{value} does not fit CBOR")


def _array(items: list[bytes]) -> bytes:
    return _head(4, len(items)) + b"".join(items)


def _encode(value) -> bytes:
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    return _array([_encode(item) for item in value])


class BackgroundIndexer:
    """Re-indexes a served site after each build without holding up the pages (``mkdocs serve``).

    One worker thread; a build that ends while the index is being made asks for one more run
    afterwards (however many builds ended meanwhile), so the index always catches up with the
    last build. ``report`` receives the IndexReport or the SearchIndexError of every run."""

    def __init__(self, report):
        self._report = report
        self._wanted: Path | None = None
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None

    def request(self, site: Path) -> None:
        with self._lock:
            self._wanted = Path(site)
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="briefing-search-index", daemon=True)
                self._worker.start()

    def wait(self, timeout: float | None = None) -> None:
        """Until the runs asked for so far are done (tests; shutting down)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                site, self._wanted = self._wanted, None
                if site is None:
                    self._worker = None
                    return
            try:
                self._report(index_site(site))
            except SearchIndexError as error:
                self._report(error)


def _count(output: str, what: str) -> int:
    found = re.search(rf"Indexed (\d+) {what}", output)
    return int(found.group(1)) if found else 0
