"""The pages that list others: home, timeline (a page a year once long), glossary and categories."""

from __future__ import annotations

import json
import unicodedata
from itertools import groupby

from ..model import AnnotatedArticle, Entry
from ..text import sort_key
from .article import by_category
from .maps import home_map
from .markdown import Markdown, escape, link
from .frontmatter import front_matter
from ..dates import MONTHS, long_date
from .routes import GLOSSARY_INDEX, HOME, SITE_FEED, TIMELINE, category_index_path, relative, timeline_part_path
from .site import ENV, Site, category_phrase, html_text, in_sentence, page_title

LATEST = 10  # articles on the home page
TOP = 5  # most-mentioned entries per category on the home page
TIMELINE_INLINE = 200  # up to this many articles the timeline is one page; beyond, one page a year


def _article_row(site: Site, annotated: AnnotatedArticle, here: str, linked: set[str]) -> dict:
    article = annotated.article
    return {
        "date": long_date(article.date),
        "link": site.article_link(annotated, here),
        "source": article.source or "",
        # Each entry linked where the page first names it: a timeline page lists 200 articles
        # and ~3,000 names, a few hundred of them distinct (a link is ~50 bytes more than its
        # name: 25 MB of a 30,000-article site).
        "entries": by_category(site, annotated.entries(), here, linked),
    }


def render_timeline(site: Site) -> dict[str, str]:
    """Every article by date: years, then months; undated articles apart at the end.

    A long briefing gets one page a year, so no page lists every article."""
    years: dict[int | None, list[AnnotatedArticle]] = {}  # None: undated
    for annotated in site.articles:
        day = annotated.article.date
        years.setdefault(day.year if day else None, []).append(annotated)
    if len(site.articles) <= TIMELINE_INLINE:
        return {TIMELINE: _timeline_page(site, TIMELINE, "Timeline", {_year_label(y): a for y, a in years.items()})}
    pages, overview = {}, []
    for year, articles in years.items():
        label = _year_label(year)
        # A year (or the undated pile) longer than a page is cut into pages of its own.
        parts = [articles[i:i + TIMELINE_INLINE] for i in range(0, len(articles), TIMELINE_INLINE)]
        paths = [timeline_part_path(year, n) for n in range(1, len(parts) + 1)]
        month_page: dict[str, str] = {}
        for path, part in zip(paths, parts):
            up = link(Markdown("All years"), relative(path, TIMELINE))
            if len(parts) > 1:
                pager = " · ".join(str(n) if p == path else link(Markdown(str(n)), relative(path, p)) for n, p in enumerate(paths, 1))
                up = Markdown(f"{up} · Pages: {pager}")
            pages[path] = _timeline_page(site, path, f"Timeline: {label}", {label: part}, up)
            for a in part:
                if a.article.date:
                    month_page.setdefault(MONTHS[a.article.date.month - 1], path)
        overview.append({
            "link": link(escape(label), relative(TIMELINE, paths[0])),
            "count": len(articles),
            # The anchors MkDocs gives the parts' "### July 2017" headings.
            "months": [link(escape(m), relative(TIMELINE, p) + "#" + f"{m.lower()}-{label}") for m, p in month_page.items()],
        })
    pages[TIMELINE] = ENV.get_template("timeline_index.md.j2").render(
        front_matter=front_matter({"title": "Timeline"}), years=overview, total=len(site.articles),
        feed=Markdown(relative(TIMELINE, SITE_FEED)),
    )
    return pages


def _year_label(year: int | None) -> str:
    return "Undated" if year is None else str(year)


def _timeline_page(site: Site, here: str, title: str, years: dict[str, list[AnnotatedArticle]], up: Markdown | None = None) -> str:
    grouped: dict[str, dict[str, list[dict]]] = {}
    linked: set[str] = set()
    for year, articles in years.items():
        for annotated in articles:
            day = annotated.article.date
            month = MONTHS[day.month - 1] if day else ""
            grouped.setdefault(year, {}).setdefault(month, []).append(_article_row(site, annotated, here, linked))
    return ENV.get_template("timeline.md.j2").render(
        front_matter=front_matter({"title": page_title(title)}), title=title, years=grouped,
        total=sum(len(a) for a in years.values()), up=up, categories=category_phrase(site.config),
        feed=Markdown(relative(here, SITE_FEED)),
    )


def _ranked(site: Site, category_key: str) -> list[Entry]:
    entries = [e for e in site.glossary.entries if e.category == category_key]
    return sorted(entries, key=lambda e: (-site.index.count(e.key), e.name.casefold()))


LETTER_JUMP = 40  # a category longer than this is cut by initial letter, with a jump list


def _initial(name: str) -> str:
    first = unicodedata.normalize("NFKD", name.strip()[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def _alphabetical(entries) -> list[Entry]:
    return sorted(entries, key=lambda e: sort_key(e.name))


def render_glossary_index(site: Site) -> str:
    """Every entry of every category, alphabetically; a long category by letter, with a jump list."""
    here = GLOSSARY_INDEX
    categories = []
    for category in site.config.categories:
        entries = _alphabetical(e for e in site.glossary.entries if e.category == category.key)
        long = len(entries) > LETTER_JUMP
        letters = []
        for letter, group in groupby(entries, key=lambda e: _initial(e.name)):
            anchor = f"{category.key}-{'other' if letter == '#' else letter.lower()}"
            letters.append({"letter": letter, "id": anchor, "links": [site.entry_anchor(e, here) for e in group]})
        categories.append({
            "title": category.title,
            "link": link(escape(category.title), relative(here, category_index_path(category.key))),
            "count": len(entries),
            "mentioned": sum(1 for e in entries if site.index.count(e.key)),
            "letters": letters if long else [],
            "links": [] if long else [site.entry_anchor(e, here) for e in entries],
        })
    return ENV.get_template("glossary_index.md.j2").render(
        front_matter=front_matter({"title": "Glossary"}), categories=categories, kinds=category_phrase(site.config, plural=False),
    )


def render_category_index(site: Site, category) -> str:
    here = category_index_path(category.key)
    entries = _alphabetical(e for e in site.glossary.entries if e.category == category.key)

    def row(e: Entry) -> dict:
        return {"link": site.entry_anchor(e, here), "summary": html_text(e.summary), "count": site.index.count(e.key)}

    mentioned = [e for e in entries if site.index.count(e.key)]
    field = category.group_field  # briefing.yml's group_by, or config's automatic choice
    groups = []
    if field is not None:
        by_value: dict[str, list[Entry]] = {}
        for e in mentioned:
            # A refs field (several values) lists the entry under each of them.
            values = next((f.values for f in e.facts if f.field.key == field.key and f.values), ("",))
            for value in values:
                by_value.setdefault(value, []).append(e)
        heads = {v for v in by_value if v and site.named[v].category == category.key}
        for value in sorted((v for v in by_value if v), key=sort_key):
            head = site.named[value]
            members = [e for e in by_value[value]]
            groups.append({
                "title": site.entry_link(head, here),
                "about": {"summary": head.summary, "count": site.index.count(head.key)}
                if head.category == category.key and site.index.count(head.key) else None,
                "rows": [row(e) for e in members],
            })
        rest = [e for e in by_value.get("", []) if e.name not in heads]
        if rest:
            groups.append({"title": escape(f"No {field.label.lower()}" if field.target != category.key else f"Other {in_sentence(category.title)}"),
                           "about": None, "rows": [row(e) for e in rest]})
    else:
        groups.append({"title": None, "about": None, "rows": [row(e) for e in mentioned]})
    quiet = [{"link": site.entry_anchor(e, here), "summary": html_text(e.summary)} for e in entries if not site.index.count(e.key)]
    return ENV.get_template("category_index.md.j2").render(
        front_matter=front_matter({"title": page_title(category.title)}), category=category,
        field=field.label.lower() if field else "", groups=groups, quiet=quiet,
        count=len(entries), mentioned=len(mentioned), plural=in_sentence(category.title),
    )


def render_home(site: Site) -> str:
    here = HOME
    dated = [a.article.date for a in site.articles if a.article.date]
    latest_linked: set[str] = set()  # the latest articles' entries, each linked where first named
    ranked = []
    for category in site.config.categories:
        top = [(e, site.index.count(e.key)) for e in _ranked(site, category.key)[:TOP]]
        top = [{"link": site.entry_link(e, here), "count": n} for e, n in top if n]
        ranked.append({"title": category.title, "in_sentence": in_sentence(category.title), "count": sum(1 for e in site.glossary.entries if e.category == category.key), "top": top})
    return ENV.get_template("home.md.j2").render(
        # "Home": Material writes "<page title> - <site name>", and the site's name is the title.
        front_matter=front_matter({"title": "Home"}),
        config=site.config,
        total=len(site.articles),
        undated=len(site.articles) - len(dated),
        first=long_date(min(dated)) if dated else "",
        last=long_date(max(dated)) if dated else "",
        latest=[_article_row(site, a, here, latest_linked) for a in site.articles[:LATEST]],
        ranked=ranked,
        map=home_map(site),
        # Markdown: a path is a link target as it is (a category key's "_" must stay one).
        timeline=Markdown(relative(here, TIMELINE)),
        feed=Markdown(relative(here, SITE_FEED)),
        glossary=Markdown(relative(here, GLOSSARY_INDEX)),
    )


def render_summaries(site: Site) -> str:
    """Every entry's name and summary by key (``{"people/kim-jong-un": ["Kim Jong-un", "..."]}``):
    the hover text of every link to an entry, which docs/assets/briefing.js fetches once, when a
    reader first points at one. Pages link entries by key only, so that editing a summary changes
    this file and the entry's own pages, not the thousands of pages that link the entry."""
    summaries = {e.key: [e.name, e.summary] for e in sorted(site.glossary.entries, key=lambda e: e.key)}
    return json.dumps(summaries, ensure_ascii=False, separators=(",", ":")) + "\n"
