"""An article's page: byline, "In this article", the annotated text, older and newer articles."""

from __future__ import annotations

from itertools import groupby

from ..model import AnnotatedArticle, BlockKind, Mention
from .markdown import Markdown, escape, has_inline_syntax, link, span
from .frontmatter import front_matter
from ..search.attributes import MARKS, Kind as SearchKind, page_attributes
from .site import ENV, Site, block_id, long_date, page_title, relative


def annotated_text(site: Site, text: str, mentions: list[Mention], here: str, dateline: int = 0) -> Markdown:
    """A block's text with its mentions as links (first in the article) or styled spans, and its
    dateline (never a mention) styled as one."""
    if dateline:
        rest = annotated_text(site, text[dateline:], [m._replace(start=m.start - dateline, end=m.end - dateline) for m in mentions], here)
        return Markdown(span(escape(text[:dateline]), ("briefing-dateline",)) + rest)
    # Escaping is per piece between mentions; a block with nothing to escape (most of them) only
    # needs its first piece checked, for what a line may not start with.
    verbatim = not has_inline_syntax(text)
    parts, at = [], 0
    for mention in mentions:
        before = text[at:mention.start]
        parts.append(before if verbatim and at else escape(before, line_start=at == 0))
        entry = site.entries[mention.entry]
        surface = text[mention.start:mention.end]
        if not verbatim:
            surface = escape(surface, line_start=False)
        classes = site.mention_classes(entry)
        if mention.linked:
            parts.append(link(surface, relative(here, site.entry_path(entry)), entry.summary, classes))
        else:
            parts.append(span(surface, classes))
        at = mention.end
    rest = text[at:]
    parts.append(rest if verbatim and at else escape(rest, line_start=at == 0))
    return Markdown("".join(parts))


def by_category(site: Site, keys, here: str, titled: bool = True) -> list[dict]:
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
        {"kind": block.kind.value, "id": block_id(i), "text": annotated_text(site, block.text, by_block.get(i, []), here, block.dateline)}
        for i, block in enumerate(article.blocks)
        if block.kind is not BlockKind.HEADLINE  # the page title; its mentions are counted, not shown
    ]
    keys = annotated.entries()
    meta = {
        "title": page_title(article.title),
        "date": article.date.isoformat() if article.date else None,
        "source": article.source,
        "url": article.url,
        "dateline": next((b.text[:b.dateline] for b in article.blocks if b.dateline), None),
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
    return ENV.get_template("article.md.j2").render(
        newer=site.article_link(newer, here) if newer else None,
        older=site.article_link(older, here) if older else None,
        front_matter=front_matter(meta),
        article=article,
        headline=Markdown(escape(article.title) + " {: #" + block_id(0) + " " + MARKS["body"] + " }"),
        search=Markdown(page_attributes(SearchKind.ARTICLE, article.title, date=article.date,
                                        date_text=long_date(article.date) if article.date else "")),
        byline=Markdown(" · ".join(escape(b) if not isinstance(b, Markdown) else b for b in byline)),
        groups=by_category(site, keys, here),
        marks=MARKS,
        blocks=blocks,
    )
