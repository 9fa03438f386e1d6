from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from modeltranslation.admin import TranslationAdmin

from . import import_holds, interchange, services
from .admin_errors import FormHelpMixin
from .admin_forms import (  # noqa: F401
    DATE_OPTIONAL_TIME,
    CleanTextForm,
    EditorForm,
    EventForm,
    SourceForm,
    StatementForm,
)
from .admin_history import EventHistoryMixin, RecordedAdmin
from .conflicts import SNAPSHOT_FIELD
from .interchange import ImportRejected, Problem
from .models import Effort, Event, Phase, Source, Statement
from .preview import PreviewToggleAdminMixin
from .translated import missing_translation


class MissingRussianFilter(admin.SimpleListFilter):
    """Rows whose English text has no Russian translation yet, in any of the
    translated fields (timeline/translation.py); a Russian page shows the
    English text there, marked as English."""

    title = "Russian translation"
    parameter_name = "russian"

    def lookups(self, request, model_admin):
        return [("missing", "Missing Russian translation"), ("complete", "Translated into Russian")]

    def queryset(self, request, queryset):
        missing = missing_translation(queryset.model, "ru")
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "complete":
            return queryset.exclude(missing)
        return queryset


STATEMENT_FIELDS = [
    ("kind", "approximate"),
    ("date", "date_precision"),
    "wording",
    ("announced", "announced_precision"),
    ("publisher", "title"),
    "url",
    "order",
]


class StatementInline(admin.StackedInline):
    """What was said of the event, each with the day it became public: the
    race of a day shows only what had been published by then."""

    model = Statement
    form = StatementForm
    fk_name = "event"
    extra = 1
    fields = [*STATEMENT_FIELDS, SNAPSHOT_FIELD]
    formfield_overrides = DATE_OPTIONAL_TIME
    verbose_name = "statement (plan, revision, cancellation, claim)"
    verbose_name_plural = "What was said, and when (plans, revisions, cancellations, claims)"


class SideStatementInline(StatementInline):
    """Plans about a side's milestone for which no event exists yet."""

    fk_name = "effort"
    fields = ["milestone", *STATEMENT_FIELDS, SNAPSHOT_FIELD]
    verbose_name_plural = "Plans for milestones with no event yet"


@admin.register(Statement)
class StatementAdmin(FormHelpMixin, RecordedAdmin):
    form = StatementForm
    formfield_overrides = DATE_OPTIONAL_TIME
    list_display = ["__str__", "kind", "event", "effort", "milestone", "announced"]
    list_filter = ["kind", "effort", "milestone"]
    search_fields = ["publisher", "title", "wording", "event__title"]
    autocomplete_fields = ["event"]
    fields = ["event", ("effort", "milestone"), *STATEMENT_FIELDS, SNAPSHOT_FIELD]


@admin.register(Effort)
class EffortAdmin(FormHelpMixin, RecordedAdmin, TranslationAdmin):
    """Name and film title in English and Russian, side by side, and the
    side's plans for milestones with no event yet."""

    form = EditorForm
    inlines = [SideStatementInline]
    list_display = ["name", "country", "film_title", "colour", "order"]
    list_editable = ["order"]
    list_filter = [MissingRussianFilter]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name_en", "name_ru", "film_title_en", "film_title_ru", "organisations"]


@admin.register(Phase)
class PhaseAdmin(FormHelpMixin, RecordedAdmin, TranslationAdmin):
    form = EditorForm
    list_display = ["name", "start", "end", "order"]
    list_filter = [MissingRussianFilter]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "start"


class SourceInline(admin.StackedInline):
    model = Source
    form = SourceForm
    extra = 1
    fields = [("publisher", "published"), "title", "url", "order", SNAPSHOT_FIELD]


# --- Import events -----------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label="File",
        required=False,
        help_text=f"JSON or CSV in the shape of the exports (/export/events.json, /export/events.csv), "
        f"UTF-8, at most {interchange.MAX_IMPORT_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.csv,application/json,text/csv"}),
    )
    format = forms.ChoiceField(
        choices=[("", "From the file name"), ("json", "JSON"), ("csv", "CSV")],
        required=False,
    )
    # A previewed file kept for this account (timeline.import_holds): importing it needs no second upload.
    held = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("held") and "file" not in self.errors:
            self.add_error("file", forms.ValidationError("Choose a file to import.", code="required"))
        return data


NOT_HELD = Problem(
    None,
    "file",
    f"the previewed file is no longer kept (previews are kept {import_holds.HOLD_SECONDS // 60} minutes, "
    "for the account that made them): choose the file again.",
)


class BoundedUploadHandler(FileUploadHandler):
    """Stops reading an upload once it passes the import limit (for uploads
    that arrive without a Content-Length); the view then says why."""

    def __init__(self, request=None, limit: int = interchange.MAX_IMPORT_BYTES):
        super().__init__(request)
        self.limit, self.received, self.exceeded = limit, 0, False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


MULTIPART_OVERHEAD = 64 * 1024  # the form's other fields and boundaries around the file


def _can_import(request) -> bool:
    return request.user.has_perms(["timeline.add_event", "timeline.change_event"])


def _permission_problems(request, result: interchange.ImportResult) -> list[Problem]:
    """Sides and phases a JSON file would create or change need their own permissions."""
    needs = [
        ("add_effort", result.efforts_created, "create the side"),
        ("change_effort", result.efforts_updated, "change the side"),
        ("add_phase", result.phases_created, "create the phase"),
        ("change_phase", result.phases_updated, "change the phase"),
    ]
    return [
        Problem(None, "permission", f"the file would {action} “{slug}”, which your account may not do.")
        for codename, slugs, action in needs
        if not request.user.has_perm(f"timeline.{codename}")
        for slug in slugs
    ]


def _log_import(request, result: interchange.ImportResult, filename: str) -> None:
    """Admin history entries for every event the import created or changed."""
    content_type = ContentType.objects.get_for_model(Event)
    events = Event.objects.filter(pk__in=result.created_ids + result.updated_ids).only("pk", "slug", "title")
    entries = []
    for event in events:
        if event.slug in result.changes:
            flag, message = CHANGE, f"Imported from {filename}: changed {', '.join(result.changes[event.slug])}."
        else:
            flag, message = ADDITION, f"Imported from {filename}."
        entries.append(
            LogEntry(
                user_id=request.user.pk,
                content_type_id=content_type.pk,
                object_id=str(event.pk),
                object_repr=str(event)[:200],
                action_flag=flag,
                change_message=message,
            )
        )
    LogEntry.objects.bulk_create(entries)


class EventImportMixin:
    """An "Import events" page beside the Event changelist, for staff who may
    add and change events."""

    import_template = "admin/timeline/event/import.html"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name=f"{opts.app_label}_{opts.model_name}_import",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"can_import": _can_import(request), **(extra_context or {})})

    @method_decorator(csrf_exempt)  # checked below, once the upload handlers are in place
    def import_view(self, request):
        if not _can_import(request):
            raise PermissionDenied
        if request.method == "POST":
            length = int(request.META.get("CONTENT_LENGTH") or 0)
            if length > interchange.MAX_IMPORT_BYTES + MULTIPART_OVERHEAD:
                # Refused before a byte of the body is read.
                problems = [interchange.size_problem(length)]
                return self._render_import(request, ImportForm(), problems=problems, status=413)
            bounded = BoundedUploadHandler(request)
            request.upload_handlers.insert(0, bounded)
            return self._import_view(request, bounded)
        return self._import_view(request, None)

    @method_decorator(csrf_protect)
    def _import_view(self, request, bounded: BoundedUploadHandler | None):
        if request.method != "POST":
            return self._render_import(request, ImportForm())
        request.FILES  # noqa: B018 - reads the body through the bounded handler
        if bounded.exceeded:
            problems = [interchange.size_problem()]
            return self._render_import(request, ImportForm(), problems=problems, status=413)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render_import(request, form, status=400)
        upload, held = form.cleaned_data["file"], None
        if upload:
            if upload.size > interchange.MAX_IMPORT_BYTES:
                problems = [interchange.size_problem(upload.size)]
                return self._render_import(request, form, problems=problems, filename=upload.name, status=400)
            data, name, fmt = upload.read(), upload.name, form.cleaned_data["format"]
        elif (held := import_holds.take(request.user, form.cleaned_data["held"])) is not None:
            data, name, fmt = held.data, held.name, held.fmt
        else:
            return self._render_import(request, ImportForm(), problems=[NOT_HELD], status=400)
        dry_run = "import" not in request.POST
        try:
            parsed = interchange.read_file(data, fmt=fmt or None, filename=name)
            # One run checks and writes (or, for the preview, rolls back): what
            # the file would change must also be within the account's rights.
            result = services.events_import(
                parsed=parsed,
                dry_run=dry_run,
                refuse=lambda planned: _permission_problems(request, planned),
                label=name,
            )
        except ImportRejected as exc:
            if held:
                import_holds.release(held.token)
            return self._render_import(request, ImportForm(), problems=exc.problems, filename=name, status=400)
        if dry_run:
            token = held.token if held else None
            if result.changed and token is None:
                token = import_holds.hold(request.user, data, name=name, fmt=fmt)
            return self._render_import(request, ImportForm(), result=result, filename=name, held=token)
        if held:
            import_holds.release(held.token)
        _log_import(request, result, name)
        self.message_user(request, f"Imported {name}. {result.summary()}", messages.SUCCESS)
        return redirect(reverse(f"{self.admin_site.name}:timeline_event_changelist"))

    def _render_import(self, request, form, *, problems=(), result=None, filename="", held=None, status=200):
        context = {
            "held": held,
            "hold_minutes": import_holds.HOLD_SECONDS // 60,
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import events",
            "form": form,
            "problems": list(problems),
            "result": result,
            "filename": filename,
            "max_megabytes": interchange.MAX_IMPORT_BYTES // (1024 * 1024),
            "max_rows": f"{interchange.MAX_IMPORT_ROWS:,}",
        }
        return TemplateResponse(request, self.import_template, context, status=status)


@admin.register(Event)
class EventAdmin(
    PreviewToggleAdminMixin, EventHistoryMixin, EventImportMixin, FormHelpMixin, RecordedAdmin, TranslationAdmin
):
    """Every translated text (title, place, people, summary, notes) in
    English and Russian, one under the other; English is required, Russian
    falls back to it."""

    form = EventForm
    formfield_overrides = DATE_OPTIONAL_TIME
    list_display = ["title", "effort", "kind", "date_at_precision", "status", "published", "updated"]
    list_display_links = ["title"]
    list_filter = ["effort", "kind", "status", "published", "start_precision", MissingRussianFilter]
    list_select_related = ["effort"]
    list_per_page = 50
    date_hierarchy = "start"
    search_fields = [
        *(f"{name}_{code}" for name in ("title", "summary", "people", "place") for code in ("en", "ru")),
        "slug",
    ]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created", "updated"]
    inlines = [SourceInline, StatementInline]
    save_on_top = True
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "chart_label", "slug", "effort", "kind", "status", "published"]}),
        ("Correction", {"fields": ["correction_note"]}),
        (
            "When (UTC)",
            {
                "fields": [("start", "start_precision"), ("end", "end_precision")],
                "description": "Dates are UTC. At year, month or day precision give the first instant of "
                "that period (May 2021 is 2021-05-01 00:00). An end makes the event a span.",
            },
        ),
        ("What happened", {"fields": ["place", "people", "summary", "notes", "internal_notes"]}),
        ("Image", {"fields": ["image", "image_alt", "image_caption", "image_credit"], "classes": ["collapse"]}),
        ("Record", {"fields": ["created", "updated", SNAPSHOT_FIELD]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if note := form.cleaned_data.get("correction_note", "").strip():
            services.event_correct(event=obj, note=note)

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
        changed = services.events_publish(events=queryset, published=published)
        for event in changed:
            self.log_change(request, event, [{"changed": {"fields": ["Published"]}}])
        said = (
            ngettext("%d event published.", "%d events published.", len(changed))
            if published
            else ngettext("%d event unpublished.", "%d events unpublished.", len(changed))
        )
        self.message_user(
            request,
            said % len(changed),
            messages.SUCCESS,
        )
