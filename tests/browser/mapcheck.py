"""The relationship maps' readability check (#14), shared by the browser tests and the benchmark.

Every label and every node of the rendered SVG (``svg.briefing-map``) is measured with the browser's
own boxes (getBoundingClientRect, so after the viewBox's scaling and the page's CSS): a label must
not overlap another label or any node, must lie inside the picture, and must be at least 11 px.
Importable without pytest (``tests.browser.mapcheck`` with the repository root on sys.path), so
``bench/bench.py`` runs the same check on its 2,000-article site.
"""

from __future__ import annotations

MIN_LABEL_PX = 11

MEASURE = """svg => {
    const box = svg.getBoundingClientRect(), scale = svg.getScreenCTM().a;
    const rect = e => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, r: r.right, b: r.bottom}; };
    return {box: rect(svg), scale,
            labels: [...svg.querySelectorAll('g.node text')].map(t => ({name: t.textContent.trim(), ...rect(t),
                     px: parseFloat(getComputedStyle(t).fontSize) * scale})),
            nodes: [...svg.querySelectorAll('g.node > :is(circle, rect, polygon)')].map(s => ({
                     name: s.parentElement.querySelector('text').textContent, ...rect(s)}))};
}"""

SELECTOR = "svg.briefing-map"


def overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["r"] and b["x"] < a["r"] and a["y"] < b["b"] and b["y"] < a["b"]


def problems(drawn: dict) -> list[str]:
    """Every overlap, clipping and too-small label in what MEASURE returned, one line each."""
    box, labels, nodes = drawn["box"], drawn["labels"], drawn["nodes"]
    found = []
    for i, label in enumerate(labels):
        if label["px"] < MIN_LABEL_PX:
            found.append(f"{label['name']!r} is {label['px']:.1f}px")
        if label["x"] < box["x"] or label["r"] > box["r"] or label["y"] < box["y"] or label["b"] > box["b"]:
            found.append(f"{label['name']!r} clipped by the picture's edge")
        found += [f"{label['name']!r} overlaps label {other['name']!r}" for other in labels[i + 1:] if overlap(label, other)]
        found += [f"{label['name']!r} overlaps node {node['name']!r}" for node in nodes if overlap(label, node)]
    return found


def measure(page) -> dict | None:
    """The map of the page open in ``page``, scrolled into view and measured; None if it has no
    visible map."""
    svg = page.locator(SELECTOR)
    if not svg.count() or not svg.first.is_visible():
        return None
    svg.first.scroll_into_view_if_needed()
    return svg.first.evaluate(MEASURE)


def check_map(page) -> int:
    """Assert that the page's map is visible and readable; the number of labels it draws."""
    from playwright.sync_api import expect

    svg = page.locator(SELECTOR)
    expect(svg).to_be_visible()
    drawn = svg.evaluate(MEASURE)
    found = problems(drawn)
    assert not found, "\n".join(found)
    return len(drawn["labels"])
