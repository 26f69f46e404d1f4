from django.db import models
from django.utils.translation import gettext_lazy as _


class SignupState(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    OFFERED = "offered", _("seat offered, awaiting confirmation")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


# States in which a sign-up occupies one of the session's seats.
SEATED_STATES = (SignupState.CONFIRMED, SignupState.OFFERED)
ACTIVE_STATES = (SignupState.CONFIRMED, SignupState.OFFERED, SignupState.WAITLISTED)


class DocumentType(models.TextChoices):
    ID_CARD = "id_card", _("ID card")
    PASSPORT = "passport", _("Passport")


class SeatMessage(models.TextChoices):
    """The e-mails about a seat (kinds of ``comms.Message``; registration registers them, as
    the mail speaks to a registration and ends with its personal link)."""

    SEAT_OFFERED = "seat_offered", _("A seat freed up for you")
    SEAT_OFFER_EXPIRED = "seat_offer_expired", _("The seat offer expired")
