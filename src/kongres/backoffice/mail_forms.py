"""The form of a bulk e-mail: who gets it (filters) and what it says (per language)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kongres.backoffice.bulk_mail import bulk_mail_problems
from kongres.backoffice.enums import BulkMailLanguage
from kongres.backoffice.mail_services import TEXT_FIELDS, BulkMailInput
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Category


class BulkMailForm(forms.Form):
    states = forms.MultipleChoiceField(
        label=_("State of the registration"),
        choices=RegistrationState.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every state."),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Category"),
        queryset=Category.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every category."),
    )
    language = forms.ChoiceField(
        label=_("Language of communication"),
        choices=BulkMailLanguage.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    only_confirmed = forms.BooleanField(
        label=_("Only people with a confirmed place"), required=False
    )
    subject_pl = forms.CharField(label=_("Subject (Polish)"), max_length=200, required=False)
    body_pl = forms.CharField(
        label=_("Text (Polish)"), widget=forms.Textarea(attrs={"rows": 10}), required=False
    )
    subject_en = forms.CharField(label=_("Subject (English)"), max_length=200, required=False)
    body_en = forms.CharField(
        label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 10}), required=False
    )

    def __init__(self, *args, edition, bulk=None, **kwargs):
        if bulk is not None and "initial" not in kwargs:
            filters = bulk.filters
            kwargs["initial"] = {
                "states": filters.get("states", []),
                "categories": filters.get("categories", []),
                "language": filters.get("language", ""),
                "only_confirmed": filters.get("only_confirmed", False),
                **{name: getattr(bulk, name) for name in TEXT_FIELDS},
            }
        kwargs.setdefault("initial", {"states": [RegistrationState.CONFIRMED]})
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = Category.objects.filter(edition=edition)

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "states": list(data["states"]),
            "categories": sorted(category.pk for category in data["categories"]),
            "language": data["language"] or "",
            "only_confirmed": data["only_confirmed"],
        }

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        texts = {name: cleaned.get(name, "") for name in TEXT_FIELDS}
        for name, problems in bulk_mail_problems(filters=self.filters(), texts=texts).items():
            for problem in problems:
                self.add_error(name, problem)
        return cleaned

    def to_input(self) -> BulkMailInput:
        return BulkMailInput(
            **{name: self.cleaned_data[name] for name in TEXT_FIELDS}, filters=self.filters()
        )
