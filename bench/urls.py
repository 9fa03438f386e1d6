"""The project's URLs plus /bench/bare/: the framework floor (the same
middleware, no query, no template) that the page timings are compared with."""

from django.http import HttpResponse
from django.urls import path

from spacefilm.urls import urlpatterns as site_urls

BARE_PAGE = b"<!doctype html><html lang=en><title>bare</title><p>A bare Django response.</p></html>"


def bare(request):
    return HttpResponse(BARE_PAGE)


# The site's own patterns at the root, not include()d: its /ru/ edition is
# i18n_patterns, which Django allows only in the root URLconf.
urlpatterns = [path("bench/bare/", bare), *site_urls]
