"""How links travel: OpenGraph and Twitter tags, share cards, the oEmbed
answer and the embed's headline."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from timeline import cards
from timeline.models import Event

TAG = re.compile(r'<meta (?:property|name)="(?P<key>(?:og|twitter):[^"]+)" content="(?P<value>[^"]*)">')
REQUIRED = (
    "og:type",
    "og:title",
    "og:description",
    "og:url",
    "og:image",
    "og:image:alt",
    "twitter:card",
    "twitter:image",
    "twitter:image:alt",
)


def tags_of(html: str) -> dict[str, str]:
    return {m["key"]: unescape(m["value"]) for m in TAG.finditer(html)}


def fetched_png(client, url: str):
    parts = urlsplit(url)
    response = client.get(parts.path, parse_qs(parts.query))
    assert response.status_code == 200, url
    assert response["Content-Type"] == "image/png"
    return response, Image.open(io.BytesIO(response.content))


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/", "Russia was first to shoot a feature film in orbit and bring its crew home"),
        ("/race/?as_of=2021-10-06", "Russia was first to launch a film crew to orbit"),
        ("/events/soyuz-ms-19-launch/", "Soyuz MS-19 lifts off with the film crew"),
    ],
)
def test_og_tags_validate_and_the_image_is_a_1200_by_630_png(client, seeded, path, title):
    html = client.get(path).content.decode()
    tags = tags_of(html)
    assert set(REQUIRED) <= tags.keys()
    assert all(tags[key] for key in REQUIRED)
    assert tags["og:title"] == title
    assert tags["twitter:card"] == "summary_large_image"
    for key in ("og:url", "og:image", "twitter:image"):
        assert tags[key].startswith("http://testserver/"), (key, tags[key])
    assert f'<link rel="canonical" href="{tags["og:url"]}">' in html
    assert urlsplit(tags["og:url"]).path == urlsplit(path).path
    _, image = fetched_png(client, tags["og:image"])
    assert image.size == (1200, 630)
    assert image.format == "PNG"
    assert tags["og:image:alt"].startswith(f"Share card: {title}.")


def test_the_race_as_of_a_day_shares_that_day(client, seeded):
    tags = tags_of(client.get("/?as_of=2020-01-01").content.decode())
    assert tags["og:title"] == "Neither side has launched a film crew to orbit"
    assert tags["og:url"] == "http://testserver/?as_of=2020-01-01"
    assert "as_of=2020-01-01" in tags["og:image"]


def test_every_page_has_share_tags_even_a_404(client, seeded):
    html = client.get("/no-such-page/").content.decode()
    tags = tags_of(html)
    assert tags["og:url"] == "http://testserver/no-such-page/"
    assert tags["og:image"] == "http://testserver/card.png"


def test_a_card_at_its_version_is_cached_for_a_year_and_changes_address_with_the_data(client, seeded):
    image = tags_of(client.get("/").content.decode())["og:image"]
    response, _ = fetched_png(client, image)
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    unversioned = client.get("/card.png")
    assert "immutable" not in unversioned["Cache-Control"]
    assert "no-cache" in unversioned["Cache-Control"]
    event = Event.objects.get(slug="cruise-space-film-shelved")
    event.title = "Report says the Cruise space film is off"
    event.save()
    assert tags_of(client.get("/").content.decode())["og:image"] != image
    assert "immutable" not in client.get(urlsplit(image).path + "?" + urlsplit(image).query)["Cache-Control"]


def test_cards_show_the_headline_and_refuse_bad_input(client, seeded):
    assert client.get("/race/card.png", {"as_of": "2021-13-01"}).status_code == 400
    assert client.get("/events/no-such-event/card.png").status_code == 404
    Event.objects.filter(slug="soyuz-ms-19-launch").update(published=False)
    assert client.get("/events/soyuz-ms-19-launch/card.png").status_code == 404


def test_a_card_draws_without_the_bundled_font(monkeypatch):
    monkeypatch.setattr(cards, "REGULAR", cards.FONTS / "missing.ttf")
    monkeypatch.setattr(cards, "BOLD", cards.FONTS / "missing-bold.ttf")
    cards._font.cache_clear()
    try:
        card = cards.Card("Headline", (cards.CardSide("Russia", "#b3261e", (("Launch", "5 Oct 2021"),)),))
        assert Image.open(io.BytesIO(cards.draw_card(card))).size == (1200, 630)
    finally:
        cards._font.cache_clear()


def test_the_bundled_font_is_there_with_its_licence():
    assert cards.REGULAR.is_file()
    assert cards.BOLD.is_file()
    assert "Bitstream Vera" in (cards.FONTS / "LICENSE-DejaVu.txt").read_text()


# --- copy link and share -----------------------------------------------------------


def test_pages_offer_their_link_to_copy_and_share(client, seeded):
    for path, field in (("/", "share-url"), ("/race/", "share-url-race"), ("/events/soyuz-ms-19-launch/", None)):
        html = client.get(path).content.decode()
        field = field or "share-url-event"
        assert f'<button type="button" data-copy="{field}" hidden>Copy link</button>' in html
        assert "data-share " in html
        assert f'id="{field}" type="url" readonly value="http://testserver/' in html


# --- oEmbed --------------------------------------------------------------------------


def test_pages_name_their_oembed_answer(client, seeded):
    html = client.get("/events/soyuz-ms-19-launch/").content.decode()
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html)
    answer = client.get(unescape(link[1]).replace("http://testserver", ""))
    assert answer.status_code == 200
    assert answer.json()["type"] == "rich"


def test_oembed_answers_with_an_iframe_of_the_embed(client, seeded):
    answer = client.get("/oembed", {"url": "http://testserver/?side=russia&kind=launch"}).json()
    assert answer["version"] == "1.0"
    assert answer["type"] == "rich"
    assert answer["provider_name"] == "Space Film Race"
    assert answer["title"] == "Russia was first to shoot a feature film in orbit and bring its crew home"
    assert 'src="http://testserver/embed/?side=russia&amp;kind=launch"' in answer["html"]
    assert (answer["width"], answer["height"]) == (800, 532)
    assert answer["thumbnail_width"] == 1200


def test_oembed_without_a_url_answers_for_the_timeline(client, seeded):
    answer = client.get("/oembed").json()
    assert 'src="http://testserver/embed/"' in answer["html"]


def test_oembed_keeps_within_maxwidth_and_maxheight(client, seeded):
    answer = client.get("/oembed", {"url": "http://testserver/race/", "maxwidth": "400", "maxheight": "300"}).json()
    assert (answer["width"], answer["height"]) == (400, 300)
    assert 'width="400" height="300"' in answer["html"]
    assert "thumbnail_url" not in answer  # the card is wider than allowed


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"url": "https://elsewhere.example/"}, 404),
        ({"url": "http://testserver/admin/"}, 404),
        ({"url": "http://testserver/events/no-such-event/"}, 404),
        ({"url": "javascript:alert(1)"}, 404),
        ({"url": "http://[::1"}, 404),
        ({"url": "http://testserver/", "format": "xml"}, 501),
        ({"url": "http://testserver/", "maxwidth": "wide"}, 400),
        ({"url": "http://testserver/", "maxheight": "0"}, 400),
        ({"url": "http://testserver/", "format": "csv"}, 400),
        ({"url": "http://testserver/", "maxwidth": "²"}, 400),
    ],
)
def test_oembed_refuses_what_it_cannot_answer(client, seeded, params, status):
    response = client.get("/oembed", params)
    assert response.status_code == status
    assert json.loads(response.content)["error"]


# --- the embed -------------------------------------------------------------------------


def test_the_embed_shows_the_headline_and_links_back(client, seeded):
    html = client.get("/embed/", {"side": "russia"}).content.decode()
    headline = html.split('<h1 class="embed-headline">')[1].split("</h1>")[0]
    assert '<a href="/?side=russia" target="_blank" rel="noopener">' in headline
    assert "Russia was first to shoot a feature film in orbit and bring its crew home</a>" in headline
