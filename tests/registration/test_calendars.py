"""Calendar files: the congress days (ticket e-mail) and the personal agenda feed."""

import datetime as dt

import pytest
from django.utils import translation
from icalendar import Calendar

from kongres.common.i18n import i18n
from kongres.program.enums import SessionKind
from kongres.program.models import LOCAL_TZ
from kongres.registration.calendars import congress_days_ics, personal_agenda_ics
from kongres.visits.enums import SignupState
from tests.comms.factories import SignupFactory, StudyVisitFactory
from tests.factories import DayFactory, EditionFactory, SessionFactory, at
from tests.registration.factories import RegistrationFactory

pytestmark = pytest.mark.integration

D1, D2, D3 = dt.date(2025, 10, 29), dt.date(2025, 10, 30), dt.date(2025, 10, 31)


def _events(ics: bytes) -> list:
    return Calendar.from_ical(ics).walk("VEVENT")


def test_congress_days_ics_has_one_event_per_demo_day(demo_data):
    events = _events(congress_days_ics(demo_data))

    assert [event.decoded("dtstart").date() for event in events] == [D1, D2, D3]


def test_congress_days_ics_spans_sessions_of_each_day(db):
    edition = EditionFactory(slug="dni")
    day1 = DayFactory(edition=edition, date=D1)
    DayFactory(edition=edition, date=D2)  # no sessions yet
    day3 = DayFactory(edition=edition, date=D3, name=i18n("Wizyty studyjne", "Study visits"))
    SessionFactory(edition=edition, day=day1, start=at(D1, 9), end=at(D1, 10))
    SessionFactory(edition=edition, day=day1, start=at(D1, 15), end=at(D1, 17, 30))
    SessionFactory(
        edition=edition, day=day3, kind=SessionKind.STUDY_VISIT, start=at(D3, 8), end=at(D3, 13)
    )

    with translation.override("pl"):
        calendar = Calendar.from_ical(congress_days_ics(edition))

    first, second, third = calendar.walk("VEVENT")
    assert (first.decoded("dtstart"), first.decoded("dtend")) == (at(D1, 9), at(D1, 17, 30))
    assert first["dtstart"].params["TZID"] == "Europe/Warsaw"
    assert (second.decoded("dtstart"), second.decoded("dtend")) == (D2, D3)  # all day
    assert (third.decoded("dtstart"), third.decoded("dtend")) == (at(D3, 8), at(D3, 13))
    assert "Centrum Konferencyjne" in str(first["location"])
    assert "location" not in third  # visits leave from their own meeting points
    assert str(third["summary"]).endswith("Wizyty studyjne")
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Warsaw"


def test_personal_agenda_ics_lists_seated_and_unlimited_sessions(db):
    visit = StudyVisitFactory(session__capacity=10)
    edition = visit.edition
    registration = RegistrationFactory(edition=edition, language="en", verified=True)
    day = visit.session.day
    unlimited = SessionFactory(edition=edition, day=day, start=at(D1, 14), end=at(D1, 15))
    offered = SessionFactory(edition=edition, day=day, capacity=3, start=at(D1, 16), end=at(D1, 17))
    waiting = SessionFactory(edition=edition, day=day, capacity=1, start=at(D1, 18), end=at(D1, 19))
    SignupFactory(registration=registration, session=visit.session, seat=1)
    SignupFactory(registration=registration, session=unlimited)
    SignupFactory(
        registration=registration,
        session=offered,
        state=SignupState.OFFERED,
        seat=2,
        offer_expires_at=at(D1, 12),
    )
    SignupFactory(registration=registration, session=waiting, state=SignupState.WAITLISTED)

    calendar = Calendar.from_ical(personal_agenda_ics(registration))

    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    slug = edition.slug
    assert sorted(events) == sorted(
        f"session-{session.pk}@{slug}.kongres" for session in (visit.session, unlimited, offered)
    )
    visit_event = events[f"session-{visit.session.pk}@{slug}.kongres"]
    assert visit_event.decoded("dtstart") == visit.session.start.astimezone(LOCAL_TZ)
    assert visit_event["dtstart"].params["TZID"] == "Europe/Warsaw"
    assert str(visit_event["location"]) == "Car park at the main entrance"
    assert str(events[f"session-{offered.pk}@{slug}.kongres"]["status"]) == "TENTATIVE"
    assert str(events[f"session-{unlimited.pk}@{slug}.kongres"]["status"]) == "CONFIRMED"
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Warsaw"


def test_personal_agenda_ics_uids_stay_the_same(db):
    signup = SignupFactory()

    first = [str(e["uid"]) for e in _events(personal_agenda_ics(signup.registration))]
    second = [str(e["uid"]) for e in _events(personal_agenda_ics(signup.registration))]

    assert first == second == [f"session-{signup.session_id}@{signup.edition.slug}.kongres"]
