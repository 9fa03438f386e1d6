"""Make N plausible synthetic events for benchmarks: `manage.py generate_events 10000`.

Deterministic for a given --seed, written in batches, published by default.
Slugs start with "synthetic-" so `--clear` can remove them again without
touching the real record.
"""

import random
from datetime import UTC, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from timeline import search
from timeline.caching import bump_data_version
from timeline.models import Effort, Event, Phase, Source
from timeline.precision import truncate

SIDES = [
    {
        "slug": "russia",
        "name": "Russia",
        "country": "RU",
        "film_title": "Challenge (Вызов)",
        "colour": "#b3261e",
        "order": 1,
    },
    {
        "slug": "united-states",
        "name": "United States",
        "country": "US",
        "film_title": "Untitled Tom Cruise space film",
        "colour": "#1d4ed8",
        "order": 2,
    },
]
PHASES = [
    ("announcements", "Announcements", "2020-05-01", "2020-11-02"),
    ("casting-and-training", "Casting & training", "2020-11-03", "2021-10-04"),
    ("flight", "Flight", "2021-10-05", "2021-10-17"),
    ("release-and-aftermath", "Release & aftermath", "2021-10-18", "2025-12-31"),
]
SUBJECTS = ["Roscosmos", "NASA", "Channel One", "Universal", "SpaceX", "Axiom", "the crew", "the studio"]
VERBS = ["confirms", "reports", "announces", "revises", "publishes", "schedules", "reviews", "denies"]
OBJECTS = ["a training milestone", "a new date", "the budget", "a casting decision", "a flight plan", "footage"]
PLACES = ["Moscow", "Star City", "Baikonur", "Houston", "Los Angeles", "Cape Canaveral", "London"]
PEOPLE = ["Yulia Peresild", "Klim Shipenko", "Anton Shkaplerov", "Tom Cruise", "Doug Liman", "Oleg Novitsky"]
PRECISIONS = ["day"] * 70 + ["minute"] * 15 + ["month"] * 12 + ["year"] * 3
START = datetime(2020, 5, 1, tzinfo=UTC)
SPAN_DAYS = (datetime(2025, 12, 31, tzinfo=UTC) - START).days


class Command(BaseCommand):
    help = "Create N synthetic published events (with sources) for benchmarks; deterministic with --seed."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--drafts", type=float, default=0.0, help="Share of drafts, 0..1 (default 0).")
        parser.add_argument("--clear", action="store_true", help="Delete earlier synthetic events first.")

    def handle(self, *args, count, seed, batch_size, drafts, clear, **options):
        if count < 0 or count > 1_000_000:
            raise CommandError("count must be between 0 and 1,000,000.")
        efforts = [Effort.objects.get_or_create(slug=s["slug"], defaults=s)[0] for s in SIDES]
        for order, (slug, name, start, end) in enumerate(PHASES, start=1):
            Phase.objects.get_or_create(slug=slug, defaults={"name": name, "start": start, "end": end, "order": order})
        kinds = [k for k, _ in Event.Kind.choices]
        if clear:
            Event.objects.filter(slug__startswith="synthetic-").delete()
        offset = Event.objects.filter(slug__startswith="synthetic-").count()
        made = 0
        while made < count:
            size = min(batch_size, count - made)
            with transaction.atomic():
                # One generator per event: the same event whatever the batch size.
                rngs = [random.Random(f"{seed}-{offset + made + i}") for i in range(size)]
                events = [self._event(rng, offset + made + i, efforts, kinds, drafts) for i, rng in enumerate(rngs)]
                Event.objects.bulk_create(events)
                sources = [
                    Source(
                        event=event,
                        url=f"https://example.org/news/{event.slug}/{n}",
                        publisher=rng.choice(["TASS", "Deadline", "Variety", "SpaceNews", "AP"]),
                        title=f"Report {n + 1} on {event.title.lower()}",
                        order=n,
                    )
                    for event, rng in zip(events, rngs, strict=True)
                    for n in range(rng.randint(1, 3))
                ]
                Source.objects.bulk_create(sources)
                bump_data_version()  # bulk_create sends no signals
            made += size
            self.stdout.write(f"\r{made}/{count} events", ending="")
            self.stdout.flush()
        self.stdout.write(f"\nCreated {count} synthetic events (seed {seed}).")

    def _event(self, rng, n, efforts, kinds, drafts):
        precision = rng.choice(PRECISIONS)
        moment = START + timedelta(days=rng.randrange(SPAN_DAYS), minutes=rng.randrange(24 * 60))
        start = truncate(moment, precision)
        end = end_precision = None
        if rng.random() < 0.08:
            end_precision = "day"
            end = truncate(start + timedelta(days=rng.randint(1, 120)), "day")
        title = f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        event = Event(
            effort=rng.choice(efforts),
            title=title,
            slug=f"synthetic-{n:07d}",
            kind=rng.choice(kinds),
            status=rng.choice(["happened"] * 8 + ["planned", "unconfirmed"]),
            start=start,
            start_precision=precision,
            end=end,
            end_precision=end_precision or "",
            place=rng.choice(PLACES),
            people="\n".join(rng.sample(PEOPLE, rng.randint(1, 3))),
            summary=f"{title}. Synthetic event number {n} for benchmarks.",
            published=rng.random() >= drafts,
        )
        event.covers_until = event.compute_covers_until()
        event.search_text = search.search_text(search.searched_values(event))  # bulk_create skips save()
        return event
