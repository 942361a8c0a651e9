"""Benchmark: the generator and MkDocs on synthetic corpora of 200, 2,000 and 10,000 articles.

    python bench/bench.py [--sizes 200,2000,10000] [--skip-mkdocs-above N] [--keep DIR]

For every size N this writes a deterministic synthetic project (bench/corpus_gen.py: N news-like
articles in the documented seed format and 1,000 glossary entries per category, each with
aliases) into a scratch folder, copies mkdocs.yml and docs/assets/ from the repository, and
measures, each in its own subprocess with wall-clock time and the child's peak RSS (wait4):

* ``briefing --root DIR build`` into an empty docs/ (full build);
* the same again with nothing changed (time, and files in docs/ whose inode or mtime changed);
* the same after one article's text changed (time; files rewritten vs files whose bytes changed);
* ``mkdocs build`` with cwd=DIR; the ratio generator/mkdocs; bytes per article page; search-index
  bytes per article;

and, in-process, annotation throughput (``annotate()`` alone over every article, text MB/s) with
the full 3,000-entry glossary and with a 100-entry one, plus the time spent in each pipeline step.

On the 2,000-article corpus it also builds the glossary the way Material for MkDocs' documentation
recommends (abbreviations in includes/abbreviations.md auto-appended to every page by
pymdownx.snippets, ``abbr`` extension; every article a page, no full nav) with 0 and 500 terms,
and compares its ``mkdocs build`` with ``briefing build`` + ``mkdocs build``.

The table is printed (Markdown) and written to bench/results.md.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import importlib
import inspect
import io
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus_gen import CATEGORIES, Corpus  # noqa: E402

BIN = Path(sys.executable).parent
BRIEFING = BIN / "briefing"
MKDOCS = BIN / "mkdocs"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
# Every child imports the generator from a snapshot taken when the benchmark starts (PYTHONPATH
# comes before the editable install), so all sizes measure the same code even if the working tree
# is edited during a long run.
SNAPSHOT: Path | None = None

# Targets from the issue (2-core machine).
TARGET_RATIO = 0.10  # generator full build / mkdocs build, at 2,000 and 10,000
TARGET_MBPS = 30.0  # annotation with 3,000 entries
TARGET_SLOWDOWN = 1.5  # annotation speed with 100 entries / with 3,000
TARGET_NOOP_S = 0.5  # re-run with nothing changed, at 2,000
TARGET_PAGE_SPREAD = 0.20  # site bytes per article page, 200 -> 10,000
TARGET_PEAK_MB = 500  # generator peak memory at 10,000


# --- running children ------------------------------------------------------------------------

@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system CPU of the child (less sensitive to other load on the machine)
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def run(cmd: list[str], cwd: Path, log: Path) -> Run:
    """Run one child; wall time and its own peak RSS (wait4 gives the rusage of that child only)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log.with_suffix(".out"), log.with_suffix(".err")
    # Flush what earlier steps wrote first, so no step is billed for writing back the last one's
    # hundreds of megabytes. (Creating files still costs anywhere from 30 µs to 0.8 ms each on
    # this virtual machine, from one minute to the next: compare runs, not single steps.)
    os.sync()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=ENV)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    result = Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode,
                 out_path.read_text(errors="replace"), err_path.read_text(errors="replace"))
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed ({result.returncode}) in {cwd}:\n{result.stderr[-3000:]}")
    return result


# --- docs/ snapshots -------------------------------------------------------------------------

def snapshot(docs: Path) -> dict[str, tuple[int, int, int, str]]:
    """path -> (inode, mtime_ns, size, sha1) for every file under docs/ (dot-folders included)."""
    files = {}
    for folder, _, names in os.walk(docs):
        for name in names:
            path = Path(folder) / name
            info = path.stat()
            digest = hashlib.sha1(path.read_bytes()).hexdigest()
            files[path.relative_to(docs).as_posix()] = (info.st_ino, info.st_mtime_ns, info.st_size, digest)
    return files


def compare(before: dict, after: dict) -> tuple[list[str], list[str]]:
    """(files written: new, removed, or inode/mtime changed; files whose content changed)."""
    written, changed = [], []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        if old is None or new is None:
            written.append(path)
            changed.append(path)
            continue
        if old[:2] != new[:2]:
            written.append(path)
        if old[3] != new[3]:
            changed.append(path)
    return written, changed


# --- the projects ----------------------------------------------------------------------------

def take_snapshot(dest: Path) -> None:
    """Copy what the benchmark runs from the repository, once: ``dest/python/generator`` (the code
    every child imports) and ``dest/site`` (mkdocs.yml and what it needs: the hand-written files in
    docs/, i.e. every file the generator's manifest does not list, such as docs/assets/; the theme's
    custom_dir; the hooks; the watched folders)."""
    import yaml

    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(REPO / "generator", dest / "python" / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    site = dest / "site"
    site.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", site / "mkdocs.yml")
    docs = REPO / "docs"
    try:
        owned = set(json.loads((docs / ".briefing" / "manifest.json").read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError):
        owned = None  # no manifest: take docs/assets/ only
    for path in docs.rglob("*"):
        relative = path.relative_to(docs).as_posix()
        if not path.is_file() or relative.startswith(".briefing/"):
            continue
        if (owned is None and not relative.startswith("assets/")) or (owned is not None and relative in owned):
            continue
        target = site / "docs" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and other tags
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader) or {}
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    for name in filter(None, [theme.get("custom_dir"), *(config.get("hooks") or [])]):
        source, target = REPO / name, site / name
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    for name in config.get("watch") or []:  # MkDocs checks that watched paths exist
        if (REPO / name).is_dir():
            (site / name).mkdir(parents=True, exist_ok=True)


def make_project(root: Path, corpus: Corpus, articles: int) -> int:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    text_bytes = corpus.write(root, articles)
    shutil.copytree(SNAPSHOT / "site", root, dirs_exist_ok=True)
    return text_bytes


def change_one_article(root: Path, articles: int) -> str:
    """An editor's fix in the middle article: a sentence reworded. Returns the file changed."""
    files = sorted((root / "seeds" / "articles").glob("*.txt"))
    path = files[articles // 2]
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if " said" in line and len(line) > 80 and not line.startswith(("date:", "source:", "url:")):
            lines[i] = line.replace(" said", " told reporters", 1)
            break
    else:
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        lines[longest] += " Officials gave no further details."
    path.write_text("\n".join(lines), encoding="utf-8")
    return path.relative_to(root).as_posix()


def article_pages(site: Path) -> list[Path]:
    folder = site / "articles"
    return [p / "index.html" for p in folder.iterdir() if p.is_dir() and (p / "index.html").is_file()] if folder.is_dir() else []


def tree_bytes(folder: Path) -> tuple[int, int]:
    total = count = 0
    for base, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(base, name))
            count += 1
    return total, count


# --- in-process measurements -------------------------------------------------------------------

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


# --- Material's recommended glossary: abbreviations + snippets auto_append -------------------------

ABBR_MKDOCS = """\
site_name: Abbreviations comparison
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  language: en
  font: false
  features: [content.tooltips, navigation.top, navigation.tracking, search.highlight, search.suggest]
nav:
  - Home: index.md
plugins:
  - search
markdown_extensions:
  - attr_list
  - admonition
  - md_in_html
  - toc:
      permalink: true
{abbr}validation:
  nav:
    omitted_files: ignore
"""
ABBR_EXTENSIONS = """\
  - abbr
  - pymdownx.snippets:
      auto_append:
        - includes/abbreviations.md
"""


def make_abbr_project(root: Path, corpus: Corpus, articles: int, terms: int) -> None:
    """Every article a plain page; ``terms`` glossary names as abbreviations appended to every page."""
    if root.exists():
        shutil.rmtree(root)
    (root / "docs" / "articles").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(ABBR_MKDOCS.format(abbr=ABBR_EXTENSIONS if terms else ""), encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Synthetic briefing\n\nArticles are reached by URL; the nav lists only this page.\n", encoding="utf-8")
    for i in range(articles):
        name, _, paragraphs, headline = corpus.article(i)
        text = f"# {headline}\n\n" + "\n\n".join(paragraphs) + "\n"
        (root / "docs" / "articles" / (name[:-4] + ".md")).write_text(text, encoding="utf-8")
    if terms:
        (root / "includes").mkdir()
        lines = [f"*[{e.name}]: {e.summary}" for e in corpus.top_entries(terms)]
        (root / "includes" / "abbreviations.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- machine ------------------------------------------------------------------------------------

def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass

    def version(module: str) -> str:
        try:
            from importlib.metadata import version as v
            return v(module)
        except Exception:  # noqa: BLE001
            return "?"

    return {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "nproc": str(os.cpu_count()),
        "memory": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
        "markdown": version("Markdown"),
        "pymdown": version("pymdown-extensions"),
        "pyyaml_libyaml": str(getattr(__import__("yaml"), "__with_libyaml__", "?")),
    }


# --- one size ------------------------------------------------------------------------------------

@dataclass
class SizeResult:
    n: int
    values: dict = field(default_factory=dict)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure(n: int, corpus: Corpus, base: Path, args) -> SizeResult:
    result = SizeResult(n)
    v = result.values
    root = base / f"n{n}"
    logs = base / "logs" / f"n{n}"
    v["load"] = [os.getloadavg()[0], None]
    log(f"N={n}: writing the corpus to {root}")
    start = time.perf_counter()
    v["seed_bytes"] = make_project(root, corpus, n)
    v["corpus_s"] = time.perf_counter() - start
    docs = root / "docs"

    log(f"N={n}: briefing build (full)")
    before = snapshot(docs)
    full = run([str(BRIEFING), "--root", str(root), "build"], REPO, logs / "build-full")
    after = snapshot(docs)
    v["gen_full_s"], v["gen_full_cpu"], v["gen_full_mb"] = full.seconds, full.cpu, full.peak_mb
    v["gen_pages"] = len(compare(before, after)[0])
    v["gen_summary"] = full.stdout.strip().splitlines()[-1] if full.stdout.strip() else ""
    v["gen_notes"] = sum(1 for line in full.stderr.splitlines() if line.startswith("note:"))
    v["docs_bytes"] = tree_bytes(docs)[0]
    largest = max((p for p in docs.rglob("*.md")), key=lambda p: p.stat().st_size)
    v["largest_md"] = (largest.relative_to(docs).as_posix(), largest.stat().st_size)

    log(f"N={n}: briefing build (nothing changed)")
    before = after
    noop = run([str(BRIEFING), "--root", str(root), "build"], REPO, logs / "build-noop")
    after = snapshot(docs)
    written, changed = compare(before, after)
    v["gen_noop_s"], v["gen_noop_cpu"], v["gen_noop_written"] = noop.seconds, noop.cpu, written

    log(f"N={n}: briefing build (one article changed)")
    v["changed_file"] = change_one_article(root, n)
    before = after
    one = run([str(BRIEFING), "--root", str(root), "build"], REPO, logs / "build-one")
    after = snapshot(docs)
    written, changed = compare(before, after)
    v["gen_one_s"], v["gen_one_cpu"] = one.seconds, one.cpu
    v["gen_one_written"], v["gen_one_changed"] = written, changed

    log(f"N={n}: annotation throughput (in-process, in a fresh interpreter)")
    v.update(in_child("annotate", root, args, logs / "annotate"))
    log(f"N={n}: pipeline steps (in-process dry run, in a fresh interpreter)")
    v["phases"] = in_child("phases", root, args, logs / "phases")

    if n <= args.skip_mkdocs_above:
        log(f"N={n}: mkdocs build (this is the slow part)")
        mk = run([str(MKDOCS), "build"], root, logs / "mkdocs-build")
        v["mkdocs_s"], v["mkdocs_cpu"], v["mkdocs_mb"] = mk.seconds, mk.cpu, mk.peak_mb
        v["mkdocs_warnings"] = sum(1 for line in mk.stderr.splitlines() if line.startswith("WARNING"))
        site = root / "site"
        pages = article_pages(site)
        v["page_bytes"] = sum(p.stat().st_size for p in pages) / max(1, len(pages))
        v["article_pages"] = len(pages)
        # The search index: Pagefind's bundle (generator/search/); Material's index no longer ships.
        v["search_bytes"] = tree_bytes(site / "pagefind")[0] if (site / "pagefind").is_dir() else 0
        v["search_per_article"] = v["search_bytes"] / n
        v["site_bytes"], v["site_files"] = tree_bytes(site)
        biggest = max((p for p in site.rglob("*.html")), key=lambda p: p.stat().st_size)
        v["biggest_page"] = (biggest.relative_to(site).as_posix(), biggest.stat().st_size)

    if n == args.compare_at:
        for terms in args.abbr_terms:
            project = base / f"abbr{n}-{terms}"
            log(f"N={n}: Material abbreviations project, {terms} terms: mkdocs build")
            make_abbr_project(project, corpus, n, terms)
            mk = run([str(MKDOCS), "build"], project, logs / f"abbr-{terms}")
            pages = article_pages(project / "site")
            sample = pages[0].read_text(encoding="utf-8") if pages else ""
            v.setdefault("abbr", {})[terms] = {
                "seconds": mk.seconds, "cpu": mk.cpu, "peak_mb": mk.peak_mb,
                "page_bytes": sum(p.stat().st_size for p in pages) / max(1, len(pages)),
                "abbr_tags_sample": sample.count("<abbr"),
            }
            if not args.keep:
                shutil.rmtree(project, ignore_errors=True)

    if n == args.profile_at:
        log(f"N={n}: cProfile of an in-process dry-run build")
        v["profile"] = in_child("profile", root, args, logs / "profile")["text"]
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    v["load"][1] = os.getloadavg()[0]
    return result


# --- the report -----------------------------------------------------------------------------------

def fmt_s(x) -> str:
    return "n/a" if x is None else f"{x:.2f} s" if x < 100 else f"{x:.0f} s"


def report(results: list[SizeResult], info: dict, args, import_s: float) -> str:
    sizes = [r.n for r in results]
    by = {r.n: r.values for r in results}

    def row(label: str, func, target: str = "", verdict: str = "") -> str:
        cells = []
        for n in sizes:
            try:
                cells.append(func(by[n]))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("n/a")
        return f"| {label} | " + " | ".join(cells) + f" | {target} | {verdict} |"

    missed: list[str] = []

    def verdict(ok: bool | None, what: str) -> str:
        if ok is None:
            return "not measured"
        if not ok:
            missed.append(what)
        return "met" if ok else "**MISSED**"

    def at(n, key):
        return by.get(n, {}).get(key)

    # Verdicts.
    ratios = {n: by[n]["gen_full_s"] / by[n]["mkdocs_s"] for n in sizes if "mkdocs_s" in by[n]}
    judged = [n for n in (2000, 10000) if n in ratios]
    ratio_ok = all(ratios[n] <= TARGET_RATIO for n in judged) if judged else None
    mbps_ok = all(by[n]["mbps_full"] >= TARGET_MBPS for n in sizes) if sizes else None
    slow_ok = all(by[n]["mbps_written"] / by[n]["mbps_full"] <= TARGET_SLOWDOWN for n in sizes) if sizes else None
    noop_ok = None if 2000 not in by else by[2000]["gen_noop_s"] <= TARGET_NOOP_S
    noop_writes_ok = all(not by[n]["gen_noop_written"] for n in sizes) if sizes else None
    extra = {n: sorted(set(by[n]["gen_one_written"]) - set(by[n]["gen_one_changed"])) for n in sizes}
    one_ok = all(not e for e in extra.values()) if sizes else None
    page = {n: by[n]["page_bytes"] for n in sizes if "page_bytes" in by[n]}
    page_ok = None
    if len(page) >= 2:
        first = page[min(page)]
        page_ok = all(abs(b / first - 1) <= TARGET_PAGE_SPREAD for b in page.values())
    mem_ok = None if 10000 not in by else by[10000]["gen_full_mb"] <= TARGET_PEAK_MB

    out = []
    out.append("# Briefing benchmark\n")
    out.append(f"{info['date']} · {info['nproc']} CPUs ({info['cpu']}) · {info['memory']} RAM · Python {info['python']} · "
               f"MkDocs {info['mkdocs']} · Material {info['material']} · Markdown {info['markdown']} · "
               f"pymdown-extensions {info['pymdown']} · PyYAML with libyaml: {info['pyyaml_libyaml']} · generator code "
               f"snapshot {info.get('generator', '?')} (sha1 of generator/, copied when the run started)\n")
    out.append(f"Synthetic corpus: seed {args.seed}, {args.entries} entries per category ({', '.join(CATEGORIES)}), every "
               f"entry with aliases. Command: `python bench/bench.py {' '.join(args.argv)}`"
               + (f" (sizes measured so far: {', '.join(map(str, sizes))})" if len(sizes) < len(args.size_list) else "") + ".\n")
    out.append("| | " + " | ".join(f"N = {n:,}" for n in sizes) + " | target | verdict |")
    out.append("|---|" + "---|" * len(sizes) + "---|---|")
    out.append(row("article text (MB) / words per article / mentions per article",
                   lambda v: f"{v['text_mb']:.1f} / {v['words_per_article']:.0f} / {v['mentions_per_article']:.0f}"))
    out.append(row("generator full build", lambda v: fmt_s(v["gen_full_s"]) + f" (CPU {fmt_s(v['gen_full_cpu'])}; {v['gen_pages']:,} files)"))
    out.append(row("generator re-run, nothing changed", lambda v: fmt_s(v["gen_noop_s"]) + f" (CPU {fmt_s(v['gen_noop_cpu'])}), {len(v['gen_noop_written'])} written",
                   "≤ 0.5 s at 2,000; writes nothing",
                   verdict(noop_ok, "re-run with nothing changed ≤ 0.5 s at 2,000") + " / " +
                   verdict(noop_writes_ok, "re-run with nothing changed writes nothing")))
    out.append(row("re-run after one article changed",
                   lambda v: fmt_s(v["gen_one_s"]) + f" (CPU {fmt_s(v['gen_one_cpu'])}), {len(v['gen_one_written'])} written / {len(v['gen_one_changed'])} changed",
                   "writes only changed pages", verdict(one_ok, "one changed article rewrites only the pages whose content changed")))
    out.append(row("`mkdocs build`", lambda v: fmt_s(v["mkdocs_s"]) + f" (CPU {fmt_s(v['mkdocs_cpu'])})"))
    out.append(row("generator / mkdocs (wall; CPU)", lambda v: f"{v['gen_full_s'] / v['mkdocs_s']:.0%}; {v['gen_full_cpu'] / v['mkdocs_cpu']:.0%}", "≤ 10% at 2,000 and 10,000",
                   verdict(ratio_ok, "generator full build ≤ 10% of mkdocs build")))
    out.append(row("annotation, 3,000 entries", lambda v: f"{v['mbps_full']:.1f} MB/s", "≥ 30 MB/s",
                   verdict(mbps_ok, "annotation ≥ 30 MB/s with 3,000 entries")))
    out.append(row("annotation, 3,000 entries: mentions found; time per mention",
                   lambda v: f"{v['mentions_full']:,}; {v['annotate_s_full'] / v['mentions_full'] * 1e6:.2f} µs"))
    out.append(row("annotation, a ~100-entry glossary on as many articles written for it (slowdown → 3,000)",
                   lambda v: f"{v['written_entries']} entries: {v['mbps_written']:.1f} MB/s ({v['mbps_written'] / v['mbps_full']:.2f}×); "
                             f"{v['mentions_written']:,} mentions; {v['annotate_s_written'] / v['mentions_written'] * 1e6:.2f} µs",
                   "≤ 1.5×", verdict(slow_ok, "annotation with 3,000 entries within 1.5× of 100 entries")))
    out.append(row("annotation, the 100 most-mentioned entries on the same text (fewer mentions found)",
                   lambda v: f"{v['mbps_small']:.1f} MB/s ({v['mbps_small'] / v['mbps_full']:.2f}×); "
                             f"{v['mentions_small']:,} mentions; {v['annotate_s_small'] / v['mentions_small'] * 1e6:.2f} µs"))
    out.append(row("build_matcher, 3,000 / 100 entries", lambda v: f"{v['matcher_s_full']:.2f} s / {v['matcher_s_small']:.3f} s"))
    out.append(row("peak memory: generator / mkdocs", lambda v: f"{v['gen_full_mb']:.0f} MB / " + (f"{v['mkdocs_mb']:.0f} MB" if 'mkdocs_mb' in v else "n/a"),
                   "generator ≤ 500 MB at 10,000", verdict(mem_ok, "peak memory ≤ 500 MB at 10,000")))
    out.append(row("generated docs/ total / largest generated page", lambda v: f"{v['docs_bytes'] / 1e6:.0f} MB / "
                   f"{v['largest_md'][1] / 1e6:.1f} MB ({v['largest_md'][0]})"))
    out.append(row("site bytes per article page", lambda v: f"{v['page_bytes'] / 1024:.1f} KB", "constant ±20%",
                   verdict(page_ok, "site bytes per article page constant 200 → 10,000 (±20%)")))
    out.append(row("search index (Pagefind bundle) per article", lambda v: f"{v['search_per_article'] / 1024:.1f} KB ({v['search_bytes'] / 1e6:.1f} MB total)"))
    out.append(row("site total / largest page", lambda v: f"{v['site_bytes'] / 1e6:.0f} MB, {v['site_files']:,} files / "
                   f"{v['biggest_page'][1] / 1e6:.1f} MB ({v['biggest_page'][0]})"))
    out.append(row("mkdocs warnings", lambda v: str(v["mkdocs_warnings"])))
    out.append(row("load average during the size (start → end)", lambda v: f"{v['load'][0]:.1f} → {v['load'][1]:.1f}"))
    out.append("")
    out.append(f"Times are wall clock of one subprocess each (`briefing --root DIR build`, `mkdocs build` with cwd=DIR), "
               f"including interpreter start-up: importing `generator.pipeline` alone takes {import_s:.2f} s here. "
               "Annotation is `annotate()` alone, in-process, over the cleaned text of every article (best of 3 below "
               "20 MB), with the garbage collector set as `build()` sets it. Its speed with a small glossary is measured "
               "twice: a glossary of about 100 entries (as many per category) with as many articles written for it by the same generator "
               "(as many mentions per article: only the glossary's size differs; the target's verdict), and the 100 "
               "most-mentioned entries on the same text, which find fewer mentions, so the difference there is the cost "
               "of the mentions found (the time per mention is in the rows above), not of the glossary's size. "
               "Peak memory is the child's ru_maxrss from wait4.\n")

    # Where the generator's time goes.
    out.append("## Where the generator's time goes\n")
    out.append("Exclusive time per step of one in-process `build(dry_run=True)` after the builds above: everything a "
               "build computes, without writing (steps under 5 ms left out).\n")
    labels = []
    for n in sizes:
        for label in by[n].get("phases", {}):
            if label not in labels:
                labels.append(label)
    out.append("| step | " + " | ".join(f"N = {n:,}" for n in sizes) + " |")
    out.append("|---|" + "---|" * len(sizes))
    last = ("everything else in build()", "total (in-process, dry run)")
    labels = [label for label in labels if label not in last] + [label for label in last if label in labels]
    for label in labels:
        out.append(f"| `{label}` | " + " | ".join(fmt_s(by[n].get("phases", {}).get(label)) for n in sizes) + " |")
    out.append("")

    # One article changed: which files.
    out.append("## One article changed\n")
    for n in sizes:
        v = by[n]
        out.append(f"- N = {n:,}: edited `{v['changed_file']}`; {len(v['gen_one_changed'])} files changed content: "
                   + ", ".join(f"`{p}`" for p in v["gen_one_changed"][:12]) + (" …" if len(v["gen_one_changed"]) > 12 else ""))
        if extra[n]:
            out.append(f"  - rewritten with identical content ({len(extra[n])}): " + ", ".join(f"`{p}`" for p in extra[n][:12]))
        if v["gen_noop_written"]:
            out.append(f"  - written by the nothing-changed re-run ({len(v['gen_noop_written'])}): "
                       + ", ".join(f"`{p}`" for p in v["gen_noop_written"][:12]))
    out.append("")

    # Material abbreviations.
    compared = [n for n in sizes if "abbr" in by[n]]
    if compared:
        n = compared[0]
        v = by[n]
        ours = v["gen_full_s"] + v.get("mkdocs_s", float("nan"))
        out.append(f"## Material's recommended glossary (abbreviations + snippets `auto_append`) on the {n:,}-article corpus\n")
        out.append("Every article is a plain Markdown page (headline and paragraphs), the nav lists only the home page "
                   "(`omitted_files: ignore`), same theme features and search plugin; terms are the most-mentioned glossary "
                   "names, defined by their summaries.\n")
        out.append("| build | wall time; CPU time (per article page) | peak memory | bytes per article page | vs briefing build + mkdocs build |")
        out.append("|---|---|---|---|---|")
        ours_cpu = v["gen_full_cpu"] + v.get("mkdocs_cpu", float("nan"))
        out.append(f"| `briefing build` + `mkdocs build` ({args.entries * len(CATEGORIES):,} entries, every mention linked) | "
                   f"{fmt_s(ours)} ({fmt_s(v['gen_full_s'])} + {fmt_s(v.get('mkdocs_s'))}); CPU {fmt_s(ours_cpu)} ({ours / n * 1000:.0f} ms) | "
                   f"{v['gen_full_mb']:.0f} / {v.get('mkdocs_mb', 0):.0f} MB | {v.get('page_bytes', 0) / 1024:.1f} KB | 1.00 |")
        for terms, a in sorted(v["abbr"].items(), key=lambda item: int(item[0])):
            out.append(f"| Material abbreviations, {terms} terms (`mkdocs build`) | {fmt_s(a['seconds'])}; CPU {fmt_s(a['cpu'])} ({a['seconds'] / n * 1000:.0f} ms) | {a['peak_mb']:.0f} MB | "
                       f"{a['page_bytes'] / 1024:.1f} KB ({a['abbr_tags_sample']} `<abbr>` on a sample page) | "
                       f"{a['seconds'] / ours:.2f} (CPU {a['cpu'] / ours_cpu:.2f}) |")
        out.append("\nReference from the issue (1,501 pages): 6.4 s without abbreviations, 21.7 s with 500, 70 s with 2,000.\n")

    out.append("## Targets missed\n")
    out.extend([f"- {m}" for m in missed] or ["- none"])
    out.append("")
    for n in sizes:
        if by[n].get("profile"):
            out.append(f"## cProfile, in-process dry-run build at N = {n:,} (profiler overhead inflates the times)\n")
            out.append("```text\n" + by[n]["profile"] + "\n```\n")
    return "\n".join(out)


def in_child(kind: str, root: Path, args, log_path: Path) -> dict:
    """Run one in-process measurement in a fresh interpreter (importing the snapshot); its JSON."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--child-root", str(root),
           "--seed", str(args.seed), "--entries", str(args.entries)]
    return json.loads(run(cmd, root, log_path).stdout)


def child_main(args) -> int:
    root = args.child_root
    if args.child == "annotate":
        result = annotation_throughput(root, Corpus(args.seed, args.entries))
    elif args.child == "phases":
        result = phase_times(root)
    elif args.child == "profile":
        result = {"text": profile_build(root)}
    else:
        raise SystemExit(f"unknown --child {args.child}")
    json.dump(result, sys.stdout)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,2000,10000", help="article counts, comma-separated")
    parser.add_argument("--skip-mkdocs-above", type=int, default=10**9, metavar="N", help="no mkdocs build for sizes above N")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR and keep the projects (default: a temporary folder, removed)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--entries", type=int, default=1000, help="glossary entries per category")
    parser.add_argument("--compare-at", type=int, default=2000, metavar="N", help="size for the Material abbreviations comparison (0: none)")
    parser.add_argument("--abbr-terms", default="0,500", help="abbreviation counts for the comparison, comma-separated")
    parser.add_argument("--profile-at", type=int, default=2000, metavar="N", help="size to cProfile the generator at (0: none)")
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    parser.add_argument("--from-json", type=Path, metavar="FILE",
                        help="only rewrite the report from the results.json a --keep run left in its folder")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-root", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args)
    args.argv = sys.argv[1:] if argv is None else argv
    sizes = args.size_list = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.abbr_terms = [int(s) for s in args.abbr_terms.split(",") if s.strip()]
    if args.from_json:
        raw = json.loads(args.from_json.read_text(encoding="utf-8"))
        args.argv = raw.get("argv") or args.argv
        results = [SizeResult(int(n), v) for n, v in raw["sizes"].items()]
        args.size_list = [r.n for r in results]
        text = report(results, raw["machine"], args, raw["import_s"])
        args.output.write_text(text + "\n", encoding="utf-8")
        print(text)
        return 0
    if not BRIEFING.exists() or not MKDOCS.exists():
        raise SystemExit(f"run with the project's venv python (no briefing/mkdocs next to {sys.executable})")

    global SNAPSHOT
    info = machine()
    corpus = Corpus(args.seed, args.entries)
    base = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    SNAPSHOT = base / "snapshot"
    take_snapshot(SNAPSHOT)
    code = hashlib.sha1()
    for path in sorted((SNAPSHOT / "python" / "generator").rglob("*")):
        if path.is_file():
            code.update(path.relative_to(SNAPSHOT).as_posix().encode() + b"\0" + path.read_bytes())
    info["generator"] = code.hexdigest()[:12]
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SNAPSHOT / "python"), os.environ.get("PYTHONPATH")]))
    imports = [run([sys.executable, "-c", "import generator.pipeline"], base, base / "logs" / "import").seconds for _ in range(3)]
    import_s = min(imports)
    results = []
    try:
        for n in sizes:
            results.append(measure(n, corpus, base, args))
            text = report(results, info, args, import_s)
            args.output.write_text(text + "\n", encoding="utf-8")  # partial results survive an interrupted run
            raw = {"machine": info, "import_s": import_s, "argv": args.argv, "sizes": {r.n: r.values for r in results}}
            (base / "results.json").write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
