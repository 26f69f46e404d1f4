"""Factories of matchmaking: plain values, every one can be overridden.

``matchmaking_edition`` makes an edition with matchmaking on, one session ``A`` of four
20-minute slots and two tables; ``ProfileFactory`` makes a confirmed registration (through
the registration service) with an active profile available in every slot of its edition.
"""

import datetime as dt

import factory

from kongres.common.i18n import i18n
from kongres.matchmaking.enums import ListingKind, RequestMode, SchedulingMode
from kongres.matchmaking.models import (
    ConsultationHost,
    ConsultationSlot,
    Listing,
    MatchmakingSession,
    MatchmakingSettings,
    MeetingRequest,
    Profile,
    Sector,
    Slot,
)
from kongres.program.models import LOCAL_TZ
from tests.factories import EditionFactory
from tests.registration.factories import RegistrationFactory

# Far in the future, so slots never "have passed" while tests run.
DAY = dt.date(2031, 10, 29)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL_TZ)


class MatchmakingSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchmakingSettings
        django_get_or_create = ("edition",)

    edition = factory.SubFactory(EditionFactory, start_date=DAY, end_date=DAY)
    enabled = True
    request_mode = RequestMode.ACCEPT
    scheduling_mode = SchedulingMode.SELF


class MatchmakingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchmakingSession
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory, start_date=DAY, end_date=DAY)
    name = factory.LazyFunction(lambda: i18n("Spotkania B2B", "B2B meetings"))
    code = factory.Sequence(lambda n: f"S{n}")
    starts_at = local(DAY, 10)
    ends_at = factory.LazyAttribute(
        lambda o: o.starts_at + dt.timedelta(minutes=o.slot_minutes * o.slots)
    )
    slot_minutes = 20
    tables = 2
    location = "Sala B2B"

    class Params:
        slots = 4

    @factory.post_generation
    def make_slots(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        count = int((self.ends_at - self.starts_at).total_seconds() // 60 // self.slot_minutes)
        for number in range(count):
            start = self.starts_at + dt.timedelta(minutes=self.slot_minutes * number)
            Slot.objects.create(
                session=self,
                code=f"{self.code}{number + 1:02d}",
                starts_at=start,
                ends_at=start + dt.timedelta(minutes=self.slot_minutes),
            )


def matchmaking_edition(*, slots: int = 4, tables: int = 2, **settings) -> MatchmakingSettings:
    """An edition with matchmaking on and one session ``A``; returns its settings."""
    edition = EditionFactory(start_date=DAY, end_date=DAY)
    config = MatchmakingSettingsFactory(edition=edition, **settings)
    MatchmakingSessionFactory(edition=edition, code="A", slots=slots, tables=tables)
    return config


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("kind", "code")

    kind = "pkd"
    code = factory.Sequence(lambda n: f"{n:02d}")
    name = factory.Sequence(lambda n: i18n(f"Sektor {n}", f"Sector {n}"))


class ProfileFactory(factory.django.DjangoModelFactory):
    """An active profile of a confirmed registration, available in every slot of its edition."""

    class Meta:
        model = Profile
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory, start_date=DAY, end_date=DAY)
    registration = factory.SubFactory(
        RegistrationFactory, edition=factory.SelfAttribute("..edition"), verified=True
    )
    organisation = factory.Sequence(lambda n: f"Firma {n} sp. z o.o.")
    description = "Obróbka CNC i spawanie dla przemysłu obronnego."
    max_meetings = 8
    is_active = True

    @factory.post_generation
    def available(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = Slot.objects.filter(session__edition=self.edition)
        self.available_slots.set(extracted)


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing

    profile = factory.SubFactory(ProfileFactory)
    kind = ListingKind.OFFER
    title = "Obróbka CNC"
    text = "Frezowanie i toczenie elementów dla przemysłu obronnego."


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    """A pending request made directly (use ``services.request_send`` to test the rules)."""

    class Meta:
        model = MeetingRequest

    edition = factory.SubFactory(EditionFactory, start_date=DAY, end_date=DAY)
    sender = factory.SubFactory(ProfileFactory, edition=factory.SelfAttribute("..edition"))
    recipient = factory.SubFactory(ProfileFactory, edition=factory.SelfAttribute("..edition"))
    message = "Chętnie porozmawiamy o współpracy."


class ConsultationHostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationHost

    edition = factory.SubFactory(EditionFactory, start_date=DAY, end_date=DAY)
    name = factory.Sequence(lambda n: f"Jan Urzędnik {n}")
    role = factory.LazyFunction(
        lambda: i18n("Ministerstwo Rozwoju i Technologii", "Ministry of Development and Technology")
    )
    topic = factory.LazyFunction(lambda: i18n("Polityka klastrowa", "Cluster policy"))
    location = "Sala 2"


class ConsultationSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationSlot

    host = factory.SubFactory(ConsultationHostFactory)
    starts_at = local(DAY, 10)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=15))
