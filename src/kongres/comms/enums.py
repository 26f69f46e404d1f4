from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageState(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    RETRYING = "retrying", _("waiting to retry")
    FAILED = "failed", _("failed")


# The kinds of message are not listed here: each sending app registers its own
# (``kongres.comms.registry``; registration.enums.RegistrationMessage, visits.enums.SeatMessage,
# matchmaking.enums.MatchmakingMessage).
