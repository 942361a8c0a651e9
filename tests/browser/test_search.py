"""The search a reader uses (overrides/partials/search.html, docs/assets/search.js, the Pagefind
index of generator/search/), on the search fixture briefing (tests/fixtures/search): relevance,
excerpts, filters, sorting, the keyboard, the dialog's accessibility, no request away from
127.0.0.1, nothing fetched before the dialog opens, and a site served under a project path."""

from __future__ import annotations

import json
import re
import shutil
from contextlib import contextmanager

import pytest
import yaml
from playwright.sync_api import expect

from tests.sites import Fixture, build_fixture, materialise, mkdocs_build

from .conftest import new_context, serve
from .test_a11y import SCHEMES, describe, run_axe, serious

FIXTURE = Fixture("search")
DIALOG = "dialog#briefing-search"
RESULT = f"{DIALOG} .briefing-search__results > li"
PAGE = 8  # results search.js shows at once (its PAGE)
DATE = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$")
PROJECT = "briefing-repo"  # the folder a GitHub Pages project site is served under


@pytest.fixture(scope="session")
def search_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-site") / "project"
    return build_fixture("search", root, site_url="") / "site"


@pytest.fixture(scope="session")
def search_url(search_site, tmp_path_factory):
    """The site served twice over: at the root and, like a Pages project site, under /PROJECT/."""
    served = tmp_path_factory.mktemp("served")
    (served / PROJECT).symlink_to(search_site, target_is_directory=True)
    shutil.copytree(search_site, served, dirs_exist_ok=True)
    with serve(served) as url:
        yield url


@contextmanager
def reader(browser, url, recorder):
    """A page of the site at ``url`` in a fresh context; no request away from 127.0.0.1, no console error."""
    context = new_context(browser, url, recorder)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    problems = recorder.problems()
    assert not problems, "\n".join(problems)


@pytest.fixture
def search_page(browser, search_url, recorder):
    with reader(browser, search_url, recorder) as page:
        yield page


def open_search(page, path: str = "", key: str | None = None):
    page.goto(path)
    opener = page.locator(".briefing-search-open")
    expect(opener).to_be_visible()
    if key:
        page.locator("body").press(key)
    else:
        opener.click()
    expect(page.locator(DIALOG)).to_be_visible()
    return page.locator(f"{DIALOG} input[type=search]")


def results(page, query: str = "") -> list[str]:
    """The result pages' paths, best first, once the status says how many there are (for ``query``)
    and the first page of them is shown (the count comes first, each result with its excerpt)."""
    status = page.locator(f"{DIALOG} .briefing-search__status")
    expect(status).to_have_text(re.compile(r"\d+ results?|No results"))
    if query:
        expect(status).to_contain_text(f"“{query}”")
    found = re.match(r"(\d+) results?", status.text_content() or "")
    expect(page.locator(f"{RESULT} a")).to_have_count(min(int(found[1]), PAGE) if found else 0)
    return shown(page)


def shown(page) -> list[str]:
    """The paths of the results on show, in order."""
    hrefs = page.locator(f"{RESULT} a").evaluate_all("links => links.map(a => a.href)")
    return [re.sub(r"^https?://[^/]+/", "", href) for href in hrefs]


def search(page, query: str, path: str = "") -> list[str]:
    box = open_search(page, path)
    box.press_sequentially(query, delay=15)
    return results(page, query)


def test_the_expectations_are_the_fixtures_own():
    assert "Pyongyang" in FIXTURE.entry("states", "North Korea")["places"]
    assert "Pyongyang" not in FIXTURE.entry("states", "North Korea")["aliases"]
    assert "Kim Jong Un" in FIXTURE.entry("people", "Kim Jong-un")["aliases"]
    siblings = [e["name"] for e in FIXTURE.glossary["weapons"]]
    assert {"Hwasong-11", "Hwasong-17", "Hwasong-18", "Hwasong-19"} <= set(siblings)


@pytest.mark.parametrize("query, first", [
    ("Pyongyang", "glossary/states/north-korea/"),  # a place: the government it stands for
    ("Kim Jong Un", "glossary/people/kim-jong-un/"),  # an alias (spelling variant)
    ("Hwasong-18", "glossary/weapons/hwasong-18/"),  # not a sibling sharing the "Hwasong-1" prefix
    ("Hwaseong-18", "glossary/weapons/hwasong-18/"),
])
def test_a_name_finds_its_glossary_page_first(search_page, query, first):
    found = search(search_page, query)
    assert found and found[0] == first, found
    siblings = [r for r in found if r.startswith("glossary/weapons/") and r != first]
    articles = [i for i, r in enumerate(found) if r.startswith("articles/")]
    assert all(found.index(s) > min(articles, default=0) for s in siblings), found


@pytest.mark.parametrize("query", ["missile launch", "sanctions"])
def test_a_phrase_finds_articles_first(search_page, query):
    found = search(search_page, query)
    assert found and found[0].startswith("articles/"), found
    assert found[:2] == [r for r in found[:2] if r.startswith("articles/")], found


def test_results_show_an_excerpt_with_the_query_marked_and_a_date_or_category(search_page, artifacts):
    search(search_page, "Hwasong-18")
    items = search_page.locator(RESULT)
    first = items.first
    expect(first.locator(".briefing-search__result-title")).to_have_text("Hwasong-18")
    expect(first.locator(".briefing-search__result-meta")).to_have_text("Weapons")
    expect(first.locator(".briefing-search__excerpt mark").first).to_have_text(re.compile(r"Hwa[se]+ong-18", re.I))
    article = items.filter(has=search_page.locator("a[href*='articles/']")).first
    expect(article.locator(".briefing-search__result-meta")).to_have_text(DATE)
    excerpt = article.locator(".briefing-search__excerpt").inner_text()
    assert 20 < len(excerpt) < 300, excerpt  # a short excerpt, not the page
    search_page.screenshot(path=str(artifacts / "search.png"))


def test_filter_by_category(search_page):
    open_search(search_page).press_sequentially("Hwasong", delay=15)
    results(search_page, "Hwasong")
    search_page.locator(f"{DIALOG} select.briefing-search__type").select_option("Weapons")
    expect(search_page.locator(f"{DIALOG} .briefing-search__status")).to_have_text(re.compile(r"^4 results"))
    assert all(r.startswith("glossary/weapons/") for r in results(search_page))
    search_page.locator(f"{DIALOG} select.briefing-search__type").select_option("Articles")
    expect(search_page.locator(f"{DIALOG} .briefing-search__status")).not_to_have_text(re.compile(r"^4 results"))
    found = results(search_page)
    assert found and all(r.startswith("articles/") for r in found), found


def test_category_filter_follows_briefing_yml(search_page):
    """Articles first, then the categories in briefing.yml's order (the button's data-order, which
    the build writes from briefing.yml), not alphabetically."""
    search_page.goto("")
    order = search_page.locator(".briefing-search-open").get_attribute("data-order")
    written = yaml.safe_load((FIXTURE.path / "briefing.yml").read_text(encoding="utf-8"))["categories"]
    assert json.loads(order) == [category["title"] for category in written.values()]
    # The same page with briefing.yml's categories in another order: the filter follows it.
    search_page.evaluate("""() => document.querySelector('.briefing-search-open').dataset.order = '["Weapons", "People", "States"]'""")
    search_page.locator(".briefing-search-open").click()
    options = search_page.locator(f"{DIALOG} select.briefing-search__type option")
    expect(options).to_have_text(["Everything", "Articles", "Weapons", "People", "States"])


def test_filter_by_year_and_sort_by_date(search_page):
    box = open_search(search_page)
    options = search_page.locator(f"{DIALOG} select.briefing-search__year option")
    expect(options).to_have_count(6)  # "Any year" and the fixture's five years
    box.press_sequentially("missile", delay=15)
    results(search_page, "missile")
    search_page.locator(f"{DIALOG} select.briefing-search__year").select_option("2023")
    expect(search_page.locator(f"{DIALOG} .briefing-search__status")).to_have_text(re.compile(r"^2 results"))
    assert all(r.startswith("articles/2023-") for r in results(search_page))
    search_page.locator(f"{DIALOG} select.briefing-search__year").select_option("")
    search_page.locator(f"{DIALOG} select.briefing-search__type").select_option("Articles")
    search_page.locator(f"{DIALOG} select.briefing-search__sort").select_option("desc")
    expect(search_page.locator(f"{RESULT} a").first).to_have_attribute("href", re.compile("2024-10-31"))
    found = results(search_page)
    dates = [re.search(r"articles/(\d{4}-\d\d-\d\d)", r).group(1) for r in found]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 4, found
    search_page.locator(f"{DIALOG} select.briefing-search__sort").select_option("asc")
    expect(search_page.locator(f"{RESULT} a").first).to_have_attribute("href", re.compile("2016-03-02|2017-05-14"))


@pytest.mark.parametrize("key", ["/", "s"])
def test_keyboard_opens_searches_and_follows_a_result(search_page, key):
    box = open_search(search_page, "glossary/", key=key)
    expect(box).to_be_focused()
    box.press_sequentially("Pyongyang", delay=15)
    results(search_page, "Pyongyang")
    box.press("ArrowDown")
    expect(search_page.locator(f"{RESULT} a").first).to_be_focused()
    search_page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    box.press("Enter")
    expect(search_page).to_have_url(re.compile(r"/glossary/states/north-korea/$"))


def test_escape_closes_and_focus_stays_in_the_dialog(search_page):
    search_page.goto("")
    opener = search_page.locator(".briefing-search-open")
    opener.focus()
    search_page.keyboard.press("Enter")
    box = search_page.locator(f"{DIALOG} input[type=search]")
    expect(box).to_be_focused()
    box.press_sequentially("Kim", delay=15)
    results(search_page, "Kim")
    for _ in range(25):  # Tab round the dialog, more times than it has controls
        search_page.keyboard.press("Tab")
        inside = search_page.evaluate(f"document.querySelector('{DIALOG}').contains(document.activeElement)")
        assert inside, search_page.evaluate("document.activeElement.outerHTML")
    search_page.keyboard.press("Escape")
    expect(search_page.locator(DIALOG)).to_be_hidden()
    expect(opener).to_be_focused()
    search_page.keyboard.press("/")  # and it opens again
    expect(search_page.locator(DIALOG)).to_be_visible()


def test_typing_in_a_text_field_does_not_open_it(search_page):
    open_search(search_page).press_sequentially("s/s", delay=15)
    expect(search_page.locator(f"{DIALOG} input[type=search]")).to_have_value("s/s")


def test_nothing_is_fetched_before_the_dialog_opens_and_no_old_index(search_page, recorder, search_site):
    search_page.goto("")
    search_page.wait_for_load_state("networkidle")
    assert not [u for u in recorder.all_requests() if "/pagefind/" in u]
    search(search_page, "Pyongyang")
    fetched = [u for u in recorder.all_requests() if "/pagefind/" in u]
    assert any(u.endswith("pagefind.js") for u in fetched) and any(".pf_index" in u for u in fetched), fetched
    assert not [u for u in recorder.all_requests() if "search_index.json" in u]
    assert not (search_site / "search").exists(), "Material's search index must not ship"


def test_works_under_a_project_path(search_page):
    found = search(search_page, "Kim Jong Un", path=f"{PROJECT}/timeline/")
    assert found[0] == f"{PROJECT}/glossary/people/kim-jong-un/", found
    search_page.locator(f"{RESULT} a").first.click()
    expect(search_page).to_have_url(re.compile(rf"/{PROJECT}/glossary/people/kim-jong-un/$"))


def test_phone_layout(search_page):
    search_page.set_viewport_size({"width": 375, "height": 740})
    search(search_page, "sanctions")
    box = search_page.locator(DIALOG).bounding_box()
    assert box["width"] >= 370 and box["height"] >= 700, box
    assert search_page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_dialog_has_no_serious_accessibility_violation(search_page, axe_source, scheme):
    search_page.emulate_media(color_scheme=scheme)
    search(search_page, "Hwasong-18")
    result = run_axe(search_page, axe_source, {"include": [[DIALOG]]})
    found = serious(result)
    assert not found, describe(found)
    colours = search_page.evaluate(f"""() => {{ const s = getComputedStyle(document.querySelector('{DIALOG}'));
        return [s.color, s.backgroundColor]; }}""")
    assert colours[0] != colours[1], colours


# -- the same site indexed in shards (generator/search/indexer.py): what a reader finds is the same --

@pytest.fixture(scope="session")
def sharded_url(search_site, tmp_path_factory):
    """The search fixture's site again, its index cut into shards of a few pages each."""
    from generator.search import index_site, indexer

    site = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(search_site, site)
    report = index_site(site, budget=sum(page.cost for page in indexer._marked_pages(site)) // 4)
    assert report.shards >= 4, report
    with serve(site) as url:
        yield url


@pytest.fixture
def sharded_page(browser, sharded_url, recorder):
    with reader(browser, sharded_url, recorder) as page:
        yield page


def every_result(page, query: str = "") -> tuple[str, list[str]]:
    """The status line and every result's path, in order ("More results" until there are no more)."""
    results(page, query)
    more = page.locator(f"{DIALOG} .briefing-search__more")
    while more.is_visible():
        count = page.locator(RESULT).count()
        more.click()
        expect(page.locator(RESULT)).not_to_have_count(count)
    status = page.locator(f"{DIALOG} .briefing-search__status").text_content()
    found = re.match(r"(\d+) results?", status or "")
    expect(page.locator(RESULT)).to_have_count(int(found[1]) if found else 0)
    return status, shown(page)


def choose(page, **selects):
    """Set the dialog's selects and wait for the searches they start (the list is aria-busy meanwhile)."""
    for name, value in selects.items():
        page.locator(f"{DIALOG} select.briefing-search__{name}").select_option(value)
    expect(page.locator(f"{DIALOG} .briefing-search__results")).not_to_have_attribute("aria-busy", "true")


@pytest.mark.parametrize("query, selects", [
    ("missile", {}),
    ("sanctions", {"type": "Articles"}),
    ("", {"year": "2023"}),  # filters alone
    ("missile", {"sort": "desc"}),
    ("missile", {"type": "Articles", "sort": "asc"}),
    ("", {"type": "Articles", "sort": "desc"}),
])
def test_a_sharded_index_finds_what_one_bundle_finds(search_page, sharded_page, query, selects):
    found = {}
    for name, page in (("one", search_page), ("shards", sharded_page)):
        box = open_search(page)
        if query:
            box.press_sequentially(query, delay=15)
            results(page, query)
        choose(page, **selects)
        found[name] = every_result(page, query)
    (status, one), (sharded_status, sharded) = found["one"], found["shards"]
    assert sharded_status == status and sorted(sharded) == sorted(one) and len(one) > 1, (found, selects)
    if "sort" in selects:  # the order is the dates', across the shards
        dates = [re.search(r"articles/(\d{4}-\d\d-\d\d)", r).group(1) for r in sharded]
        assert dates == sorted(dates, reverse=selects["sort"] == "desc"), sharded
    elif query:
        assert sharded[0] == one[0], found  # the best result is the same


def test_a_sharded_index_finds_at_least_what_one_bundle_finds_for_a_short_last_word(search_page, sharded_page):
    """Pagefind extends a query's words to the longer words it has loaded ("un" to "united"): which
    those are depends on the word chunk each bundle fetches, so shards may find more, never less."""
    found = {name: search(page, "Kim Jong Un") for name, page in (("one", search_page), ("shards", sharded_page))}
    assert set(found["one"]) <= set(found["shards"]) and found["shards"][0] == found["one"][0], found


@pytest.mark.parametrize("query, first", [
    ("Pyongyang", "glossary/states/north-korea/"),
    ("Kim Jong Un", "glossary/people/kim-jong-un/"),
    ("Hwasong-18", "glossary/weapons/hwasong-18/"),
])
def test_a_name_finds_its_glossary_page_first_in_a_sharded_index(sharded_page, query, first):
    found = search(sharded_page, query)
    assert found[0] == first, found


def test_a_sharded_index_is_fetched_from_its_shards(sharded_page, recorder):
    search(sharded_page, "missile")
    fetched = [u for u in recorder.all_requests() if "/pagefind/" in u]
    assert any(u.endswith("/pagefind/shards.json") for u in fetched), fetched
    assert {re.search(r"/shards/(\d+)/", u).group(1) for u in fetched if "/shards/" in u} >= {"1", "2", "3"}, fetched
    assert len([u for u in fetched if u.endswith(".pagefind")]) == 1  # one WebAssembly for all


# -- a name among articles that say it more often than its own page does ------------------------------

HEADLINES = 30  # articles with the alias in their headline and throughout their text


@pytest.fixture(scope="session")
def crowded_url(tmp_path_factory):
    """The search fixture with HEADLINES more articles, each saying "DPRK" (an alias of North Korea,
    not its title) in its headline and three times in its text: Pagefind's score puts such an
    article before the entry."""
    from generator.pipeline import build

    root = materialise("search", tmp_path_factory.mktemp("crowded") / "project")
    for i in range(HEADLINES):
        (root / "seeds" / "articles" / f"2019-kim-{i:02d}.txt").write_text(
            f"---\ndate: 2019-{1 + i % 12:02d}-{1 + i % 28:02d}\nsource: Wire\n---\nDPRK opens factory {i}\n\n"
            f"The DPRK opened a factory. State media in the DPRK said the workers of the DPRK were praised.\n",
            encoding="utf-8")
    build(root)
    mkdocs_build(root, env={"SITE_URL": ""})
    with serve(root / "site") as url:
        yield url


def test_a_name_finds_its_entry_first_where_articles_score_higher(browser, crowded_url, recorder):
    with reader(browser, crowded_url, recorder) as page:
        found = search(page, "DPRK")
        raw = page.evaluate("""async () => {
            const m = await import(new URL('pagefind/pagefind.js', location.href).href);
            const first = (await m.search('DPRK')).results[0];
            return (await first.data()).url; }""")
    assert raw.startswith("/articles/"), raw  # what the score alone puts first: the test tests something
    assert found[0] == "glossary/states/north-korea/", found
    assert found[1].startswith("articles/") and len(found) == PAGE, found


# pagefind.js as the page imports it, its first search held back 1.5 s (time enough to type on, on
# a loaded machine): the real module is imported beside it.
HELD_BACK = """import * as real from "./pagefind.js?real";
export const { options, init, mergeIndex, filters, destroy, preload, debouncedSearch } = real;
export async function search(term, settings) {
  window.__searches.push(term);
  const found = await real.search(term, settings);
  if (window.__searches.length === 1) await new Promise((done) => setTimeout(done, 1500));
  return found;
}"""
STATUSES = """window.__searches = []; window.__statuses = [];
new MutationObserver(() => {
  const status = document.querySelector('#briefing-search .briefing-search__status');
  const text = status ? status.textContent : '';
  if (text && window.__statuses[window.__statuses.length - 1] !== text) window.__statuses.push(text);
}).observe(document, { subtree: true, childList: true, characterData: true });"""


def test_a_query_typed_on_while_a_search_runs_is_the_only_one_searched_to_the_end(search_page):
    """A reader who pauses mid-word starts a search; typing on, the rest of the word waits for it,
    and the half word's search then stops: its results are not shown, its excerpts and exact-name
    search not asked for (at 10,000 articles each costs a few hundred milliseconds)."""
    search_page.add_init_script(STATUSES)
    search_page.route("**/pagefind/pagefind.js", lambda route: route.fulfill(body=HELD_BACK, content_type="text/javascript"))
    box = open_search(search_page)
    box.press_sequentially("Hwasong")
    search_page.wait_for_function("window.__searches.length === 1")  # the pause's search, held back
    box.press_sequentially("-18")
    found = results(search_page, "Hwasong-18")
    assert found[0] == "glossary/weapons/hwasong-18/", found
    searches, statuses = search_page.evaluate("[window.__searches, window.__statuses]")
    assert searches == ["Hwasong", "Hwasong-18", "Hwasong-18"], searches  # the second: the exact-name rule's
    assert not [s for s in statuses if "“Hwasong”" in s], statuses
