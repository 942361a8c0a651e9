"""MkDocs hook: finish an interrupted generator run, and under ``mkdocs serve`` regenerate docs/.

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
from generator.write import recover

log = logging.getLogger("mkdocs.briefing")
_command = None


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_pre_build(config) -> None:
    root = Path(config.config_file_path).parent
    # Whatever the command: if a `briefing build` was killed half-way, finish it first, so MkDocs
    # only ever sees a complete generation of docs/.
    recover(Path(config.docs_dir) if getattr(config, "docs_dir", None) else root / "docs")
    if _command != "serve":
        return
    try:
        result = build(root)
    except BriefingError as error:
        raise PluginError("briefing: cannot regenerate docs/:\n" + "\n".join(str(p) for p in error.problems)) from None
    log.info("briefing: %d pages written, %d removed", len(result.plan.writes), len(result.plan.deletes))
