"""Search in either language, whatever the case, on SQLite and PostgreSQL
alike (tests/postgres.sh runs this module on PostgreSQL), and people's names
found from either spelling."""

import pytest

from timeline import search
from timeline.filters import TimelineFilter
from timeline.selectors import events_for_timeline

from .conftest import make_event


def found(q: str) -> set[str]:
    return set(events_for_timeline(TimelineFilter(q=q)).values_list("slug", flat=True))


@pytest.fixture
def crew(russia):
    event = make_event(russia, slug="crew", title="Peresild and Shipenko chosen", people="Yulia Peresild")
    event.title_ru, event.people_ru = "Выбраны Пересильд и Шипенко", "Юлия Пересильд"
    event.summary_ru = "Актриса Юлия Пересильд полетит на «Союзе МС-19»."
    event.save()
    make_event(russia, slug="other", title="Channel One frames a race")
    return event


@pytest.mark.parametrize("q", ["Пересильд", "пересильд", "ПЕРЕСИЛЬД", "пЕрЕсИлЬд", "Peresild", "peresild", "PERESILD"])
def test_a_name_is_found_in_either_language_and_any_case(crew, q):
    assert found(q) == {"crew"}


def test_cyrillic_words_of_the_russian_text_are_found_whatever_their_case(crew):
    assert found("АКТРИСА") == {"crew"}
    assert found("союзе") == {"crew"}
    assert found("актриса выбраны") == {"crew"}
    assert found("актриса марс") == set()


def test_yo_is_found_as_ye(russia):
    event = make_event(russia, slug="alena", title="Alena Mordovina")
    event.title_ru = "Алёна Мордовина"
    event.save()
    assert found("Алена") == found("алёна") == {"alena"}


def test_a_declined_russian_name_finds_the_english_spelling(russia):
    make_event(russia, slug="docks", title="Shkaplerov docks the Soyuz manually")
    assert found("Шкаплерова") == {"docks"}  # "Шкаплерова" holds "шкаплеров", whose other spelling is shkaplerov
    assert found("Шипенко") == set()


def test_the_search_text_follows_every_save(crew):
    crew.title_ru = "Экипаж утверждён"
    crew.save()
    assert found("утверждён") == {"crew"}


def test_the_seed_is_found_in_russian(seeded):
    english = found("Peresild")
    assert english
    assert found("Пересильд") == english == found("ПЕРЕСИЛЬД")


def test_short_words_are_taken_as_they_are():
    assert search.spellings("МКС") == {"мкс"}
    assert search.spellings("Круз") == {"круз", "cruise"}
