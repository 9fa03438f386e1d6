from timeline.models import Event

from .conftest import make_event


def test_index_lists_published_events_by_side(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Soyuz MS-19 lifts off with the film crew" in html
    assert "Trade press reveals Cruise plan" in html
    assert html.index('id="lane-russia"') < html.index('id="lane-united-states"')


def test_drafts_are_absent_from_index(client, russia):
    make_event(russia, title="Secret draft title", slug="secret-draft", published=False)
    make_event(russia, title="Public title", slug="public")
    html = client.get("/").content.decode()
    assert "Public title" in html
    assert "Secret draft title" not in html
    assert "secret-draft" not in html


def test_event_page_shows_sources_and_planned_vs_actual(client, seeded):
    html = client.get("/events/soyuz-ms-18-lands/").content.decode()
    assert "17 Oct 2021, 04:35 UTC" in html
    assert "17 Oct 2021, 04:36 UTC" in html
    assert "said: 16 Oct 2021" in html
    assert 'href="https://tass.com/science/1350503"' in html


def test_draft_event_page_is_404(client, russia):
    make_event(russia, slug="draft-one", published=False)
    assert client.get("/events/draft-one/").status_code == 404
    Event.objects.filter(slug="draft-one").update(published=True)
    assert client.get("/events/draft-one/").status_code == 200
