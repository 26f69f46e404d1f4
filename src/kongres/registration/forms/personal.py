"""The registration form and the personal page's forms: personal data, consents, sessions."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kongres.events.enums import Voivodeship
from kongres.registration import selectors, services
from kongres.registration.enums import Language, OrganisationType
from kongres.registration.exceptions import RegistrationError
from kongres.registration.forms.fields import (
    COUNTRIES,
    FixedChoiceField,
    _text,
    country_choices,
    language_choices,
    organisation_type_choices,
    voivodeship_choices,
)
from kongres.registration.forms.questions import _answer_initial, _answer_value, _question_field
from kongres.registration.forms.sessions import CategoryOption, SessionFieldsMixin
from kongres.registration.services import RegistrationInput
from kongres.registration.validators import (
    nip_normalize,
    phone_normalize,
    validate_nip,
    validate_phone,
)
from kongres.visits.exceptions import VisitError


class PersonalDataForm(forms.Form):
    """The standard fields about a person and their organisation, and the custom questions."""

    first_name = _text(
        _("First name"),
        max_length=100,
        autocomplete="given-name",
        messages={"required": _("Enter your first name.")},
    )
    last_name = _text(
        _("Last name"),
        max_length=150,
        autocomplete="family-name",
        messages={"required": _("Enter your last name.")},
    )
    phone = forms.CharField(
        label=_("Phone"),
        help_text=_("Optional. Only for urgent news about the congress or your visit."),
        required=False,
        max_length=40,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    organisation = _text(
        _("Organisation"),
        autocomplete="organization",
        messages={"required": _("Enter the name of your organisation.")},
    )
    position = _text(
        _("Position"), required=False, max_length=150, autocomplete="organization-title"
    )
    organisation_type = FixedChoiceField(
        label=_("Type of organisation"),
        choices=organisation_type_choices,
        codes=OrganisationType.values,
        error_messages={"required": _("Choose the type of your organisation.")},
    )
    cluster_member = forms.BooleanField(
        label=_("My organisation is a member of a cluster"), required=False
    )
    cluster_name = _text(_("Name of the cluster"), required=False, max_length=200)
    country = FixedChoiceField(
        label=_("Country"),
        choices=country_choices,
        codes=COUNTRIES,
        initial="PL",
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )
    voivodeship = FixedChoiceField(
        label=_("Voivodeship"),
        help_text=_("Required for organisations in Poland."),
        choices=voivodeship_choices,
        codes=Voivodeship.values,
        required=False,
    )
    nip = forms.CharField(
        label=_("NIP (tax number)"),
        help_text=_("Optional, for companies. 10 digits; spaces and dashes are fine."),
        required=False,
        max_length=20,
        validators=[validate_nip],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        help_text=_("E.g. vegetarian, gluten-free, allergies."),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        help_text=_("E.g. step-free access, sign language interpreting, a seat near the stage."),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    language = FixedChoiceField(
        label=_("Language of our e-mails"),
        choices=language_choices,
        codes=Language.values,
        widget=forms.RadioSelect,
    )

    PERSON_FIELDS = ("first_name", "last_name")
    ORGANISATION_FIELDS = (
        "organisation",
        "position",
        "organisation_type",
        "cluster_member",
        "cluster_name",
        "country",
        "voivodeship",
        "nip",
    )
    NEEDS_FIELDS = ("dietary_needs", "accessibility_needs")

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        language = (get_language() or "pl")[:2]
        self.fields["language"].initial = language if language in Language.values else "pl"
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = _question_field(question)

    @property
    def question_fields(self):
        return [self[f"q_{question.pk}"] for question in self.questions]

    def bound(self, names):
        return [self[name] for name in names if name in self.fields]

    def person_fields(self):
        return self.bound(self.PERSON_FIELDS)

    def organisation_fields(self):
        return self.bound(self.ORGANISATION_FIELDS)

    def needs_fields(self):
        return self.bound(self.NEEDS_FIELDS)

    def clean_first_name(self):
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_last_name(self):
        return " ".join(self.cleaned_data["last_name"].split())

    def clean_phone(self):
        return phone_normalize(self.cleaned_data.get("phone", ""))

    def clean_nip(self):
        return nip_normalize(self.cleaned_data.get("nip", ""))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("country") == "PL":
            if not cleaned.get("voivodeship") and "voivodeship" not in self.errors:
                self.add_error(
                    "voivodeship", _("Choose the voivodeship where your organisation is.")
                )
        elif "country" in cleaned:
            cleaned["voivodeship"] = ""
        if not cleaned.get("cluster_member"):
            cleaned["cluster_name"] = ""
        return cleaned

    def answers(self, previous: dict | None = None) -> dict:
        """Answers keyed by question id; answers to questions no longer shown are kept."""
        answers = dict(previous or {})
        for question in self.questions:
            value = _answer_value(question, self.cleaned_data.get(f"q_{question.pk}"))
            if value is None:
                answers.pop(str(question.pk), None)
            else:
                answers[str(question.pk)] = value
        return answers

    def details(self, previous_answers: dict | None = None) -> dict:
        """The fields a service stores as they are (``services.EDITABLE_FIELDS``)."""
        data = {
            name: self.cleaned_data[name]
            for name in services.EDITABLE_FIELDS
            if name in self.cleaned_data and name not in {"answers"}
        }
        data["answers"] = self.answers(previous_answers)
        return data

    def add_service_error(self, error: RegistrationError) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, str(error.message))


class RegistrationForm(SessionFieldsMixin, PersonalDataForm):
    """The public registration form: one person, their choices and consents."""

    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send the confirmation link and your ticket here."),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.com."),
        },
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )
    invitation_code = forms.CharField(
        label=_("Invitation code"),
        help_text=_("Only if you received one (speakers, partners, media, guests)."),
        required=False,
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    PERSON_FIELDS = ("first_name", "last_name", "email", "phone", "language")

    def __init__(
        self,
        *args,
        edition,
        categories=(),
        consents=(),
        questions=(),
        invitation=False,
        sessions=None,
        **kwargs,
    ):
        super().__init__(*args, questions=questions, **kwargs)
        self.edition = edition
        self.categories = list(categories)
        self.category = None
        self.consents = list(consents)
        if len(self.categories) > 1:
            self.fields["category"] = forms.ChoiceField(
                label=_("I register as"),
                choices=[(str(c.pk), CategoryOption(c)) for c in self.categories],
                widget=forms.RadioSelect,
                initial=str(self.categories[0].pk),
                error_messages={"required": _("Choose how you register.")},
            )
        if not invitation:
            del self.fields["invitation_code"]
        elif not self.categories:
            self.fields["invitation_code"].required = True
            self.fields["invitation_code"].help_text = _(
                "Public registration is closed; you can still register with an invitation code."
            )
            self.fields["invitation_code"].error_messages["required"] = _(
                "Enter your invitation code."
            )
        for consent in self.consents:
            field = forms.BooleanField(
                label=str(consent.text),
                required=consent.required,
                error_messages={"required": _("Accept this consent to register.")},
            )
            field.summary_label = consent.get_kind_display()  # the text is too long there
            self.fields[f"consent_{consent.kind}"] = field
        self._add_session_fields(edition, sessions=sessions)
        self.order_fields(
            [
                "category",
                *self.PERSON_FIELDS,
                *self.ORGANISATION_FIELDS,
                *self.NEEDS_FIELDS,
                *[f"q_{q.pk}" for q in self.questions],
                "panels",
                "visit",
                "invitation_code",
                *[f"consent_{c.kind}" for c in self.consents],
            ]
        )

    def consent_fields(self):
        return [(consent, self[f"consent_{consent.kind}"]) for consent in self.consents]

    def clean(self):
        cleaned = super().clean()
        code = (cleaned.get("invitation_code") or "").strip()
        if code:
            self.category = selectors.category_by_invitation(edition=self.edition, code=code)
            if self.category is None:
                self.add_error("invitation_code", _("This invitation code is not valid."))
        elif "category" in self.fields:
            chosen = cleaned.get("category")
            self.category = next((c for c in self.categories if str(c.pk) == chosen), None)
        elif self.categories:
            self.category = self.categories[0]
        return cleaned

    def registration_input(self) -> RegistrationInput:
        data = self.cleaned_data
        return RegistrationInput(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            language=data["language"],
            details=self.details(),
            consent_ids=[c.pk for c in self.consents if data.get(f"consent_{c.kind}")],
            consents_shown=self.consents,
            session_ids=self.session_ids(),
            sessions_shown=[*self.panel_sessions, *self.visit_sessions],
        )

    def submit(self):
        """Register; returns the registration (new or the existing one), or None on errors."""
        if self.category is None:
            self.add_error(None, _("Registration is closed."))
            return None
        try:
            registration, _created = services.registration_create(
                edition=self.edition,
                category=self.category,
                data=self.registration_input(),
                invitation_code=self.cleaned_data.get("invitation_code", ""),
            )
        except RegistrationError as error:
            if error.field == "consents":
                missing = [
                    f"consent_{c.kind}"
                    for c in self.consents
                    if c.required and not self.cleaned_data.get(f"consent_{c.kind}")
                ]
                error.field = missing[0] if missing else None
            self.add_service_error(error)
            return None
        except VisitError as error:
            self.add_visit_error(error)
            return None
        return registration


class PersonalDetailsForm(PersonalDataForm):
    """Editing one's data through the personal link (not the e-mail address)."""

    PERSON_FIELDS = ("first_name", "last_name", "phone", "language")

    def __init__(self, *args, registration, questions=(), **kwargs):
        initial = {name: getattr(registration, name) for name in services.EDITABLE_FIELDS}
        initial.pop("answers")
        for question in questions:
            initial[f"q_{question.pk}"] = _answer_initial(
                question, (registration.answers or {}).get(str(question.pk))
            )
        kwargs.setdefault("initial", initial)
        super().__init__(*args, questions=questions, **kwargs)
        self.registration = registration
        self.fields["language"].initial = registration.language

    def submit(self):
        try:
            return services.registration_update(
                registration=self.registration,
                changes=self.details(previous_answers=self.registration.answers),
            )
        except RegistrationError as error:
            self.add_service_error(error)
            return None


class SessionChoiceForm(SessionFieldsMixin, forms.Form):
    """Changing the panels and the study visit through the personal link."""

    def __init__(self, *args, registration, signups=(), **kwargs):
        mine = {signup.session_id: signup.state for signup in signups}
        super().__init__(*args, **kwargs)
        self.registration = registration
        self._add_session_fields(registration.edition, mine=mine)
        panel_ids = {s.pk for s in self.panel_sessions}
        visit_ids = {s.pk for s in self.visit_sessions}
        if "panels" in self.fields:
            self.fields["panels"].initial = [str(pk) for pk in mine if pk in panel_ids]
        if "visit" in self.fields:
            self.fields["visit"].initial = next((str(pk) for pk in mine if pk in visit_ids), "")

    def submit(self):
        try:
            return services.registration_change_sessions(
                registration=self.registration, session_ids=self.session_ids()
            )
        except RegistrationError as error:
            self.add_error(None, str(error.message))
        except VisitError as error:
            self.add_visit_error(error)
        return None
