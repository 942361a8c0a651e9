"""Relationship maps for the home page and each entry's page (drawn by ``graph``)."""

from __future__ import annotations

from ..model import Entry
from . import graph
from .markdown import Markdown, escape
from .site import TOGETHER, Site, html_href

MAP_NODES = 30  # entries on the home page's relationship map
LEGEND_SHAPES = "●■◆▲⬢★"  # the map's shapes, by category position (see graph._SHAPES)


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
