"""Periodic housekeeping, run by ``kongres worker`` every minute or so.

``common`` knows no app: each app registers its own jobs in its ``AppConfig.ready()`` with
``register_job(name, job)``, where ``job(now)`` returns how many things it changed (or None).
Jobs run in the order they were registered, that is in the order of ``INSTALLED_APPS``
(registration, visits, comms, matchmaking), then in the order each app registers them.

Each job runs on its own: one failing is logged and does not stop the others. Every job is a
service that locks what it changes, so several workers may run housekeeping at the same time.
"""

import logging
from collections.abc import Callable
from datetime import datetime

from django.utils import timezone
from django_scopes import scopes_disabled

logger = logging.getLogger(__name__)

Job = Callable[[datetime], int | None]

_jobs: dict[str, Job] = {}


def register_job(name: str, job: Job) -> None:
    """Add ``job`` under ``name``; registering a name again replaces the job in its place."""
    _jobs[name] = job


def registered_jobs() -> list[tuple[str, Job]]:
    return list(_jobs.items())


def run_housekeeping(now=None) -> dict:
    """Run every housekeeping job; returns {job: count, or None when the job failed}."""
    now = now or timezone.now()
    results = {}
    with scopes_disabled():
        for name, job in registered_jobs():
            try:
                results[name] = job(now)
            except Exception:  # one failing job must not stop the others
                logger.exception("housekeeping job %s failed", name)
                results[name] = None
    if any(results.values()):
        logger.info("housekeeping: %s", results)
    return results
