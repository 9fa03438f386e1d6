"""The texts written in both languages (django-modeltranslation).

Each field listed here gets a column per language (`title_en`, `title_ru`);
`event.title` reads the current language's and falls back to English
(settings.MODELTRANSLATION_FALLBACK_LANGUAGES).  Slugs, dates, codes, colours,
sources and image texts stay single: sources are quoted as published.
"""

from modeltranslation.translator import TranslationOptions, register, translator

from .models import Effort, Event, Phase

# The fields translated, per model: admin's "missing Russian" filter, the
# interchange's *_ru keys and the search text read these lists.
EVENT_TRANSLATED = ("title", "summary", "place", "people", "notes")
PHASE_TRANSLATED = ("name",)
EFFORT_TRANSLATED = ("name", "film_title")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = EVENT_TRANSLATED
    required_languages = ("en",)


@register(Phase)
class PhaseTranslation(TranslationOptions):
    fields = PHASE_TRANSLATED
    required_languages = ("en",)


@register(Effort)
class EffortTranslation(TranslationOptions):
    fields = EFFORT_TRANSLATED
    required_languages = ("en",)


# The history (django-simple-history) keeps every language's text too, so a
# Russian correction is recorded, shown and restored like an English one.
# Its models are built before translation fields exist: register them here.
class _HistoricalTranslation(TranslationOptions):
    """The same fields on a model's historical copy, none required."""


for _model, _fields in ((Event, EVENT_TRANSLATED), (Phase, PHASE_TRANSLATED), (Effort, EFFORT_TRANSLATED)):
    translator.register(
        _model.history.model,
        type(f"Historical{_model.__name__}Translation", (_HistoricalTranslation,), {"fields": _fields}),
    )
