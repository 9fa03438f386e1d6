"""The migration to two languages: every text written before it becomes the
English one, and each event gets its search text."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("timeline", "0005_chart_label")]
AFTER = [("timeline", "0006_content_in_two_languages")]


@pytest.mark.django_db(transaction=True)
def test_existing_texts_become_the_english_ones():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    effort = old.get_model("timeline", "Effort").objects.create(
        name="Russia", slug="russia", country="RU", film_title="Challenge", colour="#b3261e"
    )
    old.get_model("timeline", "Phase").objects.create(
        name="Flight", slug="flight", start=dt.date(2021, 10, 5), end=dt.date(2021, 10, 17)
    )
    old.get_model("timeline", "Event").objects.create(
        effort=effort, title="Soyuz MS-19 lifts off", slug="launch", kind="launch", status="happened",
        start=dt.datetime(2021, 10, 5, 8, 55, tzinfo=dt.UTC), start_precision="minute",
        summary="Peresild and Shipenko fly.", people="Yulia Peresild", place="Baikonur", notes="",
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    event = new.get_model("timeline", "Event").objects.get(slug="launch")
    assert (event.title_en, event.summary_en, event.people_en, event.place_en) == (
        "Soyuz MS-19 lifts off", "Peresild and Shipenko fly.", "Yulia Peresild", "Baikonur"
    )  # fmt: skip
    assert event.title_ru is None
    assert "peresild and shipenko fly." in event.search_text
    side = new.get_model("timeline", "Effort").objects.get(slug="russia")
    assert (side.name_en, side.film_title_en, side.name_ru) == ("Russia", "Challenge", None)
    assert new.get_model("timeline", "Phase").objects.get(slug="flight").name_en == "Flight"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
