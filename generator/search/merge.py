"""Merges the bundles Pagefind made of the shards of a site into the one bundle a single run makes.

Pagefind holds every page it indexes in memory until it writes the bundle (generator/search/
indexer.py says how much), so a large site is indexed in shards, and their bundles are combined
here: the same words, pages, positions, weights, filters, sorts and chunk boundaries as one run
over all the pages (only the pages' numbering differs, and so the order of pages that tie in a
sort). The browser loads the result as it loads any bundle. This reads and writes Pagefind's
bundle format, which Pagefind does not document as stable: ``pagefind[bin]`` is pinned in
pyproject.toml, tests/search/ compare a merged bundle with a single run's, and anything this
cannot vouch for raises CannotMerge, on which the indexer makes the bundle in one run instead.
"""

from __future__ import annotations

import concurrent.futures
import functools
import gzip
import hashlib
import json
import os
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

# -- merging the shards' bundles --------------------------------------------------------------------
# The bundle (Pagefind 1.5): pagefind-entry.json names the language's pagefind.<hash>.pf_meta; it
# lists the pages (fragment hash, word count), the word chunks (first word, last word, hash), the
# filters, the sorts (page numbers in order) and the metadata fields. index/*.pf_index hold the
# words: [word, [[page delta, locs, meta_locs]...], [[variant form, pages]...]], pages
# delta-encoded; meta_locs mark a field by -(its number + 1). filter/*.pf_filter hold [filter,
# [[value, [page...]]...]]. All CBOR (definite lengths), gzip'd after b"pagefind_dcd";
# fragment/*.pf_fragment are a page's JSON, the same whichever run wrote them.

class CannotMerge(Exception):
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


class Merger:
    """The shards' bundles, added one by one (page numbers following on), into one bundle."""

    def __init__(self, fresh: Path, pages, language: str):
        """``pages``: the indexer's pages to index (their ``path`` and ``sorts``), all shards'."""
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
            raise CannotMerge(f"a shard's bundle is not as expected ({error!r})") from None

    def _add(self, bundle: Path) -> None:
        shard, offset, number = _Shard(bundle, self.language), len(self.pages), len(self.fields)
        if self.first is None:
            self.first = shard
            for item in bundle.iterdir():  # the scripts, styles and WebAssembly
                if item.name not in _DATA and not item.name.endswith(".pf_meta"):
                    os.replace(item, self.fresh / item.name)
        elif shard.version != self.first.version:
            raise CannotMerge("the shards were indexed by different Pagefinds")
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
                raise CannotMerge(f"an unknown filter file ({error})") from None
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
                raise CannotMerge(f"the pages' {key!r} sort values are not the ones Pagefind read")
            sort_key = _sort_key([local[number] for number in order])
            keyed = [sort_key(local[number]) for number in order]
            if any(a > b for a, b in zip(keyed, keyed[1:])):
                raise CannotMerge(f"the pages' {key!r} sort values are not in Pagefind's order")
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
                        raise CannotMerge("two pages' fragments have the same hash")
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
            raise CannotMerge(f"a shard's languages are {sorted(self.entry.get('languages', ()))}")
        hash_ = self.entry["languages"][language]["hash"]
        try:
            meta, end = _decode(_load(path / f"pagefind.{hash_}.pf_meta"))
            self.version, pages, chunks, filters, sorts, self.fields = meta
        except (ValueError, IndexError, TypeError) as error:
            raise CannotMerge(f"an unknown pf_meta ({error})") from None
        self.pages = [(page_hash, count) for page_hash, count in pages]
        self.chunks = [hash_ for _, _, hash_ in chunks]
        self.filters = [(name, hash_) for name, hash_ in filters]
        self.sorts = {key: numbers for key, numbers in sorts}


def _load(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise CannotMerge(f"{path.name} has no Pagefind signature")
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
        raise CannotMerge(f"fragment {path.name} does not start with its url")
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
        raise CannotMerge(f"an unknown word chunk ({error})") from None


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
