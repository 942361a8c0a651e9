"""``briefing import``: sources (saved pages, folders of them, URLs, feeds) to seed files.

Each source is handled on its own: a failure is one outcome naming it and the reason, and the
others go on. For each article: fetch (or read) → extract → already there? (same canonical URL) →
wanted? (a feed's filters) → a copy of a story already there? (same text, another outlet) →
store. Nothing is cleaned here: cleaning, with its trail, is the build's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Iterator

from .. import lexicon
from ..annotate.linker import annotate, build_matcher
from ..config import Feed, load_config, load_feeds
from ..errors import BriefingError
from ..formats import seedfile
from ..ingest.articles import parse_article
from ..ingest.glossary import load_glossary
from .extract import ExtractError, FeedItem, Page, canonical_url, content_kind, extract_feed, extract_page
from .fetch import MAX_BYTES, FetchError, Fetcher
from .known import Known
from .store import store_article

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")  # what a folder of saved pages holds


class Kind(Enum):
    IMPORTED = "imported"
    ALREADY = "already imported"
    SYNDICATED = "syndicated copy"
    FILTERED = "filtered out"
    FAILED = "failed"
    FEED = "feed"  # a feed's tally, after its items


@dataclass(frozen=True)
class Outcome:
    kind: Kind
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class _Failed(Exception):
    """A source gave nothing; the message is the reason."""


@dataclass
class _Input:
    data: bytes
    url: str | None  # where it came from, for a fetched source
    content_type: str | None


class Importer:
    def __init__(self, root: Path, fetcher: Fetcher | None = None, allow_syndicated: bool = False):
        self.root = root
        self.config = load_config(root)  # raises BriefingError
        lexicon.extend(dict(self.config.lexicon))  # cleaning and the linker read the briefing's words
        self.folder = root / self.config.articles_dir
        self.known = Known.load(root, self.config.articles_dir)
        self.fetcher = fetcher or Fetcher()
        self.allow_syndicated = allow_syndicated
        self._matcher = None

    # ------------------------------------------------------------------ sources

    def run(self, sources: list[str], feeds: bool = False) -> Iterator[Outcome]:
        for source in sources:
            yield from self.source(source)
        if feeds:
            for feed in load_feeds(self.root):
                yield from self.feed(feed.url, feed)

    def source(self, source: str) -> Iterator[Outcome]:
        path = Path(source).expanduser()
        is_url = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source) is not None
        if not is_url and path.is_dir():
            pages = sorted(p for p in path.iterdir() if p.suffix.lower() in PAGE_SUFFIXES and p.is_file())
            if not pages:
                yield Outcome(Kind.FAILED, source, f"no saved pages ({', '.join(PAGE_SUFFIXES)}) in this folder")
            for page in pages:
                yield from self.source(str(page))
            return
        try:
            got = self._get(source, path, is_url)
            kind = content_kind(got.data, got.content_type)
        except (_Failed, FetchError, ExtractError) as error:
            yield Outcome(Kind.FAILED, source, str(error))
            return
        if kind == "feed":
            yield from self.feed(source, None, got)
        else:
            yield self._article(source, got)

    def feed(self, source: str, spec: Feed | None, got: _Input | None = None) -> Iterator[Outcome]:
        """Every new item of a feed, through the feed's filters (briefing.yml's ``feeds:``)."""
        try:
            got = got or self._get(source, Path(source), True)
            items = extract_feed(got.data, got.url).items
        except (_Failed, FetchError, ExtractError) as error:
            yield Outcome(Kind.FAILED, source, str(error))
            return
        tally = dict.fromkeys(Kind, 0)
        for item in items:
            if not canonical_url(item.link):
                outcome = Outcome(Kind.FAILED, item.link or source, "feed item without an http(s) link")
            elif self.known.has_url(item.link):
                tally[Kind.ALREADY] += 1  # the common case on every run: counted, not listed
                continue
            else:
                try:
                    got_item = self._get(item.link, Path(), True)
                    content_kind(got_item.data, got_item.content_type)
                except (_Failed, FetchError, ExtractError) as error:
                    outcome = Outcome(Kind.FAILED, item.link, str(error))
                else:
                    outcome = self._article(item.link, got_item, item, spec)
            tally[outcome.kind] += 1
            yield outcome
        counts = ", ".join(f"{tally[k]} {k.value}" for k in (Kind.IMPORTED, Kind.ALREADY, Kind.FILTERED, Kind.SYNDICATED, Kind.FAILED) if tally[k])
        yield Outcome(Kind.FEED, source, f"{len(items)} item{'s' if len(items) != 1 else ''}" + (f": {counts}" if counts else ""))

    # ------------------------------------------------------------------ one article

    def _article(self, source: str, got: _Input, item: FeedItem | None = None, spec: Feed | None = None) -> Outcome:
        try:
            page = extract_page(got.data, got.url, got.content_type)
        except ExtractError as error:
            return Outcome(Kind.FAILED, source, str(error))
        there = self.known.has_url(page.url)
        if there:
            return Outcome(Kind.ALREADY, source, f"already imported as {there}")
        # A page with no date of its own: the feed's date for the item is the outlet's too.
        date = page.date or (item.date if item else None)
        meta = {"title": page.title, "date": date, "source": page.source, "url": page.url}
        text = "\n".join(page.paragraphs)
        if spec is not None:
            unwanted = self._unwanted(spec, meta, page)
            if unwanted:
                return Outcome(Kind.FILTERED, source, f"filtered out: {unwanted}")
        copy = self.known.copy_of(text)
        note = ""
        if copy is not None:
            if not self.allow_syndicated:
                return Outcome(Kind.SYNDICATED, source, f"a copy of {copy.path} ({copy.overlap:.0%} of its text in common); "
                                                        "not imported (--allow-syndicated imports it)")
            note = f"; a copy of {copy.path} ({copy.overlap:.0%} in common), imported as asked"
        try:
            written = store_article(self.folder, meta, page.paragraphs)
        except OSError as error:
            return Outcome(Kind.FAILED, source, f"cannot write the article: {error.strerror or error}")
        shown = written.relative_to(self.root).as_posix()
        self.known.add(shown, page.url, text)
        undated = "" if date else " (undated: the page gives no publication date)"
        return Outcome(Kind.IMPORTED, source, f"imported as {shown}{undated}{note}")

    def _unwanted(self, spec: Feed, meta: dict, page: Page) -> str | None:
        """Why a feed's item is not wanted, or None. Every filter given must pass."""
        if spec.words:
            text = "\n".join((page.title, *page.paragraphs))
            if not any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.I) for w in spec.words):
                return f"none of the words {', '.join(spec.words)}"
        if spec.min_entries:
            found = self._mentioned(meta, page)
            if found < spec.min_entries:
                return f"mentions {found} glossary entr{'y' if found == 1 else 'ies'}, the feed wants {spec.min_entries}"
        return None

    def _mentioned(self, meta: dict, page: Page) -> int:
        """How many glossary entries the article would link: the build's own reading (cleaning,
        then the linker) of the file about to be written."""
        if self._matcher is None:
            glossary, problems = load_glossary(self.root, self.config.glossary_dir, self.config.categories)
            if problems:
                raise BriefingError(problems)
            self._matcher = (glossary, build_matcher(glossary))
        glossary, matcher = self._matcher
        article, problems, _ = parse_article(seedfile.write(meta, list(page.paragraphs)), "import")
        return 0 if article is None else len(annotate(article, glossary, matcher).entries())

    # ------------------------------------------------------------------ bytes

    def _get(self, source: str, path: Path, is_url: bool) -> _Input:
        if is_url:
            response = self.fetcher.get(source)
            return _Input(response.data, response.url, response.content_type)
        if not path.is_file():
            raise _Failed("no such file, and not an http(s) URL")
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise _Failed(f"larger than {MAX_BYTES:,} bytes ({size:,})")
            return _Input(path.read_bytes(), None, None)
        except OSError as error:
            raise _Failed(f"cannot read: {error.strerror or error}") from None
