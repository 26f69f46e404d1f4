from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageState(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    RETRYING = "retrying", _("waiting to retry")
    FAILED = "failed", _("failed")


class MessageKind(models.TextChoices):
    VERIFY_EMAIL = "verify_email", _("Confirm your e-mail address")
    REGISTRATION_CONFIRMED = "registration_confirmed", _("Registration confirmed, with ticket")
    PENDING_APPROVAL = "pending_approval", _("Registration awaits approval")
    WAITLISTED = "waitlisted", _("Registration on the waiting list")
    PROMOTED = "promoted", _("Place freed from the waiting list")
    REJECTED = "rejected", _("Registration rejected")
    CANCELLED = "cancelled", _("Registration cancelled")
    LINK = "link", _("Your personal link")
    SEAT_OFFERED = "seat_offered", _("A seat freed up for you")
    SEAT_OFFER_EXPIRED = "seat_offer_expired", _("The seat offer expired")
    CHANGES_SAVED = "changes_saved", _("Changes saved")
    MM_REQUEST_RECEIVED = "mm_request_received", _("B2B: meeting request received")
    MM_REQUEST_ACCEPTED = "mm_request_accepted", _("B2B: meeting request accepted")
    MM_REQUEST_DECLINED = "mm_request_declined", _("B2B: meeting request declined")
    MM_MEETING_CHANGED = "mm_meeting_changed", _("B2B: meeting moved")
    MM_MEETING_CANCELLED = "mm_meeting_cancelled", _("B2B: meeting cancelled")
    MM_SCHEDULE_PUBLISHED = "mm_schedule_published", _("B2B: meeting schedule published")
    MM_FOLLOW_UP = "mm_follow_up", _("B2B: did the meetings lead to cooperation?")


# Kinds written about B2B matchmaking; their extra context comes from kongres.matchmaking.mails.
MATCHMAKING_KINDS = tuple(kind for kind in MessageKind if kind.startswith("mm_"))
