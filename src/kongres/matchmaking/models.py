"""B2B matchmaking: profiles, meeting requests, sessions with slots and tables, meetings,
consultation slots with officials, and the stored runs of the scheduler.

Two assignments live on a meeting. ``slot``/``table`` is what the participants see: it is set
when a participant accepts in self-scheduling mode, or when the organiser publishes a schedule;
every such placement is backed by one ``SlotBooking`` row per side (unique per profile and
slot) and by the unique (slot, table) constraint among planned meetings. ``draft_slot``/
``draft_table`` hold the scheduler's latest unpublished proposal (organiser mode).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager
from i18nfield.fields import I18nCharField

from kongres.common.models import ExampleDataModel, TimestampedModel
from kongres.events.models import Edition
from kongres.matchmaking.enums import (
    OPEN_REQUEST_STATES,
    ListingKind,
    MeetingState,
    Outcome,
    RequestMode,
    RequestState,
    SchedulerPhase,
    SchedulerRunState,
    SchedulingMode,
    SectorKind,
)
from kongres.registration.models import Registration


class MatchmakingSettings(models.Model):
    """An edition's switch and rules for matchmaking (the selector gives defaults when absent)."""

    edition = models.OneToOneField(
        Edition,
        on_delete=models.CASCADE,
        related_name="matchmaking_settings",
        verbose_name=_("edition"),
    )
    enabled = models.BooleanField(_("matchmaking is on"), default=False)
    request_mode = models.CharField(
        _("meeting requests"),
        max_length=20,
        choices=RequestMode.choices,
        default=RequestMode.ACCEPT,
    )
    scheduling_mode = models.CharField(
        _("scheduling"),
        max_length=20,
        choices=SchedulingMode.choices,
        default=SchedulingMode.SELF,
    )
    booking_opens_at = models.DateTimeField(_("requests open"), null=True, blank=True)
    booking_closes_at = models.DateTimeField(_("requests close"), null=True, blank=True)
    request_expiry_hours = models.PositiveIntegerField(
        _("unanswered requests expire after (hours)"), default=120
    )
    max_pending_requests = models.PositiveIntegerField(
        _("most requests a person may have awaiting an answer"), default=10
    )
    default_max_meetings = models.PositiveIntegerField(
        _("default maximum of meetings per person"), default=8
    )
    allow_session_limit = models.BooleanField(
        _("a request may be limited to one session"), default=False
    )
    schedule_published_at = models.DateTimeField(_("schedule published"), null=True, blank=True)
    follow_up_after_hours = models.PositiveIntegerField(
        _("follow-up question sent after the event (hours)"), default=72
    )
    follow_up_sent_at = models.DateTimeField(_("follow-up sent"), null=True, blank=True)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("matchmaking settings")
        verbose_name_plural = _("matchmaking settings")

    def __str__(self):
        return str(self.edition)


class MatchmakingSession(ExampleDataModel, models.Model):
    """A block of time for 1:1 meetings (e.g. morning and afternoon), with numbered tables."""

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="matchmaking_sessions",
        verbose_name=_("edition"),
    )
    name = I18nCharField(_("name"))
    code = models.CharField(_("code"), max_length=10, help_text=_('Short, e.g. "A".'))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per meeting"), default=20)
    tables = models.PositiveIntegerField(_("number of tables"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("matchmaking session")
        verbose_name_plural = _("matchmaking sessions")
        ordering = ["starts_at", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "code"], name="matchmaking_session_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="matchmaking_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gt=0), name="matchmaking_session_slot_minutes_positive"
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.name}"


class Slot(models.Model):
    session = models.ForeignKey(
        MatchmakingSession,
        on_delete=models.CASCADE,
        related_name="slots",
        verbose_name=_("session"),
    )
    code = models.CharField(_("code"), max_length=20)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    objects = ScopedManager(edition="session__edition")

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "starts_at"], name="slot_start_unique"),
            models.UniqueConstraint(fields=["session", "code"], name="slot_code_unique"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.code


class Sector(models.Model):
    """A global taxonomy entry: a PKD/NACE division or a national smart specialisation."""

    kind = models.CharField(_("taxonomy"), max_length=10, choices=SectorKind.choices)
    code = models.CharField(_("code"), max_length=20)
    name = I18nCharField(_("name"))

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="sector_code_unique"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class Profile(ExampleDataModel, TimestampedModel):
    """A participant's matchmaking profile; country and organisation type are the registration's."""

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="matchmaking_profiles",
        verbose_name=_("edition"),
    )
    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="matchmaking_profile",
        verbose_name=_("registration"),
    )
    is_active = models.BooleanField(_("takes part in matchmaking"), default=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    description = models.TextField(_("short description"), max_length=2000, blank=True)
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="profiles", verbose_name=_("sectors")
    )
    cooperation_types = models.JSONField(_("types of cooperation"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    max_meetings = models.PositiveSmallIntegerField(_("most meetings"), default=8)
    available_slots = models.ManyToManyField(
        Slot, blank=True, related_name="available_profiles", verbose_name=_("available in")
    )
    # Normalised, stemmed words of the profile and its listings, for search (see text.py).
    search_text = models.TextField(default="", blank=True, editable=False)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("matchmaking profile")
        verbose_name_plural = _("matchmaking profiles")
        ordering = ["organisation", "id"]
        indexes = [models.Index(fields=["edition", "is_active"])]

    def __str__(self):
        return f"{self.organisation} ({self.registration})"

    @property
    def name(self) -> str:
        return self.registration.full_name


class Listing(models.Model):
    """One offer or request of a profile: a title and a text."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="listings", verbose_name=_("profile")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ListingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=2000, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ScopedManager(edition="profile__edition")

    class Meta:
        verbose_name = _("offer or request")
        verbose_name_plural = _("offers and requests")
        ordering = ["profile", "kind", "order", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class MeetingRequest(models.Model):
    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="meeting_requests",
        verbose_name=_("edition"),
    )
    sender = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="sent_requests", verbose_name=_("from")
    )
    recipient = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="received_requests", verbose_name=_("to")
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=RequestState.choices,
        default=RequestState.PENDING,
        db_index=True,
    )
    session = models.ForeignKey(
        MatchmakingSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("only in session"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=models.F("recipient")), name="request_not_to_oneself"
            ),
            # One open (pending or accepted) request per pair, whoever sent it.
            models.UniqueConstraint(
                Least("sender", "recipient"),
                Greatest("sender", "recipient"),
                condition=Q(state__in=OPEN_REQUEST_STATES),
                name="one_open_request_per_pair",
            ),
        ]
        indexes = [models.Index(fields=["state", "expires_at"])]

    def __str__(self):
        return f"{self.sender} → {self.recipient}"


class Meeting(TimestampedModel):
    """An accepted request: a 1:1 meeting, placed in a slot at a table once scheduled."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("edition")
    )
    request = models.OneToOneField(
        MeetingRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting",
        verbose_name=_("request"),
    )
    a = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="meetings_as_a", verbose_name=_("sender")
    )
    b = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="meetings_as_b",
        verbose_name=_("recipient"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=1, help_text=_("Higher is scheduled first among equals.")
    )
    # What the participants see (self-scheduled, or published by the organiser).
    slot = models.ForeignKey(
        Slot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("time slot"),
    )
    table = models.PositiveIntegerField(_("table"), null=True, blank=True)
    is_published = models.BooleanField(_("visible to the participants"), default=False)
    # The scheduler's latest proposal, not yet published.
    draft_slot = models.ForeignKey(
        Slot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="draft_meetings",
        verbose_name=_("proposed slot"),
    )
    draft_table = models.PositiveIntegerField(_("proposed table"), null=True, blank=True)
    # Increases whenever what the participants see changes; part of e-mail dedupe keys.
    version = models.PositiveIntegerField(default=1, editable=False)
    held = models.BooleanField(_("took place"), null=True, blank=True)
    outcome_a = models.CharField(
        _("outcome for the sender"), max_length=20, choices=Outcome.choices, blank=True
    )
    outcome_b = models.CharField(
        _("outcome for the recipient"), max_length=20, choices=Outcome.choices, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__starts_at", "table", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(a=models.F("b")), name="meeting_two_people"),
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(state=MeetingState.PLANNED, slot__isnull=False),
                name="one_meeting_per_table_and_slot",
            ),
            models.UniqueConstraint(
                fields=["draft_slot", "draft_table"],
                condition=Q(state=MeetingState.PLANNED, draft_slot__isnull=False),
                name="one_draft_meeting_per_table_and_slot",
            ),
            models.CheckConstraint(
                condition=Q(slot__isnull=True, table__isnull=True)
                | Q(slot__isnull=False, table__isnull=False),
                name="meeting_slot_and_table_together",
            ),
            models.CheckConstraint(
                condition=Q(table__isnull=True) | Q(table__gte=1), name="meeting_table_positive"
            ),
        ]

    def __str__(self):
        return f"{self.a.organisation} – {self.b.organisation}"

    def partner_of(self, profile: Profile) -> Profile:
        return self.b if profile.pk == self.a_id else self.a

    def outcome_of(self, profile: Profile) -> str:
        return self.outcome_a if profile.pk == self.a_id else self.outcome_b


class SlotBooking(models.Model):
    """A profile's slot taken by a meeting or a consultation: unique per (profile, slot)."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("profile")
    )
    slot = models.ForeignKey(
        Slot, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("time slot")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("meeting"),
    )
    consultation = models.ForeignKey(
        "ConsultationSlot",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("consultation"),
    )

    objects = ScopedManager(edition="profile__edition")

    class Meta:
        verbose_name = _("booked slot")
        verbose_name_plural = _("booked slots")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "slot"], name="one_booking_per_profile_slot"
            ),
            models.CheckConstraint(
                condition=Q(meeting__isnull=False, consultation__isnull=True)
                | Q(meeting__isnull=True, consultation__isnull=False),
                name="booking_for_meeting_or_consultation",
            ),
        ]

    def __str__(self):
        return f"{self.profile} @ {self.slot}"


class ConsultationHost(ExampleDataModel, models.Model):
    """A government representative or expert offering short consultation slots."""

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="consultation_hosts",
        verbose_name=_("edition"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = I18nCharField(_("role"), help_text=_('E.g. "Ministry of Development and Technology".'))
    topic = I18nCharField(_("topic"), blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    registration = models.ForeignKey(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_hosting",
        verbose_name=_("registration of the host"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("consultation host")
        verbose_name_plural = _("consultation hosts")
        ordering = ["order", "name", "id"]

    def __str__(self):
        return self.name


class ConsultationSlot(models.Model):
    host = models.ForeignKey(
        ConsultationHost, on_delete=models.CASCADE, related_name="slots", verbose_name=_("host")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    topic = I18nCharField(_("topic"), blank=True)
    booked_by = models.ForeignKey(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("booked by"),
    )
    booked_at = models.DateTimeField(_("booked"), null=True, blank=True)

    objects = ScopedManager(edition="host__edition")

    class Meta:
        verbose_name = _("consultation slot")
        verbose_name_plural = _("consultation slots")
        ordering = ["starts_at", "host", "id"]
        constraints = [
            models.UniqueConstraint(fields=["host", "starts_at"], name="consultation_start_unique"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="consultation_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.host} {self.starts_at:%Y-%m-%d %H:%M}"


class SchedulerRun(models.Model):
    """One run of the scheduler: its result against the bound, and who got fewer meetings."""

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="scheduler_runs",
        verbose_name=_("edition"),
    )
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    keep_published = models.BooleanField(_("published meetings kept in place"), default=True)
    meetings = models.PositiveIntegerField(_("accepted meetings"), default=0)
    scheduled = models.PositiveIntegerField(_("scheduled"), default=0)
    upper_bound = models.PositiveIntegerField(_("upper bound"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)
    # [{"profile": id, "name": …, "accepted": n, "scheduled": k, "reasons": [code, …]}, …]
    shortfall = models.JSONField(_("people with fewer meetings"), default=list, blank=True)
    unscheduled = models.JSONField(_("meetings not scheduled"), default=list, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # A run asked for in the back office is queued and solved by the worker (tasks.py);
    # runs of the synchronous service (tests, scripts) are stored done.
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=SchedulerRunState.choices,
        default=SchedulerRunState.DONE,
    )
    started_at = models.DateTimeField(
        pgettext_lazy("scheduler run", "started"), null=True, blank=True
    )
    finished_at = models.DateTimeField(
        pgettext_lazy("scheduler run", "finished"), null=True, blank=True
    )
    progress = models.CharField(
        pgettext_lazy("scheduler run", "progress"),
        max_length=20,
        choices=SchedulerPhase.choices,
        blank=True,
    )
    error = models.TextField(pgettext_lazy("scheduler run", "error"), blank=True)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One queued or running run per edition (backs the lock in scheduler_run_request).
            models.UniqueConstraint(
                fields=["edition"],
                condition=Q(state__in=["queued", "running"]),
                name="matchmaking_one_active_run_per_edition",
            ),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.scheduled}/{self.upper_bound}"

    @property
    def share_of_bound(self) -> float:
        return self.scheduled / self.upper_bound if self.upper_bound else 1.0
