"""The race comparison: the pure module as tables, then the seed data, then /race/."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from timeline import race, standings
from timeline.models import Event
from timeline.precision import parse_iso
from timeline.race import CellState, RaceClaim, RaceEvent, RaceSide, VerdictKind, race_compare

from .conftest import make_event, utc

RU = RaceSide("russia", "Russia", order=1)
US = RaceSide("united-states", "United States", order=2)
SIDES = {"ru": RU.slug, "us": US.slug}


def ev(side: str, kind: str, start: str, **overrides) -> RaceEvent:
    """An event from a short description: ev("ru", "launch", "2021-10-05T08:55Z")."""
    value, precision = parse_iso(start)
    values = {"slug": f"{side}-{kind}-{start}", "title": f"{side} {kind} {start}", "status": "happened"}
    for name in ("planned", "end"):
        if isinstance(overrides.get(name), str):
            overrides[name], overrides[f"{name}_precision"] = parse_iso(overrides[name])
    values.update(overrides)
    return RaceEvent(side=SIDES[side], kind=kind, start=value, start_precision=precision, **values)


def compare(*events: RaceEvent, as_of: dt.date | None = None) -> race.RaceResult:
    return race_compare([US, RU], events, as_of)


def milestone(result: race.RaceResult, kind: str) -> race.Milestone:
    return next(m for m in result.milestones if m.kind == kind)


def cell(result: race.RaceResult, kind: str, side: RaceSide) -> race.Cell:
    return next(c for c in milestone(result, kind).cells if c.side == side)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- milestones and their order ---------------------------------------------------


def test_sides_come_in_their_own_order_and_every_milestone_is_listed():
    result = compare()
    assert result.sides == (RU, US)
    assert [m.kind for m in result.milestones] == list(race.MILESTONE_KINDS)
    assert all([c.side for c in m.cells] == [RU, US] for m in result.milestones)


# --- verdicts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ru", "us", "kind", "text", "detail"),
    [
        # Exact dates: days under two months, then months, then years and months.
        ("2021-10-05", "2023-02-10", VerdictKind.FIRST, "Russia first, by 1 year 4 months", "493 days"),
        ("2020-09-22", "2020-05-04", VerdictKind.FIRST, "United States first, by 4 months", "141 days"),
        ("2021-10-05", "2021-11-20", VerdictKind.FIRST, "Russia first, by 46 days", "46 days"),
        ("2021-01-01", "2021-03-01", VerdictKind.FIRST, "Russia first, by 2 months", "59 days"),
        ("2021-10-05", "2021-10-06", VerdictKind.FIRST, "Russia first, by 1 day", "1 day"),
        ("2021-10-05", "2023-10-05", VerdictKind.FIRST, "Russia first, by 2 years", "730 days"),
        # Minutes on the same day: hours and minutes.
        ("2021-10-05T08:55Z", "2021-10-05T12:22Z", VerdictKind.FIRST, "Russia first, by 3 hours 27 minutes",
         "same day"),
        ("2021-10-05T23:50Z", "2021-10-06T00:10Z", VerdictKind.FIRST, "Russia first, by 20 minutes", "overnight"),
        ("2021-10-05T08:55Z", "2021-10-06", VerdictKind.FIRST, "Russia first, by 15 to 39 hours",
         "between 15 h 05 min and 39 h 05 min"),
        # Ties and overlaps are too close to call.
        ("2021-10-05", "2021-10-05", VerdictKind.TOO_CLOSE, "too close to call", "both 5 Oct 2021"),
        ("2021-10-05T08:55Z", "2021-10-05T08:55Z", VerdictKind.TOO_CLOSE, "too close to call",
         "both 5 Oct 2021, 08:55 UTC"),
        ("2021-10-05T08:55Z", "2021-10-05", VerdictKind.TOO_CLOSE, "too close to call",
         "5 Oct 2021, 08:55 UTC and 5 Oct 2021 overlap at the precision known"),
        ("2021-10", "2021-10-20", VerdictKind.TOO_CLOSE, "too close to call",
         "Oct 2021 and 20 Oct 2021 overlap at the precision known"),
        ("2021-10", "2021-10", VerdictKind.TOO_CLOSE, "too close to call", "both Oct 2021"),
        ("2021", "2021-12-31", VerdictKind.TOO_CLOSE, "too close to call",
         "2021 and 31 Dec 2021 overlap at the precision known"),
        ("2021", "2021-06", VerdictKind.TOO_CLOSE, "too close to call",
         "2021 and Jun 2021 overlap at the precision known"),
        # Coarse dates that do not overlap: a win by the range of gaps the dates allow.
        ("2021-09", "2021-10-01", VerdictKind.FIRST, "Russia first, by 1 to 30 days", "between 1 and 30 days"),
        ("2021-05", "2021-10-05", VerdictKind.FIRST, "Russia first, by 4 to 5 months", "between 127 and 157 days"),
        ("2021", "2022-01-01", VerdictKind.FIRST, "Russia first, by 1 day to 1 year", "between 1 and 365 days"),
        ("2023-03-01", "2021", VerdictKind.FIRST, "United States first, by 1 year 2 months to 2 years 2 months",
         "between 425 and 789 days"),
    ],
)  # fmt: skip
def test_verdict(ru, us, kind, text, detail):
    result = compare(ev("ru", "launch", ru), ev("us", "launch", us))
    verdict = milestone(result, "launch").verdict
    assert (verdict.kind, verdict.text, verdict.detail) == (kind, text, detail)


@pytest.mark.parametrize(
    ("events", "kind", "text", "leader"),
    [
        ([], VerdictKind.NEITHER, "neither yet", None),
        ([("ru", "happened")], VerdictKind.ONLY, "only Russia so far", RU),
        ([("us", "happened")], VerdictKind.ONLY, "only United States so far", US),
        # Only a happened event reaches a milestone.
        ([("ru", "unconfirmed")], VerdictKind.NEITHER, "neither yet", None),
        ([("ru", "unconfirmed"), ("us", "happened")], VerdictKind.ONLY, "only United States so far", US),
        ([("ru", "planned"), ("us", "cancelled")], VerdictKind.NEITHER, "neither yet", None),
        ([("ru", "happened"), ("us", "cancelled")], VerdictKind.ONLY, "only Russia so far", RU),
    ],
)
def test_verdict_when_a_side_has_not_reached_it(events, kind, text, leader):
    result = compare(*(ev(side, "launch", "2021-10-05", status=status) for side, status in events))
    verdict = milestone(result, "launch").verdict
    assert (verdict.kind, verdict.text, verdict.leader) == (kind, text, leader)


def test_a_side_with_no_event_of_a_kind_shows_not_yet():
    result = compare(ev("ru", "launch", "2021-10-05"))
    assert cell(result, "launch", US).state is CellState.NONE
    assert cell(result, "launch", US).text == "not yet"
    assert cell(result, "launch", US).event is None
    assert cell(result, "filming", RU).state is CellState.NONE


def test_the_first_event_of_a_kind_counts_whatever_the_input_order():
    docking = ev("ru", "arrival", "2021-10-05T12:22Z", title="Docks")
    hatches = ev("ru", "arrival", "2021-10-05T15:00Z", title="Hatches open")
    for events in ([docking, hatches], [hatches, docking]):
        found = cell(compare(*events), "arrival", RU)
        assert (found.event, found.text) == (docking, "5 Oct 2021, 12:22 UTC")


def test_status_updates_are_not_milestones():
    result = compare(ev("ru", "status_update", "2021-10-14"))
    assert all(m.verdict.kind is VerdictKind.NEITHER for m in result.milestones)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ((True, True), "Russia first, by 1 day"),
        ((False, True), "only United States so far"),  # Russia's earlier event is a draft
        ((True, False), "only Russia so far"),
        ((False, False), "neither yet"),
    ],
)
def test_unpublished_events_are_ignored(published, expected):
    ru = ev("ru", "launch", "2021-10-05", published=published[0], title="Secret draft")
    us = ev("us", "launch", "2021-10-06", published=published[1])
    result = compare(ru, us)
    assert milestone(result, "launch").verdict.text == expected
    if not published[0]:
        assert cell(result, "launch", RU).event is None


def test_unpublished_plans_are_ignored_too():
    draft = ev("ru", "launch", "2021-10-05", status="planned", published=False)
    assert cell(compare(ev("ru", "announcement", "2020-09-22"), draft), "launch", RU).state is CellState.NONE


def test_events_of_unknown_sides_are_ignored():
    stray = RaceEvent(slug="x", side="mars", kind="launch", title="x", start=parse_iso("2021-10-01")[0])
    assert milestone(compare(stray), "launch").verdict.kind is VerdictKind.NEITHER


# --- plans, cancellations, unconfirmed reports -------------------------------------


ANNOUNCED = ev("us", "announcement", "2020-05-04")
AXIOM = ev("us", "launch", "2021-10", status="cancelled", planned="2021-10", title="Axiom flight")


@pytest.mark.parametrize(
    ("event", "as_of", "state", "text"),
    [
        # A planned event shows its plan.
        (ev("us", "launch", "2021-10-17T04:36Z", status="planned"), None, CellState.PLANNED,
         "planned: 17 Oct 2021, 04:36 UTC"),
        (ev("us", "launch", "2021-10-17", status="planned", planned="2021-10-17"), None, CellState.PLANNED,
         "planned: 17 Oct 2021"),
        # A cancelled flight is planned until its planned period is over, then never flew.
        (AXIOM, None, CellState.NEVER, "planned Oct 2021, never flew"),
        (AXIOM, "2021-06-01", CellState.PLANNED, "planned: Oct 2021"),
        (AXIOM, "2021-10-30", CellState.PLANNED, "planned: Oct 2021"),
        (AXIOM, "2021-10-31", CellState.NEVER, "planned Oct 2021, never flew"),
        (AXIOM, "2025-01-01", CellState.NEVER, "planned Oct 2021, never flew"),
        # Other milestones never "fly".
        (ev("us", "premiere", "2024", status="cancelled"), None, CellState.NEVER, "planned 2024, never happened"),
        # Unconfirmed reports are shown, and do not count.
        (ev("us", "launch", "2021-10-20", status="unconfirmed"), None, CellState.UNCONFIRMED,
         "unconfirmed: 20 Oct 2021"),
        (ev("us", "launch", "2021-10-20", status="unconfirmed"), "2021-10-19", CellState.NONE, "not yet"),
        # A happened event after the as-of day, with a plan: planned.  Without a plan: unknown.
        (ev("us", "launch", "2021-10-17T04:35Z", planned="2021-10-17T04:36Z"), "2021-10-06", CellState.PLANNED,
         "planned: 17 Oct 2021, 04:36 UTC"),
        (ev("us", "launch", "2021-10-17T04:35Z"), "2021-10-06", CellState.NONE, "not yet"),
    ],
)  # fmt: skip
def test_planned_only_events(event, as_of, state, text):
    result = compare(ANNOUNCED, event, as_of=day(as_of) if as_of else None)
    found = cell(result, event.kind, US)
    assert (found.state, found.text) == (state, text)
    assert milestone(result, event.kind).verdict.kind is VerdictKind.NEITHER


def test_a_happened_event_outranks_plans_and_a_lapsed_plan_is_still_mentioned():
    flown = ev("us", "launch", "2022-04-08T15:17Z")
    found = cell(compare(ANNOUNCED, AXIOM, flown), "launch", US)
    assert (found.state, found.event, found.text) == (CellState.REACHED, flown, "8 Apr 2022, 15:17 UTC")
    assert found.lapsed == ((AXIOM, "planned Oct 2021, never flew"),)


def test_the_earliest_plan_is_shown():
    later = ev("us", "launch", "2022-01", status="planned")
    sooner = ev("us", "launch", "2021-12-01", status="planned")
    assert cell(compare(ANNOUNCED, later, sooner), "launch", US).event == sooner


def test_plans_are_known_only_once_the_side_itself_is_known():
    plan = ev("ru", "launch", "2021-10-05T08:55Z", planned="2021-10-05T08:55Z")
    announced = ev("ru", "announcement", "2020-09-22")
    before = compare(announced, plan, as_of=day("2020-09-21"))
    after = compare(announced, plan, as_of=day("2020-09-22"))
    assert cell(before, "launch", RU).state is CellState.NONE
    assert cell(after, "launch", RU).text == "planned: 5 Oct 2021, 08:55 UTC"


def _crowd(flown: int, plans: int, lapsed: int) -> list[RaceEvent]:
    """US launches: `flown` that happened later than planned, `plans` still
    planned, `lapsed` cancelled plans that never flew, each group by date."""
    return (
        [ev("us", "launch", f"2022-01-{n + 10:02d}", planned=f"2021-12-{n + 10:02d}", slug=f"flown-{n}")
         for n in range(flown)]
        + [ev("us", "launch", str(day("2023-01-01") + dt.timedelta(days=n)), status="planned", slug=f"plan-{n}")
           for n in range(plans)]
        + [ev("us", "launch", f"2019-{n + 1:02d}", status="cancelled", slug=f"lapsed-{n}") for n in range(lapsed)]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("flown", "plans", "lapsed", "notes", "lapsed_shown", "more", "more_text"),
    [
        # The seed's case: a note or two, all shown.
        (0, 3, 0, ["plan-1", "plan-2"], [], 0, ""),
        (1, 0, 0, ["flown-0"], [], 0, ""),
        (0, 4, 0, ["plan-1", "plan-2", "plan-3"], [], 0, ""),
        # Beyond three: the earliest three, and a count of the rest.
        (0, 5, 0, ["plan-1", "plan-2", "plan-3"], [], 1, "and 1 more planned event"),
        (0, 850, 0, ["plan-1", "plan-2", "plan-3"], [], 846, "and 846 more planned events"),
        # Planned against actual first (the milestone's own date), then plans.
        (2, 5, 0, ["flown-0", "flown-1", "plan-0"], [], 4, "and 4 more planned events"),
        # Plans that never happened fill what is left of the three.
        (0, 2, 2, ["plan-1"], ["lapsed-0", "lapsed-1"], 0, ""),
        (0, 2, 3, ["plan-1"], ["lapsed-0", "lapsed-1"], 1, "and 1 more planned event"),
        (0, 9, 3, ["plan-1", "plan-2", "plan-3"], [], 8, "and 8 more planned events"),
        # Only lapsed plans: the first is the cell itself, three of the others are listed.
        (0, 0, 4, [], ["lapsed-1", "lapsed-2", "lapsed-3"], 0, ""),
        (0, 0, 6, [], ["lapsed-1", "lapsed-2", "lapsed-3"], 2, "and 2 more planned events"),
    ],
)  # fmt: skip
def test_a_cell_lists_a_few_notes_and_counts_the_rest(flown, plans, lapsed, notes, lapsed_shown, more, more_text):
    found = cell(compare(ANNOUNCED, *_crowd(flown, plans, lapsed)), "launch", US)
    assert [note.slug for note in found.notes] == notes
    assert [event.slug for event, _ in found.lapsed] == lapsed_shown
    assert (found.more, found.more_text) == (more, more_text)
    assert len(found.notes) + len(found.lapsed) <= race.NOTES_SHOWN


def test_the_count_follows_the_day_asked_for():
    """A plan counts once the side is known; one that has since flown is a
    note only if it flew on another date than planned."""
    crowd = _crowd(0, 6, 0)
    assert cell(compare(*crowd, as_of=day("2020-05-03")), "launch", US).more == 0  # the US not known yet
    assert cell(compare(ANNOUNCED, *crowd, as_of=day("2020-05-04")), "launch", US).more == 2
    on_time = [ev("us", "launch", f"2023-{n + 1:02d}-01", planned=f"2023-{n + 1:02d}-01") for n in range(6)]
    assert cell(compare(ANNOUNCED, *on_time, as_of=day("2022-12-31")), "launch", US).more == 2
    assert cell(compare(ANNOUNCED, *on_time), "launch", US).more == 0  # all flew as planned


# --- as of a day -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "as_of", "known"),
    [
        # Minute precision: known from the end of its own day (as_of is a whole day, itself included).
        ("2021-10-05T08:55Z", "2021-10-04", False),
        ("2021-10-05T08:55Z", "2021-10-05", True),
        ("2021-10-05T23:59Z", "2021-10-05", True),
        ("2021-10-06T00:00Z", "2021-10-05", False),
        # Day precision: the same.
        ("2021-10-05", "2021-10-04", False),
        ("2021-10-05", "2021-10-05", True),
        # Month precision: only once the whole month is over.
        ("2021-05", "2021-05-30", False),
        ("2021-05", "2021-05-31", True),
        ("2021-02", "2021-02-28", True),
        # Year precision: only from 31 December.
        ("2020", "2020-12-30", False),
        ("2020", "2020-12-31", True),
    ],
)
def test_as_of_cut_off_on_the_boundary_day(start, as_of, known):
    result = compare(ev("ru", "launch", start), as_of=day(as_of))
    assert cell(result, "launch", RU).reached is known
    assert milestone(result, "launch").verdict.text == ("only Russia so far" if known else "neither yet")


def test_as_of_keeps_the_day_it_was_asked_for():
    assert compare(as_of=day("2021-10-06")).as_of == day("2021-10-06")
    assert compare().as_of is None


# --- planned against actual ------------------------------------------------------


LANDING = ev(
    "ru",
    "return",
    "2021-10-17T04:35Z",
    planned="2021-10-17T04:36Z",
    planned_by="Roscosmos via TASS, 14 Oct 2021",
    title="Soyuz MS-18 lands",
    claims=(RaceClaim("Unattributed news article", parse_iso("2021-10-16")[0], "day", day("2021-10-06")),),
)
RU_ANNOUNCED = ev("ru", "announcement", "2020-09-22")


def test_planned_and_actual_are_both_shown_where_they_differ():
    found = cell(compare(RU_ANNOUNCED, LANDING), "return", RU)
    assert found.text == "17 Oct 2021, 04:35 UTC"
    (note,) = found.notes
    assert (note.planned, note.planned_by, note.actual) == (
        "17 Oct 2021, 04:36 UTC",
        "Roscosmos via TASS, 14 Oct 2021",
        "17 Oct 2021, 04:35 UTC",
    )
    assert note.claims == (race.ClaimNote("Unattributed news article", "6 Oct 2021", "16 Oct 2021"),)


def test_no_note_when_it_went_as_planned():
    on_time = ev("ru", "launch", "2021-10-05T08:55Z", planned="2021-10-05T08:55Z")
    assert cell(compare(RU_ANNOUNCED, on_time), "launch", RU).notes == ()


@pytest.mark.parametrize(("as_of", "claims"), [("2021-10-05", 0), ("2021-10-06", 1), ("2021-10-16", 1)])
def test_a_source_claim_is_known_from_its_publication_day(as_of, claims):
    found = cell(compare(RU_ANNOUNCED, LANDING, as_of=day(as_of)), "return", RU)
    assert found.text == "planned: 17 Oct 2021, 04:36 UTC"
    assert len(found.notes[0].claims if found.notes else ()) == claims


# --- words -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("2021-01-01", "2021-01-01", "0 days"),
        ("2021-01-01", "2021-01-02", "1 day"),
        ("2021-01-01", "2021-02-28", "58 days"),
        ("2021-01-31", "2021-03-30", "58 days"),  # not yet two whole months
        ("2021-01-01", "2021-03-01", "2 months"),
        ("2021-01-31", "2021-03-31", "2 months"),
        ("2021-01-01", "2021-12-31", "11 months"),
        ("2021-01-01", "2022-01-01", "1 year"),
        ("2020-02-29", "2021-02-28", "1 year"),
        ("2020-05-04", "2021-09-05", "1 year 4 months"),
        ("2020-05-04", "2023-06-04", "3 years 1 month"),
        ("2023-06-04", "2020-05-04", "3 years 1 month"),  # order does not matter
        ("2020-01-01", "2021-01-01", "1 year"),
        ("2020-01-01", "2023-01-01", "3 years"),
    ],
)
def test_duration_words(start, end, words):
    assert race.duration_words(day(start), day(end)) == words


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (dt.timedelta(hours=3, minutes=27), "3 hours 27 minutes"),
        (dt.timedelta(minutes=40), "40 minutes"),
        (dt.timedelta(hours=1), "1 hour"),
        (dt.timedelta(minutes=1), "1 minute"),
        (dt.timedelta(0), "0 minutes"),
    ],
)
def test_clock_words(delta, words):
    assert race.clock_words(delta) == words


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (dt.timedelta(days=11, hours=19, minutes=40), "11 days 19 h 40 min"),
        (dt.timedelta(days=1, minutes=5), "1 day 0 h 05 min"),
        (dt.timedelta(days=12), "12 days"),
    ],
)
def test_span_words(delta, words):
    assert race.span_words(delta) == words


# --- headline figures ------------------------------------------------------------


FLIGHT = (
    RU_ANNOUNCED,
    ev("ru", "launch", "2021-10-05T08:55Z", title="Launch"),
    ev("ru", "filming", "2021-10-05", end="2021-10-16"),
    ev("ru", "return", "2021-10-17T01:14Z", title="Undocking"),
    LANDING,
    ev("ru", "premiere", "2023-04-12", title="Premiere"),
    ANNOUNCED,
)


def figure(result: race.RaceResult, key: str, side: RaceSide) -> race.Figure:
    row = next(r for r in result.figures if r.key == key)
    return next(f for f in row.figures if f.side == side)


@pytest.mark.parametrize(
    ("key", "side", "as_of", "value", "detail", "roles"),
    [
        ("announcement_to_launch", RU, None, "about 378 days", "22 Sep 2020 → 5 Oct 2021, 08:55 UTC",
         ["announcement", "launch"]),
        ("announcement_to_launch", US, None, "no launch yet", "", ["announcement"]),
        ("announcement_to_launch", US, "2021-10-06", "no launch yet",
         "520 days since the announcement, as of 6 Oct 2021", ["announcement"]),
        ("announcement_to_launch", RU, "2020-09-21", "not announced yet", "", []),
        # Days in orbit: launch to landing (the last return event of the flight, not the undocking).
        ("in_orbit", RU, None, "11 days 19 h 40 min", "5 Oct 2021, 08:55 UTC → 17 Oct 2021, 04:35 UTC",
         ["launch", "landing"]),
        ("in_orbit", RU, "2021-10-06", "in orbit, not back yet", "15 to 39 hours since the launch, as of 6 Oct 2021",
         ["launch"]),
        ("in_orbit", RU, "2021-10-05", "in orbit, not back yet", "the launch was that day, 5 Oct 2021", ["launch"]),
        ("in_orbit", US, None, "no launch yet", "", []),
        ("return_to_premiere", RU, None, "about 542 days", "17 Oct 2021, 04:35 UTC → 12 Apr 2023",
         ["landing", "premiere"]),
        ("return_to_premiere", RU, "2022-10-17", "no premiere yet",
         "about 365 days since the return, as of 17 Oct 2022", ["landing"]),
        ("return_to_premiere", US, None, "no return yet", "", []),
    ],
)  # fmt: skip
def test_headline_figures_link_to_the_events_they_come_from(key, side, as_of, value, detail, roles):
    found = figure(compare(*FLIGHT, as_of=day(as_of) if as_of else None), key, side)
    assert (found.value, found.detail, [link.role for link in found.links]) == (value, detail, roles)
    slugs = {e.slug for e in FLIGHT}
    assert all(link.slug in slugs for link in found.links)


def test_figures_at_coarse_precision_say_about():
    coarse = compare(ev("ru", "announcement", "2020-09"), ev("ru", "launch", "2021-10-05"))
    assert figure(coarse, "announcement_to_launch", RU).value == "about 385 days"  # 370 to 399 days


# --- summary ---------------------------------------------------------------------


def test_summary_counts_milestones_led_and_who_finished_first():
    result = compare(*FLIGHT, ev("us", "partner_joins", "2020-05-26"))
    summary = result.summary
    assert summary.led == ((RU, 4), (US, 2))  # RU: launch, filming, return, premiere; US: announcement, partners
    assert summary.text == "Milestones led, of 9: Russia 4, United States 2; reached by neither yet: 3."
    assert summary.finish.leader == RU
    assert summary.finish_text == (
        "First to complete the whole race (film shot in orbit and crew back on Earth): Russia, on 17 Oct 2021."
    )


def test_summary_before_anyone_finished_and_with_ties():
    result = compare(ev("ru", "launch", "2021-10"), ev("us", "launch", "2021-10-05"))
    assert result.summary.text == (
        "Milestones led, of 9: Russia 0, United States 0; too close to call: 1; reached by neither yet: 8."
    )
    assert result.summary.finish_text == (
        "No side has completed the whole race (film shot in orbit and crew back on Earth) yet."
    )


@pytest.mark.parametrize(
    ("us_return", "text"),
    [
        ("2021-10-17", "Completing the whole race (film shot in orbit and crew back on Earth): too close to "
         "call (17 Oct 2021, 04:35 UTC and 17 Oct 2021 overlap at the precision known)."),
        ("2024-11-20", "First to complete the whole race (film shot in orbit and crew back on Earth): Russia, "
         "on 17 Oct 2021, by about 3 years 1 month."),
    ],
)  # fmt: skip
def test_finishing_first_when_both_sides_finished(us_return, text):
    us = (ev("us", "filming", "2021-10-10"), ev("us", "return", us_return))
    result = compare(*FLIGHT, *us)
    assert result.summary.finish_text == text
    assert [side for side, _ in result.summary.finished] == [RU, US]


def test_finishing_needs_both_the_film_and_the_crew_home():
    result = compare(ev("ru", "filming", "2021-10-05"))
    assert result.summary.finish.kind is VerdictKind.NEITHER


# --- with the seed data ------------------------------------------------------------


def texts(result: race.RaceResult, side: str) -> dict[str, str]:
    return {m.kind: next(c.text for c in m.cells if c.side.slug == side) for m in result.milestones}


def test_seed_russia_flew_and_the_united_states_never_launched(seeded):
    result = standings.race_context(today=dt.date(2026, 1, 1))["race"]
    states = {m.kind: {c.side.slug: c.state for c in m.cells} for m in result.milestones}
    for kind in ("launch", "arrival", "filming", "return"):
        assert states[kind]["russia"] is CellState.REACHED
        assert milestone(result, kind).verdict.text == "only Russia so far"
    assert states["launch"]["united-states"] is CellState.NEVER
    # Axiom named its crew without Cruise on 26 Jan 2021: the plan was cancelled, not merely missed.
    assert texts(result, "united-states")["launch"] == "planned Oct 2021, cancelled"
    assert cell_slug(result, "launch", "united-states") == "axiom-flight-with-cruise-never-flew"
    assert texts(result, "russia")["launch"] == "5 Oct 2021, 08:55 UTC"
    assert milestone(result, "announcement").verdict.text == "United States first, by 4 months"
    assert result.summary.finish.leader.slug == "russia"


def cell_slug(result, kind, side):
    found = next(c for c in milestone(result, kind).cells if c.side.slug == side)
    return found.event.slug if found.event else None


def test_seed_as_of_the_article_day_the_return_is_still_planned(seeded):
    result = standings.race_context(dt.date(2021, 10, 6), today=dt.date(2026, 1, 1))["race"]
    russia = texts(result, "russia")
    assert russia["launch"] == "5 Oct 2021, 08:55 UTC"
    assert russia["return"].startswith("planned: 17 Oct 2021")
    landing = next(n for n in cell_for(result, "return", "russia").notes if n.slug == "soyuz-ms-18-lands")
    # The day-level plan of 17 Oct, as TASS repeated it on launch day: the minute came on 14 Oct.
    assert (landing.planned, landing.actual) == ("17 Oct 2021", "")
    assert landing.claims == (
        race.ClaimNote("NASA", "5 Oct 2021", "16 Oct 2021"),
        race.ClaimNote("Unattributed news article", "6 Oct 2021", "16 Oct 2021"),
    )
    assert texts(result, "united-states")["launch"] == "planned Oct 2021, cancelled"
    assert milestone(result, "return").verdict.text == "neither yet"


def cell_for(result, kind, side):
    return next(c for c in milestone(result, kind).cells if c.side.slug == side)


def test_seed_drafts_do_not_count(seeded):
    Event.objects.filter(slug="soyuz-ms-19-launch").update(published=False)
    result = standings.race_context(today=dt.date(2026, 1, 1))["race"]
    assert cell_slug(result, "launch", "russia") is None
    assert "Soyuz MS-19 lifts off" not in repr(result)


def test_race_context_uses_five_queries_whatever_the_number_of_events(russia, united_states):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            standings.race_context(today=dt.date(2026, 1, 1))
        return len(queries)

    for _n in range(5):
        make_event(russia, kind="launch")
    small = count()
    for _n in range(10):
        make_event(united_states, kind="arrival", sources=2)
        make_event(united_states, kind="return", status="planned")
    # Sides; the planned events and those with statements, with the first of
    # the others; the last returns and the landings; the statements about
    # events; those about milestones with no event yet.
    assert count() == small == 5


def _random_record(russia, united_states, count: int, seed: int) -> None:
    """Events of every kind, status and precision, some with plans or claims,
    some drafts: what an editor might enter, at random."""
    import random

    from timeline.models import Source, Statement
    from timeline.precision import truncate

    rng = random.Random(seed)
    kinds = [kind for kind, _ in Event.Kind.choices]
    for n in range(count):
        precision = rng.choice(["minute", "day", "day", "month", "year"])
        moment = dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
            days=rng.randrange(900), minutes=rng.randrange(1440)
        )
        status = rng.choice(["happened"] * 5 + ["planned", "unconfirmed", "cancelled"])
        values = {
            "kind": rng.choice(kinds),
            "status": status,
            "start": truncate(moment, precision),
            "start_precision": precision,
            "published": rng.random() > 0.1,
            "slug": f"random-{seed}-{n:04d}",
        }
        event = make_event(rng.choice([russia, united_states]), sources=0, **values)
        if rng.random() < 0.15:
            planned = moment - dt.timedelta(days=rng.randrange(-40, 200))
            said = moment - dt.timedelta(days=rng.randrange(0, 400))
            Statement.objects.create(
                event=event,
                kind=rng.choice(["plan", "revision", "plan"]),
                date=truncate(planned, "day"),
                date_precision="day",
                announced=truncate(said, "day") if rng.random() < 0.9 else None,
                announced_precision="day" if rng.random() < 0.9 else "",
                publisher="Roscosmos",
            )
            if rng.random() < 0.3:
                Statement.objects.create(
                    event=event,
                    kind="cancellation",
                    announced=truncate(said + dt.timedelta(days=rng.randrange(1, 100)), "day"),
                    announced_precision="day",
                    publisher="Axiom",
                )
        if rng.random() < 0.1:
            Source.objects.create(event=event, publisher="Wire", url=f"https://example.org/claim/{event.slug}")
            Statement.objects.create(
                event=event,
                kind="claim",
                publisher="Wire",
                date=truncate(moment + dt.timedelta(days=rng.randrange(1, 30)), "day"),
                date_precision="day",
                announced=truncate(moment - dt.timedelta(days=rng.randrange(0, 60)), "day"),
                announced_precision="day",
            )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reading_only_what_the_race_shows_gives_the_same_race_as_reading_everything(russia, united_states, seed):
    """`race_inputs` reads the planned and claimed events and only the first
    (and last) of the others; the comparison must be the very one that every
    published event gives, on any day."""
    from timeline import selectors

    _random_record(russia, united_states, 300, seed)
    efforts = selectors.efforts_in_order()
    sides = [standings.race_side(effort) for effort in efforts]
    full = [_every_fact(event) for event in selectors.events_published()]
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=d) for d in range(0, 1000, 23)] + [dt.date(2026, 1, 1)]
    for day in days:
        _, fewer = standings.race_inputs(efforts, day)
        assert race_compare(sides, fewer, day) == race_compare(sides, full, day), day
        assert standings.first_launch_day(fewer, day) == standings.first_launch_day(full, day)
        # It does read fewer: of the events with neither plan nor claim, two
        # per side, kind, status and precision (returns: the last and the landing too).
        plain = Counter(
            (e.side, e.kind, e.status, e.start_precision)
            for e in fewer
            if e.status in ("happened", "unconfirmed") and not e.statements
        )
        assert all(count <= (2 if kind != "return" else 4) for (_, kind, _, _), count in plain.items()), plain
    assert len(fewer) < len(full)


def _every_fact(event) -> race.RaceEvent:
    """One published event, read in full, as the comparison takes it."""
    return race.RaceEvent(
        slug=event.slug,
        side=event.effort.slug,
        kind=event.kind,
        title=event.title,
        start=event.start,
        start_precision=event.start_precision,
        status=event.status,
        end=event.end,
        end_precision=event.end_precision,
        statements=tuple(statement.said() for statement in event.statements.all()),
        recorded=event.created,
    )


# --- /race/ --------------------------------------------------------------------------


def row(html: str, kind: str) -> str:
    """The table row of one milestone."""
    start = html.index(f'id="milestone-{kind}"')
    return html[start : html.index("</tr>", start)]


def test_race_page_shows_the_table_figures_and_summary(client, seeded):
    response = client.get("/race/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert 'id="race-controls"' in html
    assert 'id="race-table"' in html
    launch = row(html, "launch")
    assert "5 Oct 2021, 08:55 UTC" in launch
    assert 'href="/events/soyuz-ms-19-launch/"' in launch
    assert "planned Oct 2021, cancelled" in launch
    assert "cancelled: Axiom Space via SpaceNews, 26 Jan 2021" in launch
    assert 'href="/events/axiom-flight-with-cruise-never-flew/"' in launch
    assert "only Russia so far" in launch
    for kind in ("arrival", "filming", "return"):
        assert "only Russia so far" in row(html, kind)
    assert "United States first, by 4 months" in row(html, "announcement")
    # Planned against actual on the landing, with the article's expectation.
    ret = row(html, "return")
    # The last plan (revised on 16 Oct to 04:35:42 UTC) was met: the note gives the sources' other dates.
    assert "planned 17 Oct 2021, 04:35 UTC" in ret
    assert "Roscosmos via Sputnik (UrduPoint), 16 Oct 2021" in ret
    assert "actual 17 Oct 2021, 04:35 UTC" in ret
    assert "Unattributed news article (6 Oct 2021) said 16 Oct 2021" in ret
    # Headline figures, each linking to the events behind it.
    assert "378 days" in html
    assert "11 days 19 h 40 min" in html
    assert "542 days" in html
    assert 'href="/events/roscosmos-announces-challenge/">announcement' in html
    assert 'href="/events/soyuz-ms-18-lands/">landing' in html
    assert "First to complete the whole race (film shot in orbit and crew back on Earth): Russia" in html
    assert response["Vary"]
    assert "HX-Request" in response["Vary"]


def test_the_seed_shows_every_note_on_any_day(seeded):
    """The cap never hides anything in the seed (at most two notes a cell)."""
    for as_of in (None, dt.date(2021, 10, 5), standings.ARTICLE_DAY, dt.date(2026, 1, 1)):
        result = standings.race_context(as_of, today=dt.date(2026, 1, 1))["race"]
        assert all(c.more == 0 for m in result.milestones for c in m.cells), as_of


def test_race_page_lists_three_plans_a_cell_and_links_to_the_rest(client, russia, united_states):
    make_event(russia, kind="announcement", start=dt.datetime(2020, 9, 22, tzinfo=dt.UTC))
    for n in range(12):
        make_event(russia, kind="launch", status="planned", slug=f"plan-{n:02d}", title=f"Plan {n:02d}",
                   start=dt.datetime(2021, 10, 1 + n, tzinfo=dt.UTC), sources=0, created=utc(2020, 9, 1))  # fmt: skip
    launch = row(client.get("/race/", {"as_of": "2021-09-30"}).content.decode(), "launch")
    assert "planned: 1 Oct 2021" in launch  # the earliest is the cell itself
    assert [n for n in range(12) if f'href="/events/plan-{n:02d}/"' in launch] == [0, 1, 2, 3]
    assert 'href="/?side=russia&amp;kind=launch">and 8 more planned events' in launch
    # The link is the timeline filtered to that side and milestone: every plan is there.
    listed = client.get("/", {"side": "russia", "kind": "launch"}).content.decode()
    assert all(f'href="/events/plan-{n:02d}/?side=russia&amp;kind=launch"' in listed for n in range(12))


def test_race_page_as_of_the_article_day(client, seeded):
    html = client.get("/race/", {"as_of": "2021-10-06"}).content.decode()
    assert 'The race as it stood on <time datetime="2021-10-06">6 Oct 2021</time>' in html
    assert 'value="2021-10-06"' in html
    ret = row(html, "return")
    assert "planned: 17 Oct 2021" in ret
    assert "neither yet" in ret
    assert "Unattributed news article (6 Oct 2021) said 16 Oct 2021" in ret
    assert "planned Oct 2021, cancelled" in row(html, "launch")
    assert "in orbit, not back yet" in html
    assert 'id="race-preset-article" href="/race/?as_of=2021-10-06"' in html
    assert html.count('aria-current="true"') == 1
    assert 'aria-current="true">The article’s day, 6 Oct 2021' in html


def test_race_fragment_under_htmx(client, seeded):
    response = client.get(
        "/race/", {"as_of": "2021-10-05"}, headers={"HX-Request": "true", "HX-Trigger": "race-controls"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith("<title>Who got there first, as of 5 Oct 2021 — Space Film Race</title>")
    assert '<section id="race-table"' in html
    assert "The race as it stood on" in html
    assert "5 Oct 2021, 08:55 UTC" in html
    assert "hx-swap-oob" not in html  # the date control asked: it is left alone


def test_race_fragment_from_a_preset_refreshes_the_date_control(client, seeded):
    response = client.get(
        "/race/", {"as_of": "2021-10-06"}, headers={"HX-Request": "true", "HX-Trigger": "race-preset-article"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="race-controls"' in html
    assert 'hx-swap-oob="true"' in html
    assert 'value="2021-10-06"' in html


def test_race_history_restore_gets_the_full_page(client, seeded):
    response = client.get(
        "/race/", {"as_of": "2021-10-06"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" in html
    assert 'id="race-controls"' in html
    assert "planned: 17 Oct 2021" in html


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("2021-02-31", "Enter the as-of date as YYYY-MM-DD (for example 2021-10-06)."),
        ("yesterday", "Enter the as-of date as YYYY-MM-DD (for example 2021-10-06)."),
        ("2021-10-06T12:00", "Enter the as-of date as YYYY-MM-DD (for example 2021-10-06)."),
        ("06/10/2021", "Enter the as-of date as YYYY-MM-DD (for example 2021-10-06)."),
        ("x" * 5000, "Enter the as-of date as YYYY-MM-DD (for example 2021-10-06)."),
        ("1900-01-01", "Choose an as-of date from 1957-10-04 to today"),
        ("9999-12-31", "Choose an as-of date up to today"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_as_of_is_a_clear_400(client, seeded, as_of, message, htmx):
    headers = {"HX-Request": "true", "HX-Trigger": "race-controls"} if htmx else {}
    response = client.get("/race/", {"as_of": as_of}, headers=headers)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert "That date cannot be shown" in html
    assert 'class="race-table"' not in html  # no table for a day that cannot be shown
    assert ("<html" in html) is not htmx
    if not htmx:
        assert 'aria-invalid="true"' in html


def test_tomorrow_is_refused_and_today_is_fine(client, seeded):
    today = standings.today_utc()
    assert client.get("/race/", {"as_of": today.isoformat()}).status_code == 200
    response = client.get("/race/", {"as_of": (today + dt.timedelta(days=1)).isoformat()})
    assert response.status_code == 400
    assert f"Choose an as-of date up to today ({today:%Y-%m-%d})" in response.content.decode()


def test_empty_as_of_means_today(client, seeded):
    html = client.get("/race/", {"as_of": ""}).content.decode()
    assert f'value="{standings.today_utc():%Y-%m-%d}"' in html
    assert "(today)" in html


def test_race_page_keeps_drafts_out(client, russia):
    make_event(russia, kind="launch", title="Secret draft launch", slug="secret-draft-launch", published=False)
    make_event(russia, kind="announcement", title="Public announcement", slug="public-announcement")
    html = client.get("/race/").content.decode()
    assert "Public announcement" in html
    assert "Secret draft launch" not in html
    assert "secret-draft-launch" not in html


def test_race_page_query_count_is_constant(client, russia, united_states):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/race/").status_code == 200
        return len(queries)

    for _ in range(4):
        make_event(russia, kind="launch")
    small = count()
    for _ in range(8):
        make_event(united_states, kind="return", sources=2)
    assert count() == small


def test_race_page_only_answers_get(client, db):
    assert client.post("/race/").status_code == 405


# --- as of today: the cut-off is now -----------------------------------------------


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize(
    ("as_of", "now", "cutoff"),
    [
        # Today: now, not the end of the day.
        ("2021-10-05", "2021-10-05T07:20Z", "2021-10-05T07:20Z"),
        # A past day: its end, whatever the time now.
        ("2021-10-04", "2021-10-05T07:20Z", "2021-10-05T00:00Z"),
        ("2021-10-05", "2026-01-01T12:00Z", "2021-10-06T00:00Z"),
        # No clock given: the end of the day.
        ("2021-10-05", None, "2021-10-06T00:00Z"),
    ],
)
def test_the_cutoff_is_the_end_of_the_day_or_now_for_today(as_of, now, cutoff):
    assert race.cutoff(day(as_of), at(now) if now else None) == at(cutoff)


@pytest.mark.parametrize(
    ("start", "known"),
    [
        ("2021-10-05T07:00Z", True),
        ("2021-10-05T07:19Z", True),  # its minute is over at 07:20
        ("2021-10-05T07:20Z", False),  # its minute is not
        ("2021-10-05T23:00Z", False),  # later today is not done
        ("2021-10-05", False),  # "some time today": not over until midnight
        ("2021-10-04", True),
    ],
)
def test_later_today_does_not_count_as_done(start, known):
    result = race_compare([US, RU], [ev("ru", "launch", start)], day("2021-10-05"), at("2021-10-05T07:20Z"))
    assert cell(result, "launch", RU).reached is known
    assert milestone(result, "launch").verdict.text == ("only Russia so far" if known else "neither yet")


def test_the_race_as_of_today_reads_the_record_at_the_instant_asked(seeded):
    """Launch day, 5 Oct 2021, before and after the 08:55 UTC lift-off."""
    before = standings.race_context(now=at("2021-10-05T07:20Z"))
    assert (before["race_as_of"], before["race_is_today"]) == (day("2021-10-05"), True)
    assert texts(before["race"], "russia")["launch"] == "planned: 5 Oct 2021, 08:55 UTC"
    in_orbit = next(r for r in before["race"].figures if r.key == "in_orbit")
    assert [f.value for f in in_orbit.figures if f.side.slug == "russia"] == ["no launch yet"]
    assert [preset.key for preset in before["race_presets"]] == ["today"]  # no launch to jump to yet
    after = standings.race_context(now=at("2021-10-05T08:56Z"))
    assert texts(after["race"], "russia")["launch"] == "5 Oct 2021, 08:55 UTC"
    assert [preset.key for preset in after["race_presets"]] == ["launch", "today"]


# --- plans past their date ---------------------------------------------------------


PLANNED_LAUNCH = ev("us", "launch", "2021-10", status="planned", planned_by="Axiom, Sep 2020", title="Axiom flight")


@pytest.mark.parametrize(
    ("as_of", "state", "text"),
    [
        ("2021-06-01", CellState.PLANNED, "planned: Oct 2021"),
        ("2021-10-30", CellState.PLANNED, "planned: Oct 2021"),
        ("2021-10-31", CellState.OVERDUE, "planned for Oct 2021, no report since"),
        ("2025-01-01", CellState.OVERDUE, "planned for Oct 2021, no report since"),
        # Everything recorded, no day to be late by: the plan as it stands.
        (None, CellState.PLANNED, "planned: Oct 2021"),
    ],
)
def test_a_plan_past_its_date_with_no_report_is_not_shown_as_live(as_of, state, text):
    found = cell(compare(ANNOUNCED, PLANNED_LAUNCH, as_of=day(as_of) if as_of else None), "launch", US)
    assert (found.state, found.text, found.event) == (state, text, PLANNED_LAUNCH)
    assert found.planned_by == "Axiom, Sep 2020"
    assert found.notes == ()


def test_an_event_that_came_late_is_overdue_until_its_report():
    late = ev("us", "launch", "2021-10-10", planned="2021-10-01")
    assert cell(compare(ANNOUNCED, late, as_of=day("2021-10-05")), "launch", US).text == (
        "planned for 1 Oct 2021, no report since"
    )
    assert cell(compare(ANNOUNCED, late, as_of=day("2021-10-10")), "launch", US).text == "10 Oct 2021"


def test_a_plan_past_its_date_beside_another_is_listed_as_such():
    """Beside a live plan or an event reached, an overdue plan is no live plan either."""
    later = ev("us", "launch", "2022-03", status="planned", title="Later plan")
    found = cell(compare(ANNOUNCED, PLANNED_LAUNCH, later, as_of=day("2021-12-01")), "launch", US)
    assert (found.state, found.event, found.text) == (CellState.PLANNED, later, "planned: Mar 2022")
    assert found.notes == ()
    assert found.lapsed == ((PLANNED_LAUNCH, "planned for Oct 2021, no report since"),)
    flown = ev("us", "launch", "2022-04-08T15:17Z")
    found = cell(compare(ANNOUNCED, PLANNED_LAUNCH, AXIOM, flown, as_of=day("2022-05-01")), "launch", US)
    assert found.event == flown
    assert sorted(text for _, text in found.lapsed) == [
        "planned Oct 2021, never flew",
        "planned for Oct 2021, no report since",
    ]


def test_a_plan_past_its_date_keeps_its_sources_differing_dates():
    claimed = RaceClaim("Wire", parse_iso("2021-11-15")[0], "day", day("2021-09-01"))
    plan = ev("us", "launch", "2021-10", status="planned", claims=(claimed,))
    found = cell(compare(ANNOUNCED, plan, as_of=day("2021-11-01")), "launch", US)
    assert found.state is CellState.OVERDUE
    wire = race.ClaimNote("Wire", "1 Sep 2021", "15 Nov 2021")
    assert [(n.planned, n.claims) for n in found.notes] == [("Oct 2021", (wire,))]


def test_race_page_says_no_report_since(client, russia):
    make_event(russia, kind="announcement", start=dt.datetime(2020, 9, 22, tzinfo=dt.UTC))
    plan = dt.datetime(2022, 4, 12, tzinfo=dt.UTC)
    make_event(russia, kind="premiere", status="planned", slug="premiere-plan", start=plan, created=utc(2021, 1, 1))
    premiere = row(client.get("/race/", {"as_of": "2022-05-01"}).content.decode(), "premiere")
    assert "planned for 12 Apr 2022, no report since" in premiere
    assert "planned: 12 Apr 2022" not in premiere
    assert 'class="race-cell race-cell-overdue"' in premiere


# --- Return is the landing ---------------------------------------------------------


UNDOCKING = ev("ru", "return", "2021-10-17T01:14Z", planned="2021-10-17T01:14Z", title="Undocking")
RU_LAUNCH = ev("ru", "launch", "2021-10-05T08:55Z", title="Launch")
RU_FILMING = ev("ru", "filming", "2021-10-05", end="2021-10-16")


def test_return_is_the_landing_not_the_undocking():
    result = compare(*FLIGHT)
    found = cell(result, "return", RU)
    assert (found.state, found.event, found.text) == (CellState.REACHED, LANDING, "17 Oct 2021, 04:35 UTC")
    assert figure(result, "in_orbit", RU).links[-1].slug == LANDING.slug
    assert result.summary.finished == ((RU, "17 Oct 2021"),)


@pytest.mark.parametrize(
    ("now", "state", "text", "in_orbit"),
    [
        # Undocked, not landed: not back on Earth, the landing still planned.
        ("2021-10-17T03:00Z", CellState.PLANNED, "planned: 17 Oct 2021, 04:36 UTC", "in orbit, not back yet"),
        ("2021-10-17T04:36Z", CellState.REACHED, "17 Oct 2021, 04:35 UTC", "11 days 19 h 40 min"),
    ],
)
def test_between_undocking_and_landing_the_crew_is_not_back(now, state, text, in_orbit):
    events = [RU_ANNOUNCED, RU_LAUNCH, RU_FILMING, UNDOCKING, LANDING]
    result = race_compare([US, RU], events, day("2021-10-17"), at(now))
    found = cell(result, "return", RU)
    assert (found.state, found.event, found.text) == (state, LANDING, text)
    assert figure(result, "in_orbit", RU).value == in_orbit
    assert (result.summary.finish.kind is VerdictKind.ONLY) is (state is CellState.REACHED)


def test_an_undocking_the_day_before_the_landing_is_not_the_return():
    undocking = ev("ru", "return", "2021-10-16T22:00Z", title="Undocking")
    landing = ev("ru", "return", "2021-10-17T01:30Z", planned="2021-10-17T01:30Z", title="Landing")
    result = compare(RU_ANNOUNCED, RU_LAUNCH, undocking, landing, as_of=day("2021-10-16"))
    assert cell(result, "return", RU).text == "planned: 17 Oct 2021, 01:30 UTC"
    assert milestone(result, "return").verdict.text == "neither yet"


def test_as_of_the_article_day_the_return_plan_is_the_landings():
    found = cell(compare(RU_ANNOUNCED, RU_LAUNCH, UNDOCKING, LANDING, as_of=day("2021-10-06")), "return", RU)
    assert (found.event, found.text) == (LANDING, "planned: 17 Oct 2021, 04:36 UTC")
    assert found.planned_by == "Roscosmos via TASS, 14 Oct 2021"


def test_a_later_flights_return_is_not_the_first_flights_landing():
    second_launch = ev("ru", "launch", "2023-09-15T15:44Z", title="Second launch")
    second_return = ev("ru", "return", "2024-03-01T12:00Z", title="Second return")
    result = compare(RU_ANNOUNCED, RU_LAUNCH, RU_FILMING, UNDOCKING, LANDING, second_launch, second_return)
    assert cell(result, "return", RU).event == LANDING
    assert figure(result, "in_orbit", RU).value == "11 days 19 h 40 min"


def test_seed_return_cell_in_orbit_and_finish_all_use_the_landing(client, seeded):
    html = client.get("/race/", {"as_of": "2021-10-17"}).content.decode()
    ret = row(html, "return")
    assert '<time datetime="2021-10-17T04:35Z">17 Oct 2021, 04:35 UTC</time>' in ret
    assert 'class="race-event" href="/events/soyuz-ms-18-lands/"' in ret
    assert "01:14 UTC" not in ret.split('<ul class="race-notes">')[0]
    assert "11 days 19 h 40 min" in html
    assert "Russia, on 17 Oct 2021." in html
    result = standings.race_context(day("2021-10-17"), today=day("2026-01-01"))["race"]
    assert cell_slug(result, "return", "russia") == "soyuz-ms-18-lands"
    as_of_article = standings.race_context(standings.ARTICLE_DAY, today=day("2026-01-01"))["race"]
    assert texts(as_of_article, "russia")["return"] == "planned: 17 Oct 2021"  # the minute was given on 14 Oct


def test_seed_undocking_stays_on_the_timeline_as_a_return_event(client, seeded):
    html = client.get("/", {"side": "russia", "kind": "return"}).content.decode()
    assert 'href="/events/soyuz-ms-18-undocks/' in html
    assert 'href="/events/soyuz-ms-18-lands/' in html


def test_reading_only_what_the_race_shows_holds_at_any_instant_of_today(russia, united_states):
    """With a cut-off inside the day (today, at `now`), the rows read still give the very race every event gives."""
    from timeline import selectors

    _random_record(russia, united_states, 300, 4)
    efforts = selectors.efforts_in_order()
    sides = [standings.race_side(effort) for effort in efforts]
    full = [_every_fact(event) for event in selectors.events_published()]
    for n in range(0, 900, 29):
        now = dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=n, minutes=n * 37 % 1440)
        today = now.date()
        _, fewer = standings.race_inputs(efforts, today, now)
        assert race_compare(sides, fewer, today, now) == race_compare(sides, full, today, now), now
        assert standings.first_launch_day(fewer, today, now) == standings.first_launch_day(full, today, now)


# --- gaps only as precise as both dates ------------------------------------------------


@pytest.mark.parametrize(
    ("ru", "us", "text", "detail"),
    [
        # A day against a time: not "1 day" but the hours the day allows.
        ("2021-10-16", "2021-10-17T01:14Z", "Russia first, by 1 to 25 hours", "between 1 h 14 min and 25 h 14 min"),
        ("2021-10-17T01:14Z", "2021-10-18", "Russia first, by 23 to 47 hours", "between 22 h 46 min and 46 h 46 min"),
        # Far enough apart, the day is within a tenth of the gap: "about".
        ("2021-10-05", "2021-11-20T12:00Z", "Russia first, by about 46 days",
         "between 45 days 12 h 00 min and 46 days 12 h 00 min"),
        # Two days: whole calendar days, as before.
        ("2021-10-16", "2021-10-17", "Russia first, by 1 day", "1 day"),
    ],
)  # fmt: skip
def test_a_day_against_a_time_is_a_range_not_an_exact_gap(ru, us, text, detail):
    verdict = milestone(compare(ev("ru", "return", ru), ev("us", "return", us)), "return").verdict
    assert (verdict.kind, verdict.text, verdict.detail) == (VerdictKind.FIRST, text, detail)
    assert verdict.gap.exact is (detail == "1 day")


MONTH_FILMING = (ev("ru", "filming", "2021-10"), ev("ru", "return", "2021-10-16"))


def test_the_finish_waits_for_the_end_of_every_window_it_depends_on():
    """A film shot some time in October and a crew home on 16 October were
    done some time from 16 to 31 October: against a finish on 17 October that
    is too close to call, not "Russia, on 16 Oct 2021, by 1 day"."""
    us = (ev("us", "filming", "2021-10-10"), ev("us", "return", "2021-10-17"))
    summary = compare(*MONTH_FILMING, *us).summary
    assert summary.finish.kind is VerdictKind.TOO_CLOSE
    assert summary.finish_text == (
        "Completing the whole race (film shot in orbit and crew back on Earth): too close to call "
        "(16–31 Oct 2021 and 17 Oct 2021 overlap at the precision known)."
    )
    assert dict(summary.finished) == {RU: "16–31 Oct 2021", US: "17 Oct 2021"}


def test_a_finish_the_windows_settle_says_when_and_by_how_much():
    us = (ev("us", "filming", "2021-10-10"), ev("us", "return", "2021-11-05"))
    summary = compare(*MONTH_FILMING, *us).summary
    assert summary.finish.leader == RU
    assert summary.finish_text == (
        "First to complete the whole race (film shot in orbit and crew back on Earth): Russia, "
        "between 16 Oct 2021 and 31 Oct 2021, by 5 to 20 days."
    )


def test_the_end_of_the_filming_span_counts_not_its_start():
    ru = (ev("ru", "filming", "2021-10-05", end="2021-10-20"), ev("ru", "return", "2021-10-17T04:35Z"))
    us = (ev("us", "filming", "2021-10-10"), ev("us", "return", "2021-10-18T10:00Z"))
    summary = compare(*ru, *us).summary
    assert summary.finish.kind is VerdictKind.FIRST
    assert summary.finish.leader == US  # Russia was still filming until 20 October
    assert dict(summary.finished) == {RU: "20 Oct 2021", US: "18 Oct 2021"}


def test_as_of_a_day_a_finish_counts_only_once_its_window_is_over():
    ru = (ev("ru", "filming", "2021-10-05", end="2021-10"), ev("ru", "return", "2021-10-16"))
    assert compare(*ru, as_of=day("2021-10-20")).summary.finish.kind is VerdictKind.NEITHER
    assert compare(*ru, as_of=day("2021-10-31")).summary.finish.leader == RU


@pytest.mark.parametrize(
    ("launch", "landing", "value"),
    [
        ("2021-10-05", "2021-10-17T04:35Z", "about 12 days"),  # a day against a time
        ("2021-10-05T08:55Z", "2021-10-06", "15 to 39 hours"),
        ("2021-10-05", "2021-10-17", "12 days"),  # two days: calendar days
        ("2021-10", "2021-10-17", "up to 16 days"),
        ("2021-10-05T08:55Z", "2021-10-17T04:35Z", "11 days 19 h 40 min"),
    ],
)
def test_time_in_orbit_is_only_as_precise_as_both_ends(launch, landing, value):
    result = compare(ev("ru", "launch", launch), ev("ru", "return", landing))
    assert figure(result, "in_orbit", RU).value == value


@pytest.mark.parametrize(
    ("announced", "as_of", "detail"),
    [
        ("2020-09", "2020-10-15", "15 to 44 days since the announcement, as of 15 Oct 2020"),
        ("2020-09-22", "2020-10-15", "23 days since the announcement, as of 15 Oct 2020"),
        ("2020-09-22T10:00Z", "2020-09-23", "14 to 38 hours since the announcement, as of 23 Sep 2020"),
        ("2020-09-22T10:00Z", "2020-09-22", "the announcement was that day, 22 Sep 2020"),
    ],
)
def test_days_since_are_only_as_precise_as_the_date(announced, as_of, detail):
    result = compare(ev("ru", "announcement", announced), as_of=day(as_of))
    assert figure(result, "announcement_to_launch", RU).detail == detail


# --- <time datetime> at the precision known ---------------------------------------------


TIME_ELEMENT = r'<time datetime="([^"]*)"'
AT_A_PRECISION = r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}Z)?)?)?"


def test_the_race_table_times_carry_only_the_precision_known(client, seeded):
    import re

    html = client.get("/race/").content.decode()
    assert '<time datetime="2021-10-05T08:55Z">5 Oct 2021, 08:55 UTC</time>' in row(html, "launch")
    assert '<time datetime="2021-05">May 2021</time>' in row(html, "training")
    assert '<time datetime="2021-10-05">5 Oct 2021</time>' in row(html, "filming")
    values = re.findall(TIME_ELEMENT, html)
    assert len(values) > 5
    assert all(re.fullmatch(AT_A_PRECISION, value) for value in values), values


def test_the_timeline_times_carry_only_the_precision_known(client, seeded):
    import re

    html = client.get("/").content.decode()
    values = re.findall(TIME_ELEMENT, html)
    assert {"2021-10", "2021-05", "2021-10-05T08:55Z", "2020-05-04"} <= set(values)
    assert all(re.fullmatch(AT_A_PRECISION, value) for value in values), values
