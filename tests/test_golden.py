"""Every page of every fixture briefing, compared with its golden file; no page missing or extra.

The golden files are ``tests/fixtures/<name>/expected/``; ``make golden`` accepts an intended change
of the generator's output (review the diff: it must look like the generator change, not like a
change of the fixture).
"""

from __future__ import annotations

import difflib

import pytest

from tests.golden import current_files
from tests.sites import EXPECTED, expected_files, fixture_names

HINT = "if the generator change is intended, run 'make golden' and review the diff"
CASES = [(name, path) for name in fixture_names() for path in expected_files(name)]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    return {name: current_files(name, tmp_path_factory.mktemp(f"golden-{name}")) for name in fixture_names()}


def test_every_fixture_has_golden_files():
    assert fixture_names(), "no fixture briefing in tests/fixtures/"
    for name in fixture_names():
        assert expected_files(name), f"tests/fixtures/{name}/{EXPECTED}/ is empty: run 'make golden'"


@pytest.mark.parametrize("name", fixture_names())
def test_no_page_missing_or_unexpected(built, name):
    got, expected = set(built[name]), set(expected_files(name))
    assert not expected - got, f"{name}: pages no longer generated: {sorted(expected - got)}; {HINT}"
    assert not got - expected, f"{name}: unexpected extra pages: {sorted(got - expected)}; {HINT}"


@pytest.mark.parametrize("name, path", CASES, ids=[f"{n}:{p}" for n, p in CASES])
def test_page_matches_golden_file(built, name, path):
    expected = expected_files(name)[path]
    got = built[name].get(path)
    assert got is not None, f"{name}: {path} is no longer generated; {HINT}"
    if got != expected:
        diff = difflib.unified_diff(expected.decode().splitlines(), got.decode().splitlines(),
                                    f"expected/{path}", f"generated/{path}", lineterm="", n=2)
        pytest.fail(f"{name}: {path} changed; {HINT}\n" + "\n".join(list(diff)[:60]), pytrace=False)


def test_the_compared_tree_is_every_file_the_generator_owns(tmp_path):
    # The golden comparison walks docs/ (minus the hand-written assets and docs/.briefing): that is
    # exactly the set of files the generator's manifest says it wrote.
    import json

    from tests.sites import build_fixture, generated_files

    for name in fixture_names():
        docs = build_fixture(name, tmp_path / name, mkdocs=False) / "docs"
        manifest = json.loads((docs / ".briefing" / "manifest.json").read_text(encoding="utf-8"))
        assert set(manifest["files"]) == set(generated_files(docs)), name
