"""Forms of the public registration and of the personal page.

Forms validate what people type and call services; a service's domain error
(``RegistrationError`` with its ``field``, ``VisitError``) becomes a form error next to the
field it concerns, so the page shows it in the form's language and keeps what was typed.
"""

import datetime as dt
import functools
import unicodedata
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from i18nfield.strings import LazyI18nString

from kongres.events.enums import Voivodeship
from kongres.program.models import LOCAL_TZ
from kongres.registration import selectors, services
from kongres.registration.enums import Language, OrganisationType, QuestionKind
from kongres.registration.exceptions import RegistrationError
from kongres.registration.services import RegistrationInput
from kongres.registration.validators import (
    nip_normalize,
    phone_normalize,
    validate_nip,
    validate_phone,
)
from kongres.visits.enums import DocumentType, SignupState
from kongres.visits.exceptions import VisitError

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


class CategoryOption:
    """A category as a choice: its name with its description underneath."""

    is_rich_option = True
    is_full = False
    mine = None
    status = ""

    def __init__(self, category):
        self.category = category

    @property
    def title(self) -> str:
        return str(self.category.name)

    @property
    def meta(self) -> str:
        return str(self.category.description or "")

    def __str__(self) -> str:
        return self.title


class SessionOption:
    """A session as a choice: what the label shows, kept apart so templates can lay it out."""

    is_rich_option = True

    def __init__(self, session, *, mine: str | None = None):
        self.session = session
        self.mine = mine
        taken = getattr(session, "seats_taken", 0) or 0
        self.seats_left = None if session.capacity is None else max(0, session.capacity - taken)

    @property
    def title(self) -> str:
        return str(self.session.title)

    @property
    def when(self) -> str:
        start, end = _local(self.session.start), _local(self.session.end)
        return f"{date_format(start, 'j E, H:i')}–{date_format(end, 'H:i')}"

    @property
    def meta(self) -> str:
        return self.when

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0

    @property
    def status(self) -> str:
        if self.mine == SignupState.CONFIRMED:
            return str(_("you have a seat"))
        if self.mine == SignupState.OFFERED:
            return str(_("a seat is offered to you"))
        if self.mine == SignupState.WAITLISTED:
            return str(_("you are on the waiting list"))
        if self.seats_left is None:
            return ""
        if self.seats_left == 0:
            return str(_("full – you join the waiting list"))
        return ngettext("%(count)s seat left", "%(count)s seats left", self.seats_left) % {
            "count": self.seats_left
        }

    def __str__(self) -> str:
        status = f" – {self.status}" if self.status else ""
        return f"{self.title} ({self.when}){status}"


class SessionFieldsMixin:
    """Panels as checkboxes and study visits as "none or one", with seats left on each."""

    def _add_session_fields(
        self, edition, *, mine: dict[int, str] | None = None, sessions=None
    ) -> None:
        mine = mine or {}
        panels, visits = sessions or selectors.sessions_to_choose(edition=edition)
        self.panel_sessions, self.visit_sessions = panels, visits
        self.limited_session_ids = {s.pk for s in panels + visits if s.capacity is not None}
        if panels:
            self.fields["panels"] = forms.MultipleChoiceField(
                label=_("Panels you plan to attend"),
                help_text=_("Optional. It helps us plan the rooms; you can change it later."),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(str(s.pk), SessionOption(s, mine=mine.get(s.pk))) for s in panels],
            )
        if visits:
            self.fields["visit"] = forms.ChoiceField(
                label=_("Study visit"),
                help_text=_(
                    "Seats are limited. When a visit is full you join its waiting list and "
                    "we write to you when a seat frees up."
                ),
                required=False,
                widget=forms.RadioSelect,
                choices=[
                    ("", _("No study visit")),
                    *[(str(s.pk), SessionOption(s, mine=mine.get(s.pk))) for s in visits],
                ],
            )

    def session_ids(self) -> list[int]:
        chosen = [int(pk) for pk in self.cleaned_data.get("panels") or []]
        if self.cleaned_data.get("visit"):
            chosen.append(int(self.cleaned_data["visit"]))
        return chosen

    def add_visit_error(self, error: VisitError) -> None:
        """Put a sign-up error next to the choice it concerns."""
        chosen = set(self.session_ids())
        limited_panels = {s.pk for s in self.panel_sessions} & chosen & self.limited_session_ids
        if limited_panels and "panels" in self.fields:
            self.add_error("panels", str(error.message))
        elif "visit" in self.fields and self.cleaned_data.get("visit"):
            self.add_error("visit", str(error.message))
        else:
            self.add_error(None, str(error.message))


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


class GroupRegistrationForm(forms.Form):
    """A coordinator registers colleagues; each of them gets their own e-mail and link."""

    coordinator_name = _text(
        _("Your name"),
        max_length=200,
        autocomplete="name",
        messages={"required": _("Enter your name.")},
    )
    coordinator_email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.com."),
        },
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )
    organisation = _text(
        _("Organisation"),
        autocomplete="organization",
        messages={"required": _("Enter the name of your organisation.")},
    )
    language = FixedChoiceField(
        label=_("Language of our e-mails"),
        choices=language_choices,
        codes=Language.values,
        widget=forms.RadioSelect,
    )
    on_behalf = forms.BooleanField(
        label=_(
            "I confirm that each person below agreed to be registered and accepts the "
            "consents required to take part, shown below."
        ),
        error_messages={"required": _("Confirm that the people you register agreed to it.")},
    )

    def __init__(self, *args, edition, categories=(), consents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.categories = list(categories)
        self.required_consents = [c for c in consents if c.required]
        language = (get_language() or "pl")[:2]
        self.fields["language"].initial = language if language in Language.values else "pl"
        if len(self.categories) > 1:
            self.fields["category"] = forms.ChoiceField(
                label=_("They register as"),
                choices=[(str(c.pk), CategoryOption(c)) for c in self.categories],
                widget=forms.RadioSelect,
                initial=str(self.categories[0].pk),
            )
            self.order_fields(["category"])

    @property
    def category(self):
        if "category" in self.fields:
            chosen = self.cleaned_data.get("category")
            return next((c for c in self.categories if str(c.pk) == chosen), None)
        return self.categories[0] if self.categories else None


class MemberForm(forms.Form):
    """One colleague; autocomplete is off so a browser does not fill in the coordinator."""

    first_name = _text(
        _("First name"),
        max_length=100,
        autocomplete="off",
        messages={"required": _("Enter the first name.")},
    )
    last_name = _text(
        _("Last name"),
        max_length=150,
        autocomplete="off",
        messages={"required": _("Enter the last name.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={
            "required": _("Enter the e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.com."),
        },
        widget=forms.EmailInput(
            attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )
    position = _text(_("Position"), required=False, max_length=150, autocomplete="off")

    def clean_first_name(self):
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_last_name(self):
        return " ".join(self.cleaned_data["last_name"].split())


class BaseMemberFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = {}
        for form in self.forms:
            email = form.cleaned_data.get("email") if form.has_changed() else None
            if not email:
                continue
            key = services.email_key(email)
            if key in seen:
                form.add_error("email", _("Each person needs their own e-mail address."))
            seen[key] = form

    def members(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


MAX_GROUP = 30


def member_formset(*, rows: int = 3):
    return forms.formset_factory(
        MemberForm,
        formset=BaseMemberFormSet,
        extra=max(1, min(rows, MAX_GROUP)),
        min_num=0,
        max_num=MAX_GROUP,
        absolute_max=MAX_GROUP,
        validate_max=True,
    )


def group_submit(form: GroupRegistrationForm, formset: BaseMemberFormSet):
    """Register every member; returns the group, or None after adding errors to the forms."""
    members = formset.members()
    if not members:
        form.add_error(None, _("Add at least one person."))
        return None
    data = form.cleaned_data
    consent_ids = [c.pk for c in form.required_consents]
    inputs = [
        RegistrationInput(
            first_name=member["first_name"],
            last_name=member["last_name"],
            email=member["email"],
            language=data["language"],
            details={"organisation": data["organisation"], "position": member.get("position", "")},
            consent_ids=consent_ids,
        )
        for member in members
    ]
    try:
        group, _results = services.group_register(
            edition=form.edition,
            category=form.category,
            coordinator_name=data["coordinator_name"],
            coordinator_email=data["coordinator_email"],
            organisation=data["organisation"],
            members=inputs,
        )
    except RegistrationError as error:
        form.add_error(None, str(error.message))
        return None
    except VisitError as error:
        form.add_error(None, str(error.message))
        return None
    return group


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
