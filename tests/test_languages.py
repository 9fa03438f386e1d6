"""The site in two languages: English at /, Russian under /ru/, each page
linked to its twin in the other language with its view kept."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from timeline.languages import language_versions, path_in

from .conftest import html_of, make_event


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"[^>]*>', html))


def switch_link(html: str) -> tuple[str, str]:
    nav = re.search(r'<nav class="language-switch"[^>]*>(.*?)</nav>', html, re.S).group(1)
    href, code = re.search(r'<a href="([^"]+)" hreflang="([^"]+)"', nav).groups()
    return href.replace("&amp;", "&"), code


def test_russian_pages_answer_under_ru_in_russian(client, seeded):
    response = client.get("/ru/")
    assert response.status_code == 200
    assert '<html lang="ru">' in html_of(response)
    assert response["Content-Language"] == "ru"


def test_english_stays_at_the_root_whatever_the_browser_asks_for(client, seeded):
    response = client.get("/", headers={"accept-language": "ru-RU,ru;q=0.9"})
    assert response.status_code == 200
    assert '<html lang="en">' in html_of(response)
    assert response["Content-Language"] == "en"


def test_admin_health_and_media_have_no_russian_address(client, db):
    assert client.get("/healthz").status_code == 200
    assert client.get("/ru/healthz").status_code == 404
    assert client.get("/ru/admin/").status_code == 404


@pytest.mark.parametrize(
    ("path", "russian"),
    [
        ("/", "/ru/"),
        ("/?side=russia&kind=launch&q=Peresild", "/ru/?side=russia&kind=launch&q=Peresild"),
        ("/race/?as_of=2021-10-17", "/ru/race/?as_of=2021-10-17"),
        (
            "/?from=2021-10-01&to=2021-10-31&event=soyuz-ms-19-launch",
            "/ru/?from=2021-10-01&to=2021-10-31&event=soyuz-ms-19-launch",
        ),
        ("/events/soyuz-ms-19-launch/?side=russia", "/ru/events/soyuz-ms-19-launch/?side=russia"),
        ("/embed/?side=russia", "/ru/embed/?side=russia"),
    ],
)
def test_the_switch_keeps_the_view_both_ways(path, russian):
    assert path_in(path, "ru") == russian
    with translation.override("ru"):
        assert path_in(russian, "en") == path


def test_a_page_that_is_not_there_links_each_home():
    versions = {v.code: v.url for v in language_versions("/nowhere/", "en")}
    assert versions == {"en": "/", "ru": "/ru/"}


def test_the_switch_on_the_page_keeps_filters_and_event(client, seeded):
    query = "side=russia&kind=launch&q=Peresild"
    html = html_of(client.get(f"/?{query}"))
    assert switch_link(html) == (f"/ru/?{query}", "ru")
    html = html_of(client.get(f"/ru/?{query}"))
    assert switch_link(html) == (f"/?{query}", "en")


def test_the_switch_on_the_race_keeps_the_day(client, seeded):
    html = html_of(client.get("/race/?as_of=2021-10-17"))
    assert switch_link(html) == ("/ru/race/?as_of=2021-10-17", "ru")


def test_every_page_names_its_twins_with_hreflang(client, seeded):
    event = make_event(seeded_side(), slug="twin-test")
    html = html_of(client.get(f"/ru{event.get_absolute_url()}"))
    assert alternates(html) == {
        "en": "http://testserver/events/twin-test/",
        "ru": "http://testserver/ru/events/twin-test/",
        "x-default": "http://testserver/events/twin-test/",
    }


def seeded_side():
    from timeline.models import Effort

    return Effort.objects.get(slug="russia")


def test_reverse_follows_the_language():
    with translation.override("ru"):
        assert reverse("timeline:race") == "/ru/race/"
    assert reverse("timeline:race") == "/race/"


def test_english_and_russian_pages_are_never_stored_as_one(client, seeded):
    """The page cache keys on the full path: / and /ru/ are stored apart,
    in whatever order they are first asked for."""
    for first, second in (("/", "/ru/"), ("/ru/race/", "/race/")):
        client.get(first)
        html = html_of(client.get(second))
        lang = "ru" if second.startswith("/ru/") else "en"
        assert f'<html lang="{lang}">' in html
        assert html_of(client.get(first)).count(f'<html lang="{"en" if lang == "ru" else "ru"}">') == 1
        assert client.get(first)["ETag"] != client.get(second)["ETag"]


def test_russian_pages_show_the_russian_texts(client, seeded):
    """The list, the chart, the race and the event page read the Russian
    texts on /ru/ (the interface words around them are translated later)."""
    timeline = html_of(client.get("/ru/"))
    assert "«Союз МС-19» стартовал со съёмочной группой" in timeline
    assert "Soyuz MS-19 lifts off with the film crew" not in timeline
    event = html_of(client.get("/ru/events/soyuz-ms-19-launch/"))
    assert "Антон Шкаплеров (командир)" in event
    assert "5 октября 2021" in event
    race = client.get("/ru/race/?as_of=2021-10-17")
    assert race.status_code == 200
    english = html_of(client.get("/"))
    assert "Soyuz MS-19 lifts off with the film crew" in english
    assert "«Союз МС-19»" not in english
