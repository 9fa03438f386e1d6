"""The lede on `/`: the race at a glance, written from the record as of the
chosen day, never by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import race, standings
from timeline.models import Event

from .conftest import make_event, utc

TODAY = dt.date(2026, 12, 1)
RU = race.RaceSide("russia", "Russia", order=1)
US = race.RaceSide("united-states", "United States", order=2)


def lede_on(day: dt.date) -> race.Lede:
    return standings.race_context(day, today=TODAY, lede=True)["race_lede"]


@pytest.mark.parametrize(
    ("day", "headline", "in_standfirst"),
    [
        (dt.date(2020, 1, 1), "Neither side has launched a film crew to orbit", "Russia has not launched."),
        (
            dt.date(2021, 6, 1),
            "Neither side has launched a film crew to orbit",
            "Russia has not launched (planned: 5 Oct 2021).",
        ),
        (
            dt.date(2021, 10, 6),
            "Russia was first to launch a film crew to orbit",
            "Russia’s crew launched on 5 Oct 2021 and was in orbit as of 6 Oct 2021.",
        ),
        (
            dt.date(2021, 10, 17),
            "Russia was first to shoot a feature film in orbit and bring its crew home",
            "spent 11 days 19 h 40 min in orbit, landing on 17 Oct 2021.",
        ),
        (
            dt.date(2026, 1, 5),
            "Russia was first to shoot a feature film in orbit and bring its crew home",
            "United States has not launched; its latest status update: "
            "Report says Cruise's space film has been shelved (11 Dec 2025, unconfirmed).",
        ),
    ],
)
def test_the_lede_follows_the_day(seeded, day, headline, in_standfirst):
    lede = lede_on(day)
    assert lede.headline == headline
    assert in_standfirst in lede.standfirst


def test_in_2026_the_us_film_does_not_read_as_still_coming(seeded):
    lede = lede_on(dt.date(2026, 1, 5))
    words = f"{lede.headline} {lede.standfirst}".lower()
    assert "so far" not in words
    assert " yet" not in words
    assert "still" not in words
    us = next(side for side in lede.sides if side.side.slug == "united-states")
    assert us.status == "Report says Cruise's space film has been shelved (11 Dec 2025, unconfirmed)"
    assert dict((m.kind, m.text) for m in us.milestones)["launch"] == "planned Oct 2021, cancelled"


def test_the_key_milestones_sit_side_by_side(seeded):
    sides = {side.side.slug: side for side in lede_on(dt.date(2023, 5, 1)).sides}
    assert [m.kind for m in sides["russia"].milestones] == list(race.KEY_MILESTONES)
    russia = {m.kind: m for m in sides["russia"].milestones}
    assert (russia["launch"].text, russia["launch"].slug) == ("5 Oct 2021", "soyuz-ms-19-launch")
    assert russia["return"].text == "17 Oct 2021"
    assert russia["premiere"].reached
    assert dict((m.kind, m.text) for m in sides["united-states"].milestones)["announcement"] == "4 May 2020"
    assert sides["russia"].status == ""  # a side that flew is told by its milestones
    lede = lede_on(dt.date(2023, 5, 1))
    launch = next(row for row in lede.rows if row.kind == "launch")
    assert [cell.text for cell in launch.cells] == ["5 Oct 2021", "planned Oct 2021, cancelled"]


def test_a_new_event_changes_the_lede(seeded):
    before = lede_on(dt.date(2026, 6, 1))
    make_event(
        Event.objects.get(effort__slug="united-states", slug="cruise-space-film-shelved").effort,
        slug="cruise-film-revived",
        title="Studio says the Cruise space film is back on",
        kind=Event.Kind.STATUS_UPDATE,
        status=Event.Status.HAPPENED,
        start=utc(2026, 3, 2),
    )
    after = lede_on(dt.date(2026, 6, 1))
    assert "shelved" in before.standfirst
    assert "Studio says the Cruise space film is back on (2 Mar 2026, confirmed)" in after.standfirst
    assert "shelved" in lede_on(dt.date(2026, 3, 1)).standfirst  # not known the day before


def test_a_second_launch_puts_the_gap_in_the_headline():
    events = [
        race.RaceEvent("ru-launch", "russia", "launch", "Soyuz", utc(2021, 10, 5, 8, 55), "minute"),
        race.RaceEvent("us-launch", "united-states", "launch", "Dragon", utc(2022, 2, 5), "day"),
    ]
    lede = race.race_lede(race.race_compare([RU, US], events, dt.date(2022, 3, 1)))
    assert lede.headline.startswith("Russia was first to launch a film crew to orbit, by ")
    assert "United States’s crew launched on 5 Feb 2022" in lede.standfirst


def test_the_lede_is_on_the_first_screen_of_the_page(client, seeded):
    html = client.get("/?as_of=2021-10-06").content.decode()
    lede = html.split('id="race-lede"')[1].split("</section>\n{% endpartialdef")[0]
    assert html.index('id="race-lede"') < html.index('id="filters"')
    assert "Russia was first to launch a film crew to orbit" in lede
    assert 'hx-get="/events/soyuz-ms-19-launch/"' in lede


def test_the_race_date_refreshes_the_lede_out_of_band(client, seeded):
    response = client.get(
        "/?as_of=2020-01-01", headers={"HX-Request": "true", "HX-Target": "race-table", "HX-Trigger": "as-of"}
    )
    html = response.content.decode()
    assert '<section id="race-lede"' in html
    assert 'hx-swap-oob="true"' in html.split('id="race-lede"')[1][:200]
    assert "Neither side has launched a film crew to orbit" in html


def test_the_filters_fold_behind_a_control_naming_them(client, seeded):
    html = client.get("/?side=russia&kind=launch&q=soyuz").content.decode()
    assert '<details class="filters-fold">' in html
    assert '<span id="filters-active">Russia · 1 kind · “soyuz”</span>' in html
    fragment = client.get("/?side=united-states", headers={"HX-Request": "true"}).content.decode()
    assert '<span id="filters-active" hx-swap-oob="true">United States</span>' in fragment


def test_race_table_links_open_the_panel_on_the_timeline_only(client, seeded):
    index = client.get("/").content.decode()
    table = index.split('id="race-table"')[1].split("</section>")[0]
    assert 'hx-target="#panel"' in index.split('id="race-table"')[1][:200]
    assert 'hx-get="/events/soyuz-ms-19-launch/"' in table
    race_page = client.get("/race/").content.decode()
    assert 'hx-get="/events/' not in race_page
