"""The benchmark's in-process measurements, each run in a fresh interpreter (``bench.py --child
KIND``) that imports the generator from the snapshot the run took (or, for the reference, from an
older commit's generator/ exported beside it): annotation throughput, the time of each pipeline
step, a cProfile of a build, and the search indexer alone with its own peak memory.
"""

from __future__ import annotations

import cProfile
import importlib
import inspect
import io
import pstats
import shutil
import time
from pathlib import Path

from corpus_gen import CATEGORIES, Corpus

def annotation_throughput(root: Path, corpus: Corpus, small: int = 100) -> dict:
    """annotate() alone over every article, with the whole glossary and with about ``small`` entries.

    Two small glossaries: the ``small`` most-mentioned entries on the same text (it finds fewer
    mentions: their cost is the output's, not the glossary's), and a glossary of that size with as
    many articles written for it (same kind of text, as many mentions per article): the glossary's
    size is then the only difference.
    """
    from generator.model import Glossary

    articles, glossary = _load_corpus(root)
    wanted = {e.name for e in corpus.top_entries(small)}
    subset = Glossary(tuple(e for e in glossary.entries if e.name in wanted))
    out = {"entries": len(glossary.entries), "small_entries": len(subset.entries)}
    out.update(_annotate_timed(articles, glossary, "full"))
    out.update(_annotate_timed(articles, subset, "small"))
    out["text_mb"] = out.pop("text_mb_full")
    out["words_per_article"] = sum(len(b.text.split()) for a in articles for b in a.blocks) / len(articles)
    out["mentions_per_article"] = out["mentions_full"] / len(articles)
    del articles
    written_for = Corpus(corpus.seed, -(-small // len(CATEGORIES)))
    scratch = root.parent / f"{root.name}-small-glossary"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        written_for.write(scratch, out["articles"])
        articles, glossary = _load_corpus(scratch)
        out.update(_annotate_timed(articles, glossary, "written"))
        out["written_entries"] = len(glossary.entries)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


def annotation_full_glossary(root: Path) -> dict:
    """annotate() over every article with the whole glossary, as ``annotation_throughput`` measures
    it, with whatever generator the interpreter imports (an older commit's, for a reference)."""
    articles, glossary = _load_corpus(root)
    return _annotate_timed(articles, glossary, "ref")


def _load_corpus(root: Path):
    from generator.config import load_config
    from generator.ingest.articles import load_articles
    from generator.ingest.glossary import load_glossary

    config = load_config(root)
    articles, problems, _ = load_articles(root, config.articles_dir)
    glossary, glossary_problems = load_glossary(root, config.glossary_dir, config.categories)
    assert not problems and not glossary_problems, (problems + glossary_problems)[:5]
    return articles, glossary


def _annotate_timed(articles, glossary, label: str) -> dict:
    from generator.annotate.linker import annotate, build_matcher
    from generator.pipeline import few_collections

    text_bytes = sum(len(b.text.encode("utf-8")) for a in articles for b in a.blocks)
    start = time.perf_counter()
    matcher = build_matcher(glossary)
    matcher_s = time.perf_counter() - start
    best, mentions = float("inf"), 0
    for _ in range(3 if text_bytes < 20e6 else 1):
        with few_collections():  # as in build(): see generator.pipeline
            start = time.perf_counter()
            annotated = [annotate(a, glossary, matcher) for a in articles]
            best = min(best, time.perf_counter() - start)
        mentions = sum(len(x.mentions) for x in annotated)
        del annotated
    return {f"text_mb_{label}": text_bytes / 1e6, f"matcher_s_{label}": matcher_s, f"annotate_s_{label}": best,
            f"mbps_{label}": text_bytes / 1e6 / best, f"mentions_{label}": mentions, "articles": len(articles)}


def phase_times(root: Path) -> dict[str, float]:
    """Exclusive seconds per step of one in-process ``build(dry_run=True)``: all a build computes.

    Every function in generator.pipeline's namespace that comes from the generator package (the
    steps it calls and its own helpers, except ``build``) and every function of generator.write is
    wrapped with a timer. Time spent in a nested timed step is charged to that step only, and a
    step that returns a generator (pages rendered one at a time) is charged for each item it yields,
    so the rows add up to the total whatever the pipeline's shape.
    """
    pipeline = importlib.import_module("generator.pipeline")
    write = importlib.import_module("generator.write")
    totals: dict[str, float] = {}
    stack = [0.0]  # per open timed frame: time already charged to steps nested in it
    patched = []

    def charge(label: str, start: float) -> None:
        elapsed = time.perf_counter() - start
        nested = stack.pop()
        totals[label] = totals.get(label, 0.0) + elapsed - nested
        stack[-1] += elapsed

    def timed_items(items, label):
        while True:
            stack.append(0.0)
            start = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                charge(label, start)
                return
            except BaseException:
                charge(label, start)
                raise
            charge(label, start)
            yield item

    def wrap(owner, name, func, label):
        def timed(*args, **kwargs):
            stack.append(0.0)
            start = time.perf_counter()
            try:
                result = func(*args, **kwargs)
            finally:
                charge(label, start)
            return timed_items(result, label) if inspect.isgenerator(result) else result
        setattr(owner, name, timed)
        patched.append((owner, name, func))

    for name, value in list(vars(pipeline).items()):
        if inspect.isfunction(value) and value.__module__.startswith("generator") and name != "build":
            wrap(pipeline, name, value, f"{value.__module__.removeprefix('generator.')}.{value.__name__}")
    for name, value in list(vars(write).items()):
        if inspect.isfunction(value) and value.__module__ == write.__name__:
            wrap(write, name, value, f"write.{value.__name__}")
    try:
        start = time.perf_counter()
        pipeline.build(root, dry_run=True)
        total = time.perf_counter() - start
    finally:
        for owner, name, func in reversed(patched):
            setattr(owner, name, func)
    totals = {label: seconds for label, seconds in sorted(totals.items(), key=lambda kv: -kv[1]) if seconds >= 0.005}
    totals["everything else in build()"] = total - stack[0]
    totals["total (in-process, dry run)"] = total
    return totals


def profile_build(root: Path, top: int = 25) -> str:
    """cProfile of an in-process dry-run build (everything but the writes): top functions."""
    from generator.pipeline import build

    profiler = cProfile.Profile()
    profiler.enable()
    build(root, dry_run=True)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.strip_dirs()
    text.write("By own time (tottime):\n")
    stats.sort_stats("tottime").print_stats(top)
    text.write("By cumulative time:\n")
    stats.sort_stats("cumulative").print_stats(top)
    lines = [line.rstrip() for line in text.getvalue().splitlines() if line.strip()]
    return "\n".join(line for line in lines if not line.strip().startswith(("Ordered by", "List reduced")))




def index_alone(site: Path) -> dict:
    """The search indexer as the plugin runs it after a build (``generator.search.index_site`` on
    the built site, which replaces its bundle with an identical one), with Pagefind's own cost:
    its runs are this process's only children, so their CPU is the children's rusage and their
    peak memory the largest child's (``ru_maxrss`` of RUSAGE_CHILDREN is the maximum over them)."""
    import resource

    from generator.search import indexer

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = indexer.index_site(site)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"index_s": report.seconds, "index_pages": report.pages, "index_words": report.words,
            "index_shards": report.shards, "pagefind_s": report.seconds, "pagefind_mb": after.ru_maxrss / 1024,
            "pagefind_cpu": cpu}
