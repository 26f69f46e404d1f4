from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageState(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    RETRYING = "retrying", _("waiting to retry")
    FAILED = "failed", _("failed")
    # Never handed to the SMTP server on purpose (demo data, an address at a domain that is
    # not mailed); the reason is in ``Message.last_error``. Never "sent".
    SUPPRESSED = "suppressed", _("not sent (suppressed)")


# States after which nothing more happens to a message.
FINISHED_STATES = (MessageState.SENT, MessageState.FAILED, MessageState.SUPPRESSED)


# The kinds of message are not listed here: each sending app registers its own
# (``kongres.comms.registry``; registration.enums.RegistrationMessage, visits.enums.SeatMessage,
# matchmaking.enums.MatchmakingMessage).
