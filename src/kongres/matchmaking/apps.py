from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "kongres.matchmaking"
    label = "matchmaking"
    verbose_name = _("B2B matchmaking")

    def ready(self):
        from kongres.common.housekeeping import register_job
        from kongres.comms.registry import register_kind
        from kongres.matchmaking.enums import MatchmakingMessage
        from kongres.matchmaking.mails import mail_context
        from kongres.matchmaking.services import (
            follow_ups_send,
            privacy,
            registration_cancelled,
            requests_expire,
        )
        from kongres.registration.hooks import (
            on_consent_withdrawn,
            on_registration_cancelled,
            on_registration_erased,
            personal_data_section,
        )

        # Unanswered B2B meeting requests expire.
        register_job("meeting_requests_expired", lambda now: requests_expire(now=now))
        # After the event, people who had B2B meetings are asked whether they led to cooperation.
        register_job("matchmaking_follow_ups", lambda now: follow_ups_send(now=now))
        # A cancelled registration leaves matchmaking: profile off, meetings and bookings freed.
        on_registration_cancelled(registration_cancelled)
        # GDPR: the export section, erasure, and the profile consent (docs/privacy.md).
        personal_data_section("matchmaking", privacy.personal_data)
        on_registration_erased(privacy.registration_erased)
        on_consent_withdrawn(privacy.consent_withdrawn)
        # The B2B e-mails.
        for kind in MatchmakingMessage:
            register_kind(kind, kind.label, context=mail_context)
