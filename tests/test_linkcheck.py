"""Every internal link and anchor of the built site resolves, checked by a real link checker.

``tools/check_links.py`` serves the built site on 127.0.0.1 and runs LinkChecker over every page,
with its anchor check on and external links never fetched. The site of the sample fixture briefing
(tests/fixtures/sample) must come out clean, and a built copy with broken links must not: the
check cannot pass on nothing.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sites import build_fixture

ROOT = Path(__file__).resolve().parent.parent
LINKCHECK = ROOT / "tools" / "check_links.py"
PUTIN = "glossary/people/vladimir-putin/index.html"
# The Publish workflow builds with SITE_URL set to the Pages URL, often a project path.
PROJECT_URL = "https://owner.github.io/repo/"


def linkcheck(site: Path, site_url: str) -> subprocess.CompletedProcess:
    if importlib.util.find_spec("linkcheck") is None:
        pytest.fail(f"LinkChecker is not installed in {sys.prefix}: install the test extras "
                    "(pip install -e '.[test]', which has linkchecker)")
    return subprocess.run([sys.executable, str(LINKCHECK), "--site-url", site_url, str(site)],
                          capture_output=True, text=True, timeout=600)


def build_site(root: Path, site_url: str) -> Path:
    """The sample fixture briefing, generated and built with ``mkdocs build --strict`` as the
    Publish workflow's ``make site`` does on a checkout (tests/sites.py's ``build_fixture``)."""
    return build_fixture("sample", root, site_url=site_url) / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site as the Publish workflow builds it for a project path."""
    return build_site(tmp_path_factory.mktemp("briefing") / "project", PROJECT_URL)


def assert_clean(result: subprocess.CompletedProcess, site: Path) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "0 warnings found. 0 errors found." in output, output
    pages = len(list(site.rglob("*.html")))
    assert f"checking {pages} pages" in output, output
    checked = int(re.search(r"(\d+) links in \d+ URLs checked", output)[1])
    assert checked > pages, f"only {checked} links checked: {output}"


def test_built_site_has_no_broken_links_or_anchors(site):
    assert_clean(linkcheck(site, PROJECT_URL), site)


def test_site_built_for_the_root_has_no_broken_links_or_anchors(sample_site):
    # `make site` without SITE_URL: what a developer builds and previews (the shared sample site).
    assert_clean(linkcheck(sample_site, ""), sample_site)


@pytest.fixture(scope="module")
def broken(site, tmp_path_factory) -> subprocess.CompletedProcess:
    """A copy of the built site with broken internal links, run through the check once."""
    copy = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(site, copy)
    page = copy / PUTIN
    html = page.read_text(encoding="utf-8")
    article = re.search(r'href="(\.\./\.\./\.\./articles/[^"#]+/)#p-\d+"', html)[1]
    assert 'href="#mentioned-in"' in html
    html = html.replace('href="#mentioned-in"', 'href="#no-such-heading"', 1)
    extra = (
        '<p>'
        '<a href="../../../articles/no-such-article/">a page that does not exist</a> '
        f'<a href="{article}#p-99999">an anchor missing from another page</a> '
        '<a href="../../../assets/no-such-file.css">a missing file</a> '
        '<a href="https://unreachable.invalid/page">an external link, never fetched</a> '
        '<a href="/assets/briefing.css">a link that leaves the project path /repo/</a> '
        '</p>'
    )
    html = html.replace("</article>", extra + "</article>", 1)
    assert extra in html
    page.write_text(html, encoding="utf-8")
    return linkcheck(copy, PROJECT_URL)


def test_broken_copy_fails(broken):
    assert broken.returncode == 1, broken.stdout + broken.stderr


@pytest.mark.parametrize("link, problem", [
    ("../../../articles/no-such-article/", "Error: 404"),
    ("#p-99999", "Anchor `p-99999' (decoded: `p-99999') not found"),
    ("../../../assets/no-such-file.css", "Error: 404"),
    ("#no-such-heading", "Anchor `no-such-heading' (decoded: `no-such-heading') not found"),
    ("/assets/briefing.css", "Error: 404"),
])
def test_broken_link_is_reported(broken, link, problem):
    reports = broken.stdout.split("\n\n")
    mine = [r for r in reports if re.search(rf"^URL\s+`[^']*{re.escape(link)}'", r, re.M)]
    assert mine, f"{link} is not reported:\n{broken.stdout}"
    assert problem in " ".join(" ".join(mine).split()), mine


def test_external_links_are_not_fetched(broken):
    # Fetching https://unreachable.invalid/ could only fail: it is not reported, so not fetched.
    assert "unreachable.invalid" not in broken.stdout + broken.stderr


def test_missing_site_fails(tmp_path):
    result = linkcheck(tmp_path / "nothing", "")
    assert result.returncode == 2 and "has no index.html" in result.stderr
