"""Writing imported articles: seed files (through ``formats/seedfile``), atomically, never over another.

A file appears whole or not at all: the text goes to a hidden temporary file in the same folder,
is flushed to disk, then linked to its name, which fails rather than replace a file already there
(the next free name, ``-2``, ``-3``..., is taken instead). An interrupted import leaves at most a
``.import-*.tmp`` file, which the build does not read (it reads ``*.txt``).
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from ..formats import seedfile
from ..render.slugs import slugify

MAX_TRIES = 100


def file_stem(title: str, date: str | None) -> str:
    """``<date>-<slug>`` (``<slug>`` when undated): the name the build would give the page."""
    slug = slugify(title)
    return f"{date}-{slug}" if date else slug


def store_article(folder: Path, meta: dict[str, str | None], paragraphs: list[str] | tuple[str, ...]) -> Path:
    """Write one article as ``folder/<date>-<slug>.txt`` and return its path. Raises OSError."""
    text = seedfile.write(meta, list(paragraphs))
    stem = file_stem(meta.get("title") or "untitled", meta.get("date"))
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".import-", suffix=".tmp", dir=folder)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # as an editor's own file would be, not mkstemp's 0600
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        for n in range(1, MAX_TRIES + 1):
            target = folder / (f"{stem}.txt" if n == 1 else f"{stem}-{n}.txt")
            if _link(temporary, target):
                _sync_folder(folder)
                return target
        raise OSError(errno.EEXIST, f"{stem}.txt and {MAX_TRIES - 1} numbered variants all exist", str(folder))
    finally:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _link(temporary: str, target: Path) -> bool:
    """Give the written file its name unless the name is taken. True when done."""
    try:
        os.link(temporary, target)
        return True
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
    # A filesystem without hard links: claim the name exclusively, then move the whole file onto it.
    try:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        return False
    os.replace(temporary, target)
    return True


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not supported here (Windows); the file itself is on disk
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
