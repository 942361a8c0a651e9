"""SIGKILL the generator at random moments: docs/ never holds a torn file, and after the next run
(or the MkDocs hook) finishes the journal, it is exactly the complete old or complete new output."""

from __future__ import annotations

import hashlib
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from generator import write

KILLS = 24


def state(docs: Path) -> dict[str, str]:
    return {
        p.relative_to(docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(docs.rglob("*"))
        if p.is_file() and not p.relative_to(docs).as_posix().startswith(write.STATE_DIR)
    }


def set_version(project, version: str) -> None:
    # Changing a summary changes every page that links the entry: most of the site.
    project.glossary("states", (project.root / "seeds/glossary/states.yml").read_text().replace(
        f"summary: A country in East Asia{'!' if version == 'A' else '.'}", f"summary: A country in East Asia{'.' if version == 'A' else '!'}"))


def run_build(project) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project.root), "build"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_killed_builds_leave_old_or_new_output(project):
    for i in range(80):
        project.article(f"n{i:03}.txt", f"---\ndate: 2010-01-{1 + i % 28:02}\n---\nArticle {i} on China\n\n" + "China and North Korea met. " * 40 + "\n")
    docs = project.root / "docs"
    outputs = {}
    for version in ("A", "B"):
        set_version(project, version)
        started = time.monotonic()
        assert run_build(project).wait() == 0
        duration = time.monotonic() - started
        outputs[version] = state(docs)
    assert outputs["A"] != outputs["B"]
    allowed = {path: {outputs["A"].get(path), outputs["B"].get(path)} for path in outputs["A"].keys() | outputs["B"].keys()}
    rng = random.Random(20261123)
    current, interrupted, staged = "B", 0, 0
    for kill in range(KILLS):
        target = "A" if current == "B" else "B"
        set_version(project, target)
        process = run_build(project)
        if kill % 3 == 0:
            time.sleep(rng.uniform(0.0, duration * 1.1))  # anywhere in the run
        else:
            # Just after staging (or the journal) appears: where a torn docs/ could happen.
            marker = docs / (write.STAGING if kill % 3 == 1 else write.JOURNAL)
            deadline = time.monotonic() + duration * 3
            while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.0002)
            time.sleep(rng.uniform(0.0, 0.004))
        process.send_signal(signal.SIGKILL)
        process.wait()
        torn = {path: digest for path, digest in state(docs).items() if digest not in allowed.get(path, set())}
        assert torn == {}, "a file is neither its old nor its new version"
        staged += (docs / write.STAGING).exists() and not (docs / write.JOURNAL).exists()
        interrupted += (docs / write.JOURNAL).exists()
        write.recover(docs)
        now = state(docs)
        assert now in (outputs["A"], outputs["B"]), "docs/ mixes two generations after recovery"
        current = "A" if now == outputs["A"] else "B"
    print(f"{KILLS} kills: {staged} while staging, {interrupted} while moving pages")
    assert staged and interrupted, "no kill landed while pages were written; the test would prove little"


def test_two_builds_at_once_take_turns(tmp_path):
    """`briefing build` in a terminal while `make serve` rebuilds: each waits for the other's
    write (docs/.briefing/lock) instead of taking its staged files; both succeed."""
    import threading

    from generator.pipeline import build, generate
    from tests.sites import generated_files, materialise

    root = materialise("sample", tmp_path / "project")
    errors = []

    def run():
        try:
            build(root)
        except Exception as error:  # noqa: BLE001 - the test reports whatever happened
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    _, pages, _ = generate(root)
    assert generated_files(root / "docs") == {p: t.encode("utf-8") for p, t in pages.items()}
