"""Writes of matchmaking: profiles, requests, meetings, slots, consultations, the scheduler.

Every write follows the locking policy (docs/architecture.md, docs/matchmaking.md): one
transaction; the two profiles of a request locked in id order (``select_for_update``; SQLite's
IMMEDIATE transactions serialise writers), then the request, then the slot whose tables are
taken; check; write; log; queue the e-mail in the same transaction. The database backs the
rules: ``SlotBooking`` is unique per (profile, slot), so nobody has two meetings in one slot,
and planned meetings are unique per (slot, table). Bad input raises ``MatchmakingError`` with a
translated message before anything is written (or rolls the whole transaction back).

One module per subject (``profiles``, ``requests``, ``meetings``, ``consultations``,
``follow_up``, ``scheduling``; shared helpers in ``_base``); callers import from this package.
"""

from kongres.matchmaking.services._base import MAX_LISTINGS, MAX_MEETINGS_LIMIT
from kongres.matchmaking.services.consultations import consultation_book, consultation_cancel
from kongres.matchmaking.services.follow_up import follow_ups_send
from kongres.matchmaking.services.meetings import (
    meeting_cancel,
    meeting_move,
    meeting_record_outcome,
)
from kongres.matchmaking.services.profiles import (
    profile_opt_out,
    profile_reindex,
    profile_save,
    registration_cancelled,
    search_text_of,
    session_slots_generate,
)
from kongres.matchmaking.services.requests import (
    request_accept,
    request_cancel,
    request_decline,
    request_send,
    requests_expire,
)
from kongres.matchmaking.services.scheduling import (
    RUN_STALE_AFTER,
    RUN_TIME_LIMIT,
    PublishResult,
    schedule_publish,
    scheduler_instance,
    scheduler_run,
    scheduler_run_active,
    scheduler_run_execute,
    scheduler_run_request,
)

__all__ = [
    "MAX_LISTINGS",
    "MAX_MEETINGS_LIMIT",
    "RUN_STALE_AFTER",
    "RUN_TIME_LIMIT",
    "PublishResult",
    "consultation_book",
    "consultation_cancel",
    "follow_ups_send",
    "meeting_cancel",
    "meeting_move",
    "meeting_record_outcome",
    "profile_opt_out",
    "profile_reindex",
    "profile_save",
    "registration_cancelled",
    "request_accept",
    "request_cancel",
    "request_decline",
    "request_send",
    "requests_expire",
    "schedule_publish",
    "scheduler_instance",
    "scheduler_run",
    "scheduler_run_active",
    "scheduler_run_execute",
    "scheduler_run_request",
    "search_text_of",
    "session_slots_generate",
]
