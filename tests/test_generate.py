from django.core.management import call_command

from timeline.models import Event, Source


def test_generate_events_is_deterministic_and_valid(db):
    call_command("generate_events", 120, seed=7, batch_size=50, verbosity=0)
    first = list(Event.objects.order_by("slug").values_list("slug", "title", "start", "start_precision", "kind"))
    assert len(first) == 120
    assert Source.objects.count() >= 120
    for event in Event.objects.all()[:120]:
        event.full_clean()  # every synthetic event obeys the model's rules
        assert event.covers_until == event.compute_covers_until()
    call_command("generate_events", 120, seed=7, clear=True, verbosity=0)
    again = list(Event.objects.order_by("slug").values_list("slug", "title", "start", "start_precision", "kind"))
    assert again == first


def test_generate_events_appends_without_slug_clashes(db):
    call_command("generate_events", 10, verbosity=0)
    call_command("generate_events", 10, verbosity=0)
    assert Event.objects.filter(slug__startswith="synthetic-").count() == 20
