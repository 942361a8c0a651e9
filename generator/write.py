"""The only module that touches docs/: what the generator owns, what changed, and writing it safely.

Ownership is a manifest (``docs/.briefing/manifest.json``) of every file the generator wrote,
with its hash. Only those files are ever rewritten or removed; a file the manifest does not list
is the editor's and is never touched (the build stops if a page would land on one).

A build is applied as a transaction: every new file is first written to a staging folder, then
a journal listing the moves and removals is written atomically, then the moves happen. A run that
finds a journal (because the last one was killed half-way) finishes it before anything else, so
docs/ only ever moves from one complete output to the next. Unchanged files are not rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import threading
from collections.abc import Iterable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem

STATE_DIR = ".briefing"  # MkDocs ignores dot-folders in docs/
MANIFEST = f"{STATE_DIR}/manifest.json"
JOURNAL = f"{STATE_DIR}/journal.json"
STAGING = f"{STATE_DIR}/staging"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Plan:
    writes: dict[str, str]  # docs-relative path -> its staged copy ("" when only checking)
    deletes: tuple[str, ...]  # generated files that are no longer generated
    unchanged: int
    manifest: dict[str, str]  # the manifest after this plan: path -> sha256
    conflicts: tuple[Problem, ...]

    @property
    def changes(self) -> bool:
        return bool(self.writes or self.deletes)


def _read_manifest(docs: Path) -> dict[str, str]:
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data["files"].items()}
    except (FileNotFoundError, KeyError, TypeError, ValueError):
        return {}


def _inside(docs: Path, relative: str) -> Path:
    """docs/relative, refusing any path that could leave docs/ (slugs are safe; this keeps it so)."""
    parts = relative.split("/")
    if relative.startswith("/") or "\\" in relative or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"refusing to write outside docs/: {relative}")
    return docs / relative


@dataclass(frozen=True)
class Kept:
    """In place of a page's text: the page is in docs/ exactly as the last build wrote it, with
    this digest (``incremental.Memo`` has checked). It is neither rendered nor read again."""

    digest: str


LOCK = f"{STATE_DIR}/lock"


@contextmanager
def exclusive(docs: Path):
    """One build writes docs/ at a time: a `briefing build` in a terminal while `make serve`
    rebuilds waits for it (two at once would take each other's staged files). Where the system
    has no advisory locks (not POSIX), nothing is held."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    (docs / STATE_DIR).mkdir(parents=True, exist_ok=True)
    with open(docs / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def plan(docs: Path, pages: Iterable[tuple[str, str | Kept]] | dict[str, str], stage: bool = True) -> Plan:
    """Compare the wanted pages with docs/ as it is (after finishing any interrupted run).

    Pages arrive one at a time and each new or changed one is staged at once, so memory holds
    one page, not the site. Nothing in docs/ itself changes until ``apply``."""
    recover(docs)
    owned = _read_manifest(docs)
    staging = docs / STAGING
    if stage:
        staging.mkdir(parents=True)
    writes, conflicts, unchanged, manifest = {}, [], 0, {}
    with _Stager() if stage else nullcontext() as stager:
        for relative, text in pages.items() if isinstance(pages, dict) else pages:
            if relative in manifest:
                raise ValueError(f"two pages want the same path: {relative}")
            if isinstance(text, Kept):
                if owned.get(relative) != text.digest:
                    raise ValueError(f"{relative} is not in docs/ as the last build left it: it must be rendered")
                manifest[relative] = text.digest
                unchanged += 1
                continue
            data = text.encode("utf-8")
            manifest[relative] = _digest(data)
            target = _inside(docs, relative)
            try:
                current = target.read_bytes()
            except (FileNotFoundError, IsADirectoryError):
                current = None
            if current == data:
                unchanged += 1
                continue
            if current is not None and relative not in owned:
                shown = f"{docs.name}/{relative}"
                conflicts.append(Problem(shown, message="exists and was not written by briefing; move it or rename the page that wants this path"))
                continue
            writes[relative] = ""
            if stage:
                staged = staging / f"{len(writes)}.tmp"
                stager.write(staged, data)
                writes[relative] = staged.relative_to(docs).as_posix()
    if conflicts:
        shutil.rmtree(staging, ignore_errors=True)
    deletes = tuple(sorted(p for p in owned if p not in manifest and (docs / p).is_file()))
    return Plan(dict(sorted(writes.items())), deletes, unchanged, dict(sorted(manifest.items())), tuple(conflicts))


class _Stager:
    """Writes staged files on a second thread while the next pages render.

    Creating a file costs the kernel far more than writing its bytes (on the machine the
    benchmark runs on, anything from 30 µs to 0.8 ms a file: up to a third of a fresh build); the
    thread lets that overlap with rendering, which holds the interpreter. The queue is short, so
    memory still holds only a few pages. The first error stops the build when the stager closes.
    """

    def __init__(self):
        self._queue: queue.Queue = queue.Queue(maxsize=32)
        self._error: OSError | None = None
        self._thread = threading.Thread(target=self._run, name="briefing-stager", daemon=True)

    def __enter__(self) -> _Stager:
        self._thread.start()
        return self

    def write(self, path: Path, data: bytes) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put((path, data))

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is None:
                try:
                    item[0].write_bytes(item[1])
                except OSError as error:
                    self._error = error

    def __exit__(self, *exc) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None and exc[0] is None:
            raise self._error


def apply(docs: Path, plan: Plan) -> None:
    """Make docs/ match the plan: all of it, or (if killed) none of it until the next run recovers."""
    if not plan.changes and _read_manifest(docs) == plan.manifest:
        shutil.rmtree(docs / STAGING, ignore_errors=True)
        return
    staging = docs / STAGING
    staging.mkdir(parents=True, exist_ok=True)
    moves = [[staged, relative] for relative, staged in plan.writes.items()]
    manifest = json.dumps({"generator": "briefing", "files": plan.manifest}, indent=1, sort_keys=True) + "\n"
    (staging / "manifest.json").write_text(manifest, encoding="utf-8")
    moves.append([f"{STAGING}/manifest.json", MANIFEST])
    _atomic_write(docs / JOURNAL, json.dumps({"moves": moves, "deletes": list(plan.deletes)}).encode())
    recover(docs)


def recover(docs: Path) -> None:
    """Finish a journal left by a killed run; drop staged files no journal refers to."""
    journal = docs / JOURNAL
    try:
        work = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        shutil.rmtree(docs / STAGING, ignore_errors=True)
        return
    for staged, relative in work["moves"]:
        source = docs / staged
        if source.exists():  # already moved if a previous recovery got this far
            target = _inside(docs, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    for relative in work["deletes"]:
        target = _inside(docs, relative)
        target.unlink(missing_ok=True)
        _prune(docs, target.parent)
    journal.unlink()
    shutil.rmtree(docs / STAGING, ignore_errors=True)


def _prune(docs: Path, folder: Path) -> None:
    """Remove folders our deletions emptied, up to docs/ itself."""
    root = docs.resolve()
    folder = folder.resolve()
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)


def append_text(target: Path, text: str) -> None:
    """Append to an editor's file (``briefing add``) without disturbing a byte of what is there."""
    current = target.read_bytes() if target.exists() else b""
    if current and not current.endswith(b"\n"):
        current += b"\n"
    _atomic_write(target, current + text.encode("utf-8"))


# The no-change fast path. A cache (not committed: it holds file times) remembers the inputs'
# fingerprint of the last complete build and the size and time of every file it left in docs/;
# when both still hold, a re-run has nothing to do and reads nothing else.
CACHE = f"{STATE_DIR}/cache.json"


def unchanged_since_last_build(docs: Path, fingerprint: str) -> bool:
    try:
        cache = json.loads((docs / CACHE).read_text(encoding="utf-8"))
        if cache["inputs"] != fingerprint or (docs / JOURNAL).exists():
            return False
        base = os.fspath(docs)  # strings, not Paths: a Path per file was half of a no-op re-run's check
        for relative, (size, mtime) in cache["files"].items():
            stat = os.stat(os.path.join(base, relative))
            if stat.st_size != size or stat.st_mtime_ns != mtime:
                return False
        return set(cache["files"]) == set(_read_manifest(docs))
    except (FileNotFoundError, KeyError, TypeError, ValueError):
        return False


def remember_build(docs: Path, fingerprint: str, stats: dict[str, tuple[int, int]] | None = None) -> None:
    """Record that docs/ is exactly what these inputs produce (after a build or a clean check).
    ``stats``: every generated file's (size, mtime_ns), when the caller has just taken them."""
    files = {}
    if stats is not None:
        files = {relative: list(stat) for relative, stat in stats.items()}
    else:
        for relative in _read_manifest(docs):
            stat = (docs / relative).stat()
            files[relative] = [stat.st_size, stat.st_mtime_ns]
    data = json.dumps({"inputs": fingerprint, "files": files}, sort_keys=True).encode()
    try:
        if (docs / CACHE).read_bytes() == data:
            return  # a re-run writes nothing, not even this
    except FileNotFoundError:
        pass
    _atomic_write(docs / CACHE, data)
