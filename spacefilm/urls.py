from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from timeline.operations import healthz, media_file

admin.site.site_header = "Space Film Race — editors"
admin.site.site_title = "Space Film Race admin"
admin.site.index_title = "Timeline content"


# Admin, the health probe, the favicon and media have one address each; the
# public pages have one per language (English unprefixed, Russian under /ru/).
urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    # Operations: load balancers probe this (exempt from the HTTPS redirect).
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name no icon (admin's).
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("timeline/favicon.svg"), http_method_names=["get", "head"]),
    ),
    # Uploaded event images. Small site, few images: Django serves them, and
    # only those of published events (see README, "Deploying").
    re_path(r"^media/(?P<path>.*)$", media_file, name="media"),
]
urlpatterns += i18n_patterns(path("", include("timeline.urls")), prefix_default_language=False)
