"""The console script's entry point (``briefing = generator.cli:main``); the commands live in
``generator/commands/``, one module each."""

from __future__ import annotations

from .commands import main

__all__ = ["main"]
