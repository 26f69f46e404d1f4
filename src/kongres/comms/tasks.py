"""Background tasks of the comms app: thin wrappers around ``kongres.comms.sending``.

The queue (``kongres.comms.services.message_queue``) enqueues ``send_message``; this module
does not import the services (lint-imports checks it). The task's path,
``kongres.comms.tasks.send_message``, is stored in every queued task row, so it stays here.
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from kongres.comms import sending


@task()
def send_message(message_id: int) -> str:
    return sending.message_send(message_id, retry=send_message_later)


def send_message_later(message_id: int, delay: float) -> None:
    """Another attempt in ``delay`` seconds (in the caller's transaction)."""
    send_message.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(message_id)


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
