"""Building blocks of the registration forms: choice lists (countries, voivodeships,
organisation types, languages), fields that accept only their own choices, text inputs.
"""

import datetime as dt
import functools
import unicodedata

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kongres.events.enums import Voivodeship
from kongres.program.models import LOCAL_TZ
from kongres.registration.enums import Language, OrganisationType

# ISO 3166 codes offered for "country"; Poland first, the rest sorted in the page's language.
# "ZZ" (user-assigned in ISO 3166) stands for any other country.
COUNTRIES = {
    "PL": _("Poland"),
    "AL": _("Albania"),
    "AD": _("Andorra"),
    "AM": _("Armenia"),
    "AU": _("Australia"),
    "AT": _("Austria"),
    "AZ": _("Azerbaijan"),
    "BE": _("Belgium"),
    "BA": _("Bosnia and Herzegovina"),
    "BG": _("Bulgaria"),
    "CA": _("Canada"),
    "CN": _("China"),
    "HR": _("Croatia"),
    "CY": _("Cyprus"),
    "CZ": _("Czechia"),
    "DK": _("Denmark"),
    "EE": _("Estonia"),
    "FI": _("Finland"),
    "FR": _("France"),
    "GE": _("Georgia"),
    "DE": _("Germany"),
    "GR": _("Greece"),
    "HU": _("Hungary"),
    "IS": _("Iceland"),
    "IN": _("India"),
    "IE": _("Ireland"),
    "IL": _("Israel"),
    "IT": _("Italy"),
    "JP": _("Japan"),
    "XK": _("Kosovo"),
    "LV": _("Latvia"),
    "LI": _("Liechtenstein"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "MT": _("Malta"),
    "MD": _("Moldova"),
    "MC": _("Monaco"),
    "ME": _("Montenegro"),
    "NL": _("Netherlands"),
    "MK": _("North Macedonia"),
    "NO": _("Norway"),
    "PT": _("Portugal"),
    "RO": _("Romania"),
    "SM": _("San Marino"),
    "RS": _("Serbia"),
    "SK": _("Slovakia"),
    "SI": _("Slovenia"),
    "KR": _("South Korea"),
    "ES": _("Spain"),
    "SE": _("Sweden"),
    "CH": _("Switzerland"),
    "TR": _("Türkiye"),
    "UA": _("Ukraine"),
    "GB": _("United Kingdom"),
    "US": _("United States"),
    "ZZ": _("Other country"),
}


def _collation_key(text: str) -> list[tuple[str, int]]:
    """Sort letters with diacritics right after their base letter (Ł after L, Ś after S)."""
    key = []
    for char in text.casefold():
        base = unicodedata.normalize("NFD", char)[0]
        if char == "ł":
            base = "l"
        key.append((base, 0 if char == base else 1))
    return key


class FixedChoiceField(forms.ChoiceField):
    """A choice among fixed codes whose labelled list is given by a function.

    A form copies its fields for every instance, and copying a list of choices (deeply, with
    its lazy labels) costs more than building the list when the form is shown; a submitted
    value is checked against the codes, without building the list (250 countries) at all.
    """

    def __init__(self, *, codes, **kwargs):
        super().__init__(**kwargs)
        self.codes = frozenset(codes)

    def valid_value(self, value) -> bool:
        return str(value) in self.codes


def organisation_type_choices() -> list[tuple[str, str]]:
    return [("", _("Choose…")), *OrganisationType.choices]


def voivodeship_choices() -> list[tuple[str, str]]:
    return [("", _("Choose…")), *Voivodeship.choices]


def language_choices() -> list[tuple[str, str]]:
    return Language.choices


def country_choices() -> list[tuple[str, str]]:
    """Evaluated on every render, so the order follows the active language."""
    return _country_choices(get_language() or "")


@functools.lru_cache(maxsize=8)
def _country_choices(language: str) -> list[tuple[str, str]]:
    others = sorted(
        ((code, str(name)) for code, name in COUNTRIES.items() if code not in {"PL", "ZZ"}),
        key=lambda item: _collation_key(item[1]),
    )
    return [("PL", str(COUNTRIES["PL"])), *others, ("ZZ", str(COUNTRIES["ZZ"]))]


def _text(label, *, required=True, max_length=200, autocomplete=None, messages=None, **attrs):
    widget_attrs = {"autocomplete": autocomplete} if autocomplete else {}
    widget_attrs.update(attrs)
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs=widget_attrs),
        error_messages=messages or {},
    )


def _local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(LOCAL_TZ)
