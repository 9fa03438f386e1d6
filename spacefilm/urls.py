from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

admin.site.site_header = "Space Film Race — editors"
admin.site.site_title = "Space Film Race admin"
admin.site.index_title = "Timeline content"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("timeline.urls")),
    # Uploaded event images. Small site, few images: Django serves them; a
    # proxy in front may take /media/ over (see README, "Deploying").
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
