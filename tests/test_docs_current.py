"""The committed docs/ is exactly what ``briefing build`` writes (what ``briefing check`` checks)."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import build

ROOT = Path(__file__).resolve().parent.parent


def test_committed_docs_are_current():
    plan = build(ROOT, dry_run=True).plan
    assert not plan.changes, f"docs/ is stale ({sorted(plan.writes)[:5]} ...): run 'briefing build' and commit"
