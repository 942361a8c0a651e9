"""How ``mkdocs serve`` notices a save (the plugin's ``on_serve``): the system's file events
instead of MkDocs' polling, and the generator's own writes to docs/ not taken for an edit.

MkDocs 1.6 watches with watchdog's ``PollingObserver``: every half second each watched folder is
walked and every file in it stat-ed, on threads that share the interpreter with the rebuilds. At
10,000 articles that is docs/ (18,000 files) and seeds/ (10,000), over and over, and a rebuild
runs several times slower beside it. It also cannot tell the generator's writes from an editor's:
each save rebuilt the site twice, the second time because the first one had written docs/.

``use_native_observer`` puts the platform's observer (inotify, FSEvents, ReadDirectoryChangesW:
``watchdog.observers.Observer``) in MkDocs' place before the server starts, with the folders
MkDocs already watches moved onto it, and

* only changes are events: the native observers also report a file opened or closed unwritten,
  and the build reads every watched file, so MkDocs' callback would rebuild for ever;
* in docs/, an event on a file of the generator's (a path the renderer writes, ``routes.kind_of``,
  or its state folder) is not passed on: the generator wrote it during the very build that is
  serving it. The editor's own files in docs/ (assets, pages of their own) rebuild as before.

Where there is no native observer, or Linux's inotify allows too few watches for the folders, or
watchdog or MkDocs are not as expected, MkDocs keeps its own (one line says why). So it does when
``BRIEFING_WATCH=poll`` is set: file events do not cross every file system (a Windows folder seen
from WSL, some network and container mounts), polling does.
"""

from __future__ import annotations

import inspect
import os
from pathlib import Path

from watchdog import events
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from .render import routes
from .write import STATE_DIR

# What the polling observer reports, and so what MkDocs was written for.
CHANGES = [events.FileCreatedEvent, events.FileDeletedEvent, events.FileModifiedEvent, events.FileMovedEvent,
           events.DirCreatedEvent, events.DirDeletedEvent, events.DirModifiedEvent, events.DirMovedEvent]
INOTIFY_WATCHES = Path("/proc/sys/fs/inotify/max_user_watches")
INOTIFY_SHARE = 0.5  # of the system's inotify watches, at most, for the preview's folders
POLL_SETTING = "BRIEFING_WATCH"  # =poll: MkDocs' polling, for file systems that give no events


def generated(docs: str, path: str) -> bool:
    """Whether ``path`` (absolute) is one of the generator's files in ``docs`` (absolute)."""
    relative = os.path.relpath(path, docs).replace(os.sep, "/")
    if relative.startswith("../") or relative == "..":
        return False
    return relative == STATE_DIR or relative.startswith(f"{STATE_DIR}/") or routes.kind_of(relative) is not None


class _Filtered(events.FileSystemEventHandler):
    """MkDocs' handler, given only the events some path of which ``wanted(path)`` holds for."""

    def __init__(self, inner: events.FileSystemEventHandler, wanted) -> None:
        self._inner, self._wanted = inner, wanted

    def dispatch(self, event: events.FileSystemEvent) -> None:
        paths = [event.src_path] + ([event.dest_path] if getattr(event, "dest_path", "") else [])
        if any(self._wanted(os.fsdecode(p)) for p in paths):
            self._inner.dispatch(event)


class PreviewObserver(Observer):
    """The platform's observer, reporting changes only, docs/ without the generator's files.

    A single file (mkdocs.yml, briefing.yml) is watched through its folder: an editor that saves
    by writing a new file and renaming it over the old one would leave a watch on the file itself
    watching nothing."""

    def __init__(self, docs: str) -> None:
        super().__init__()
        self._docs = os.path.abspath(docs)

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **options):
        path = os.path.abspath(path)
        if path == self._docs:
            event_handler = _Filtered(event_handler, lambda p: not generated(self._docs, p))
        elif os.path.isfile(path):
            event_handler = _Filtered(event_handler, lambda p, file=path: os.path.abspath(p) == file)
            path, recursive = os.path.dirname(path), False
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES, **options)


def use_native_observer(server, docs: str, config_file: str | None, more: list[Path]) -> str:
    """Give ``server`` (MkDocs' LiveReloadServer, not started) a PreviewObserver, moving the
    watches MkDocs made (``docs``, ``config_file``) onto it; ``more``: the folders the plugin is
    about to watch (for the inotify count). Returns what it did, for the log."""
    if os.environ.get(POLL_SETTING, "").strip().lower() == "poll":
        return f"watching by polling ({POLL_SETTING}=poll)"
    if Observer is PollingObserver:
        return "watching by polling: this platform has no file events"
    if not isinstance(getattr(server, "observer", None), PollingObserver) or server.observer.is_alive():
        return "watching as MkDocs does: its server is not the one this was written for"
    if "event_filter" not in inspect.signature(Observer.schedule).parameters:
        return "watching by polling: watchdog is older than 4.0 (pip install -U watchdog for file events)"
    if Observer.__name__.startswith("Inotify") and INOTIFY_WATCHES.is_file():
        folders = sum(_folders(Path(p)) for p in [Path(docs), *more])
        allowed = int(INOTIFY_WATCHES.read_text().strip() or 0)
        if folders > allowed * INOTIFY_SHARE:
            return (f"watching by polling: {folders:,} folders to watch, and inotify allows {allowed:,} watches "
                    f"(raise fs.inotify.max_user_watches for file events)")
    watched = []
    for path in filter(None, (docs, config_file)):
        try:
            server.unwatch(path)
        except KeyError:  # not watched (mkdocs serve watches both before on_serve)
            continue
        watched.append(path)
    server.observer = PreviewObserver(docs)
    for path in watched:
        server.watch(path)
    return "watching by file events"


def _folders(path: Path) -> int:
    if not path.is_dir():
        return 1 if path.exists() else 0
    return sum(1 for _ in os.walk(path))
