"""The sourced seed events: loaded once and only once, with planned vs actual."""

from django.core.management import call_command

from timeline.models import Effort, Event, Phase, Source
from timeline.precision import format_date


def test_seed_loads_the_researched_events_with_their_sources(seeded):
    assert Event.objects.count() == 33  # 32 researched events + the US launch that never flew
    assert Event.objects.filter(effort__slug="russia").count() == 20
    assert Event.objects.filter(effort__slug="united-states").count() == 13
    assert Event.objects.filter(published=True).count() == 33
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
    assert landing.planned_display == "17 Oct 2021, 04:36 UTC"
    assert landing.planned_differs
    assert "Roscosmos" in landing.planned_by
    article = landing.sources.get(publisher="Unattributed news article")
    assert article.claimed_display == "16 Oct 2021"
    assert article.published.isoformat() == "2021-10-06"


def test_precision_and_times_come_from_the_research(seeded):
    launch = Event.objects.get(slug="soyuz-ms-19-launch")
    assert launch.start_display == "5 Oct 2021, 08:55 UTC"
    assert not launch.planned_differs
    training = Event.objects.get(slug="film-crew-training")
    assert training.date_display == "May – 4 Oct 2021"
    filming = Event.objects.get(slug="filming-aboard-the-iss")
    assert filming.date_display == "5–16 Oct 2021"
    assert "Yulia Peresild" in filming.people_list
    docking = Event.objects.get(slug="soyuz-ms-19-docks")
    assert format_date(docking.start, docking.start_precision) == "5 Oct 2021, 12:22 UTC"
    assert docking.planned_display == "5 Oct 2021, 12:12 UTC"


def test_unconfirmed_and_never_happened_items_are_marked(seeded):
    statuses = dict(Event.objects.values_list("slug", "status"))
    assert statuses["cruise-liman-reported-on-axiom-flight"] == "unconfirmed"
    assert statuses["cruise-space-film-shelved"] == "unconfirmed"
    assert statuses["axiom-flight-with-cruise-never-flew"] == "cancelled"
    assert statuses["soyuz-ms-19-launch"] == "happened"
