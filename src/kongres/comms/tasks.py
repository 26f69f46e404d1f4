"""Background tasks of the comms app: thin wrappers around services."""

from django_tasks import task

from kongres.comms import services


@task()
def send_message(message_id: int) -> str:
    return services.message_send(message_id)
