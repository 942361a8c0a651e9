"""What every page is made from: the Site (entries, articles, index), links to entries and
articles, and the Jinja environment. Where pages are and how they link: ``routes``.

Pages come from the Jinja templates in ``templates/``. Every value a template prints is escaped
as Markdown text unless it is already ``Markdown`` (built by ``markdown.link`` and friends), so
untrusted article text can never turn into markup by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape as html_escape

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..annotate.backlinks import Index
from ..annotate.linker import build_matcher
from ..annotate.matcher import Matcher
from ..model import AnnotatedArticle, Config, Entry, Glossary
from ..schema import Kind
from .markdown import Markdown, escape, link
from .routes import article_path, entry_path, html_href, relative

TOGETHER = 12  # entries listed under "Often mentioned with", and round an entry on its map


def _finalize(value):
    if isinstance(value, Markdown):
        return value
    if isinstance(value, str):
        return escape(value)
    return value


ENV = Environment(
    loader=PackageLoader("generator.render", "templates"),
    finalize=_finalize,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,
)
# Templates read the renderer's dicts by subscript (row["date"]): for row.date Jinja tries the
# attribute first, and on a dict that fails, for every value of every page.
# A macro's output is Markdown its own template built (every value in it went through
# _finalize); `| trusted` says so, for macros only.
ENV.filters["trusted"] = lambda text: Markdown(str(text).strip("\n"))


def in_sentence(title: str) -> str:
    """A heading word as it reads inside a sentence: 'People' -> 'people', 'UN agencies' stays."""
    return title if title[:2].isupper() else title[:1].lower() + title[1:]


def join_words(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]


def category_phrase(config: Config, plural: bool = True) -> str:
    """The configured categories in a sentence: 'people, states and weapons' (or the singulars,
    'person, state and weapon'): every sentence that names them is built from briefing.yml."""
    return join_words([in_sentence(c.title) if plural else c.singular for c in config.categories])


def page_title(text: str) -> str:
    # MkDocs puts the front-matter title into <title>, the search index and navigation without
    # escaping it; entities keep a headline such as "<script>" text everywhere it lands.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from, and links to its entries and articles (paths: routes)."""

    config: Config
    glossary: Glossary
    articles: tuple[AnnotatedArticle, ...]  # newest first
    index: Index
    matcher: Matcher | None = None  # the articles' linker's, to link descriptions with (built if None)

    def __post_init__(self):
        object.__setattr__(self, "entries", self.glossary.by_key())
        object.__setattr__(self, "named", self.glossary.by_name())
        # name -> [(category, field, entry whose field names it)], for "People whose state is X".
        referrers: dict[str, list] = {}
        for entry in self.glossary.entries:
            for fact in entry.facts:
                if fact.field.kind in (Kind.REF, Kind.REF_LIST):
                    for name in fact.values:
                        referrers.setdefault(name, []).append((entry.category, fact.field, entry))
        object.__setattr__(self, "referrers", referrers)
        object.__setattr__(self, "quotations", self.index.quotations)  # found by annotate.quotes
        object.__setattr__(self, "positions", {a.article.slug: i for i, a in enumerate(self.articles)})

    def linker(self) -> Matcher:
        """The matcher the articles were linked with (built on first use when none was given)."""
        if self.matcher is None:
            object.__setattr__(self, "matcher", build_matcher(self.glossary))
        return self.matcher

    def entry_link(self, entry: Entry, here: str, classes: tuple[str, ...] = ()) -> Markdown:
        """A link to an entry's profile. The reader's browser shows the entry's summary on hover
        from glossary/summaries.json, found by the entry's key, which is the link's target
        (routes): a page never carries the summaries of the entries it links, so
        editing one changes only the entry's own pages."""
        return link(escape(entry.name), relative(here, entry_path(entry)), classes=classes)

    def entry_anchor(self, entry: Entry, here: str) -> Markdown:
        """``entry_link`` as raw HTML, for what MkDocs does not read as Markdown (the maps' lists,
        the indexes' long lists)."""
        return Markdown(f'<a href="{html_escape(html_href(here, entry_path(entry)))}">{html_escape(entry.name)}</a>')

    def article_link(self, annotated: AnnotatedArticle, here: str, anchor: str = "") -> Markdown:
        target = relative(here, article_path(annotated)) + (f"#{anchor}" if anchor else "")
        return link(escape(annotated.article.title), target)

    def mention_classes(self, entry: Entry) -> tuple[str, ...]:
        return _mention_classes(self.config.category(entry.category).singular)


@lru_cache(maxsize=64)
def _mention_classes(singular: str) -> tuple[str, ...]:
    return ("mention", f"mention-{singular.replace(' ', '-')}")


def html_text(text: str) -> Markdown:
    """Plain text inside raw HTML (the indexes' long lists): entities for ``&``, ``<`` and ``>``; nothing else
    means anything there (a Markdown backslash escape would show)."""
    return Markdown(html_escape(text, quote=False))


def block_id(index: int) -> str:
    """Block 0 is the headline; paragraphs are p-1, p-2, ..."""
    return f"p-{index}"
