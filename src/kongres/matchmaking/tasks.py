"""Background tasks of matchmaking: the organiser's scheduler run, solved by the worker.

``services.scheduler_run_request`` queues ``scheduler_run_task`` in the transaction that
creates the queued run; the task's path (``kongres.matchmaking.tasks.scheduler_run_task``) is
stored in the queued task row, so it stays here.
"""

from django_tasks import task


@task()
def scheduler_run_task(run_id: int) -> str:
    from kongres.matchmaking.services import scheduler_run_execute

    return str(scheduler_run_execute(run_id))
