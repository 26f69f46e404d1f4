"""iCalendar feeds of the program: the whole program and single sessions."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from icalendar import Calendar

from kongres.common.i18n import i18n
from kongres.program.models import Session
from tests.factories import (
    DayFactory,
    EditionFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    VenueFactory,
    at,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

WARSAW = ZoneInfo("Europe/Warsaw")
DAY_1 = dt.date(2025, 10, 29)
DAY_2 = dt.date(2025, 10, 30)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Public pages are cached in memory; a page must not leak from one test into another."""
    cache.clear()
    yield
    cache.clear()


def parse(response) -> Calendar:
    return Calendar.from_ical(response.content)


@pytest.fixture
def edition():
    """Three sessions on two days; the first at 10:00 local time in a named room."""
    edition = EditionFactory(
        slug="kongres",
        start_date=DAY_1,
        end_date=DAY_2,
        venue=VenueFactory(
            name="Hala Stulecia", street="ul. Wystawowa 1", postal_code="51-618", city="Wrocław"
        ),
    )
    day_1 = DayFactory(edition=edition, date=DAY_1)
    day_2 = DayFactory(edition=edition, date=DAY_2)
    room = RoomFactory(edition=edition, name=i18n("Sala Główna", "Main Hall"))
    SessionFactory(
        edition=edition,
        day=day_1,
        slug="otwarcie",
        title=i18n("Otwarcie", "Opening"),
        start=at(DAY_1, 10),
        end=at(DAY_1, 10, 45),
        room=room,
    )
    SessionFactory(edition=edition, day=day_1, slug="panel", start=at(DAY_1, 11), end=at(DAY_1, 12))
    SessionFactory(
        edition=edition, day=day_2, slug="zamkniecie", start=at(DAY_2, 14), end=at(DAY_2, 15)
    )
    return edition


def test_program_calendar_has_calendar_content_type(client, edition):
    response = client.get("/pl/kongres/program.ics")

    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == "text/calendar"


def test_program_calendar_is_offered_as_download(client, edition):
    response = client.get("/en/kongres/program.ics")

    assert response["Content-Disposition"] == 'attachment; filename="kongres-program.ics"'


def test_program_calendar_holds_one_event_per_session(client, edition):
    calendar = parse(client.get("/pl/kongres/program.ics"))

    assert len(calendar.walk("VEVENT")) == 3


def test_program_calendar_omits_sessions_of_other_editions(client, edition):
    SessionFactory(edition=EditionFactory(slug="inny"), slug="cudzy")

    calendar = parse(client.get("/pl/kongres/program.ics"))

    assert [str(event["UID"]) for event in calendar.walk("VEVENT")] == [
        f"session-{pk}@kongres.kongres"
        for pk in Session.objects.filter(edition=edition)
        .order_by("start")
        .values_list("pk", flat=True)
    ]


def test_program_calendar_event_starts_in_warsaw_time_zone(client, edition):
    calendar = parse(client.get("/pl/kongres/program.ics"))

    first = calendar.walk("VEVENT")[0]
    assert first["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert first["DTEND"].params["TZID"] == "Europe/Warsaw"
    assert first.decoded("DTSTART") == dt.datetime(2025, 10, 29, 10, 0, tzinfo=WARSAW)
    assert first.decoded("DTSTART").astimezone(WARSAW).time() == dt.time(10, 0)
    assert first.decoded("DTEND").astimezone(WARSAW).time() == dt.time(10, 45)


def test_program_calendar_event_is_written_in_local_wall_time(client, edition):
    body = client.get("/pl/kongres/program.ics").content.decode()

    assert "DTSTART;TZID=Europe/Warsaw:20251029T100000" in body.replace("\r\n ", "")


def test_program_calendar_summer_event_keeps_local_hour(client):
    june = dt.date(2025, 6, 11)
    edition = EditionFactory(slug="czerwiec", start_date=june, end_date=june)
    SessionFactory(edition=edition, start=at(june, 9, 30), end=at(june, 10, 30))

    event = parse(client.get("/pl/czerwiec/program.ics")).walk("VEVENT")[0]

    assert event.decoded("DTSTART").astimezone(WARSAW).time() == dt.time(9, 30)
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)


def test_program_calendar_declares_warsaw_time_zone(client, edition):
    calendar = parse(client.get("/pl/kongres/program.ics"))

    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Warsaw"]


def test_program_calendar_event_uids_are_unique(client, edition):
    calendar = parse(client.get("/pl/kongres/program.ics"))

    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert len(set(uids)) == len(uids)


def test_program_calendar_event_names_room_and_venue(client, edition):
    calendar = parse(client.get("/en/kongres/program.ics"))

    first = calendar.walk("VEVENT")[0]
    assert str(first["SUMMARY"]) == "Opening"
    assert str(first["LOCATION"]) == "Main Hall, Hala Stulecia, ul. Wystawowa 1, 51-618 Wrocław"
    assert str(first["URL"]) == "http://testserver/en/kongres/program/otwarcie/"


def test_program_calendar_event_lists_speakers_in_description(client, edition):
    session = Session.objects.get(edition=edition, slug="panel")
    session.abstract = i18n("Opis panelu.")
    session.save()
    SessionSpeakerFactory(
        session=session, speaker=SpeakerFactory(edition=edition, name="Ewa Nowak"), order=1
    )
    SessionSpeakerFactory(
        session=session, speaker=SpeakerFactory(edition=edition, name="Jan Kowal"), order=2
    )

    calendar = parse(client.get("/pl/kongres/program.ics"))

    event = next(e for e in calendar.walk("VEVENT") if "panel" in str(e["URL"]))
    assert str(event["DESCRIPTION"]) == "Opis panelu.\n\nEwa Nowak, Jan Kowal"


def test_program_calendar_of_edition_without_sessions_is_empty_calendar(client):
    EditionFactory(slug="pusty")

    calendar = parse(client.get("/pl/pusty/program.ics"))

    assert calendar.walk("VEVENT") == []


def test_session_calendar_holds_exactly_that_session(client, edition):
    response = client.get("/pl/kongres/program/otwarcie.ics")

    events = parse(response).walk("VEVENT")
    assert response["Content-Type"].split(";")[0] == "text/calendar"
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Otwarcie"
    assert events[0].decoded("DTSTART") == dt.datetime(2025, 10, 29, 10, 0, tzinfo=WARSAW)


def test_session_calendar_uid_matches_program_calendar_uid(client, edition):
    program = parse(client.get("/pl/kongres/program.ics"))
    single = parse(client.get("/pl/kongres/program/otwarcie.ics"))

    assert str(single.walk("VEVENT")[0]["UID"]) == str(program.walk("VEVENT")[0]["UID"])


def test_session_calendar_is_offered_as_download(client, edition):
    response = client.get("/pl/kongres/program/otwarcie.ics")

    assert response["Content-Disposition"] == 'attachment; filename="kongres-otwarcie.ics"'


# --- Demo edition ---------------------------------------------------------------------------


def test_demo_program_calendar_holds_every_session_of_demo(client, demo_data):
    expected = Session.objects.filter(edition=demo_data).count()

    calendar = parse(client.get("/pl/kkp-2025/program.ics"))

    events = calendar.walk("VEVENT")
    assert len(events) == expected
    assert len({str(event["UID"]) for event in events}) == expected


def test_demo_program_calendar_times_match_database(client, demo_data):
    expected = [
        session.start.astimezone(WARSAW)
        for session in Session.objects.filter(edition=demo_data).order_by(
            "start", "room__order", "id"
        )
    ]

    calendar = parse(client.get("/pl/kkp-2025/program.ics"))

    assert [event.decoded("DTSTART") for event in calendar.walk("VEVENT")] == expected
    assert {event["DTSTART"].params["TZID"] for event in calendar.walk("VEVENT")} == {
        "Europe/Warsaw"
    }


def test_demo_session_calendar_holds_one_event(client, demo_data):
    session = Session.objects.filter(edition=demo_data, kind="panel").order_by("start").first()

    calendar = parse(client.get(f"/en/kkp-2025/program/{session.slug}.ics"))

    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == session.title.localize("en")
