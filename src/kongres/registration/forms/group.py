"""Group registration: the coordinator, the members (a formset), and the submission."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kongres.registration import services
from kongres.registration.enums import Language
from kongres.registration.exceptions import RegistrationError
from kongres.registration.forms.fields import FixedChoiceField, _text, language_choices
from kongres.registration.forms.sessions import CategoryOption
from kongres.registration.services import RegistrationInput
from kongres.visits.exceptions import VisitError


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
