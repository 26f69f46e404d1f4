"""API tokens: one per user and edition, with scopes and an expiry, stored hashed."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

TOKEN_PREFIX = "kgr"  # noqa: S105 (a public marker, not a secret)


def token_hash(secret: str) -> str:
    """SHA-256 of the secret part: it has 256 bits of entropy, so a slow hash adds nothing."""
    return hashlib.sha256(secret.encode()).hexdigest()


def token_generate() -> tuple[str, str, str]:
    """A new token: (full token shown once, lookup key, hash of the secret)."""
    key = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    return f"{TOKEN_PREFIX}_{key}_{secret}", key, token_hash(secret)


class ApiToken(models.Model):
    """A bearer token of one team member for one edition, limited by scopes and an expiry."""

    edition = models.ForeignKey(
        "events.Edition",
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("edition"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for."))
    key = models.CharField(_("key"), max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    expires_at = models.DateTimeField(_("expires"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({TOKEN_PREFIX}_{self.key}_…)"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now


# Webhook endpoints and deliveries live in their own module (kongres.api.webhooks).
from kongres.api.webhooks.models import WebhookDelivery, WebhookEndpoint  # noqa: E402

__all__ = ["ApiToken", "WebhookDelivery", "WebhookEndpoint"]
