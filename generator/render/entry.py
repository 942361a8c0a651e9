"""An entry's profile: facts, offices, quotes, its map, every mention (paginated), companions."""

from __future__ import annotations

import re
from itertools import groupby

from ..annotate.backlinks import Quote
from ..annotate.linker import annotate
from ..model import AnnotatedArticle, Article, Block, BlockKind, Entry, Mention
from ..text import same_name
from .article import annotated_text
from .feed import render_entry_feed
from ..schema import Kind
from ..search.attributes import MARKS, indexed_names, page_attributes
from .frontmatter import front_matter
from .maps import entry_map
from .markdown import Markdown, attribute, escape, link
from ..dates import long_date, typed_date
from .routes import PageKind, article_path, category_index_path, entry_feed_path, entry_path, mentions_path, relative
from .site import ENV, TOGETHER, Site, block_id, page_title

# Sentences quoted under "Mentioned in" for each article; the rest are counted. Two: quotes are
# most of a profile's bytes (a profile of 25 articles quoted three times was ~39 KB, 15 KB of it
# quotes, on each of thousands of entries), and a third sentence seldom says more.
QUOTES_PER_ARTICLE = 2
# On the pages of older mentions (2 and on), one sentence per article: those pages are most of an
# old entry's bytes (a 30,000-article briefing), and the first sentence already says how the
# article names the entry; the article's link and the count lead to the rest.
QUOTES_ON_OLDER_PAGES = 1
# Articles under "Mentioned in", the newest, each with up to two sentences; older ones go to
# pages of their own. 25 keeps "Often mentioned with" within reach below them (50 made the
# profile of a much-named entry ~50 KB, half of it quotes, on each of thousands of entries).
MENTIONS_PER_PAGE = 25
# Articles on each page of older mentions: a page's chrome (Material's header, navigation and
# scripts, ~9.5 KB) costs as much as 25 of its items, and these pages grow with the briefing.
OLDER_PER_PAGE = 200


def _quote(quote: Quote, article: AnnotatedArticle) -> Markdown:
    before, mention, after = quote.parts(article)
    return Markdown(escape(before) + "**" + escape(mention, False) + "**" + escape(after, False))


_DESCRIBED: dict[str, tuple] = {}  # entry key -> (entry, matcher, mentions): found once per matcher


def description_mentions(site: Site, entry: Entry) -> list[Mention]:
    """The first mention of every other entry in the entry's description, found by the articles'
    own linker (the entry's name is the 'headline', so its short names mean itself)."""
    matcher = site.linker()
    known = _DESCRIBED.get(entry.key)
    if known is not None and known[1] is matcher and known[0] == entry:
        return known[2]
    blocks = (Block(BlockKind.HEADLINE, entry.name, 0), Block(BlockKind.PARAGRAPH, entry.description, 0))
    article = Article(entry.source, entry.slug, entry.name, None, None, None, blocks)
    seen, firsts = {entry.key}, []
    for mention in annotate(article, site.glossary, matcher).mentions:
        if mention.block == 1 and mention.entry not in seen:
            seen.add(mention.entry)
            firsts.append(mention._replace(linked=True))
    if len(_DESCRIBED) > 65536:
        _DESCRIBED.clear()
    _DESCRIBED[entry.key] = (entry, matcher, firsts)
    return firsts


def linked_description(site: Site, entry: Entry, here: str, mentions: list[Mention] | None = None) -> Markdown:
    """The description with those first mentions as links."""
    firsts = description_mentions(site, entry) if mentions is None else mentions
    return annotated_text(site, entry.description, firsts, here, quiet={})  # every one a link


_SPELLING_GAPS_RE = re.compile(r"[\s\-\u2010\u2011\u2012\u2013]+")


def other_names(entry: Entry) -> list[str]:
    """"Also known as": aliases and short names, without those that differ from the name (or an
    earlier one) only by case, hyphens or spaces ("ICBM" stays, "intercontinental ballistic
    missile" goes)."""
    seen, names = set(), []
    for name in (entry.name, *entry.aliases, *entry.short_names):
        key = _SPELLING_GAPS_RE.sub("", same_name(name))
        if key not in seen:
            seen.add(key)
            names.append(name)
    return names[1:]


def render_entry(site: Site, entry: Entry) -> str:
    here = entry_path(entry)
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
    pages_here = [mentions_path(entry, n) for n in range(1, mention_pages(backlinks) + 1)]
    mentioned = _mentions(site, backlinks[:MENTIONS_PER_PAGE], here)
    together = [
        {"link": site.entry_link(site.entries[k], here), "count": n}
        for k, n in site.index.together.get(entry.key, ())[:TOGETHER]
    ]
    said = [
        {"quote": q.text, "date": long_date(q.article.article.date),
         "link": link(Markdown("¶"), relative(here, article_path(q.article)) + f"#{block_id(q.block)}", "Read in context"),
         "article": site.article_link(q.article, here)}
        for q in sorted(site.quotations.get(entry.key, ()), key=lambda q: (q.article.article.sort_key, q.block))
    ]
    # description: Material's <meta name="description"> and the link previews (overrides/main.html),
    # printed unescaped inside an attribute.
    meta = {"title": page_title(entry.name), "category": category.key, "description": attribute(entry.summary)}
    output = {}
    output[entry_feed_path(entry)] = render_entry_feed(site.config, entry, [b.article for b in backlinks])
    output[here] = ENV.get_template("entry.md.j2").render(
        pages=_pager(pages_here, here)[1:],
        said=said,
        map=entry_map(site, entry, here),
        front_matter=front_matter(meta),
        search=Markdown(page_attributes(PageKind.ENTRY, entry.name, category=category.title,
                                        names=(entry.name, *entry.aliases, *entry.short_names, *entry.places))),
        places=Markdown(indexed_names(p for p in entry.places if p not in entry.aliases)),
        marks=MARKS,
        entry=entry,
        description=linked_description(site, entry, here) if entry.description else None,
        also_known_as=", ".join(other_names(entry)),
        category=category,
        category_link=link(escape(category.title), relative(here, category_index_path(category.key))),
        feed_link=link(escape(f"Follow {entry.name} (Atom feed)"), relative(here, entry_feed_path(entry))),
        facts=facts,
        offices=offices,
        referring=referring,
        mentioned=mentioned,
        together=together,
    )
    return output


def mention_pages(backlinks) -> int:
    """How many pages an entry's "Mentioned in" takes: its own page, then pages of their own."""
    return 1 + -(-max(0, len(backlinks) - MENTIONS_PER_PAGE) // OLDER_PER_PAGE)


def _first_on(number: int) -> int:
    """The index of the first backlink on page ``number``."""
    return 0 if number == 1 else MENTIONS_PER_PAGE + (number - 2) * OLDER_PER_PAGE


def mentions_chunk(backlinks, number: int):
    """The backlinks on page ``number`` (1: the entry's own page)."""
    start = _first_on(number)
    return backlinks[start:start + (MENTIONS_PER_PAGE if number == 1 else OLDER_PER_PAGE)]


def render_mentions_page(site: Site, entry: Entry, number: int) -> dict[str, str]:
    """Page ``number`` (2 or more) of the articles that mention ``entry``, older than its own page's."""
    here = entry_path(entry)
    backlinks = site.index.backlinks.get(entry.key, ())
    total = mention_pages(backlinks)
    pages_here = [mentions_path(entry, n) for n in range(1, total + 1)]
    path, chunk = pages_here[number - 1], mentions_chunk(backlinks, number)
    return {path: ENV.get_template("mentions.md.j2").render(
        front_matter=front_matter({"title": page_title(f"{entry.name}: mentions, page {number}")}),
        entry=entry, number=number, total=total, count=len(backlinks),
        first=_first_on(number) + 1, last=_first_on(number) + len(chunk),
        back=link(escape(f"Back to {entry.name}"), relative(path, here)),
        mentioned=_mentions(site, chunk, path, QUOTES_ON_OLDER_PAGES, to_passage=True),
        pages=_pager(pages_here, path),
    )}


def _pager(paths: list[str], here: str) -> list[Markdown]:
    """Links to every page of a paginated list, the current one as plain text."""
    return [Markdown(f"**{n}**") if path == here else link(Markdown(str(n)), relative(here, path)) for n, path in enumerate(paths, 1)]


def _mentions(site: Site, backlinks, here: str, quotes: int = QUOTES_PER_ARTICLE, to_passage: bool = False) -> list[dict]:
    """Each article with up to ``quotes`` sentences, each linked to its paragraph ("Read in
    context"), and how many more there are; ``to_passage`` (the pages of older mentions, one
    sentence each): the headline itself opens the article at the first sentence, the article's
    address written once per item, not twice, and how many sentences mention the entry is a
    count beside it ("· 4 sentences"), not a sentence of its own (most of those pages' bytes are
    their hundreds of items)."""
    mentioned = []
    for backlink in backlinks:
        shown = backlink.quotes[:quotes]
        if to_passage and shown:
            headline = site.article_link(backlink.article, here, block_id(shown[0].block))
            said = [{"text": _quote(q, backlink.article), "context": None} for q in shown]
        else:
            target = relative(here, article_path(backlink.article))
            headline = site.article_link(backlink.article, here)
            said = [{"text": _quote(q, backlink.article),
                     "context": link(Markdown("¶"), f"{target}#{block_id(q.block)}", "Read in context")} for q in shown]
        count = len(backlink.quotes)
        mentioned.append({
            "date": long_date(backlink.article.article.date),
            "link": headline,
            "quotes": said,
            "count": count if to_passage and count > 1 else 0,
            "more": 0 if to_passage else count - len(shown),
        })
    return mentioned


def _order(site: Site, category_key: str) -> int:
    return [c.key for c in site.config.categories].index(category_key)
