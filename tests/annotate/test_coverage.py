"""The coverage report: what an editor should add after dropping in a new article."""

from __future__ import annotations

from generator.annotate.coverage import coverage
from generator.pipeline import generate


def test_coverage_report(project):
    project.article("b.txt", "---\ndate: 2017-09-15\n---\nTalks\n\nKim said the Pacific Command and Pacific Command staff met. Then Lee Sang-hee of Seoul spoke on Friday. The North's leaders agreed.\n")
    site, _, _ = generate(project.root)
    report = coverage(site.glossary, list(site.articles))
    unknown = {n.text: n.count for n in report.unknown}
    assert unknown == {"Pacific Command": 2, "Lee Sang-hee": 1, "Seoul": 1, "North": 1}
    first = next(n for n in report.unknown if n.text == "Lee Sang-hee")
    assert first.article == "seeds/articles/b.txt" and first.sentence == "Then Lee Sang-hee of Seoul spoke on Friday."
    assert "Intercontinental ballistic missile" in report.unmentioned and "Hu Jintao" not in report.unmentioned
    assert ("United States", "Washington Post") not in report.unused_aliases  # exclusions are not aliases
    assert ("North Korea", "Pyongyang") in report.unused_aliases
    assert ("George W. Bush", "Bush") not in report.unused_aliases
    # Whatever shared names the linker left unlinked ("Kim" alone: never resolved by the date alone).
    assert report.unresolved == tuple((a, u) for a in site.articles for u in a.unresolved)


def test_excluded_phrases_and_places_are_known_names(project):
    """Issue #10: "Sea of Japan" (an exclude of Japan) was reported as the unknown names "Japan"
    and "Sea"; a place that does not act ("in Tokyo") is no unknown name either."""
    states = project.root.joinpath("seeds/glossary/states.yml")
    states.write_text(states.read_text() + "- name: Japan\n  summary: A state.\n  places: [Tokyo]\n  exclude: [Sea of Japan]\n")
    project.article("b.txt", "Missile test\n\nThe missile fell into the Sea of Japan, officials in Tokyo said. The East Sea-of-Japan dispute and Pacific Command.\n")
    site, _, _ = generate(project.root)
    report = coverage(site.glossary, list(site.articles))
    unknown = {n.text for n in report.unknown}
    assert not unknown & {"Japan", "Sea", "Sea of Japan", "Tokyo"}
    assert "Pacific Command" in unknown and "East" in unknown  # the rest of the text is still scanned


def test_coverage_lists_the_readings_the_linker_chose(project):
    """Issue #11: places read as places, places linked as governments, names resolved by date."""
    states = project.root.joinpath("seeds/glossary/states.yml")
    states.write_text(states.read_text().replace("aliases: [Chinese, Beijing]", "aliases: [Chinese]\n  places: [Beijing]"))
    project.article("b.txt", "---\ndate: 2006-07-06\n---\nTalks\n\nIn Beijing, Beijing said no. Bush left.\n")
    site, _, _ = generate(project.root)
    report = coverage(site.glossary, list(site.articles))
    assert [(kind.value, text, name, count) for kind, text, name, count in report.decisions] == [
        ("place", "Beijing", "China", 1), ("government", "Beijing", "China", 1), ("by date", "Bush", "George W. Bush", 1),
    ]
    assert ("China", "Beijing") not in report.unused_aliases  # a place read as a place is used


def test_remembered_scans_give_the_same_report(project):
    """Under `mkdocs serve` each article's scan is remembered (``scans``) and redone only for the
    articles or glossary that changed: the report is the one a fresh scan gives."""
    from dataclasses import replace

    from generator.annotate.coverage import Scans

    project.article("b.txt", "Talks\n\nPacific Command met. Then Lee Sang-hee of Seoul spoke.\n")
    project.article("c.txt", "More talks\n\nLee Sang-hee spoke again, and Pacific Command listened.\n")
    site, _, _ = generate(project.root)
    articles = list(site.articles)
    scans = Scans()
    assert coverage(site.glossary, articles, scans) == coverage(site.glossary, articles)
    assert len(scans.by_path) == len(articles)
    remembered = dict(scans.by_path)
    edited = replace(articles[0], article=replace(articles[0].article, path="seeds/articles/new.txt"))
    again = [edited, *articles[1:]]
    assert coverage(site.glossary, again, scans) == coverage(site.glossary, again)
    assert all(scans.by_path[p] is remembered[p] for p in scans.by_path if p != "seeds/articles/new.txt")
    assert articles[0].article.path not in scans.by_path  # forgotten once gone
    # An excluded phrase added: every article is scanned again.
    entry = site.glossary.entries[0]
    other = replace(site.glossary, entries=(replace(entry, exclude=(*entry.exclude, "Pacific Command")), *site.glossary.entries[1:]))
    assert coverage(other, again, scans) == coverage(other, again)
    assert all(scans.by_path[p] is not remembered.get(p) for p in scans.by_path)
