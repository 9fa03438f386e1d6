"""Forms that help: a time only where the precision needs one, every error
listed at the top with a link, the section holding an error open, images
with alt text, a word when a chosen image must be chosen again, and a slug
help that shows a real address."""

from __future__ import annotations

import html as html_lib
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from timeline.models import Event

from .conftest import EVENT_ADD, event_form_data, make_event, utc


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def png(name: str = "launch.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "navy").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def text_of(response) -> str:
    return html_lib.unescape(response.content.decode())


def fieldset_is_collapsed(page: str, heading: str) -> bool:
    """Whether the section titled `heading` is shown folded (inside a <details>)."""
    match = re.search(r"(<summary>)?\s*<h2 [^>]*class=\"fieldset-heading\">" + re.escape(heading) + "</h2>", page)
    assert match, f"no section {heading!r}"
    return match.group(1) is not None


def test_a_day_precision_date_needs_no_time(editor_client, russia):
    data = event_form_data(russia, start_0="2021-10-05", start_1="", start_precision="day")
    response = editor_client.post(EVENT_ADD, data)
    assert response.status_code == 302, text_of(response)[:3000]
    assert Event.objects.get(slug="soyuz-test-flight").start == utc(2021, 10, 5)


def test_a_span_end_at_day_precision_needs_no_time(editor_client, russia):
    data = event_form_data(russia, start_1="", start_precision="day", end_0="2021-10-17", end_1="", end_precision="day")
    assert editor_client.post(EVENT_ADD, data).status_code == 302
    assert Event.objects.get(slug="soyuz-test-flight").end == utc(2021, 10, 17)


def test_a_minute_precision_date_without_its_time_says_so(editor_client, russia):
    response = editor_client.post(EVENT_ADD, event_form_data(russia, start_1="", start_precision="minute"))
    assert response.status_code == 200
    page = text_of(response)
    assert "At minute precision give the time too (HH:MM, UTC), or choose day precision." in page
    assert "This field is required." not in page
    assert not Event.objects.exists()


def test_a_missing_start_says_which_date_and_how(editor_client, russia):
    response = editor_client.post(EVENT_ADD, event_form_data(russia, start_0="", start_1=""))
    page = text_of(response)
    assert "Give the start date (YYYY-MM-DD)." in page
    assert "This field is required." not in page


def test_the_time_is_labelled_as_needed_only_at_minute_precision(editor_client, russia):
    page = text_of(editor_client.get(EVENT_ADD))
    assert "Time (UTC, at minute precision):" in page
    assert "timeline/admin/precision-time.js" in page


def test_every_error_is_listed_at_the_top_with_a_link_and_its_section_opens(editor_client, russia):
    assert fieldset_is_collapsed(text_of(editor_client.get(EVENT_ADD)), "Image")
    data = {**event_form_data(russia, summary="", **{"sources-0-url": "ftp://example.org/x"}), "image": png()}
    response = editor_client.post(EVENT_ADD, data)
    assert response.status_code == 200
    page = text_of(response)
    summary = page[page.index('id="error-summary"') : page.index("</div>", page.index('id="error-summary"'))]
    assert "Not saved: 4 things to correct" in summary  # the image must be chosen again, too
    assert '<a href="#id_image_alt">' in summary
    assert "Say what the image shows (its alt text)" in summary
    assert '<a href="#id_summary_en">Summary [en]</a>: This field is required.' in summary
    assert '<a href="#id_sources-0-url">Source 1: Url</a>: Give a web address starting with http' in summary
    # Every link reaches an input on the page.
    for anchor in re.findall(r'<a href="#([^"]+)">', summary):
        assert f'id="{anchor}"' in page, anchor
    assert not fieldset_is_collapsed(page, "Image")  # the folded section holding an error opens


def test_an_image_needs_alt_text(editor_client, russia):
    response = editor_client.post(EVENT_ADD, {**event_form_data(russia), "image": png()})
    assert response.status_code == 200
    page = text_of(response)
    assert "Say what the image shows (its alt text)" in page
    assert not fieldset_is_collapsed(page, "Image")
    assert not Event.objects.exists()

    response = editor_client.post(
        EVENT_ADD, {**event_form_data(russia, image_alt="A Soyuz on the pad"), "image": png()}
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.image.name.startswith("events/launch")
    assert event.image_alt == "A Soyuz on the pad"


def test_an_image_on_a_refused_form_is_asked_for_again(editor_client, russia):
    data = {**event_form_data(russia, image_alt="A Soyuz on the pad", summary=""), "image": png("pad.png")}
    response = editor_client.post(EVENT_ADD, data)
    assert response.status_code == 200
    page = text_of(response)
    message = "The file you chose (pad.png) was not kept, because the form had to be shown again: choose it again"
    assert message in page
    assert '<a href="#id_image">Image</a>: ' + message in page
    assert not fieldset_is_collapsed(page, "Image")


def test_the_slug_help_shows_a_real_address(editor_client, russia):
    page = text_of(editor_client.get(EVENT_ADD))
    assert "/events//" not in page
    assert "for example /events/soyuz-ms-19-launch/" in page
    event = make_event(russia, slug="soyuz-ms-18-lands", sources=0)
    page = text_of(editor_client.get(f"/admin/timeline/event/{event.pk}/change/"))
    assert "for example /events/soyuz-ms-18-lands/" in page
