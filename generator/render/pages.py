"""Every generated page, one at a time, as (path inside docs/, text). Pure: nothing is written."""

from __future__ import annotations

from .site import Site
from .units import units


def render_site(site: Site):
    """Every page as (path in docs/, Markdown), one at a time: a big briefing never sits in memory.
    The pages come from the render units (``units``), which a rebuild under ``mkdocs serve`` skips
    when their inputs have not changed."""
    for unit in units(site):
        yield from unit.render().items()
