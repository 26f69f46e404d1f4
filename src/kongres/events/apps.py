from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "kongres.events"
    label = "events"
    verbose_name = _("Congresses and editions")

    def ready(self):
        from kongres.events import signals

        signals.connect()
