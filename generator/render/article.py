"""An article's page: byline, "In this article", the annotated text, older and newer articles."""

from __future__ import annotations

from itertools import groupby

from ..annotate.sentences import sentence_spans
from ..model import AnnotatedArticle, BlockKind, Mention
from .markdown import Markdown, attribute, escape, has_inline_syntax, link, span
from .frontmatter import front_matter
from ..search.attributes import MARKS, page_attributes
from ..dates import long_date
from .routes import PageKind, article_path, entry_path, relative
from .site import ENV, Site, block_id, page_title


def annotated_text(site: Site, text: str, mentions: list[Mention], here: str, quiet: dict[str, int],
                   dateline: int = 0) -> Markdown:
    """A block's text with its mentions as links (first in the article) or quiet spans, and its
    dateline (never a mention) styled as one. A quiet span names its entry by a number, the
    entry's place in ``quiet`` (filled as entries come: the page writes the keys once, in
    ``data-entries``; see ``quiet_entries``)."""
    if dateline:
        rest = annotated_text(site, text[dateline:], [m._replace(start=m.start - dateline, end=m.end - dateline) for m in mentions],
                              here, quiet)
        return Markdown(span(escape(text[:dateline]), ("briefing-dateline",)) + rest)
    # Escaping is per piece between mentions; a block with nothing to escape (most of them) only
    # needs its first piece checked, for what a line may not start with.
    verbatim = not has_inline_syntax(text)
    folder = here.rpartition("/")[0]
    parts, at = [], 0
    for mention in mentions:
        before = text[at:mention.start]
        parts.append(before if verbatim and at else escape(before, line_start=at == 0))
        surface = text[mention.start:mention.end]
        if not verbatim:
            surface = escape(surface, line_start=False)
        if mention.linked:
            parts += ("[", surface, _link_end(site, mention.entry, folder, here))
        else:
            number = quiet.setdefault(mention.entry, len(quiet))
            parts += ("<span data-e=", str(number), ">", surface, "</span>")  # (a number needs no quotes)
        at = mention.end
    rest = text[at:]
    parts.append(rest if verbatim and at else escape(rest, line_start=at == 0))
    return Markdown("".join(parts))


def _link_end(site: Site, key: str, folder: str, here: str) -> str:
    """What goes after a linked mention's text (``](target){ .mention ... }``), worked out once per
    entry and folder of a build: a page has dozens of mentions, and every article is in the same
    folder."""
    made = site.__dict__.setdefault("_link_end", {})
    found = made.get((key, folder))
    if found is None:
        entry = site.entries[key]
        empty = link(Markdown(""), relative(here, entry_path(entry)), classes=site.mention_classes(entry))
        found = made[(key, folder)] = empty[1:]  # after "["
    return found


def quiet_entries(quiet: dict[str, int]) -> Markdown:
    """The keys that an article's quiet spans number, in their numbers' order, for the text's
    ``data-entries``. The reader's "highlight mentions" control (docs/assets/briefing.js) lights
    every mention of one entry: a link's entry is its target (routes), a later mention's is the
    key its number points to here; the script gives a lit one its first mention's classes. Most
    of an article's mentions are later ones (~70 in a 5 KB article of a dense briefing): a number
    is ~30 bytes shorter than a key, which is written once a page (site bytes, GitHub Pages' 1 GB)."""
    return Markdown(attribute(" ".join(quiet)))  # numbered in insertion order


def by_category(site: Site, keys, here: str, linked: set[str] | None = None) -> list[dict]:
    """The entries of ``keys`` by category, as links to their profiles; given ``linked`` (the keys
    a list of articles has linked so far, which this adds to), an entry already linked above is
    named, not linked again, as an article links an entry's first mention only."""
    linked = set() if linked is None else linked  # (an article's own keys are distinct)
    groups = []
    for category in site.config.categories:
        entries = [site.entries[k] for k in keys if site.entries[k].category == category.key]
        if entries:
            names = []
            for entry in entries:
                named_above = entry.key in linked
                linked.add(entry.key)
                names.append(escape(entry.name, line_start=False) if named_above else site.entry_link(entry, here))
            groups.append({"title": category.title, "links": Markdown(", ".join(names))})
    return groups


def first_sentence(annotated: AnnotatedArticle) -> str:
    """The article's first sentence (of its first paragraph, after any dateline), for link previews."""
    block = next((b for b in annotated.article.blocks if b.kind is BlockKind.PARAGRAPH), None)
    if block is None:
        return annotated.article.title
    text = block.text[block.dateline:].strip(" -–—")
    spans = sentence_spans(text)
    sentence = text[spans[0][0]:spans[0][1]].strip() if spans else text
    return " ".join(sentence.split())


def render_article(site: Site, annotated: AnnotatedArticle) -> str:
    article = annotated.article
    here = article_path(annotated)
    by_block = {i: list(ms) for i, ms in groupby(annotated.mentions, key=lambda m: m.block)}
    quiet: dict[str, int] = {}
    blocks = [
        {"kind": block.kind.value, "id": block_id(i),
         "text": annotated_text(site, block.text, by_block.get(i, []), here, quiet, block.dateline)}
        for i, block in enumerate(article.blocks)
        if block.kind is not BlockKind.HEADLINE  # the page title; its mentions are counted, not shown
    ]
    keys = annotated.entries()
    meta = {
        "title": page_title(article.title),
        # Material's <meta name="description"> and the link previews (overrides/main.html).
        # MkDocs themes print it unescaped, inside an attribute: entities, like page_title.
        "description": attribute(first_sentence(annotated)),
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
        byline.append(link(Markdown("Original article"), article.url, classes=("briefing-original",)))
    position = site.positions[annotated.article.slug]
    newer = site.articles[position - 1] if position > 0 else None
    older = site.articles[position + 1] if position + 1 < len(site.articles) else None
    return ENV.get_template("article.md.j2").render(
        newer=site.article_link(newer, here) if newer else None,
        older=site.article_link(older, here) if older else None,
        front_matter=front_matter(meta),
        article=article,
        headline=Markdown(escape(article.title) + " {: #" + block_id(0) + " }"),
        search=Markdown(page_attributes(PageKind.ARTICLE, article.title, date=article.date,
                                        date_text=long_date(article.date) if article.date else "")),
        byline=Markdown(" · ".join(escape(b) if not isinstance(b, Markdown) else b for b in byline)),
        groups=by_category(site, keys, here),
        marks=MARKS,
        blocks=blocks,
        quiet=quiet_entries(quiet),
    )
