"""Factories of registration: plain values, every one can be overridden.

Categories and consent texts are found or created by their natural keys, so they work both on
a fresh edition and on the demo edition (which may already hold them). Registrations are made
through ``services.registration_create``, as the public form makes them.
"""

import factory

from kongres.common.i18n import i18n
from kongres.registration import services
from kongres.registration.enums import ConsentKind, QuestionKind
from kongres.registration.models import Category, ConsentText, InvitationCode, Question
from kongres.registration.models import Registration as RegistrationModel
from tests.factories import EditionFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("edition", "slug")

    edition = factory.SubFactory(EditionFactory)
    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: i18n(f"Uczestnik {n}", f"Participant {n}"))
    quota = None
    requires_approval = False
    requires_invitation = False
    order = 0


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    edition = factory.SubFactory(EditionFactory)
    label = factory.Sequence(lambda n: i18n(f"Pytanie {n}", f"Question {n}"))
    kind = QuestionKind.TEXT
    required = False
    options = factory.LazyFunction(list)
    order = factory.Sequence(lambda n: 100 + n)


class ConsentTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentText
        django_get_or_create = ("edition", "kind", "version")

    edition = factory.SubFactory(EditionFactory)
    kind = ConsentKind.PROCESSING
    version = 1
    text = factory.LazyAttribute(
        lambda o: i18n(f"Zgoda: {o.kind}, wersja {o.version}.", f"Consent: {o.kind}, v{o.version}.")
    )
    required = factory.LazyAttribute(lambda o: o.kind == ConsentKind.PROCESSING)


class InvitationCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvitationCode

    edition = factory.SubFactory(EditionFactory)
    category = factory.SubFactory(
        CategoryFactory, edition=factory.SelfAttribute("..edition"), requires_invitation=True
    )
    code = factory.Sequence(lambda n: f"ZAPROSZENIE-{n}")
    max_uses = 1


def standard_consents(edition) -> list[ConsentText]:
    """The three consents of an edition (processing required), found or created."""
    return [
        ConsentTextFactory(edition=edition, kind=kind)
        for kind in (ConsentKind.PROCESSING, ConsentKind.IMAGE, ConsentKind.NEWSLETTER)
    ]


class RegistrationFactory(factory.Factory):
    """A registration made by ``services.registration_create`` (``verified`` confirms it)."""

    class Meta:
        model = RegistrationModel

    edition = factory.SubFactory(EditionFactory)
    category = factory.SubFactory(CategoryFactory, edition=factory.SelfAttribute("..edition"))
    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Nowak {n}")
    email = factory.Sequence(lambda n: f"osoba{n}@example.org")
    language = "pl"
    details = factory.LazyFunction(lambda: {"organisation": "Klaster Testowy"})
    session_ids = factory.LazyFunction(list)
    consent_ids = None  # None: every required consent of the edition
    invitation_code = ""
    verified = False

    @classmethod
    def _create(cls, model_class, *, edition, category, verified, invitation_code, **fields):
        consent_ids = fields.pop("consent_ids")
        if consent_ids is None:
            consent_ids = [c.pk for c in services.consents_current(edition=edition) if c.required]
        data = services.RegistrationInput(consent_ids=consent_ids, **fields)
        registration, _created = services.registration_create(
            edition=edition, category=category, data=data, invitation_code=invitation_code
        )
        if verified:
            registration = services.registration_verify(registration=registration)
        return registration

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("registrations are made by the service: use create()")


def _answer(question):
    """A valid answer to a required custom question, as a browser would post it."""
    if question.kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE_CHOICE):
        return question.options[0]["value"]
    return {
        QuestionKind.YES_NO: "yes",
        QuestionKind.NUMBER: "1",
        QuestionKind.DATE: "2025-10-29",
    }.get(question.kind, "Tak")


def registration_post_data(edition, **overrides) -> dict:
    """What the public form posts for a valid registration in ``edition``.

    Fills the category, required consents and required custom questions that the edition
    has, so the same data works on a fresh edition and on the demo edition. ``None`` removes
    a field.
    """
    categories = Category.objects.filter(edition=edition, requires_invitation=False)
    data = {
        "first_name": "Łukasz",
        "last_name": "Żółć-Gęślak",
        "email": "lukasz.zolc@example.org",
        "phone": "+48 600 100 200",
        "language": "pl",
        "organisation": "Lubuski Klaster Metalowy",
        "position": "Menedżer klastra",
        "organisation_type": "cluster",
        "country": "PL",
        "voivodeship": "lubuskie",
    }
    if categories.count() > 1:
        data["category"] = str(categories.first().pk)
    for consent in services.consents_current(edition=edition):
        if consent.required:
            data[f"consent_{consent.kind}"] = "on"
    for question in Question.objects.filter(edition=edition, is_active=True, required=True):
        data[f"q_{question.pk}"] = _answer(question)
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
