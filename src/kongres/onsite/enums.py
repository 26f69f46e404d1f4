from django.db import models
from django.utils.translation import gettext_lazy as _


class PointKind(models.TextChoices):
    HALL = "hall", _("hall entrance")
    VISIT = "visit", _("study visit")
    SESSION = "session", _("session with a capacity")


class ScanOutcome(models.TextChoices):
    """The colour the device shows: green, amber or red."""

    ACCEPTED = "accepted", _("checked in")  # green
    REPEATED = "repeated", _("already checked in")  # amber
    REFUSED = "refused", _("refused")  # red


class ScanReason(models.TextChoices):
    NONE = "", _("none")
    ALREADY_IN = "already_in", _("Already checked in here.")
    UNKNOWN_TICKET = "unknown_ticket", _("Unknown ticket.")
    FORGED = "forged", _("This code is not a valid ticket (altered or forged).")
    OTHER_EDITION = "other_edition", _("This ticket is for another edition.")
    CANCELLED = "cancelled", _("Registration cancelled.")
    NOT_CONFIRMED = "not_confirmed", _("Registration not confirmed.")
    WRONG_DAY = "wrong_day", _("This check-in point is not open on this day.")
    NOT_SIGNED_UP = "not_signed_up", _("Not signed up for this visit or session.")


class BadgeStock(models.TextChoices):
    A6 = "a6", _("A6 (105 × 148 mm)")
    CARD = "card", _("card (90 × 55 mm)")


class OnsiteMessage(models.TextChoices):
    """The e-mails the onsite app sends (registered with comms in ``apps.py``)."""

    CERTIFICATE = "certificate", _("Certificate of attendance")
