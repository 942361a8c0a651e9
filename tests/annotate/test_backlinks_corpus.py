"""Co-mentions on real annotated text: a small briefing of the benchmark's uniform shape (mentions
spread over the whole glossary, the shape that made millions of pairs), ranked with a small head so
most reads go past it, against a full count of every pair."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from unittest.mock import patch

from generator.annotate import backlinks
from generator.pipeline import prepare
from tests.annotate.test_backlinks import naive

BENCH = Path(__file__).resolve().parents[2] / "bench" / "corpus_gen.py"


def corpus_gen():
    spec = importlib.util.spec_from_file_location("corpus_gen", BENCH)
    if "corpus_gen" not in sys.modules:  # its dataclasses look their module up there
        sys.modules["corpus_gen"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["corpus_gen"])
    return sys.modules["corpus_gen"]


def test_uniform_corpus_ranked_as_a_full_count(tmp_path):
    corpus = corpus_gen().Corpus(5, 40, shape="uniform")
    corpus.write(tmp_path, 60)
    assert all(len(e.aliases) == 1 and not e.short_names for entries in corpus.entries.values() for e in entries)
    with patch.object(backlinks, "HEAD", 4):
        site, _ = prepare(tmp_path)
    expected = naive([list(a.entries()) for a in site.articles])
    assert len(expected) > 100  # most of the 120 entries have companions
    assert set(site.index.together) == set(expected)
    for key, ranked in expected.items():
        assert tuple(site.index.together[key]) == ranked
        assert site.index.together[key][:12] == ranked[:12]


def test_shapes_are_deterministic_and_topical_is_the_default():
    gen = corpus_gen()
    assert gen.Corpus(5, 40).article(3) == gen.Corpus(5, 40, shape="topical").article(3)
    uniform = gen.Corpus(5, 40, shape="uniform")
    assert uniform.article(3) == gen.Corpus(5, 40, shape="uniform").article(3)
    assert uniform.article(3) != gen.Corpus(5, 40).article(3)
