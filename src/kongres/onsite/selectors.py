"""Reads of the on-site app, named <entity>_<action> with keyword-only arguments."""

import json

from django.core import signing
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from kongres.onsite.codes import person_ref, ticket_digest
from kongres.onsite.enums import ScanOutcome
from kongres.onsite.models import CheckIn, CheckInPoint, Scan, StaffNote
from kongres.registration import tokens
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Registration
from kongres.visits.enums import SignupState
from kongres.visits.models import Signup

_LIST_SALT = "kongres.onsite.checkin-list"
LIST_VERSION = 1


def checkin_points_list(*, edition) -> list[CheckInPoint]:
    """The edition's active points with their session and days (inside the edition's scope)."""
    return list(
        CheckInPoint.objects.filter(edition=edition, is_active=True)
        .select_related("session")
        .prefetch_related("days")
        .annotate(checked_in=Count("checkins"))
    )


def _point_json(point: CheckInPoint) -> dict:
    return {
        "id": point.pk,
        "kind": point.kind,
        "name": point.name,
        "session": point.session_id,
        "days": [day.date.isoformat() for day in point.days.all()],
    }


def checkin_list_build(*, edition) -> dict:
    """What a device downloads: the points and, per person, only what the door needs.

    A person is found by the digest of their ticket's payload (``services.ticket_digest``),
    never by the token itself, and carries a signed reference for a check-in found by name.
    Fields: name, organisation, category, state, the note for staff, the sessions with a seat.
    The whole list is signed with the server's key (``signature``) so that it can be
    recognised as the server's when compared (``checkin_list_verify``).
    """
    points = [_point_json(point) for point in checkin_points_list(edition=edition)]
    session_ids = [point["session"] for point in points if point["session"]]
    registrations = (
        Registration.objects.filter(edition=edition)
        .exclude(state=RegistrationState.WAITLISTED)
        .select_related("category")
        .prefetch_related(
            Prefetch(
                "signups",
                queryset=Signup.objects.filter(
                    session_id__in=session_ids, state=SignupState.CONFIRMED
                ).only("id", "registration_id", "session_id"),
                to_attr="seated",
            ),
            Prefetch(
                "checkins",
                queryset=CheckIn.objects.only("id", "registration_id", "point_id"),
                to_attr="points_in",
            ),
        )
        .order_by("last_name", "first_name", "id")
    )
    notes = dict(StaffNote.objects.filter(edition=edition).values_list("registration_id", "text"))
    people = []
    for registration in registrations:
        token = tokens.ticket_token(registration)
        people.append(
            {
                "d": ticket_digest(token),
                "ref": person_ref(edition_id=edition.pk, registration_id=registration.pk),
                "first": registration.first_name,
                "last": registration.last_name,
                "org": registration.organisation,
                "cat": str(registration.category.name),
                "state": registration.state,
                "note": notes.get(registration.pk, ""),
                "sessions": [signup.session_id for signup in registration.seated],
                "in": [checkin.point_id for checkin in registration.points_in],
            }
        )
    body = {
        "version": LIST_VERSION,
        "edition": edition.slug,
        "generated_at": timezone.now().isoformat(),
        "points": points,
        "people": people,
    }
    body["signature"] = _signature(body)
    return body


def _signature(body: dict) -> str:
    canonical = json.dumps(
        {key: value for key, value in body.items() if key != "signature"},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return signing.Signer(salt=_LIST_SALT, algorithm="sha256").signature(canonical)


def checkin_list_verify(*, body: dict) -> bool:
    """Whether a list (as sent back by a device, say) is exactly what the server signed."""
    signature = body.get("signature")
    if not isinstance(signature, str):
        return False
    return signing.constant_time_compare(signature, _signature(body))


def checkin_stats_get(*, edition) -> dict:
    """Per point: check-ins, and scans by outcome (for the check-in page's header)."""
    scans = Scan.objects.filter(edition=edition).aggregate(
        total=Count("id"),
        repeated=Count("id", filter=Q(outcome=ScanOutcome.REPEATED)),
        refused=Count("id", filter=Q(outcome=ScanOutcome.REFUSED)),
    )
    return {
        "checkins": CheckIn.objects.filter(edition=edition).count(),
        **scans,
    }
