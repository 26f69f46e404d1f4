"""Play the worker for the scheduler: run the queued scheduler tasks, as ``kongres worker`` does."""

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kongres.matchmaking.tasks import scheduler_run_task


def queued_scheduler_tasks():
    return DBTaskResult.objects.filter(
        task_path=scheduler_run_task.module_path, status=TaskResultStatus.READY
    ).order_by("enqueued_at", "id")


def run_scheduler_tasks() -> list[str]:
    """Run every queued scheduler task in this process; returns the runs' final states."""
    states = []
    for row in queued_scheduler_tasks():
        row.claim("tests")
        result = row.task_result
        state = row.task.call(*result.args, **result.kwargs)
        row.set_successful(state)
        states.append(state)
    return states
