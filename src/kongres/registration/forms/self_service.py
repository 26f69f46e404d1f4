"""Small forms of self-service: sending the personal link again, identity document data."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kongres.registration.forms.fields import _text
from kongres.visits.enums import DocumentType


class ResendLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("The address you registered with."),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.com."),
        },
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class IdDataForm(forms.Form):
    """What a defence-industry host needs in advance; asked only for such a visit."""

    document_type = forms.ChoiceField(
        label=_("Document"), choices=DocumentType.choices, widget=forms.RadioSelect
    )
    document_number = forms.CharField(
        label=_("Document number"),
        max_length=30,
        error_messages={"required": _("Enter the number of your document.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"],
        error_messages={
            "required": _("Enter your date of birth."),
            "invalid": _("Enter a date, e.g. 1980-05-17."),
        },
    )
    nationality = _text(
        _("Citizenship"),
        max_length=60,
        autocomplete="off",
        messages={"required": _("Enter your citizenship.")},
    )

    def clean_document_number(self):
        number = "".join(self.cleaned_data["document_number"].split()).upper()
        if not number.replace("-", "").isalnum():
            raise ValidationError(_("Use only letters and digits."), code="document_characters")
        return number

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born >= today or born.year < 1900:
            raise ValidationError(_("Enter your real date of birth."), code="date_of_birth")
        return born
