"""Forms of the participant's matchmaking pages.

Forms only validate what people type; the views call the services, and a service's
``MatchmakingError`` becomes a form error next to the field it names (or above the form), so the
page shows the service's message and keeps what was typed.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kongres.matchmaking.enums import CooperationType, ListingKind, MeetingLanguage, Outcome
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.program.models import LOCAL_TZ
from kongres.registration.enums import OrganisationType
from kongres.registration.forms import COUNTRIES

MAX_LISTINGS = 5  # offers, and again requests, per profile


def slot_label(slot) -> str:
    """ "A · 29 października, 10:00–10:20" in the page's language and Warsaw time."""
    start = timezone.localtime(slot.starts_at, LOCAL_TZ)
    end = timezone.localtime(slot.ends_at, LOCAL_TZ)
    day = date_format(start, "j E")
    return f"{slot.session.name} · {day}, {start:%H:%M}–{end:%H:%M}"


class IdsInRangeMixin:
    """Refuse an id no database column holds as an invalid choice.

    Django looks the chosen ids up with ``pk__in``; a number past 64 bits there is a server
    error on SQLite and PostgreSQL alike, not an empty result.
    """

    def _check_values(self, value):
        if not self.to_field_name:
            for item in value:
                try:
                    number = int(str(item).strip())
                except ValueError:
                    continue  # Django's own check answers this one
                if not -(2**63) <= number < 2**63:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": item},
                    )
        return super()._check_values(value)


class SlotChoiceField(IdsInRangeMixin, forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return slot_label(obj)


class SingleSlotField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return slot_label(obj)


class SectorField(IdsInRangeMixin, forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


def add_service_error(form, error: MatchmakingError) -> None:
    """Show a service's message next to its field when the form has that field."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


class ProfileForm(forms.Form):
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    description = forms.CharField(
        label=_("Short description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What your organisation does, in a few sentences."),
    )
    sectors = SectorField(
        label=_("Sectors"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cooperation_types = forms.MultipleChoiceField(
        label=_("Types of cooperation you are interested in"),
        choices=CooperationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you can hold a meeting in"),
        choices=MeetingLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    available_slots = SlotChoiceField(
        label=_("When you are available for meetings"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every time slot in which you can meet."),
    )
    max_meetings = forms.IntegerField(
        label=_("At most this many meetings"),
        min_value=1,
        max_value=50,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, sectors, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = sectors
        self.fields["available_slots"].queryset = slots
        if not slots.exists():
            del self.fields["available_slots"]


class ListingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("text") and not data.get("title"):
            self.add_error("title", _("Give this entry a title."))
        return data


ListingFormSet = forms.formset_factory(
    ListingForm, extra=0, max_num=MAX_LISTINGS, validate_max=True, absolute_max=MAX_LISTINGS
)


def listing_formsets(data=None, *, listings=()):
    """The offers and the requests of a profile, each with empty rows to add more."""
    result = {}
    for kind, prefix in ((ListingKind.OFFER, "offers"), (ListingKind.REQUEST, "requests")):
        initial = [{"title": x.title, "text": x.text} for x in listings if x.kind == kind]
        formset_class = forms.formset_factory(
            ListingForm,
            extra=max(1, min(2, MAX_LISTINGS - len(initial))),
            max_num=MAX_LISTINGS,
            validate_max=True,
            absolute_max=MAX_LISTINGS,
        )
        result[prefix] = formset_class(data, initial=initial, prefix=prefix)
    return result


def listing_rows(formset) -> list[dict]:
    """The filled rows of a valid formset, in order."""
    return [
        {"title": form.cleaned_data["title"], "text": form.cleaned_data.get("text", "")}
        for form in formset.forms
        if form.cleaned_data.get("title")
    ]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=None, required=False, empty_label=_("Any sector")
    )
    organisation_type = forms.ChoiceField(label=_("Type of organisation"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    cooperation = forms.ChoiceField(label=_("Type of cooperation"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, sectors, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = sectors
        self.fields["sector"].label_from_instance = lambda obj: f"{obj.name} ({obj.code})"
        self.fields["organisation_type"].choices = [
            ("", _("Any type")),
            *OrganisationType.choices,
        ]
        self.fields["country"].choices = [
            ("", _("Any country")),
            *((code, COUNTRIES.get(code, code)) for code in countries),
        ]
        self.fields["cooperation"].choices = [("", _("Any")), *CooperationType.choices]
        self.fields["language"].choices = [("", _("Any language")), *MeetingLanguage.choices]

    def filters(self) -> dict:
        """The chosen filters (empty ones left out), as ``profiles_search`` takes them."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        filters = {
            "sector": data["sector"].pk if data.get("sector") else None,
            "organisation_type": data.get("organisation_type") or None,
            "country": data.get("country") or None,
            "cooperation_type": data.get("cooperation") or None,
            "language": data.get("language") or None,
        }
        return {key: value for key, value in filters.items() if value}

    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few words on why you would like to meet."),
    )
    session = forms.ModelChoiceField(
        label=_("Only in this session"),
        queryset=None,
        required=False,
        empty_label=_("Any session"),
    )

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sessions is None:
            del self.fields["session"]
        else:
            self.fields["session"].queryset = sessions


class AcceptForm(forms.Form):
    slot = SingleSlotField(
        label=_("Choose the time of the meeting"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose one of the free times.")},
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did the meeting go?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one answer.")},
    )
