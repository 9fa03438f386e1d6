from django.contrib import admin, messages
from django.db.models import QuerySet
from django.utils.translation import ngettext

from .models import Effort, Event, Phase, Source


@admin.register(Effort)
class EffortAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "film_title", "colour", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "film_title", "organisations"]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "start", "end", "order"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "start"


class SourceInline(admin.StackedInline):
    model = Source
    extra = 1
    fields = [("publisher", "published"), "title", "url", ("claimed", "claimed_precision"), "order"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "effort", "kind", "date_at_precision", "status", "published", "updated"]
    list_display_links = ["title"]
    list_filter = ["effort", "kind", "status", "published", "start_precision"]
    list_select_related = ["effort"]
    list_per_page = 50
    date_hierarchy = "start"
    search_fields = ["title", "summary", "people", "place", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created", "updated"]
    inlines = [SourceInline]
    save_on_top = True
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "effort", "kind", "status", "published"]}),
        (
            "When (UTC)",
            {
                "fields": [("start", "start_precision"), ("end", "end_precision")],
                "description": "Dates are UTC. At year, month or day precision give the first instant of "
                "that period (May 2021 is 2021-05-01 00:00). An end makes the event a span.",
            },
        ),
        ("Planned beforehand", {"fields": [("planned", "planned_precision"), "planned_by"], "classes": ["collapse"]}),
        ("What happened", {"fields": ["place", "people", "summary", "notes"]}),
        ("Image", {"fields": ["image", "image_alt", "image_caption", "image_credit"], "classes": ["collapse"]}),
        ("Record", {"fields": ["created", "updated"]}),
    ]

    @admin.display(description="Date", ordering="start")
    def date_at_precision(self, event: Event) -> str:
        return event.date_display

    @admin.action(description="Publish the selected events", permissions=["change"])
    def publish(self, request, queryset: QuerySet[Event]):
        self._set_published(request, queryset, True)

    @admin.action(description="Unpublish the selected events (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset: QuerySet[Event]):
        self._set_published(request, queryset, False)

    def _set_published(self, request, queryset: QuerySet[Event], published: bool) -> None:
        changed = list(queryset.exclude(published=published))
        for event in changed:
            event.published = published
            event.save(update_fields=["published", "updated"])
            self.log_change(request, event, [{"changed": {"fields": ["Published"]}}])
        state = "published" if published else "unpublished"
        self.message_user(
            request,
            ngettext("%d event %s.", "%d events %s.", len(changed)) % (len(changed), state),
            messages.SUCCESS,
        )
