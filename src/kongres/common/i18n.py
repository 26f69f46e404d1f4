"""Helpers for translatable organiser content stored as ``{language: text}``."""

from django.conf import settings
from i18nfield.strings import LazyI18nString


def i18n(pl: str, en: str = "") -> LazyI18nString:
    """A translatable value with Polish first and English alongside."""
    return LazyI18nString({"pl": pl, "en": en} if en else {"pl": pl})


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]
