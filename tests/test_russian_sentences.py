"""The interface's own words in Russian: the race's sentences, the chart's
words, the filters' messages, and the feed, the calendar and the share
cards at their /ru/ addresses.  English stays as it was (test_race,
test_statements, test_feeds, test_exports, test_sharing)."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.utils import translation
from PIL import Image, ImageChops

from timeline import cards, charts, sharing, standings
from timeline.filters import TimelineFilter
from timeline.gaps import Window, gap_between
from timeline.race import Cell, CellState, RaceSide, verdict
from timeline.race.inputs import RaceEvent
from timeline.race.verdicts import entry

from .conftest import chart_of, html_of
from .test_statements import NOW, SEED_DAYS, TODAY

ATOM = "{http://www.w3.org/2005/Atom}"
RU, US = RaceSide("russia", "Россия", order=1), RaceSide("united-states", "США", order=2)

# Latin letters a Russian sentence may hold: the time zone and the names
# Russian sources write in Latin script (they come from the content).
LATIN = re.compile(r"[A-Za-z]+")
PROPER_NAMES = {"UTC", "Axiom", "Space", "Universal", "SpaceX", "Crew", "Dragon"}


def english_words(text: str) -> set[str]:
    return {word for word in LATIN.findall(text) if word not in PROPER_NAMES}


def russian_race(day: str):
    with translation.override("ru"):
        context = standings.race_context(dt.date.fromisoformat(day), today=TODAY, now=NOW, lede=True)
        return context["race_lede"], context["race"]


# --- the race, day by day -----------------------------------------------------------------


@pytest.mark.parametrize("day", list(SEED_DAYS))
def test_the_race_speaks_russian_every_day_of_the_seed(seeded, day):
    lede, result = russian_race(day)
    said = [lede.headline, lede.standfirst, result.summary.text, result.summary.finish_text]
    said += [m.text for side in lede.sides for m in side.milestones] + [side.status for side in lede.sides]
    for milestone in result.milestones:
        said += [milestone.label, milestone.verdict.text, milestone.verdict.detail]
        # Who published a plan is quoted as published: the rest of the cell is ours.
        said += [cell.text.replace(cell.planned_by, "") + cell.more_text for cell in milestone.cells]
    said += [row.label for row in result.figures]
    said += [text for row in result.figures for figure in row.figures for text in (figure.value, figure.detail)]
    for text in said:
        assert not english_words(text), (day, text)


def test_the_race_reads_right_in_russian_before_the_flight(seeded):
    lede, result = russian_race("2020-05-05")
    assert lede.headline == "Ни одна из сторон ещё не отправила съёмочную группу на орбиту"
    assert lede.standfirst == "Россия: запуска пока не было. США: запуска пока не было."
    cells = {(m.kind, c.side.slug): c.text for m in result.milestones for c in m.cells}
    assert cells[("announcement", "united-states")] == "4 мая 2020"
    assert cells[("launch", "russia")] == "пока нет"


def test_the_race_reads_right_in_russian_with_the_crew_in_orbit(seeded):
    lede, result = russian_race("2021-10-06")
    assert lede.headline == "Россия первой отправила съёмочную группу на орбиту"
    assert lede.standfirst.startswith(
        "Россия: экипаж стартовал 5 октября 2021 и на 6 октября 2021 находился на орбите. "
    )
    assert "США: запуска пока не было; последнее сообщение — " in lede.standfirst
    milestones = {m.kind: m for m in result.milestones}
    assert milestones["announcement"].verdict.text == "впереди США — на 4 месяца"
    assert milestones["announcement"].verdict.detail == "141 день"
    assert milestones["launch"].verdict.text == "пока только Россия"
    us_launch = next(c for c in milestones["launch"].cells if c.side.slug == "united-states")
    assert us_launch.text == "планировалось на окт. 2021, отменено"
    assert "; отменено: Axiom Space via SpaceNews, 26 января 2021: «" in us_launch.planned_by


def test_the_race_reads_right_in_russian_once_the_crew_is_home(seeded):
    lede, result = russian_race("2021-10-17")
    assert lede.headline == "Россия первой сняла художественный фильм на орбите и вернула экипаж на Землю"
    assert lede.standfirst.startswith(
        "Россия: экипаж стартовал 5 октября 2021, провёл на орбите 11 дней 19 ч 40 мин и приземлился 17 октября 2021."
    )
    figures = {row.key: row for row in result.figures}
    assert figures["in_orbit"].label == "На орбите"
    assert figures["in_orbit"].figures[0].value == "11 дней 19 ч 40 мин"
    assert result.summary.finish_text == (
        "Первенство на всём пути (фильм снят на орбите, экипаж вернулся на Землю): Россия, 17 октября 2021."
    )


def test_the_same_race_stays_english_at_english_addresses(seeded):
    with translation.override("en"):
        lede = standings.race_context(dt.date(2021, 10, 17), today=TODAY, now=NOW, lede=True)["race_lede"]
    assert lede.headline == "Russia was first to shoot a feature film in orbit and bring its crew home"


# --- plural forms and cases in the race's words -------------------------------------------


def _day(day: int) -> RaceEvent:
    return RaceEvent(f"e{day}", "x", "launch", "t", dt.datetime(2021, 10, day, tzinfo=dt.UTC))


@pytest.mark.parametrize(
    ("days", "said"),
    [(1, "впереди Россия — на 1 день"), (2, "впереди Россия — на 2 дня"), (5, "впереди Россия — на 5 дней")],
)
def test_a_lead_in_days_has_its_plural_form(days, said):
    with translation.override("ru"):
        found = verdict([entry(RU, _day(1)), entry(US, _day(1 + days))])
    assert found.text == said


def test_a_lead_of_a_day_against_a_time_is_a_range_of_hours():
    lead = Window.of(dt.datetime(2021, 10, 5, tzinfo=dt.UTC), "day")
    other = Window.of(dt.datetime(2021, 10, 6, 1, 0, tzinfo=dt.UTC), "minute")
    with translation.override("ru"):
        assert gap_between(lead, other).words() == "от 1 до 25 часов"
        minute = RaceEvent("m", "x", "launch", "t", dt.datetime(2021, 10, 6, 1, 0, tzinfo=dt.UTC), "minute")
        assert verdict([entry(RU, _day(5)), entry(US, minute)]).text == "впереди Россия — на 1–25 часов"


def test_a_flight_length_and_the_notes_not_shown_have_their_plural_forms():
    with translation.override("ru"):
        assert charts.hover.count_text(
            charts.ChartLane("ru", "Россия", "#b3261e"), {"Запуск": 1, "Премьера": 4}, "окт. 2021"
        ) == ("Россия<br>окт. 2021: 5 событий<br>Премьера 4, Запуск 1<br>Нажмите, чтобы показать их по отдельности")
        more = [Cell(RU, CellState.PLANNED, "", more=n).more_text for n in (1, 2, 5, 21)]
        assert more == [
            "и ещё 1 запланированное событие",
            "и ещё 2 запланированных события",
            "и ещё 5 запланированных событий",
            "и ещё 21 запланированное событие",
        ]
        kinds = [TimelineFilter(kinds=("launch",) * n).describe({}) for n in (1, 2, 5)]
        assert kinds == ["1 вид", "2 вида", "5 видов"]
        assert TimelineFilter(date_from=dt.date(2021, 1, 1)).describe({}) == "с 1 января 2021"


# --- pages, feed, calendar, cards at /ru/ ----------------------------------------------


def test_a_bad_filter_on_a_russian_page_is_refused_in_russian(client, seeded):
    response = client.get("/ru/", {"from": "garbage"})
    assert response.status_code == 400
    html = html_of(response)
    assert "Введите дату в формате ГГГГ-ММ-ДД (например, 2021-10-05)." in html
    assert "Enter a date as" not in html
    english = client.get("/", {"from": "garbage"})
    assert english.status_code == 400
    assert "Enter a date as YYYY-MM-DD (for example 2021-10-05)." in html_of(english)


def test_a_bad_filter_on_a_russian_export_is_refused_in_russian(client, seeded):
    response = client.get("/ru/export/events.csv", {"from": "2021-10-05", "to": "2021-01-01"})
    assert response.status_code == 400
    assert response.content.decode() == "Неверный фильтр.\nfilter: Дата «С» не может быть позже даты «По».\n"


def test_the_russian_timeline_page_shares_and_draws_in_russian(client, seeded):
    html = html_of(client.get("/ru/"))
    figure = chart_of(html)
    assert [button["label"] for button in figure["ranges"]][:2] == ["Всё", "2020"]
    assert "окт. 2021" in [button["label"] for button in figure["ranges"]]
    key = html.split('<div class="chart-key">')[1].split("</div>")[0]
    assert '<p class="chart-key-title" id="chart-key-title">Обозначения</p>' in key
    assert "Запуск" in key
    assert "Approximate" not in key
    hovers = " ".join(str(value) for trace in figure["data"] for value in trace.get("customdata") or [])
    assert "Россия · Запуск" in hovers
    assert 'property="og:description" content="Россия: экипаж стартовал 5 октября 2021' in html


def test_the_russian_feed_is_in_russian(client, seeded):
    response = client.get("/ru/feed/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert root.findtext(f"{ATOM}title") == "Космическая киногонка: новые и обновлённые события"
    entries = root.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert any(title.startswith("Россия: ") for title in titles)
    assert all(e.find(f"{ATOM}link").get("href").startswith("http://testserver/ru/events/") for e in entries)
    assert any("Источники:" in (e.findtext(f"{ATOM}summary") or "") for e in entries)
    english = ET.fromstring(client.get("/feed/").content)
    assert english.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert english.findtext(f"{ATOM}title") == "Space Film Race: new and updated events"


def test_the_russian_calendar_is_in_russian(client, seeded):
    response = client.get("/ru/export/events.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert "Время — UTC." in str(calendar["description"])
    events = calendar.walk("VEVENT")
    summaries = [str(event["summary"]) for event in events]
    assert any(summary.startswith("Россия: ") for summary in summaries)
    assert all("Russia: " not in summary for summary in summaries)
    descriptions = " ".join(str(event["description"]) for event in events)
    assert "Когда: " in descriptions
    assert "When: " not in descriptions
    assert all(str(event["url"]).startswith("http://testserver/ru/events/") for event in events)


def _card(client, url: str) -> Image.Image:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    return Image.open(io.BytesIO(response.content)).convert("RGB")


@pytest.mark.parametrize("path", ["card.png", "race/card.png?as_of=2021-10-06", "events/soyuz-ms-19-launch/card.png"])
def test_the_russian_share_cards_are_drawn_in_russian(client, seeded, path):
    english, russian = _card(client, f"/{path}"), _card(client, f"/ru/{path}")
    assert russian.size == english.size == (1200, 630)
    assert ImageChops.difference(english, russian).getbbox() is not None


def test_a_card_draws_cyrillic_with_the_bundled_font():
    """Each Cyrillic letter is drawn (DejaVu has them), not the missing-glyph box."""
    font = cards._font(True, 50)
    assert font.getmask("Ж").getbbox() != font.getmask("\ufffe").getbbox()
    side = cards.CardSide("Россия", "#b3261e", (("Запуск", "5 октября 2021"), ("Съёмки", "«Вызов»")))
    drawn = cards.draw_card(
        cards.Card("Россия первой сняла художественный фильм на орбите", (side,), "На 6 октября 2021")
    )
    assert Image.open(io.BytesIO(drawn)).size == (1200, 630)


def test_the_card_of_a_russian_lede_and_its_words_for_screen_readers(seeded):
    lede, _ = russian_race("2021-10-06")
    with translation.override("ru"):
        card = sharing.lede_card(lede, sharing.as_of_kicker("6 октября 2021"))
        alt = sharing.card_alt(card)
    assert card.kicker == "На 6 октября 2021"
    assert alt.startswith(
        "Карточка для соцсетей: Россия первой отправила съёмочную группу на орбиту. На 6 октября 2021."
    )
    assert "Россия: Объявление: 22 сентября 2020; Запуск: 5 октября 2021;" in alt
    assert dict(card.sides[0].lines)["Запуск"] == "5 октября 2021"
    assert "Последнее" in dict(card.sides[1].lines)


def test_the_russian_embed_and_race_page_speak_russian(client, seeded):
    embed = html_of(client.get("/ru/embed/"))
    assert "Россия первой сняла художественный фильм на орбите и вернула экипаж на Землю" in embed
    assert "No events match" not in embed
    race = html_of(client.get("/ru/race/", {"as_of": "2021-10-06"}))
    assert "впереди США — на 4 месяца" in race
    assert "День статьи, 6 октября 2021" in race
    assert "Первый запуск, 5 октября 2021" in race
    assert "Первенство по этапам (всего этапов: 9)" in race


def test_a_card_draws_a_name_of_nothing_but_white_space():
    side = cards.CardSide("\u2028\u2029 ", "#b3261e", (("\u2028", "\u2029"),))
    drawn = cards.draw_card(cards.Card("\u2028", (side,), "\u2029"))
    assert Image.open(io.BytesIO(drawn)).size == (1200, 630)
