"""Every generated page as Markdown text, keyed by its path inside docs/. Pure: nothing is written.

Pages come from the Jinja templates in ``templates/``. Every value a template prints is escaped
as Markdown text unless it is already ``Markdown`` (built here by ``markdown.link`` and friends),
so untrusted article text can never turn into markup by accident.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from itertools import groupby

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from ..annotate.backlinks import Index, Quote
from ..annotate.quotes import Quotation, quotations
from . import graph
from .feed import render_feed
from ..model import AnnotatedArticle, Config, Entry, Glossary, Mention
from ..schema import Kind
from .markdown import Markdown, escape, link, span

_MONTHS = "January February March April May June July August September October November December".split()
LATEST = 10  # articles on the home page
TOP = 5  # most-mentioned entries per category on the home page
TOGETHER = 12  # entries listed under "Often mentioned with", and round an entry on its map
QUOTES_PER_ARTICLE = 3  # sentences quoted under "Mentioned in" for each article; the rest are counted
MENTIONS_PER_PAGE = 50  # articles under "Mentioned in"; older ones go to pages of their own
TIMELINE_INLINE = 200  # up to this many articles the timeline is one page; beyond, one page a year
MAP_NODES = 30  # entries on the home page's relationship map
LEGEND_SHAPES = "●■◆▲⬢★"  # the map's shapes, by category position (see graph._SHAPES)


def _finalize(value):
    if isinstance(value, Markdown):
        return value
    if isinstance(value, str):
        return escape(value)
    return value


_ENV = Environment(
    loader=PackageLoader("generator.render", "templates"),
    finalize=_finalize,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,
)
# A macro's output is Markdown its own template built (every value in it went through
# _finalize); `| trusted` says so, for macros only.
_ENV.filters["trusted"] = lambda text: Markdown(str(text).strip("\n"))


def long_date(day: dt.date | None) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if day else "Undated"


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: the same YAML, much faster


def typed_date(text: str) -> str:
    """A glossary date as typed (YYYY, YYYY-MM or YYYY-MM-DD), written out: '7 October 1952'."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {_MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{_MONTHS[parts[1] - 1]} {parts[0]}" if len(parts) == 2 else str(parts[0])


def front_matter(data: dict) -> Markdown:
    text = yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    return Markdown(text.rstrip("\n"))


def page_title(text: str) -> str:
    # MkDocs puts the front-matter title into <title>, the search index and navigation without
    # escaping it; entities keep a headline such as "<script>" text everywhere it lands.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from, with the paths and links between them."""

    config: Config
    glossary: Glossary
    articles: tuple[AnnotatedArticle, ...]  # newest first
    index: Index

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
        people = {e.key for e in self.glossary.entries if self.config.category(e.category).quotes}
        said: dict[str, list[Quotation]] = {}
        for annotated in self.articles:
            for quotation in quotations(annotated, people):
                said.setdefault(quotation.entry, []).append(quotation)
        object.__setattr__(self, "quotations", said)
        object.__setattr__(self, "positions", {a.article.slug: i for i, a in enumerate(self.articles)})

    @staticmethod
    def article_path(annotated: AnnotatedArticle) -> str:
        return f"articles/{annotated.article.slug}.md"

    @staticmethod
    def entry_path(entry: Entry) -> str:
        return f"glossary/{entry.category}/{entry.slug}.md"

    def entry_link(self, entry: Entry, here: str, classes: tuple[str, ...] = (), titled: bool = True) -> Markdown:
        # Listings leave the hover text out: a long timeline would carry every summary many times.
        return link(escape(entry.name), relative(here, self.entry_path(entry)), entry.summary if titled else "", classes)

    def article_link(self, annotated: AnnotatedArticle, here: str, anchor: str = "") -> Markdown:
        target = relative(here, self.article_path(annotated)) + (f"#{anchor}" if anchor else "")
        return link(escape(annotated.article.title), target)

    def mention_classes(self, entry: Entry) -> tuple[str, ...]:
        return ("mention", f"mention-{self.config.category(entry.category).singular.replace(' ', '-')}")


def relative(here: str, target: str) -> str:
    """The relative link from page ``here`` to ``target`` (both docs-relative, no '..' in them).

    posixpath.relpath would do, but it resolves both paths against the working directory and
    this runs for every link on every page."""
    origin = here.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < len(origin) and common < len(parts) - 1 and origin[common] == parts[common]:
        common += 1
    return "../" * (len(origin) - common) + "/".join(parts[common:])


def page_url(page: str) -> str:
    """The URL folder MkDocs gives a page (use_directory_urls): a/b.md -> a/b/, a/index.md -> a/."""
    folder = posixpath.dirname(page) if posixpath.basename(page) == "index.md" else page[:-3]
    return folder + "/" if folder else ""


def html_href(here: str, target: str) -> str:
    """A link for raw HTML (which MkDocs does not rewrite) from page ``here`` to page ``target``."""
    path = relative(page_url(here) + "index.html", page_url(target) + "index.html")[: -len("index.html")]
    return path or "./"


def block_id(index: int) -> str:
    return f"p-{index + 1}"


def annotated_text(site: Site, text: str, mentions: list[Mention], here: str) -> Markdown:
    """A block's text with its mentions as links (first in the article) or styled spans."""
    parts, at = [], 0
    for mention in mentions:
        parts.append(escape(text[at:mention.start], line_start=at == 0))
        entry = site.entries[mention.entry]
        surface = escape(text[mention.start:mention.end], line_start=False)
        classes = site.mention_classes(entry)
        if mention.linked:
            parts.append(link(surface, relative(here, site.entry_path(entry)), entry.summary, classes))
        else:
            parts.append(span(surface, classes))
        at = mention.end
    parts.append(escape(text[at:], line_start=at == 0))
    return Markdown("".join(parts))


def _by_category(site: Site, keys, here: str, titled: bool = True) -> list[dict]:
    groups = []
    for category in site.config.categories:
        entries = [site.entries[k] for k in keys if site.entries[k].category == category.key]
        if entries:
            links = ", ".join(site.entry_link(e, here, titled=titled) for e in entries)
            groups.append({"title": category.title, "links": Markdown(links)})
    return groups


def render_article(site: Site, annotated: AnnotatedArticle) -> str:
    article = annotated.article
    here = site.article_path(annotated)
    by_block = {i: list(ms) for i, ms in groupby(annotated.mentions, key=lambda m: m.block)}
    blocks = [
        {"kind": block.kind.value, "id": block_id(i), "text": annotated_text(site, block.text, by_block.get(i, []), here)}
        for i, block in enumerate(article.blocks)
    ]
    keys = annotated.entries()
    meta = {
        "title": page_title(article.title),
        "date": article.date.isoformat() if article.date else None,
        "source": article.source,
        "url": article.url,
        "entities": {
            c.key: [site.entries[k].name for k in keys if site.entries[k].category == c.key]
            for c in site.config.categories
        },
        "cleaning": {
            "source_file": article.path,
            "removed": [{"line": r.line, "kind": r.kind.value, "text": r.text} for r in article.removed],
            "non_breaking_spaces": article.nbsp_replaced,
        },
    }
    if annotated.unresolved:
        meta["unresolved"] = [{"text": u.text, "paragraph": u.block + 1, "candidates": [site.entries[c].name for c in u.candidates]} for u in annotated.unresolved]
    meta = {k: v for k, v in meta.items() if v is not None}
    byline = [long_date(article.date)]
    if article.source:
        byline.append(escape(article.source))
    if article.url:
        byline.append(link(Markdown("Original article"), article.url))
    position = site.positions[annotated.article.slug]
    newer = site.articles[position - 1] if position > 0 else None
    older = site.articles[position + 1] if position + 1 < len(site.articles) else None
    return _ENV.get_template("article.md.j2").render(
        newer=site.article_link(newer, here) if newer else None,
        older=site.article_link(older, here) if older else None,
        front_matter=front_matter(meta),
        article=article,
        byline=Markdown(" · ".join(escape(b) if not isinstance(b, Markdown) else b for b in byline)),
        groups=_by_category(site, keys, here),
        blocks=blocks,
    )


def _node(site: Site, key: str, here: str) -> graph.Node:
    entry = site.entries[key]
    position = [c.key for c in site.config.categories].index(entry.category)
    category = site.config.categories[position]
    return graph.Node(key, entry.name, position, category.singular, site.index.count(key), html_href(here, site.entry_path(entry)), entry.summary)


def _figure(svg: str, caption: Markdown) -> Markdown:
    # data-search-exclude: the picture's labels are not text worth finding with search.
    return Markdown(f'<figure class="briefing-map-figure" data-search-exclude markdown>\n{svg}\n<figcaption markdown>{caption}</figcaption>\n</figure>')


def _legend(site: Site) -> Markdown:
    return Markdown(" ".join(
        f'<span class="legend legend-category-{i}">{LEGEND_SHAPES[i % len(LEGEND_SHAPES)]} {escape(c.title)}</span>'
        for i, c in enumerate(site.config.categories)
    ))


def home_map(site: Site) -> Markdown | None:
    ranked = sorted((e for e in site.glossary.entries if site.index.count(e.key)), key=lambda e: (-site.index.count(e.key), e.key))
    keys = [e.key for e in ranked[:MAP_NODES]]
    if len(keys) < 2:
        return None
    chosen = set(keys)
    nodes = [_node(site, k, "index.md") for k in keys]
    edges = [graph.Edge(a, b, n) for a in keys for b, n in site.index.together.get(a, ()) if b in chosen and a < b]
    title = f"Relationship map of the {len(keys)} most-mentioned entries"
    svg = graph.svg(nodes, edges, graph.force_layout(nodes, edges), title)
    return _figure(svg, Markdown(f"{escape(title)}; lines join entries mentioned in the same articles. {_legend(site)}"))


def entry_map(site: Site, entry: Entry, here: str) -> Markdown | None:
    companions = [k for k, _ in site.index.together.get(entry.key, ())[:TOGETHER]]
    if not companions:
        return None
    nodes = [_node(site, k, here) for k in [entry.key, *companions]]
    edges = [graph.Edge(entry.key, k, n) for k, n in site.index.together[entry.key][:TOGETHER]]
    title = f"{entry.name} and the entries most often mentioned with it"
    svg = graph.svg(nodes, edges, graph.ring_layout(entry.key, companions), title, focus=entry.key)
    return _figure(svg, Markdown(f"{escape(title)}. {_legend(site)}"))


def _quote(quote: Quote) -> Markdown:
    s = quote.sentence
    return Markdown(escape(s[: quote.start]) + "**" + escape(s[quote.start : quote.end], False) + "**" + escape(s[quote.end :], False))


def render_entry(site: Site, entry: Entry) -> str:
    here = site.entry_path(entry)
    category = site.config.category(entry.category)
    facts = []
    for fact in entry.facts:
        if fact.field.kind in (Kind.REF, Kind.REF_LIST):
            value = Markdown(", ".join(site.entry_link(site.named[v], here) for v in fact.values))
        elif fact.field.kind is Kind.DATE:
            value = escape(", ".join(typed_date(v) for v in fact.values))
        else:
            value = escape(", ".join(fact.values))
        facts.append({"label": fact.field.label, "value": value})
    offices = [
        {"title": o.title, "span": f"{typed_date(o.start)} – {typed_date(o.end)}" if o.end else f"since {typed_date(o.start)}"}
        for o in entry.offices
    ]
    referring = []
    found = site.referrers.get(entry.name, [])
    for (category_key, field), group in groupby(sorted(found, key=lambda r: (_order(site, r[0]), r[1].key)), key=lambda r: (r[0], r[1])):
        referring.append({
            "label": f"{site.config.category(category_key).title} whose {field.label.lower()} is {entry.name}",
            "links": Markdown(", ".join(site.entry_link(e, here) for _, _, e in group)),
        })
    backlinks = site.index.backlinks.get(entry.key, ())
    chunks = [backlinks[i:i + MENTIONS_PER_PAGE] for i in range(0, len(backlinks), MENTIONS_PER_PAGE)] or [()]
    pages_here = [mentions_path(entry, n) for n in range(len(chunks))]
    mentioned = _mentions(site, chunks[0], here)
    together = [
        {"link": site.entry_link(site.entries[k], here), "count": n}
        for k, n in site.index.together.get(entry.key, ())[:TOGETHER]
    ]
    said = [
        {"quote": q.text, "date": long_date(q.article.article.date),
         "link": link(Markdown("¶"), relative(here, site.article_path(q.article)) + f"#{block_id(q.block)}", "Read in context"),
         "article": site.article_link(q.article, here)}
        for q in sorted(site.quotations.get(entry.key, ()), key=lambda q: (q.article.article.sort_key, q.block))
    ]
    meta = {"title": page_title(entry.name), "category": category.key, "search": {"boost": 2}}
    # Material's search weighs tags far above text: with its name and aliases as tags, a search for
    # any of them ("Pyongyang") ranks the entry's own page first. The page lists the aliases itself,
    # so the chips are hidden.
    meta["tags"] = [page_title(a) for a in dict.fromkeys((entry.name, *entry.aliases, *entry.short_names))]
    meta["hide"] = ["tags"]
    output = {}
    for number, chunk in enumerate(chunks[1:], start=2):
        path = pages_here[number - 1]
        output[path] = _ENV.get_template("mentions.md.j2").render(
            front_matter=front_matter({"title": page_title(f"{entry.name}: mentions, page {number}")}),
            entry=entry, number=number, total=len(chunks), count=len(backlinks),
            first=(number - 1) * MENTIONS_PER_PAGE + 1, last=(number - 1) * MENTIONS_PER_PAGE + len(chunk),
            back=link(escape(f"Back to {entry.name}"), relative(path, here)),
            mentioned=_mentions(site, chunk, path),
            pages=_pager(pages_here, path),
        )
    output[here] = _ENV.get_template("entry.md.j2").render(
        pages=_pager(pages_here, here)[1:],
        said=said,
        map=entry_map(site, entry, here),
        front_matter=front_matter(meta),
        entry=entry,
        category=category,
        category_link=link(escape(category.title), "index.md"),
        facts=facts,
        offices=offices,
        referring=referring,
        mentioned=mentioned,
        together=together,
    )
    return output


def mentions_path(entry: Entry, number: int) -> str:
    """Page ``number`` (0-based) of an entry's mentions: the entry's own page, then its sub-pages."""
    base = Site.entry_path(entry)
    return base if number == 0 else f"{base[:-3]}/mentions-{number + 1}.md"


def _pager(paths: list[str], here: str) -> list[Markdown]:
    """Links to every page of a paginated list, the current one as plain text."""
    return [Markdown(f"**{n}**") if path == here else link(Markdown(str(n)), relative(here, path)) for n, path in enumerate(paths, 1)]


def _mentions(site: Site, backlinks, here: str) -> list[dict]:
    mentioned = []
    for backlink in backlinks:
        target = relative(here, site.article_path(backlink.article))
        mentioned.append({
            "date": long_date(backlink.article.article.date),
            "link": site.article_link(backlink.article, here),
            "quotes": [
                {"text": _quote(q), "context": link(Markdown("¶"), f"{target}#{block_id(q.block)}", "Read in context")}
                for q in backlink.quotes[:QUOTES_PER_ARTICLE]
            ],
            "more": len(backlink.quotes) - QUOTES_PER_ARTICLE,
        })
    return mentioned


def _order(site: Site, category_key: str) -> int:
    return [c.key for c in site.config.categories].index(category_key)


def _article_row(site: Site, annotated: AnnotatedArticle, here: str) -> dict:
    article = annotated.article
    return {
        "date": long_date(article.date),
        "link": site.article_link(annotated, here),
        "source": article.source or "",
        "entries": _by_category(site, annotated.entries(), here, titled=False),
    }


def render_timeline(site: Site) -> dict[str, str]:
    """Every article by date: years, then months; undated articles apart at the end.

    A long briefing gets one page a year, so no page lists every article."""
    years: dict[str, list[AnnotatedArticle]] = {}
    for annotated in site.articles:
        day = annotated.article.date
        years.setdefault(str(day.year) if day else "Undated", []).append(annotated)
    if len(site.articles) <= TIMELINE_INLINE:
        return {"timeline.md": _timeline_page(site, "timeline.md", "Timeline", years)}
    pages, overview = {}, []
    for year, articles in years.items():
        path = f"timeline/{year.lower()}.md"
        up = link(Markdown("All years"), relative(path, "timeline.md"))
        pages[path] = _timeline_page(site, path, f"Timeline: {year}", {year: articles}, up)
        months = list(dict.fromkeys(_MONTHS[a.article.date.month - 1] for a in articles if a.article.date))
        overview.append({
            "link": link(escape(year), relative("timeline.md", path)),
            "count": len(articles),
            "months": [link(escape(m), relative("timeline.md", path) + "#" + f"{m.lower()}-{year}") for m in months],
        })
    pages["timeline.md"] = _ENV.get_template("timeline_index.md.j2").render(
        front_matter=front_matter({"title": "Timeline"}), years=overview, total=len(site.articles)
    )
    return pages


def _timeline_page(site: Site, here: str, title: str, years: dict[str, list[AnnotatedArticle]], up: Markdown | None = None) -> str:
    grouped: dict[str, dict[str, list[dict]]] = {}
    for year, articles in years.items():
        for annotated in articles:
            day = annotated.article.date
            month = _MONTHS[day.month - 1] if day else ""
            grouped.setdefault(year, {}).setdefault(month, []).append(_article_row(site, annotated, here))
    return _ENV.get_template("timeline.md.j2").render(
        front_matter=front_matter({"title": page_title(title)}), title=title, years=grouped,
        total=sum(len(a) for a in years.values()), up=up,
    )


def _ranked(site: Site, category_key: str) -> list[Entry]:
    entries = [e for e in site.glossary.entries if e.category == category_key]
    return sorted(entries, key=lambda e: (-site.index.count(e.key), e.name.casefold()))


def render_glossary_index(site: Site) -> str:
    here = "glossary/index.md"
    categories = []
    for category in site.config.categories:
        entries = [e for e in site.glossary.entries if e.category == category.key]
        categories.append({
            "title": category.title,
            "link": link(escape(category.title), f"{category.key}/index.md"),
            "count": len(entries),
            "top": Markdown(", ".join(site.entry_link(e, here) for e in _ranked(site, category.key)[:8])),
        })
    return _ENV.get_template("glossary_index.md.j2").render(front_matter=front_matter({"title": "Glossary"}), categories=categories)


def render_category_index(site: Site, category) -> str:
    here = f"glossary/{category.key}/index.md"
    rows = [
        {"link": site.entry_link(e, here), "summary": e.summary, "count": site.index.count(e.key)}
        for e in site.glossary.entries
        if e.category == category.key
    ]
    return _ENV.get_template("category_index.md.j2").render(front_matter=front_matter({"title": page_title(category.title)}), category=category, rows=rows)


def render_home(site: Site) -> str:
    here = "index.md"
    dated = [a.article.date for a in site.articles if a.article.date]
    ranked = []
    for category in site.config.categories:
        top = [(e, site.index.count(e.key)) for e in _ranked(site, category.key)[:TOP]]
        top = [{"link": site.entry_link(e, here), "count": n} for e, n in top if n]
        ranked.append({"title": category.title, "count": sum(1 for e in site.glossary.entries if e.category == category.key), "top": top})
    return _ENV.get_template("home.md.j2").render(
        front_matter=front_matter({"title": page_title(site.config.title)}),
        config=site.config,
        total=len(site.articles),
        undated=len(site.articles) - len(dated),
        first=long_date(min(dated)) if dated else "",
        last=long_date(max(dated)) if dated else "",
        latest=[_article_row(site, a, here) for a in site.articles[:LATEST]],
        ranked=ranked,
        map=home_map(site),
    )


def render_site(site: Site):
    """Every page as (path in docs/, Markdown), one at a time: a big briefing never sits in memory."""
    yield "index.md", render_home(site)
    yield from render_timeline(site).items()
    yield "feed.xml", render_feed(site.config, site.articles, {k: e.name for k, e in site.entries.items()}, lambda a: page_url(site.article_path(a)))
    yield "glossary/index.md", render_glossary_index(site)
    for category in site.config.categories:
        yield f"glossary/{category.key}/index.md", render_category_index(site, category)
    for annotated in site.articles:
        yield site.article_path(annotated), render_article(site, annotated)
    for entry in site.glossary.entries:
        yield from render_entry(site, entry).items()
