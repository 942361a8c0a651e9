"""Properties over random articles: regeneration is idempotent, order never matters, links never nest."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.pipeline import build, generate
from tests.conftest import MINI_CONFIG, MINI_GLOSSARY

WORDS = ["Kim", "Kim Jong-un", "Kim Jong Il", "Bush", "Mr Bush", "George W. Bush", "US", "us", "U.S.", "Pyongyang's",
         "North Korean", "ICBMs", "ballistic missile", "Hu", "Chinese", "the", "said", "*", "_", "[", "](", "<b>", "&amp;",
         "{{", "#", "1.", "\"", "…", "READ MORE", "(AFP)", "Washington Post", "North America", "-", ":", "|"]

# Every sentence opens with a plain word, so no article is all junk (that is an error, tested elsewhere).
sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(lambda ws: "Talks " + " ".join(ws) + ".")
articles = st.lists(
    st.tuples(st.text("abcdefgh ", min_size=1, max_size=12), st.lists(sentences, min_size=1, max_size=4), st.sampled_from(["", "2006-07-06", "2017-09-15"])),
    min_size=1, max_size=5,
)


def make_project(root: Path, items) -> None:
    shutil.rmtree(root, ignore_errors=True)
    (root / "seeds/glossary").mkdir(parents=True)
    (root / "seeds/articles").mkdir()
    (root / "briefing.yml").write_text(MINI_CONFIG)
    for category, text in MINI_GLOSSARY.items():
        (root / f"seeds/glossary/{category}.yml").write_text(text)
    for i, (title, body, date) in enumerate(items):
        front = f"---\ndate: {date}\n---\n" if date else ""
        (root / f"seeds/articles/{i}.txt").write_text(f"{front}Title {title}\n\n" + "\n\n".join(body) + "\n")


class NestedLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = self.max_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)

    def handle_endtag(self, tag):
        if tag == "a":
            self.depth -= 1


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(articles)
def test_regenerating_is_idempotent(tmp_path, items):
    root = tmp_path / "p"
    make_project(root, items)
    build(root)
    second = build(root)
    assert (second.plan.writes, second.plan.deletes) == ({}, ())


@SETTINGS
@given(articles, st.randoms(use_true_random=False))
def test_output_does_not_depend_on_the_order_files_are_read(tmp_path, items, rng):
    root = tmp_path / "p"
    make_project(root, items)
    _, expected, _ = generate(root)
    real_rglob = Path.rglob

    def shuffled_rglob(self, pattern):
        found = list(real_rglob(self, pattern))
        rng.shuffle(found)
        return iter(found)

    Path.rglob = shuffled_rglob
    try:
        _, pages, _ = generate(root)
    finally:
        Path.rglob = real_rglob
    assert pages == expected


@SETTINGS
@given(articles)
def test_links_never_nest(tmp_path, items):
    root = tmp_path / "p"
    make_project(root, items)
    _, pages, _ = generate(root)
    md = markdown.Markdown(extensions=["attr_list", "admonition", "md_in_html", "toc"])
    for path, text in pages.items():
        if path.endswith(".md"):
            body = text.split("\n---\n", 1)[1]
            parser = NestedLinks()
            parser.feed(md.convert(body))
            md.reset()
            assert parser.max_depth <= 1, path
