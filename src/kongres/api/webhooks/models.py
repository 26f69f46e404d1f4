"""Webhook endpoints of an edition and the log of every delivery to them."""

import secrets
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kongres.api.webhooks.events import WebhookEvent


def new_webhook_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def validate_webhook_url(value: str) -> None:
    """Only http and https addresses with a host: no file:, ftp: or schemeless URLs."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("Enter an http:// or https:// address."), code="webhook_url")


def validate_webhook_events(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one event."), code="webhook_events")
    unknown = [str(v) for v in value if v not in WebhookEvent.values]
    if unknown:
        raise ValidationError(
            _("Unknown events: %(events)s."),
            code="webhook_events",
            params={"events": ", ".join(unknown)},
        )


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    DELIVERED = "delivered", _("delivered")
    FAILED = "failed", _("failed")


class WebhookEndpoint(models.Model):
    """An address that receives the edition's events, signed with its own secret."""

    edition = models.ForeignKey(
        "events.Edition",
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        verbose_name=_("edition"),
    )
    url = models.CharField(_("address"), max_length=500, validators=[validate_webhook_url])
    secret = models.CharField(
        _("signing secret"),
        max_length=80,
        default=new_webhook_secret,
        help_text=_("The receiver checks the Kongres-Signature header with it."),
    )
    events = models.JSONField(_("events"), default=list, validators=[validate_webhook_events])
    active = models.BooleanField(_("active"), default=True)
    # The dispatcher's low-water mark: every activity-log entry up to this id was looked at.
    cursor = models.BigIntegerField(_("events read up to"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["edition", "id"]

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint: its payload, every attempt's outcome and the next one."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    event_id = models.CharField(_("event id"), max_length=40)
    event = models.CharField(_("event"), max_length=40, choices=WebhookEvent.choices)
    activity_id = models.BigIntegerField(_("activity-log entry"))
    payload = models.JSONField(_("payload"))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=DeliveryState.choices,
        default=DeliveryState.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    response_ms = models.PositiveIntegerField(_("response time (ms)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    objects = ScopedManager(edition="endpoint__edition")

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="api_webhook_one_delivery_per_event"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="api_webhook_due"),
            models.Index(fields=["endpoint", "activity_id"], name="api_webhook_activity"),
        ]

    def __str__(self):
        return f"{self.event} {self.event_id} → {self.endpoint_id}"
