#!/usr/bin/env python3
"""Check every internal link and anchor of a built site with LinkChecker, without the internet.

    python tools/check_links.py [--site-url URL] [SITE_DIR]        # default: site

The site is served the way GitHub Pages serves it (a folder answers with its ``index.html``) by a
throw-away HTTP server bound to 127.0.0.1 on a free port, for the length of the check only. When
the site was built for a project path (``SITE_URL=https://owner.github.io/repo/ mkdocs build``:
MkDocs then writes links such as ``/repo/assets/...`` into the 404 page), pass the same URL, or
leave ``SITE_URL`` in the environment: the site is then served under ``/repo/`` and nowhere else,
so a link that leaves the project path is reported as it would break on GitHub Pages.
LinkChecker (https://linkchecker.github.io/linkchecker/) then starts from *every* HTML page of
the site, so a page that nothing links to is checked too, and follows the internal links from
there, with its AnchorCheck plugin on: a link to a missing page, file or ``#anchor`` fails.

External links (``https://...`` to another host, ``mailto:``) are never fetched: LinkChecker
checks only their syntax, because ``checkextern`` is off. Any error *or* warning fails the check
(LinkChecker exits 1 and so does this script); a site that has no pages fails too (exit 2).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import re
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from pathlib import Path

CONFIG = """\
[checking]
threads=4
timeout=30
# Allowed above 10 only for a server that answers with a "LinkChecker" header, as ours does.
maxrequestspersecond=1000
# Only the local server is ever contacted; robots.txt there is a plain 404.
robotstxt=0

[filtering]
# Every URL on the local server is internal, including one that leaves the project path (and so
# gets a 404, as it would on GitHub Pages). Links to other hosts are checked for syntax only,
# never fetched.
internlinks=^{origin}/
checkextern=0
ignore=
  ^mailto:
  ^tel:
  ^javascript:
  ^data:

[output]
status=0

[AnchorCheck]
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static file server that tells LinkChecker it may go at full speed, and keeps quiet."""

    def end_headers(self):
        # LinkChecker caps requests to a host at 10 a second unless the server sends this header.
        self.send_header("LinkChecker", "local")
        super().end_headers()

    def send_head(self):
        # The site lives under PREFIX ("/" or "/repo/"): anything outside it is not found.
        route = urllib.parse.urlsplit(self.path).path
        if not (route.startswith(self.server.prefix) or route + "/" == self.server.prefix):
            self.send_error(404, "File not found (outside the site's path)")
            return None
        return super().send_head()

    def translate_path(self, path):
        route = urllib.parse.urlsplit(path).path
        # "/repo" is the site's root folder: the base class then redirects to "/repo/".
        return super().translate_path("/" + route[len(self.server.prefix) - 1:].lstrip("/"))

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


def url_prefix(site_url: str) -> str:
    """The path a site is published under: ``https://owner.github.io/repo`` -> ``/repo/``."""
    path = urllib.parse.urlsplit(site_url).path.strip("/")
    return f"/{path}/" if path else "/"


@contextlib.contextmanager
def serve(directory: Path, prefix: str = "/"):
    """Serve DIRECTORY at http://127.0.0.1:PORT/PREFIX on a free port, for the ``with`` block."""
    handler = functools.partial(_Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.prefix = prefix
    thread = threading.Thread(target=server.serve_forever, name="linkcheck-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def page_urls(site: Path, base: str) -> list[str]:
    """The URL of every HTML page of SITE: ``a/b/index.html`` is ``a/b/``, as a browser asks."""
    urls = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        if relative == "index.html":
            relative = ""
        elif relative.endswith("/index.html"):
            relative = relative.removesuffix("index.html")
        urls.append(base + relative)
    return urls


def linkcheck(site: Path, site_url: str = "") -> int:
    site = site.resolve()
    if not (site / "index.html").is_file():
        print(f"linkcheck: {site} has no index.html: build the site first (mkdocs build --strict)", file=sys.stderr)
        return 2
    prefix = url_prefix(site_url)
    env = {k: v for k, v in os.environ.items() if k.lower() not in {"http_proxy", "https_proxy", "all_proxy"}}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp, serve(site, prefix) as base:
        origin = base.removesuffix(prefix)
        config = Path(tmp) / "linkcheckerrc"
        config.write_text(CONFIG.replace("{origin}", re.escape(origin)), encoding="utf-8")
        # LinkChecker run as root drops to the user "nobody" after reading its configuration:
        # the file must be readable by anyone (mkstemp-style 0600 would not be).
        os.chmod(tmp, 0o755)
        os.chmod(config, 0o644)
        urls = page_urls(site, base)
        print(f"linkcheck: checking {len(urls)} pages of {site} served at {base}", flush=True)
        result = subprocess.run(
            [sys.executable, "-m", "linkcheck", "--config", str(config), "--no-status", "--stdin"],
            input="\n".join(urls) + "\n", text=True, env=env,
            cwd=tmp,  # `-m linkcheck` must find LinkChecker, never a file of that name here
        )
    return result.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL", ""),
                        help="the site_url the site was built with (default: $SITE_URL); its path is served")
    args = parser.parse_args(argv)
    return linkcheck(args.site, args.site_url)


if __name__ == "__main__":
    sys.exit(main())
