"""The queue row written by hand in a critical section is the one enqueue() writes."""

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from kongres.common.db import rows
from kongres.comms.tasks import send_message, send_message_row

pytestmark = pytest.mark.django_db

FIELDS = ["status", "args_kwargs", "priority", "task_path", "queue_name", "backend_name",
          "run_after", "worker_ids", "return_value", "exception_class_path", "traceback",
          "started_at", "finished_at"]  # fmt: skip


def test_send_message_row_matches_enqueue():
    enqueued = send_message.enqueue(41)
    row = send_message_row(42)
    with connection.cursor() as cursor:
        rows.insert(cursor, [row])
    by_enqueue = DBTaskResult.objects.values(*FIELDS).get(pk=enqueued.id)
    by_hand = DBTaskResult.objects.values(*FIELDS).get(pk=row.pk)
    assert by_enqueue.pop("args_kwargs") == {"args": [41], "kwargs": {}}
    assert by_hand.pop("args_kwargs") == {"args": [42], "kwargs": {}}
    assert by_hand == by_enqueue
    # The worker reads it as the same task with the same argument.
    result = DBTaskResult.objects.get(pk=row.pk).task_result
    assert result.task.func is send_message.func
    assert result.args == [42]
