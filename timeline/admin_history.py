"""The history in admin: every version with each field's old and new value
(django-simple-history's history page), a one-click "Restore" per version,
an event's sources' changes beside its own, and the change sets (imports)
with their "Undo"."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from . import history
from .corrections import CORRECTED_FIELDS, in_words, needs_note
from .models import ChangeSet, Source


class RecordedAdmin(SimpleHistoryAdmin):
    """A model's admin with its history: the versions with their changes
    field by field, and a "Restore" button on each earlier version."""

    object_history_list_template = "admin/timeline/history_list.html"

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_restore"
        restore = path(
            "<path:object_id>/history/<int:version_id>/restore/",
            self.admin_site.admin_view(self.restore_view),
            name=name,
        )
        return [restore, *super().get_urls()]

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        version = get_object_or_404(self.model.history.model, id=object_id, history_id=version_id)
        current = self.model.objects.filter(pk=object_id).first()
        if not self.has_change_permission(request, current):
            raise PermissionDenied
        opts = self.model._meta
        if form_needed := self.restore_needs_form(current, version):
            # The editor has something to write first (a correction note): the version's form, filled in.
            self.message_user(request, form_needed, messages.WARNING)
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_simple_history", object_id, version_id)
        restored = history.restore(version)
        self.message_user(
            request,
            f"Restored “{restored}” as it was on {version.history_date:%d %b %Y at %H:%M} UTC.",
            messages.SUCCESS,
        )
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_history", object_id)

    def restore_needs_form(self, current, version) -> str:
        """Why restoring `version` needs the form rather than one click ("": it does not)."""
        return ""


class EventHistoryMixin:
    """The event's history page also lists its sources' changes; restoring a
    published event's date, title or status asks for the correction note."""

    object_history_template = "admin/timeline/event/object_history.html"

    def restore_needs_form(self, current, version) -> str:
        if current is None:
            return ""
        old = version.instance
        changes = needs_note(current, {field: getattr(old, field) for field in CORRECTED_FIELDS})
        if not changes:
            return ""
        return (
            f"Restoring this version changes the published event’s {in_words(changes)}: "
            "write a correction note below, then save."
        )

    def history_view(self, request, object_id, extra_context=None):
        extra = {"source_history": self._source_history(request, object_id), **(extra_context or {})}
        return super().history_view(request, object_id, extra)

    def _source_history(self, request, object_id) -> list:
        """This event's sources' versions, newest first, each with its changes."""
        try:
            event_id = int(object_id)
        except ValueError:
            return []
        records = Source.history.filter(event_id=event_id).select_related("history_user", "change_set")
        records = list(records.order_by("-history_date", "-history_id")[:200])
        for record in records:
            previous = record.prev_record
            if previous is not None and record.history_type == "~":
                helper = HistoricalRecordContextHelper(Source, record)
                record.history_delta_changes = helper.context_for_delta_changes(record.diff_against(previous))
        return records


@admin.register(ChangeSet)
class ChangeSetAdmin(admin.ModelAdmin):
    """The imports (and undos), each undone as a whole with one click."""

    list_display = ["created", "kind", "label", "user", "undo_state"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "label", "user", "created", "undone_by"]
    change_form_template = "admin/timeline/changeset/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # read-only, but for the undo

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("timeline.view_event")

    def can_undo(self, request) -> bool:
        return request.user.has_perms(["timeline.add_event", "timeline.change_event", "timeline.delete_event"])

    @admin.display(description="Undone")
    def undo_state(self, change_set: ChangeSet) -> str:
        return str(change_set.undone_by) if change_set.undone_by_id else ""

    def get_urls(self):
        opts = self.model._meta
        undo = path(
            "<int:object_id>/undo/",
            self.admin_site.admin_view(self.undo_view),
            name=f"{opts.app_label}_{opts.model_name}_undo",
        )
        return [undo, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change_set = get_object_or_404(ChangeSet, pk=object_id)
        rows = [(row.instance_type._meta.verbose_name, row) for row in history.history_of(change_set)]
        extra = {
            "history_rows": rows,
            "can_undo": self.can_undo(request) and not change_set.undone_by_id and rows,
            "undo_url": reverse("admin:timeline_changeset_undo", args=[change_set.pk]),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra)

    def undo_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.can_undo(request):
            raise PermissionDenied
        change_set = get_object_or_404(ChangeSet, pk=object_id)
        try:
            undoing = history.undo(change_set, user=request.user)
        except history.UndoRefused as refused:
            for problem in refused.problems:
                self.message_user(request, f"Not undone: {problem}", messages.ERROR)
            return redirect("admin:timeline_changeset_change", change_set.pk)
        self.message_user(
            request,
            format_html("Undone: {}. The undo is itself recorded ({}).", change_set, undoing),
            messages.SUCCESS,
        )
        return redirect("admin:timeline_changeset_changelist")
