from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BulkMailState(models.TextChoices):
    DRAFT = "draft", _("draft")
    QUEUED = "queued", _("waiting for the worker")
    SENDING = "sending", _("being queued for sending")
    DONE = "done", pgettext_lazy("bulk e-mail", "done")
    FAILED = "failed", _("failed")


class BulkMailLanguage(models.TextChoices):
    ANY = "", _("every language")
    PL = "pl", "Polski"
    EN = "en", "English"


class BackofficeMessage(models.TextChoices):
    """The e-mails the back office sends (kinds of ``comms.Message``, registered in ready())."""

    BULK = "bulk", _("Bulk e-mail")
