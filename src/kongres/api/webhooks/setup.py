"""Called from the api app's ``ready()``: the worker's webhook job and the admin pages."""


def webhooks_ready() -> None:
    from kongres.api.webhooks import admin
    from kongres.api.webhooks.services import webhooks_run
    from kongres.common.housekeeping import register_job

    register_job("webhooks", webhooks_run)
    admin.register()
