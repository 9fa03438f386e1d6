"""What the page's scripts say to readers, in the page's language.

timeline.js and chart_range.js write a few words of their own (the copy
button's "Copied", the chart range's live region, a panel that is gone) and
Plotly writes its mode bar's tooltips and the date axis.  The page hands
them over in <script type="application/json" id="page-messages">
(`{% page_messages %}`, base.html and embed.html), translated like every
other string; the CSP allows no inline script, and none is needed.

For any language but English the messages carry a Plotly locale built from
the catalogue (the mode bar's words) and from Django's own month and day
names, so no locale file of plotly.js needs to be served.
"""

from __future__ import annotations

from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext, gettext_noop, override, pgettext

# The mode bar's buttons that timeline/charts/style.py CONFIG leaves, and what
# Plotly says around them: plotly.js's own English words are the keys.
PLOTLY_WORDS = (
    gettext_noop("Zoom"),
    gettext_noop("Pan"),
    gettext_noop("Zoom in"),
    gettext_noop("Zoom out"),
    gettext_noop("Reset axes"),
    gettext_noop("Autoscale"),
    gettext_noop("Download plot as a PNG"),
    gettext_noop("Download plot"),
    gettext_noop("Taking snapshot - this may take a few seconds"),
    gettext_noop("Image download succeeded"),
    gettext_noop("Sorry, there was a problem downloading your image!"),
    gettext_noop("Double-click to zoom back out"),
)

# How a language writes dates and numbers on Plotly's axes (d3-format and
# d3-time-format directives).  A new language adds its line here.
PLOTLY_FORMATS = {
    "ru": {
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "dateTime": "%A, %e %B %Y г. %X",
        "year": "%Y",
        "month": "%b %Y",
        "dayMonth": "%-d %b",
        "dayMonthYear": "%-d %b %Y",
        "decimal": ",",
        "thousands": "\u00a0",
        "grouping": [3],
        "currency": ["", "\u00a0₽"],
        "periods": ["AM", "PM"],
    },
}

# The locale the scripts hand to Intl (toLocaleDateString) per page language.
DATE_LOCALES = {"en": "en-GB"}


def plotly_locale(language: str) -> dict:
    """A locale for Plotly.register(): the mode bar's words and the date
    axis's month and day names (Django's, Sunday first as Plotly counts)."""
    with override(language):
        sunday_first = [6, 0, 1, 2, 3, 4, 5]
        return {
            "moduleType": "locale",
            "name": language,
            "dictionary": {word: gettext(word) for word in PLOTLY_WORDS},
            "format": {
                "days": [str(WEEKDAYS[day]) for day in sunday_first],
                "shortDays": [str(WEEKDAYS_ABBR[day]) for day in sunday_first],
                "months": [str(MONTHS[month]).lower() for month in range(1, 13)],
                "shortMonths": [str(MONTHS_3[month]) for month in range(1, 13)],
                **PLOTLY_FORMATS.get(language, {}),
            },
        }


def messages(language: str) -> dict:
    """The scripts' words in `language` (the keys timeline.js and chart_range.js read)."""
    with override(language):
        words = {
            "language": language,
            "date_locale": DATE_LOCALES.get(language, language),
            "copied": gettext("Copied"),
            "press_to_copy": gettext("Press Ctrl+C to copy"),
            "unpublished": gettext("This event is no longer published."),
            "chart_all": gettext("The chart shows the whole race."),
            # "The chart shows Oct 2021.", "The chart shows 4 Oct 2021 to 3 Nov 2021."
            "chart_shows": gettext("The chart shows %(range)s."),
            "chart_span": pgettext("chart range", "%(from)s to %(to)s"),
        }
    if language != "en":
        words["plotly"] = plotly_locale(language)
    return words
