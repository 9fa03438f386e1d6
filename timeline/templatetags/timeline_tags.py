"""Template helpers: dates at their precision, and the links a page may print."""

from django import template
from django.core.exceptions import DisallowedHost
from django.template.defaulttags import querystring
from django.utils.html import format_html

from .. import links, vocabulary
from .. import precision as prec
from ..models import colour_validator

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


NEUTRAL_RULE = "#555a63"  # a side whose stored colour no form checked


@register.simple_tag
def side_rule(colour):
    """A side's colour as a thin vertical rule at the left of its box: an SVG
    with a fill attribute, because the strict CSP allows no inline style and
    editors choose the colours (Effort.colour), so the stylesheet cannot."""
    fill = colour if isinstance(colour, str) and colour_validator.regex.fullmatch(colour) else NEUTRAL_RULE
    return format_html(
        '<svg class="side-rule" aria-hidden="true" focusable="false" viewBox="0 0 1 1" preserveAspectRatio="none">'
        '<rect width="1" height="1" fill="{}"/></svg>',
        fill,
    )


@register.simple_tag(takes_context=True)
def with_query(context, path, *mappings, **changes):
    """`path` and the query Django's {% querystring %} builds from `mappings`
    then `changes` (None removes a key), e.g. {% with_query index_url
    canonical page=2 %}.  Two differences: it starts from the mappings
    given, never from the request's own query (a fragment's request carries
    the whole filters form, blanks included), and it adds no bare "?" when
    nothing is left, so the timeline's clean URL stays "/"."""
    query = querystring(context, {}, *mappings, **changes)
    return path if query == "?" else path + query


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """`path` as an absolute URL on this request's host, for share tags; ""
    when there is no request (the 500 page) or its host is not one of ours."""
    request = context.get("request")
    if request is None:
        return ""
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        return ""
