"""Factories for study visits and sign-ups (registrations: ``tests.registration.factories``)."""

import datetime as dt

import factory

from kongres.common.i18n import i18n
from kongres.program.enums import SessionKind
from kongres.visits.enums import SignupState
from kongres.visits.models import Signup, StudyVisit
from tests.factories import EditionFactory, SessionFactory
from tests.registration.factories import RegistrationFactory


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
    departure_at = factory.LazyAttribute(lambda o: o.session.start - dt.timedelta(minutes=15))
    return_at = factory.LazyAttribute(lambda o: o.session.end)
    requires_id_data = False


class SignupFactory(factory.django.DjangoModelFactory):
    """A confirmed sign-up, written directly (the seat is whatever the test gives)."""

    class Meta:
        model = Signup

    registration = factory.SubFactory(RegistrationFactory, verified=True)
    edition = factory.SelfAttribute("registration.edition")
    session = factory.SubFactory(SessionFactory, edition=factory.SelfAttribute("..edition"))
    state = SignupState.CONFIRMED
    seat = None
    confirmed_at = factory.LazyFunction(lambda: dt.datetime(2025, 9, 2, 12, 0, tzinfo=dt.UTC))
