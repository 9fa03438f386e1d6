"""Dates, durations and gaps in Russian: the month in the right case, the
unit in the right plural form and case, for every precision.  English is
tested as it always was (test_precision, test_race)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from timeline import durations, gaps
from timeline.precision import Precision, format_date, format_date_in_sentence, format_span


@pytest.fixture(autouse=True)
def russian():
    with translation.override("ru"):
        yield


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "precision", "shown", "in_sentence"),
    [
        (at(2020, 1, 1), Precision.YEAR, "2020", "в 2020 году"),
        (at(2021, 10, 1), Precision.MONTH, "октябрь 2021", "в октябре 2021 года"),
        (at(2020, 5, 1), Precision.MONTH, "май 2020", "в мае 2020 года"),
        (at(2021, 10, 5), Precision.DAY, "5 октября 2021", "5 октября 2021 года"),
        (at(2021, 3, 1), Precision.DAY, "1 марта 2021", "1 марта 2021 года"),
        (at(2021, 10, 5, 8, 55), Precision.MINUTE, "5 октября 2021, 08:55 UTC", "5 октября 2021 года в 08:55 UTC"),
    ],
)
def test_a_date_at_every_precision(value, precision, shown, in_sentence):
    assert format_date(value, precision) == shown
    assert format_date_in_sentence(value, precision) == in_sentence


@pytest.mark.parametrize(
    ("start", "sp", "end", "ep", "shown"),
    [
        (at(2021, 10, 5), "day", at(2021, 10, 16), "day", "5–16 октября 2021"),
        (at(2021, 9, 5), "day", at(2021, 10, 16), "day", "5 сентября – 16 октября 2021"),
        (at(2021, 5, 1), "month", at(2021, 10, 4), "day", "май – 4 октября 2021"),
        (at(2021, 5, 1), "month", at(2021, 10, 1), "month", "май – октябрь 2021"),
        (at(2020, 12, 30), "day", at(2021, 1, 2), "day", "30 декабря 2020 – 2 января 2021"),
        (at(2020, 1, 1), "year", at(2021, 10, 1), "month", "2020 – октябрь 2021"),
        (
            at(2021, 10, 5, 8, 55), "minute", at(2021, 10, 17, 4, 35), "minute",
            "5 октября 2021, 08:55 UTC – 17 октября 2021, 04:35 UTC",
        ),
    ],
)  # fmt: skip
def test_a_span(start, sp, end, ep, shown):
    assert format_span(start, sp, end, ep) == shown


@pytest.mark.parametrize(
    ("n", "day", "month", "year", "hour", "minute"),
    [
        (1, "1 день", "1 месяц", "1 год", "1 час", "1 минута"),
        (2, "2 дня", "2 месяца", "2 года", "2 часа", "2 минуты"),
        (5, "5 дней", "5 месяцев", "5 лет", "5 часов", "5 минут"),
        (11, "11 дней", "11 месяцев", "11 лет", "11 часов", "11 минут"),
        (21, "21 день", "21 месяц", "21 год", "21 час", "21 минута"),
        (22, "22 дня", "22 месяца", "22 года", "22 часа", "22 минуты"),
        (25, "25 дней", "25 месяцев", "25 лет", "25 часов", "25 минут"),
        (111, "111 дней", "111 месяцев", "111 лет", "111 часов", "111 минут"),
    ],
)
def test_plural_forms(n, day, month, year, hour, minute):
    said = [durations.plural(n, unit) for unit in ("day", "month", "year", "hour", "minute")]
    assert said == [day, month, year, hour, minute]


@pytest.mark.parametrize(
    ("n", "genitive", "accusative"),
    [
        (1, "1 дня", "1 минуту"),
        (2, "2 дней", "2 минуты"),
        (5, "5 дней", "5 минут"),
        (11, "11 дней", "11 минут"),
        (21, "21 дня", "21 минуту"),
        (22, "22 дней", "22 минуты"),
        (25, "25 дней", "25 минут"),
        (111, "111 дней", "111 минут"),
    ],
)
def test_the_unit_follows_its_case(n, genitive, accusative):
    """After около, до, от: the genitive; after на: the accusative."""
    assert durations.plural(n, "day", durations.GENITIVE) == genitive
    assert durations.plural(n, "minute", durations.ACCUSATIVE) == accusative


def test_numbers_are_grouped_the_russian_way():
    assert durations.plural(1234, "day") == "1\xa0234 дня"


@pytest.mark.parametrize(
    ("delta", "said"),
    [
        (timedelta(days=11, hours=19, minutes=40), "11 дней 19 ч 40 мин"),
        (timedelta(days=1, hours=2, minutes=5), "1 день 2 ч 05 мин"),
        (timedelta(days=21), "21 день"),
        (timedelta(days=111), "111 дней"),
    ],
)
def test_a_flight_to_the_minute(delta, said):
    assert durations.span_words(delta) == said


def test_clock_words():
    assert durations.clock_words(timedelta(hours=3, minutes=27)) == "3 часа 27 минут"
    assert durations.clock_words(timedelta(minutes=21)) == "21 минута"
    assert durations.clock_words(timedelta(hours=1)) == "1 час"


def test_durations_in_months_and_years():
    from datetime import date

    assert durations.duration_words(date(2021, 1, 1), date(2021, 1, 22)) == "21 день"
    assert durations.duration_words(date(2020, 5, 1), date(2020, 10, 1)) == "5 месяцев"
    assert durations.duration_words(date(2020, 5, 1), date(2021, 9, 1)) == "1 год 4 месяца"
    assert durations.duration_words(date(2020, 5, 1), date(2025, 5, 1)) == "5 лет"


def window(value, precision):
    return gaps.Window.of(value, precision)


@pytest.mark.parametrize(
    ("earlier", "later", "words", "detail"),
    [
        ((at(2021, 10, 5), "day"), (at(2021, 10, 13), "day"), "8 дней", "8 дней"),
        ((at(2021, 9, 1), "month"), (at(2021, 10, 1), "day"), "от 1 до 30 дней", "от 1 до 30 дней"),
        ((at(2020, 12, 31, 23), "minute"), (at(2021, 1, 1), "day"), "от 1 до 25 часов", "от 1 ч 00 мин до 25 ч 00 мин"),
        ((at(2021, 10, 5), "day"), (at(2021, 10, 5, 22), "minute"), "до 22 часов", "до 22 ч 00 мин"),
        ((at(2020, 9, 1), "day"), (at(2021, 10, 1), "month"), "около 1 года 1 месяца", "от 395 до 425 дней"),
    ],
)  # fmt: skip
def test_gaps(earlier, later, words, detail):
    gap = gaps.gap_between(window(*earlier), window(*later))
    assert gap.words() == words
    assert gap.detail() == detail


@pytest.mark.parametrize(
    ("actual", "planned", "said"),
    [
        ((at(2021, 10, 17, 4, 35), "minute"), (at(2021, 10, 17, 4, 35), "minute"), "по плану"),
        ((at(2021, 10, 17, 4, 36), "minute"), (at(2021, 10, 17, 4, 35), "minute"), "позже плана на 1 минуту"),
        ((at(2021, 10, 17, 4, 56), "minute"), (at(2021, 10, 17, 4, 35), "minute"), "позже плана на 21 минуту"),
        ((at(2021, 10, 17, 4, 25), "minute"), (at(2021, 10, 17, 4, 35), "minute"), "раньше плана на 10 минут"),
        ((at(2021, 10, 17, 8, 35), "minute"), (at(2021, 10, 17, 4, 35), "minute"), "позже плана примерно на 4 часа"),
        ((at(2021, 10, 25), "day"), (at(2021, 10, 17), "day"), "позже плана на 8 дней"),
        ((at(2021, 10, 18), "day"), (at(2021, 10, 17), "day"), "позже плана на 1 день"),
        ((at(2021, 10, 17), "day"), (at(2021, 10, 1), "month"), "в запланированном месяце"),
        ((at(2021, 10, 17), "day"), (at(2021, 10, 17, 4, 35), "minute"), "по плану, насколько можно судить по датам"),
    ],
)  # fmt: skip
def test_compared_with_the_plan(actual, planned, said):
    assert gaps.describe_difference(*actual, *planned) == said


def test_english_is_said_as_before():
    with translation.override("en"):
        assert format_date(at(2021, 10, 5), Precision.DAY) == "5 Oct 2021"
        assert format_date(at(2021, 10, 1), Precision.MONTH) == "October 2021"
        assert format_date_in_sentence(at(2020, 1, 1), Precision.YEAR) == "in 2020"
        assert durations.plural(21, "day") == "21 days"
        assert gaps.describe_difference(at(2021, 10, 17, 4, 36), "minute", at(2021, 10, 17, 4, 35), "minute") == (
            "1 minute later than planned"
        )
