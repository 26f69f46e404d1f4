"""Periodic housekeeping, run by ``kongres worker`` every minute or so.

Each job runs on its own: one failing is logged and does not stop the others. Every job is a
service that locks what it changes, so several workers may run housekeeping at the same time.
"""

import logging

from django.utils import timezone
from django_scopes import scopes_disabled

logger = logging.getLogger(__name__)


def _jobs():
    from kongres.comms.services import messages_fail_stuck
    from kongres.matchmaking.services import follow_ups_send, requests_expire
    from kongres.registration.ratelimit import counters_purge
    from kongres.registration.services import registrations_expire_holds
    from kongres.visits.id_data import id_data_purge
    from kongres.visits.services import signups_expire_offers

    return [
        # Unconfirmed registrations release their place; the waiting list moves up.
        ("holds_released", lambda now: registrations_expire_holds(now=now)),
        # Seats offered from a waiting list and not confirmed pass to the next person.
        ("offers_expired", lambda now: signups_expire_offers(now=now)),
        # ID data for study visits is deleted after the visit.
        ("id_data_purged", lambda now: id_data_purge(now=now)),
        # Messages whose worker vanished mid-send are marked failed for a human to check.
        ("messages_failed", lambda now: messages_fail_stuck()),
        # Unanswered B2B meeting requests expire.
        ("meeting_requests_expired", lambda now: requests_expire(now=now)),
        # After the event, people who had B2B meetings are asked whether they led to cooperation.
        ("matchmaking_follow_ups", lambda now: follow_ups_send(now=now)),
        # Rate-limit counters of past windows.
        ("rate_counters_purged", lambda now: counters_purge(now)),
    ]


def run_housekeeping(now=None) -> dict:
    """Run every housekeeping job; returns {job: count, or None when the job failed}."""
    now = now or timezone.now()
    results = {}
    with scopes_disabled():
        for name, job in _jobs():
            try:
                results[name] = job(now)
            except Exception:  # one failing job must not stop the others
                logger.exception("housekeeping job %s failed", name)
                results[name] = None
    if any(results.values()):
        logger.info("housekeeping: %s", results)
    return results
