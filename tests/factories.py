"""Factories without surprises: every value is plain and can be overridden."""

import datetime as dt

import factory
from django.utils.text import slugify

from kongres.common.i18n import i18n
from kongres.events.enums import EditionStatus, PartnerRole, Voivodeship
from kongres.events.models import Edition, Organisation, Partner, Series, Venue
from kongres.program.enums import SessionKind, SpeakerRole
from kongres.program.models import LOCAL_TZ, Day, Room, Session, SessionSpeaker, Speaker, Theme


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = "Związek Testowy"
    short_name = "Związek"
    slug = factory.Sequence(lambda n: f"org-{n}")
    email = "biuro@example.org"


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.LazyFunction(lambda: i18n("Kongres Testowy", "Test Congress"))
    slug = factory.Sequence(lambda n: f"series-{n}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = "Centrum Konferencyjne"
    street = "ul. Długa 1"
    postal_code = "00-001"
    city = "Warszawa"
    voivodeship = Voivodeship.MAZOWIECKIE
    latitude = "52.229700"
    longitude = "21.012200"


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    series = factory.SubFactory(SeriesFactory)
    number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"edition-{n}")
    name = factory.LazyAttribute(lambda o: i18n(f"{o.number}. Kongres", f"Congress no. {o.number}"))
    start_date = dt.date(2025, 10, 29)
    end_date = dt.date(2025, 10, 30)
    host_voivodeship = Voivodeship.MAZOWIECKIE
    host_city = "Warszawa"
    venue = factory.SubFactory(VenueFactory)
    motto = factory.LazyFunction(lambda: i18n("Hasło testowe", "Test motto"))
    status = EditionStatus.PUBLISHED
    locales = factory.LazyFunction(lambda: ["pl", "en"])


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Partner {n}")
    role = PartnerRole.PARTNER


class DayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Day

    edition = factory.SubFactory(EditionFactory)
    date = factory.LazyAttribute(lambda o: o.edition.start_date)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: i18n(f"Sala {n}", f"Room {n}"))


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: i18n(f"Temat {n}", f"Theme {n}"))
    slug = factory.Sequence(lambda n: f"theme-{n}")


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LOCAL_TZ)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    edition = factory.SubFactory(EditionFactory)
    day = factory.SubFactory(DayFactory, edition=factory.SelfAttribute("..edition"))
    kind = SessionKind.PANEL
    title = factory.Sequence(lambda n: i18n(f"Panel numer {n}", f"Panel number {n}"))
    slug = factory.LazyAttribute(lambda o: slugify(o.title.localize("pl")))
    start = factory.LazyAttribute(lambda o: at(o.day.date, 10))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=1))


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Anna Kowalska {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    organisation = "Klaster Testowy"


class SessionSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionSpeaker

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(SpeakerFactory, edition=factory.SelfAttribute("..session.edition"))
    role = SpeakerRole.PANELIST
