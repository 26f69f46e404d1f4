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
