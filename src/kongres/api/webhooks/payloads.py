"""The JSON body of each event, built from the objects as they are when it is dispatched.

Objects are loaded in bulk per kind, so a batch of events costs a few queries, not one each.
"""

from kongres.matchmaking.models import Meeting
from kongres.onsite.models import CheckIn
from kongres.registration.models import Registration


def _registration(r: Registration) -> dict:
    return {
        "id": r.pk,
        "state": r.state,
        "cancel_reason": r.cancel_reason or None,
        "category": r.category.slug,
        "first_name": r.first_name,
        "last_name": r.last_name,
        "email": r.email,
        "organisation": r.organisation,
        "language": r.language,
        "created_at": r.created_at.isoformat(),
        "confirmed_at": r.confirmed_at.isoformat() if r.confirmed_at else None,
        "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
    }


def _checkin(c: CheckIn) -> dict:
    return {
        "id": c.pk,
        "point": {"id": c.point_id, "name": c.point.name, "kind": c.point.kind},
        "scanned_at": c.scanned_at.isoformat(),
        "registration": _registration(c.registration),
    }


def _person(profile) -> dict:
    r = profile.registration
    return {
        "profile": profile.pk,
        "registration": r.pk,
        "name": f"{r.first_name} {r.last_name}",
        "organisation": r.organisation,
    }


def _meeting(m: Meeting) -> dict:
    slot = m.slot
    return {
        "id": m.pk,
        "state": m.state,
        "starts_at": slot.starts_at.isoformat() if slot else None,
        "ends_at": slot.ends_at.isoformat() if slot else None,
        "slot": slot.code if slot else None,
        "table": m.table,
        "participants": [_person(m.a), _person(m.b)],
    }


def objects_load(wanted: dict[str, set[int]]) -> dict[tuple[str, int], dict]:
    """{(kind, id): its JSON} for the wanted ids of each kind; deleted objects are missing."""
    out: dict[tuple[str, int], dict] = {}
    if ids := wanted.get("registration"):
        for r in Registration.objects.filter(pk__in=ids).select_related("category"):
            out["registration", r.pk] = _registration(r)
    if ids := wanted.get("checkin"):
        for c in CheckIn.objects.filter(pk__in=ids).select_related(
            "point", "registration__category"
        ):
            out["checkin", c.pk] = _checkin(c)
    if ids := wanted.get("meeting"):
        for m in Meeting.objects.filter(pk__in=ids).select_related(
            "slot", "a__registration", "b__registration"
        ):
            out["meeting", m.pk] = _meeting(m)
    return out
