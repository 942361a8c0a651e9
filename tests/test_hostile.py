"""Hostile and broken input: nothing executes, nothing is lost, every mistake gets a clear message."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.ingest.articles import parse_article
from generator.pipeline import build, generate
from generator.render.slugs import slugify
from tests.sites import mini_project, mkdocs_build

HOSTILE_LINES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1)) and [y](&#106;avascript:alert(1)) and [z](jav&#x09;ascript:alert(1))",
    '## Title {: onclick="x()" }',
    "{{ 7*7 }} and {% if %}",
    '--8<-- ".env"',
    "<!-- an unclosed comment",
    "<div> an unclosed div",
    "# a hash line.",
    "1. a numbered line.",
    "* a star line.",
    "> a quote line.",
    "| a | pipe | line |",
    '!!! warning "admonition?"',
    "    four spaces then text.",
    "A paragraph line.\n===",
    "Another paragraph line.\n---",
    "Bell\x07 and \x02STX\x03 and \x1b[31mescape and NUL\x00 removed.",
]

ARTICLE = "---\ndate: 2020-01-02\n---\nHostile <b>headline</b> & {{ x }}\n\nWashington: the first body line stays in the body.\n\n" + "\n\n".join(HOSTILE_LINES) + "\n\nThe last paragraph still renders.\n"


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts, self.handlers, self.urls, self.text, self._in = [], [], [], [], None

    def handle_starttag(self, tag, attrs):
        self._in = tag
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                self.urls.append(value)

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        self.text.append(data)


def parsed(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = mini_project(tmp_path_factory.mktemp("hostile"), {"hostile.txt": ARTICLE.encode()})
    result = build(root)
    mkdocs_build(root)
    return root, result


def test_control_characters_are_removed_with_a_warning(hostile_site):
    _, result = hostile_site
    line = ARTICLE.split("\n").index(HOSTILE_LINES[-1]) + 1
    assert [str(w) for w in result.warnings] == [f"seeds/articles/hostile.txt:{line}: removed 5 control character(s)"]


def test_every_line_shows_as_written(hostile_site):
    root, result = hostile_site
    article = result.site.articles[0].article
    page = parsed(root / "site/articles" / article.slug / "index.html")
    text = "".join(page.text)
    assert article.title == "Hostile <b>headline</b> & {{ x }}"
    assert article.title in text
    for block in article.blocks:
        assert block.text in text, block.text
    assert "Bell and STX and [31mescape and NUL removed." in text
    assert "Washington: the first body line stays in the body." in text
    assert "The last paragraph still renders." in text


def test_no_page_runs_anything_from_article_text(hostile_site):
    root, _ = hostile_site
    for path in (root / "site").rglob("*.html"):
        page = parsed(path)
        assert page.handlers == [], path
        for url in page.urls:
            cleaned = re.sub(r"[\x00-\x20]", "", unescape(url)).lower()
            assert not cleaned.startswith(("javascript:", "data:text/html", "vbscript:")), (path, url)
        for script in page.scripts:
            assert "alert(" not in script and "x()" not in script, path
    # The search index is Pagefind's (compressed); docs/assets/search.js shows its excerpts as text
    # and <mark> only. Material's index, which held page text as HTML, is not written.
    assert not (root / "site/search").exists() and (root / "site/pagefind/pagefind.js").is_file()


def test_title_is_escaped_wherever_mkdocs_puts_it(hostile_site):
    root, result = hostile_site
    slug = result.site.articles[0].article.slug
    html = (root / "site/articles" / slug / "index.html").read_text()
    assert "<b>headline</b>" not in html
    assert "<title>Hostile &lt;b&gt;headline&lt;/b&gt; &amp; {{ x }}" in html


BROKEN = [
    ("seeds/glossary/states.yml", "- name: China\n  summary: [unclosed\n", "seeds/glossary/states.yml:3:1: invalid YAML"),
    ("seeds/glossary/states.yml", "- name: China\n  name: China\n  summary: x\n", "seeds/glossary/states.yml:2:3: duplicate key 'name' (first given on line 1)"),
    ("seeds/glossary/states.yml", "- &a {name: China, summary: x}\n", "seeds/glossary/states.yml:1:3: YAML anchor '&a' is not allowed"),
    ("seeds/glossary/states.yml", "- name: China\n\tsummary: x\n", "seeds/glossary/states.yml:2:1: tab character in indentation; indent with spaces"),
    ("seeds/articles/empty.txt", "", "seeds/articles/empty.txt: article is empty"),
    ("seeds/articles/fm.txt", "---\ndate: 2020-01-01\n---\n\n", "seeds/articles/fm.txt: article has no text after its front matter"),
    ("seeds/articles/nav.txt", "Older story\n\nNorth Korea fired a missile on Monday.\n",
     "seeds/articles/nav.txt:1: article has a headline but no text: cleaning removed line 1 ('Older story', taken for "
     "navigation) and kept line 3 as the headline; if line 1 is the headline, give it as 'title:' in the front matter"),
    ("seeds/articles/date.txt", "---\ndate: 2020-02-30\n---\nT\n\nB.\n", "seeds/articles/date.txt:2:7: 'date': '2020-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("seeds/articles/date2.txt", "---\ndate: 2020\n---\nT\n\nB.\n", "seeds/articles/date2.txt:2:7: 'date': '2020' must be a full date, YYYY-MM-DD"),
    ("seeds/articles/url.txt", "---\nurl: javascript:alert(1)\n---\nT\n\nB.\n", "seeds/articles/url.txt:2:6: 'url': 'javascript:alert(1)' must start with http:// or https://"),
    ("seeds/articles/key.txt", "---\ntitel: X\n---\nT\n\nB.\n", "seeds/articles/key.txt:2:1: unknown key 'titel' (did you mean 'title'?)"),
    ("seeds/articles/open.txt", "---\ntitle: X\n", "seeds/articles/open.txt:1:1: front matter opened with '---' is never closed"),
]


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("path, text, message", BROKEN)
def test_broken_files_give_one_line_and_change_nothing(project, path, text, message):
    build(project.root)
    before = snapshot(project.root / "docs")
    project.write(path, text)
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "build"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(message)
    assert snapshot(project.root / "docs") == before


def test_alias_bomb_is_rejected_before_expanding(project):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    project.glossary("states", bomb)
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "build"], capture_output=True, text=True, timeout=20)
    lines = result.stderr.splitlines()
    assert result.returncode == 1 and lines[0] == "seeds/glossary/states.yml:1:4: YAML anchor '&a' is not allowed"
    assert len(lines) <= 22


def test_scalars_keep_the_text_typed(project):
    project.glossary("people", "- name: A B\n  summary: x.\n  born: 1952-10-07\n  role: NO\n")
    site, _, _ = generate(project.root)
    facts = {f.field.key: f.values for f in site.glossary.by_name()["A B"].facts}
    assert facts == {"role": ("NO",), "born": ("1952-10-07",)}


def test_bom_and_crlf_are_accepted(project):
    (project.root / "seeds/articles/a.txt").write_bytes("\ufeff---\r\ndate: 2006-07-06\r\n---\r\nBush talks to Hu\r\n\r\nMr Bush spoke.\r\n".encode())
    path = project.root / "seeds/glossary/weapons.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    site, _, _ = generate(project.root)
    assert site.articles[0].article.blocks[1].text == "Mr Bush spoke."  # block 0 is the headline


def test_a_ten_megabyte_article(project):
    paragraph = "Kim Jong-un watched as North Korea fired a ballistic missile, officials in Seoul said. " * 12
    body = "\n\n".join([paragraph] * 10_000)
    assert len(body) > 10_000_000
    project.article("big.txt", "---\ndate: 2017-09-15\n---\nA very long article\n\n" + body + "\n")
    site, pages, _ = generate(project.root)
    big = next(a for a in site.articles if a.article.title == "A very long article")
    assert len(big.article.blocks) == 10_001  # and the headline
    assert len(pages["articles/2017-09-15-a-very-long-article.md"]) > 10_000_000


@pytest.mark.parametrize(
    "title, slug",
    [
        ("../../etc/passwd", "etc-passwd"),
        ("CON", "con-page"),
        ("...", "untitled"),
        ("中文标题", "中文标题"),
        ("a" * 300, "a" * 80),
        ("Café", "cafe"),
        ("Cafe\u0301", "cafe"),
        ("index", "index-page"),
    ],
)
def test_slugs_are_safe(title, slug):
    assert slugify(title) == slug
    assert "/" not in slug and ".." not in slug


def test_clashing_titles_get_distinct_pages(project):
    for i, title in enumerate(["Same Title", "same title", "SAME  TITLE!", "Cafe\u0301", "Café"]):
        project.article(f"c{i}.txt", f"{title}\n\nText {i}.\n")
    site, pages, _ = generate(project.root)
    slugs = sorted(a.article.slug for a in site.articles)
    assert slugs == ["2006-07-06-bush-talks-to-hu", "cafe", "cafe-2", "same-title", "same-title-2", "same-title-3"]
    assert len({p for p in pages if p.startswith("articles/")}) == 6
    for path in pages:
        assert not Path(path).is_absolute() and ".." not in Path(path).parts


def test_entry_names_that_differ_only_in_normal_form_are_duplicates(project):
    project.glossary("states", "- {name: Caf\u00e9 State, summary: x.}\n- {name: Cafe\u0301 State, summary: y.}\n")
    project.glossary("people", "[]\n")
    with pytest.raises(Exception) as error:
        generate(project.root)
    assert str(error.value).startswith("seeds/glossary/states.yml:2:10: duplicate name")


def test_headline_line_that_looks_like_metadata_stays_text():
    article, problems, _ = parse_article("Washington: talks resume\n\nKey: value lines stay text too.\n", "a.txt")
    assert problems == [] and article.title == "Washington: talks resume"
    assert article.blocks[1].text == "Key: value lines stay text too."
