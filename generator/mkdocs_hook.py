"""MkDocs hook: under ``mkdocs serve``, regenerate docs/ from seeds/ before every build.

``make site`` runs ``briefing build`` itself, so a plain ``mkdocs build`` does not regenerate:
the published site is exactly the committed docs/. Regenerating writes nothing when nothing
changed, so the file watcher does not loop.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.errors import BriefingError
from generator.pipeline import build

log = logging.getLogger("mkdocs.briefing")
_command = None


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_pre_build(config) -> None:
    if _command != "serve":
        return
    root = Path(config.config_file_path).parent
    try:
        result = build(root)
    except BriefingError as error:
        raise PluginError("briefing: cannot regenerate docs/:\n" + "\n".join(str(p) for p in error.problems)) from None
    log.info("briefing: %d pages written, %d removed", len(result.plan.writes), len(result.plan.deletes))
