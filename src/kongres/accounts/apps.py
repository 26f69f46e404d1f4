from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kongres.accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from kongres.accounts import signals  # noqa: F401 (connects the activity-log receivers)
