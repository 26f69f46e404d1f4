"""Base model mixins shared by every domain app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ExampleDataModel(models.Model):
    """Marks demo records that the seed article does not state and we made up."""

    is_example_data = models.BooleanField(
        _("example data"),
        default=False,
        help_text=_("Fictional demo content, not taken from an official source."),
    )

    class Meta:
        abstract = True


class ActivityLog(models.Model):
    """Who did what to which object, and when: the spine of history, audit and webhooks."""

    # Append-only: deleting an edition keeps its log (the id stays, without a constraint).
    edition = models.ForeignKey(
        "events.Edition",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="activity",
        verbose_name=_("edition"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    actor_label = models.CharField(
        _("who"), max_length=100, help_text=_("participant, system, or the user's name")
    )
    action = models.CharField(_("what"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=40)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.action} {self.object_type}#{self.object_id}"


class RateCounter(models.Model):
    """One fixed-window counter of a rate limit (see ``kongres.registration.ratelimit``).

    Kept in the database so that every process and every machine of a deployment count into
    the same row, and incremented with one atomic upsert. Rows of past windows are deleted by
    housekeeping.
    """

    key = models.CharField(max_length=80, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self):
        return f"{self.key}: {self.count}"
