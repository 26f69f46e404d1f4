"""Organisations, congress series, their yearly editions, venues and partners."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from i18nfield.fields import I18nCharField, I18nTextField

from kongres.common.models import ExampleDataModel, TimestampedModel
from kongres.events.enums import (
    ROLE_PERMISSIONS,
    EditionStatus,
    PartnerRole,
    TeamRole,
    Voivodeship,
)


class Organisation(TimestampedModel):
    """Who runs congresses, e.g. Związek Pracodawców Klastry Polskie."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("short address"), unique=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    address = models.TextField(_("postal address"), blank=True)
    privacy_policy = I18nTextField(
        _("privacy policy"),
        blank=True,
        help_text=_("Shown on the public privacy page of every edition. Markdown is not used."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Series(TimestampedModel):
    """A congress that returns every year, e.g. Kongres Klastrów Polskich."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="series", verbose_name=_("organiser")
    )
    name = I18nCharField(_("name"))
    slug = models.SlugField(_("short address"), unique=True)
    description = I18nTextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("congress series")
        verbose_name_plural = _("congress series")
        ordering = ["slug"]

    def __str__(self):
        return str(self.name)


class Venue(TimestampedModel):
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.CharField(_("town"), max_length=100)
    voivodeship = models.CharField(
        _("voivodeship"), max_length=30, choices=Voivodeship.choices, blank=True
    )
    country = models.CharField(_("country code"), max_length=2, default="PL")
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    description = I18nTextField(_("description"), blank=True)
    travel = I18nTextField(
        _("how to get there"), blank=True, help_text=_("Public transport, parking, airports.")
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.city}"

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def openstreetmap_url(self) -> str:
        if not self.has_coordinates:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=16/{self.latitude}/{self.longitude}"
        )


# Edition pages live at /<language>/<slug>/; these words name other pages there.
RESERVED_EDITION_SLUGS = {"archive", "admin", "static", "media"}


class EditionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=[EditionStatus.PUBLISHED, EditionStatus.ARCHIVED])


class Edition(TimestampedModel):
    """One yearly congress: its own dates, host region, venue, motto and partners."""

    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, related_name="editions", verbose_name=_("series")
    )
    number = models.PositiveSmallIntegerField(_("edition number"))
    slug = models.SlugField(
        _("short address"), unique=True, help_text=_("Part of every public address.")
    )
    name = I18nCharField(_("name"))
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    host_voivodeship = models.CharField(
        _("host voivodeship"), max_length=30, choices=Voivodeship.choices
    )
    host_city = models.CharField(_("host town"), max_length=100)
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="editions",
        verbose_name=_("venue"),
    )
    motto = I18nCharField(_("motto"), blank=True)
    description = I18nTextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    locales = models.JSONField(
        _("languages"), default=list, help_text=_("Language codes of the public site, e.g. pl, en.")
    )
    website = models.URLField(_("official website"), blank=True)
    personal_data_retention_months = models.PositiveSmallIntegerField(
        _("keep personal data for (months after the last day)"),
        null=True,
        blank=True,
        help_text=_(
            "After this many months the registrations of the edition are anonymised by the "
            "housekeeping job. Leave empty to keep them until erased by hand."
        ),
    )
    # Bumped on every change of the edition or anything it owns; public page caches key on it.
    content_version = models.PositiveIntegerField(default=1, editable=False)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="edition_number_unique"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="edition_ends_after_start",
            ),
        ]

    def __str__(self):
        return str(self.name)

    def save(self, *args, **kwargs):
        # content_version only moves through F() updates (events.signals); saving a stale
        # instance must not write an old number back and resurrect stale cached pages.
        if (
            self.pk is not None
            and kwargs.get("update_fields") is None
            and not kwargs.get("force_insert")
        ):
            kwargs["update_fields"] = [
                f.attname
                for f in self._meta.concrete_fields
                if not f.primary_key and f.attname != "content_version"
            ]
        super().save(*args, **kwargs)

    def clean(self):
        if self.slug in RESERVED_EDITION_SLUGS:
            raise ValidationError({"slug": _("This address is reserved; choose another.")})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})
        unknown = set(self.locales or []) - {"pl", "en"}
        if unknown:
            raise ValidationError(
                {"locales": _("Only Polish (pl) and English (en) are available.")}
            )

    @property
    def is_public(self) -> bool:
        return self.status in {EditionStatus.PUBLISHED, EditionStatus.ARCHIVED}


class PartnerTier(models.Model):
    """A sponsorship level of one edition (e.g. Gold); lower rank is shown first."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="partner_tiers", verbose_name=_("edition")
    )
    name = I18nCharField(_("name"))
    rank = models.PositiveSmallIntegerField(_("rank"), default=10)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("partner tier")
        verbose_name_plural = _("partner tiers")
        ordering = ["rank"]

    def __str__(self):
        return str(self.name)


class Partner(ExampleDataModel, TimestampedModel):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="partners", verbose_name=_("edition")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=30, choices=PartnerRole.choices)
    tier = models.ForeignKey(
        PartnerTier,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partners",
        verbose_name=_("tier"),
    )
    description = I18nTextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="partners/", blank=True)
    url = models.URLField(_("website"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.tier_id and self.edition_id and self.tier.edition_id != self.edition_id:
            raise ValidationError({"tier": _("This tier belongs to another edition.")})


class TeamMember(TimestampedModel):
    """A user's role in one edition's team; the role maps to permission keys."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="team", verbose_name=_("edition")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=30, choices=TeamRole.choices)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["edition", "user"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "user"], name="one_role_per_edition"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"

    @property
    def permissions(self) -> frozenset[str]:
        return ROLE_PERMISSIONS.get(self.role, frozenset())
