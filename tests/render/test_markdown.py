"""Escaping: whatever the text, the rendered HTML shows exactly that text and nothing acts.

Rendered with the Markdown extensions mkdocs.yml configures, so a new extension that gives a
character a meaning makes these tests fail instead of the site.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.clean import normalise_line
from generator.render.markdown import Markdown, attribute, escape, link

ROOT = Path(__file__).resolve().parents[2]


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags are MkDocs's business, not this test's."""


_MkDocsLoader.add_constructor("!ENV", lambda loader, node: None)


def site_markdown() -> markdown.Markdown:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_MkDocsLoader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


class Visible(HTMLParser):
    """The text a reader sees, plus every tag and attribute, to check nothing became markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags, self.attributes = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data):
        self.text.append(data)


def render(md_text: str) -> Visible:
    md = site_markdown()
    parser = Visible()
    parser.feed(md.convert(md_text))
    return parser


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "&lt;script&gt; &amp; &#60;b&#62;",
    '## Title {: onclick="x()" }',
    "{{ 7*7 }} and {% if %}",
    '--8<-- ".env"',
    "<!-- never closed",
    "<div> never closed",
    "# heading?",
    "1. list?",
    "2) list?",
    "* bullet?",
    "- dash?",
    "+ plus?",
    "> quote?",
    "| a | b |",
    "!!! note",
    "===",
    "---",
    "***",
    ": definition?",
    "~~~ fence?",
    "``` fence?",
    "*emphasis* _under_ __strong__ `code`",
    "back\\slash \\* \\\\",
    "<http://example.com> and http://example.com",
    "![img](x.png)",
    "[^1] footnote",
    "*[HTML]: abbreviation",
    "Washington: the talks resumed.",
    "trailing hashes ##",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_shows_as_written(text):
    seen = render(escape(text))
    assert "".join(seen.text) == text
    assert seen.tags == ["p"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=60))
def test_visible_text_equals_input(raw):
    text, _, _ = normalise_line(raw)  # articles reach the renderer as cleaned single lines
    if not text:
        return
    seen = render(escape(text))
    assert "".join(seen.text) == text
    assert set(seen.tags) <= {"p"}


@settings(max_examples=200, deadline=None)
# Titles are glossary summaries, and YAML cannot carry control characters.
@given(st.text(max_size=40), st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40))
def test_links_keep_their_text_and_title(text, title):
    text, _, _ = normalise_line(text.replace("\n", " "))  # the reader splits lines: a line never holds a newline
    if not text:
        return
    seen = render(link(escape(text), "page.md", title, ("mention",)))
    assert "".join(seen.text) == text
    shown = " ".join(title.split())  # titles are shown on one line
    assert ("title", shown) in seen.attributes or not shown
    assert seen.tags == ["p", "a"]


def test_markdown_passes_through_unescaped():
    assert escape("a*b") == "a\\*b"
    assert isinstance(escape("x"), Markdown)
    assert attribute('say "hi" & <go>') == "say &quot;hi&quot; &amp; &lt;go&gt;"
