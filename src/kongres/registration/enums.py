from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationState(models.TextChoices):
    UNVERIFIED = "unverified", _("e-mail not confirmed")
    PENDING_APPROVAL = "pending_approval", _("awaiting approval")
    CONFIRMED = "confirmed", _("confirmed")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


# States in which a registration holds a place of its category's quota.
HOLDING_STATES = (
    RegistrationState.UNVERIFIED,
    RegistrationState.PENDING_APPROVAL,
    RegistrationState.CONFIRMED,
)


class CancelReason(models.TextChoices):
    BY_PARTICIPANT = "participant", _("cancelled by the participant")
    NOT_VERIFIED = "not_verified", _("e-mail not confirmed in time")
    REJECTED = "rejected", _("rejected by the organiser")
    BY_ORGANISER = "organiser", _("cancelled by the organiser")


class OrganisationType(models.TextChoices):
    COMPANY = "company", _("Company")
    CLUSTER = "cluster", _("Cluster organisation")
    SCIENCE = "science", _("University or research institute")
    PUBLIC_ADMINISTRATION = "public_administration", _("Public administration")
    NGO = "ngo", _("Non-governmental organisation")
    MEDIA = "media", _("Media")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("One choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    YES_NO = "yes_no", _("Yes or no")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")


class ConsentKind(models.TextChoices):
    PROCESSING = "processing", _("Processing of personal data")
    IMAGE = "image", _("Image and photos")
    NEWSLETTER = "newsletter", _("Newsletter")
    MATCHMAKING = "matchmaking", _("Matchmaking profile shown to other participants")


class Language(models.TextChoices):
    PL = "pl", "Polski"
    EN = "en", "English"


class RegistrationMessage(models.TextChoices):
    """The e-mails about a registration (kinds of ``comms.Message``, registered in ready())."""

    VERIFY_EMAIL = "verify_email", _("Confirm your e-mail address")
    REGISTRATION_CONFIRMED = "registration_confirmed", _("Registration confirmed, with ticket")
    PENDING_APPROVAL = "pending_approval", _("Registration awaits approval")
    WAITLISTED = "waitlisted", _("Registration on the waiting list")
    PROMOTED = "promoted", _("Place freed from the waiting list")
    REJECTED = "rejected", _("Registration rejected")
    CANCELLED = "cancelled", _("Registration cancelled")
    LINK = "link", _("Your personal link")
    CHANGES_SAVED = "changes_saved", _("Changes saved")
    CHANGED_BY_ORGANISER = "changed_by_organiser", _("Registration changed by the organiser")
    # To the previous address after the organiser changed it; carries no personal link.
    EMAIL_CHANGED = "email_changed", _("E-mail address of the registration changed")
