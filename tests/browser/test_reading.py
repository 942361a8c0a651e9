"""Reading, second pass (issue 14): quiet later mentions with a reader's highlight control,
summaries on a tap, link previews, printing, and relationship maps whose every label can be read."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import ARTICLE, FIXTURE, GLOSSARY, HOME, _is_local, _origin
from .mapcheck import check_map
from .test_a11y import describe, run_axe, serious

NORTH_KOREA = "states/north-korea"
# A link names its entry by its target (no key beside it); a quiet later mention by its number
# (data-e) in the text's list of keys (data-entries).
NORTH_KOREA_LINK = f'article a.mention[href$="/glossary/{NORTH_KOREA}/"]'
KEY_OF = ("e => e.hasAttribute('data-e') ? e.closest('[data-entries]').dataset.entries.split(' ')[+e.dataset.e]"
          " : e.pathname.split('/glossary/')[1].replace(/\\/$/, '')")
QUIET = "article span[data-e]"


def quiet(page, key: str) -> str:
    """The selector of the quiet mentions of ``key`` on the page."""
    keys = page.locator("article [data-entries]").get_attribute("data-entries").split(" ")
    return f'article span[data-e="{keys.index(key)}"]'

NORTH_KOREA_SUMMARY = FIXTURE.summary("states", "North Korea")


def styles(page, selector: str, *props: str) -> list[dict]:
    return page.locator(selector).evaluate_all(
        "(els, props) => els.map(e => { const s = getComputedStyle(e); "
        "return Object.fromEntries([['text', e.textContent], ['classes', e.className], ...props.map(p => [p, s.getPropertyValue(p)])]); })",
        list(props))


# --------------------------------------------------------------------------- mentions


def test_later_mentions_are_quiet_and_first_mentions_are_links(page):
    page.goto(ARTICLE)
    later = styles(page, QUIET, "text-decoration-line", "background-color")
    assert len(later) > 5, "the sample article names entries more than once"
    loud = [s for s in later if s["text-decoration-line"] != "none" or s["background-color"] not in ("rgba(0, 0, 0, 0)", "transparent")]
    assert not loud, f"later mentions compete with the links: {loud[:3]}"
    first = styles(page, "article a.mention", "text-decoration-line", "text-decoration-skip-ink")
    assert first and all(s["text-decoration-line"] == "underline" for s in first), first[:3]
    # "Tokyo", not "Tok yo": the underline runs through descenders.
    gaps = [s["text"] for s in first if s["text-decoration-skip-ink"] != "none"]
    assert not gaps, f"underline gaps at descenders: {gaps}"
    # Each first mention has its summary as hover text, from glossary/summaries.json by its key.
    north_korea = page.locator(NORTH_KOREA_LINK)
    expect(north_korea).to_have_count(1)
    summaries = page.evaluate("""() => fetch(document.querySelector('meta[name="briefing-summaries"]').content)
        .then(response => response.json())""")
    assert summaries[NORTH_KOREA] == ["North Korea", NORTH_KOREA_SUMMARY]


def lit(page) -> list[str]:
    return page.locator("article .mention.mention-lit").evaluate_all(f"els => els.map({KEY_OF})")


def test_reader_highlights_the_mentions_of_one_entry_or_all(page):
    page.goto(ARTICLE)
    control = page.get_by_label("Highlight mentions")
    expect(control).to_be_visible()
    assert lit(page) == [], "quiet by default"
    total = page.locator(f"article a.mention, {QUIET}").count()
    korea = page.locator(f'{NORTH_KOREA_LINK}, {quiet(page, NORTH_KOREA)}').count()
    assert korea > 1
    control.select_option(NORTH_KOREA)
    assert lit(page) == [NORTH_KOREA] * korea
    background = page.locator(quiet(page, NORTH_KOREA)).first.evaluate(
        "e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    control.select_option("*")
    assert len(lit(page)) == total
    control.select_option("")
    assert lit(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_highlighted_mentions_stay_accessible(page, axe_source, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(ARTICLE)
    page.wait_for_load_state("networkidle")
    page.get_by_label("Highlight mentions").select_option("*")
    result = run_axe(page, axe_source, {"include": [["article"]], "exclude": [[".briefing-map"]]})
    found = serious(result)
    assert not found, describe(found)


def test_tooltips_are_readable(page):
    page.goto(ARTICLE)
    link = page.locator(NORTH_KOREA_LINK)
    link.hover()
    tip = page.locator(".briefing-tooltip[role=tooltip]")
    expect(tip.first).to_be_visible()
    expect(tip.first).to_have_text(NORTH_KOREA_SUMMARY)
    size = float(tip.first.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert size >= 13, f"tooltip text is {size}px"


# --------------------------------------------------------------------------- touch


def touch_page(browser, base_url, recorder):
    """A phone (390 px, touch), recorded like every other page: no foreign request, no error."""
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True, service_workers="block")
    context.route("**/*", lambda route: route.continue_() if _is_local(route.request.url) else route.abort("blockedbyclient"))
    context.on("request", lambda request: recorder.request(_origin(request), request.url))
    context.on("console", lambda m: m.type == "error" and recorder.error(_origin(m), m.text))
    context.on("weberror", lambda e: recorder.error("?", f"uncaught {e.error.message}"))
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_a_tap_on_a_mention_shows_its_summary_and_profile(browser, base_url, recorder):
    context, page = touch_page(browser, base_url, recorder)
    try:
        page.goto(ARTICLE)
        url = page.url
        mention = page.locator(NORTH_KOREA_LINK)
        mention.scroll_into_view_if_needed()
        mention.tap()
        dialog = page.get_by_role("dialog", name="North Korea")
        expect(dialog).to_be_visible()
        assert page.url == url, "the tap opened the summary, not the page"
        expect(dialog).to_contain_text(NORTH_KOREA_SUMMARY)
        profile = dialog.get_by_role("link", name="Profile of North Korea")
        assert re.search(r"/glossary/states/north-korea/$", profile.evaluate("a => a.href"))
        assert dialog.evaluate("d => d.contains(document.activeElement)"), "focus moves into the summary"
        description = dialog.evaluate("d => document.getElementById(d.getAttribute('aria-describedby')).textContent")
        assert description == NORTH_KOREA_SUMMARY
        box = dialog.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        size = float(dialog.evaluate("d => getComputedStyle(d).fontSize").removesuffix("px"))
        assert size >= 14, f"summary text is {size}px"
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        assert mention.evaluate("a => a === document.activeElement"), "focus returns to the mention"
        # A later (quiet) mention, once highlighted, opens the same summary; the link then leads on.
        page.get_by_label("Highlight mentions").select_option(NORTH_KOREA)
        later = page.locator(quiet(page, NORTH_KOREA)).first
        later.scroll_into_view_if_needed()
        later.tap()
        expect(dialog).to_be_visible()
        dialog.get_by_role("button", name="Close").tap()
        expect(dialog).to_be_hidden()
        mention.scroll_into_view_if_needed()
        mention.tap()
        expect(dialog).to_be_visible()
        profile.tap()
        expect(page).to_have_url(re.compile(r"/glossary/states/north-korea/$"))
    finally:
        context.close()
    problems = recorder.problems()
    assert not problems, "\n".join(problems)


def test_a_mouse_click_still_follows_the_link(page):
    page.goto(ARTICLE)
    page.locator(NORTH_KOREA_LINK).click()
    expect(page).to_have_url(re.compile(r"/glossary/states/north-korea/$"))


# --------------------------------------------------------------------------- sharing, following, printing


def preview(page) -> dict:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        'meta[property^="og:"], meta[name^="twitter:"]')].map(m => [m.getAttribute('property') || m.getAttribute('name'), m.content]))""")


@pytest.mark.parametrize("path,title,description", [
    (HOME, None, None),
    (ARTICLE, "Russia, France say talks are only way to solve North Korea crisis",
     "Russian President Vladimir Putin and his French counterpart Emmanuel Macron agreed"),
    (GLOSSARY, "Vladimir Putin", FIXTURE.summary("people", "Vladimir Putin")),
    ("timeline/", "Timeline", None),
    ("glossary/weapons/", "Weapons", None),
])
def test_every_page_has_a_link_preview(page, path, title, description):
    page.goto(path)
    meta = preview(page)
    site_name = page.evaluate("document.querySelector('meta[property=\"og:site_name\"]').content")
    assert site_name and meta["og:site_name"] == site_name
    assert meta["og:title"] == (title or site_name)
    # X's card falls back to og:title and og:description: they are not written twice
    assert meta["twitter:card"] == "summary" and "twitter:title" not in meta and "twitter:description" not in meta
    assert meta["og:description"]
    if description:
        assert meta["og:description"].startswith(description), meta["og:description"]
    assert not any(k.endswith(":image") for k in meta), "no image from anywhere"
    assert "og:url" not in meta  # the sample site is built without a site_url


def test_a_profile_links_its_own_feed(page):
    page.goto(GLOSSARY)
    link = page.get_by_role("link", name="Follow Vladimir Putin (Atom feed)")
    expect(link).to_be_visible()
    href = link.evaluate("a => a.href")
    response = page.request.get(href)
    assert response.ok and b"<feed" in response.body() and b"Russia, France say talks" in response.body()


def test_an_article_prints_its_source_and_date_without_navigation(page):
    page.goto(ARTICLE)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.briefing-pager', '.briefing-highlight']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => [e.className, getComputedStyle(e).display])""")
    assert hidden and all(display == "none" for _, display in hidden), hidden
    original = page.locator("a.briefing-original")
    if original.count():
        after = original.evaluate("a => getComputedStyle(a, '::after').content")
        assert original.evaluate("a => a.getAttribute('href')") in after
    else:  # the sample article has no URL: the rule is there for those that do
        assert "briefing-original" in page.evaluate("[...document.styleSheets].flatMap(s => [...s.cssRules].map(r => r.cssText)).join(' ')")
    byline = page.locator(".briefing-byline")
    expect(byline).to_be_visible()
    expect(byline).to_contain_text("15 September 2017")


# --------------------------------------------------------------------------- relationship maps

@pytest.mark.parametrize("path", [HOME, GLOSSARY, "glossary/states/north-korea/"])
def test_map_labels_never_overlap_and_are_readable(page, path):
    page.goto(path)
    page.locator("svg.briefing-map").scroll_into_view_if_needed()
    assert check_map(page) >= 2


def test_on_a_phone_the_home_map_is_a_list(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(HOME)
    expect(page.locator("svg.briefing-map")).to_be_hidden()
    listing = page.locator(".briefing-map-list")
    expect(listing).to_be_visible()
    assert listing.locator("li").count() == page.locator("svg.briefing-map g.node").count()
    size = float(listing.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert size >= 11


def test_on_a_phone_an_entry_map_gives_way_to_its_companions_list(page):
    """The entry's map on a phone: hidden, with a link to "Often mentioned with", which names
    every entry the map draws round it (a second list of them would repeat it)."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(GLOSSARY)
    expect(page.locator("svg.briefing-map")).to_be_hidden()
    pointer = page.locator("p.briefing-map-list")
    expect(pointer).to_be_visible()
    assert float(pointer.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px")) >= 11
    target = pointer.locator("a").get_attribute("href")
    companions = page.locator(f"{target} + ul > li a").all_inner_texts()
    drawn = page.locator("svg.briefing-map g.node:not(.node-focus) text").all_text_contents()
    assert len(drawn) >= 1 and set(drawn) <= set(companions), (drawn, companions)


def test_the_home_map_draws_only_the_strongest_ties(page):
    page.goto(HOME)
    nodes = page.locator("svg.briefing-map g.node").count()
    edges = page.locator("svg.briefing-map line.edge").count()
    assert 0 < edges <= 2 * nodes, f"{edges} lines for {nodes} entries"
