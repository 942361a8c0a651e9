"""The same site with Material for MkDocs' built-in search instead of Briefing's (#12's comparison).

``variant(root)`` writes ``root/mkdocs-material-search.yml``: MkDocs' ``INHERIT`` of the project's
own mkdocs.yml (same docs/, theme, palette, CSS, Markdown extensions, validation) with only what
the search needs changed:

* ``plugins: [search]``: Material's search plugin, and not the briefing plugin (whose post-build
  step runs Pagefind; it also sets the title from briefing.yml, so ``site_name`` is written here
  literally, and it refuses to build without the generator's manifest, which docs/ has anyway);
* ``theme.custom_dir``: a copy of the project's overrides without the two partials that replace
  Material's header search by Briefing's dialog (``partials/header.html``, ``partials/search.html``),
  without the partials that draw on what the briefing plugin makes for the header (its icon
  sprite and palette script, generator/chrome.py: ``plugin_chrome``; Material's own partials draw
  them inline), and with ``main.html``'s
  ``config`` block taken out (it leaves out the worker and messages Material's search needs);
* ``extra_javascript`` without ``assets/search.js`` (Briefing's dialog, absent here);
* ``site_dir: site-material``, beside the real ``site/``.

``mkdocs build -f mkdocs-material-search.yml`` (cwd=root) then builds it from the same docs/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

CONFIG = "mkdocs-material-search.yml"
SITE = "site-material"
OVERRIDES = "overrides-material-search"
REPLACED = ("partials/header.html", "partials/search.html")  # Briefing's search in Material's header
CONFIG_BLOCK = re.compile(r"\{%-? block config -?%\}.*?\{%-? endblock -?%\}", re.S)
DIALOG_SCRIPT = "assets/search.js"
INDEX = Path("search") / "search_index.json"


def _load(path: Path) -> dict:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and other tags
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader) or {}


def plugin_chrome(overrides: Path) -> tuple[str, ...]:
    """The templates of ``overrides`` that draw on what the briefing plugin makes for the header
    (generator/chrome.py: the icon sprite, the palette script): those that name one of its files,
    and those that include such a template."""
    from generator import chrome

    texts = {p.relative_to(overrides).as_posix(): p.read_text(encoding="utf-8") for p in overrides.rglob("*.html")}
    found = {name for name, text in texts.items() if chrome.SPRITE in text or chrome.PALETTE_SCRIPT in text}
    while True:
        more = {name for name, text in texts.items() if name not in found
                and any(re.search(r"include\s+[\"']" + re.escape(used) + r"[\"']", text) for used in found)}
        if not more:
            return tuple(sorted(found))
        found |= more


def variant(root: Path) -> Path:
    import yaml

    mkdocs = _load(root / "mkdocs.yml")
    briefing = _load(root / "briefing.yml")
    config: dict = {
        "INHERIT": "mkdocs.yml",
        "site_name": str(briefing.get("title") or "Briefing"),
        "site_dir": SITE,
        "plugins": ["search"],
    }
    if briefing.get("description"):
        config["site_description"] = str(briefing["description"])
    theme = mkdocs.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom_dir:
        target = root / OVERRIDES
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(root / custom_dir, target, ignore=shutil.ignore_patterns("__pycache__"))
        for name in REPLACED + plugin_chrome(target):
            (target / name).unlink(missing_ok=True)
        main = target / "main.html"
        if main.is_file():
            main.write_text(CONFIG_BLOCK.sub("", main.read_text(encoding="utf-8")), encoding="utf-8")
        config["theme"] = {"custom_dir": OVERRIDES}  # INHERIT merges it into the project's theme
    scripts = mkdocs.get("extra_javascript") or []
    kept = [s for s in scripts if (s.get("path") if isinstance(s, dict) else s) != DIALOG_SCRIPT]
    if kept != scripts:
        config["extra_javascript"] = kept
    path = root / CONFIG
    path.write_text("# Written by bench/material_search.py: the project's site with Material's built-in search.\n"
                    + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
