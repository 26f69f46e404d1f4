"""Plain builders for check-in tests (used by the onsite, concurrency, e2e tests and the bench)."""

import datetime as dt

from django.contrib.auth import get_user_model

from kongres.common.i18n import i18n
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from kongres.onsite.enums import PointKind
from kongres.onsite.models import CheckInPoint
from kongres.program.enums import SessionKind
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Category, Registration
from kongres.registration.services import email_key
from kongres.visits.enums import SignupState
from kongres.visits.models import Signup
from tests.factories import DayFactory, SessionFactory, at

PASSWORD = "bramka-2025!"


def checkin_user(edition, username="bramka", role=TeamRole.CHECKIN):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    TeamMember.objects.create(edition=edition, user=user, role=role)
    return user


def people(edition, count, *, state=RegistrationState.CONFIRMED, prefix="p"):
    category, _created = Category.objects.get_or_create(
        edition=edition, slug="uczestnik", defaults={"name": i18n("Uczestnik", "Participant")}
    )
    return Registration.objects.bulk_create(
        Registration(
            edition=edition,
            category=category,
            state=state,
            first_name="Łucja",
            last_name=f"Żak {prefix}{number:04d}",
            organisation="Klaster Lubuski",
            email=f"{prefix}{number}@example.org",
            email_key=email_key(f"{prefix}{number}@example.org"),
        )
        for number in range(count)
    )


def hall(edition, name="Sala główna – wejście A"):
    return CheckInPoint.objects.create(edition=edition, kind=PointKind.HALL, name=name)


def visit_point(edition, seated=()):
    """A study-visit bus with a visit session; ``seated`` registrations hold a seat."""
    day = DayFactory(edition=edition, date=edition.end_date)
    session = SessionFactory(
        edition=edition,
        day=day,
        kind=SessionKind.STUDY_VISIT,
        start=at(day.date, 9),
        end=at(day.date, 13),
        capacity=40,
    )
    for seat, registration in enumerate(seated, start=1):
        Signup.objects.create(
            edition=edition,
            session=session,
            registration=registration,
            state=SignupState.CONFIRMED,
            seat=seat,
        )
    return CheckInPoint.objects.create(
        edition=edition, kind=PointKind.VISIT, name="Autokar 1", session=session
    )


def batch(device, scans, *, now=None):
    """A sync batch as the page sends it: ``scans`` are (id, point, code, at) tuples."""
    now = now or dt.datetime.now(dt.UTC)
    return {
        "device": str(device),
        "now": now.isoformat(),
        "scans": [
            {"id": scan_id, "point": point, "code": code, "at": when.isoformat()}
            for scan_id, point, code, when in scans
        ],
    }
