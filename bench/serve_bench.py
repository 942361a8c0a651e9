"""The editor's preview (#12): save an input under the live preview, time until the page shows it.

``preview(root, ...)`` starts the preview server in the project ``root`` (``SERVE_COMMAND``, what
``make serve`` runs, with the address set to 127.0.0.1 and a free port) and measures:

* start-up: from starting the server until it first answers the home page with 200, and until
  its log says the first search index is made (the edits wait for it, and for the log to be
  quiet: an editor saves on a settled server);
* an article edited: a sentence with a unique marker word appended to one paragraph of one
  article (``seeds/articles/``), then the article's served page fetched every 0.25 s until it
  contains the marker: the time from the file's write;
* a glossary entry edited: the same marker sentence appended to the summary of the most-mentioned
  person (``seeds/glossary/people.yml``), and the entry's profile page polled likewise.

Between the two edits the server is left to finish (its log quiet for 3 s), so the second edit
does not wait for the first one's rebuild. Each wait has a time limit; a page not updated within
it is reported as such (``seconds`` null). The server (its own process group) is then stopped and
the two input files are put back; its peak memory is its wait4 ru_maxrss.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from sitefacts import article_url_for, entry_title, entry_url, front_matter, most_mentioned

# What `make serve` runs (the Makefile's serve target), from the venv's bin folder; the benchmark
# adds `-a 127.0.0.1:PORT`. One constant: when the preview becomes `briefing serve`, change it here
# (or pass --serve-command).
SERVE_COMMAND = ("mkdocs", "serve", "--dirty")  # what `make serve` runs
TIMEOUT_S = 600.0  # for each edit to show
STARTUP_TIMEOUT_S = 3600.0  # the first build of a 10,000-article site takes many minutes
POLL_S = 0.25
QUIET_S = 3.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (OSError, urllib.error.URLError):
        return 0, ""


def wait_for(url: str, until, timeout_s: float, server: subprocess.Popen, start: float) -> float | None:
    """Seconds from ``start`` until ``until(status, body)`` holds for ``url``; None on timeout or
    if the server exits."""
    while time.perf_counter() - start < timeout_s:
        status, body = fetch(url)
        if until(status, body):
            return time.perf_counter() - start
        if server.poll() is not None:
            return None
        time.sleep(POLL_S)
    return None


INDEXED = "search: indexed"  # the plugin's line when a search index is made


def wait_logged(log: Path, text: str, timeout_s: float, server: subprocess.Popen, start: float) -> float | None:
    """Seconds from ``start`` until the server's log holds ``text``; None on timeout or exit."""
    while time.perf_counter() - start < timeout_s:
        if log.exists() and text in log.read_text(errors="replace"):
            return time.perf_counter() - start
        if server.poll() is not None:
            return None
        time.sleep(0.5)
    return None


def wait_quiet(log: Path, quiet_s: float, timeout_s: float) -> None:
    """Until the server's log has not grown for ``quiet_s`` (its rebuilds done), at most ``timeout_s``."""
    deadline, size, since = time.monotonic() + timeout_s, -1, time.monotonic()
    while time.monotonic() < deadline:
        now = log.stat().st_size if log.exists() else 0
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return
        time.sleep(0.2)


def pick_article(root: Path) -> tuple[Path, str]:
    """An article from the middle of the folder that names its original (its page is found by that
    URL), and its ``url``."""
    files = sorted((root / "seeds" / "articles").glob("*.txt"))
    for path in files[len(files) // 2:] + files[:len(files) // 2]:
        url = front_matter(path).get("url")
        if url:
            return path, str(url)
    raise SystemExit(f"no article under {root}/seeds/articles has a url: to find its page by")


def edit_article(path: Path, sentence: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    body = lines.index("---", 1) + 1 if lines and lines[0] == "---" else 0
    longest = max(range(body, len(lines)), key=lambda i: len(lines[i]))
    lines[longest] = lines[longest].rstrip() + " " + sentence
    path.write_text("\n".join(lines), encoding="utf-8")


def edit_summary(path: Path, name: str, sentence: str) -> None:
    """Append ``sentence`` to the summary of the entry called ``name`` (corpus_gen's layout:
    ``- name:`` then ``  summary:`` lines)."""
    import yaml

    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if line.startswith("- name: ") and yaml.safe_load(line[len("- name: "):]) == name:
            for j in range(i + 1, len(lines)):
                if lines[j].startswith("  summary: "):
                    summary = yaml.safe_load(lines[j][len("  summary: "):])
                    lines[j] = "  summary: " + json.dumps(f"{summary} {sentence}", ensure_ascii=False)
                    path.write_text("\n".join(lines), encoding="utf-8")
                    return
                if lines[j].startswith("- "):
                    break
    raise SystemExit(f"{path}: no summary found for {name!r}")


def stop(server: subprocess.Popen) -> float:
    """Stop the server and everything it started (its own process group); its peak RSS in MB
    (NaN if it had already exited and been reaped)."""
    if server.returncode is not None:
        return float("nan")
    try:
        os.killpg(server.pid, signal.SIGINT)  # as Ctrl-C: MkDocs stops its watcher and exits
    except ProcessLookupError:
        pass
    deadline, killed = time.monotonic() + 20, False
    while True:
        pid, status, usage = os.wait4(server.pid, 0 if killed else os.WNOHANG)
        if pid:
            server.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_maxrss / 1024
        if time.monotonic() > deadline:
            os.killpg(server.pid, signal.SIGKILL)
            killed = True
        else:
            time.sleep(0.2)


def preview(root: Path, bin_dir: Path, env: dict, logs: Path, timeout_s: float = TIMEOUT_S,
            command: tuple[str, ...] = SERVE_COMMAND, startup_timeout_s: float = STARTUP_TIMEOUT_S) -> dict:
    docs = root / "docs"
    article, url = pick_article(root)
    article_page = article_url_for(docs, url)
    person = most_mentioned(docs, 1, ("people",))[0]
    name = entry_title(docs, person)
    glossary = root / "seeds" / "glossary" / "people.yml"
    saved = {article: article.read_bytes(), glossary: glossary.read_bytes()}
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    cmd = [str(bin_dir / command[0]), *command[1:], "-a", f"127.0.0.1:{port}"]
    result = {"command": " ".join(command), "startup_s": None, "timeout_s": timeout_s,
              "startup_timeout_s": startup_timeout_s,
              "article": {"file": article.relative_to(root).as_posix(), "page": article_page, "seconds": None},
              "entry": {"name": name, "page": entry_url(person), "seconds": None}}
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / "serve.err"
    with open(logs / "serve.out", "wb") as out, open(log, "wb") as err:
        start = time.perf_counter()
        server = subprocess.Popen(cmd, cwd=root, stdout=out, stderr=err, env=env, start_new_session=True)
        try:
            result["startup_s"] = wait_for(base, lambda status, _: status == 200, startup_timeout_s, server, start)
            if result["startup_s"] is not None:
                # The editor saves once the server has settled: its first search index made (in
                # the background, tens of seconds at this size), its log quiet.
                result["index_ready_s"] = wait_logged(log, INDEXED, startup_timeout_s, server, start)
                wait_quiet(log, QUIET_S, timeout_s)
            if result["startup_s"] is not None and article_page:
                marker = f"benchmark{secrets.token_hex(4)}"
                edit_article(article, f"Officials called it {marker}.")
                result["article"]["seconds"] = wait_for(base + article_page, lambda s, body: marker in body,
                                                        timeout_s, server, time.perf_counter())
                wait_quiet(log, QUIET_S, timeout_s)
            if result["startup_s"] is not None:
                marker = f"benchmark{secrets.token_hex(4)}"
                edit_summary(glossary, name, f"Also called {marker}.")
                result["entry"]["seconds"] = wait_for(base + entry_url(person), lambda s, body: marker in body,
                                                      timeout_s, server, time.perf_counter())
        finally:
            exited = server.poll()
            result["peak_mb"] = stop(server)
            for path, data in saved.items():
                path.write_bytes(data)
    text = log.read_text(errors="replace")
    result["rebuilds"] = text.count("Building documentation")
    if exited is not None:
        result["error"] = f"the server exited ({exited}): " + " / ".join(text.strip().splitlines()[-3:])
    return result
