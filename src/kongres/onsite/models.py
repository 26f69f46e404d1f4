"""Check-in points, devices, every scan a device made, and the check-ins they decided.

A ``Scan`` is one scan on one device, stored exactly once (unique per device and the device's
own scan id, so a replayed sync batch adds nothing). A ``CheckIn`` is the first accepted scan of
a registration at a point (unique per point and registration); later scans are recorded as
repeated, never lost.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kongres.common.models import ExampleDataModel, TimestampedModel
from kongres.onsite.enums import BadgeStock, PointKind, ScanOutcome, ScanReason
from kongres.onsite.validators import validate_colours, validate_hex_colour


class CheckInPoint(ExampleDataModel, TimestampedModel):
    """A door where tickets are scanned: the hall, a study-visit bus, a session with seats."""

    edition = models.ForeignKey(
        "events.Edition",
        on_delete=models.CASCADE,
        related_name="checkin_points",
        verbose_name=_("edition"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PointKind.choices)
    name = models.CharField(_("name"), max_length=120)
    session = models.ForeignKey(
        "program.Session",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="checkin_points",
        verbose_name=_("study visit or session"),
        help_text=_("Only people signed up for it (with a seat) are let in."),
    )
    days = models.ManyToManyField(
        "program.Day",
        blank=True,
        related_name="checkin_points",
        verbose_name=_("days open"),
        help_text=_("Empty: every day of the edition."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("check-in point")
        verbose_name_plural = _("check-in points")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=PointKind.HALL, session__isnull=True)
                | (~models.Q(kind=PointKind.HALL) & models.Q(session__isnull=False)),
                name="onsite_point_session_matches_kind",
            ),
        ]

    def __str__(self):
        return self.name


class Device(TimestampedModel):
    """A phone or tablet that scans; its key is made by the device the first time it opens."""

    edition = models.ForeignKey(
        "events.Edition",
        on_delete=models.CASCADE,
        related_name="checkin_devices",
        verbose_name=_("edition"),
    )
    key = models.UUIDField(_("device key"), default=uuid.uuid4)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    label = models.CharField(_("label"), max_length=100, blank=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)
    # Device clock minus server clock at the last sync, in seconds.
    clock_offset_seconds = models.IntegerField(_("clock offset (s)"), default=0)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("check-in device")
        verbose_name_plural = _("check-in devices")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="onsite_device_key_unique"),
        ]

    def __str__(self):
        return self.label or str(self.key)


class Scan(models.Model):
    """One scan on one device, as the device recorded it, with the server's answer."""

    edition = models.ForeignKey(
        "events.Edition", on_delete=models.CASCADE, related_name="+", verbose_name=_("edition")
    )
    point = models.ForeignKey(
        CheckInPoint, on_delete=models.CASCADE, related_name="scans", verbose_name=_("point")
    )
    device = models.ForeignKey(
        Device, on_delete=models.CASCADE, related_name="scans", verbose_name=_("device")
    )
    device_scan_id = models.CharField(_("scan id on the device"), max_length=64)
    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scans",
        verbose_name=_("registration"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    by_search = models.BooleanField(_("found by name"), default=False)
    # When the device says it scanned, by its own clock; and that time moved by the offset of
    # the device's clock measured at the sync (relative times kept).
    device_scanned_at = models.DateTimeField(_("scanned (device clock)"))
    scanned_at = models.DateTimeField(_("scanned"), db_index=True)
    received_at = models.DateTimeField(_("received"))
    clock_offset_seconds = models.IntegerField(_("device clock offset (s)"), default=0)
    clock_flagged = models.BooleanField(_("device clock wrong"), default=False)
    offline = models.BooleanField(_("scanned offline"), default=False)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ScanOutcome.choices)
    reason = models.CharField(
        _("reason"), max_length=30, choices=ScanReason.choices, blank=True, default=""
    )

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["scanned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["device", "device_scan_id"], name="onsite_scan_once_per_device"
            ),
        ]
        indexes = [models.Index(fields=["point", "registration"])]

    def __str__(self):
        return f"{self.device_id}/{self.device_scan_id}: {self.outcome}"


class CheckIn(models.Model):
    """A registration let in at a point: the earliest accepted scan (by corrected time)."""

    edition = models.ForeignKey(
        "events.Edition",
        on_delete=models.CASCADE,
        related_name="checkins",
        verbose_name=_("edition"),
    )
    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="checkins",
        verbose_name=_("registration"),
    )
    point = models.ForeignKey(
        CheckInPoint, on_delete=models.CASCADE, related_name="checkins", verbose_name=_("point")
    )
    scan = models.OneToOneField(
        Scan, on_delete=models.PROTECT, related_name="checkin", verbose_name=_("first scan")
    )
    device = models.ForeignKey(
        Device, on_delete=models.CASCADE, related_name="checkins", verbose_name=_("device")
    )
    scanned_at = models.DateTimeField(_("checked in"))
    received_at = models.DateTimeField(_("received"))

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["scanned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["point", "registration"], name="onsite_one_checkin_per_point"
            ),
        ]
        indexes = [models.Index(fields=["edition", "scanned_at"])]

    def __str__(self):
        return f"{self.registration_id} @ {self.point_id}"


class StaffNote(TimestampedModel):
    """A note the check-in staff see next to a participant (e.g. "collect the VIP pass")."""

    edition = models.ForeignKey(
        "events.Edition", on_delete=models.CASCADE, related_name="+", verbose_name=_("edition")
    )
    registration = models.OneToOneField(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="staff_note",
        verbose_name=_("registration"),
    )
    text = models.CharField(_("note for check-in staff"), max_length=300)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("note for check-in staff")
        verbose_name_plural = _("notes for check-in staff")

    def __str__(self):
        return self.text


# Documents: badges, certificates of attendance (attendance lists are made from check-ins).


class BadgeLayout(TimestampedModel):
    """How an edition's badges look: the paper, one or two per A4 page, colour per category."""

    edition = models.OneToOneField(
        "events.Edition",
        on_delete=models.CASCADE,
        related_name="badge_layout",
        verbose_name=_("edition"),
    )
    stock = models.CharField(
        _("paper"), max_length=10, choices=BadgeStock.choices, default=BadgeStock.A6
    )
    two_per_sheet = models.BooleanField(
        _("two badges per A4 sheet"),
        default=False,
        help_text=_("Print two badges on one A4 page, with cut marks."),
    )
    # {category slug: "#rrggbb"}; categories not listed get the default colour.
    colours = models.JSONField(
        _("colours of categories"), default=dict, blank=True, validators=[validate_colours]
    )
    default_colour = models.CharField(
        _("default colour"), max_length=7, default="#1b2a41", validators=[validate_hex_colour]
    )

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("badge layout")
        verbose_name_plural = _("badge layouts")

    def __str__(self):
        return f"{self.edition} – {self.get_stock_display()}"

    def colour_of(self, category_slug: str) -> str:
        return self.colours.get(category_slug) or self.default_colour


class BadgePrint(models.Model):
    """That a registration's badge was printed, when, and how many times in all."""

    edition = models.ForeignKey(
        "events.Edition", on_delete=models.CASCADE, related_name="+", verbose_name=_("edition")
    )
    registration = models.OneToOneField(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="badge_print",
        verbose_name=_("registration"),
    )
    first_printed_at = models.DateTimeField(_("first printed"))
    last_printed_at = models.DateTimeField(_("last printed"))
    count = models.PositiveIntegerField(_("times printed"), default=1)
    last_printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last printed by"),
    )

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("printed badge")
        verbose_name_plural = _("printed badges")
        constraints = [
            models.CheckConstraint(condition=models.Q(count__gte=1), name="onsite_badge_count"),
        ]

    def __str__(self):
        return f"{self.registration_id} ×{self.count}"

    @property
    def reprints(self) -> int:
        return self.count - 1


class Certificate(TimestampedModel):
    """A certificate of attendance; its short code verifies it on a public page."""

    edition = models.ForeignKey(
        "events.Edition",
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("edition"),
    )
    registration = models.OneToOneField(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="certificate",
        verbose_name=_("registration"),
    )
    code = models.CharField(_("verification code"), max_length=12, unique=True)
    # Name and attendance as certified when issued (the registration may change later).
    full_name = models.CharField(_("name"), max_length=260)
    days = models.JSONField(_("days attended"), default=list)  # ["2025-10-29", ...]
    minutes = models.PositiveIntegerField(_("minutes of sessions attended"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued"))

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")
        ordering = ["id"]

    def __str__(self):
        return f"{self.code} – {self.full_name}"
