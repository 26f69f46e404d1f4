from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "kongres.registration"
    label = "registration"
    verbose_name = _("Registration")

    def ready(self):
        from kongres.common.housekeeping import register_job
        from kongres.comms.registry import register_kind
        from kongres.events.signals import edition_content
        from kongres.registration.enums import RegistrationMessage
        from kongres.registration.mails import mail_attachments, mail_context
        from kongres.registration.ratelimit import counters_purge
        from kongres.registration.services import (
            registrations_expire_holds,
            registrations_retention_apply,
        )
        from kongres.visits.enums import SeatMessage

        # Unconfirmed registrations release their place; the waiting list moves up.
        register_job("holds_released", lambda now: registrations_expire_holds(now=now))
        # Rate-limit counters of past windows.
        register_job("rate_counters_purged", counters_purge)
        # Editions past their retention period: personal data anonymised (docs/privacy.md).
        register_job("personal_data_retention", registrations_retention_apply)
        # The registration form is cached per edition content version.
        edition_content(
            "registration.Category", "registration.ConsentText", "registration.Question"
        )
        # The e-mails to a registrant, with the personal link; the seat mails of visits too.
        for kind in (*RegistrationMessage, *SeatMessage):
            register_kind(kind, kind.label, context=mail_context, attachments=mail_attachments)
