"""What a reader does: search, hover a mention, follow it to the glossary and come back."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import ARTICLE, FIXTURE, GLOSSARY, HOME, OTHER_ARTICLE

# The hover texts, as the sample fixture's glossary gives them.
PUTIN_SUMMARY = FIXTURE.summary("people", "Vladimir Putin")
NORTH_KOREA_SUMMARY = FIXTURE.summary("states", "North Korea")
# The two articles' headlines and the quoted paragraph, as the fixture's article files have them.
ARTICLE_TITLE = "Russia, France say talks are only way to solve North Korea crisis"
OTHER_ARTICLE_TITLE = "Bush seeks joint response on N Korea missiles"
QUOTED = "Russian President Vladimir Putin and his French counterpart"
# Search: (query, the glossary entry it names, that entry's page), checked against the fixture below.
SEARCHES = [("Pyongyang", "states", "North Korea", "glossary/states/north-korea/"),
            ("Hwasong-12", "weapons", "Hwasong-12", "glossary/weapons/hwasong-12/"),
            ("Kremlin", "states", "Russia", "glossary/states/russia/"),
            ("Putin", "people", "Vladimir Putin", "glossary/people/vladimir-putin/"),
            ("Kim Jong Un", "people", "Kim Jong-un", "glossary/people/kim-jong-un/")]


def test_the_expectations_are_the_fixtures_own():
    """What these tests look for is in the fixture briefing's own files, not copied from elsewhere."""
    for text, file in ((ARTICLE_TITLE, "003_bdd4a57eb472ae5d.txt"), (QUOTED, "003_bdd4a57eb472ae5d.txt"),
                       (OTHER_ARTICLE_TITLE, "000_caf21451544b7621.txt")):
        assert f"\n{text}" in FIXTURE.article_text(file), f"tests/fixtures/{FIXTURE.name}: {file} no longer has {text!r}"
    for query, category, name, _ in SEARCHES:
        entry = FIXTURE.entry(category, name)
        assert query in [entry["name"], *entry.get("aliases", []), *entry.get("short_names", [])], (query, name)


def expect_title(page, title: str) -> None:
    """The page's heading (Material may append its permalink "¶")."""
    expect(page.locator("article h1")).to_have_text(re.compile(rf"^\s*{re.escape(title)}\s*¶?\s*$"))


def search(page, query: str) -> list[str]:
    """Type ``query`` into the search dialog (docs/assets/search.js); the result pages' paths, best first."""
    page.goto(HOME)
    page.locator(".briefing-search-open").click()
    box = page.locator("dialog#briefing-search input[type=search]")
    box.press_sequentially(query, delay=20)
    expect(page.locator("dialog#briefing-search .briefing-search__status")).to_contain_text(f"“{query}”")
    items = page.locator("dialog#briefing-search .briefing-search__results > li")
    expect(items.first).to_be_visible()
    hrefs = items.evaluate_all("items => items.map(li => li.querySelector('a').href)")
    return [re.sub(r"^https?://[^/]+/", "", href).split("#")[0].split("?")[0] for href in hrefs]


def test_search_by_metonym_finds_the_state(page, record_property):
    results = search(page, "Pyongyang")
    assert "glossary/states/north-korea/" in results, results
    rank = results.index("glossary/states/north-korea/") + 1
    record_property("north_korea_rank", rank)
    print(f"Pyongyang: North Korea ranks {rank} of {len(results)}: {results[:5]}")
    assert rank == 1, f"North Korea ranks {rank}: {results}"


@pytest.mark.parametrize("query, page_path", [(q, p) for q, _, _, p in SEARCHES if q in ("Hwasong-12", "Kremlin", "Putin")])
def test_glossary_page_ranks_above_passing_mentions(page, query, page_path):
    results = search(page, query)
    articles = [i for i, r in enumerate(results) if r.startswith("articles/")]
    assert page_path in results, results
    assert results.index(page_path) < min(articles, default=len(results)), results


def test_search_by_spelling_variant_finds_the_person(page):
    results = search(page, "Kim Jong Un")
    print(f"Kim Jong Un: {results[:5]}")
    assert "glossary/people/kim-jong-un/" in results, results
    assert results[0] == "glossary/people/kim-jong-un/", results


def test_search_result_opens_the_page(page):
    search(page, "Pyongyang")
    page.locator("dialog#briefing-search .briefing-search__results a[href*='glossary/states/north-korea/']").first.click()
    expect(page).to_have_url(re.compile(r"/glossary/states/north-korea/"))
    expect_title(page, "North Korea")


@pytest.mark.parametrize("path, where, name, summary", [
    (ARTICLE, "#p-3 a.mention", "Vladimir Putin", PUTIN_SUMMARY),  # a mention in the text
    (ARTICLE, "#p-1 a.mention", "North Koreas", NORTH_KOREA_SUMMARY),  # the caption's possessive
    (ARTICLE, ".admonition a", "Vladimir Putin", PUTIN_SUMMARY),  # "In this article"
    (GLOSSARY, "#often-mentioned-with + ul a", "North Korea", NORTH_KOREA_SUMMARY),
])
def test_hovering_a_mention_shows_its_summary(page, artifacts, path, where, name, summary):
    page.goto(path)
    link = page.locator(where, has_text=re.compile(rf"^{re.escape(name)}$")).first
    # The page carries neither the entry's summary nor its key: the link's target is the key,
    # the summary comes from glossary/summaries.json.
    assert link.get_attribute("data-e") is None and link.get_attribute("title") is None
    link.hover()
    tooltip = page.locator(".briefing-tooltip[role=tooltip]")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(summary)
    expect(link).to_have_attribute("aria-describedby", tooltip.get_attribute("id"))
    box, anchor = tooltip.bounding_box(), link.bounding_box()
    assert box["y"] >= anchor["y"] + anchor["height"] - 1, "the tooltip is shown below the mention"
    assert box["width"] > 50 and box["height"] > 10
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    if where == "#p-3 a.mention":
        page.screenshot(path=str(artifacts / "tooltip.png"))
    page.mouse.move(0, 0)
    expect(tooltip).to_be_hidden()  # and goes away again
    expect(link).not_to_have_attribute("aria-describedby", re.compile(".*"))
    # The keyboard too: focus shows it, Escape hides it.
    link.focus()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(summary)
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()


def test_article_to_glossary_and_back(page):
    page.goto(ARTICLE)
    article_url = page.url
    title = ARTICLE_TITLE
    expect_title(page, title)

    # A mention in the text leads to the glossary page...
    page.locator("#p-3 a.mention", has_text="Vladimir Putin").click()
    expect(page).to_have_url(re.compile(re.escape(GLOSSARY) + "$"))
    expect_title(page, "Vladimir Putin")
    expect(page.locator("article .briefing-summary")).to_have_text(PUTIN_SUMMARY)

    # ... the browser's back button returns to the article ...
    page.go_back()
    expect(page).to_have_url(article_url)
    expect_title(page, title)

    # ... and the glossary page's quotes lead back into the article, at the quoted paragraph.
    page.go_forward()
    expect(page).to_have_url(re.compile(re.escape(GLOSSARY) + "$"))
    mentioned = page.locator("#mentioned-in + ul > li")
    expect(mentioned).to_have_count(2)
    mentioned.first.locator("a[title='Read in context']").first.click()
    expect(page).to_have_url(re.compile(re.escape(ARTICLE) + "#p-3$"))
    paragraph = page.locator("#p-3")
    expect(paragraph).to_contain_text(QUOTED)
    expect(paragraph).to_be_in_viewport()

    # The other article is listed too and opens.
    page.go_back()
    page.locator("#mentioned-in + ul > li", has_text="6 July 2006").locator("a").first.click()
    expect(page).to_have_url(re.compile(re.escape(OTHER_ARTICLE) + "$"))
    expect_title(page, OTHER_ARTICLE_TITLE)


@pytest.mark.parametrize("path", [HOME, "glossary/", "glossary/states/", ARTICLE, OTHER_ARTICLE, GLOSSARY,
                                  "glossary/states/north-korea/", "glossary/weapons/hwasong-12/"])
def test_pages_load_locally_without_errors(page, recorder, base_url, path):
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    page.wait_for_load_state("networkidle")
    expect(page.locator("article h1")).to_be_visible()
    requests = recorder.all_requests()
    assert not [url for url in requests if "/pagefind/" in url or "search_index.json" in url], \
        "the search index is fetched only when the search dialog opens"
    assert all(url.startswith(base_url) or url.startswith(("data:", "blob:")) for url in requests), requests
    # The context fixture fails the test on any request away from 127.0.0.1 and any console error.


def test_foreign_requests_and_console_errors_are_caught(browser, base_url):
    """The recorder that every other test relies on does see what it must fail on."""
    from .conftest import Recorder, new_context

    recorder = Recorder()
    context = new_context(browser, base_url, recorder)
    page = context.new_page()
    page.goto(HOME)
    page.evaluate("""() => {
        const image = new Image(); image.src = 'https://third-party.invalid/pixel.png'; document.body.append(image);
        console.error('briefing test: a console error');
        setTimeout(() => { throw new Error('briefing test: uncaught'); });
    }""")
    page.wait_for_timeout(300)
    page.locator(".briefing-search-open").click()  # the index is loaded by a module and Pagefind's worker
    page.locator("dialog#briefing-search input[type=search]").press_sequentially("Putin", delay=20)
    expect(page.locator("dialog#briefing-search .briefing-search__results > li").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    context.close()
    problems = "\n".join(recorder.problems())
    assert "request leaves 127.0.0.1: https://third-party.invalid/pixel.png" in problems, problems
    assert "console error: briefing test: a console error" in problems, problems
    assert "uncaught Error: briefing test: uncaught" in problems, problems
    assert any(".pf_index" in url for url in recorder.all_requests()), \
        "the search's requests are recorded too"
