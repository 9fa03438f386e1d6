"""Content in English and Russian: the Russian text where there is one, the
English one (marked) where there is not; editors edit both and find what is
missing; import and export carry both; the seed comes with its Russian."""

import json

import pytest
from django.template import Context, Template
from django.utils import translation

from timeline import interchange, services
from timeline.models import Effort, Event, Phase
from timeline.translated import fell_back, shown_language

from .conftest import csv_bytes, make_event, stored_rows

EVENT_CHANGELIST = "/admin/timeline/event/"


def test_a_russian_text_shows_on_russian_pages_and_english_elsewhere(russia):
    event = make_event(russia, title="Soyuz MS-19 lifts off")
    event.title_ru = "«Союз МС-19» стартовал"
    event.save()
    with translation.override("ru"):
        assert Event.objects.get(pk=event.pk).title == "«Союз МС-19» стартовал"
    assert Event.objects.get(pk=event.pk).title == "Soyuz MS-19 lifts off"


def test_an_untranslated_text_falls_back_to_english_and_says_so(russia):
    event = make_event(russia, title="Soyuz MS-19 lifts off", summary="A launch.", place="Baikonur")
    event.title_ru = "«Союз МС-19» стартовал"
    event.save()
    with translation.override("ru"):
        event = Event.objects.get(pk=event.pk)
        assert event.summary == "A launch."
        assert (shown_language(event, "summary", "ru"), fell_back(event, "summary", "ru")) == ("en", True)
        assert (shown_language(event, "title", "ru"), fell_back(event, "title", "ru")) == ("ru", False)
    assert not fell_back(event, "summary", "en")


def test_the_template_filter_marks_the_english_text_on_a_russian_page(russia):
    event = make_event(russia, title="Soyuz MS-19 lifts off", summary="A launch.")
    event.title_ru = "«Союз МС-19» стартовал"
    event.save()
    template = Template(
        '{% load languages %}<h1{% if event|fell_back:"title" %} lang="en"{% endif %}>{{ event.title }}</h1>'
        '<p{% if event|fell_back:"summary" %} lang="{{ event|shown_language:"summary" }}"{% endif %}>'
        "{{ event.summary }}</p>"
    )
    with translation.override("ru"):
        html = template.render(Context({"event": Event.objects.get(pk=event.pk)}))
    assert html == '<h1>«Союз МС-19» стартовал</h1><p lang="en">A launch.</p>'


def test_saving_on_a_russian_page_never_copies_english_into_russian(russia):
    event = make_event(russia, title="Soyuz MS-19 lifts off")
    with translation.override("ru"):
        Event.objects.get(pk=event.pk).save()
    assert Event.objects.get(pk=event.pk).title_ru in (None, "")


# --- admin ---------------------------------------------------------------------------


def test_editors_edit_both_languages(editor_client, russia):
    event = make_event(russia, title="Soyuz MS-19 lifts off")
    html = editor_client.get(f"{EVENT_CHANGELIST}{event.pk}/change/").content.decode()
    for name in ("title", "summary", "place", "people", "notes"):
        assert f'name="{name}_en"' in html
        assert f'name="{name}_ru"' in html


def test_editors_list_what_still_lacks_russian(editor_client, russia):
    translated = make_event(russia, title="Fully done", summary="S.")
    translated.title_ru, translated.summary_ru = "Переведено", "С."
    translated.save()
    half = make_event(russia, title="Half", summary="S.", place="Baikonur")
    half.title_ru, half.summary_ru = "Наполовину", "С."  # the place is not translated yet
    half.save()
    untouched = make_event(russia, title="Untouched")
    missing = editor_client.get(EVENT_CHANGELIST, {"russian": "missing"}).content.decode()
    assert "Untouched" in missing
    assert "Half" in missing
    assert "Fully done" not in missing
    complete = editor_client.get(EVENT_CHANGELIST, {"russian": "complete"}).content.decode()
    assert "Fully done" in complete
    assert "Half" not in complete
    assert untouched.title not in complete
    assert "Missing Russian translation" in missing


# --- import and export -----------------------------------------------------------------


def test_the_json_export_carries_both_languages_and_imports_back_unchanged(client, seeded):
    document = json.loads(client.get("/ru/export/events.json").content)
    launch = next(e for e in document["events"] if e["slug"] == "soyuz-ms-19-launch")
    assert launch["title"] == "Soyuz MS-19 lifts off with the film crew"  # English, even from a Russian page
    assert launch["title_ru"] == "«Союз МС-19» стартовал со съёмочной группой"
    assert launch["people_ru"][0] == "Антон Шкаплеров (командир)"
    assert document["efforts"][0]["name_ru"] == "Россия"
    before = stored_rows()
    result = interchange.import_payload(document)
    assert not result.updated
    assert not result.efforts_updated
    assert not result.phases_updated
    assert stored_rows() == before


def test_a_file_without_russian_imports_and_keeps_the_stored_russian(client, seeded):
    document = json.loads(client.get("/export/events.json").content)
    for record in document["events"] + document["efforts"] + document["phases"]:
        for key in [key for key in record if key.endswith("_ru")]:
            del record[key]
    document["events"][0]["title"] = "A new English title"
    result = interchange.import_payload(document)
    assert result.updated == [document["events"][0]["slug"]]
    event = Event.objects.get(slug=document["events"][0]["slug"])
    assert event.title_en == "A new English title"
    assert event.title_ru == "Отраслевые СМИ: Том Круз собирается снять игровой фильм на орбите"
    assert Effort.objects.get(slug="russia").name_ru == "Россия"
    assert Phase.objects.get(slug="flight").name_ru == "Полёт"


def test_a_russian_key_changes_only_the_russian_text(seeded):
    document = json.loads(services.SEED_FILE.read_text(encoding="utf-8"))
    document["events"][0]["title_ru"] = "Новый заголовок"
    result = interchange.import_payload(document)
    assert result.changes == {document["events"][0]["slug"]: ["title_ru"]}
    event = Event.objects.get(slug=document["events"][0]["slug"])
    assert (event.title_en, event.title_ru) == (document["events"][0]["title"], "Новый заголовок")


def test_a_csv_with_russian_columns_imports_them_and_one_without_still_imports(russia):
    header = ["slug", "effort", "title", "kind", "status", "start", "end", "planned", "planned_by", "place"]
    header += ["people", "summary", "notes", "image_alt", "image_caption", "image_credit", "published"]
    row = ["csv-launch", "russia", "Launch", "launch", "happened", "2021-10-05", "", "", "", "Baikonur"]
    row += ["Anton Shkaplerov", "A launch.", "", "", "", "", "true"]
    interchange.import_file(csv_bytes([header, row]), fmt="csv")
    assert Event.objects.get(slug="csv-launch").title_ru in (None, "")
    interchange.import_file(
        csv_bytes([[*header, "title_ru", "people_ru"], [*row, "Запуск", "Антон Шкаплеров; Юлия Пересильд"]]), fmt="csv"
    )
    event = Event.objects.get(slug="csv-launch")
    assert (event.title_ru, event.people_ru) == ("Запуск", "Антон Шкаплеров\nЮлия Пересильд")
    interchange.import_file(csv_bytes([header, row]), fmt="csv")
    assert Event.objects.get(slug="csv-launch").title_ru == "Запуск"


def test_the_csv_export_has_the_russian_columns(client, seeded):
    text = client.get("/export/events.csv").content.decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert {"title_ru", "summary_ru", "place_ru", "people_ru", "notes_ru"} <= set(header)
    assert "«Союз МС-19» стартовал со съёмочной группой" in text


# --- the seed --------------------------------------------------------------------------


def test_every_seed_event_has_a_russian_title_summary_place_and_people(seeded):
    for event in Event.objects.all():
        assert event.title_ru, event.slug
        assert event.summary_ru, event.slug
        assert event.place_ru, event.slug
        assert len(event.people_ru.splitlines()) == len(event.people_en.splitlines()), event.slug
        assert bool(event.notes_ru) == bool(event.notes_en), event.slug
        assert any("а" <= ch <= "я" for ch in event.title_ru.lower()), event.slug
    assert [p.name_ru for p in Phase.objects.all()] == ["Анонсы", "Кастинг и подготовка", "Полёт", "Премьера и после"]
    assert {e.slug: e.film_title_ru for e in Effort.objects.all()}["russia"] == "«Вызов»"


@pytest.mark.parametrize(
    ("slug", "words"),
    [
        ("peresild-shipenko-chosen", ["Юлия Пересильд", "Клим Шипенко", "Антон Шкаплеров", "«Союза МС-19»"]),
        ("roscosmos-announces-challenge", ["Роскосмос", "«Первым каналом»", "«Вызов»", "МКС"]),
        ("soyuz-ms-19-launch", ["Байконур"]),
        ("liman-attached-as-director", ["Даг Лайман", "Круз"]),
        ("nasa-confirms-cruise-collaboration", ["НАСА", "Том Круз"]),
        ("axiom-crew-without-cruise", ["Axiom Space"]),
    ],
)
def test_the_seed_writes_names_as_russian_sources_do(seeded, slug, words):
    event = Event.objects.get(slug=slug)
    text = "\n".join([event.title_ru, event.summary_ru, event.place_ru, event.people_ru])
    for word in words:
        assert word in text, word


def test_a_translation_of_an_event_the_seed_does_not_hold_is_refused():
    with pytest.raises(ValueError, match="no-such-event"):
        services.with_translations({"events": [{"slug": "a"}]}, {"events": {"no-such-event": {}}}, "ru")
