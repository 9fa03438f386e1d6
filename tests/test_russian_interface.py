"""The Russian edition's interface: the templates' words in Russian on /ru/,
Russian plural forms in the counts, the right `lang` on the page and on any
text that fell back to English, and the scripts' words handed over in the
page's language (Plotly's locale included)."""

import html as html_lib
import json
import re

import pytest
from django.utils import translation

from timeline.models import Event

from .conftest import html_of, make_event

# Interface phrases of the templates: none is left in English on /ru/...
ENGLISH_INTERFACE = [
    "Skip to content",
    "Filters:",
    "Show events",
    "Clear filters",
    "Events, year by year",
    "Take this data with you",
    "Embed this chart on your site",
    "Show the race as it stood on",
    "The race to film in orbit",
    "Every event is sourced",
    "Atom feed of new and updated events",
    "Chart of the timeline",
    "Skip the chart to the list of events",
    "Event details",
    "All 34 events",
]
# ...where the Russian stands instead.
RUSSIAN_INTERFACE = [
    "К основному содержанию",
    "Фильтры:",
    "Показать события",
    "Сбросить фильтры",
    "События по годам",
    "Скачать эти данные",
    "Встроить этот график на свой сайт",
    "Показать гонку на дату",
    "Гонка за первый фильм на орбите",
    "У каждого события есть источник",
    "Atom-лента новых и обновлённых событий",
    "График хроники",
    "Пропустить график и перейти к списку событий",
    "Подробности события",
    "Всего 34 события",
]


def interface_text(html: str) -> str:
    """The page's words and attribute texts, without the content the
    database brings (titles, summaries, names) or the JSON islands."""
    html = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S)
    for event in Event.objects.all():
        for field in ("title", "summary", "place", "people", "notes", "label"):
            for language in ("en", "ru"):
                value = getattr(event, f"{field}_{language}", "") or ""
                if value:
                    html = html.replace(html_lib.escape(value, quote=False), " ")
    attributes = " ".join(re.findall(r'(?:aria-label|title|alt|content|placeholder)="([^"]*)"', html))
    text = re.sub(r"<[^>]+>", " ", html) + " " + attributes
    return " ".join(html_lib.unescape(text).split())


def test_the_russian_timeline_has_no_english_interface_words(client, seeded):
    text = interface_text(html_of(client.get("/ru/")))
    left = [phrase for phrase in ENGLISH_INTERFACE if phrase in text]
    assert not left, f"English interface words on /ru/: {left}"
    missing = [phrase for phrase in RUSSIAN_INTERFACE if phrase not in text]
    assert not missing, f"Russian interface words missing on /ru/: {missing}"


def test_the_english_timeline_keeps_its_words(client, seeded):
    text = interface_text(html_of(client.get("/")))
    assert all(phrase in text for phrase in ENGLISH_INTERFACE)
    assert not any(phrase in text for phrase in RUSSIAN_INTERFACE)


@pytest.mark.parametrize(
    ("path", "english", "russian"),
    [
        (
            "/ru/race/",
            ["Who got there first", "Verdict", "Jump to a day", "Show the race as it stood on"],
            ["Кто успел первым", "Этап"],
        ),
        ("/ru/events/soyuz-ms-19-launch/", ["Sources", "Previous", "Keys:", "Link to this event"], ["Источники"]),
        ("/ru/embed/", ["the full timeline", "sources and the race"], ["Космическая киногонка: вся хроника"]),
        ("/ru/events/no-such-event/", ["Page not found", "Back to the timeline"], ["Страница не найдена"]),
    ],
)
def test_other_russian_pages_speak_russian(client, seeded, path, english, russian):
    html = html_of(client.get(path))
    assert '<html lang="ru">' in html
    text = interface_text(html)
    assert not [phrase for phrase in english if phrase in text]
    assert all(phrase in text for phrase in russian)


@pytest.mark.parametrize(
    ("n", "all_events", "of_total", "verb"),
    [
        (1, "Всего 1 событие", "1 из 1 события", "подходит"),
        (2, "Всего 2 события", "2 из 2 событий", "подходят"),
        (5, "Всего 5 событий", "5 из 5 событий", "подходят"),
        (11, "Всего 11 событий", "11 из 11 событий", "подходят"),
        (21, "Всего 21 событие", "21 из 21 события", "подходит"),
        (22, "Всего 22 события", "22 из 22 событий", "подходят"),
    ],
)
def test_counts_take_russian_plural_forms(n, all_events, of_total, verb):
    """Russian has three forms (1 событие, 2 события, 5 событий, 21 событие):
    the catalogue's Plural-Forms and each form of the counts' messages."""
    with translation.override("ru"):
        assert translation.ngettext("All %(counter)s event", "All %(counter)s events", n) % {"counter": n} == all_events
        of = translation.ngettext("%(shown)s of %(counter)s event", "%(shown)s of %(counter)s events", n)
        assert of % {"shown": n, "counter": n} == of_total
        match = translation.ngettext("matches these filters", "match these filters", n)
        assert match == f"{verb} под эти фильтры"
        assert translation.ngettext("%(counter)s event", "%(counter)s events", n) % {"counter": n} == all_events[6:]


def test_the_filtered_count_agrees_in_russian(client, seeded):
    html = html_of(client.get("/ru/?side=russia&kind=launch"))
    counts = " ".join(re.sub(r"<[^>]+>", " ", re.search(r'<p class="counts".*?</p>', html, re.S).group(0)).split())
    assert counts.startswith("1 из 34 событий подходит под эти фильтры")
    html = html_of(client.get("/ru/?side=russia"))
    counts = " ".join(re.sub(r"<[^>]+>", " ", re.search(r'<p class="counts".*?</p>', html, re.S).group(0)).split())
    assert counts.startswith("21 из 34 событий подходит под эти фильтры")


def test_english_counts_are_unchanged(client, seeded):
    html = html_of(client.get("/?side=russia&kind=launch"))
    assert "1 of 34 events matches these filters" in " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_text_without_its_russian_is_marked_english(client, russia):
    event = make_event(russia, slug="only-in-english", title="Only in English", summary="An English summary.")
    assert event.title_ru in (None, "")
    html = html_of(client.get("/ru/events/only-in-english/"))
    assert '<html lang="ru">' in html
    assert re.search(r'<h1 id="event-title"[^>]*\blang="en"[^>]*>Only in English</h1>', html)
    assert '<p class="summary" lang="en">An English summary.</p>' in html
    # This side has no Russian name either; the seed's sides have theirs.
    assert '<span class="side" lang="en">' in html
    listing = html_of(client.get("/ru/"))
    assert re.search(r'<a class="event-link"[^>]*\blang="en"[^>]*>Only in English</a>', listing)
    # On the English page nothing is marked.
    assert 'lang="en">Only in English' not in html_of(client.get("/events/only-in-english/"))


def page_messages(html: str) -> dict:
    return json.loads(re.search(r'<script id="page-messages" type="application/json">(.*?)</script>', html).group(1))


def test_translated_texts_are_not_marked(client, seeded):
    html = html_of(client.get("/ru/events/soyuz-ms-19-launch/"))
    assert not re.search(r'<(?!html|a |link)[^>]*\blang="en"', html)


def test_the_scripts_words_come_in_the_pages_language(client, seeded):
    russian = page_messages(html_of(client.get("/ru/")))
    assert russian["language"] == "ru"
    assert russian["copied"] == "Скопировано"
    assert russian["chart_all"] == "На графике — вся гонка."
    assert russian["chart_span"] == "с %(from)s по %(to)s"
    locale = russian["plotly"]
    assert locale["moduleType"] == "locale"
    assert locale["name"] == "ru"
    assert locale["dictionary"]["Reset axes"] == "Сбросить оси"
    assert locale["format"]["months"][9] == "октябрь"
    assert locale["format"]["shortMonths"][9] == "окт"
    assert locale["format"]["days"][0] == "Воскресенье"
    english = page_messages(html_of(client.get("/")))
    assert english["copied"] == "Copied"
    assert english["date_locale"] == "en-GB"
    assert "plotly" not in english  # Plotly's own English
    assert page_messages(html_of(client.get("/ru/embed/")))["plotly"]["name"] == "ru"


def test_the_switch_and_alternates_carry_each_languages_prefix(client, seeded):
    html = html_of(client.get("/ru/race/?as_of=2021-10-17"))
    assert re.search(r'<nav class="language-switch"[^>]*data-prefix="/ru"', html)
    assert re.search(r'<a href="/race/\?as_of=2021-10-17" hreflang="en" lang="en" data-language-prefix="">', html)
    assert 'hreflang="ru" href="http://testserver/ru/race/?as_of=2021-10-17" data-language-prefix="/ru"' in html
    english = html_of(client.get("/"))
    assert re.search(r'<nav class="language-switch"[^>]*data-prefix=""', english)
