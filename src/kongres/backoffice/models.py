"""Models of the back office: what the organiser prepares here and the worker carries out."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from kongres.backoffice.enums import BulkMailState
from kongres.events.models import Edition


class BulkMail(models.Model):
    """One e-mail to a filtered list of an edition's registrations, sent by the worker.

    The organiser writes it (a draft), sees the preview and confirms; the worker's task
    (``kongres.backoffice.tasks.deliver_bulk_mail``) queues one ``comms.Message`` per recipient
    with the key ``bulk:<id>:<registration id>``, so a retried task never sends twice.
    ``filters`` holds ``states``, ``categories`` (ids), ``language`` ("" for every language)
    and ``only_confirmed``.
    """

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="bulk_mails", verbose_name=_("edition")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("bulk e-mail", "written by"),
    )
    subject_pl = models.CharField(_("subject (Polish)"), max_length=200, blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_pl = models.TextField(_("text (Polish)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    filters = models.JSONField(pgettext_lazy("bulk e-mail", "recipients"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=BulkMailState.choices, default=BulkMailState.DRAFT
    )
    total = models.PositiveIntegerField(pgettext_lazy("bulk e-mail", "recipients"), default=0)
    queued_count = models.PositiveIntegerField(_("queued"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(pgettext_lazy("bulk e-mail", "written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    finished_at = models.DateTimeField(
        pgettext_lazy("bulk e-mail", "finished"), null=True, blank=True
    )

    objects = ScopedManager(edition="edition")

    class Meta:
        verbose_name = _("bulk e-mail")
        verbose_name_plural = _("bulk e-mails")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.subject_pl or self.subject_en or f"#{self.pk}"

    def subject(self, language: str) -> str:
        return self.subject_en if language == "en" else self.subject_pl

    def body(self, language: str) -> str:
        return self.body_en if language == "en" else self.body_pl

    @property
    def dedupe_prefix(self) -> str:
        return f"bulk:{self.pk}:"
