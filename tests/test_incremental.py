"""A build with a memo (``mkdocs serve``) gives exactly the docs/ a build without one gives, after
every kind of edit an editor makes, while redoing only what the edit changed.

After each edit the project is rebuilt with the session's memo, and docs/ is compared, file by
file, with the pages a from-nothing ``generate()`` of the same inputs makes. A render unit whose
key misses something it reads fails here (its page goes stale).
"""

from __future__ import annotations

import pytest

from generator.errors import BriefingError
from generator.incremental import Memo
from generator.pipeline import build, generate
from tests.sites import generated_files, materialise

EXTRA = {  # articles beyond the fixture's two: more neighbours, companions and quotes to keep right
    f"1{i:02d}_extra.txt": f"---\ndate: 2017-0{1 + i % 9}-1{i % 10}\n---\n{headline}\n\n{body}\n"
    for i, (headline, body) in enumerate([
        ("Moon and Trump discuss North Korea", "South Korean President Moon Jae-in spoke with US President Donald Trump about North Korea on Monday."),
        ("China urges restraint", "China urged restraint after North Korea tested a Hwasong-15. Xi Jinping called Vladimir Putin."),
        ("Japan protests launch", "Japan protested after the missile flew over Hokkaido. Shinzo Abe said \"this is an unprecedented threat\"."),
        ("Putin meets Kim", "Russian President Vladimir Putin met Kim Jong-un in Vladivostok. Putin said \"we discussed the peninsula\"."),
        ("Sanctions tightened", "The UN Security Council tightened sanctions on North Korea; China and Russia agreed."),
        ("Summit in Singapore", "Donald Trump met Kim Jong-un in Singapore, and Moon Jae-in welcomed the summit."),
    ])
}


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    root = materialise("sample", tmp_path / "project")
    for name, text in EXTRA.items():
        (root / "seeds" / "articles" / name).write_text(text, encoding="utf-8")
    return root


def _same_as_a_full_build(root, memo: Memo) -> None:
    build(root, memo=memo)
    _, pages, _ = generate(root)
    expected = {path: text.encode("utf-8") for path, text in pages.items()}
    found = generated_files(root / "docs")
    assert sorted(found) == sorted(expected), "pages added or missing"
    stale = [path for path in expected if found[path] != expected[path]]
    assert not stale, f"stale after the edit: {stale}"


@pytest.mark.parametrize("per_page", [50, 2], ids=["one page of mentions", "mentions over many pages"])
def test_every_edit_gives_the_pages_of_a_full_build(project, per_page, monkeypatch):
    from generator.render import entry

    monkeypatch.setattr(entry, "MENTIONS_PER_PAGE", per_page)
    monkeypatch.setattr(entry, "OLDER_PER_PAGE", per_page)
    root = project
    articles = root / "seeds" / "articles"
    people, states = root / "seeds/glossary/people.yml", root / "seeds/glossary/states.yml"
    weapons = root / "seeds/glossary/weapons.yml"
    memo = Memo()
    _same_as_a_full_build(root, memo)  # the first build: everything
    pages = memo.rendered

    edits = [
        ("reword a sentence", lambda: _edit(articles / "000_caf21451544b7621.txt", "pushed this evening", "pressed this evening")),
        ("an article names one more entry, never named before", lambda: _edit(
            articles / "100_extra.txt", "about North Korea on Monday.", "about North Korea and Iran on Monday.")),
        ("add an article", lambda: (articles / "200_new.txt").write_text(
            "---\ndate: 2018-06-13\n---\nMoon hails summit\n\nMoon Jae-in said the Singapore summit of Donald Trump and Kim Jong-un was historic.\n")),
        ("delete an article", lambda: (articles / "103_extra.txt").unlink()),
        ("change a date (the article moves)", lambda: _edit(articles / "101_extra.txt", "date: 2017-02-11", "date: 2019-12-31")),
        ("change a headline", lambda: _edit(articles / "102_extra.txt", "Japan protests launch", "Japan protests missile launch")),
        ("change a summary", lambda: _edit(people, "42nd President of the United States (1993–2001).", "The 42nd US president (1993–2001).")),
        ("add an alias the articles use", lambda: _edit(states, "aliases: [Japanese, Tokyo]", "aliases: [Japanese, Tokyo, Hokkaido]")),
        ("an alias only a description uses", lambda: _edit(
            weapons, "aliases: [intercontinental ballistic missile, ICBM]",
            "aliases: [intercontinental ballistic missile, ICBM, Hwasong-series intercontinental ballistic missile]")),
        ("a person's state changed", lambda: _edit(people, "  role: US Secretary of State\n  state: United States", "  role: US Secretary of State\n  state: Canada")),
        ("a summary only a fact shows", lambda: _edit(states, "North American country and a close US ally.", "North American country, a US ally.")),
        ("a mentioned entry's summary", lambda: _edit(states, "Eurasian state bordering", "Eurasian state that borders")),
        ("rename an entry", lambda: _edit(people, "- name: Bill Clinton", "- name: William J. Clinton")),
        ("describe an entry with another's name", lambda: _edit(
            people, "His administration concluded", "With Kim Jong-il, his administration concluded")),
        ("change the title", lambda: _edit(root / "briefing.yml", "title: ", "title: Edited ")),
        ("a generated page edited by hand", lambda: next((root / "docs/articles").glob("*.md")).write_text("scribble\n")),
        ("a generated page deleted by hand", lambda: next((root / "docs/glossary/people").glob("*.md")).unlink()),
    ]
    for what, edit in edits:
        edit()
        try:
            _same_as_a_full_build(root, memo)
        except AssertionError as error:
            raise AssertionError(f"after '{what}': {error}") from None

    # Nothing changed: nothing re-read, re-annotated or rendered but the index pages.
    _same_as_a_full_build(root, memo)
    assert memo.reparsed == 0 and memo.reannotated == 0
    indexes = memo.rendered
    assert indexes < pages / 4, (indexes, pages)

    # One article reworded: that article read and annotated again; its page and its entries' pages rendered.
    _edit(articles / "104_extra.txt", "tightened sanctions", "tightened the sanctions")
    before = generated_files(root / "docs")
    _same_as_a_full_build(root, memo)
    assert memo.reparsed == 1 and memo.reannotated == 1
    assert indexes < memo.rendered < pages / 2, (memo.rendered, indexes, pages)
    after = generated_files(root / "docs")
    for name in memo.rendered_units:
        assert any(before.get(path) != after[path] for path in memo.units[name].digests), f"{name} rendered for nothing"

    # A summary edited: no article read or annotated again (the linker does not read summaries),
    # and no unit rendered but the index pages and those whose files the edit changes.
    before = generated_files(root / "docs")
    others = {key: memo.glossary_files[key][2] for key in ("states", "weapons")}
    _edit(root / "seeds/glossary/people.yml", "US Secretary of State (2017–2018)", "US Secretary of State, 2017–2018,")
    _same_as_a_full_build(root, memo)
    after = generated_files(root / "docs")
    assert memo.reparsed == 0 and memo.reannotated == 0 and memo.rendered_units
    assert all(memo.glossary_files[key][2] is kept for key, kept in others.items()), "the other glossary files parsed again"
    for name in memo.rendered_units:
        paths = memo.units[name].digests
        assert any(before.get(path) != after[path] for path in paths), f"{name} rendered for nothing"


def test_what_is_checked_across_glossary_files_is_checked_when_one_changes(project):
    """Under serve only the saved glossary file is parsed again; a clash with an entry of a file
    that was not (an alias claimed twice) is reported all the same, where both are typed."""
    root = project
    memo = Memo()
    _same_as_a_full_build(root, memo)
    _edit(root / "seeds/glossary/people.yml", "aliases: [William Jefferson Clinton]", "aliases: [William Jefferson Clinton, Tokyo]")
    with pytest.raises(BriefingError) as raised:
        build(root, memo=memo)
    assert [str(p) for p in raised.value.problems] == [str(p) for p in pytest.raises(BriefingError, generate, root).value.problems]
    assert any("states.yml" in str(p) and "'Tokyo'" in str(p) for p in raised.value.problems), raised.value.problems


def test_a_broken_save_then_its_fix(project):
    """A half-saved glossary stops the build (docs/ kept); once fixed the memo still gives a full
    build's pages."""
    root = project
    memo = Memo()
    _same_as_a_full_build(root, memo)
    states = root / "seeds/glossary/states.yml"
    good = states.read_text(encoding="utf-8")
    states.write_text(good[: len(good) // 2] + "\n  - : [", encoding="utf-8")
    with pytest.raises(BriefingError):
        build(root, memo=memo)
    states.write_text(good.replace("aliases: [People's Republic of China,", "aliases: [Beijing government, People's Republic of China,"), encoding="utf-8")
    _same_as_a_full_build(root, memo)
