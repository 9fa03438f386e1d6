"""The sourced seed events: loaded once and only once, with planned vs actual;
seeding again never changes a stored row unless asked to, after showing how."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

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
    article = landing.sources.get(publisher="Seed news article")
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
    assert "Seed events: 1 added, 32 already stored and left as they are." in output
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
    assert "Seed events: 0 added, 1 updated, 32 unchanged." in output
    assert Event.objects.get(slug="soyuz-ms-19-launch").title == seed_title


def test_update_with_nothing_to_change_says_so(seeded):
    assert "Every stored seed row already matches the seed: nothing to update." in seed("--update")
