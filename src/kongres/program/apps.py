from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    name = "kongres.program"
    label = "program"
    verbose_name = _("Program")

    def ready(self):
        from kongres.events.home import register_home_context
        from kongres.events.signals import edition_content
        from kongres.program.selectors import program_summary

        # The edition's home page shows the program in numbers.
        register_home_context("summary", program_summary)

        # Public pages are cached per edition content version: program changes make them stale.
        edition_content(
            "program.Day", "program.Room", "program.Theme", "program.Session", "program.Speaker"
        )
        edition_content("program.SessionSpeaker", edition_id_of=_session_edition_id)


def _session_edition_id(instance) -> int | None:
    from kongres.program.models import Session

    # The base manager is unscoped; the session may already be gone in a cascade.
    return (
        Session._base_manager.filter(pk=instance.session_id)
        .values_list("edition_id", flat=True)
        .first()
    )
