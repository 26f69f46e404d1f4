from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RequestMode(models.TextChoices):
    ACCEPT = "accept", _("The recipient accepts or declines")
    AUTO = "auto", _("Requests are accepted automatically")


class SchedulingMode(models.TextChoices):
    SELF = "self", _("Participants pick a slot when accepting")
    ORGANISER = "organiser", _("The organiser runs the scheduler and publishes")


class RequestState(models.TextChoices):
    PENDING = "pending", _("awaiting an answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    EXPIRED = "expired", _("expired")
    CANCELLED = "cancelled", _("cancelled")


# States in which a request binds its pair: no second request between the two people.
OPEN_REQUEST_STATES = (RequestState.PENDING, RequestState.ACCEPTED)


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("planned")
    CANCELLED = "cancelled", _("cancelled")


class Outcome(models.TextChoices):
    HELD = "held", _("The meeting took place")
    NO_SHOW = "no_show", _("The other side did not come")
    COOPERATION = "cooperation", _("It led to further cooperation")
    NO_COOPERATION = "no_cooperation", _("It did not lead to cooperation")


# Outcomes that mean the meeting was held.
HELD_OUTCOMES = (Outcome.HELD, Outcome.COOPERATION, Outcome.NO_COOPERATION)


class CooperationType(models.TextChoices):
    SUPPLIER = "supplier", _("Supplier")
    CUSTOMER = "customer", _("Customer")
    RD_PARTNER = "rd_partner", _("R&D partner")
    INVESTMENT = "investment", _("Investment")
    EXPORT_PARTNER = "export_partner", _("Export partner")
    SUBCONTRACTOR = "subcontractor", _("Subcontractor")
    DISTRIBUTOR = "distributor", _("Distributor")
    OTHER = "other", _("Other")


class ListingKind(models.TextChoices):
    OFFER = "offer", _("We offer")
    REQUEST = "request", _("We are looking for")


class SectorKind(models.TextChoices):
    PKD = "pkd", _("Sector (PKD/NACE)")
    KS = "ks", _("National smart specialisation")


class MeetingLanguage(models.TextChoices):
    """Languages a participant can hold a meeting in (names in their own language)."""

    PL = "pl", "polski"
    EN = "en", "English"
    DE = "de", "Deutsch"
    UK = "uk", "українська"
    FR = "fr", "français"
    ES = "es", "español"
    IT = "it", "italiano"
    CS = "cs", "čeština"
    SK = "sk", "slovenčina"
    LT = "lt", "lietuvių"
    RU = "ru", "русский"


class ShortfallReason(models.TextChoices):
    """Why the scheduler gave a person fewer meetings than they accepted."""

    MAX_MEETINGS = "max_meetings", _("accepted more meetings than their maximum")
    AVAILABILITY = "availability", _("every time they are available is used")
    NO_COMMON_SLOT = "no_common_slot", _("no time in common with a partner")
    PARTNER_FULL = "partner_full", _("a partner has no free time or has reached their maximum")
    COMPETITION = "competition", _("the times and tables went to other meetings")


class MatchmakingMessage(models.TextChoices):
    """The B2B e-mails (kinds of ``comms.Message``, registered in ready())."""

    MM_REQUEST_RECEIVED = "mm_request_received", _("B2B: meeting request received")
    MM_REQUEST_ACCEPTED = "mm_request_accepted", _("B2B: meeting request accepted")
    MM_REQUEST_DECLINED = "mm_request_declined", _("B2B: meeting request declined")
    MM_MEETING_CHANGED = "mm_meeting_changed", _("B2B: meeting moved")
    MM_MEETING_CANCELLED = "mm_meeting_cancelled", _("B2B: meeting cancelled")
    MM_SCHEDULE_PUBLISHED = "mm_schedule_published", _("B2B: meeting schedule published")
    MM_FOLLOW_UP = "mm_follow_up", _("B2B: did the meetings lead to cooperation?")


class SchedulerRunState(models.TextChoices):
    QUEUED = "queued", _("waiting for the worker")
    RUNNING = "running", pgettext_lazy("scheduler run", "running")
    DONE = "done", pgettext_lazy("scheduler run", "done")
    FAILED = "failed", _("failed")


# A run in one of these states blocks another run of the same edition.
ACTIVE_RUN_STATES = (SchedulerRunState.QUEUED, SchedulerRunState.RUNNING)


class SchedulerPhase(models.TextChoices):
    """What a running scheduler run is doing (``SchedulerRun.progress``)."""

    INSTANCE = "instance", _("Reading the accepted meetings and the slots")
    BOUND = "bound", _("Computing the upper bound")
    CONSTRUCT = "construct", _("Placing the meetings")
    SEARCH = "search", _("Searching for more meetings")
    IMPROVE = "improve", _("Shortening the breaks")
    SAVING = "saving", _("Saving the draft")
