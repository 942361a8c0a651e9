"""Relationship maps for the home page and each entry's page (drawn by ``graph``)."""

from __future__ import annotations


from ..model import Entry
from . import graph
from .markdown import Markdown, escape
from .routes import HOME, entry_path, html_href
from .site import Site

MAP_NODES = 16  # entries on the home page's relationship map: 4 rows of 4 labels that can be read
ENTRY_NODES = 11  # companions on an entry's map (with the entry, 3 rows of 4)
PER_NODE = 2  # ties drawn per entry: its strongest
FEW = 10  # from this many articles on, a tie needs two shared articles
LEGEND_SHAPES = "●■◆▲⬢★"  # the map's shapes, by category position (see graph._SHAPES)
COMPANIONS_ANCHOR = "often-mentioned-with"  # the id MkDocs gives entry.md.j2's "Often mentioned with"


def _node(site: Site, key: str, here: str) -> graph.Node:
    entry = site.entries[key]
    position = [c.key for c in site.config.categories].index(entry.category)
    category = site.config.categories[position]
    return graph.Node(key, entry.name, position, category.singular, site.index.count(key), html_href(here, entry_path(entry)))


def _figure(svg: str, caption: Markdown, listing: str) -> Markdown:
    # data-search-exclude: the picture's labels are not text worth finding with search. On a narrow
    # screen, where the labels would be under 11 px, ``listing`` (class briefing-map-list: the same
    # ties as a list, or where to find them) replaces the picture.
    return Markdown(f'<figure class="briefing-map-figure" data-search-exclude markdown>\n{svg}\n{listing}\n<figcaption markdown>{caption}</figcaption>\n</figure>')


def _legend(site: Site) -> Markdown:
    return Markdown(" ".join(
        f'<span class="legend legend-category-{i}">{LEGEND_SHAPES[i % len(LEGEND_SHAPES)]} {escape(c.title)}</span>'
        for i, c in enumerate(site.config.categories)
    ))


def backbone(site: Site, keys: list[str], per_node: int = PER_NODE) -> list[graph.Edge]:
    """The ties worth drawing among ``keys``: each entry's ``per_node`` strongest, and in a briefing
    of more than a handful of articles only ties of at least two shared articles (one shared
    article is chance). At most ``per_node`` x nodes lines, whatever the size of the briefing."""
    floor = 2 if len(site.articles) >= FEW else 1
    return [graph.Edge(a, b, n) for a, b, n in site.index.ties(tuple(keys), per_node, floor)]


def _listing(site: Site, keys: list[str], edges: list[graph.Edge], here: str) -> str:
    ties: dict[str, list[tuple[str, int]]] = {k: [] for k in keys}
    for e in edges:
        ties[e.a].append((e.b, e.weight))
        ties[e.b].append((e.a, e.weight))
    items = []
    for key in keys:
        entry = site.entries[key]
        with_ = ", ".join(f'{site.entry_anchor(site.entries[k], here)} ({n})' for k, n in sorted(ties[key], key=lambda t: (-t[1], t[0])))
        items.append(f'<li>{site.entry_anchor(entry, here)} ({site.index.count(key)}){": with " + with_ if with_ else ""}</li>')
    return f'<ul class="briefing-map-list">{"".join(items)}</ul>'


def home_map_keys(site: Site) -> list[str]:
    """The entries on the home page's map: the most mentioned."""
    ranked = sorted((e for e in site.glossary.entries if site.index.count(e.key)), key=lambda e: (-site.index.count(e.key), e.key))
    return [e.key for e in ranked[:MAP_NODES]]


def home_map(site: Site) -> Markdown | None:
    keys = home_map_keys(site)
    if len(keys) < 2:
        return None
    nodes = [_node(site, k, HOME) for k in keys]
    edges = backbone(site, keys)
    title = f"Relationship map of the {len(keys)} most-mentioned entries"
    layout, height = graph.grid_layout(nodes, edges)
    svg = graph.svg(nodes, edges, layout, title, height=height)
    caption = f"{escape(title)}; a line joins two entries when they share articles and the tie is among the strongest of either."
    return _figure(svg, Markdown(f"{caption} {_legend(site)}"), _listing(site, keys, edges, HOME))


def entry_map(site: Site, entry: Entry, here: str) -> Markdown | None:
    companions = [k for k, _ in site.index.together.get(entry.key, ())[:ENTRY_NODES]]
    if not companions:
        return None
    keys = [entry.key, *companions]
    nodes = [_node(site, k, here) for k in keys]
    # Its own ties, and how its companions are tied to one another: what the list below does not say.
    own = {k: n for k, n in site.index.together[entry.key][:ENTRY_NODES]}
    among = [e for e in backbone(site, companions, per_node=1)]
    edges = [graph.Edge(entry.key, k, n) for k, n in own.items()] + among
    title = f"{entry.name} and the entries most often mentioned with it"
    layout, height = graph.grid_layout(nodes, edges, focus=entry.key)
    svg = graph.svg(nodes, edges, layout, title, focus=entry.key, height=height)
    # On a phone the page's own "Often mentioned with" list (every companion on the map, with its
    # count) stands in for the picture: a second list of the same entries would only repeat it.
    pointer = (f'<p class="briefing-map-list">The entries on this map are listed under '
               f'<a href="#{COMPANIONS_ANCHOR}">Often mentioned with</a>.</p>')
    return _figure(svg, Markdown(f"{escape(title)}, and the strongest ties among them. {_legend(site)}"), pointer)
