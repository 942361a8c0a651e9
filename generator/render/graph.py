"""The relationship map: which entries appear together, drawn at build time as inline SVG.

Pure and deterministic: the same index gives the same picture, byte for byte. Nodes are shaped
and coloured by category (shape alone tells the categories apart, for readers who do not see
colour), sized by how many articles mention them; edges are as thick as the number of articles
two entries share. The whole-briefing map uses a small force-directed layout; an entry's own map
puts the entry in the middle and its most frequent companions around it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape as html_escape

WIDTH, HEIGHT = 800, 520
MARGIN = 60

# Shapes by the category's position in briefing.yml; a 7th category reuses the first shape.
_SHAPES = ("circle", "square", "diamond", "triangle", "hexagon", "star")


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    category: int  # index of the category in the configuration
    kind: str  # the category's singular, for the CSS class
    weight: int  # articles mentioning the entry
    href: str  # the entry's summary is not drawn in: editing it must not redraw every map it is on


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    weight: int  # articles mentioning both


def force_layout(nodes: list[Node], edges: list[Edge], iterations: int = 300) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold from a fixed circle: deterministic, and cheap for the ~40 nodes drawn."""
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0].key: (WIDTH / 2, HEIGHT / 2)}
    pos = {
        node.key: [math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)]
        for i, node in enumerate(nodes)
    }
    k = math.sqrt(4.0 / n)
    temperature = 0.2
    keys = [node.key for node in nodes]
    for _ in range(iterations):
        move = {key: [0.0, 0.0] for key in keys}
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                dist = math.hypot(dx, dy) or 1e-6
                force = k * k / dist
                move[a][0] += dx / dist * force
                move[a][1] += dy / dist * force
                move[b][0] -= dx / dist * force
                move[b][1] -= dy / dist * force
        for edge in edges:
            dx, dy = pos[edge.a][0] - pos[edge.b][0], pos[edge.a][1] - pos[edge.b][1]
            dist = math.hypot(dx, dy) or 1e-6
            force = dist * dist / k * (1 + math.log(edge.weight))
            move[edge.a][0] -= dx / dist * force
            move[edge.a][1] -= dy / dist * force
            move[edge.b][0] += dx / dist * force
            move[edge.b][1] += dy / dist * force
        for key in keys:
            dx, dy = move[key]
            length = math.hypot(dx, dy) or 1e-6
            step = min(length, temperature)
            pos[key][0] += dx / length * step
            pos[key][1] += dy / length * step
        temperature *= 0.985
    return _fit(pos)


def ring_layout(center: str, others: list[str]) -> dict[str, tuple[float, float]]:
    """The entry in the middle, its companions evenly round it (the strongest at the top)."""
    layout = {center: (WIDTH / 2, HEIGHT / 2)}
    radius_x, radius_y = WIDTH / 2 - MARGIN * 2, HEIGHT / 2 - MARGIN
    for i, key in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(others), 1)
        layout[key] = (WIDTH / 2 + radius_x * math.cos(angle), HEIGHT / 2 + radius_y * math.sin(angle))
    return layout


FONT = 14  # label size in the picture's units; shown at >= 640 px wide (CSS), that is >= 11 px
LINE = 17
CHAR = 0.64 * FONT  # a generous average advance (DejaVu Sans is among the widest): labels never meet
COLUMNS = 4
CELL = WIDTH / COLUMNS
LABEL_WIDTH = CELL - 16
NODE_MAX = 14 * 1.25 + 2  # the largest shape's reach from its centre, stroke included


def wrap(label: str, width: float = LABEL_WIDTH) -> list[str]:
    """A label cut into lines at spaces, each at most ``width`` wide (a single long word stays whole)."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1] + " " + word) * CHAR <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [label]


def grid_layout(nodes: list[Node], edges: list[Edge], focus: str | None = None) -> tuple[dict[str, tuple[float, float]], int]:
    """Nodes in a grid of cells, each wide and tall enough for its node and its label below it, so
    no label can touch another label or node at any number of nodes; which node goes in which cell
    follows the force layout (tied entries stay near each other), the heaviest placed first, the
    focus in the middle of the top rows. Returns the positions and the picture's height."""
    n = len(nodes)
    rows = max(1, math.ceil(n / COLUMNS))
    lines = max((len(wrap(node.label)) for node in nodes), default=1)
    cell_height = 2 * NODE_MAX + 8 + lines * LINE + 10
    height = int(rows * cell_height + 2 * 10)
    # An entry's map (a focus) is seeded by the ring of its companions, strongest first: a force
    # layout for each of thousands of profiles was 85% of a build (36 s of 42 at 2,000 articles).
    if focus is not None:
        others = [node.key for node in sorted(nodes, key=lambda node: (-node.weight, node.key)) if node.key != focus]
        seed = ring_layout(focus, others)
    else:
        seed = force_layout(nodes, edges)
    free = [(c, r) for r in range(rows) for c in range(COLUMNS)]
    order = sorted(nodes, key=lambda node: (node.key != focus, -node.weight, node.key))
    placed: dict[str, tuple[float, float]] = {}
    for node in order:
        if node.key == focus:
            want = ((COLUMNS - 1) / 2, (rows - 1) / 2)
        else:
            x, y = seed[node.key]
            want = ((x - MARGIN * 2) / (WIDTH - MARGIN * 4) * (COLUMNS - 1), (y - MARGIN) / (HEIGHT - MARGIN * 2) * (rows - 1))
        cell = min(free, key=lambda cr: ((cr[0] - want[0]) ** 2 + (cr[1] - want[1]) ** 2, cr[1], cr[0]))
        free.remove(cell)
        placed[node.key] = ((cell[0] + 0.5) * CELL, 10 + cell[1] * cell_height + NODE_MAX + 4)
    return placed, height


def _fit(pos: dict[str, list[float]]) -> dict[str, tuple[float, float]]:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x = (max(xs) - min(xs)) or 1
    span_y = (max(ys) - min(ys)) or 1
    return {
        key: (MARGIN * 2 + (x - min(xs)) / span_x * (WIDTH - MARGIN * 4), MARGIN + (y - min(ys)) / span_y * (HEIGHT - MARGIN * 2))
        for key, (x, y) in pos.items()
    }


def _shape(category: int, size: float) -> str:
    shape = _SHAPES[category % len(_SHAPES)]
    s = f"{size:.1f}"
    if shape == "circle":
        return f'<circle r="{s}"/>'
    if shape == "square":
        return f'<rect x="-{s}" y="-{s}" width="{2 * size:.1f}" height="{2 * size:.1f}"/>'
    corners = {"diamond": 4, "triangle": 3, "hexagon": 6, "star": 10}[shape]
    points = []
    for i in range(corners):
        angle = -math.pi / 2 + 2 * math.pi * i / corners
        r = size * (1.25 if shape != "star" or i % 2 == 0 else 0.55)
        points.append(f"{r * math.cos(angle):.1f},{r * math.sin(angle):.1f}")
    return f'<polygon points="{" ".join(points)}"/>'


def _label(text: str) -> str:
    """The label under its node, in lines (tspans), its first baseline clear of the largest shape."""
    lines = wrap(text)
    top = NODE_MAX + 4 + FONT * 0.8
    # A space ends every line but the last, so the label's text (its accessible name) keeps its words apart.
    spans = "".join(f'<tspan x="0" y="{top + i * LINE:.1f}">{html_escape(line)}{" " if i < len(lines) - 1 else ""}</tspan>'
                    for i, line in enumerate(lines))
    return f"<text>{spans}</text>"


def svg(nodes: list[Node], edges: list[Edge], layout: dict[str, tuple[float, float]], title: str, focus: str | None = None,
        height: int = HEIGHT) -> str:
    """One self-contained <svg> element (no blank lines, so Markdown passes it through as HTML)."""
    heaviest = max((n.weight for n in nodes), default=1) or 1
    strongest = max((e.weight for e in edges), default=1) or 1
    parts = [
        # role="group", not "img": an image would hide the links to the entries from screen readers.
        f'<svg class="briefing-map" viewBox="0 0 {WIDTH} {height}" role="group" aria-label="{html_escape(title)}">',
        f"<title>{html_escape(title)}</title>",
        '<g class="edges">',
    ]
    for edge in edges:
        (x1, y1), (x2, y2) = layout[edge.a], layout[edge.b]
        width = 1 + 5 * edge.weight / strongest
        parts.append(
            f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke-width="{width:.1f}">'
            f"<title>{edge.weight} shared article{'s' if edge.weight != 1 else ''}</title></line>"
        )
    parts.append('</g><g class="nodes">')
    for node in nodes:
        x, y = layout[node.key]
        size = 6 + 8 * math.sqrt(node.weight / heaviest)
        classes = f"node node-{node.kind.replace(' ', '-')} node-category-{node.category}" + (" node-focus" if node.key == focus else "")
        label = html_escape(node.label)
        # The link's name is its <title>, which starts with the visible label (axe: label-content-name-mismatch).
        articles = f'{node.weight} article{"s" if node.weight != 1 else ""}'
        parts.append(
            f'<a href="{html_escape(node.href)}"><title>{label} ({articles})</title>'
            f'<g class="{classes}" transform="translate({x:.1f},{y:.1f})">{_shape(node.category, size)}'
            f'{_label(node.label)}</g></a>'
        )
    parts.append("</g></svg>")
    return "".join(parts)
