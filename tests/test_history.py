"""History with values, and undo: every change to events, sources, sides and
phases is kept with who, when and each field's old and new value (admin's
History page); one click restores an earlier version; an import is one
change set, undone as a whole, and refused when that would lose later work."""

from __future__ import annotations

import html as html_lib
import json
import re

from django.contrib.messages import get_messages
from django.test import Client

from timeline import history
from timeline.models import ChangeSet, Correction, Effort, Event, Phase, Source

from .conftest import EVENT_IMPORT, csv_bytes, csv_rows, event_form_data, import_upload, make_event, make_phase

NEW_SLUG = "an-imported-rehearsal"


def words_of(html: str) -> str:
    """The page's text as a reader sees it."""
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join(html_lib.unescape(text).replace("\xa0", " ").split())


def words(response) -> str:
    return words_of(response.content.decode())


def change_url(obj) -> str:
    return f"/admin/timeline/{obj._meta.model_name}/{obj.pk}/"


def test_every_recorded_model_keeps_who_when_and_each_value(editor_client, editor, russia):
    phase = make_phase(name="Preparation")
    data = {
        "name_en": "Russia",
        "slug": "russia",
        "country": "RU",
        "film_title_en": "The Challenge",
        "colour": "#b3261e",
    }
    data |= {"organisations": "", "order": "1", "statements-TOTAL_FORMS": "0", "statements-INITIAL_FORMS": "0"}
    assert editor_client.post(change_url(russia) + "change/", data).status_code == 302
    phase_data = {"name_en": "Getting ready", "slug": phase.slug, "start": "2021-01-01", "end": "2021-06-01"}
    assert editor_client.post(change_url(phase) + "change/", phase_data | {"order": "0"}).status_code == 302

    side = Effort.history.filter(id=russia.pk).latest()
    assert side.history_user == editor
    assert side.history_type == "~"
    assert "Film title: Challenge → The Challenge" in words(editor_client.get(change_url(russia) + "history/"))
    assert "Name: Preparation → Getting ready" in words(editor_client.get(change_url(phase) + "history/"))
    assert Phase.history.filter(id=phase.pk).latest().history_user == editor


def test_a_sources_changes_show_in_its_events_history(editor_client, russia):
    event = make_event(russia, published=False)
    source = event.sources.get()
    source.publisher = "Roscosmos"
    source.save()
    page = words(editor_client.get(change_url(event) + "history/"))
    assert "Its sources’ changes" in page
    assert "Publisher: Publisher 0 → Roscosmos" in page


def test_one_click_restores_an_earlier_version(editor_client, editor, russia):
    event = make_event(russia, published=False, title="The first title", sources=0)
    data = event_form_data(russia, title="A worse title", slug=event.slug, published="", **{"sources-TOTAL_FORMS": "0"})
    assert editor_client.post(change_url(event) + "change/", data).status_code == 302
    first = event.history.earliest()
    page = editor_client.get(change_url(event) + "history/").content.decode()
    restore = f"/admin/timeline/event/{event.pk}/history/{first.history_id}/restore/"
    assert f'action="{restore}"' in page
    assert "Restore this version" in page

    response = editor_client.post(restore)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "The first title"
    latest = event.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason.startswith("Restored the version of")
    assert any("Restored" in str(m) for m in get_messages(response.wsgi_request))
    assert editor_client.get(restore).status_code == 405  # a change is never a GET


def test_restoring_a_published_events_title_asks_for_the_correction_note(editor_client, russia):
    event = make_event(russia, title="The first title", sources=0)
    data = event_form_data(
        russia,
        title="The corrected title",
        slug=event.slug,
        correction_note="The title named the wrong crew.",
        **{"sources-TOTAL_FORMS": "0"},
    )
    assert editor_client.post(change_url(event) + "change/", data).status_code == 302
    first = event.history.earliest()
    response = editor_client.post(f"/admin/timeline/event/{event.pk}/history/{first.history_id}/restore/")
    form_url = f"/admin/timeline/event/{event.pk}/history/{first.history_id}/"
    assert response["Location"] == form_url
    event.refresh_from_db()
    assert event.title == "The corrected title"  # not yet: the note comes first

    # The version's form, filled in; saving it without a note is refused, with one it restores.
    refused = editor_client.post(form_url, data | {"title_en": "The first title", "correction_note": ""})
    assert refused.status_code == 200
    assert "write a correction note" in refused.content.decode()
    restored = editor_client.post(
        form_url, data | {"title_en": "The first title", "correction_note": "Back as it was."}
    )
    assert restored.status_code == 302
    event.refresh_from_db()
    assert event.title == "The first title"
    notes = list(event.corrections.values_list("note", flat=True))
    assert notes == ["The title named the wrong crew.", "Back as it was."]


# --- an import: one change set, undone as a whole ------------------------------------------


def import_csv(editor_client, seed_csv: bytes, name: str = "events.csv"):
    """The seed with one event's title and first source's publisher changed, and one event added."""
    rows = csv_rows(seed_csv)
    header = rows[0]
    changed = rows[1]
    changed[header.index("title")] = "An imported headline"
    changed[header.index("source_1_publisher")] = "An imported publisher"
    added = list(rows[2])
    added[header.index("slug")] = NEW_SLUG
    added[header.index("title")] = "An imported rehearsal"
    rows.append(added)
    response = editor_client.post(EVENT_IMPORT, {"file": import_upload(csv_bytes(rows), name), "import": "Import"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return changed[header.index("slug")]


def test_an_import_is_one_change_set_and_undo_puts_everything_back(editor_client, editor, client, seed_csv):
    rows = csv_rows(seed_csv)
    event = Event.objects.get(slug=rows[1][rows[0].index("slug")])
    before_sources = list(event.sources.values_list("publisher", "url", "order"))
    import_csv(editor_client, seed_csv)
    event.refresh_from_db()
    assert event.title == "An imported headline"
    (change_set,) = ChangeSet.objects.all()
    assert change_set.kind == ChangeSet.Kind.IMPORT
    assert change_set.user == editor
    assert change_set.label.startswith("events.csv ")  # the file it came from
    assert "1 created, 1 updated" in change_set.label
    rows = list(history.history_of(change_set))
    assert {row.instance_type for row in rows} == {Event, Source}
    assert {row.history_user for row in rows} == {editor}

    page = editor_client.get(f"/admin/timeline/changeset/{change_set.pk}/change/").content.decode()
    assert f'<form method="post" action="/admin/timeline/changeset/{change_set.pk}/undo/" id="undo-form">' in page
    assert "An imported rehearsal" in words_of(page)

    response = editor_client.post(f"/admin/timeline/changeset/{change_set.pk}/undo/")
    assert response.status_code == 302
    assert not Event.objects.filter(slug=NEW_SLUG).exists()
    event.refresh_from_db()
    assert event.title != "An imported headline"
    assert "An imported publisher" not in set(event.sources.values_list("publisher", flat=True))
    assert list(event.sources.values_list("publisher", "url", "order")) == before_sources
    change_set.refresh_from_db()
    assert change_set.undone_by.kind == ChangeSet.Kind.UNDO
    assert change_set.undone_by.user == editor
    assert "An imported headline" not in client.get("/").content.decode()

    again = editor_client.post(f"/admin/timeline/changeset/{change_set.pk}/undo/")
    assert "already undone" in " ".join(str(m) for m in get_messages(again.wsgi_request))


def test_undo_is_refused_when_a_row_changed_since(editor_client, seed_csv):
    changed_slug = import_csv(editor_client, seed_csv)
    event = Event.objects.get(slug=changed_slug)
    event.summary = "An editor's later work."
    event.save()
    change_set = ChangeSet.objects.get()
    response = editor_client.post(f"/admin/timeline/changeset/{change_set.pk}/undo/")
    assert response.status_code == 302
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Not undone" in messages
    assert "An imported headline" in messages  # names the row
    event.refresh_from_db()
    assert event.summary == "An editor's later work."
    assert Event.objects.filter(slug=NEW_SLUG).exists()
    change_set.refresh_from_db()
    assert change_set.undone_by is None


def test_a_preview_records_no_change_set(editor_client, seed_csv):
    rows = csv_rows(seed_csv)
    rows[1][rows[0].index("title")] = "A previewed headline"
    assert editor_client.post(EVENT_IMPORT, {"file": import_upload(csv_bytes(rows))}).status_code == 200
    assert not ChangeSet.objects.exists()
    assert not Event.history.filter(title="A previewed headline").exists()


def test_an_import_that_changes_nothing_leaves_no_change_set(editor_client, seed_csv):
    response = editor_client.post(EVENT_IMPORT, {"file": import_upload(seed_csv), "import": "Import"})
    assert response.status_code == 302
    assert not ChangeSet.objects.exists()


def test_only_editors_who_may_delete_events_can_undo(client, django_user_model, editor_client, seed_csv):
    import_csv(editor_client, seed_csv)
    change_set = ChangeSet.objects.get()
    viewer = django_user_model.objects.create_user("viewer", password="x" * 16, is_staff=True)
    client.force_login(viewer)
    assert client.post(f"/admin/timeline/changeset/{change_set.pk}/undo/").status_code == 403
    assert Event.objects.filter(slug=NEW_SLUG).exists()


def test_recorded_models_come_parents_first():
    """A model joins the history with one line (`history = recorded_history()`); the undo
    puts parents back before their children."""
    order = history.recorded_models()
    assert set(order) >= {Effort, Phase, Event, Source}
    assert order.index(Effort) < order.index(Event) < order.index(Source)
    assert Correction not in order


def test_undo_of_an_import_that_added_a_side_removes_its_events_then_the_side(admin_client, seeded):
    document = json.loads(Client().get("/export/events.json").content)
    document["efforts"].append(
        {**document["efforts"][0], "slug": "china", "name": "China", "name_ru": "Китай", "order": 3}
    )
    document["events"].append({**document["events"][0], "slug": "china-first-shoot", "effort": "china"})
    upload = import_upload(json.dumps(document).encode(), "events.json")
    assert admin_client.post(EVENT_IMPORT, {"file": upload, "import": "Import"}).status_code == 302
    assert Event.objects.filter(slug="china-first-shoot", effort__slug="china").exists()

    change_set = ChangeSet.objects.get()
    assert admin_client.post(f"/admin/timeline/changeset/{change_set.pk}/undo/").status_code == 302
    assert not Event.objects.filter(slug="china-first-shoot").exists()
    assert not Effort.objects.filter(slug="china").exists()
    change_set.refresh_from_db()
    assert Effort.history.filter(history_type="-", change_set=change_set.undone_by).count() == 1
