"""Database constraints and model validation of editions and their program."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from kongres.events.models import PartnerTier
from kongres.program.models import Session, SessionSpeaker
from tests.factories import (
    DayFactory,
    EditionFactory,
    PartnerFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    ThemeFactory,
    at,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY = dt.date(2025, 10, 29)


# --- Edition --------------------------------------------------------------------------------


def test_edition_ending_before_start_violates_constraint():
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(start_date=dt.date(2025, 10, 30), end_date=dt.date(2025, 10, 29))


def test_edition_of_one_day_is_allowed():
    edition = EditionFactory(start_date=DAY, end_date=DAY)

    assert edition.end_date == edition.start_date


def test_edition_clean_rejects_end_before_start():
    edition = EditionFactory.build(start_date=dt.date(2025, 10, 30), end_date=DAY)

    with pytest.raises(ValidationError) as error:
        edition.clean()

    assert list(error.value.message_dict) == ["end_date"]


def test_edition_clean_rejects_unknown_language():
    edition = EditionFactory.build(locales=["pl", "de"])

    with pytest.raises(ValidationError) as error:
        edition.clean()

    assert list(error.value.message_dict) == ["locales"]


def test_edition_slug_is_unique():
    EditionFactory(slug="kongres-2025")

    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(slug="kongres-2025")


def test_edition_number_is_unique_within_series():
    edition = EditionFactory(number=11)

    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(series=edition.series, number=11)


def test_edition_number_repeats_in_other_series():
    EditionFactory(number=11)

    edition = EditionFactory(number=11)

    assert edition.number == 11


SLUGGED = [SessionFactory, SpeakerFactory, ThemeFactory]


# --- Session constraints --------------------------------------------------------------------


@pytest.mark.parametrize(("start_hour", "end_hour"), [(11, 10), (10, 10)])
def test_session_not_ending_after_start_violates_constraint(start_hour, end_hour):
    day = DayFactory(date=DAY)

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(
            edition=day.edition, day=day, start=at(DAY, start_hour), end=at(DAY, end_hour)
        )


def test_day_with_sessions_cannot_be_deleted():
    session = SessionFactory()

    with pytest.raises(ProtectedError), transaction.atomic():
        session.day.delete()


@pytest.mark.parametrize("factory", SLUGGED, ids=["session", "speaker", "theme"])
def test_slug_is_unique_within_edition(factory):
    edition = EditionFactory()
    factory(edition=edition, slug="ten-sam")

    with pytest.raises(IntegrityError), transaction.atomic():
        factory(edition=edition, slug="ten-sam")


@pytest.mark.parametrize("factory", SLUGGED, ids=["session", "speaker", "theme"])
def test_slug_repeats_in_other_edition(factory):
    factory(edition=EditionFactory(), slug="ten-sam")

    second = factory(edition=EditionFactory(), slug="ten-sam")

    assert second.slug == "ten-sam"


def test_day_date_is_unique_within_edition():
    day = DayFactory(date=DAY)

    with pytest.raises(IntegrityError), transaction.atomic():
        DayFactory(edition=day.edition, date=DAY)


def test_speaker_appears_in_session_once():
    appearance = SessionSpeakerFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionSpeakerFactory(session=appearance.session, speaker=appearance.speaker)


# --- Session.clean --------------------------------------------------------------------------


@pytest.fixture
def edition():
    return EditionFactory(start_date=DAY, end_date=DAY)


@pytest.fixture
def other_edition():
    return EditionFactory(start_date=DAY, end_date=DAY)


def session_on(edition, **overrides) -> Session:
    if "day" not in overrides:
        overrides["day"] = DayFactory(edition=edition, date=DAY)
    return SessionFactory.build(
        **{"edition": edition, "start": at(DAY, 10), "end": at(DAY, 11), **overrides}
    )


def test_session_clean_accepts_session_within_its_edition(edition):
    session = session_on(
        edition, room=RoomFactory(edition=edition), theme=ThemeFactory(edition=edition)
    )

    session.clean()

    assert session.day.edition_id == edition.pk


def test_session_clean_rejects_day_of_another_edition(edition, other_edition):
    session = session_on(edition, day=DayFactory(edition=other_edition, date=DAY))

    with pytest.raises(ValidationError) as error:
        session.clean()

    assert list(error.value.message_dict) == ["day"]


def test_session_clean_rejects_room_of_another_edition(edition, other_edition):
    session = session_on(edition, room=RoomFactory(edition=other_edition))

    with pytest.raises(ValidationError) as error:
        session.clean()

    assert list(error.value.message_dict) == ["room"]


def test_session_clean_rejects_theme_of_another_edition(edition, other_edition):
    session = session_on(edition, theme=ThemeFactory(edition=other_edition))

    with pytest.raises(ValidationError) as error:
        session.clean()

    assert list(error.value.message_dict) == ["theme"]


def test_session_clean_rejects_start_on_another_date_than_its_day(edition):
    next_day = DAY + dt.timedelta(days=1)
    session = session_on(edition, start=at(next_day, 10), end=at(next_day, 11))

    with pytest.raises(ValidationError) as error:
        session.clean()

    assert list(error.value.message_dict) == ["start"]


def test_session_clean_judges_day_in_warsaw_time_not_utc(edition):
    # 00:30 in Warsaw is still the previous day in UTC.
    session = session_on(edition, start=at(DAY, 0, 30), end=at(DAY, 1, 30))

    session.clean()

    assert session.start.astimezone(dt.UTC).date() == DAY - dt.timedelta(days=1)


def test_session_clean_rejects_late_evening_that_is_next_day_in_warsaw(edition):
    # 23:30 UTC on the day is already the next day in Warsaw.
    start = dt.datetime.combine(DAY, dt.time(23, 30), tzinfo=dt.UTC)
    session = session_on(edition, start=start, end=start + dt.timedelta(hours=1))

    with pytest.raises(ValidationError) as error:
        session.clean()

    assert list(error.value.message_dict) == ["start"]


def test_session_clean_rejects_end_before_start(edition):
    session = session_on(edition, start=at(DAY, 11), end=at(DAY, 10))

    with pytest.raises(ValidationError) as error:
        session.clean()

    assert list(error.value.message_dict) == ["end"]


def test_session_full_clean_reports_every_foreign_relation(edition, other_edition):
    session = session_on(
        edition,
        room=RoomFactory(edition=other_edition),
        theme=ThemeFactory(edition=other_edition),
        slug="panel",
    )

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert sorted(error.value.message_dict) == ["room", "theme"]


# --- Other cross-edition guards -------------------------------------------------------------


def test_session_speaker_clean_rejects_speaker_of_another_edition(edition, other_edition):
    session = SessionFactory(edition=edition, day=DayFactory(edition=edition, date=DAY))
    appearance = SessionSpeaker(
        session=session, speaker=SpeakerFactory(edition=other_edition), role="panelist"
    )

    with pytest.raises(ValidationError):
        appearance.clean()


def test_partner_clean_rejects_tier_of_another_edition(edition, other_edition):
    tier = PartnerTier.objects.create(edition=other_edition, name={"pl": "Złoty"})
    partner = PartnerFactory.build(edition=edition, tier=tier)

    with pytest.raises(ValidationError) as error:
        partner.clean()

    assert list(error.value.message_dict) == ["tier"]
