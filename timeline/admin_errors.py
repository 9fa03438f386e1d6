"""What a refused admin form shows: every error listed at the top with a link
to its field, the sections holding an error open, and a plain word that a
chosen image must be chosen again (a browser cannot keep a file input's
choice when the page is shown again)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS


def _anchor(bound: forms.BoundField) -> str:
    """The id of the input a link should reach (the date part of a date and time)."""
    if isinstance(bound.field.widget, forms.MultiWidget):
        return f"{bound.auto_id}_0"
    return bound.id_for_label or bound.auto_id


def _form_items(form: forms.BaseForm, prefix: str = "", row_anchor: str = "") -> list[dict]:
    items = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            if prefix:  # the main form's own message is shown in full right below the summary
                items.append({"label": prefix.rstrip(": "), "anchor": row_anchor, "message": " ".join(errors)})
            continue
        bound = form[name]
        label = prefix + str(bound.label)
        items.append({"label": label, "anchor": _anchor(bound), "message": " ".join(errors)})
    return items


def error_summary(adminform, inline_admin_formsets) -> list[dict]:
    """Every error of the form and its inlines: label, the id to link to, message."""
    items = _form_items(adminform.form)
    for inline in inline_admin_formsets:
        formset = inline.formset
        name = str(formset.model._meta.verbose_name).capitalize()
        for index, form in enumerate(formset.forms):
            if form.errors:
                items += _form_items(form, prefix=f"{name} {index + 1}: ", row_anchor=f"{formset.prefix}-{index}")
        for error in formset.non_form_errors():
            label = str(formset.model._meta.verbose_name_plural).capitalize()
            items.append({"label": label, "anchor": "", "message": error})
    return items


def _names(fields) -> list[str]:
    names = []
    for entry in fields:
        names += list(entry) if isinstance(entry, (list, tuple)) else [entry]
    return names


def open_fieldsets_with_errors(adminform) -> None:
    """A collapsed section holding an error is shown open."""
    errors = set(adminform.form.errors)
    opened = []
    for name, options in adminform.fieldsets:
        if "collapse" in options.get("classes", ()) and errors & set(_names(options.get("fields", ()))):
            options = {**options, "classes": [c for c in options["classes"] if c != "collapse"]}
        opened.append((name, options))
    adminform.fieldsets = opened


class FormHelpMixin:
    """For a ModelAdmin: the refused form says what to correct, and where."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        adminform = context.get("adminform")
        if request.method == "POST" and adminform is not None:
            form = adminform.form
            for name, upload in request.FILES.items():
                if form.prefix is None and name in form.fields and isinstance(form.fields[name], forms.FileField):
                    form.add_error(
                        name,
                        f"The file you chose ({upload.name}) was not kept, because the form had to be shown again: "
                        "choose it again before saving.",
                    )
            open_fieldsets_with_errors(adminform)
            context["error_summary"] = error_summary(adminform, context.get("inline_admin_formsets", ()))
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
