"""News-shaped fixture pages and feeds, written by the tests (nothing here comes from a real site).

Each page is built like the article pages of a news site: a cookie banner, navigation, an ad slot,
a byline, a photo with its credit, the story, a related-article list, a newsletter box and a footer.
``BODY`` is what must survive extraction; ``BOILERPLATE`` what must not.
"""

from __future__ import annotations

import json

# The story: wire-style paragraphs naming entries of the test glossary (tests/conftest.py).
STORY = (
    "SEOUL, Sept. 15 — North Korea fired a ballistic missile over Japan on Friday, the second such "
    "launch in less than a month, defying new sanctions adopted by the United Nations Security Council.",
    "The missile flew about 3,700 kilometres before falling into the Pacific Ocean, according to the "
    "South Korean military, which said it reached a maximum altitude of 770 kilometres.",
    "Kim Jong-un has vowed to complete his country's nuclear force despite the sanctions, and state "
    "media in Pyongyang described the launch as a routine drill for the army's strategic force.",
    "Chinese President Hu Jintao and officials in Washington called for calm, while analysts said "
    "the test showed the North could now reach the US territory of Guam with an intercontinental "
    "ballistic missile.",
    "The Security Council will hold an emergency meeting later on Friday at the request of the "
    "United States and Japan, diplomats said.",
)
HEADLINE = "North Korea fires missile over Japan, defying sanctions"
PHOTO_CREDIT = "Kim Jong-un watches the launch (KCNA/AFP)"

BOILERPLATE = (
    "We use cookies to improve your experience",
    "Accept all cookies",
    "Home",
    "World",
    "Sign in",
    "ADVERTISEMENT",
    "Buy the new SuperPhone today",
    "Seoul mayor opens new subway line",
    "Stock markets rally on tech earnings",
    "Sign up for our morning newsletter",
    "All rights reserved",
    "Terms of use",
)


def _related() -> str:
    items = "".join(f'<li><a href="/world/{i}">{t}</a></li>'
                    for i, t in enumerate(("Seoul mayor opens new subway line", "Stock markets rally on tech earnings",
                                           "Weather: a warm weekend ahead")))
    return f'<aside class="related"><h2>Related articles</h2><ul>{items}</ul></aside>'


def article_page(*, site_name: str | None = "Daily Courier", head: str = "", story: tuple[str, ...] = STORY,
                 headline: str = HEADLINE, byline: str = "By Jane Roe, Staff Reporter", dateline_html: str = "",
                 charset: str | None = "utf-8", extra_body: str = "") -> str:
    """A whole article page; ``head`` adds tags (dates, canonical) to <head>."""
    meta_charset = f'<meta charset="{charset}">' if charset else ""
    site = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in story)
    return f"""<!DOCTYPE html>
<html lang="en"><head>{meta_charset}
<title>{headline} | {site_name or "News"}</title>
<meta property="og:title" content="{headline}">
{site}
{head}
<script>window.dataLayer = [];function track(){{}}</script>
<style>.ad{{height:250px}}</style>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. By continuing you accept our policy.</p><button>Accept all cookies</button></div>
<header class="site-header"><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/login">Sign in</a></li></ul></nav></header>
<div class="ad ad-top"><span>ADVERTISEMENT</span><a href="https://ads.example/x">Buy the new SuperPhone today</a></div>
<main><article class="story">
<h1>{headline}</h1>
<div class="byline"><span class="author">{byline}</span>{dateline_html}</div>
<figure><img src="/img/launch.jpg" alt="launch"><figcaption>{PHOTO_CREDIT}</figcaption></figure>
<div class="article-body">{paragraphs}</div>
{extra_body}
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
</article>
{_related()}
<div class="newsletter"><h3>Sign up for our morning newsletter</h3><form><input type="email"><button>Subscribe</button></form></div>
</main>
<footer><p>© 2017 Daily Courier. All rights reserved.</p><a href="/terms">Terms of use</a></footer>
</body></html>"""


def meta_date(day: str) -> str:
    return f'<meta property="article:published_time" content="{day}T08:30:00+09:00">'


def json_ld(day: str | None = None, **more) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE, **more}
    if day:
        data["datePublished"] = f"{day}T08:30:00Z"
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def canonical(url: str) -> str:
    return f'<link rel="canonical" href="{url}">'


def paywall_page() -> str:
    teaser = ("North Korea fired a ballistic missile over Japan on Friday, the second such launch in "
              "less than a month.",)
    prompt = ('<div class="paywall"><h2>Subscribe to continue reading</h2><p>This article is for subscribers only. '
              'Already a subscriber? Log in.</p></div>')
    return article_page(story=teaser, head=json_ld("2017-09-15", isAccessibleForFree=False) + meta_date("2017-09-15"),
                        extra_body=prompt)


def navigation_only_page() -> str:
    links = "".join(f'<li><a href="/s/{i}">Story number {i} of the day</a></li>' for i in range(20))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Front page</title></head>
<body><nav><ul>{links}</ul></nav><footer>© Daily Courier</footer></body></html>"""


def rss(items: list[dict], title: str = "Daily Courier: World") -> str:
    """An RSS 2.0 feed; each item has link, title and optionally pubDate and description."""
    body = "".join(
        "<item>"
        f"<title>{i['title']}</title><link>{i['link']}</link>"
        + (f"<pubDate>{i['pubDate']}</pubDate>" if i.get("pubDate") else "")
        + (f"<description>{i['description']}</description>" if i.get("description") else "")
        + f"<guid>{i['link']}</guid></item>"
        for i in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://127.0.0.1/</link><description>World news</description>{body}</channel></rss>")


def atom(items: list[dict], title: str = "Wire: Asia") -> str:
    entries = "".join(
        f"<entry><title>{i['title']}</title><link href=\"{i['link']}\"/><id>{i['link']}</id>"
        f"<updated>{i.get('updated', '2017-09-15T00:00:00Z')}</updated></entry>"
        for i in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>'
            f"<id>urn:wire</id><updated>2017-09-15T00:00:00Z</updated>{entries}</feed>")


# Another outlet's copy of the same wire story: its own headline, dateline and closing line.
SYNDICATED = (
    "TOKYO (Wire) — North Korea fired a ballistic missile over Japan on Friday, the second such "
    "launch in less than a month, defying new sanctions adopted by the United Nations Security Council.",
    *STORY[1:],
    "Japan's government said it would protest through diplomatic channels.",
)
# The same event in another outlet's own words: the same names, hardly five words in a row alike.
REWRITTEN = (
    "Pyongyang sent a missile across northern Japan early on Friday, its second such flight in weeks, "
    "in open defiance of the latest round of UN penalties.",
    "Residents of Hokkaido were woken by sirens as the rocket passed overhead; it came down far out in the Pacific.",
    "Kim Jong-un's government called the flight a drill. Officials in Washington and Beijing urged restraint "
    "and said talks remained possible, though neither side offered a date.",
    "Analysts in Seoul noted that the distance covered would put Guam within reach, a claim the North has made before.",
)
# A story the briefing does not cover: no glossary entry in it.
UNRELATED = (
    "The city council approved a new budget for public libraries on Tuesday after a long debate about "
    "opening hours, staff numbers and the cost of heating the older buildings in winter.",
    "Librarians welcomed the decision and said the money would be used to extend evening opening and to "
    "buy more books for the children's sections, which have grown busier every year.",
)


def plain_layout_page(*, headline: str = HEADLINE, story: tuple[str, ...] = STORY) -> str:
    """A layout with no <article> or <main>: the story sits in a div among sidebars, with its
    byline and an ad label inside (what extraction keeps and the build's cleaning removes)."""
    side = "".join(f"<div class='teaser'><h3>{t}</h3><p>{t} and more about it in our coverage today.</p></div>"
                   for t in ("Seoul mayor opens new subway line", "Stock markets rally on tech earnings"))
    paragraphs = "".join(f"<p>{p}</p>" for p in story)
    return f"""<html><head><meta charset="utf-8"><title>{headline}</title>{meta_date("2017-09-15")}</head><body>
<div id="top"><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a></div>
<div class="cookie"><p>We use cookies to improve your experience. By continuing you accept our policy.</p><a>Accept all cookies</a></div>
<div id="wrap"><div id="left">{side}</div><div id="content"><h1>{headline}</h1><p class="by">By Jane Roe</p>{paragraphs}
<p>ADVERTISEMENT</p></div><div id="right"><p>Sign up for our morning newsletter to get the news before breakfast every day.</p></div></div>
<div id="foot">© 2017 Daily Courier. All rights reserved. <a>Terms of use</a></div></body></html>"""
