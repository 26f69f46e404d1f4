"""Background tasks of the back office (run by ``kongres worker``)."""

from django_tasks import task

from kongres.backoffice.bulk_mail import bulk_mail_deliver


@task()
def deliver_bulk_mail(bulk_id: int) -> str:
    """Queue one e-mail per recipient of a confirmed bulk mail (safe to run again)."""
    return bulk_mail_deliver(bulk_id)
