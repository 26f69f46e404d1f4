"""Forms of registration: what people type is accepted, validated in their language, and kept."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kongres.registration import selectors, services
from kongres.registration.enums import QuestionKind
from kongres.registration.forms import (
    IdDataForm,
    PersonalDetailsForm,
    RegistrationForm,
    member_formset,
)
from kongres.registration.validators import nip_is_valid, validate_nip, validate_phone
from tests.factories import EditionFactory
from tests.registration.factories import (
    CategoryFactory,
    InvitationCodeFactory,
    QuestionFactory,
    RegistrationFactory,
    standard_consents,
)

pytestmark = pytest.mark.integration

POLISH_NAME = ("Łukasz", "Żółć-Gęślak")


def valid_data(**overrides) -> dict:
    data = {
        "first_name": "Łukasz",
        "last_name": "Żółć-Gęślak",
        "email": "lukasz@example.org",
        "phone": "+48 600 100 200",
        "language": "pl",
        "organisation": "Lubuski Klaster Metalowy",
        "position": "Menedżer klastra",
        "organisation_type": "cluster",
        "country": "PL",
        "voivodeship": "lubuskie",
        "consent_processing": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def edition(db):
    edition = EditionFactory()
    CategoryFactory(edition=edition, slug="uczestnik")
    standard_consents(edition)
    return edition


def registration_form(edition, data=None, **kwargs) -> RegistrationForm:
    return RegistrationForm(
        data,
        edition=edition,
        categories=selectors.categories_public_open(edition=edition),
        consents=services.consents_current(edition=edition),
        questions=selectors.questions_active(edition=edition),
        invitation=selectors.invitation_categories_exist(edition=edition),
        **kwargs,
    )


# --- Validators -----------------------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize(
    "nip", ["7740001454", "774-000-14-54", "774 000 14 54", "PL7740001454", "526-025-02-74"]
)
def test_nip_valid_with_separators(nip):
    validate_nip(nip)

    assert nip_is_valid(nip) is True


@pytest.mark.unit
@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("7740001455", "nip_checksum"),  # last digit off by one
        ("1234567890", "nip_checksum"),
        ("774000145", "nip_length"),
        ("77400014544", "nip_length"),
        ("77400O1454", "nip_length"),  # a letter O instead of a zero
        ("٧٧٤٠٠٠١٤٥٤", "nip_length"),  # Arabic-Indic digits are not accepted
    ],
)
def test_nip_invalid_rejected(nip, code):
    with pytest.raises(ValidationError) as error:
        validate_nip(nip)

    assert error.value.code == code


@pytest.mark.unit
def test_nip_checksum_of_ten_never_valid():
    # 5*6 + 1*2 = 32 ≡ 10 (mod 11): no check digit can make this NIP valid.
    candidates = [f"500100000{digit}" for digit in range(10)]

    assert [nip_is_valid(nip) for nip in candidates] == [False] * 10


@pytest.mark.unit
@pytest.mark.parametrize(
    "phone", ["+48 600 100 200", "600-100-200", "(68) 123 45 67", "0048600100200"]
)
def test_phone_plausible_accepted(phone):
    validate_phone(phone)


@pytest.mark.unit
@pytest.mark.parametrize("phone", ["12345", "call me", "+48 600 100 200 ext 5", "48+600100200"])
def test_phone_implausible_rejected(phone):
    with pytest.raises(ValidationError):
        validate_phone(phone)


# --- The registration form ------------------------------------------------------------------


def test_registration_form_polish_names_accepted(edition):
    form = registration_form(edition, valid_data())

    assert form.is_valid(), form.errors
    assert (form.cleaned_data["first_name"], form.cleaned_data["last_name"]) == POLISH_NAME


def test_registration_form_long_names_accepted_up_to_model_limits(edition):
    first, last = "Ą" * 100, "Wielkopolska-" + "ż" * 137
    form = registration_form(edition, valid_data(first_name=first, last_name=last))

    assert form.is_valid(), form.errors
    assert (len(form.cleaned_data["first_name"]), len(form.cleaned_data["last_name"])) == (
        100,
        150,
    )


def test_registration_form_too_long_name_rejected(edition):
    form = registration_form(edition, valid_data(first_name="A" * 101))

    assert form.is_valid() is False
    assert list(form.errors) == ["first_name"]


@pytest.mark.parametrize(
    "email",
    [
        "anna.kowalska+kongres@example.org",
        "jan@żółw.pl",
        "jan@xn--w-uga1v.pl",
        "ANNA@Example.ORG",
    ],
)
def test_registration_form_plus_and_idn_emails_accepted(edition, email):
    form = registration_form(edition, valid_data(email=email))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["email"] == email


def test_registration_form_html_kept_as_text(edition):
    script = "<script>alert('x')</script>"
    form = registration_form(edition, valid_data(first_name=script, organisation="<b>ACME</b>"))

    valid = form.is_valid()
    html = str(form["first_name"])

    assert valid, form.errors
    assert form.cleaned_data["first_name"] == script
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>" not in html


def test_registration_form_nip_stored_as_digits(edition):
    form = registration_form(edition, valid_data(nip="PL 774-000-14-54"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["nip"] == "7740001454"


def test_registration_form_bad_nip_error_next_to_field(edition):
    form = registration_form(edition, valid_data(nip="774-000-14-55"))

    assert form.is_valid() is False
    assert list(form.errors) == ["nip"]


def test_registration_form_voivodeship_required_in_poland_only(edition):
    polish = registration_form(edition, valid_data(voivodeship=""))
    foreign = registration_form(edition, valid_data(voivodeship="lubuskie", country="DE"))

    assert polish.is_valid() is False
    assert list(polish.errors) == ["voivodeship"]
    assert foreign.is_valid(), foreign.errors
    assert foreign.cleaned_data["voivodeship"] == ""


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("country", "XX"),
        ("country", "pl"),
        ("voivodeship", "bawaria"),
        ("organisation_type", "army"),
        ("language", "de"),
    ],
)
def test_registration_form_refuses_codes_not_offered(edition, field, value):
    with translation.override("pl"):
        form = registration_form(edition, valid_data(**{field: value}))
        assert form.is_valid() is False
        assert list(form.errors) == [field]
        assert "Wybierz poprawną wartość" in form.errors[field][0]


@pytest.mark.parametrize(
    ("field", "value"),
    [("country", "ZZ"), ("country", "UA"), ("organisation_type", "ngo"), ("language", "en")],
)
def test_registration_form_accepts_every_code_offered(edition, field, value):
    form = registration_form(edition, valid_data(**{field: value}))
    assert value in [code for code, _label in form.fields[field].choices]
    assert form.is_valid(), form.errors


REQUIRED_ERRORS = {
    "pl": {
        "first_name": "Wpisz swoje imię.",
        "last_name": "Wpisz swoje nazwisko.",
        "email": "Wpisz swój adres e-mail.",
        "organisation": "Wpisz nazwę swojej organizacji.",
        "organisation_type": "Wybierz rodzaj swojej organizacji.",
        "voivodeship": "Wybierz województwo, w którym działa Twoja organizacja.",
        "consent_processing": "Zaznacz tę zgodę, aby się zarejestrować.",
        "q": "Odpowiedz na to pytanie.",
    },
    "en": {
        "first_name": "Enter your first name.",
        "last_name": "Enter your last name.",
        "email": "Enter your e-mail address.",
        "organisation": "Enter the name of your organisation.",
        "organisation_type": "Choose the type of your organisation.",
        "voivodeship": "Choose the voivodeship where your organisation is.",
        "consent_processing": "Accept this consent to register.",
        "q": "Answer this question.",
    },
}


@pytest.mark.parametrize("language", ["pl", "en"])
def test_registration_form_every_required_field_error_in_language_values_kept(edition, language):
    question = QuestionFactory(edition=edition, kind=QuestionKind.TEXT, required=True)
    typed = {"phone": "+48 600 100 200", "position": "Prezes <zarządu>", "nip": "7740001454"}

    with translation.override(language):
        form = registration_form(edition, {**typed, "language": language, "country": "PL"})
        valid = form.is_valid()
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        kept = {name: form[name].value() for name in typed}

    expected = dict(REQUIRED_ERRORS[language])
    expected[f"q_{question.pk}"] = expected.pop("q")
    assert valid is False
    assert errors == {name: [message] for name, message in expected.items()}
    assert kept == typed


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("pl", "Wpisz adres e-mail w postaci nazwa@example.com."),
        ("en", "Enter an e-mail address in the form name@example.com."),
    ],
)
def test_registration_form_bad_email_message_in_language(edition, language, message):
    with translation.override(language):
        form = registration_form(edition, valid_data(email="anna@"))
        form.is_valid()
        errors = [str(e) for e in form.errors["email"]]

    assert errors == [message]


def test_registration_form_language_defaults_to_page_language(edition):
    with translation.override("en"):
        form = registration_form(edition)

    assert form["language"].value() == "en"


@pytest.mark.parametrize(
    ("kind", "options", "value", "stored"),
    [
        (QuestionKind.TEXT, [], "Jak finansować <klastry>?", "Jak finansować <klastry>?"),
        (QuestionKind.CHOICE, [{"value": "a", "label": {"pl": "A", "en": "A"}}], "a", "a"),
        (QuestionKind.YES_NO, [], "no", False),
        (QuestionKind.NUMBER, [], "3,5", 3.5),
        (QuestionKind.NUMBER, [], "12", 12),
        (QuestionKind.DATE, [], "2025-10-31", "2025-10-31"),
    ],
)
def test_registration_form_custom_question_answer_stored(edition, kind, options, value, stored):
    question = QuestionFactory(edition=edition, kind=kind, options=options, required=True)

    with translation.override("pl"):
        form = registration_form(edition, valid_data(**{f"q_{question.pk}": value}))
        valid = form.is_valid()

    assert valid, form.errors
    assert form.registration_input().details["answers"] == {str(question.pk): stored}


def test_registration_form_multiple_choice_answer_stored(edition):
    options = [{"value": v, "label": {"pl": v, "en": v}} for v in ("a", "b", "c")]
    question = QuestionFactory(edition=edition, kind=QuestionKind.MULTIPLE_CHOICE, options=options)
    data = valid_data()
    data[f"q_{question.pk}"] = ["a", "c"]

    form = registration_form(edition, data)

    assert form.is_valid(), form.errors
    assert form.registration_input().details["answers"] == {str(question.pk): ["a", "c"]}


def test_registration_form_unknown_invitation_code_error_next_to_field(edition):
    CategoryFactory(edition=edition, slug="vip", requires_invitation=True)
    InvitationCodeFactory(edition=edition, code="VIP-1")

    form = registration_form(edition, valid_data(invitation_code="NIE-MA"))

    assert form.is_valid() is False
    assert list(form.errors) == ["invitation_code"]


# --- Other forms ----------------------------------------------------------------------------


def test_personal_details_form_starts_with_registration_data(edition):
    registration = RegistrationFactory(
        edition=edition,
        first_name="Łucja",
        details={"organisation": "Klaster Ą", "nip": "7740001454", "country": "PL"},
    )

    form = PersonalDetailsForm(registration=registration)

    assert (form["first_name"].value(), form["organisation"].value(), form["nip"].value()) == (
        "Łucja",
        "Klaster Ą",
        "7740001454",
    )
    assert "email" not in form.fields


def test_member_formset_same_email_twice_rejected():
    formset_class = member_formset(rows=2)
    data = {
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-0-first_name": "Anna",
        "members-0-last_name": "Nowak",
        "members-0-email": "anna@example.org",
        "members-1-first_name": "Ania",
        "members-1-last_name": "Nowak",
        "members-1-email": "ANNA@example.org",
    }

    formset = formset_class(data, prefix="members")

    assert formset.is_valid() is False
    assert list(formset.forms[1].errors) == ["email"]


def test_id_data_form_normalises_document_number():
    form = IdDataForm(
        {
            "document_type": "id_card",
            "document_number": "abc 123456",
            "date_of_birth": "1980-05-17",
            "nationality": "polskie",
        }
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["document_number"] == "ABC123456"


def test_id_data_form_future_birth_date_rejected():
    form = IdDataForm(
        {
            "document_type": "passport",
            "document_number": "EA1234567",
            "date_of_birth": "2999-01-01",
            "nationality": "Polish",
        }
    )

    assert form.is_valid() is False
    assert list(form.errors) == ["date_of_birth"]
