"""The vocabulary every module reads: kinds, statuses, precision notes."""

import pytest

from timeline import vocabulary
from timeline.models import Event


def test_every_kind_has_its_own_marker_symbol():
    symbols = [kind.symbol for kind in vocabulary.KINDS]
    assert len(set(symbols)) == len(symbols)


def test_the_race_compares_every_kind_but_status_updates_in_race_order():
    assert vocabulary.MILESTONE_KINDS == (
        "announcement", "partner_joins", "crew_selection", "training",
        "launch", "arrival", "filming", "return", "premiere",
    )  # fmt: skip


def test_the_models_choices_are_the_vocabulary():
    assert Event.Kind.choices == [(kind.value, kind.label) for kind in vocabulary.KINDS]
    assert Event.Status.CANCELLED.label == "Cancelled (never happened)"


@pytest.mark.parametrize(
    ("value", "ics"),
    [("happened", "CONFIRMED"), ("planned", "TENTATIVE"), ("cancelled", "CANCELLED"), ("bogus", "TENTATIVE")],
)
def test_a_status_reads_the_same_everywhere_even_one_no_form_checked(value, ics):
    assert vocabulary.status_of(value).ics == ics


@pytest.mark.parametrize(
    ("precision", "note"),
    [("year", "known to the year only"), ("month", "known to the month only"), ("day", ""), ("", "")],
)
def test_precision_notes(precision, note):
    assert vocabulary.precision_note(precision) == note
