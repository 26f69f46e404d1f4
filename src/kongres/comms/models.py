"""Outgoing e-mail: each message is a row (the delivery log) written in the same transaction as
the change it reports, then sent by a background task. A unique key per event means a message
is never queued, and so never sent, twice for the same event."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from kongres.comms.enums import MessageState
from kongres.comms.registry import kind_label
from kongres.events.models import Edition


class Message(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="messages", verbose_name=_("edition")
    )
    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("registration"),
    )
    # One of the kinds the sending apps register (kongres.comms.registry); no choices here, as
    # comms does not know them: the admin shows the registered label.
    kind = models.CharField(_("kind"), max_length=40)
    dedupe_key = models.CharField(max_length=200, unique=True)
    to_email = models.EmailField(_("to"), max_length=254)
    language = models.CharField(_("language"), max_length=2)
    context = models.JSONField(_("data"), default=dict, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=MessageState.choices, default=MessageState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mail delivery log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return f"{self.kind_label} → {self.to_email}"

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)
