"""The project's URLs plus /bench/bare/: the framework floor (the same
middleware, no query, no template) that the page timings are compared with."""

from django.http import HttpResponse
from django.urls import include, path

BARE_PAGE = b"<!doctype html><html lang=en><title>bare</title><p>A bare Django response.</p></html>"


def bare(request):
    return HttpResponse(BARE_PAGE)


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("spacefilm.urls")),
]
