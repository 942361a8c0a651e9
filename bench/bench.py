"""Benchmark: the generator, MkDocs, search, maps and the editor's preview on synthetic corpora.

    python bench/bench.py [--sizes 200,2000,10000] [--shapes topical,uniform] [--only GROUPS] [--keep DIR]
                          [--output bench/results.md] [--from-json FILE ...]

For every size N this writes a deterministic synthetic project (bench/corpus_gen.py: N news-like
articles in the documented seed format and 1,000 glossary entries per category, each with
aliases) into a scratch folder, copies mkdocs.yml, overrides/ and the hand-written docs/ files
from the repository, and measures, each in its own subprocess with wall-clock time and the
child's peak RSS (wait4), in groups (``--only`` picks some; every group by default):

* always: ``briefing --root DIR build`` into an empty docs/ (full build);
* ``rerun``: the same again with nothing changed (time, and files in docs/ whose inode or mtime
  changed), and after one article's text changed (files rewritten vs files whose bytes changed);
* ``annotate``: in-process annotation throughput (``annotate()`` alone over every article, text
  MB/s) with the full 3,000-entry glossary and with 100-entry ones, and the same for the generator
  of a reference commit (``--reference``, exported with ``git archive``) on the same corpus;
* ``phases``: the time spent in each pipeline step;
* ``site``: ``mkdocs build`` with cwd=DIR (which runs the search indexer); the ratio
  generator/mkdocs; bytes per article page and per article; the site's total;
* ``search`` (at ``--search-at``): the search indexer alone (time, the Pagefind process's peak
  memory); the three queries in Chromium (bench/search_bench.py) against Briefing's search and,
  on the same docs/ built again with Material's built-in search (bench/material_search.py),
  against Material's;
* ``maps`` (at ``--maps-at``): every map label and node on the home page and the most-mentioned
  entries' pages, for overlap and clipping (bench/maps_bench.py);
* ``compare`` (at ``--compare-at``): the glossary the way Material's documentation recommends
  (bench/abbr.py), its ``mkdocs build`` against ``briefing build`` + ``mkdocs build``;
* ``profile`` (at ``--profile-at``): a cProfile of an in-process dry-run build;
* ``serve`` (at ``--serve-at``): the editor's preview, save -> page served updated
  (bench/serve_bench.py); last, as it edits the inputs (and puts them back).

The other corpus shapes of ``--shapes`` (``uniform``, at ``--uniform-at``) get the full build and
``mkdocs build`` (time, peak memory, site size). ``--sizes 30000 --only site`` measures only the
site's size at 30,000. Every group but ``site`` and the shapes runs in-process measurements or a
browser; none needs the network.

The report (Markdown, bench/report.py) is printed and written to ``--output``, with the raw values
beside it (``results.json``); ``--from-json`` rewrites the report from one or more of those (the
sizes of several runs in one table).
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import abbr  # noqa: E402
import inprocess  # noqa: E402
import material_search  # noqa: E402
import report  # noqa: E402
import search_bench  # noqa: E402
import serve_bench  # noqa: E402
import sitefacts  # noqa: E402
from corpus_gen import Corpus  # noqa: E402

BIN = Path(sys.executable).parent
BRIEFING = BIN / "briefing"
MKDOCS = BIN / "mkdocs"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
# Every child imports the generator from a snapshot taken when the benchmark starts (PYTHONPATH
# comes before the editable install), so all sizes measure the same code even if the working tree
# is edited during a long run.
SNAPSHOT: Path | None = None

GROUPS = ("rerun", "annotate", "phases", "site", "search", "maps", "compare", "profile", "serve")
NEEDS_SITE = {"site", "search", "maps", "compare"}  # groups that need `mkdocs build`
REFERENCE = "c8fd55f"  # the generator the annotation target was set with (report.NOTE_REFERENCE)
REFERENCE_TURNS = 2
INDEXED = re.compile(r"search: indexed (\d+) pages, (\d+) words in ([\d.]+) s")


# --- running children ------------------------------------------------------------------------

@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system CPU of the child (less sensitive to other load on the machine)
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def run(cmd: list[str], cwd: Path, log: Path, env: dict | None = None) -> Run:
    """Run one child; wall time and its own peak RSS (wait4 gives the rusage of that child, and of
    the children it waited for: the largest of them)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log.with_suffix(".out"), log.with_suffix(".err")
    # Flush what earlier steps wrote first, so no step is billed for writing back the last one's
    # hundreds of megabytes. (Creating files still costs anywhere from 30 µs to 0.8 ms each on
    # this virtual machine, from one minute to the next: compare runs, not single steps.)
    os.sync()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=ENV if env is None else env)
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
    # Compiled once, as an installed package is: the children read the bytecode (PYTHONDONTWRITEBYTECODE
    # only keeps them from writing it) instead of compiling ~140 modules each (~0.1 s of a no-op re-run).
    compileall.compile_dir(dest / "python", quiet=1)
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


# --- the reference commit, options ---------------------------------------------------------------

def export_reference(commit: str, dest: Path) -> Path:
    """``git archive COMMIT generator | tar -x -C DEST``: that commit's generator/, importable with
    PYTHONPATH=DEST."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    archive = subprocess.Popen(["git", "-C", str(REPO), "archive", commit, "generator"], stdout=subprocess.PIPE)
    tar = subprocess.run(["tar", "-x", "-C", str(dest)], stdin=archive.stdout)
    archive.stdout.close()
    if archive.wait() != 0 or tar.returncode != 0 or not (dest / "generator" / "pipeline.py").is_file():
        raise SystemExit(f"could not export generator/ of commit {commit} (git archive)")
    return dest


def sizes_option(text: str) -> set[int]:
    return {int(s.replace("_", "")) for s in text.split(",") if s.strip() and int(s.replace("_", "")) > 0}


# --- one size ------------------------------------------------------------------------------------

def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def optional(v: dict, what: str, step, *args) -> None:
    """Run one measurement; if it fails, say so in the report (its rows stay "n/a") and go on."""
    try:
        step(*args)
    except (Exception, SystemExit) as error:  # noqa: BLE001 - any failure is reported, not fatal
        message = " ".join(str(error).split())[:600] or type(error).__name__
        log(f"{what} failed: {message}")
        v.setdefault("errors", {})[what] = message


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def generator_build(root: Path, logs: Path, v: dict) -> None:
    docs = root / "docs"
    before = snapshot(docs)
    full = run([str(BRIEFING), "--root", str(root), "build"], REPO, logs / "build-full")
    v["docs_snapshot"] = snapshot(docs)
    v["gen_full_s"], v["gen_full_cpu"], v["gen_full_mb"] = full.seconds, full.cpu, full.peak_mb
    v["gen_pages"] = len(compare(before, v["docs_snapshot"])[0])
    lines = full.stdout.strip().splitlines()
    v["gen_summary"] = next((line for line in lines if line.startswith("briefing build:")), lines[-1] if lines else "")
    v["gen_coverage"] = next((line for line in lines if line.startswith("coverage:")), "")
    v["gen_notes"] = sum(1 for line in full.stderr.splitlines() if line.startswith("note:"))
    v["docs_bytes"] = tree_bytes(docs)[0]
    largest = max((p for p in docs.rglob("*.md")), key=lambda p: p.stat().st_size)
    v["largest_md"] = (largest.relative_to(docs).as_posix(), largest.stat().st_size)


def generator_reruns(n: int, root: Path, logs: Path, v: dict) -> None:
    docs = root / "docs"
    log(f"N={n}: briefing build (nothing changed)")
    before = v["docs_snapshot"]
    noop = run([str(BRIEFING), "--root", str(root), "build"], REPO, logs / "build-noop")
    after = snapshot(docs)
    written, _ = compare(before, after)
    v["gen_noop_s"], v["gen_noop_cpu"], v["gen_noop_written"] = noop.seconds, noop.cpu, written

    log(f"N={n}: briefing build (one article changed)")
    v["changed_file"] = change_one_article(root, n)
    before = after
    one = run([str(BRIEFING), "--root", str(root), "build"], REPO, logs / "build-one")
    written, changed = compare(before, snapshot(docs))
    v["gen_one_s"], v["gen_one_cpu"] = one.seconds, one.cpu
    v["gen_one_written"], v["gen_one_changed"] = written, changed


def annotation(n: int, root: Path, logs: Path, args, v: dict) -> None:
    log(f"N={n}: annotation throughput (in-process, in a fresh interpreter)")
    v.update(in_child("annotate", root, args, logs / "annotate"))
    if not args.reference_dir:
        return
    # The reference and the current code timed the same way, in turn, twice (best of each): this
    # machine's speed drifts from one minute to the next, and the ratio must not.
    log(f"N={n}: annotation throughput, current code and the generator as of {args.reference} in turn")
    env = {**ENV, "PYTHONPATH": str(args.reference_dir)}
    current, reference = [], []
    try:
        for turn in range(REFERENCE_TURNS):
            current.append(in_child("annotate-full", root, args, logs / f"annotate-current-{turn}")["mbps_ref"])
            reference.append(in_child("annotate-full", root, args, logs / f"annotate-reference-{turn}", env=env)["mbps_ref"])
    except SystemExit as error:
        v["ref_error"] = " ".join(str(error).split())[-300:]
        return
    v["mbps_ref"], v["mbps_ref_current"], v["ref_turns"] = max(reference), max(current), REFERENCE_TURNS


def mkdocs_site(n: int, root: Path, logs: Path, v: dict, label: str = "") -> None:
    log(f"N={n}{label}: mkdocs build (this is the slow part)")
    mk = run([str(MKDOCS), "build"], root, logs / "mkdocs-build")
    v["mkdocs_s"], v["mkdocs_cpu"], v["mkdocs_mb"] = mk.seconds, mk.cpu, mk.peak_mb
    v["mkdocs_warnings"] = sum(1 for line in mk.stderr.splitlines() if line.startswith("WARNING"))
    indexed = INDEXED.search(mk.stderr)
    if indexed:
        v["index_build_s"] = float(indexed.group(3))
    site_facts(root / "site", n, v)


def site_facts(site: Path, n: int, v: dict) -> None:
    pages = article_pages(site)
    v["page_bytes"] = sum(p.stat().st_size for p in pages) / max(1, len(pages))
    v["article_pages"] = len(pages)
    v["search_bytes"] = tree_bytes(site / "pagefind")[0] if (site / "pagefind").is_dir() else 0
    v["search_per_article"] = v["search_bytes"] / n
    v["site_bytes"], v["site_files"] = tree_bytes(site)
    biggest = max((p for p in site.rglob("*.html")), key=lambda p: p.stat().st_size)
    v["biggest_page"] = (biggest.relative_to(site).as_posix(), biggest.stat().st_size)


def choose_queries(n: int, docs: Path, corpus: Corpus) -> dict[str, str]:
    """The most-mentioned person's name, its first alias, and a two-word phrase common in the
    articles' text (not a glossary name)."""
    person = sitefacts.most_mentioned(docs, 1, ("people",))[0]
    name = sitefacts.entry_title(docs, person)
    entry = next((e for e in corpus.entries["people"] if e.name == name), None)
    alias = (entry.aliases or entry.short_names or [name])[0] if entry else name
    names = [x for entries in corpus.entries.values() for e in entries for x in (e.name, *e.aliases, *e.short_names)]
    phrase = sitefacts.common_phrase((p for i in range(min(n, 500)) for p in corpus.article(i)[2]), names)
    return {"name": name, "alias": alias, "phrase": phrase}


def browser_search(site: Path, kind: str, queries: dict[str, str], args, log_path: Path) -> dict[str, dict]:
    cmd = [sys.executable, str(HERE / "search_bench.py"), str(site), "--kind", kind, "--timeout", str(args.search_timeout),
           *queries.values()]
    rows = json_lines(run(cmd, site, log_path).stdout)
    return dict(zip(queries, rows))


def search(n: int, root: Path, corpus: Corpus, logs: Path, args, v: dict) -> None:
    """The indexer alone, then the three queries against Briefing's search and against Material's
    (on the same docs/ built again with it); each part reported on its own if it fails."""
    site = root / "site"
    v["queries"] = queries = choose_queries(n, root / "docs", corpus)
    v["search"] = {}

    def indexer() -> None:
        log(f"N={n}: the search indexer alone (Pagefind's own time and memory)")
        v["index"] = in_child("index", site, args, logs / "index-alone")

    def briefing() -> None:
        log(f"N={n}: Briefing's search in Chromium: " + ", ".join(f"“{q}”" for q in queries.values()))
        v["search"]["pagefind"] = browser_search(site, "pagefind", queries, args, logs / "search-pagefind")

    def material() -> None:
        log(f"N={n}: the same docs/ with Material's built-in search: mkdocs build")
        config = material_search.variant(root)
        mk = run([str(MKDOCS), "build", "-f", config.name], root, logs / "mkdocs-material-search")
        built = root / material_search.SITE
        raw, sent = search_bench.sent_bytes(built / material_search.INDEX)
        v["material"] = {"mkdocs_s": mk.seconds, "mkdocs_cpu": mk.cpu, "mkdocs_mb": mk.peak_mb, "index_bytes": raw,
                         "index_gzip": sent, "site_bytes": tree_bytes(built)[0]}
        log(f"N={n}: Material's search in Chromium (at most {args.search_timeout:g} s a query)")
        try:
            v["search"]["material"] = browser_search(built, "material", queries, args, logs / "search-material")
        finally:
            if not args.keep:
                shutil.rmtree(built, ignore_errors=True)

    optional(v, "search indexer alone", indexer)
    optional(v, "Briefing's search", briefing)
    if n in args.material_at:
        optional(v, "Material's search", material)


def maps(n: int, root: Path, logs: Path, args, v: dict) -> None:
    keys = sitefacts.most_mentioned(root / "docs", args.map_pages)
    paths = ["", *(sitefacts.entry_url(k) for k in keys)]
    log(f"N={n}: map labels and nodes on the home page and {len(keys)} entry pages (Chromium, 1280 px)")
    cmd = [sys.executable, str(HERE / "maps_bench.py"), str(root / "site"), *paths]
    v["maps"] = json_lines(run(cmd, root, logs / "maps").stdout)


def compare_abbr(n: int, corpus: Corpus, base: Path, logs: Path, args, v: dict) -> None:
    for terms in args.abbr_terms:
        project = base / f"abbr{n}-{terms}"
        log(f"N={n}: Material abbreviations project, {terms} terms: mkdocs build")
        abbr.make_abbr_project(project, corpus, n, terms)
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


def preview(n: int, root: Path, logs: Path, args, v: dict) -> None:
    log(f"N={n}: editor preview ({' '.join(args.serve_command)}): start-up, one article and one entry edited")
    v["serve"] = serve_bench.preview(root, BIN, ENV, logs / "serve", args.serve_timeout, tuple(args.serve_command))


def measure(n: int, corpus: Corpus, base: Path, args) -> dict:
    """Every group of measurements asked for, at one size of the topical corpus."""
    v: dict = {"n": n, "shape": "topical"}
    root = base / f"n{n}"
    logs = base / "logs" / f"n{n}"
    groups = args.groups
    v["load"] = [os.getloadavg()[0], None]
    log(f"N={n}: writing the corpus to {root}")
    start = time.perf_counter()
    v["seed_bytes"] = make_project(root, corpus, n)
    v["corpus_s"] = time.perf_counter() - start

    log(f"N={n}: briefing build (full)")
    generator_build(root, logs, v)
    if "rerun" in groups:
        generator_reruns(n, root, logs, v)
    v.pop("docs_snapshot")
    if "annotate" in groups:
        annotation(n, root, logs, args, v)
    if "phases" in groups:
        log(f"N={n}: pipeline steps (in-process dry run, in a fresh interpreter)")
        v["phases"] = in_child("phases", root, args, logs / "phases")
    built = n <= args.skip_mkdocs_above and bool(groups & NEEDS_SITE)
    if built:
        mkdocs_site(n, root, logs, v)
    if built and "search" in groups and n in args.search_at:
        search(n, root, corpus, logs, args, v)
    if built and "maps" in groups and n in args.maps_at:
        optional(v, "maps", maps, n, root, logs, args, v)
    if "compare" in groups and n == args.compare_at:
        compare_abbr(n, corpus, base, logs, args, v)
    if "profile" in groups and n == args.profile_at:
        log(f"N={n}: cProfile of an in-process dry-run build")
        v["profile"] = in_child("profile", root, args, logs / "profile")["text"]
    if "serve" in groups and n in args.serve_at:  # last: it edits the inputs
        optional(v, "serve", preview, n, root, logs, args, v)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    v["load"][1] = os.getloadavg()[0]
    return v


def measure_shape(shape: str, n: int, base: Path, args) -> dict:
    """Another corpus shape: the full build and `mkdocs build`, their time and peak memory."""
    v: dict = {"n": n, "shape": shape, "load": [os.getloadavg()[0], None]}
    try:
        corpus = Corpus(args.seed, args.entries, shape=shape)
    except (TypeError, ValueError) as error:  # a corpus_gen.py without that shape
        v["errors"] = {"corpus": f"bench/corpus_gen.py cannot write the {shape!r} shape: {error}"}
        return v
    root = base / f"{shape}-n{n}"
    logs = base / "logs" / f"{shape}-n{n}"
    log(f"N={n}, {shape} corpus: writing it to {root}")
    v["seed_bytes"] = make_project(root, corpus, n)
    log(f"N={n}, {shape} corpus: briefing build (full)")
    generator_build(root, logs, v)
    v.pop("docs_snapshot")
    if n <= args.skip_mkdocs_above:
        mkdocs_site(n, root, logs, v, f", {shape} corpus")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    v["load"][1] = os.getloadavg()[0]
    return v


# --- children -------------------------------------------------------------------------------------

def in_child(kind: str, root: Path, args, log_path: Path, env: dict | None = None) -> dict:
    """Run one in-process measurement in a fresh interpreter (importing the snapshot); its JSON."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--child-root", str(root),
           "--seed", str(args.seed), "--entries", str(args.entries)]
    return json.loads(run(cmd, root, log_path, env=env).stdout)


def child_main(args) -> int:
    root = args.child_root
    if args.child == "annotate":
        result = inprocess.annotation_throughput(root, Corpus(args.seed, args.entries))
    elif args.child == "annotate-full":
        result = inprocess.annotation_full_glossary(root)
    elif args.child == "phases":
        result = inprocess.phase_times(root)
    elif args.child == "profile":
        result = {"text": inprocess.profile_build(root)}
    elif args.child == "index":
        result = inprocess.index_alone(root)
    else:
        raise SystemExit(f"unknown --child {args.child}")
    json.dump(result, sys.stdout)
    return 0


# --- main -----------------------------------------------------------------------------------------

def write_report(raw: dict, args) -> str:
    by = {int(n): {"n": int(n), **v} for n, v in raw["sizes"].items()}
    shapes = {shape: {int(n): {"n": int(n), **v} for n, v in sized.items()} for shape, sized in raw.get("shapes", {}).items()}
    args.commands = raw.get("commands") or [raw.get("argv") or []]
    text = report.report(by, shapes, raw["machine"], args, raw["import_s"])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n", encoding="utf-8")
    args.output.with_suffix(".json").write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    return text


def merge(files: list[Path]) -> dict:
    """Several runs' results.json as one: the first run's machine, every size, every command. What
    a later run measured at a size replaces what an earlier one did, value by value (nested
    values too): a run of some groups (``--only search,serve``) updates only what it measured."""
    merged: dict = {"sizes": {}, "shapes": {}, "commands": []}
    for path in files:
        raw = json.loads(path.read_text(encoding="utf-8"))
        merged.setdefault("machine", raw["machine"])
        merged.setdefault("import_s", raw["import_s"])
        _merge_into(merged["sizes"], raw["sizes"])
        _merge_into(merged["shapes"], raw.get("shapes", {}))
        merged["commands"] += raw.get("commands") or [raw.get("argv") or []]
    return merged


def _merge_into(into: dict, later: dict) -> None:
    for key, value in later.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge_into(into[key], value)
        else:
            into[key] = value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,2000,10000", help="article counts, comma-separated")
    parser.add_argument("--shapes", default="topical,uniform", help="corpus shapes (bench/corpus_gen.py), comma-separated")
    parser.add_argument("--uniform-at", default="10000", metavar="SIZES", help="sizes (of --sizes) to measure the uniform shape at")
    parser.add_argument("--only", default="", metavar="GROUPS", help=f"measure only these groups: {','.join(GROUPS)} "
                        "(the full build always runs; 'site' alone: generator + mkdocs build + site bytes)")
    parser.add_argument("--skip-mkdocs-above", type=int, default=10**9, metavar="N", help="no mkdocs build for sizes above N")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR and keep the projects (default: a temporary folder, removed)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--entries", type=int, default=1000, help="glossary entries per category")
    parser.add_argument("--reference", default=REFERENCE, metavar="COMMIT",
                        help="commit whose generator's annotation speed is the reference ('' for none)")
    parser.add_argument("--search-at", default="2000,10000", metavar="SIZES", help="sizes to measure search at")
    parser.add_argument("--material-at", default=None, metavar="SIZES",
                        help="sizes (of --search-at) to measure Material's built-in search at, for comparison (default: all)")
    parser.add_argument("--search-timeout", type=float, default=search_bench.TIMEOUT_S, metavar="S", help="time limit per query")
    parser.add_argument("--maps-at", default="2000", metavar="SIZES", help="sizes to check the maps at")
    parser.add_argument("--map-pages", type=int, default=20, metavar="K", help="entry pages to check the maps of")
    parser.add_argument("--serve-at", default="10000", metavar="SIZES", help="sizes to measure the editor's preview at")
    parser.add_argument("--serve-timeout", type=float, default=serve_bench.TIMEOUT_S, metavar="S", help="time limit per edit")
    parser.add_argument("--serve-command", default=" ".join(serve_bench.SERVE_COMMAND),
                        help="the preview server, a program in the venv's bin with its arguments")
    parser.add_argument("--compare-at", type=int, default=2000, metavar="N", help="size for the Material abbreviations comparison (0: none)")
    parser.add_argument("--abbr-terms", default="0,500", help="abbreviation counts for the comparison, comma-separated")
    parser.add_argument("--profile-at", type=int, default=2000, metavar="N", help="size to cProfile the generator at (0: none)")
    parser.add_argument("--output", type=Path, default=HERE / "results.md", help="the report; the raw values go beside it (.json)")
    parser.add_argument("--from-json", type=Path, action="append", metavar="FILE",
                        help="only rewrite the report from the results.json of earlier runs (repeat to merge their sizes)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-root", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args)
    args.argv = sys.argv[1:] if argv is None else argv
    args.size_list = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.abbr_terms = [int(s) for s in args.abbr_terms.split(",") if s.strip()]
    args.shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    args.groups = set(GROUPS) if not args.only else {g.strip() for g in args.only.split(",") if g.strip()}
    unknown = args.groups - set(GROUPS)
    if unknown:
        raise SystemExit(f"--only: unknown group(s) {', '.join(sorted(unknown))}; expected some of {', '.join(GROUPS)}")
    args.search_at, args.maps_at = sizes_option(args.search_at), sizes_option(args.maps_at)
    args.material_at = args.search_at if args.material_at is None else sizes_option(args.material_at)
    args.serve_at, args.uniform_at = sizes_option(args.serve_at), sizes_option(args.uniform_at)
    args.serve_command = shlex.split(args.serve_command)
    if args.from_json:
        raw = merge(args.from_json)
        args.size_list = sorted(int(n) for n in raw["sizes"])
        print(write_report(raw, args))
        return 0
    if not BRIEFING.exists() or not MKDOCS.exists():
        raise SystemExit(f"run with the project's venv python (no briefing/mkdocs next to {sys.executable})")

    global SNAPSHOT
    info = report.machine()
    chromium = subprocess.run([search_bench.CHROMIUM, "--version"], capture_output=True, text=True, check=False)
    info["chromium"] = chromium.stdout.strip() or search_bench.CHROMIUM
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
    args.reference_dir = None
    if args.reference and "annotate" in args.groups:
        args.reference_dir = export_reference(args.reference, base / f"reference-{args.reference}")
        info["reference"] = args.reference
    imports = [run([sys.executable, "-c", "import generator.pipeline"], base, base / "logs" / "import").seconds for _ in range(3)]
    raw = {"machine": info, "import_s": min(imports), "commands": [args.argv], "sizes": {}, "shapes": {}}
    corpus = Corpus(args.seed, args.entries)
    text = ""
    try:
        for n in args.size_list:
            if "topical" in args.shapes:
                raw["sizes"][n] = measure(n, corpus, base, args)
            for shape in args.shapes:
                if shape != "topical" and n in args.uniform_at:
                    raw["shapes"].setdefault(shape, {})[n] = measure_shape(shape, n, base, args)
            text = write_report(raw, args)  # partial results survive an interrupted run
            (base / "results.json").write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
