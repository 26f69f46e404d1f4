"""Demo check-in of the 2025 edition: points, devices and scans, as the doors would make them.

The hall has a point per congress day (29 and 30 October) scanned at two doors (two devices,
"Wejście A" and "Wejście B"); every study-visit bus has a point of its own on 31 October.
The scans go through ``onsite.services.scans_record`` exactly as a device's sync does, with
fixed device keys and scan ids, so loading again replays the same batches and changes nothing.
Among them: people who came in on both days, a few scanned again at the other door (amber),
a cancelled registration (red) and someone at a bus they are not signed up for (red).
Then the documents of the demo (``onsite_documents.load_documents``) are loaded on top.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled

from kongres.demo.onsite_documents import load_documents
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from kongres.onsite import services
from kongres.onsite.enums import PointKind
from kongres.onsite.models import CheckIn, CheckInPoint, Device, Scan
from kongres.program.enums import SessionKind
from kongres.program.models import LOCAL_TZ, Day, Session
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Registration
from kongres.registration.tokens import ticket_token
from kongres.visits.enums import SignupState
from kongres.visits.models import Signup

CHECKIN_USERNAME = "bramka"
_NAMESPACE = uuid.UUID("5b0c9a52-34a4-4c1e-9d55-3f1a2f0c7e11")
MONTHS_PL = {10: "października", 11: "listopada"}


def _device(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, name))


def _local(date: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(hour, minute), tzinfo=LOCAL_TZ).astimezone(dt.UTC)


def _sync(edition, device: str, scans: list[tuple[str, int, str, dt.datetime]]) -> None:
    """One device's batch, synced five minutes after its last scan."""
    if not scans:
        return
    now = max(at for _id, _point, _code, at in scans) + dt.timedelta(minutes=5)
    data = {
        "device": device,
        "now": now.isoformat(),
        "scans": [
            {"id": scan_id, "point": point, "code": code, "at": at.isoformat()}
            for scan_id, point, code, at in scans
        ],
    }
    services.scans_record(edition=edition, user=None, data=data, now=now)


def load_onsite(edition, *, upsert, writes: dict) -> None:
    with scopes_disabled():
        rows = (Device, Scan, CheckIn)
        before = sum(model.objects.filter(edition=edition).count() for model in rows)
        _load(edition, upsert=upsert, writes=writes)
        # Devices, scans and check-ins are written by the service, not by ``upsert``.
        writes["created"] += (
            sum(model.objects.filter(edition=edition).count() for model in rows) - before
        )
        load_documents(edition, upsert=upsert, writes=writes)


def _load(edition, *, upsert, writes: dict) -> None:
    congress_days = list(
        Day.objects.filter(
            edition=edition, date__gte=edition.start_date, date__lte=edition.end_date
        ).order_by("date")
    )
    hall_points = []
    for order, day in enumerate(congress_days, start=1):
        point = upsert(
            CheckInPoint,
            {
                "edition": edition,
                "name": f"Sala główna – {day.date.day} {MONTHS_PL[day.date.month]}",
            },
            {"kind": PointKind.HALL, "order": order, "is_example_data": True},
            writes,
        )
        point.days.set([day])
        hall_points.append((day, point))
    visit_points = []
    visits = Session.objects.filter(edition=edition, kind=SessionKind.STUDY_VISIT).order_by(
        "start", "id"
    )
    for order, visit in enumerate(visits, start=10):
        point = upsert(
            CheckInPoint,
            {"edition": edition, "name": f"Autokar: {visit.title.localize('pl')}"[:120]},
            {"kind": PointKind.VISIT, "session": visit, "order": order, "is_example_data": True},
            writes,
        )
        point.days.set([visit.day])
        visit_points.append((visit, point))

    confirmed = list(
        Registration.objects.filter(edition=edition, state=RegistrationState.CONFIRMED).order_by(
            "id"
        )
    )
    codes = {registration.pk: ticket_token(registration) for registration in confirmed}
    doors = [_device("door-a"), _device("door-b")]

    # The hall: most people on the first day, fewer on the second; a few scanned twice.
    for index, (day, point) in enumerate(hall_points):
        share = 0.85 if index == 0 else 0.65
        present = confirmed[: max(1, int(len(confirmed) * share))]
        batches = {door: [] for door in doors}
        for number, registration in enumerate(present):
            door = doors[number % 2]
            at = _local(day.date, 8, 15) + dt.timedelta(seconds=40 * number)
            batches[door].append(
                (f"{day.date}-{registration.pk}", point.pk, codes[registration.pk], at)
            )
        for registration in present[:3]:  # came back through the other door later (amber)
            at = _local(day.date, 13, 5)
            batches[doors[1]].append(
                (f"{day.date}-again-{registration.pk}", point.pk, codes[registration.pk], at)
            )
        if index == 0:
            cancelled = (
                Registration.objects.filter(edition=edition, state=RegistrationState.CANCELLED)
                .order_by("id")
                .first()
            )
            if cancelled is not None:  # a cancelled ticket shown at the door (red)
                at = _local(day.date, 9, 30)
                batches[doors[0]].append(
                    (f"{day.date}-cancelled-{cancelled.pk}", point.pk, ticket_token(cancelled), at)
                )
        for door, scans in batches.items():
            _sync(edition, door, scans)

    # The buses: nine in ten of those with a seat, plus one person without a seat (red).
    for visit, point in visit_points:
        seated = list(
            Signup.objects.filter(session=visit, state=SignupState.CONFIRMED)
            .select_related("registration")
            .order_by("seat", "id")
        )
        device = _device(f"bus-{visit.slug}")
        departure = visit.start - dt.timedelta(minutes=20)
        scans = [
            (
                f"bus-{signup.registration_id}",
                point.pk,
                ticket_token(signup.registration),
                departure + dt.timedelta(seconds=30 * number),
            )
            for number, signup in enumerate(seated[: int(len(seated) * 0.9)])
        ]
        seated_ids = {signup.registration_id for signup in seated}
        stranger = next((r for r in confirmed if r.pk not in seated_ids), None)
        if stranger is not None:
            scans.append((f"bus-stranger-{stranger.pk}", point.pk, codes[stranger.pk], departure))
        _sync(edition, device, scans)


def demo_checkin_user(edition) -> tuple[str, str]:
    """The demo's check-in staff account (not staff of the back office); its password is
    generated once and kept in the data folder, as the organiser's is."""
    password_file = settings.DATA_DIR / "demo-checkin-password"
    if password_file.exists():
        password = password_file.read_text().strip()
    else:
        password = secrets.token_urlsafe(12)
        password_file.write_text(password)
        password_file.chmod(0o600)
    user, _created = get_user_model().objects.get_or_create(
        username=CHECKIN_USERNAME, defaults={"email": "bramka@example.org"}
    )
    if user.is_staff or user.is_superuser or not user.check_password(password):
        user.is_staff = user.is_superuser = False
        user.set_password(password)
        user.save()
    with scopes_disabled():
        TeamMember.objects.update_or_create(
            edition=edition, user=user, defaults={"role": TeamRole.CHECKIN}
        )
    return CHECKIN_USERNAME, password
