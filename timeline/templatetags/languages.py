"""Template helpers for a page in two languages: the page's twin in the
other language, and whether a translated text fell back to English."""

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils import translation
from django.utils.html import format_html, json_script

from .. import languages, script_words, translated

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in every language (timeline.languages.LanguageVersion), each
    with its absolute URL as `absolute`, for the switch and the alternates.
    An error page (Django's handlers put the `exception` in its context)
    links each language's home rather than echo an address that is no page.
    Outside a request (the 500 page), or for a host the site does not serve,
    there is nothing to link."""
    request = context.get("request")
    if request is None:
        return []
    full_path = None if "exception" in context else request.get_full_path()
    try:
        return [
            {
                "code": version.code,
                "name": version.name,
                "url": version.url,
                "absolute": request.build_absolute_uri(version.url),
                "current": version.current,
                # "" or "/ru": the scripts move the page's address under it (timeline.js).
                "prefix": languages.home_in(version.code).rstrip("/"),
            }
            for version in languages.language_versions(full_path)
        ]
    except DisallowedHost:
        return []


@register.simple_tag
def default_language():
    """The language of unprefixed pages, for hreflang="x-default"."""
    return settings.LANGUAGE_CODE


@register.filter
def shown_language(instance, field):
    """The language `instance.<field>` is shown in on this page: the current
    language, or the one it fell back to when it has no translation yet
    (timeline.translated.shown_language).  A template marks the text with it:
    <p{% if event|shown_language:"summary" != LANGUAGE_CODE %} lang="en"{% endif %}>."""
    return translated.shown_language(instance, field, translation.get_language())


@register.filter
def fell_back(instance, field):
    """True when `instance.<field>` is shown in another language than the page's."""
    return translated.fell_back(instance, field, translation.get_language())


@register.filter
def lang_attr(instance, field):
    """` lang="en"` where `instance.<field>` fell back to another language
    than the page's, else nothing: <h1{{ event|lang_attr:"title" }}>."""
    if instance is None or not hasattr(instance, "_meta"):
        return ""
    shown = translated.shown_language(instance, field, translation.get_language())
    if shown == translation.get_language():
        return ""
    return format_html(' lang="{}"', shown)


@register.simple_tag
def page_messages():
    """What the page's scripts say to readers, in the page's language
    (timeline.script_words), as <script type="application/json" id="page-messages">."""
    return json_script(script_words.messages(translation.get_language()), "page-messages")
