"""The public URL scheme of the timeline, validated server-side.

    ?side=<effort slug>        one side (russia, united-states)
    &kind=<kind>&kind=<kind>   one or more kinds (announcement, launch, ...)
    &from=YYYY-MM-DD           events covering any moment on or after this day
    &to=YYYY-MM-DD             events covering any moment on or before this day
    &q=<text>                  words in the title, summary, people or place
    &as_of=YYYY-MM-DD          the race as it stood that day (`/` and `/race/`)
    &page=N                    the page of the event list (`/`)
    &range=2021-10             the chart's visible range (`/`): all, a year, a
                               month, or YYYY-MM-DD..YYYY-MM-DD (timeline.charts.ranges)

Dates are precision-aware: an event known only as "May 2021" covers the whole
month, so ?from=2021-05-15 keeps it.

Each form also gives back its one canonical query (`canonical()`, a
QueryDict): the parameters above in this order, only those accepted, none
empty.  Templates build every link from it with `{% with_query %}`
(timeline_tags), the views push it into the history.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import QueryDict
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .bounds import DATE_MAX, DATE_MIN
from .charts import View, parse_view, view_value
from .filters import TimelineFilter
from .models import Effort, Event

MIN_DATE, MAX_DATE = DATE_MIN, DATE_MAX  # the one accepted range (bounds.py)
MAX_QUERY_LENGTH = 100
FILTER_FIELDS = ("side", "kind", "from", "to", "q")


class BoundedDateField(forms.DateField):
    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            input_formats=["%Y-%m-%d"],
            error_messages={"invalid": _("Enter a date as YYYY-MM-DD (for example 2021-10-05).")},
            widget=forms.DateInput(attrs={"type": "date", "min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()}),
            **kwargs,
        )

    def validate(self, value):
        super().validate(value)
        if value and not (MIN_DATE <= value <= MAX_DATE):
            raise forms.ValidationError(
                gettext("Choose a date between %(first)s and %(last)s.")
                % {"first": f"{MIN_DATE:%Y-%m-%d}", "last": f"{MAX_DATE:%Y-%m-%d}"},
                code="out_of_range",
            )


class EventFilterForm(forms.Form):
    side = forms.ModelChoiceField(
        queryset=Effort.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Both sides"),
        label=pgettext_lazy("a filter", "Side"),
        error_messages={"invalid_choice": _("Unknown side: choose one of the sides listed.")},
    )
    kind = forms.MultipleChoiceField(
        choices=Event.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=pgettext_lazy("a filter", "Kind"),
        error_messages={"invalid_choice": _("Unknown kind “%(value)s”: choose from the kinds listed.")},
    )
    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        label=_("Search"),
        error_messages={"max_length": _("Search for at most %(limit_value)s characters.")},
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title, person, place…")}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these two are added by name.
        self.fields["from"] = BoundedDateField(label=pgettext_lazy("a filter: the first day", "From"))
        self.fields["to"] = BoundedDateField(label=pgettext_lazy("a filter: the last day", "To"))
        self.order_fields(FILTER_FIELDS)

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            raise forms.ValidationError(gettext("“From” must be on or before “To”."), code="reversed_range")
        return data

    def to_filter(self) -> TimelineFilter:
        """The validated filter; call only when the filter fields are valid."""
        data = self.cleaned_data
        side = data.get("side")
        return TimelineFilter(
            side=side.slug if side else None,
            kinds=tuple(data.get("kind") or ()),
            date_from=data.get("from"),
            date_to=data.get("to"),
            q=data.get("q") or "",
        )

    def canonical(self) -> QueryDict:
        """The filter's canonical query (`TimelineFilter.querystring`); empty
        when the filter is refused, so no link carries a bad value along."""
        return QueryDict(self.to_filter().querystring() if self.is_valid() else "")


# --- the race comparison's as-of control ----------------------------------------


class RaceForm(forms.Form):
    """?as_of=YYYY-MM-DD: the race as it stood at the end of that day (UTC).

    Empty or absent means today.  Days after today are refused: the record
    cannot say how the race will stand."""

    as_of = forms.DateField(
        required=False,
        label=_("As of"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter the as-of date as YYYY-MM-DD (for example 2021-10-06).")},
    )

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["as_of"].widget = forms.DateInput(
            attrs={"type": "date", "min": MIN_DATE.isoformat(), "max": today.isoformat()}
        )

    def clean_as_of(self):
        value = self.cleaned_data.get("as_of")
        if value and value < MIN_DATE:
            raise forms.ValidationError(
                gettext("Choose an as-of date from %(first)s to today (%(today)s).")
                % {"first": f"{MIN_DATE:%Y-%m-%d}", "today": f"{self.today:%Y-%m-%d}"},
                code="too_early",
            )
        if value and value > self.today:
            raise forms.ValidationError(
                gettext("Choose an as-of date up to today (%(today)s): the race cannot be shown as it will stand.")
                % {"today": f"{self.today:%Y-%m-%d}"},
                code="future",
            )
        return value

    @property
    def as_of_or_today(self) -> dt.date:
        """The validated day; call only when is_valid()."""
        return self.cleaned_data.get("as_of") or self.today

    def canonical(self) -> QueryDict:
        """?as_of= as accepted; empty when absent or refused."""
        query = QueryDict(mutable=True)
        if self.is_valid() and self.cleaned_data.get("as_of"):
            query["as_of"] = self.cleaned_data["as_of"].isoformat()
        return query


# --- the chart's visible range --------------------------------------------------


class ChartRangeField(forms.Field):
    """?range=: the chart's visible range, cleaned to a view (first day, day
    after the last), or None for everything (absent, empty or "all")."""

    MAX_LENGTH = 30

    def __init__(self, **kwargs):
        super().__init__(required=False, label=_("Chart range"), **kwargs)

    def to_python(self, value) -> View | None:
        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > self.MAX_LENGTH:
            raise forms.ValidationError(
                gettext("Give the chart's range in at most %(n)s characters.") % {"n": self.MAX_LENGTH},
                code="max_length",
            )
        try:
            return parse_view(text)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid_range") from None


# --- `/`: the filters, the page of the list and the race's day, in one form -----


class TimelineQueryForm(EventFilterForm, RaceForm):
    """Everything `/` reads from its query string.  Its parts are refused
    apart, as the page shows them: a bad filter or page leaves no list to
    show (`filters` is None; the messages, a 400), a bad as-of day only the
    race (`as_of_errors`; the timeline is still shown, with a 400), a bad
    chart range only the range (`range_errors`; the chart shows everything,
    with a 400)."""

    range = ChartRangeField()

    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=1_000_000,
        error_messages={
            "invalid": _("Give the page as a whole number, such as 2."),
            "min_value": _("Pages are numbered from 1."),
            "max_value": _("There are not that many pages."),
        },
    )

    @property
    def filter_fields(self) -> list[forms.BoundField]:
        """The filters' fields, for the page's list of what to correct."""
        return [self[name] for name in FILTER_FIELDS]

    @property
    def filters(self) -> TimelineFilter | None:
        """The validated filter, or None when a filter or the page is refused."""
        refused = (*FILTER_FIELDS, "page", NON_FIELD_ERRORS)
        return None if any(name in self.errors for name in refused) else self.to_filter()

    @property
    def page_number(self) -> int:
        """The page asked for (1 when absent, or when the list is refused)."""
        return (self.cleaned_data.get("page") or 1) if self.filters is not None else 1

    @property
    def as_of(self) -> dt.date | None:
        """The race's day; None when absent (today) or refused."""
        return self.cleaned_data.get("as_of") if "as_of" not in self.errors else None

    @property
    def as_of_errors(self) -> list[str]:
        return list(self.errors.get("as_of", ()))

    @property
    def chart_view(self) -> View | None:
        """The chart's visible range; None for everything (absent, "all" or refused)."""
        return self.cleaned_data.get("range") if "range" not in self.errors else None

    @property
    def range_errors(self) -> list[str]:
        return list(self.errors.get("range", ()))

    def canonical(self) -> QueryDict:
        """The one query of `/` for what was asked and accepted: the filter in
        its canonical order, then ?as_of, then ?page past the first, then the
        chart's ?range unless it shows everything.  A
        refused part is left out, so every link built from it asks for
        something the page accepts."""
        filters = self.filters
        query = QueryDict(filters.querystring() if filters else "", mutable=True)
        if self.as_of:
            query["as_of"] = self.as_of.isoformat()
        if self.page_number > 1:
            query["page"] = str(self.page_number)
        if self.chart_view is not None:
            query["range"] = view_value(self.chart_view)
        return query

    def has_blank_fields(self) -> bool:
        """Whether the query names a field with no value: a form sent without
        JavaScript carries every field, empty or not."""
        return any(not value.strip() for name in self.fields for value in self.data.getlist(name))
