"""Template helpers: dates at their precision, and the links a page may print."""

from django import template

from .. import links, vocabulary
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
    return vocabulary.precision_note(precision)


@register.filter
def safe_url(url):
    """A stored URL fit for an href (absolute http or https), else "": a row
    can reach the database without the form's validator, so the page asks
    again.  The result is still autoescaped like any other value."""
    return links.safe_url(url)
