"""Fixtures for the importer: the local server, and a fetcher that does not wait between requests."""

from __future__ import annotations

import pytest

from generator.importer.fetch import Fetcher
from tests.importer.server import Server


@pytest.fixture
def server():
    running = Server().start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def fetcher():
    made = Fetcher(timeout=2.0, deadline=5.0, delay=0.0)
    try:
        yield made
    finally:
        made.close()
