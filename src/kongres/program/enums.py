from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    PLENARY = "plenary", _("Plenary session")
    PANEL = "panel", _("Panel discussion")
    KEYNOTE = "keynote", _("Keynote")
    BREAK = "break", _("Break")
    NETWORKING = "networking", _("Networking")
    STUDY_VISIT = "study_visit", _("Study visit")


class SpeakerRole(models.TextChoices):
    MODERATOR = "moderator", _("Moderator")
    PANELIST = "panelist", _("Panelist")
    KEYNOTE = "keynote", _("Keynote speaker")
