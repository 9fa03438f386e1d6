"""The sourced seed events: loaded once and only once, with planned vs actual;
seeding again never changes a stored row unless asked to, after showing how."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from timeline.models import Effort, Event, Phase, Source, Statement
from timeline.precision import format_date


def test_seed_loads_the_researched_events_with_their_sources(seeded):
    # 32 researched events + the US launch that never flew + Russia's partners, announced with the project
    assert Event.objects.count() == 34
    assert Event.objects.filter(effort__slug="russia").count() == 21
    assert Event.objects.filter(effort__slug="united-states").count() == 13
    assert Event.objects.filter(published=True).count() == 34
    assert Effort.objects.count() == 2
    assert list(Phase.objects.values_list("slug", flat=True)) == [
        "announcements",
        "casting-and-training",
        "flight",
        "release-and-aftermath",
    ]
    assert not Event.objects.filter(sources__isnull=True).exists()
    assert Source.objects.count() >= 33 * 2


def test_seed_runs_twice_without_duplicating_anything(seeded):
    counts = (Event.objects.count(), Source.objects.count(), Effort.objects.count(), Phase.objects.count())
    updated = {e.slug: e.updated for e in Event.objects.all()}
    call_command("seed_events", verbosity=0)
    assert (Event.objects.count(), Source.objects.count(), Effort.objects.count(), Phase.objects.count()) == counts
    assert {e.slug: e.updated for e in Event.objects.all()} == updated


def test_return_shows_planned_and_actual(seeded):
    landing = Event.objects.get(slug="soyuz-ms-18-lands")
    assert landing.kind == "return"
    assert landing.start_display == "17 Oct 2021, 04:35 UTC"
    article = landing.sources.get(publisher="Unattributed news article")
    assert article.published.isoformat() == "2021-10-06"
    claim = landing.statements.get(publisher="Unattributed news article")
    assert (claim.kind, claim.said().date_text, claim.said().announced_text) == ("claim", "16 Oct 2021", "6 Oct 2021")
    # Every plan of the return, each with the day it was said: the day first, the minute from 14 Oct.
    plans = [(s.said().announced_text, s.said().date_text) for s in landing.statements.exclude(kind="claim")]
    assert sorted(plans, key=lambda p: p[0][-4:]) == sorted(
        [
            ("25 Apr 2021", "17 Oct 2021"),
            ("10 Aug 2021", "17 Oct 2021"),
            ("8 Sep 2021", "17 Oct 2021"),
            ("5 Oct 2021", "17 Oct 2021"),
            ("14 Oct 2021", "17 Oct 2021, 04:36 UTC"),
            ("16 Oct 2021", "17 Oct 2021, 04:35 UTC"),
        ],
        key=lambda p: p[0][-4:],
    )
    nasa = landing.statements.get(publisher="NASA")
    assert nasa.kind == "claim"
    assert nasa.wording.startswith("Oct. 16 (Oct. 17 Kazakhstan time)")


def test_precision_and_times_come_from_the_research(seeded):
    launch = Event.objects.get(slug="soyuz-ms-19-launch")
    assert launch.start_display == "5 Oct 2021, 08:55 UTC"
    assert launch.plan_summary() == ""  # the plan that stood was met
    training = Event.objects.get(slug="film-crew-training")
    assert training.date_display == "May – 4 Oct 2021"
    filming = Event.objects.get(slug="filming-aboard-the-iss")
    assert filming.date_display == "5–16 Oct 2021"
    assert "Yulia Peresild" in filming.people_list
    docking = Event.objects.get(slug="soyuz-ms-19-docks")
    assert format_date(docking.start, docking.start_precision) == "5 Oct 2021, 12:22 UTC"
    assert docking.plan_summary().startswith("5 Oct 2021, 12:12 UTC (NASA, 5 Oct 2021")


def test_unconfirmed_and_never_happened_items_are_marked(seeded):
    statuses = dict(Event.objects.values_list("slug", "status"))
    assert statuses["cruise-liman-reported-on-axiom-flight"] == "unconfirmed"
    assert statuses["cruise-space-film-shelved"] == "unconfirmed"
    assert statuses["axiom-flight-with-cruise-never-flew"] == "cancelled"
    assert statuses["soyuz-ms-19-launch"] == "happened"


# --- seeding never overwrites what editors did ----------------------------------------


class Terminal(io.StringIO):
    """A terminal's input for the --update prompt: what the person types."""

    def isatty(self) -> bool:
        return True


def seed(*args, **options) -> str:
    out = io.StringIO()
    call_command("seed_events", *args, stdout=out, **options)
    return out.getvalue()


def test_seeding_again_keeps_an_editors_changes_and_adds_only_what_is_missing(seeded):
    launch = Event.objects.get(slug="soyuz-ms-19-launch")
    launch.title = "Soyuz MS-19 lifts off with the film crew"
    launch.save()
    Effort.objects.filter(slug="russia").update(film_title="Вызов")
    Phase.objects.filter(slug="flight").update(name="In orbit")
    Event.objects.get(slug="soyuz-ms-18-lands").delete()
    stored = {e.slug: e.updated for e in Event.objects.all()}

    output = seed()
    assert "Seed events: 1 added, 33 already stored and left as they are." in output
    assert Event.objects.get(slug="soyuz-ms-19-launch").title == "Soyuz MS-19 lifts off with the film crew"
    assert Effort.objects.get(slug="russia").film_title == "Вызов"
    assert Phase.objects.get(slug="flight").name == "In orbit"
    assert Event.objects.filter(slug="soyuz-ms-18-lands").exists()
    assert {e.slug: e.updated for e in Event.objects.exclude(slug="soyuz-ms-18-lands")} == stored


def test_update_lists_each_difference_and_without_a_yes_writes_nothing(seeded):
    launch = Event.objects.get(slug="soyuz-ms-19-launch")
    seed_title = launch.title
    launch.title = "An editor's title"
    launch.save()
    Effort.objects.filter(slug="russia").update(film_title="Вызов")

    with pytest.raises(CommandError, match="Nothing was written. Run `manage.py seed_events --update --yes`"):
        seed("--update")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("seed_events", "--update", stdout=out, stdin=Terminal("no\n"))
    output = out.getvalue()
    assert "Updating from the seed would change 2 field(s):" in output
    assert f"  event soyuz-ms-19-launch:\n    title: An editor's title → {seed_title}\n" in output
    assert "  side russia:\n    film_title: Вызов → Challenge (Вызов)\n" in output
    assert "Write these changes? Type yes to go on:" in output
    assert Event.objects.get(slug="soyuz-ms-19-launch").title == "An editor's title"
    assert Effort.objects.get(slug="russia").film_title == "Вызов"


@pytest.mark.parametrize(("args", "stdin"), [(("--yes",), None), ((), "yes\n")])
def test_update_writes_after_a_yes(seeded, args, stdin):
    launch = Event.objects.get(slug="soyuz-ms-19-launch")
    seed_title = launch.title
    launch.title = "An editor's title"
    launch.save()
    output = seed("--update", *args, stdin=Terminal(stdin) if stdin else None)
    assert "title: An editor's title → " in output
    assert "Seed events: 0 added, 1 updated, 33 unchanged." in output
    assert Event.objects.get(slug="soyuz-ms-19-launch").title == seed_title


def test_update_with_nothing_to_change_says_so(seeded):
    assert "Every stored seed row already matches the seed: nothing to update." in seed("--update")


def test_the_launch_time_was_not_known_on_13_may_2021(seeded):
    """The record gave the day then; 11:55 MSK came with the 10 Aug and 4 Oct 2021 reports."""
    launch = Event.objects.get(slug="soyuz-ms-19-launch")
    said = {s.said().announced_text: s.said().date_text for s in launch.statements.all()}
    assert said["13 May 2021"] == "5 Oct 2021"
    assert said["10 Aug 2021"] == "5 Oct 2021, 08:55 UTC"
    assert said["4 Oct 2021"] == "5 Oct 2021, 08:55 UTC"
    assert said["22 Sep 2020"] == "2021"


def test_the_hatch_plan_is_an_approximate_time(seeded):
    hatch = Event.objects.get(slug="hatches-open-crew-boards").statements.get(publisher="NASA")
    assert (hatch.approximate, hatch.wording) == (True, "about 10 a.m. EDT")
    assert hatch.said().date_text == "about 5 Oct 2021, 14:00 UTC"


def test_every_seed_plan_has_its_publication_day_and_source(seeded):
    for statement in Statement.objects.all():
        assert statement.announced is not None, statement
        assert statement.announced_precision, statement
        assert statement.publisher, statement
        assert statement.url or statement.publisher == "Unattributed news article", statement
    cancelled = Statement.objects.get(kind="cancellation")
    assert cancelled.event.slug == "axiom-flight-with-cruise-never-flew"
    assert cancelled.said().announced_text == "26 Jan 2021"


def test_russias_partners_were_announced_with_the_project(seeded):
    partners = Event.objects.get(effort__slug="russia", kind="partner_joins")
    assert partners.start_display == "22 Sep 2020"
    assert "Channel One" in partners.title
    assert "Yellow, Black and White" in partners.title
