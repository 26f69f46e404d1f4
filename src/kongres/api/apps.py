from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "kongres.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self):
        # Webhooks: the worker's dispatch-and-send job and their admin pages.
        from kongres.api.webhooks.setup import webhooks_ready

        webhooks_ready()
