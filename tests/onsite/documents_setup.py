"""Builders for the documents tests: people, check-ins made directly, organiser users."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model

from kongres.common.i18n import i18n
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from kongres.onsite.enums import PointKind, ScanOutcome
from kongres.onsite.models import CheckIn, CheckInPoint, Device, Scan
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Category, Registration
from kongres.registration.services import email_key

PASSWORD = "organizator-2025!"
_numbers = itertools.count(1)


def user_with_role(edition, role, username=None):
    username = username or f"{role}-{next(_numbers)}"
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    TeamMember.objects.create(edition=edition, user=user, role=role)
    return user


def organiser(edition, username=None):
    return user_with_role(edition, TeamRole.ORGANISER, username)


def category(edition, slug="uczestnik", pl="Uczestnik", en="Participant", order=0):
    found, _created = Category.objects.get_or_create(
        edition=edition, slug=slug, defaults={"name": i18n(pl, en), "order": order}
    )
    return found


def person(
    edition,
    first_name,
    last_name,
    *,
    organisation="Lubuski Klaster Metalowy",
    in_category=None,
    state=RegistrationState.CONFIRMED,
    language="pl",
):
    number = next(_numbers)
    address = f"osoba{number}@example.org"
    return Registration.objects.create(
        edition=edition,
        category=in_category or category(edition),
        state=state,
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        email=address,
        email_key=email_key(address),
        language=language,
    )


def hall(edition, name="Sala główna"):
    return CheckInPoint.objects.create(edition=edition, kind=PointKind.HALL, name=name)


def check_in(registration, point, when: dt.datetime) -> CheckIn:
    device, _created = Device.objects.get_or_create(
        edition_id=registration.edition_id, label="Bramka testowa"
    )
    scan = Scan.objects.create(
        edition_id=registration.edition_id,
        point=point,
        device=device,
        device_scan_id=f"s{next(_numbers)}",
        registration=registration,
        device_scanned_at=when,
        scanned_at=when,
        received_at=when,
        outcome=ScanOutcome.ACCEPTED,
    )
    return CheckIn.objects.create(
        edition_id=registration.edition_id,
        registration=registration,
        point=point,
        scan=scan,
        device=device,
        scanned_at=when,
        received_at=when,
    )
