"""Lane colours against the white page: WCAG contrast, the seed's lanes, and
the rule that admin and import share (Effort.clean)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from timeline.colours import contrast_ratio, relative_luminance
from timeline.interchange import SCHEMA, ImportRejected, import_payload
from timeline.models import Effort

SEED = Path(__file__).resolve().parent.parent / "timeline" / "seed" / "events.json"


@pytest.mark.parametrize(
    ("colour", "luminance"),
    [("#000000", 0.0), ("#ffffff", 1.0), ("#FF0000", 0.2126), ("#00ff00", 0.7152), ("#0000ff", 0.0722)],
)
def test_relative_luminance(colour, luminance):
    assert relative_luminance(colour) == pytest.approx(luminance)


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#000000", 21.0),  # order does not matter
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the palest grey that passes 4.5:1
        ("#777777", "#ffffff", 4.48),
        ("#949494", "#ffffff", 3.03),
        ("#b3261e", "#ffffff", 6.54),
    ],
)
def test_contrast_ratio(first, second, ratio):
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)


def test_contrast_ratio_refuses_what_is_not_a_colour():
    with pytest.raises(ValueError, match="#rrggbb"):
        contrast_ratio("#fff", "#ffffff")


def seed_efforts() -> list[dict]:
    return json.loads(SEED.read_text(encoding="utf-8"))["efforts"]


@pytest.mark.parametrize("effort", seed_efforts(), ids=lambda effort: effort["slug"])
def test_every_seed_lane_reads_as_text_on_white(effort):
    assert contrast_ratio(effort["colour"], "#ffffff") >= 4.5, effort


def test_the_seed_has_both_lanes():
    assert {effort["slug"] for effort in seed_efforts()} == {"russia", "united-states"}


# --- the rule: refused under 3:1, with a message that says what to do ----------------


def effort(colour: str) -> Effort:
    return Effort(name="Mars", slug="mars", country="US", film_title="Red", colour=colour, order=3)


@pytest.mark.parametrize("colour", ["#b3261e", "#1d4ed8", "#949494", "#000000"])
def test_dark_enough_lane_colours_are_accepted(db, colour):
    effort(colour).full_clean()


def test_a_pale_lane_colour_is_refused_with_its_contrast_and_what_to_do(db):
    with pytest.raises(ValidationError) as caught:
        effort("#ffd700").full_clean()
    assert caught.value.message_dict == {
        "colour": [
            "#ffd700 is too pale on the white page: its contrast is 1.4:1, at least 3:1 is needed "
            "(4.5:1 or more is better). Choose a darker colour."
        ]
    }


def test_a_malformed_colour_gets_the_format_message_only(db):
    with pytest.raises(ValidationError) as caught:
        effort("yellow").full_clean()
    assert caught.value.message_dict == {"colour": ["Give the colour as a six-digit hex code, such as #b3261e."]}


def test_admin_shows_the_message_and_keeps_the_colour(editor_client, russia):
    url = f"/admin/timeline/effort/{russia.pk}/change/"
    data = {
        "name_en": russia.name,  # the side's texts are edited per language
        "slug": russia.slug,
        "country": russia.country,
        "film_title_en": russia.film_title,
        "organisations": "",
        "colour": "#a0a0a0",
        "order": russia.order,
        # The side's plans for milestones with no event yet (inline): none.
        "statements-TOTAL_FORMS": "0",
        "statements-INITIAL_FORMS": "0",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "#a0a0a0 is too pale on the white page: its contrast is 2.6:1" in content
    assert 'class="errorlist' in content
    russia.refresh_from_db()
    assert russia.colour == "#b3261e"

    response = editor_client.post(url, data | {"colour": "#0f766e"}, follow=True)
    assert response.status_code == 200
    russia.refresh_from_db()
    assert russia.colour == "#0f766e"


def test_an_import_with_a_pale_lane_is_refused_and_writes_nothing(db):
    document = {
        "schema": SCHEMA,
        "efforts": [
            {
                "slug": "mars",
                "name": "Mars",
                "country": "US",
                "film_title": "Red",
                "organisations": [],
                "colour": "#fafafa",
                "order": 3,
            }
        ],
        "events": [],
    }
    with pytest.raises(ImportRejected) as caught:
        import_payload(document)
    assert "#fafafa is too pale on the white page" in str(caught.value)
    assert not Effort.objects.filter(slug="mars").exists()
