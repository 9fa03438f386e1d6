"""Which language a translated text is shown in.

Content is written in English and translated into Russian field by field
(timeline/translation.py).  A Russian page shows the English text where no
Russian one exists yet; the template then marks that text lang="en", so a
screen reader reads it in English and the reader knows why it is English.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname, resolution_order


def shown_language(instance: models.Model, field: str, language: str) -> str:
    """The first language, in `language`'s fallback order, in which
    `instance.<field>` has a text; `language` itself when it has none at all
    or the field is not translated."""
    model = type(instance)
    if field not in translated_fields(model):
        return language
    # The field's own fallback order (its descriptor's; None means the settings').
    for candidate in resolution_order(language, getattr(model, field).fallback_languages):
        value = getattr(instance, build_localized_fieldname(field, candidate), None)
        if value not in (None, ""):
            return candidate
    return language


def fell_back(instance: models.Model, field: str, language: str) -> bool:
    """True when the text shown for `language` is another language's."""
    return shown_language(instance, field, language) != language


def translated_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The fields of `model` written in every language (timeline/translation.py)."""
    try:
        return tuple(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:
        return ()


def _empty(name: str) -> Q:
    return Q(**{f"{name}__isnull": True}) | Q(**{name: ""})


def missing_translation(model: type[models.Model], language: str, source: str = "en") -> Q:
    """Rows with a text in `source` that has none in `language` yet, in any translated field."""
    condition = Q(pk__in=[])
    for field in translated_fields(model):
        condition |= ~_empty(f"{field}_{source}") & _empty(f"{field}_{language}")
    return condition
