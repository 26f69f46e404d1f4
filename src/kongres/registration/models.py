"""Registration of participants: categories with quotas, questions, consents, registrations."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from i18nfield.fields import I18nCharField, I18nTextField

from kongres.common.models import TimestampedModel
from kongres.events.enums import Voivodeship
from kongres.events.models import Edition
from kongres.registration.enums import (
    HOLDING_STATES,
    CancelReason,
    ConsentKind,
    Language,
    OrganisationType,
    QuestionKind,
    RegistrationState,
)


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class Category(models.Model):
    """A kind of participant (participant, speaker, partner, media, VIP, staff): data, not code."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="categories", verbose_name=_("edition")
    )
    slug = models.SlugField(_("short address"))
    name = I18nCharField(_("name"))
    description = I18nTextField(_("description"), blank=True)
    quota = models.PositiveIntegerField(
        _("quota"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    requires_approval = models.BooleanField(_("needs the organiser's approval"), default=False)
    requires_invitation = models.BooleanField(
        _("only with an invitation code"),
        default=False,
        help_text=_("Hidden from the public form; open only with a valid code."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("registration category")
        verbose_name_plural = _("registration categories")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="category_slug_unique"),
        ]

    def __str__(self):
        return str(self.name)


class InvitationCode(TimestampedModel):
    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="invitation_codes",
        verbose_name=_("edition"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="codes", verbose_name=_("category")
    )
    code = models.CharField(_("code"), max_length=40)
    max_uses = models.PositiveIntegerField(_("how many times it can be used"), default=1)
    uses = models.PositiveIntegerField(_("used"), default=0)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("invitation code")
        verbose_name_plural = _("invitation codes")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="invitation_code_unique"),
            models.CheckConstraint(
                condition=Q(uses__lte=models.F("max_uses")), name="invitation_code_not_overused"
            ),
        ]

    def __str__(self):
        return self.code


class Question(models.Model):
    """A custom question of an edition's registration form."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="questions", verbose_name=_("edition")
    )
    label = I18nCharField(_("question"))
    help_text = I18nCharField(_("hint"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    required = models.BooleanField(_("required"), default=False)
    options = models.JSONField(
        _("options"),
        default=list,
        blank=True,
        help_text=_(
            'For choices: a list of {"value": "a", "label": {"pl": "…", "en": "…"}} objects.'
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("shown on the form"), default=True)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "id"]

    def __str__(self):
        return str(self.label)


class ConsentText(models.Model):
    """One version of a consent's wording; a registration records which version it accepted."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="consent_texts", verbose_name=_("edition")
    )
    kind = models.CharField(_("consent"), max_length=20, choices=ConsentKind.choices)
    version = models.PositiveIntegerField(_("version"))
    text = I18nTextField(_("text"))
    required = models.BooleanField(_("required to register"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "kind", "version"], name="consent_version_unique"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"


class RegistrationGroup(TimestampedModel):
    """Several registrations made at once by a coordinator (e.g. a cluster manager)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="groups", verbose_name=_("edition")
    )
    coordinator_name = models.CharField(_("coordinator"), max_length=200)
    coordinator_email = models.EmailField(_("coordinator's e-mail"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("group registration")
        verbose_name_plural = _("group registrations")

    def __str__(self):
        return f"{self.organisation} ({self.coordinator_name})"


class Registration(TimestampedModel):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("edition")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("category")
    )
    group = models.ForeignKey(
        RegistrationGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("group"),
    )
    invitation_code = models.ForeignKey(
        InvitationCode,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("invitation code"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=RegistrationState.choices, db_index=True
    )
    cancel_reason = models.CharField(
        _("reason of cancellation"), max_length=20, choices=CancelReason.choices, blank=True
    )
    # The place this registration holds in its category's quota; unique among holders.
    place = models.PositiveIntegerField(_("place in the quota"), null=True, blank=True)

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254)
    email_key = models.CharField(max_length=254, editable=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    organisation_type = models.CharField(
        _("type of organisation"), max_length=30, choices=OrganisationType.choices, blank=True
    )
    cluster_member = models.BooleanField(_("member of a cluster"), default=False)
    cluster_name = models.CharField(_("name of the cluster"), max_length=200, blank=True)
    voivodeship = models.CharField(
        _("voivodeship"), max_length=30, choices=Voivodeship.choices, blank=True
    )
    country = models.CharField(_("country"), max_length=2, default="PL")
    nip = models.CharField(_("NIP (tax number)"), max_length=10, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    language = models.CharField(
        _("language of communication"), max_length=2, choices=Language.choices, default="pl"
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)

    email_verified_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    hold_expires_at = models.DateTimeField(_("place held until"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Set when the person's data was erased (by the organiser or the retention job).
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    # Rotating a secret revokes every link and feed made from it.
    link_secret = models.CharField(max_length=40, default=new_secret, editable=False)
    feed_secret = models.CharField(max_length=40, default=new_secret, editable=False)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "email_key"],
                condition=~Q(state=RegistrationState.CANCELLED),
                name="one_active_registration_per_email",
            ),
            models.UniqueConstraint(
                fields=["category", "place"],
                condition=Q(state__in=HOLDING_STATES),
                name="one_registration_per_quota_place",
            ),
            models.CheckConstraint(
                condition=Q(place__isnull=True) | Q(state__in=HOLDING_STATES),
                name="only_holders_have_a_place",
            ),
        ]
        indexes = [models.Index(fields=["edition", "state", "created_at"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    # For apps below registration (visits), which reach this model through a string FK.
    HOLDING_STATES = HOLDING_STATES

    @property
    def holds_place(self) -> bool:
        return self.state in HOLDING_STATES

    @property
    def is_cancelled(self) -> bool:
        return self.state == RegistrationState.CANCELLED


class ConsentRecord(models.Model):
    """Which version of a consent a registration accepted, when, and whether it was withdrawn."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="consents"
    )
    consent = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="records")
    accepted_at = models.DateTimeField(_("accepted"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = ScopedManager(edition="registration__edition")

    class Meta:
        verbose_name = _("consent given")
        verbose_name_plural = _("consents given")
        ordering = ["accepted_at", "id"]

    def __str__(self):
        return f"{self.registration} – {self.consent}"
