"""generator/chrome.py: the header's icons in one sprite and the palette script in one file, made
from the theme the configuration names; and, built for real, pages that point into them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import chrome

MATERIAL = Path(__import__("material").__file__).parent / "templates"


class Theme(dict):
    """What chrome reads of MkDocs' Theme: its settings by key."""


@pytest.mark.parametrize("settings, expected", [
    ({}, {"top": "material/arrow-up", "search": "material/magnify", "logo": "material/library"}),
    ({"icon": {"logo": "fontawesome/solid/newspaper", "top": "material/chevron-up"}},
     {"top": "material/chevron-up", "search": "material/magnify", "logo": "fontawesome/solid/newspaper"}),
    ({"logo": "assets/logo.png"}, {"top": "material/arrow-up", "search": "material/magnify"}),  # an image: no icon
    ({"palette": [{"toggle": {"icon": "material/brightness-7"}}, {"scheme": "slate"},
                  {"toggle": {"icon": "material/brightness-4"}}]},
     {"top": "material/arrow-up", "search": "material/magnify", "logo": "material/library",
      "palette-0": "material/brightness-7", "palette-2": "material/brightness-4"}),
    ({"palette": {"scheme": "slate"}}, {"top": "material/arrow-up", "search": "material/magnify", "logo": "material/library"}),
])
def test_the_icons_are_those_materials_partials_would_draw(settings, expected):
    assert chrome.icon_names(Theme(settings)) == expected


def test_the_sprite_holds_each_icon_as_the_theme_draws_it(tmp_path):
    ours = tmp_path / "overrides"
    (ours / ".icons/custom").mkdir(parents=True)
    (ours / ".icons/custom/mark.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 448 512"><path d="M0 0h448v512H0z"/></svg>')
    names = {"logo": "custom/mark", "search": "material/magnify"}
    sprite, boxes = chrome.sprite([ours, MATERIAL], names)
    assert boxes == {"logo": "0 0 448 512", "search": "0 0 24 24"}
    symbols = {s.get("id"): s for s in ET.fromstring(sprite)}
    assert set(symbols) == {"logo", "search"}
    assert symbols["logo"].get("viewBox") == "0 0 448 512"
    magnify = (MATERIAL / ".icons/material/magnify.svg").read_text()
    assert re.search(r"<path d=\"[^\"]+\"/>", magnify).group(0) in sprite  # the shapes as written
    assert sprite == chrome.sprite([ours, MATERIAL], dict(reversed(names.items())))[0]  # the same bytes every build


@pytest.mark.parametrize("icon, text, problem", [
    ("material/no-such-icon", None, "the theme has no .icons/material/no-such-icon.svg"),
    ("custom/broken", "<svg", "not an SVG icon"),
    ("custom/boxless", '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>', "not an SVG icon with a viewBox"),
])
def test_an_icon_the_theme_lacks_is_named(tmp_path, icon, text, problem):
    if text is not None:
        (tmp_path / ".icons/custom").mkdir(parents=True)
        (tmp_path / f".icons/{icon}.svg").write_text(text)
    with pytest.raises(chrome.ChromeError, match=re.escape(problem)):
        chrome.sprite([tmp_path, MATERIAL], {"logo": icon})


def test_the_palette_script_is_materials_own(tmp_path):
    ours = tmp_path / "overrides"
    (ours / "partials/javascripts").mkdir(parents=True)
    (ours / "partials/javascripts/palette.html").write_text('<script src="{{ \'assets/palette.js\' | url }}"></script>')
    script = chrome.palette_script([ours, MATERIAL], ours)
    inline = (MATERIAL / "partials/javascripts/palette.html").read_text()
    assert f"<script>{script.strip()}</script>" in inline and script.startswith('var palette=__md_get("__palette")')
    changed = tmp_path / "material"
    (changed / "partials/javascripts").mkdir(parents=True)
    (changed / "partials/javascripts/palette.html").write_text("<script>var a = {{ config.x }};</script>")
    with pytest.raises(chrome.ChromeError, match="no inline script without template code"):
        chrome.palette_script([ours, changed], ours)


# --------------------------------------------------------------------------- the built site


def test_every_page_draws_the_header_icons_from_the_sprite(sample_site):
    site = sample_site
    sprite = ET.fromstring((site / chrome.SPRITE).read_text())
    ids = {s.get("id") for s in sprite}
    assert ids == {"logo", "search", "top", "palette-0", "palette-1"}
    palette = (site / chrome.PALETTE_SCRIPT).read_text()
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        header = html[html.index("<header"):html.index("</header>")]
        uses = re.findall(r'<svg viewBox="0 0 24 24" aria-hidden="true"><use href="([^"]+)#([\w-]+)"/></svg>', html)
        assert {place for _, place in uses} >= {"logo", "search", "palette-0", "palette-1"}, page
        for href, place in uses:
            assert place in ids and (page.parent / href).resolve() == (site / chrome.SPRITE).resolve() or page.name == "404.html", (page, href)
        # Only the menu's three bars are left inline in the header (smaller than a pointer to them).
        assert header.count("<path") == 1, page
        assert "__md_get(\"__palette\")" not in html and 'src="' in html and "assets/palette.js" in html, page
        assert "search.result" not in html  # Material's own search messages: its search is not on the page
        assert "__tabbed_" not in html  # the content tabs' script, on a site without content tabs
    assert palette.startswith("var palette=")
