"""Statements and the as-of rule: the race, the chart's plans and the event
pages as of a day use only what had been published by then."""

from __future__ import annotations

import datetime as dt
import html as html_module
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import asof, interchange, race, standings
from timeline.models import Event, Source, Statement
from timeline.race import CellState, RaceEvent, RaceSide, race_compare

from .conftest import chart_of, html_of, make_event, utc

TODAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)


def cells(as_of: dt.date) -> dict[tuple[str, str], race.Cell]:
    result = standings.race_context(as_of, today=TODAY, now=NOW)["race"]
    return {(m.kind, c.side.slug): c for m in result.milestones for c in m.cells}


def row(page: str, kind: str) -> str:
    start = page.index(f'id="milestone-{kind}"')
    return html_module.unescape(page[start : page.index("</tr>", start)])


# --- the seed, day by day: what each day's readers could know ---------------------

RU, US = "russia", "united-states"

# day -> {(milestone, side): (cell text, words that must name who published the plan and when)}
SEED_DAYS = {
    "2020-05-05": {
        ("announcement", US): ("4 May 2020", ""),
        ("launch", US): ("not yet", ""),  # the Axiom flight was reported on 19 Sep 2020
        ("launch", RU): ("not yet", ""),
    },
    "2020-09-22": {
        ("announcement", RU): ("22 Sep 2020", ""),
        ("partner_joins", RU): ("22 Sep 2020", ""),
        ("launch", RU): ("planned: 2021", "Roscosmos, 22 Sep 2020: “a Soyuz MS flight to the ISS in autumn 2021”"),
        ("launch", US): ("planned: Oct 2021", "Space Shuttle Almanac (launch manifest, via Tesmanian), 19 Sep 2020"),
        ("return", RU): ("not yet", ""),
        ("premiere", RU): ("not yet", ""),
    },
    "2021-01-26": {
        ("launch", US): ("planned Oct 2021, cancelled", "cancelled: Axiom Space via SpaceNews, 26 Jan 2021"),
        ("launch", RU): ("planned: 2021", "Roscosmos, 22 Sep 2020"),
    },
    "2021-05-13": {
        ("launch", RU): ("planned: 5 Oct 2021", "Roscosmos via The Guardian, 13 May 2021"),
        ("return", RU): ("planned: 17 Oct 2021", "Oleg Novitsky via Kazinform (TASS), 25 Apr 2021"),
    },
    "2021-10-04": {
        ("launch", RU): ("planned: 5 Oct 2021, 08:55 UTC", "State Commission via TASS, 4 Oct 2021"),
        ("return", RU): ("planned: 17 Oct 2021", "Govorit Moskva, 8 Sep 2021"),
        ("launch", US): ("planned Oct 2021, cancelled", "cancelled: Axiom Space via SpaceNews, 26 Jan 2021"),
    },
    "2021-10-06": {
        ("launch", RU): ("5 Oct 2021, 08:55 UTC", ""),
        ("return", RU): ("planned: 17 Oct 2021", "TASS, 5 Oct 2021"),
        ("launch", US): ("planned Oct 2021, cancelled", "cancelled: Axiom Space via SpaceNews, 26 Jan 2021"),
    },
    "2021-10-17": {
        ("return", RU): ("17 Oct 2021, 04:35 UTC", ""),
    },
    "2023-01-01": {
        ("premiere", RU): ("planned: 12 Apr 2023", "Kultura Goroda, 1 Jan 2023"),
    },
    "2026-12-01": {
        ("premiere", RU): ("12 Apr 2023", ""),
        ("partner_joins", RU): ("22 Sep 2020", ""),
        ("launch", US): ("planned Oct 2021, cancelled", "cancelled: Axiom Space via SpaceNews, 26 Jan 2021"),
    },
}


@pytest.mark.parametrize("day", list(SEED_DAYS))
def test_the_seed_race_day_by_day(seeded, day):
    found = cells(dt.date.fromisoformat(day))
    for (kind, side), (text, by) in SEED_DAYS[day].items():
        cell = found[(kind, side)]
        assert cell.text == text, (day, kind, side)
        assert by in cell.planned_by, (day, kind, side)


@pytest.mark.parametrize("day", list(SEED_DAYS))
@pytest.mark.parametrize("page", ["/race/", "/"])
def test_the_pages_show_each_days_plans_with_who_published_them_and_when(client, seeded, day, page):
    query = {} if day == TODAY.isoformat() else {"as_of": day}
    html = html_of(client.get(page, query))
    for (kind, _side), (text, by) in SEED_DAYS[day].items():
        shown = row(html, kind)
        assert text in shown, (page, day, kind)
        assert by in shown, (page, day, kind)


def test_as_of_the_announcement_no_plan_comes_from_the_future(seeded):
    """22 Sep 2020: the launch was "autumn 2021"; the 5 Oct date, the time, the
    return and the premiere plans all came later."""
    found = cells(dt.date(2020, 9, 22))
    everything = repr(found)
    for later in ("13 May 2021", "14 Oct 2021", "1 Jan 2023", "5 Oct 2021", "17 Oct 2021", "12 Apr 2023"):
        assert later not in everything


def test_as_of_the_article_the_return_plan_is_the_day_with_the_sources_other_dates(seeded):
    ret = cells(standings.ARTICLE_DAY)[("return", RU)]
    assert ret.state is CellState.PLANNED
    assert "01:14" not in repr(ret)  # given on 14 Oct
    assert "04:36" not in repr(ret)
    [note] = [n for n in ret.notes if n.slug == "soyuz-ms-18-lands"]
    assert [(c.publisher, c.published, c.date) for c in note.claims] == [
        ("NASA", "5 Oct 2021", "16 Oct 2021"),
        ("Unattributed news article", "6 Oct 2021", "16 Oct 2021"),
    ]


def test_the_launch_time_counts_from_the_reports_that_gave_it(seeded):
    assert cells(dt.date(2021, 8, 9))[("launch", RU)].text == "planned: 5 Oct 2021"
    assert cells(dt.date(2021, 8, 10))[("launch", RU)].text == "planned: 5 Oct 2021, 08:55 UTC"


def test_the_hatch_plan_is_said_as_approximate(client, seeded):
    arrival = cells(TODAY)[("arrival", RU)]
    hatch = next(n for n in arrival.notes if n.slug == "hatches-open-crew-boards")
    assert hatch.planned == "about 5 Oct 2021, 14:00 UTC"
    page = html_module.unescape(html_of(client.get("/events/hatches-open-crew-boards/")))
    assert "later than the approximate plan" in page
    assert "60 minutes later than planned" not in page
    assert "“about 10 a.m. EDT”" in page


# --- the as-of rule itself, on records of its own -----------------------------------


def said(kind="plan", date=None, precision="day", announced=None, **more) -> asof.Said:
    return asof.Said(
        kind=kind,
        publisher=more.pop("publisher", "Agency"),
        date=date,
        precision=precision if date else "",
        announced=announced,
        announced_precision="day" if announced else "",
        **more,
    )


def test_a_later_statement_supersedes_an_earlier_one():
    first = said(date=utc(2021, 10, 5), announced=utc(2021, 5, 13), pk=1)
    second = said("revision", date=utc(2021, 10, 7), announced=utc(2021, 8, 1), pk=2)
    gone = said("cancellation", announced=utc(2021, 9, 1), pk=3)
    claim = said("claim", date=utc(2021, 10, 9), announced=utc(2021, 9, 2), publisher="Wire", pk=4)
    everything = [gone, claim, second, first]
    assert asof.standing_at(everything, utc(2021, 5, 13)).plan is None  # not public before the end of its day
    assert asof.standing_at(everything, utc(2021, 5, 14)).plan is first
    assert asof.standing_at(everything, utc(2021, 8, 2)).plan is second
    later = asof.standing_at(everything, utc(2021, 9, 3))
    assert (later.plan, later.withdrawn, later.claims) == (second, "cancelled", (claim,))
    assert later.attribution == "Agency, 1 Aug 2021; cancelled: Agency, 1 Sep 2021"


def test_a_statement_with_no_publication_date_counts_only_once_the_event_is_over(russia):
    launch = make_event(russia, kind="launch", start=utc(2021, 10, 5), sources=0)
    make_event(russia, kind="announcement", start=utc(2020, 9, 22), sources=0)
    Statement.objects.create(event=launch, kind="plan", date=utc(2021, 10, 1), date_precision="day", publisher="X")
    Statement.objects.create(event=launch, kind="claim", date=utc(2021, 10, 9), date_precision="day", publisher="Y")
    before = cells(dt.date(2021, 1, 1))[("launch", RU)]
    assert before.text == "not yet"
    assert not before.notes
    after = cells(dt.date(2021, 10, 5))[("launch", RU)]
    assert after.text == "5 Oct 2021"
    assert [(n.planned, n.planned_by) for n in after.notes] == [("1 Oct 2021", "X")]
    assert [(c.publisher, c.published, c.date) for c in after.notes[0].claims] == [("Y", "", "9 Oct 2021")]
    assert "Y" not in repr(cells(dt.date(2021, 10, 4)))  # a claim with no publication date: not before the event


def test_a_cancellation_kills_a_plan_before_its_date(russia, united_states):
    make_event(united_states, kind="announcement", start=utc(2020, 5, 4), sources=0)
    flight = make_event(united_states, kind="launch", status="cancelled", start=utc(2021, 10, 1),
                        start_precision="month", sources=0)  # fmt: skip
    Statement.objects.create(event=flight, kind="plan", date=utc(2021, 10, 1), date_precision="month",
                             announced=utc(2020, 9, 19), announced_precision="day", publisher="Almanac")  # fmt: skip
    Statement.objects.create(event=flight, kind="cancellation", announced=utc(2021, 1, 26),
                             announced_precision="day", publisher="Axiom")  # fmt: skip
    assert cells(dt.date(2021, 1, 25))[("launch", US)].text == "planned: Oct 2021"
    dead = cells(dt.date(2021, 1, 26))[("launch", US)]
    assert (dead.state, dead.text) == (CellState.NEVER, "planned Oct 2021, cancelled")
    assert dead.planned_by == "Almanac, 19 Sep 2020; cancelled: Axiom, 26 Jan 2021"


def test_a_postponement_with_no_new_date_is_no_live_plan(russia):
    make_event(russia, kind="announcement", start=utc(2020, 9, 22), sources=0)
    premiere = make_event(russia, kind="premiere", status="planned", start=utc(2022, 4, 1), start_precision="month",
                          sources=0)  # fmt: skip
    Statement.objects.create(event=premiere, kind="plan", date=utc(2022, 4, 1), date_precision="month",
                             announced=utc(2021, 6, 1), announced_precision="day", publisher="Channel One")  # fmt: skip
    Statement.objects.create(event=premiere, kind="postponement", announced=utc(2021, 12, 1),
                             announced_precision="day", publisher="Channel One")  # fmt: skip
    cell = cells(dt.date(2021, 12, 2))[("premiere", RU)]
    assert (cell.state, cell.text) == (CellState.OVERDUE, "planned for Apr 2022, postponed with no new date")


def test_a_statement_published_today_counts_once_its_day_is_public(russia):
    """The cut-off of today is now; a statement known to the day is certain to be out only once the day is."""
    make_event(russia, kind="announcement", start=utc(2020, 9, 22), sources=0)
    launch = make_event(russia, kind="launch", status="planned", start=utc(2027, 3, 1), sources=0)
    Statement.objects.create(
        event=launch, kind="plan", date=utc(2027, 3, 1), date_precision="day",
        announced=utc(2026, 12, 1, 9, 30), announced_precision="minute", publisher="TASS",
    )  # fmt: skip
    early = standings.race_context(today=TODAY, now=utc(2026, 12, 1, 9, 0))["race"]
    later = standings.race_context(today=TODAY, now=utc(2026, 12, 1, 9, 31))["race"]
    launch_cell = {m.kind: m.cells[0] for m in later.milestones}["launch"]
    assert {m.kind: m.cells[0] for m in early.milestones}["launch"].text == "not yet"
    assert (launch_cell.text, launch_cell.planned_by) == ("planned: 1 Mar 2027", "TASS, 1 Dec 2026, 09:30 UTC")


# --- the property: what was published after a day never changes that day ----------

SIDES = (RaceSide("russia", "Russia", order=1), RaceSide("united-states", "United States", order=2))
START = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
PRECISIONS = ("minute", "day", "month", "year")


def _instant(days: int, minutes: int, precision: str) -> dt.datetime:
    from timeline.precision import truncate

    return truncate(START + dt.timedelta(days=days, minutes=minutes), precision)


statement_strategy = st.builds(
    lambda kind, day, minute, precision, said_day, said_precision, approximate: asof.Said(
        kind=kind,
        publisher="Source",
        date=None if kind == "cancellation" else _instant(day, minute, precision),
        precision="" if kind == "cancellation" else precision,
        announced=None if said_precision is None else _instant(said_day, 0, said_precision),
        announced_precision=said_precision or "",
        approximate=approximate,
    ),
    kind=st.sampled_from(["plan", "revision", "postponement", "cancellation", "claim"]),
    day=st.integers(0, 1200),
    minute=st.integers(0, 1439),
    precision=st.sampled_from(PRECISIONS),
    said_day=st.integers(0, 1200),
    said_precision=st.sampled_from([None, "day", "day", "minute", "month"]),
    approximate=st.booleans(),
)


def _event(n, side, kind, status, day, minute, precision, statements, stated_plan, recorded_day) -> RaceEvent:
    if stated_plan is not None:
        statements = [stated_plan, *statements]  # a plan, with the day it was published
    return RaceEvent(
        slug=f"e{n}",
        side=side,
        kind=kind,
        title=f"Event {n}",
        start=_instant(day, minute, precision),
        start_precision=precision,
        status=status,
        statements=tuple(statements),
        recorded=None if recorded_day is None else _instant(recorded_day, 0, "minute"),
    )


stated_plan_strategy = st.builds(
    lambda day, precision, said_day: asof.Said(
        kind="plan",
        publisher="Agency",
        date=_instant(day, 0, precision),
        precision=precision,
        announced=_instant(said_day, 0, "day"),
        announced_precision="day",
    ),
    day=st.integers(0, 1200),
    precision=st.sampled_from(PRECISIONS),
    said_day=st.integers(0, 1200),
)

event_strategy = st.builds(
    _event,
    n=st.integers(0, 10_000),
    side=st.sampled_from([side.slug for side in SIDES]),
    kind=st.sampled_from([kind for kind, _ in race.MILESTONES]),
    status=st.sampled_from(["happened", "happened", "planned", "cancelled", "unconfirmed"]),
    day=st.integers(0, 1200),
    minute=st.integers(0, 1439),
    precision=st.sampled_from(PRECISIONS),
    statements=st.lists(statement_strategy, max_size=3),
    stated_plan=st.none() | stated_plan_strategy,
    recorded_day=st.none() | st.integers(0, 1200),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    events=st.lists(event_strategy, min_size=1, max_size=8, unique_by=lambda e: e.slug),
    day=st.integers(0, 1200),
    which=st.integers(0, 7),
    added=statement_strategy,
    later_by=st.integers(1, 400),
)
def test_a_statement_published_after_a_day_never_changes_the_race_as_of_that_day(events, day, which, added, later_by):
    """Over random records: events of every status, with or without plan
    statements (a planned event with none takes its start as the plan from
    the day it entered the record, or always when that is unknown: see
    `timeline.race.clock`)."""
    as_of = (START + dt.timedelta(days=day)).date()
    # Published after the day is over: from the day after, at any precision wholly after it.
    after = dt.datetime.combine(as_of + dt.timedelta(days=later_by), dt.time.min, tzinfo=dt.UTC)
    late = asof.Said(**{**added.__dict__, "announced": after, "announced_precision": "day"})
    target = events[which % len(events)]
    changed = [RaceEvent(**{**e.__dict__, "statements": (*e.statements, late)}) if e is target else e for e in events]
    assert race_compare(SIDES, changed, as_of) == race_compare(SIDES, events, as_of)


def test_a_plan_stated_later_leaves_an_unstated_plan_as_it_stood():
    """A planned event with no plan statement takes its start as the plan;
    a plan published only after the day leaves that day as it was."""
    announcement = RaceEvent(slug="a", side="russia", kind="announcement", title="A", start=utc(2020, 9, 22))
    launch = RaceEvent(slug="l", side="russia", kind="launch", title="L", start=utc(2021, 10, 5), status="planned")
    late = said(date=utc(2021, 10, 6), announced=utc(2021, 3, 1), publisher="Late")
    day = dt.date(2021, 1, 15)
    stated = RaceEvent(**{**launch.__dict__, "statements": (late,)})
    before = launch_cell([announcement, launch], day)
    assert before == "planned: 5 Oct 2021"
    assert launch_cell([announcement, stated], day) == before
    assert launch_cell([announcement, stated], dt.date(2021, 3, 2)) == "planned: 6 Oct 2021"


def launch_cell(events, day) -> str:
    milestone = next(m for m in race_compare(SIDES, events, day).milestones if m.kind == "launch")
    return milestone.cells[0].text


def test_a_planned_event_counts_as_a_plan_only_from_the_day_it_entered_the_record(client, russia):
    make_event(russia, kind="announcement", start=utc(2020, 9, 22))
    make_event(russia, kind="launch", status="planned", start=utc(2027, 3, 1), created=utc(2026, 6, 1, 12))
    assert "planned: 1 Mar 2027" in row_of(client.get("/race/", {"as_of": "2026-06-01"}), "launch")
    assert "planned: 1 Mar 2027" not in row_of(client.get("/race/", {"as_of": "2026-05-31"}), "launch")


def row_of(response, kind: str) -> str:
    html = response.content.decode()
    start = html.index(f'id="milestone-{kind}"')
    return html[start : html.index("</tr>", start)]


def test_the_property_holds_through_the_database(russia, united_states):
    """The same, through the rows the race reads: a statement entered for the future of a day changes nothing then."""
    make_event(russia, kind="announcement", start=utc(2020, 9, 22), sources=0)
    launch = make_event(russia, kind="launch", start=utc(2021, 10, 5, 8, 55), start_precision="minute", sources=0)
    days = [dt.date(2020, 10, 1), dt.date(2021, 5, 13), dt.date(2021, 10, 4), dt.date(2021, 10, 6)]
    before = {day: cells(day) for day in days}
    Statement.objects.create(event=launch, kind="plan", date=utc(2021, 10, 5), date_precision="day",
                             announced=utc(2021, 10, 7), announced_precision="day", publisher="Late")  # fmt: skip
    assert {day: cells(day) for day in days} == before
    assert "Late" in repr(cells(dt.date(2021, 10, 7)))


# --- the chart's planned markers and the event page as of a day ---------------------


def test_the_charts_planned_markers_are_those_that_stood_on_the_races_day(client, seeded):
    def planned_x(query: dict) -> list[str]:
        figure = chart_of(html_of(client.get("/", {"side": "russia", "kind": "arrival", **query})))
        return [x for trace in figure["data"] if trace.get("meta", {}).get("role") == "planned" for x in trace["x"]]

    # NASA gave the docking time (12:12 UTC) on launch day, 5 Oct 2021.
    assert any(x.startswith("2021-10-05 12:12") for x in planned_x({}))
    assert any(x.startswith("2021-10-05 12:12") for x in planned_x({"as_of": "2021-10-05"}))
    assert not any(x.startswith("2021-10-05 12:12") for x in planned_x({"as_of": "2021-10-04"}))


def test_the_event_page_as_of_a_day_lists_only_what_was_said_by_then(client, seeded):
    page = html_module.unescape(html_of(client.get("/events/soyuz-ms-18-lands/", {"as_of": "2021-10-06"})))
    assert "Planned and actual, as of 6 Oct 2021" in page
    assert "Oleg Novitsky via Kazinform (TASS)" in page
    assert "Unattributed news article" in page
    assert "14 Oct 2021" not in page.split('class="statements"')[1].split("</ol>")[0]
    now = html_module.unescape(html_of(client.get("/events/soyuz-ms-18-lands/")))
    assert "16 Oct 2021" in now.split('class="statements"')[1]
    bad = html_of(client.get("/events/soyuz-ms-18-lands/", {"as_of": "2999-01-01"}))
    assert "Choose an as-of date up to today" in html_module.unescape(bad)


# --- files: the old schema still imports; the new one round-trips -------------------


def v1_document() -> dict:
    return {
        "schema": "spacefilm.events/1",
        "events": [
            {
                "slug": "ms-19", "effort": "russia", "title": "Soyuz MS-19 launch", "kind": "launch",
                "status": "happened", "start": "2021-10-05T08:55Z", "end": None,
                "planned": "2021-10-05", "planned_by": "Roscosmos, 13 May 2021 (launch set for 5 Oct)",
                "place": "", "people": [], "summary": "Launch.", "notes": "", "image": None, "published": True,
                "sources": [
                    {"url": "https://example.org/a", "publisher": "Wire", "title": "Report",
                     "published": "2021-10-06", "claimed": "2021-10-04"},
                ],
            }
        ],
    }  # fmt: skip


def test_a_v1_file_imports_its_plan_and_claims_as_statements(russia):
    result = interchange.import_payload(v1_document())
    assert result.created == ["ms-19"]
    event = Event.objects.get(slug="ms-19")
    plan, claim = event.statements.order_by("order", "pk")
    assert (plan.kind, plan.said().date_text, plan.publisher, plan.said().announced_text, plan.wording) == (
        "plan", "5 Oct 2021", "Roscosmos", "13 May 2021", "launch set for 5 Oct",
    )  # fmt: skip
    assert (claim.kind, claim.said().date_text, claim.publisher, claim.said().announced_text, claim.url) == (
        "claim", "4 Oct 2021", "Wire", "6 Oct 2021", "https://example.org/a",
    )  # fmt: skip
    assert Source.objects.get(event=event).publisher == "Wire"
    again = interchange.import_payload(v1_document())
    assert again.unchanged == ["ms-19"]


def test_a_v1_files_bad_plan_is_reported_where_the_file_has_it(russia):
    document = v1_document()
    document["events"][0]["planned"] = "2021-02-31"
    document["events"][0]["sources"][0]["claimed"] = "2101-01"
    with pytest.raises(interchange.ImportRejected) as caught:
        interchange.import_payload(document)
    columns = [problem.column for problem in caught.value.problems]
    assert columns == ["planned", "sources[1].claimed"]
    assert not Event.objects.exists()


def test_a_v1_csv_with_planned_columns_still_imports(russia):
    header = "slug,effort,title,kind,status,start,end,planned,planned_by,place,people,summary,notes,"
    header += "image_alt,image_caption,image_credit,published,source_1_url,source_1_publisher,source_1_title,"
    header += "source_1_published,source_1_claimed\n"
    row_text = 'ms-19,russia,Launch,launch,happened,2021-10-05T08:55Z,,2021-10-05,"TASS, 4 Oct 2021",,,S,,,,,true,'
    row_text += "https://example.org/a,Wire,,2021-10-06,2021-10-04\n"
    interchange.import_file((header + row_text).encode(), fmt="csv")
    kinds = list(Event.objects.get(slug="ms-19").statements.values_list("kind", "publisher"))
    assert kinds == [("plan", "TASS"), ("claim", "Wire")]


def test_a_v2_export_round_trips_its_statements(client, seeded):
    first = json.loads(client.get("/export/events.json").content)
    Statement.objects.all().delete()
    Event.objects.all().delete()
    result = interchange.import_payload(first)
    assert len(result.created) == 34
    assert json.loads(client.get("/export/events.json").content) == first
    assert Statement.objects.count() == sum(len(e["statements"]) for e in first["events"])


def test_the_data_migration_turns_plans_and_claims_into_statements(transactional_db):
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    old, new = ("timeline", "0007_history_in_both_languages"), ("timeline", "0008_statements")
    executor = MigrationExecutor(connection)
    executor.migrate([old])
    apps = executor.loader.project_state([old]).apps
    effort = apps.get_model("timeline", "Effort").objects.create(
        name="Russia", slug="russia", country="RU", film_title="F", colour="#b3261e"
    )
    event = apps.get_model("timeline", "Event").objects.create(
        effort=effort, title="Landing", slug="landing", kind="return", start=utc(2021, 10, 17, 4, 35),
        start_precision="minute", planned=utc(2021, 10, 17, 4, 36), planned_precision="minute",
        planned_by="Roscosmos via TASS, 14 Oct 2021 (07:36 MSK)", summary="S",
    )  # fmt: skip
    apps.get_model("timeline", "Source").objects.create(
        event=event, publisher="Seed news article", published=dt.date(2021, 10, 6),
        claimed=utc(2021, 10, 16), claimed_precision="day",
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.migrate([new])
    apps = executor.loader.project_state([new]).apps
    rows = list(
        apps.get_model("timeline", "Statement")
        .objects.order_by("order")
        .values_list("kind", "date", "announced", "publisher", "wording")
    )
    assert rows == [
        ("plan", utc(2021, 10, 17, 4, 36), utc(2021, 10, 14), "Roscosmos via TASS", "07:36 MSK"),
        ("claim", utc(2021, 10, 16), utc(2021, 10, 6), "Seed news article", ""),
    ]
    call_command("migrate", verbosity=0)  # leave the schema as the other tests expect


# --- admin: statements inline on the event -----------------------------------------


def test_admin_saves_statements_inline_on_an_event(editor_client, russia):
    event = make_event(russia, kind="launch", start=utc(2021, 10, 5), sources=0)
    url = f"/admin/timeline/event/{event.pk}/change/"
    page = editor_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: (value if value is not None else "")
        for name, value in form.initial.items()
        if not isinstance(value, list | tuple)
    }
    data |= {
        "effort": russia.pk,
        "start_0": "2021-10-05",
        "start_1": "00:00:00",
        "start_precision": "day",
        "published": "on",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "statements-TOTAL_FORMS": "1",
        "statements-INITIAL_FORMS": "0",
        "statements-0-kind": "plan",
        "statements-0-date_0": "2021-10-05",
        "statements-0-date_1": "00:00:00",
        "statements-0-date_precision": "day",
        "statements-0-announced_0": "2021-05-13",
        "statements-0-announced_1": "00:00:00",
        "statements-0-announced_precision": "day",
        "statements-0-publisher": "Roscosmos",
        "statements-0-order": "0",
    }
    data = {key: value for key, value in data.items() if key not in ("end", "image")}
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    [saved] = event.statements.all()
    assert (saved.publisher, saved.said().date_text, saved.said().announced_text) == (
        "Roscosmos",
        "5 Oct 2021",
        "13 May 2021",
    )


def test_the_feed_gives_the_plan_that_stands_with_who_said_it(client, seeded):
    feed = html_module.unescape(client.get("/feed/").content.decode())
    assert "Planned: 5 Oct 2021, 12:12 UTC (NASA, 5 Oct 2021" in html_module.unescape(feed)


def test_admin_manages_a_sides_plans_for_milestones_with_no_event_yet(editor_client, russia):
    url = f"/admin/timeline/effort/{russia.pk}/change/"
    assert "Plans for milestones with no event yet" in html_of(editor_client.get(url))
    data = {
        "name_en": russia.name, "slug": russia.slug, "country": russia.country, "film_title_en": russia.film_title,
        "organisations": "", "colour": russia.colour, "order": russia.order,
        "statements-TOTAL_FORMS": "1", "statements-INITIAL_FORMS": "0",
        "statements-0-milestone": "premiere", "statements-0-kind": "plan",
        "statements-0-date_0": "2023-04-01", "statements-0-date_1": "00:00:00", "statements-0-date_precision": "month",
        "statements-0-announced_0": "2022-10-01", "statements-0-announced_1": "00:00:00",
        "statements-0-announced_precision": "day", "statements-0-publisher": "Channel One", "statements-0-order": "0",
    }  # fmt: skip
    assert editor_client.post(url, data).status_code == 302
    [said] = russia.statements.all()
    assert (said.event, said.milestone, said.said().date_text) == (None, "premiere", "April 2023")


def test_a_sides_plan_for_a_milestone_with_no_event_shows_once_public(russia):
    make_event(russia, kind="announcement", start=utc(2020, 9, 22), sources=0)
    Statement.objects.create(effort=russia, milestone="premiere", kind="plan", date=utc(2023, 4, 1),
                             date_precision="month", announced=utc(2022, 10, 1), announced_precision="day",
                             publisher="Channel One")  # fmt: skip
    Statement.objects.create(effort=russia, milestone="launch", kind="plan", date=utc(2021, 10, 1),
                             date_precision="month", publisher="Nobody said when")  # fmt: skip
    assert cells(dt.date(2022, 9, 30))[("premiere", RU)].text == "not yet"
    premiere = cells(dt.date(2022, 10, 1))[("premiere", RU)]
    assert (premiere.state, premiere.text) == (CellState.PLANNED, "planned: Apr 2023 (Channel One, 1 Oct 2022)")
    assert cells(dt.date(2023, 5, 1))[("premiere", RU)].state is CellState.OVERDUE
    assert cells(dt.date(2021, 9, 1))[("launch", RU)].text == "not yet"  # no publication date: never as of a day


def test_a_sides_plans_for_milestones_with_no_event_round_trip_in_json(client, russia):
    make_event(russia, kind="announcement", start=utc(2020, 9, 22))
    Statement.objects.create(effort=russia, milestone="premiere", kind="plan", date=utc(2023, 4, 1),
                             date_precision="month", announced=utc(2022, 10, 1), announced_precision="day",
                             publisher="Channel One", url="https://example.org/p")  # fmt: skip
    document = json.loads(client.get("/export/events.json").content)
    assert document["statements"] == [
        {"effort": "russia", "milestone": "premiere", "kind": "plan", "date": "2023-04", "approximate": False,
         "wording": "", "announced": "2022-10-01", "publisher": "Channel One", "url": "https://example.org/p",
         "title": ""},
    ]  # fmt: skip
    assert interchange.import_payload(document).side_statements_changed is False  # the same again: no change
    Statement.objects.all().delete()
    result = interchange.import_payload(document)
    assert result.side_statements_changed
    assert json.loads(client.get("/export/events.json").content) == document
    document["statements"][0]["effort"] = "mars"
    with pytest.raises(interchange.ImportRejected) as caught:
        interchange.import_payload(document)
    assert [str(p) for p in caught.value.problems] == ["statements[1].effort: unknown side “mars” (known: russia)."]
