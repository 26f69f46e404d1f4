"""Background tasks of the comms app: thin wrappers around services."""

from django_tasks import task, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from kongres.comms import services


@task()
def send_message(message_id: int) -> str:
    return services.message_send(message_id)


def send_message_row(message_id: int) -> DBTaskResult | None:
    """The unsaved queue row that ``send_message.enqueue(message_id)`` would write.

    For a critical section that writes its rows in as few statements as possible
    (``kongres.common.db.rows``). The fields are those the database backend fills in; a test
    compares the two. None when the task backend is not the database one: then enqueue.
    """
    backend = task_backends[send_message.backend]
    if not isinstance(backend, DatabaseBackend):
        return None
    return DBTaskResult(
        id=backend._get_id(),
        args_kwargs={"args": [message_id], "kwargs": {}},
        priority=send_message.priority,
        task_path=send_message.module_path,
        queue_name=send_message.queue_name,
        run_after=send_message.run_after or get_date_max(),
        backend_name=backend.alias,
    )
