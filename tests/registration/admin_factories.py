"""Factories for the organiser's admin and export tests: plain values, all overridable.

Categories, questions, consent texts and invitation codes come from
``tests/registration/factories.py``. Its ``RegistrationFactory`` registers through the service
(as the public form does); the admin tests also need rows in states the services reach only in
several steps (awaiting approval, waiting, cancelled), so ``RegistrationRowFactory`` writes a
registration row directly in the state given.
"""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from kongres.common.i18n import i18n
from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.program.enums import SessionKind
from kongres.registration.enums import RegistrationMessage, RegistrationState
from kongres.registration.models import ConsentRecord, Registration, RegistrationGroup
from kongres.visits.enums import DocumentType, SignupState
from kongres.visits.models import IdData, Signup, StudyVisit
from tests.factories import EditionFactory, SessionFactory
from tests.registration.factories import CategoryFactory, ConsentTextFactory

NOON = dt.datetime(2025, 9, 1, 12, 0, tzinfo=dt.UTC)


class RegistrationRowFactory(factory.django.DjangoModelFactory):
    """A confirmed registration with a verified address, in a category without a quota."""

    class Meta:
        model = Registration

    edition = factory.SubFactory(EditionFactory)
    category = factory.SubFactory(CategoryFactory, edition=factory.SelfAttribute("..edition"))
    state = RegistrationState.CONFIRMED
    first_name = "Zofia"
    last_name = factory.Sequence(lambda n: f"Źródlana {n}")
    email = factory.Sequence(lambda n: f"zofia.zrodlana{n}@example.org")
    email_key = factory.LazyAttribute(lambda o: o.email.lower())
    organisation = "Klaster Testowy"
    language = "pl"
    email_verified_at = NOON
    confirmed_at = NOON


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationGroup

    edition = factory.SubFactory(EditionFactory)
    coordinator_name = "Jan Koordynator"
    coordinator_email = factory.Sequence(lambda n: f"koordynator{n}@example.org")
    organisation = "Klaster Grupowy"


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentRecord

    registration = factory.SubFactory(RegistrationRowFactory)
    consent = factory.SubFactory(
        ConsentTextFactory, edition=factory.SelfAttribute("..registration.edition")
    )
    accepted_at = NOON


class StudyVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudyVisit

    edition = factory.SubFactory(EditionFactory)
    session = factory.SubFactory(
        SessionFactory,
        edition=factory.SelfAttribute("..edition"),
        kind=SessionKind.STUDY_VISIT,
        capacity=10,
    )
    host_name = "Zakłady Testowe Sp. z o.o."
    meeting_point = factory.LazyFunction(
        lambda: i18n("Parking przed wejściem głównym", "Car park at the main entrance")
    )
    departure_at = factory.LazyAttribute(lambda o: o.session.start)
    return_at = factory.LazyAttribute(lambda o: o.session.end)
    requires_id_data = False


class SignupFactory(factory.django.DjangoModelFactory):
    """A confirmed sign-up; give ``seat`` for sessions with a capacity."""

    class Meta:
        model = Signup

    registration = factory.SubFactory(RegistrationRowFactory)
    edition = factory.SelfAttribute("registration.edition")
    session = factory.SubFactory(SessionFactory, edition=factory.SelfAttribute("..edition"))
    state = SignupState.CONFIRMED
    seat = None
    confirmed_at = NOON


class IdDataFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdData

    signup = factory.SubFactory(SignupFactory)
    document_type = DocumentType.ID_CARD
    document_number = factory.Sequence(lambda n: f"ABC{n:06d}")
    date_of_birth = dt.date(1980, 5, 17)
    nationality = "polskie"
    delete_after = dt.datetime(2025, 11, 30, 0, 0, tzinfo=dt.UTC)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    edition = factory.SubFactory(EditionFactory)
    kind = RegistrationMessage.REGISTRATION_CONFIRMED
    dedupe_key = factory.Sequence(lambda n: f"test:{n}")
    to_email = factory.Sequence(lambda n: f"adresat{n}@example.org")
    language = "pl"
    state = MessageState.SENT


def staff_user(username: str = "biuro", *permissions: str):
    """An active staff user (not a superuser) with the given ``app.codename`` permissions."""
    user = get_user_model().objects.create_user(
        username=username, password="haslo-testowe-123", is_staff=True
    )
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user
