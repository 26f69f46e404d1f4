from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "kongres.visits"
    label = "visits"
    verbose_name = _("Study visits and seats")

    def ready(self):
        from kongres.common.housekeeping import register_job
        from kongres.events.signals import edition_content
        from kongres.visits.id_data import id_data_purge
        from kongres.visits.services import signups_expire_offers

        # Seats offered from a waiting list and not confirmed pass to the next person.
        register_job("offers_expired", lambda now: signups_expire_offers(now=now))
        # ID data for study visits is deleted after the visit.
        register_job("id_data_purged", lambda now: id_data_purge(now=now))
        # Public pages (the program, the list of visits) show the study visits.
        edition_content("visits.StudyVisit")
