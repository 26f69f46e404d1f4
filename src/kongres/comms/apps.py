from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommsConfig(AppConfig):
    name = "kongres.comms"
    label = "comms"
    verbose_name = _("E-mail")

    def ready(self):
        from kongres.common.housekeeping import register_job
        from kongres.comms.services import messages_fail_stuck

        # Messages whose worker vanished mid-send are marked failed for a human to check.
        register_job("messages_failed", lambda now: messages_fail_stuck())
