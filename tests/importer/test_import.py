"""``briefing import`` end to end, offline: pages and feeds served from 127.0.0.1, files on disk."""

from __future__ import annotations

import socket

import pytest

from generator.cli import main
from generator.formats import seedfile
from generator.model import RemovalKind
from generator.pipeline import prepare
from tests.importer import pages as P

SLUG = "2017-09-15-north-korea-fires-missile-over-japan-defying-sanctions"


def _import(project, *args, capsys):
    code = main(["--root", str(project.root), "import", "--delay", "0", "--timeout", "3", *args])  # generous: the suite may share a busy machine
    out, err = capsys.readouterr()
    return code, out, err


def _articles(project) -> list[str]:
    return sorted(p.name for p in (project.root / "seeds" / "articles").iterdir())


def _story_page(server, path="/world/2017/09/15/missile.html", **options) -> str:
    options.setdefault("head", P.meta_date("2017-09-15"))
    return server.add(path, P.article_page(**options))


def test_import_one_url(project, server, capsys):
    url = _story_page(server)
    code, out, err = _import(project, url, capsys=capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"{url}: imported as seeds/articles/{SLUG}.txt", "briefing import: 1 imported"]
    text = (project.root / "seeds" / "articles" / f"{SLUG}.txt").read_text(encoding="utf-8")
    meta, skip, problems = seedfile.read(text, "x")
    assert problems == [] and meta == {"title": P.HEADLINE, "date": "2017-09-15", "source": "Daily Courier", "url": url}
    assert [line for _, line in seedfile.body(text, skip) if line] == list(P.STORY)
    for junk in P.BOILERPLATE:
        assert junk not in text


def test_the_same_canonical_url_is_never_imported_twice(project, server, capsys):
    canonical = P.canonical("https://courier.example/world/nk-missile")
    first = _story_page(server, "/a?utm_source=rss", head=P.meta_date("2017-09-15") + canonical)
    code, out, _ = _import(project, first, capsys=capsys)
    assert code == 0 and "imported as" in out
    before = _articles(project)
    # The same page again, and under another address that names the same canonical URL.
    second = _story_page(server, "/amp/a", head=canonical)
    code, out, err = _import(project, first, second, capsys=capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"{first}: already imported as seeds/articles/{SLUG}.txt",
                                f"{second}: already imported as seeds/articles/{SLUG}.txt",
                                "briefing import: 0 imported, 2 already imported"]
    assert _articles(project) == before


def test_an_article_pasted_by_hand_with_its_url_counts(project, server, capsys):
    url = _story_page(server)
    project.article("pasted.txt", f"---\nurl: {url}\n---\nMissile over Japan\n\nText.\n")
    code, out, _ = _import(project, url, capsys=capsys)
    assert code == 0 and out.startswith(f"{url}: already imported as seeds/articles/pasted.txt")


def test_a_syndicated_copy_is_reported_and_imported_only_when_asked(project, server, capsys):
    _import(project, _story_page(server), capsys=capsys)
    copy = server.add("/wire/copy", P.article_page(site_name="Wire Asia", headline="Missile flies over Japan",
                                                   story=P.SYNDICATED, head=P.meta_date("2017-09-15")))
    code, out, err = _import(project, copy, capsys=capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (f"{copy}: a copy of seeds/articles/{SLUG}.txt (98% of its text in common); "
                                   "not imported (--allow-syndicated imports it)")
    assert len(_articles(project)) == 2  # a.txt and the first story
    code, out, _ = _import(project, "--allow-syndicated", copy, capsys=capsys)
    assert code == 0 and "imported as seeds/articles/2017-09-15-missile-flies-over-japan.txt; a copy of" in out
    # Another outlet's own report of the same event is not a copy.
    own = server.add("/other/report", P.article_page(site_name="Other Times", headline="Missile crosses Japan",
                                                     story=P.REWRITTEN, head=P.meta_date("2017-09-15")))
    code, out, _ = _import(project, own, capsys=capsys)
    assert code == 0 and out.startswith(f"{own}: imported as")


def test_a_saved_page_and_a_folder_of_them(project, tmp_path, capsys):
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "one.html").write_text(P.article_page(head=P.json_ld("2017-09-14")), encoding="utf-8")
    (saved / "two.htm").write_bytes(P.article_page(headline="Talks in Moscow", story=P.REWRITTEN, charset="windows-1251",
                                                   site_name=None).encode("cp1251"))
    (saved / "one_files").mkdir()  # what a browser saves beside the page: not read
    (saved / "one_files" / "style.css").write_text("body{}")
    (saved / "photo.png").write_bytes(b"\x89PNG")
    code, out, err = _import(project, str(saved), capsys=capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{saved / 'one.html'}: imported as seeds/articles/2017-09-14-north-korea-fires-missile-over-japan-defying-sanctions.txt",
        f"{saved / 'two.htm'}: imported as seeds/articles/talks-in-moscow.txt (undated: the page gives no publication date)",
        "briefing import: 2 imported",
    ]
    undated = (project.root / "seeds" / "articles" / "talks-in-moscow.txt").read_text(encoding="utf-8")
    assert undated.startswith("---\ntitle: Talks in Moscow\n---\n")  # no date, no outlet, no URL it cannot know


def test_every_failure_is_one_line_and_the_others_still_import(project, server, tmp_path, capsys, monkeypatch):
    good = _story_page(server)
    failing = {
        server.add("/gone", "<h1>Not here</h1>", status=404): "HTTP 404 Not Found",
        server.add("/slow", P.article_page(), delay=5.0): "timed out after 3 s",
        server.add("/photo.jpg", b"\xff\xd8\xff", content_type="image/jpeg"): "not HTML (content type image/jpeg)",
        server.add("/front", P.navigation_only_page()): "no main text",
        server.add("/premium", P.paywall_page()): "paywall stub (42 words before a subscription prompt)",
        server.add("/loop", status=302, headers={"Location": "/loop"}): "more than 5 redirects",
        "ftp://127.0.0.1/story.html": "not an http(s) URL (ftp:)",
        "http://no-such-host.invalid/story": "cannot resolve host no-such-host.invalid",
        str(tmp_path / "missing.html"): "no such file, and not an http(s) URL",
    }
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: _no_such_host() if host.endswith(".invalid") else real(host, *a, **k))
    code, out, err = _import(project, *failing, good, capsys=capsys)
    assert code == 1
    assert err.splitlines() == [f"{source}: {reason}" for source, reason in failing.items()] + [
        "briefing import: 1 imported, 9 failed"]
    assert out.splitlines() == [f"{good}: imported as seeds/articles/{SLUG}.txt"]
    assert _articles(project) == [f"{SLUG}.txt", "a.txt"]  # nothing half-written, no temporary file


def _no_such_host():
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def test_nothing_to_import_says_what_to_give(project, capsys):
    code, out, err = _import(project, capsys=capsys)
    assert code == 1 and err.startswith("briefing import: name a SOURCE")


# --------------------------------------------------------------------------- feeds


def _feed_site(server, project):
    """A feed with an item already imported (pasted with its URL), a relevant one, an unrelated one."""
    old = _story_page(server, "/2017/09/01/old.html", story=P.REWRITTEN, headline="Earlier launch")
    new = _story_page(server, "/2017/09/15/new.html")
    unrelated = server.add("/2017/09/15/libraries.html", P.article_page(headline="Libraries get a budget", story=P.UNRELATED * 2))
    project.article("old.txt", f"---\nurl: {old}\n---\nEarlier launch\n\n" + "\n\n".join(P.REWRITTEN) + "\n")
    feed = server.add("/feed.xml", P.rss([{"title": t, "link": u, "pubDate": "Fri, 15 Sep 2017 06:00:00 GMT"}
                                          for t, u in (("Earlier", old), ("New", new), ("Libraries", unrelated))]),
                      content_type="application/rss+xml")
    return feed, old, new, unrelated


def test_feeds_from_briefing_yml_filtered_by_glossary_mentions_and_twice_writes_nothing(project, server, capsys):
    feed, old, new, unrelated = _feed_site(server, project)
    config = project.root / "briefing.yml"
    config.write_text(config.read_text() + f"feeds:\n  - url: {feed}\n    min_entries: 2\n")
    code, out, err = _import(project, "--feeds", capsys=capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{new}: imported as seeds/articles/{SLUG}.txt",
        f"{unrelated}: filtered out: mentions 0 glossary entries, the feed wants 2",
        f"{feed}: 3 items: 1 imported, 1 already imported, 1 filtered out",
        "briefing import: 1 imported, 1 filtered out",
    ]
    assert server.hits("/2017/09/01/old.html") == 0, "an item already imported is not fetched again"
    files = {p.name: p.read_bytes() for p in (project.root / "seeds" / "articles").iterdir()}
    code, out, _ = _import(project, "--feeds", capsys=capsys)
    assert code == 0 and {p.name: p.read_bytes() for p in (project.root / "seeds" / "articles").iterdir()} == files
    assert out.splitlines()[-2:] == [f"{feed}: 3 items: 2 already imported, 1 filtered out", "briefing import: 0 imported, 1 filtered out"]
    assert server.hits("/2017/09/15/new.html") == 1


def test_a_feed_filtered_by_words(project, server, capsys):
    feed, _, new, unrelated = _feed_site(server, project)
    config = project.root / "briefing.yml"
    config.write_text(config.read_text() + f"feeds:\n  - url: {feed}\n    words: [libraries, nuclear test]\n")
    code, out, _ = _import(project, "--feeds", capsys=capsys)
    assert code == 0
    assert out.splitlines()[:3] == [
        f"{new}: filtered out: none of the words libraries, nuclear test",
        f"{unrelated}: imported as seeds/articles/2017-09-15-libraries-get-a-budget.txt",  # the feed's date: the page has none
        f"{feed}: 3 items: 1 imported, 1 already imported, 1 filtered out",
    ]


def test_a_feed_item_without_a_date_of_its_own_takes_the_feeds(project, server, capsys):
    item = server.add("/undated", P.article_page())
    feed = server.add("/atom.xml", P.atom([{"title": "x", "link": item, "updated": "2017-09-16T01:00:00Z"}]),
                      content_type="application/atom+xml")
    code, out, _ = _import(project, feed, capsys=capsys)
    assert code == 0 and f"{item}: imported as seeds/articles/2017-09-16-" in out


def test_a_feed_file_and_a_failing_item(project, server, tmp_path, capsys):
    gone = server.url("/gone")
    feed = tmp_path / "feed.xml"
    feed.write_text(P.rss([{"title": "Gone", "link": gone}, {"title": "Mail", "link": "mailto:desk@courier.example"}]))
    code, out, err = _import(project, str(feed), capsys=capsys)
    assert code == 1
    assert err.splitlines() == [f"{gone}: HTTP 404 Not Found", "mailto:desk@courier.example: feed item without an http(s) link",
                                "briefing import: 0 imported, 2 failed"]
    assert out.splitlines() == [f"{feed}: 2 items: 2 failed"]


@pytest.mark.parametrize("feeds, message", [
    ("feeds: https://x.org/rss", "briefing.yml:16:8: 'feeds': expected a list of {url: ..., min_entries: N, words: [...]}"),
    ("feeds:\n  - {url: x.org/rss}", "briefing.yml:17:11: feed 'url': expected an http(s) address, got 'x.org/rss'"),
    ("feeds:\n  - {url: https://x.org/rss, min_entries: two}", "briefing.yml:17:43: feed 'min_entries': expected a whole number above 0, got 'two'"),
    ("feeds:\n  - {url: https://x.org/rss, word: [a]}", "briefing.yml:17:30: unknown key 'word' (did you mean 'words'?)"),
    ("feeds:\n  - {min_entries: 2}", "briefing.yml:17:5: feed: missing required key 'url'"),
])
def test_feeds_in_briefing_yml_are_checked(project, capsys, feeds, message):
    config = project.root / "briefing.yml"
    config.write_text(config.read_text() + feeds + "\n")
    code, _, err = _import(project, "--feeds", capsys=capsys)
    assert code == 1 and err.splitlines()[0] == message
    assert main(["--root", str(project.root), "check"]) == 1  # the build checks them too


# --------------------------------------------------------------------------- then the build


def test_an_imported_article_builds_and_its_cleaning_trail_shows(project, server, capsys):
    url = server.add("/2017/09/15/plain.html", P.plain_layout_page())
    code, out, _ = _import(project, url, capsys=capsys)
    assert code == 0
    text = (project.root / "seeds" / "articles" / f"{SLUG}.txt").read_text(encoding="utf-8")
    assert "By Jane Roe" in text and "ADVERTISEMENT" in text, "import does not clean"
    site, _ = prepare(project.root)
    (article,) = [a.article for a in site.articles if a.article.url == url]
    assert article.title == P.HEADLINE and str(article.date) == "2017-09-15"
    removed = {(r.kind, r.text) for r in article.removed}
    assert {(RemovalKind.REPEATED_HEADLINE, P.HEADLINE), (RemovalKind.BYLINE, "By Jane Roe"),
            (RemovalKind.BOILERPLATE, "ADVERTISEMENT")} <= removed
    body = [b.text for b in article.blocks[1:]]
    assert body == list(P.STORY)
    assert {"north-korea", "kim-jong-un", "hu-jintao"} <= {m.split("/")[1] for m in _entries(site, article)}


def _entries(site, article):
    (annotated,) = [a for a in site.articles if a.article is article]
    return annotated.entries()
