"""Search in either language, whatever the case, on SQLite and PostgreSQL alike.

SQLite's LIKE folds only ASCII letters, so "пересильд" would never find
"Пересильд" there.  Each event therefore keeps a search text: its title,
summary, people and place in every language, case-folded (and ё read as е,
as Russian readers type it), stored on save (`Event.search_text`).  A query
word is folded the same way and looked for in it with a plain `contains`,
which both databases answer alike.

People's names are found from either spelling: a word that is part of a
name in NAME_EQUIVALENTS also looks for the name's other spellings
("Peresild" finds Пересильд, "Шипенко" finds Shipenko).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q

# Fields searched, in every language (the translated fields of timeline/translation.py).
SEARCHED_FIELDS = ("title", "summary", "people", "place")
MAX_WORDS = 10

# The same name as English and Russian sources write it.  Each row is one
# name; a query word found in any spelling of a row looks for all of them.
NAME_EQUIVALENTS: tuple[tuple[str, ...], ...] = (
    ("Peresild", "Пересильд"),
    ("Shipenko", "Шипенко"),
    ("Shkaplerov", "Шкаплеров"),
    ("Novitsky", "Новицкий", "Новицкого"),
    ("Dubrov", "Дубров"),
    ("Artemyev", "Artemiev", "Артемьев"),
    ("Mordovina", "Мордовина"),
    ("Dudin", "Дудин"),
    ("Rogozin", "Рогозин"),
    ("Ernst", "Эрнст"),
    ("Trotsyuk", "Троцюк"),
    ("Putin", "Путин"),
    ("Peskov", "Песков"),
    ("Lesnevsky", "Лесневский", "Лесневская"),
    ("Cruise", "Круз"),
    ("Liman", "Лайман"),
    ("Bridenstine", "Брайденстайн"),
    ("Musk", "Маск"),
    ("McQuarrie", "Маккуорри"),
    ("López-Alegría", "Lopez-Alegria", "Лопес-Алегрия"),
    ("Langley", "Лэнгли"),
    ("Pesquet", "Песке"),
    ("Vande Hei", "Ванде Хай"),
    ("Kimbrough", "Кимбро"),
    ("McArthur", "Макартур"),
    ("Hoshide", "Хосидэ"),
    ("Connor", "Коннор"),
    ("Pathy", "Пати"),
    ("Stibbe", "Стиббе"),
    ("Roscosmos", "Роскосмос"),
    ("Baikonur", "Байконур"),
    ("Challenge", "Вызов"),
    ("Channel One", "Первый канал", "Первого канала", "Первом канале"),
    ("Axiom", "Аксиом"),
    ("NASA", "НАСА"),
    ("ISS", "МКС"),
    ("Soyuz", "Союз"),
)


def fold(text: str | None) -> str:
    """`text` as searched: case-folded, ё as е, runs of spaces as one."""
    return " ".join((text or "").casefold().replace("ё", "е").split())


def search_text(values: Iterable[str | None]) -> str:
    """The stored search text of an event's searched values (any language)."""
    return "\n".join(folded for folded in (fold(value) for value in values) if folded)


def searched_values(event) -> list[str | None]:
    """The searched fields of `event` (a model instance or a historical one
    in a migration) in every language, read from the per-language columns."""
    return [getattr(event, f"{name}_{code}", None) for name in SEARCHED_FIELDS for code, _ in settings.LANGUAGES]


_FOLDED_NAMES = tuple(tuple(fold(spelling) for spelling in row) for row in NAME_EQUIVALENTS)


def spellings(word: str) -> set[str]:
    """`word`, folded, and every other spelling of a name it is part of
    ("peresild" → {"peresild", "пересильд"}); a declined form holds the
    name ("шкаплерова" → … "shkaplerov").  A word of under four letters is
    taken as it is: "он" is part of too many names."""
    word = fold(word)
    found = {word}
    if len(word) >= 4:
        for row in _FOLDED_NAMES:
            if any(word in spelling or (len(spelling) >= 4 and spelling in word) for spelling in row):
                found.update(row)
    return found


def matching(query: str, field: str = "search_text") -> Q:
    """The condition an event meets when every word of `query` (up to
    MAX_WORDS) is in its search text, in any of the word's spellings."""
    condition = Q()
    for word in query.split()[:MAX_WORDS]:
        either = Q()
        for spelling in sorted(spellings(word)):
            either |= Q(**{f"{field}__contains": spelling})
        condition &= either
    return condition
