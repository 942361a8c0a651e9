"""The theme's chrome written once for the site, not once a page (the plugin's ``on_config`` and
``on_files``; site bytes, GitHub Pages' 1 GB).

Material writes each icon of its header as an inline SVG in every page (the logo twice, both
palette toggles, the search and "back to top" buttons: ~1.4 KB of each of tens of thousands of
pages) and the palette's start-up script inline (~0.7 KB). Here the icons become one sprite,
``assets/icons.svg``, which each page points into (``<svg><use href=".../icons.svg#logo">``: the
icon still inherits the text colour, as an inline one does), and the script becomes
``assets/palette.js``, run from the same place in the page (it must run before the page is
painted, so the saved scheme shows without a flash). Both files are made at build time from the
theme's own icons and script, so mkdocs.yml's ``theme.icon`` and palette settings still choose
them (``icon_names`` is the one place that says which icon each place of the header shows).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

SPRITE = "assets/icons.svg"
PALETTE_SCRIPT = "assets/palette.js"
_SVG = "{http://www.w3.org/2000/svg}"
_INNER = re.compile(r"^\s*<svg\b[^>]*>(.*)</svg>\s*$", re.S)
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


class ChromeError(Exception):
    """The theme lacks an icon or the script its configuration names."""


def icon_names(theme) -> dict[str, str]:
    """The icon of each place in the header that the overrides draw from the sprite, by the
    place's name (the sprite's ids), as Material's own partials choose them."""
    icons = theme.get("icon") or {}
    names = {"top": icons.get("top") or "material/arrow-up", "search": "material/magnify"}
    if not theme.get("logo"):  # an image logo is a file already
        names["logo"] = icons.get("logo") or "material/library"
    palette = theme.get("palette")
    if isinstance(palette, list):
        for number, option in enumerate(palette):
            if isinstance(option, dict) and (option.get("toggle") or {}).get("icon"):
                names[f"palette-{number}"] = option["toggle"]["icon"]
    return names


def _located(dirs, relative: str) -> Path | None:
    """``relative`` in the first of the theme's ``dirs`` that has it, as Material's includes find it."""
    return next((Path(folder) / relative for folder in dirs if (Path(folder) / relative).is_file()), None)


def _find(dirs, relative: str) -> Path:
    path = _located(dirs, relative)
    if path is None:
        raise ChromeError(f"the theme has no {relative}")
    return path


def sources(dirs, names: dict[str, str]) -> tuple:
    """What the sprite and script are made from, as a key that changes when any of it does: the
    icons' names, and each icon file found and its modification time."""
    found = []
    for place, name in sorted(names.items()):
        path = _located(dirs, f".icons/{name}.svg")
        found.append((place, name, path, path.stat().st_mtime_ns if path else None))
    return tuple(dirs), tuple(found)


def sprite(dirs, names: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The sprite holding the icons ``names`` gives (each a ``<symbol>`` with its own viewBox,
    from the first of the theme's ``dirs`` that has it, as Material's includes find it) and each
    icon's viewBox, which the page's ``<svg>`` needs to be sized like the inline icon."""
    symbols, boxes = [], {}
    for place, name in sorted(names.items()):
        path = _find(dirs, f".icons/{name}.svg")
        text = path.read_text(encoding="utf-8")
        try:
            svg = ET.fromstring(text)
        except ET.ParseError as error:
            raise ChromeError(f"{path}: not an SVG icon ({error})") from None
        box, inner = svg.get("viewBox"), _INNER.search(text)
        if svg.tag != f"{_SVG}svg" or not box or inner is None:
            raise ChromeError(f"{path}: not an SVG icon with a viewBox")
        inner = inner.group(1)  # the icon's shapes as the theme wrote them
        symbols.append(f'<symbol id="{place}" viewBox="{box}">{inner}</symbol>')
        boxes[place] = box
    return '<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n", boxes


def palette_script(dirs, ours: Path | None) -> str:
    """Material's palette script (partials/javascripts/palette.html, no template code in it), from
    the first theme folder after ours (``ours`` overrides the partial to load this file)."""
    for folder in dirs:
        if ours is not None and Path(folder).resolve() == ours.resolve():
            continue
        path = Path(folder) / "partials/javascripts/palette.html"
        if path.is_file():
            found = _SCRIPT.search(path.read_text(encoding="utf-8"))
            if found is None or "{{" in found.group(1) or "{%" in found.group(1):
                raise ChromeError(f"{path}: no inline script without template code (a new Material?)")
            return found.group(1).strip() + "\n"
    raise ChromeError("the theme has no partials/javascripts/palette.html")
