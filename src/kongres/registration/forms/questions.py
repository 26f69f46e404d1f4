"""The organiser's own questions as form fields, and their answers as stored values."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from i18nfield.strings import LazyI18nString

from kongres.registration.enums import QuestionKind


def _question_field(question) -> forms.Field:
    label = str(question.label)
    help_text = str(question.help_text) if question.help_text else ""
    required = question.required
    choices = [
        (
            str(option.get("value")),
            str(LazyI18nString(option["label"]))
            if isinstance(option.get("label"), dict)
            else str(option.get("label", option.get("value"))),
        )
        for option in (question.options or [])
        if isinstance(option, dict) and "value" in option
    ]
    common = {"label": label, "help_text": help_text, "required": required}
    kind = question.kind
    if kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            choices=choices,
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose an answer.")},
            **common,
        )
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Choose at least one answer.")},
            **common,
        )
    if kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))],
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose an answer.")},
            **common,
        )
    if kind == QuestionKind.NUMBER:
        return forms.DecimalField(
            max_digits=12,
            decimal_places=4,
            localize=True,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            error_messages={"required": _("Enter a number."), "invalid": _("Enter a number.")},
            **common,
        )
    if kind == QuestionKind.DATE:
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"],
            error_messages={
                "required": _("Enter a date."),
                "invalid": _("Enter a date, e.g. 2025-10-29."),
            },
            **common,
        )
    return forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Answer this question.")},
        **common,
    )


def _answer_value(question, value):
    """A cleaned answer as stored in ``Registration.answers`` (JSON)."""
    if value in (None, "", []):
        return None
    if question.kind == QuestionKind.YES_NO:
        return value == "yes"
    if question.kind == QuestionKind.NUMBER:
        value = Decimal(value)
        return int(value) if value == value.to_integral_value() else float(value)
    if question.kind == QuestionKind.DATE:
        return value.isoformat()
    return value


def _answer_initial(question, value):
    if value is None:
        return None
    if question.kind == QuestionKind.YES_NO:
        return "yes" if value else "no"
    if question.kind == QuestionKind.DATE and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return value
