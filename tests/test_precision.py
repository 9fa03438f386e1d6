from datetime import UTC, datetime, timedelta

import pytest

from timeline.gaps import Window, describe_difference, gap_between, latest_of
from timeline.precision import (
    Precision,
    covered_interval,
    format_date,
    format_span,
    is_consistent,
    iso_full,
    parse_iso,
    shifted,
    to_iso,
    truncate,
)


def utc(*parts):
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (utc(2020, 1, 1), "year", "2020"),
        (utc(2020, 5, 1), "month", "May 2020"),
        (utc(2020, 5, 5), "day", "5 May 2020"),
        (utc(2021, 10, 5, 8, 55), "minute", "5 Oct 2021, 08:55 UTC"),
        (utc(2021, 10, 17, 4, 35), "minute", "17 Oct 2021, 04:35 UTC"),
        (utc(2023, 12, 31), "day", "31 Dec 2023"),
    ],
)
def test_format_date_shows_only_what_is_known(value, precision, expected):
    assert format_date(value, precision) == expected


def test_year_precision_is_never_shown_as_first_of_january():
    assert "Jan" not in format_date(utc(2020, 1, 1), "year")


@pytest.mark.parametrize(
    ("value", "precision", "start", "end"),
    [
        (utc(2020, 1, 1), "year", utc(2020, 1, 1), utc(2021, 1, 1)),
        (utc(2021, 5, 1), "month", utc(2021, 5, 1), utc(2021, 6, 1)),
        (utc(2021, 12, 1), "month", utc(2021, 12, 1), utc(2022, 1, 1)),
        (utc(2024, 2, 1), "month", utc(2024, 2, 1), utc(2024, 3, 1)),
        (utc(2021, 10, 17), "day", utc(2021, 10, 17), utc(2021, 10, 18)),
        (utc(2021, 12, 31), "day", utc(2021, 12, 31), utc(2022, 1, 1)),
        (utc(2021, 10, 5, 8, 55), "minute", utc(2021, 10, 5, 8, 55), utc(2021, 10, 5, 8, 56)),
    ],
)
def test_covered_interval_is_the_whole_period(value, precision, start, end):
    assert covered_interval(value, precision) == (start, end)


@pytest.mark.parametrize(
    ("value", "precision", "consistent"),
    [
        (utc(2020, 1, 1), "year", True),
        (utc(2020, 3, 1), "year", False),
        (utc(2021, 5, 1), "month", True),
        (utc(2021, 5, 13), "month", False),
        (utc(2021, 5, 13), "day", True),
        (utc(2021, 5, 13, 9), "day", False),
        (utc(2021, 10, 5, 8, 55), "minute", True),
        (utc(2021, 10, 5, 8, 55, 2), "minute", False),
    ],
)
def test_is_consistent(value, precision, consistent):
    assert is_consistent(value, precision) is consistent


def test_truncate_converts_to_utc_first():
    from datetime import timedelta, timezone

    moscow = timezone(timedelta(hours=3))
    assert truncate(datetime(2021, 10, 5, 1, 0, tzinfo=moscow), "day") == utc(2021, 10, 4)


@pytest.mark.parametrize(
    ("start", "sp", "end", "ep", "expected"),
    [
        (utc(2021, 10, 5), "day", utc(2021, 10, 16), "day", "5–16 Oct 2021"),
        (utc(2021, 5, 1), "month", utc(2021, 10, 4), "day", "May – 4 Oct 2021"),
        (utc(2021, 9, 28), "day", utc(2021, 10, 4), "day", "28 Sep – 4 Oct 2021"),
        (utc(2020, 1, 1), "year", utc(2021, 3, 1), "month", "2020 – March 2021"),
        (utc(2021, 10, 5), "day", None, None, "5 Oct 2021"),
    ],
)
def test_format_span(start, sp, end, ep, expected):
    assert format_span(start, sp, end, ep) == expected


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2020", utc(2020, 1, 1), Precision.YEAR),
        ("2020-05", utc(2020, 5, 1), Precision.MONTH),
        ("2020-05-04", utc(2020, 5, 4), Precision.DAY),
        ("2021-10-05T08:55Z", utc(2021, 10, 5, 8, 55), Precision.MINUTE),
        ("2021-10-05T08:55:00Z", utc(2021, 10, 5, 8, 55), Precision.MINUTE),
    ],
)
def test_parse_iso_reads_precision_from_the_text(text, value, precision):
    assert parse_iso(text) == (value, precision)
    assert parse_iso(to_iso(value, precision)) == (value, precision)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2021-02-31", "not a real date"),
        ("2021-13", "not a real date"),
        ("yesterday", "is not a date"),
        ("", "is not a date"),
        ("2021-10-05T08:55:02Z", "seconds must be 00"),
    ],
)
def test_parse_iso_rejects_bad_dates_with_a_message(text, message):
    with pytest.raises(ValueError, match=message):
        parse_iso(text)


@pytest.mark.parametrize(
    ("actual", "actual_precision", "planned", "planned_precision", "expected"),
    [
        (utc(2021, 10, 17, 4, 35), "minute", utc(2021, 10, 17, 4, 36), "minute", "1 minute earlier than planned"),
        (utc(2021, 10, 5, 12, 22), "minute", utc(2021, 10, 5, 12, 12), "minute", "10 minutes later than planned"),
        (utc(2021, 10, 5, 15, 0), "minute", utc(2021, 10, 5, 12, 0), "minute", "about 3 hours later than planned"),
        (utc(2021, 10, 5, 8, 55), "minute", utc(2021, 10, 5, 8, 55), "minute", "as planned"),
        (utc(2023, 4, 20), "day", utc(2023, 4, 12), "day", "8 days later than planned"),
        (utc(2021, 10, 17, 4, 35), "minute", utc(2021, 10, 17), "day", "on the planned day"),
        (utc(2021, 10, 17, 4, 35), "minute", utc(2021, 10, 16), "day", "5 to 29 hours later than planned"),
        (utc(2020, 11, 3), "day", utc(2020, 10, 1), "month", "3 to 33 days later than planned"),
        (utc(2020, 11, 3), "day", utc(2020, 11, 1), "month", "in the planned month"),
        (utc(2021, 1, 1), "year", utc(2021, 6, 1), "month", "as planned, as far as the dates say"),
    ],
)
def test_describe_difference_is_only_as_precise_as_both_dates(
    actual, actual_precision, planned, planned_precision, expected
):
    assert describe_difference(actual, actual_precision, planned, planned_precision) == expected


LAST = datetime.max.replace(tzinfo=UTC)  # the last instant Python can hold


@pytest.mark.parametrize(
    ("value", "precision", "end"),
    [
        (utc(9999, 1, 1), "year", LAST),
        (utc(9999, 12, 1), "month", LAST),
        (utc(9999, 11, 1), "month", utc(9999, 12, 1)),
        (utc(9999, 12, 31), "day", LAST),
        (utc(9999, 12, 31, 23, 59), "minute", LAST),
        (utc(1, 1, 1), "day", utc(1, 1, 2)),
    ],
)
def test_covered_interval_stops_at_the_end_of_pythons_calendar(value, precision, end):
    # Only a row that bypassed the model's date range gets here; it must not overflow.
    assert covered_interval(value, precision) == (value, end)


def test_shifted_stops_at_both_ends_of_pythons_calendar():
    first = datetime.min.replace(tzinfo=UTC)
    assert shifted(utc(1, 1, 2), -timedelta(days=5)) == first
    assert shifted(utc(9999, 12, 30), timedelta(days=5)) == LAST
    assert shifted(utc(2021, 10, 5), timedelta(days=1)) == utc(2021, 10, 6)


@pytest.mark.parametrize(
    ("value", "precision", "text"),
    [
        (utc(21, 1, 1), "year", "0021"),
        (utc(21, 11, 1), "month", "0021-11"),
        (utc(21, 11, 3), "day", "0021-11-03"),
        (utc(21, 11, 3, 8, 5), "minute", "0021-11-03T08:05Z"),
    ],
)
def test_early_years_are_written_with_four_digits_and_read_back(value, precision, text):
    # strftime writes the year 21 as "21" on Linux: neither readers nor parse_iso could read it back.
    assert to_iso(value, precision) == text
    assert parse_iso(text) == (value, precision)


def test_iso_full_writes_four_digit_years_and_seconds_only_when_there_are_any():
    assert iso_full(utc(21, 11, 3, 8, 5)) == "0021-11-03 08:05 UTC"
    assert iso_full(utc(2021, 10, 5, 8, 55, 2)) == "2021-10-05 08:55:02 UTC"


# --- gaps between dates of different precision ---------------------------------------


@pytest.mark.parametrize(
    ("actual", "actual_precision", "planned", "planned_precision", "expected"),
    [
        # A day against a time: the range of hours the day allows, across a year end and a month end.
        (utc(2024, 1, 1), "day", utc(2023, 12, 31, 23, 0), "minute", "1 to 25 hours later than planned"),
        (utc(2023, 12, 31, 23, 0), "minute", utc(2024, 1, 1), "day", "1 to 25 hours earlier than planned"),
        (utc(2021, 11, 1, 0, 30), "minute", utc(2021, 10, 31), "day", "30 minutes to 25 hours later than planned"),
        (utc(2021, 10, 20, 12, 0), "minute", utc(2021, 10, 5), "day", "about 15 days later than planned"),
        (utc(2021, 10, 5), "day", utc(2021, 10, 17, 4, 36), "minute", "about 12 days earlier than planned"),
        # Two days: whole calendar days, exact.
        (utc(2021, 11, 1), "day", utc(2021, 10, 31), "day", "1 day later than planned"),
        (utc(2023, 12, 31), "day", utc(2024, 1, 1), "day", "1 day earlier than planned"),
        (utc(2021, 2, 28), "day", utc(2021, 3, 1), "day", "1 day earlier than planned"),
        # A month or a year on either side: the range of days, months or years it allows.
        (utc(2021, 11, 1), "month", utc(2021, 10, 31), "day", "1 to 30 days later than planned"),
        (utc(2024, 1, 1), "month", utc(2023, 12, 1), "month", "1 day to 2 months later than planned"),
        (utc(2023, 3, 1), "month", utc(2022, 1, 1), "year", "2 months to 1 year 3 months later than planned"),
        (utc(2024, 1, 1), "year", utc(2023, 1, 1), "year", "1 day to 2 years later than planned"),
        (utc(2022, 1, 1), "year", utc(2021, 12, 1), "month", "1 day to 1 year 1 month later than planned"),
        (utc(2021, 12, 1), "month", utc(2022, 1, 1), "year", "1 day to 1 year 1 month earlier than planned"),
        (utc(2021, 9, 30, 22, 0), "minute", utc(2021, 10, 1), "month", "2 hours to 31 days earlier than planned"),
        (utc(2024, 2, 1), "month", utc(2024, 3, 1, 12, 0), "minute", "12 hours to 30 days earlier than planned"),
        (utc(2022, 1, 1, 0, 10), "minute", utc(2021, 1, 1), "year", "10 minutes to 1 year later than planned"),
        (utc(2020, 1, 1), "year", utc(2021, 10, 17, 4, 36), "minute",
         "10 months to 1 year 10 months earlier than planned"),
        # Two times: exact, across a year end.
        (utc(2022, 1, 1, 0, 10), "minute", utc(2021, 12, 31, 23, 50), "minute", "20 minutes later than planned"),
        # Overlapping periods are neither later nor earlier.
        (utc(2021, 10, 1), "month", utc(2021, 10, 5), "day", "as planned, as far as the dates say"),
        (utc(2021, 10, 17), "day", utc(2021, 10, 17, 4, 36), "minute", "as planned, as far as the dates say"),
        (utc(2021, 1, 1), "year", utc(2021, 10, 17, 4, 36), "minute", "as planned, as far as the dates say"),
        (utc(2021, 1, 1), "year", utc(2021, 10, 1), "month", "as planned, as far as the dates say"),
        # Inside the planned period, or the very same period.
        (utc(2021, 10, 5), "day", utc(2021, 10, 1), "month", "in the planned month"),
        (utc(2021, 10, 17, 4, 35), "minute", utc(2021, 10, 1), "month", "in the planned month"),
        (utc(2021, 10, 5), "day", utc(2021, 1, 1), "year", "in the planned year"),
        (utc(2021, 10, 1), "month", utc(2021, 10, 1), "month", "as planned"),
        (utc(2021, 1, 1), "year", utc(2021, 1, 1), "year", "as planned"),
    ],
)  # fmt: skip
def test_planned_against_actual_at_every_pair_of_precisions(
    actual, actual_precision, planned, planned_precision, expected
):
    assert describe_difference(actual, actual_precision, planned, planned_precision) == expected


def _random_date(rng) -> tuple[datetime, str]:
    precision = rng.choice(["minute", "day", "month", "year"])
    moment = utc(2020, 1, 1) + timedelta(days=rng.randrange(900), minutes=rng.randrange(1440))
    return truncate(moment, precision), precision


def test_later_or_earlier_only_when_the_periods_do_not_overlap():
    import random

    rng = random.Random(12)
    for _ in range(3000):
        (actual, ap), (planned, pp) = _random_date(rng), _random_date(rng)
        words = describe_difference(actual, ap, planned, pp)
        a_from, a_until = covered_interval(actual, ap)
        p_from, p_until = covered_interval(planned, pp)
        if a_from < p_until and p_from < a_until:
            assert "later" not in words, (actual, ap, planned, pp, words)
            assert "earlier" not in words, (actual, ap, planned, pp, words)
        else:
            assert words.endswith("later than planned" if a_from >= p_until else "earlier than planned"), words
        assert not words.startswith("0 "), (actual, ap, planned, pp, words)


def _gap(a: str, b: str):
    return gap_between(Window.of(*parse_iso(a)), Window.of(*parse_iso(b)))


@pytest.mark.parametrize(
    ("earlier", "later", "words", "days_words", "detail", "exact"),
    [
        # The case: a day against a time the next night.
        ("2021-10-16", "2021-10-17T01:14Z", "1 to 25 hours", "1 to 25 hours", "between 1 h 14 min and 25 h 14 min",
         False),
        # Within ±10 % of its middle: "about".
        ("2020-09-22", "2021-10-05T08:55Z", "about 1 year", "about 378 days",
         "between 377 days 8 h 55 min and 378 days 8 h 55 min", False),
        # From nothing: "up to".
        ("2021-10-05", "2021-10-05T08:55Z", "up to 9 hours", "up to 9 hours", "up to 8 h 55 min", False),
        ("2021-10", "2021-10-05", "up to 4 days", "up to 4 days", "between 0 and 4 days", False),
        # Exact: two times, or two days.
        ("2021-10-05T08:55Z", "2021-10-17T04:35Z", "11 days 19 h 40 min", "11 days 19 h 40 min",
         "11 days 19 h 40 min", True),
        ("2021-10-05", "2023-02-10", "1 year 4 months", "493 days", "493 days", True),
        # Coarse: the range of whole days, or months past two months.
        ("2021-05", "2021-10-05", "4 to 5 months", "127 to 157 days", "between 127 and 157 days", False),
        ("2021-09", "2021-10-01", "1 to 30 days", "1 to 30 days", "between 1 and 30 days", False),
    ],
)  # fmt: skip
def test_a_gap_is_only_as_precise_as_both_dates(earlier, later, words, days_words, detail, exact):
    gap = _gap(earlier, later)
    assert (gap.words(), gap.words(months=False), gap.detail(), gap.exact) == (words, days_words, detail, exact)


def test_the_latest_of_windows_runs_from_the_latest_start_to_the_latest_end():
    october = Window.of(utc(2021, 10, 1), "month")
    home = Window.of(utc(2021, 10, 16), "day")
    landing = Window.of(utc(2021, 10, 17, 4, 35), "minute")
    assert latest_of([october, home]) == Window(utc(2021, 10, 16), utc(2021, 11, 1), timed=False)
    assert latest_of([home, landing]).point
    both = latest_of([october, landing])
    assert (both.start, both.end, both.timed, both.point) == (utc(2021, 10, 17, 4, 35), utc(2021, 11, 1), True, False)
