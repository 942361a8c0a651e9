"""Wire copy, sentence by sentence: what a careful editor links, and what never is a mention.

Each row is one sentence of our own in Reuters/AP/Yonhap style, with its date and the exact
links expected (surface, entry). The glossary is this file's own, so editors' seeds never
change these answers. Rules covered: datelines, places used as places vs. standing for their
government, credits and bylines, headline mentions, shared short names resolved conservatively,
common words at the start of a sentence.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.annotate.linker import annotate, build_matcher
from generator.config import load_config
from generator.ingest.articles import parse_article
from generator.ingest.glossary import load_glossary
from generator.model import Article, Block, BlockKind

CONFIG = """\
title: Wire test
categories:
  people:
    title: People
    fields: {state: ref states, offices: offices}
  states:
    title: States
  weapons:
    title: Weapons
"""

GLOSSARY = {
    "people": """\
- name: Kim Jong-un
  summary: Leader of North Korea since 2011.
  short_names: [Kim]
  state: North Korea
  offices:
    - {title: Supreme Leader of North Korea, start: 2011-12-17}
- name: Kim Jong-il
  summary: Leader of North Korea 1994-2011.
  short_names: [Kim]
  state: North Korea
  offices:
    - {title: Supreme Leader of North Korea, start: 1994-07-08, end: 2011-12-17}
- name: Kim Yo-jong
  summary: Sister of Kim Jong-un.
  short_names: [Kim]
  state: North Korea
  offices:
    - {title: Vice Department Director of the Workers' Party, start: 2019-12}
- name: Lee Myung-bak
  summary: President of South Korea 2008-2013.
  short_names: [Lee]
  state: South Korea
  offices:
    - {title: President of South Korea, start: 2008-02-25, end: 2013-02-24}
- name: Lee Jae-myung
  summary: President of South Korea since 2025.
  short_names: [Lee]
  state: South Korea
  offices:
    - {title: President of South Korea, start: 2025-06-04}
- name: Lee Jong-sup
  summary: South Korean defence minister 2022-2023.
  short_names: [Lee]
  state: South Korea
  offices:
    - {title: Defence Minister of South Korea, start: 2022-05-10, end: 2023-10-07}
- name: Park Geun-hye
  summary: President of South Korea 2013-2017.
  short_names: [Park]
  state: South Korea
  offices:
    - {title: President of South Korea, start: 2013-02-25, end: 2017-03-10}
- name: Park Jin
  summary: South Korean foreign minister 2022-2024.
  short_names: [Park]
  state: South Korea
  offices:
    - {title: Foreign Minister of South Korea, start: 2022-05-12, end: 2024-01-10}
- name: Moon Jae-in
  summary: President of South Korea 2017-2022.
  short_names: [Moon]
  state: South Korea
  offices:
    - {title: President of South Korea, start: 2017-05-10, end: 2022-05-09}
- name: Bill Clinton
  summary: President of the United States 1993-2001.
  short_names: [Clinton]
  state: United States
  offices:
    - {title: President of the United States, start: 1993-01-20, end: 2001-01-20}
- name: Hillary Clinton
  summary: US Secretary of State 2009-2013.
  short_names: [Clinton]
  state: United States
  offices:
    - {title: Secretary of State of the United States, start: 2009-01-21, end: 2013-02-01}
- name: Condoleezza Rice
  summary: US Secretary of State 2005-2009.
  short_names: [Rice]
  state: United States
  offices:
    - {title: Secretary of State of the United States, start: 2005-01-26, end: 2009-01-20}
- name: Susan Rice
  summary: US ambassador to the UN 2009-2013.
  short_names: [Rice]
  state: United States
  offices:
    - {title: Ambassador of the United States to the United Nations, start: 2009-01-22, end: 2013-06-30}
- name: Christopher Hill
  summary: US envoy to the six-party talks.
  short_names: [Hill]
  state: United States
  offices:
    - {title: Assistant Secretary of State for East Asian and Pacific Affairs, start: 2005-04-08, end: 2009-04-01}
- name: Ban Ki-moon
  summary: UN Secretary-General 2007-2016.
  short_names: [Ban]
  state: South Korea
  offices:
    - {title: Secretary-General of the United Nations, start: 2007-01-01, end: 2016-12-31}
- name: Kang Kyung-wha
  summary: South Korean foreign minister 2017-2021.
  short_names: [Kang]
  state: South Korea
  offices:
    - {title: Foreign Minister of South Korea, start: 2017-06-18, end: 2021-02-08}
- name: Kang Sok-ju
  summary: North Korean first vice foreign minister.
  short_names: [Kang]
  state: North Korea
  offices:
    - {title: First Vice Foreign Minister of North Korea, start: 1986, end: 2010-09}
- name: Chung Eui-yong
  summary: South Korean foreign minister 2021-2022.
  short_names: [Chung]
  state: South Korea
  offices:
    - {title: Foreign Minister of South Korea, start: 2021-02-09, end: 2022-05-11}
- name: Chung Dong-young
  summary: South Korean unification minister.
  short_names: [Chung]
  state: South Korea
  offices:
    - {title: Unification Minister of South Korea, start: 2025-07-25}
""",
    "states": """\
- name: North Korea
  summary: A state in East Asia.
  aliases: [DPRK, North Korean]
  places: [Pyongyang]
- name: South Korea
  summary: A state in East Asia.
  aliases: [South Korean, Republic of Korea]
  places: [Seoul, Blue House]
- name: Japan
  summary: A state in East Asia.
  aliases: [Japanese]
  places: [Tokyo]
  exclude: [Sea of Japan]
- name: China
  summary: A state in East Asia.
  aliases: [Chinese]
  places: [Beijing, Zhongnanhai]
- name: Russia
  summary: A state in Europe and Asia.
  aliases: [Russian]
  places: [Moscow, the Kremlin]
- name: United States
  summary: A state in North America.
  aliases: [US, U.S.]
  places: [Washington, the White House]
  exclude: [Washington Post]
""",
    "weapons": """\
- name: Cruise missile
  summary: A guided missile that flies like an aircraft.
  aliases: [cruise missile]
- name: Ballistic missile
  summary: A missile on a ballistic trajectory.
  aliases: [ballistic missile]
""",
}

K, KJI, KYJ = "people/kim-jong-un", "people/kim-jong-il", "people/kim-yo-jong"
NK, SK, JP, CN, RU, US = "states/north-korea", "states/south-korea", "states/japan", "states/china", "states/russia", "states/united-states"
CRUISE, BALLISTIC = "weapons/cruise-missile", "weapons/ballistic-missile"


@pytest.fixture(scope="module")
def glossary(tmp_path_factory):
    root = tmp_path_factory.mktemp("wire")
    (root / "briefing.yml").write_text(CONFIG)
    (root / "seeds/glossary").mkdir(parents=True)
    (root / "seeds/articles").mkdir()
    for category, text in GLOSSARY.items():
        (root / f"seeds/glossary/{category}.yml").write_text(text)
    config = load_config(root)
    glossary, problems = load_glossary(root, config.glossary_dir, config.categories)
    assert problems == []
    return glossary


def links(glossary, text: str, date: str | None):
    day = dt.date.fromisoformat(date) if date else None
    article = Article("a.txt", "a", "Title", day, None, None, (Block(BlockKind.PARAGRAPH, text, 1),))
    result = annotate(article, glossary, build_matcher(glossary))
    return [(text[m.start:m.end], m.entry) for m in result.mentions]


# (sentence, date, expected links)
SENTENCES = [
    # A place standing for its government is a mention of the state.
    ("Seoul said the launch was a grave provocation.", "2023-03-01", [("Seoul", SK)]),
    ("Tokyo protested through diplomatic channels.", "2023-03-01", [("Tokyo", JP)]),
    ("Washington and Seoul agreed to expand drills.", "2023-03-01", [("Washington", US), ("Seoul", SK)]),
    ("Pyongyang's nuclear programme has grown quickly.", "2023-03-01", [("Pyongyang", NK)]),
    ("The council imposed new sanctions on Pyongyang last year.", "2023-03-01", [("Pyongyang", NK)]),
    ("He called for talks between Washington and Pyongyang.", "2023-03-01", [("Washington", US), ("Pyongyang", NK)]),
    ("The Kremlin said Moscow would not back more sanctions.", "2023-03-01", [("The Kremlin", RU), ("Moscow", RU)]),
    ("Beijing has urged restraint, and Tokyo will respond.", "2023-03-01", [("Beijing", CN), ("Tokyo", JP)]),
    ("The envoy urged Pyongyang to return to talks.", "2023-03-01", [("Pyongyang", NK)]),
    ("The drills drew a sharp response from Pyongyang.", "2023-03-01", [("Pyongyang", NK)]),
    ("The missile was condemned by Tokyo and Seoul.", "2023-03-01", [("Tokyo", JP), ("Seoul", SK)]),
    ("Relations with Beijing have cooled.", "2023-03-01", [("Beijing", CN)]),
    ("It was a Beijing-brokered deal.", "2023-03-01", [("Beijing", CN)]),
    ("Tokyo lodged a protest with Pyongyang.", "2023-03-01", [("Tokyo", JP), ("Pyongyang", NK)]),
    ("The drills, which Pyongyang denounces as rehearsals, began.", "2023-03-01", [("Pyongyang", NK)]),
    ("It was an embarrassment to Beijing.", "2023-03-01", [("Beijing", CN)]),
    ("The Kremlin Spokesman said talks continue.", "2023-03-01", [("The Kremlin", RU)]),
    ("Kim says Seoul not a partner.", "2024-01-15", [("Seoul", SK)]),
    # A place used as a place is not.
    ("Crowds gathered in Seoul on Saturday.", "2023-03-01", []),
    ("Soldiers paraded outside Pyongyang's main stadium.", "2023-03-01", []),
    ("He was on a flight from Beijing to Moscow.", "2023-03-01", []),
    ("The delegation arrived in Beijing on Monday.", "2023-03-01", []),
    ("She is a professor at Yonsei University in Seoul, South Korea.", "2023-03-01", [("South Korea", SK)]),
    ("People watched a TV screen in Tokyo.", "2023-03-01", []),
    ("Beijing's airport was closed by fog.", "2023-03-01", []),
    ("He studied at Seoul National University.", "2023-03-01", []),
    ("A Seoul-based monitoring group said so.", "2023-03-01", []),
    ("Tokyo, Japan, is the largest city.", "2023-03-01", [("Japan", JP)]),
    ("Talks were held at the Kremlin in Moscow.", "2023-03-01", []),
    ("The missile flew toward Tokyo before falling into the Sea of Japan.", "2023-03-01", []),
    ("Moon flew to Pyongyang for talks.", "2023-03-01", []),
    ("He had traveled twice to Pyongyang this spring.", "2023-03-01", []),
    ("He would invite Kim to the White House.", "2023-03-01", []),
    ("Tokyo protested to Beijing.", "2023-03-01", [("Tokyo", JP), ("Beijing", CN)]),
    ("Seoul streets were empty.", "2023-03-01", []),
    # Credits and captions are not mentions.
    ("Kim Jong Un watches the launch at an undisclosed place. (KCNA via KNS/AP)", "2023-03-01", [("Kim Jong Un", K)]),
    ("A test-fire of a cruise missile. KCNA/VIA REUTERS", "2023-03-01", [("cruise missile", CRUISE)]),
    ("A broadcast showing the launch (NHK/KRT/REUTERS)", "2023-03-01", []),
    # Shared short names: named in full, a fitting title on the date, or the state nearby.
    ("Kim Yo-jong issued a statement. Kim said Seoul was a fool.", "2022-08-19", [("Kim Yo-jong", KYJ), ("Kim", KYJ), ("Seoul", SK)]),
    ("North Korean leader Kim oversaw the test.", "2023-03-01", [("North Korean", NK), ("Kim", K)]),
    ("Kim said the test was a success.", "2023-03-01", []),
    ("President Lee met the envoy.", "2025-09-01", [("Lee", "people/lee-jae-myung")]),
    ("President Lee met the envoy.", "2010-09-01", [("Lee", "people/lee-myung-bak")]),
    ("Lee said the alliance was strong.", "2025-09-01", []),
    ("South Korea's Lee said the alliance was strong.", "2025-09-01", [("South Korea", SK), ("Lee", "people/lee-jae-myung")]),
    ("Former President Clinton flew to Pyongyang to free two journalists.", "2009-08-04", [("Clinton", "people/bill-clinton")]),
    ("Secretary of State Clinton said the door was open.", "2009-08-04", [("Clinton", "people/hillary-clinton")]),
    ("Clinton said the door was open.", "2009-08-04", []),
    ("Secretary of State Rice arrived in Seoul.", "2006-10-19", [("Rice", "people/condoleezza-rice")]),
    ("Ambassador Rice said the council would act.", "2009-06-12", [("Rice", "people/susan-rice")]),
    ("Foreign Minister Kang spoke by phone.", "2019-05-01", [("Kang", "people/kang-kyung-wha")]),
    ("Foreign Minister Park met his Japanese counterpart.", "2023-03-01", [("Park", "people/park-jin"), ("Japanese", JP)]),
    ("President Moon flew to Pyongyang for the summit.", "2018-09-18", [("Moon", "people/moon-jae-in")]),
    ("Foreign Minister Chung met Blinken.", "2021-06-01", [("Chung", "people/chung-eui-yong")]),
    ("Minister Chung visited the border.", "2025-09-01", [("Chung", "people/chung-dong-young")]),
    ("Chung said dialogue must resume.", "2025-09-01", []),
    # Common words at the start of a sentence, and short names inside longer names.
    ("Moon rises over the demilitarised zone.", "2018-09-18", []),
    ("Park officials closed the trail.", "2015-05-01", []),
    ("Rice prices rose sharply in the North.", "2006-10-19", []),
    ("Hill country near the border was shelled.", "2007-02-01", []),
    ("It signed the Comprehensive Nuclear-Test-Ban Treaty.", "2010-01-01", []),
    ("Ban Ki-moon urged restraint. Ban said talks must resume.", "2010-01-01", [("Ban Ki-moon", "people/ban-ki-moon"), ("Ban", "people/ban-ki-moon")]),
    ("Laura Bush and Kim Won-Jin were there.", "2006-07-06", []),
    ("Moon Jae-in spoke. Moon convened his security council.", "2018-09-18", [("Moon Jae-in", "people/moon-jae-in"), ("Moon", "people/moon-jae-in")]),
    ("Kim Jong-un met Moon Jae-in before the Moon-Kim summit.", "2018-09-18", [("Kim Jong-un", K), ("Moon Jae-in", "people/moon-jae-in"), ("Moon", "people/moon-jae-in"), ("Kim", K)]),
    # two Kims named in full: neither the state nor the date can tell which "Kim" speaks
    ("Kim Yo-jong, sister of Kim Jong-un, spoke. Kim said talks were over.", "2022-08-19", [("Kim Yo-jong", KYJ), ("Kim Jong-un", K)]),
]


@pytest.mark.parametrize("text, date, expected", SENTENCES, ids=[f"{i}:{s[:40]}" for i, (s, _, _) in enumerate(SENTENCES)])
def test_wire_sentence(glossary, text, date, expected):
    assert links(glossary, text, date) == expected


def test_there_are_at_least_forty_sentences():
    assert len(SENTENCES) >= 40


DATELINES = [
    ("SEOUL, March 3 (Reuters) - North Korea fired a missile.", "SEOUL, March 3 (Reuters) -"),
    ("TOKYO (AP) — Japan said a missile fell into its waters.", "TOKYO (AP) —"),
    ("WASHINGTON/SEOUL - The United States said on Friday.", "WASHINGTON/SEOUL -"),
    ("BEIJING, Oct. 9. /TASS/. China has called for calm.", "BEIJING, Oct. 9. /TASS/."),
    ("Washington and Beijing (CNN) — The US and China agreed.", "Washington and Beijing (CNN) —"),
    ("NORTH KOREA/SEOUL, SOUTH KOREA (YONHAP/REUTERS) – North Korea fired.", "NORTH KOREA/SEOUL, SOUTH KOREA (YONHAP/REUTERS) –"),
    ("SEOUL, Nov. 29 (Yonhap) -- North Korea fired an ICBM.", "SEOUL, Nov. 29 (Yonhap) --"),
    ("UNITED NATIONS (AP) — The council met.", "UNITED NATIONS (AP) —"),
    ("SEOUL, South Korea (AP) — North Korea said it tested a drone.", "SEOUL, South Korea (AP) —"),
    ("GYEONGJU, South Korea, Oct. 30 Kyodo - Japanese Prime Minister spoke.", "GYEONGJU, South Korea, Oct. 30 Kyodo -"),
    # Not datelines: prose, a parenthesis that is no agency, a short abbreviation.
    ("Seoul said on Monday - that was all.", ""),
    ("Pyongyang (the capital) - was quiet.", ""),
    ("US - China talks resumed.", ""),
    ("North Korea fired a missile (Reuters) - officials said.", ""),
    ("Talks (AFP).", ""),  # a title-case word needs an agency, a dash and text after it
]


@pytest.mark.parametrize("paragraph, expected", DATELINES)
def test_dateline_is_kept_as_text_and_never_a_mention(glossary, paragraph, expected):
    text = f"---\ndate: 2023-03-03\n---\nHeadline here\n\n{paragraph}\n"
    article, problems, _ = parse_article(text, "a.txt")
    assert problems == []
    body = article.blocks[1]
    assert body.text == paragraph  # nothing lost
    assert body.text[:body.dateline] == expected
    result = annotate(article, glossary, build_matcher(glossary))
    assert all(m.start >= body.dateline for m in result.mentions if m.block == 1)


BYLINES = [
    ("By Jane Doe, Seoul bureau", "byline"),
    ("Beijing correspondent Jane Doe", "byline"),
    ("By Hyung-Jin Kim and Mari Yamaguchi | AP", "byline"),
    ("Reporting by Hyonhee Shin in Seoul; Editing by Alex Richardson", "byline"),
    ("date 2024-05-17 By Jane Doe and John Roe, Outlet", "metadata"),
    ("Photo: Yonhap", "photo credit"),
]


@pytest.mark.parametrize("line, kind", BYLINES)
def test_bylines_and_metadata_are_removed_with_a_trail(glossary, line, kind):
    text = f"North Korea fires missile toward Seoul\n\n{line}\n\nPyongyang said the launch succeeded.\n"
    article, problems, _ = parse_article(text, "a.txt")
    assert problems == []
    assert [(r.kind.value, r.text, r.line) for r in article.removed] == [(kind, line, 3)]
    result = annotate(article, glossary, build_matcher(glossary))
    assert {m.entry for m in result.mentions} == {NK}


def test_related_article_lists_are_navigation(glossary):
    text = ("North Korea fires missile\n\nNorth Korea fired a missile.\n\nRELATED COVERAGE\n"
            "Japan's Abe welcomes resolution, urges China to enforce it\n\nThe launch came after sanctions.\n")
    article, _, _ = parse_article(text, "a.txt")
    assert [(r.kind.value, r.line) for r in article.removed] == [("boilerplate", 5), ("navigation", 6)]
    assert [b.text for b in article.blocks[1:]] == ["North Korea fired a missile.", "The launch came after sanctions."]


def test_metadata_line_gives_the_date_when_front_matter_has_none():
    article, _, _ = parse_article("date 2024-05-17 By Jane Doe, Outlet\nHeadline\n\nText here.\n", "a.txt")
    assert article.date == dt.date(2024, 5, 17) and article.title == "Headline"


def test_headline_mentions_count_without_a_link(glossary):
    text = "North Korea test-fires cruise missiles off its west coast\n\nThe North fired two of them on Sunday.\n"
    article, _, _ = parse_article(text, "a.txt")
    result = annotate(article, glossary, build_matcher(glossary))
    assert [(m.entry, m.block, m.linked) for m in result.mentions] == [(NK, 0, False), (CRUISE, 0, False)]
    assert result.entries() == (NK, CRUISE)


def test_first_link_goes_to_the_text_not_the_headline(glossary):
    text = "---\ndate: 2023-03-01\n---\nKim oversees test\n\nNorth Korean leader Kim Jong Un watched. Kim smiled.\n"
    article, _, _ = parse_article(text, "a.txt")
    result = annotate(article, glossary, build_matcher(glossary))
    kim = [(m.block, m.linked) for m in result.mentions if m.entry == K]
    assert kim == [(0, False), (1, True), (1, False)]  # the headline's "Kim" is read knowing the text


def test_place_decisions_are_noted_for_coverage(glossary):
    article = Article("a.txt", "a", "T", None, None, None, (Block(BlockKind.PARAGRAPH, "In Seoul, Tokyo said no.", 1),))
    result = annotate(article, glossary, build_matcher(glossary))
    assert [(n.kind.value, n.text) for n in result.notes] == [("place", "Seoul"), ("government", "Tokyo")]


def test_a_dateline_is_rendered_as_text_styled_as_one(project):
    from generator.pipeline import generate

    project.article("d.txt", "---\ndate: 2006-07-06\n---\nTalks\n\nSEOUL, July 6 (Reuters) - Bush spoke with Hu Jintao.\n")
    site, pages, _ = generate(project.root)
    article = next(a.article for a in site.articles if a.article.path.endswith("d.txt"))
    page = pages[f"articles/{article.slug}.md"]
    assert '<span class="briefing-dateline">SEOUL, July 6 (Reuters) -</span> ' in page
    assert "dateline: SEOUL, July 6 (Reuters) -" in page or 'dateline: "SEOUL, July 6 (Reuters) -"' in page
