"""Study visits, and sign-ups with seats for any program session that has a capacity.

A study visit is a program session (kind "study visit") with host details; its seats are the
session's capacity. Panels with a capacity use the same sign-ups, seats and waiting list.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from i18nfield.fields import I18nCharField, I18nTextField

from kongres.common.models import ExampleDataModel, TimestampedModel
from kongres.events.models import Edition
from kongres.program.models import Session
from kongres.visits.enums import ACTIVE_STATES, SEATED_STATES, DocumentType, SignupState


class StudyVisit(ExampleDataModel, TimestampedModel):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="study_visits", verbose_name=_("edition")
    )
    session = models.OneToOneField(
        Session,
        on_delete=models.CASCADE,
        related_name="study_visit",
        verbose_name=_("program entry"),
        help_text=_("Its times, title and number of seats (capacity) are the visit's."),
    )
    host_name = models.CharField(_("host"), max_length=200)
    host_description = I18nTextField(_("about the host"), blank=True)
    meeting_point = I18nCharField(_("meeting point"))
    departure_at = models.DateTimeField(_("departure"))
    return_at = models.DateTimeField(_("return"), null=True, blank=True)
    requires_id_data = models.BooleanField(
        _("host needs ID data in advance"),
        default=False,
        help_text=_(
            "Asked only of people signed up for this visit and deleted automatically after it."
        ),
    )
    requirements = I18nTextField(_("requirements"), blank=True)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("study visit")
        verbose_name_plural = _("study visits")
        ordering = ["departure_at", "id"]

    def __str__(self):
        return f"{self.host_name}"


class Signup(TimestampedModel):
    """A registration's place in a session: a seat, an offered seat, or a waiting-list entry."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="signups", verbose_name=_("edition")
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="signups", verbose_name=_("session")
    )
    registration = models.ForeignKey(
        # A string: visits sits below registration and does not import it.
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="signups",
        verbose_name=_("registration"),
    )
    state = models.CharField(_("state"), max_length=20, choices=SignupState.choices)
    # The seat taken, 1..capacity; unique among seated sign-ups so no seat is given twice.
    seat = models.PositiveIntegerField(_("seat"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration"],
                condition=Q(state__in=ACTIVE_STATES),
                name="one_active_signup_per_session",
            ),
            models.UniqueConstraint(
                fields=["session", "seat"],
                condition=Q(state__in=SEATED_STATES),
                name="one_signup_per_seat",
            ),
            models.CheckConstraint(
                condition=Q(seat__isnull=True) | Q(state__in=SEATED_STATES),
                name="only_seated_signups_have_a_seat",
            ),
            models.CheckConstraint(
                condition=~Q(state=SignupState.OFFERED) | Q(offer_expires_at__isnull=False),
                name="offer_has_expiry",
            ),
        ]
        indexes = [models.Index(fields=["session", "state", "created_at"])]

    def __str__(self):
        return f"{self.registration} – {self.session}"


class IdData(TimestampedModel):
    """Identity document data a defence-industry host needs; deleted after the visit."""

    signup = models.OneToOneField(Signup, on_delete=models.CASCADE, related_name="id_data")
    document_type = models.CharField(
        _("document"), max_length=20, choices=DocumentType.choices, default=DocumentType.ID_CARD
    )
    document_number = models.CharField(_("document number"), max_length=30)
    date_of_birth = models.DateField(_("date of birth"))
    nationality = models.CharField(_("citizenship"), max_length=60)
    delete_after = models.DateTimeField(_("delete after"))

    objects = ScopedManager(edition="signup__edition")

    class Meta:
        verbose_name = _("ID data")
        verbose_name_plural = _("ID data")

    def __str__(self):
        return f"{self.signup.registration}"
