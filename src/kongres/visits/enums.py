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
