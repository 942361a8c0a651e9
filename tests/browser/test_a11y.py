"""axe-core (tools/axe, from the npm registry), injected into the real pages, light and dark.

No serious or critical violation on the home page, an article and a glossary page. Fixes of the
theme live in docs/assets/a11y.css. The relationship map and the search dialog
(overrides/partials/search.html; tests/browser/test_search.py) also have tests of their own.
Every run writes axe's full report to tests/artifacts/axe-<page>-<scheme>.json.
"""

from __future__ import annotations

import json

import pytest

from .conftest import ARTICLE, GLOSSARY, HOME

PAGES = {"home": HOME, "article": ARTICLE, "glossary": GLOSSARY}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's palette
SERIOUS = ("serious", "critical")
MAP = ".briefing-map"
# (axe rule, element) pairs the page test leaves to a test of their own (none at present).
PENDING: set[tuple[str, str]] = set()


def run_axe(page, axe_source: str, context: dict | None = None, options: dict | None = None) -> dict:
    page.add_script_tag(content=axe_source)  # inline: injecting axe is not a request
    return page.evaluate("""async ([context, options]) => {
        const results = await axe.run(context || document, {...(options || {}), resultTypes: ['violations']});
        return {version: axe.version, violations: results.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), impact: n.impact, html: n.html.slice(0, 300),
                                      summary: n.failureSummary}))}))};
    }""", [context, options])


def serious(result: dict, pending=frozenset()) -> list[dict]:
    found = []
    for violation in result["violations"]:
        nodes = [n for n in violation["nodes"]
                 if (n["impact"] or violation["impact"]) in SERIOUS and (violation["id"], n["target"]) not in pending]
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']} - {v['help']} ({len(v['nodes'])} elements) {v['helpUrl']}")
        for n in v["nodes"][:5]:
            lines.append(f"    {n['target']}: {n['html']}")
            lines.append("      " + (n["summary"] or "").replace("\n", "\n      "))
    return "\n".join(lines)


def open_page(page, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_accessibility_violations(page, axe_source, artifacts, name, scheme):
    open_page(page, PAGES[name], scheme)
    result = run_axe(page, axe_source, {"exclude": [[MAP]]})
    (artifacts / f"axe-{name}-{scheme}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    found = serious(result, PENDING)
    assert not found, f"axe {result['version']}, {name} page ({scheme}):\n" + describe(found)


def test_a11y_stylesheet_is_in_the_site(page):
    page.goto(HOME)
    sheets = page.evaluate("[...document.styleSheets].map(s => s.href || '')")
    assert any(href.endswith("/assets/a11y.css") for href in sheets), sheets


def test_search_dialog_has_an_accessible_name(page, axe_source):
    open_page(page, HOME, "light")
    page.locator(".briefing-search-open").click()
    result = run_axe(page, axe_source, None, {"runOnly": ["aria-dialog-name"]})
    found = serious(result)
    assert not found, describe(found)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("name", ["home", "glossary"])
def test_relationship_map_is_accessible(page, axe_source, name, scheme):
    open_page(page, PAGES[name], scheme)
    assert page.locator(f"svg{MAP}").count() == 1, "no relationship map on the page"
    result = run_axe(page, axe_source, {"include": [[MAP]]})
    found = serious(result)
    assert not found, describe(found)
