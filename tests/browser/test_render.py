"""What the pages look like: screenshots for people, the timeline and the relationship map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from .conftest import ARTICLE, GLOSSARY, HOME

SCREENSHOTS = {"home": HOME, "article": ARTICLE, "glossary": GLOSSARY}
MAP_NODES = 16  # the home page's map shows at most this many (the most mentioned) entries
ENTRY_NODES = 11  # an entry's map: the entry and at most this many companions
ARTICLE_HREF = re.compile(r"/articles/[^/#?]+/$")


def articles(docs: Path) -> list[dict]:
    """The generated article pages' front matter, newest first (undated last)."""
    found = []
    for path in sorted((docs / "articles").glob("*.md")):
        if path.name == "index.md":
            continue
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        found.append({**meta, "slug": path.stem})
    return sorted(found, key=lambda a: str(a.get("date") or ""), reverse=True)


def mentioned_entries(docs: Path) -> set[str]:
    return {name for article in articles(docs) for names in (article.get("entities") or {}).values() for name in names}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(SCREENSHOTS))
def test_screenshot(page, artifacts, name, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(SCREENSHOTS[name])
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    # The theme's style sheets are applied: the header has the indigo primary colour.
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(64, 81, 181)", header
    suffix = "" if scheme == "light" else "-dark"
    path = artifacts / f"{name}{suffix}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize("scheme, toggle", [("light", "palette-0"), ("dark", "palette-1")])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_header_icons_are_drawn_from_the_sprite(page, scheme, toggle, width):
    """The header's icons point into assets/icons.svg (generator/chrome.py): each one the reader
    sees has been drawn from it (an icon whose symbol failed to load has no box)."""
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    page.goto(ARTICLE)
    page.wait_for_load_state("networkidle")
    drawn = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.md-header svg use')]
        .filter(use => use.closest('svg').getBoundingClientRect().width > 0)
        .map(use => [use.getAttribute('href').split('#')[1], use.getBBox().width]))""")
    assert drawn.get(toggle, 0) > 10 and drawn.get("search", 0) > 10, drawn
    if width > 1000:  # on a phone the header's logo gives way to the menu button
        assert drawn.get("logo", 0) > 10, drawn
    assert set(drawn) <= {"logo", "search", "palette-0", "palette-1"}, drawn


# --------------------------------------------------------------------------- timeline


def test_timeline_lists_every_article_once_newest_first(page, site_project):
    expected = [a["slug"] for a in articles(site_project / "docs") if a.get("date")]
    response = page.goto("timeline/")
    assert response is not None and response.ok, "no timeline page"
    content = page.locator("article.md-content__inner")
    expect(content).to_be_visible()
    hrefs = content.locator("a[href]").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    linked = [re.search(r"/articles/([^/]+)/$", h).group(1) for h in hrefs if ARTICLE_HREF.search(h)]
    assert len(linked) == len(expected), f"{len(linked)} article items on the timeline, expected {len(expected)}"
    assert linked == expected  # each article once, newest first
    for link in content.locator("a[href]").all():
        if ARTICLE_HREF.search(link.evaluate("a => new URL(a.href).pathname")):
            expect(link).to_be_visible()


def test_timeline_leads_to_the_articles(page, site_project):
    newest = articles(site_project / "docs")[0]
    page.goto("timeline/")
    page.locator("article.md-content__inner a[href*='articles/']", has_text=newest["title"]).first.click()
    expect(page).to_have_url(re.compile(rf"/articles/{re.escape(newest['slug'])}/$"))


# --------------------------------------------------------------------------- relationship map


def map_nodes(page) -> list[dict]:
    """The map's nodes as drawn: label, link target and box; the map must be visible."""
    svg = page.locator("svg.briefing-map")
    expect(svg).to_have_count(1)
    expect(svg).to_be_visible()
    box, nodes = svg.evaluate("""svg => [svg.getBoundingClientRect().toJSON(), [...svg.querySelectorAll('g.node')].map(g => {
        const r = g.getBoundingClientRect(), a = g.closest('a');
        return {label: ((g.querySelector("text") || {}).textContent || "").trim(),
                href: a ? new URL(a.getAttribute('href') || a.getAttribute('xlink:href'), location.href).pathname : null,
                x: r.x, y: r.y, width: r.width, height: r.height};
    })]""")
    slack = 40  # labels may stick out of the drawing area a little (the svg has overflow: visible)
    for node in nodes:
        assert node["width"] > 0 and node["height"] > 0, f"{node['label']} is not drawn"
        inside = (box["x"] - slack <= node["x"] and node["x"] + node["width"] <= box["x"] + box["width"] + slack
                  and box["y"] - slack <= node["y"] and node["y"] + node["height"] <= box["y"] + box["height"] + slack)
        assert inside, f"{node['label']} is drawn outside the map: {node} not in {box}"
    return nodes


def test_home_map_shows_the_mentioned_entries(page, site_project):
    page.goto(HOME)
    page.locator("svg.briefing-map").scroll_into_view_if_needed()
    nodes = map_nodes(page)
    mentioned = mentioned_entries(site_project / "docs")
    assert len(nodes) == min(MAP_NODES, len(mentioned)), f"{len(nodes)} nodes, {len(mentioned)} entries mentioned"
    assert {n["label"] for n in nodes} <= mentioned
    hrefs = [n["href"] for n in nodes]
    assert all(h and re.search(r"/glossary/[^/]+/[^/]+/$", h) for h in hrefs), hrefs
    assert len(set(hrefs)) == len(hrefs), "each entry once"


def test_glossary_map_shows_the_entry_and_its_companions(page):
    page.goto(GLOSSARY)
    companions = page.locator("#often-mentioned-with + ul > li").evaluate_all(
        "items => items.map(li => li.querySelector('a').textContent.trim())")
    assert companions, "the page lists the entries often mentioned with it"
    page.locator("svg.briefing-map").scroll_into_view_if_needed()
    nodes = map_nodes(page)
    assert len(nodes) == 1 + min(len(companions), ENTRY_NODES)
    assert sorted(n["label"] for n in nodes) == sorted(["Vladimir Putin", *companions[:ENTRY_NODES]])


def test_map_node_leads_to_its_glossary_page(page):
    page.goto(HOME)
    node = page.locator("svg.briefing-map g.node", has=page.locator("text", has_text=re.compile("^North Korea$")))
    expect(node).to_have_count(1)
    shape = node.locator(":scope > :is(circle, rect, polygon, path, ellipse)").first
    shape.scroll_into_view_if_needed()
    shape.click()
    expect(page).to_have_url(re.compile(r"/glossary/states/north-korea/$"))


@pytest.mark.parametrize("name", list(SCREENSHOTS))
def test_usable_on_a_phone(page, artifacts, name):
    """A phone-sized screen: nothing wider than the screen, the menu reachable, the map scaled down."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(SCREENSHOTS[name])
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than a 390px screen"
    expect(page.locator("label.md-header__button[for='__drawer']")).to_be_visible()
    maps = page.locator("svg.briefing-map")
    if maps.count() and maps.first.is_visible():  # a narrow screen shows the map's list instead
        assert maps.first.bounding_box()["width"] <= 390
    page.screenshot(path=str(artifacts / f"phone-{name}.png"), full_page=True)
