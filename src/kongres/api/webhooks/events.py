"""The events a webhook can carry, and which activity-log entries stand for them.

The activity log (``kongres.common.models.ActivityLog``) is the outbox: every change that a
webhook reports writes its log entry in the transaction of the change, so an event exists
exactly when the change was committed. This module reads entries; it writes nothing.
"""

from django.db.models import Q, TextChoices
from django.utils.translation import gettext_lazy as _


class WebhookEvent(TextChoices):
    REGISTRATION_CREATED = "registration.created", _("registration created")
    REGISTRATION_CONFIRMED = "registration.confirmed", _("registration confirmed")
    REGISTRATION_CANCELLED = "registration.cancelled", _("registration cancelled")
    CHECKIN_CREATED = "checkin.created", _("participant checked in")
    MEETING_SCHEDULED = "meeting.scheduled", _("B2B meeting scheduled")


CONFIRMED = "confirmed"  # RegistrationState.CONFIRMED (registration is read by payloads only)

# The log entries that may stand for an event: the dispatcher's filter.
ACTIVITY_FILTER = (
    Q(action__startswith="registration.created.")
    | Q(action__startswith="registration.cancelled.")
    | Q(
        action__in=[
            "registration.verified.confirmed",
            "registration.approved",
            "registration.promoted",
            "onsite.scans_recorded",
            "matchmaking.request.accepted",
            "matchmaking.meeting.moved",
            "matchmaking.schedule.published",
        ]
    )
)


def events_of_entry(action: str, object_id: str, data: dict) -> list[tuple[str, str, int]]:
    """The events one log entry stands for: [(event, object kind, object id)], in order.

    The index of an event in this list is part of its id, so the list of one entry never
    changes order.
    """
    data = data or {}
    if action.startswith("registration.created."):
        events = [(WebhookEvent.REGISTRATION_CREATED, "registration", int(object_id))]
        if action.removeprefix("registration.created.") == CONFIRMED:
            events.append((WebhookEvent.REGISTRATION_CONFIRMED, "registration", int(object_id)))
        return events
    if action.startswith("registration.cancelled."):
        return [(WebhookEvent.REGISTRATION_CANCELLED, "registration", int(object_id))]
    if action in ("registration.verified.confirmed", "registration.approved") or (
        action == "registration.promoted" and data.get("state") == CONFIRMED
    ):
        return [(WebhookEvent.REGISTRATION_CONFIRMED, "registration", int(object_id))]
    if action == "onsite.scans_recorded":
        return [
            (WebhookEvent.CHECKIN_CREATED, "checkin", int(checkin_id))
            for checkin_id in data.get("checkins", [])
        ]
    if action in ("matchmaking.request.accepted", "matchmaking.meeting.moved"):
        if data.get("slot"):
            return [(WebhookEvent.MEETING_SCHEDULED, "meeting", int(object_id))]
        return []
    if action == "matchmaking.schedule.published":
        return [
            (WebhookEvent.MEETING_SCHEDULED, "meeting", int(meeting_id))
            for meeting_id in data.get("scheduled", [])
        ]
    return []
