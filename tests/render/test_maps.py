"""Relationship maps (issue 14): a grid in which no label can meet another label or a node, and
only the strongest ties, at any size of briefing."""

from __future__ import annotations


from generator.render import graph
from generator.render.graph import CELL, CHAR, FONT, LINE, NODE_MAX, Edge, Node, grid_layout, wrap


def boxes(nodes, layout):
    """Estimated label boxes (the same generous advance the layout uses) and node boxes."""
    labels, shapes = [], []
    for node in nodes:
        x, y = layout[node.key]
        lines = wrap(node.label)
        width = max(len(line) for line in lines) * CHAR
        top = y + NODE_MAX + 4
        labels.append((x - width / 2, top, x + width / 2, top + len(lines) * LINE))
        shapes.append((x - NODE_MAX, y - NODE_MAX, x + NODE_MAX, y + NODE_MAX))
    return labels, shapes


def meet(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_grid_keeps_every_label_apart_and_inside():
    names = ["Intercontinental ballistic missile", "Kim Jong-un", "United States", "Intermediate-range ballistic missile",
             "Russia", "Hwasong-12", "Emmanuel Macron", "Democratic People's Republic of Korea"] * 2
    nodes = [Node(f"k{i}", name, i % 3, "x", 20 - i, "#") for i, name in enumerate(names)]
    edges = [Edge(f"k{i}", f"k{(i * 5) % 16}", 1 + i % 4) for i in range(16) if i != (i * 5) % 16]
    layout, height = grid_layout(nodes, edges)
    assert layout == grid_layout(nodes, edges)[0], "deterministic"
    labels, shapes = boxes(nodes, layout)
    for i, label in enumerate(labels):
        assert 0 <= label[0] and label[2] <= graph.WIDTH and label[3] <= height, (names[i], label)
        assert not any(meet(label, other) for other in labels[i + 1:])
        assert not any(meet(label, shape) for shape in shapes)
    picture = graph.svg(nodes, edges, layout, "t", height=height)
    assert f'viewBox="0 0 {graph.WIDTH} {height}"' in picture
    assert "<tspan" in picture and "Intercontinental ballistic " in picture
    assert FONT * 640 / graph.WIDTH >= 11 and CELL > max(len(line) for n in names for line in wrap(n)) * CHAR


def test_maps_draw_only_the_strongest_ties(project):
    from generator.pipeline import generate

    for i in range(12):
        project.article(f"x{i}.txt", f"---\ndate: 2017-01-{i + 1:02d}\n---\nStory {i}\n\nChina, North Korea and the US met Kim Jong-un and Hu Jintao.\n")
    _, pages, _ = generate(project.root)
    home = pages["index.md"]
    nodes, lines = home.count('<g class="node '), home.count('<line class="edge"')
    assert 2 <= nodes <= 16 and lines <= 2 * nodes
    assert '<ul class="briefing-map-list">' in home  # the phone's version of the same map
    china = pages["glossary/states/china.md"]
    assert 'node-focus' in china
    # On a phone the entry's own companions list stands in for its map: one pointer, no second list.
    assert '<a href="#often-mentioned-with">' in china and '<ul class="briefing-map-list">' not in china
    assert "## Often mentioned with" in china
