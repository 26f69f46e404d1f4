from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "kongres.backoffice"
    label = "backoffice"
    verbose_name = _("Back office")

    def ready(self):
        from kongres.backoffice.bulk_mail import KIND, KIND_LABEL, bulk_mail_context
        from kongres.comms.registry import register_kind

        # The organiser's bulk e-mail (kongres.backoffice.bulk_mail).
        register_kind(KIND, KIND_LABEL, context=bulk_mail_context)
