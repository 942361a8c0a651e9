"""``briefing add``: a stub entry appended to the right glossary file, for the editor to fill in."""

from __future__ import annotations

from pathlib import Path

from . import write
from .config import load_config
from .errors import BriefingError, Problem
from .ingest.glossary import load_glossary


def stub(category, name: str, first_in_file: bool) -> str:
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = [] if first_in_file else [""]
    lines += [f"- name: {quoted}", "  summary:  # one sentence, shown when hovering a link (required)"]
    lines += ["  # aliases: []", "  # short_names: []"]
    lines += [f"  # {field.key}:" for field in category.fields]
    return "\n".join(lines) + "\n"


def add_entry(root: Path, category_key: str, name: str) -> tuple[str, int]:
    """Append a stub; returns (file, line of the new entry). Raises BriefingError."""
    config = load_config(root)
    keys = [c.key for c in config.categories]
    if category_key not in keys:
        raise BriefingError(Problem("briefing.yml", message=f"no category '{category_key}' (one of {', '.join(keys)})"))
    if not name.strip() or "\n" in name:
        raise BriefingError(Problem(category_key, message="the name must be one non-empty line"))
    category = config.category(category_key)
    glossary, _ = load_glossary(root, config.glossary_dir, config.categories)
    existing = next((e for e in glossary.entries if e.name.casefold() == name.strip().casefold()), None)
    if existing:
        raise BriefingError(Problem(existing.source, message=f"'{existing.name}' is already in the glossary"))
    shown = f"{config.glossary_dir}/{category_key}.yml"
    target = root / shown
    before = target.read_text(encoding="utf-8") if target.exists() else ""
    header = "" if before else f"# yaml-language-server: $schema=../../{config.docs_dir}/schemas/{category_key}.schema.json\n"
    first = not before.strip()
    lines = (before + header).count("\n") + (1 if before and not before.endswith("\n") else 0)
    write.append_text(target, header + stub(category, name.strip(), first_in_file=first))
    return shown, lines + (1 if first else 2)
