from django.urls import path
from django.views.decorators.http import require_safe

from . import sharing_views, views
from .feeds import RecentEventsFeed

app_name = "timeline"

# The public pages, in every language (spacefilm/urls.py puts them under
# i18n_patterns: English at /, Russian at /ru/).  /healthz is not here: it
# is one address, in no language.

urlpatterns = [
    path("", views.index, name="index"),
    path("events/<slug:slug>/", views.event_detail, name="event"),
]

urlpatterns += [
    path("race/", views.race, name="race"),
]

# Data out: exports (same filters as the timeline; one view, the format from
# views.EXPORT_FORMATS) and the Atom feed.

urlpatterns += [
    path("export/events.json", views.export_events, {"export": "json"}, name="export-json"),
    path("export/events.csv", views.export_events, {"export": "csv"}, name="export-csv"),
    path("export/timelinejs.json", views.export_events, {"export": "timelinejs"}, name="export-timelinejs"),
    path("export/events.ics", views.export_events, {"export": "ics"}, name="export-ics"),
    path("feed/", require_safe(RecentEventsFeed()), name="feed"),
]

# The chart alone, for other sites' pages (<iframe>).

urlpatterns += [
    path("embed/", views.embed, name="embed"),
]

# How links travel: share cards (1200×630 PNG) and the oEmbed answer.

urlpatterns += [
    path("card.png", sharing_views.card_index, name="card-index"),
    path("race/card.png", sharing_views.card_race, name="card-race"),
    path("events/<slug:slug>/card.png", sharing_views.card_event, name="card-event"),
    path("oembed", sharing_views.oembed, name="oembed"),
]
