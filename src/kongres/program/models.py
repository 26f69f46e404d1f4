"""The program of an edition: days, rooms, themes, sessions and the people on stage."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from i18nfield.fields import I18nCharField, I18nTextField

from kongres.common.models import ExampleDataModel, TimestampedModel
from kongres.events.models import Edition
from kongres.program.enums import SessionKind, SpeakerRole

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)


class Day(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="days", verbose_name=_("edition")
    )
    date = models.DateField(_("date"))
    name = I18nCharField(_("name"), blank=True, help_text=_("E.g. “Study visits”. Optional."))

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("day")
        verbose_name_plural = _("days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "date"], name="day_date_unique"),
        ]

    def __str__(self):
        return self.date.isoformat()


class Room(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("edition")
    )
    name = I18nCharField(_("name"))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["order", "id"]

    def __str__(self):
        return str(self.name)


class Theme(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="themes", verbose_name=_("edition")
    )
    name = I18nCharField(_("name"))
    slug = models.SlugField(_("short address"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="theme_slug_unique"),
        ]

    def __str__(self):
        return str(self.name)


class Speaker(ExampleDataModel, TimestampedModel):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("edition")
    )
    name = models.CharField(_("full name"), max_length=200)
    slug = models.SlugField(_("short address"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    position = I18nCharField(_("position"), blank=True)
    bio = I18nTextField(_("biography"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="speakers/", blank=True)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="speaker_slug_unique"),
        ]

    def __str__(self):
        return self.name


class Session(ExampleDataModel, TimestampedModel):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("edition")
    )
    day = models.ForeignKey(
        Day, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("day")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    title = I18nCharField(_("title"))
    slug = models.SlugField(_("short address"), max_length=80)
    abstract = I18nTextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("room"),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("theme"),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    speakers = models.ManyToManyField(
        Speaker, through="SessionSpeaker", related_name="sessions", verbose_name=_("speakers")
    )

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "room__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="session_slug_unique"),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="session_ends_after_start"
            ),
        ]

    def __str__(self):
        return str(self.title)

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("A session must end after it starts.")
        if self.start and self.day_id and self.start.astimezone(LOCAL_TZ).date() != self.day.date:
            errors["start"] = _("The start must fall on the chosen day.")
        for field in ("day", "room", "theme"):
            related = getattr(self, field, None) if getattr(self, f"{field}_id") else None
            if related is not None and self.edition_id and related.edition_id != self.edition_id:
                errors[field] = _("This belongs to another edition.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_break(self) -> bool:
        return self.kind == SessionKind.BREAK


class SessionSpeaker(models.Model):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("session")
    )
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("speaker")
    )
    role = models.CharField(_("role"), max_length=20, choices=SpeakerRole.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ScopedManager(edition="session__edition")

    class Meta:
        verbose_name = _("speaker in session")
        verbose_name_plural = _("speakers in session")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "speaker"], name="session_speaker_unique"),
        ]

    def __str__(self):
        return f"{self.speaker} ({self.get_role_display()})"

    def clean(self):
        if (
            self.session_id
            and self.speaker_id
            and self.session.edition_id != self.speaker.edition_id
        ):
            raise ValidationError(_("The speaker belongs to another edition."))
