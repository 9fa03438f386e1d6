"""Template helpers for dates at their precision."""

from django import template

from .. import precision as prec

register = template.Library()


@register.filter
def iso_at(value, precision):
    """A date written only as far as it is known, for <time datetime="...">:
    "2021", "2021-05", "2021-05-13", "2021-10-05T08:55Z"."""
    if value is None or not precision:
        return ""
    return prec.to_iso(value, precision)


@register.filter
def precision_note(precision):
    """ "known to the month only" for a month, "" for a day or a minute."""
    return {"year": "known to the year only", "month": "known to the month only"}.get(precision or "", "")
