from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnsiteConfig(AppConfig):
    name = "kongres.onsite"
    label = "onsite"
    verbose_name = _("On site: check-in, badges, attendance")

    def ready(self):
        from kongres.common.housekeeping import register_job
        from kongres.comms.registry import register_kind
        from kongres.onsite import privacy
        from kongres.onsite.documents.services import certificates_send
        from kongres.onsite.enums import OnsiteMessage
        from kongres.onsite.mails import certificate_attachments, certificate_context
        from kongres.registration.hooks import on_registration_erased, personal_data_section

        # From the morning after the event, certificates are issued and mailed (once each).
        register_job("certificates_sent", lambda now: certificates_send(now=now))
        register_kind(
            OnsiteMessage.CERTIFICATE,
            OnsiteMessage.CERTIFICATE.label,
            context=certificate_context,
            attachments=certificate_attachments,
        )
        # GDPR: the export section and erasure (docs/privacy.md).
        personal_data_section("onsite", privacy.personal_data)
        on_registration_erased(privacy.registration_erased)
