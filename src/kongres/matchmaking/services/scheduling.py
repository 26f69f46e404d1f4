"""The organiser's scheduler: build the instance, run, store the draft, publish."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scope, scopes_disabled

from kongres.common.activity import log_activity
from kongres.matchmaking import selectors
from kongres.matchmaking.enums import (
    ACTIVE_RUN_STATES,
    MatchmakingMessage,
    MeetingState,
    SchedulerPhase,
    SchedulerRunState,
    ShortfallReason,
)
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import (
    MatchmakingSettings,
    Meeting,
    Profile,
    SchedulerRun,
    SlotBooking,
)
from kongres.matchmaking.services._base import _actor, _mail, _now

logger = logging.getLogger(__name__)


def _settings_locked(edition) -> MatchmakingSettings:
    config, _created = MatchmakingSettings.objects.get_or_create(edition=edition)
    return MatchmakingSettings.objects.select_for_update().get(pk=config.pk)


def scheduler_instance(edition, *, keep_published: bool = True) -> dict:
    """The scheduler's instance (JSON shape of ``kongres.matchmaking.scheduler``) built from
    the database: slots in time order with their session's tables and their local date (breaks
    are counted per day), people with the slots they
    are available and not taken by a consultation, planned meetings, and (``keep_published``)
    the published placements that are still valid as ``fixed``."""
    slots = list(selectors.slots_of(edition))
    slot_ids = {slot.pk: f"s{slot.pk}" for slot in slots}
    meetings = list(
        Meeting.objects.filter(edition=edition, state=MeetingState.PLANNED)
        .select_related("request")
        .order_by("id")
    )
    people = {m.a_id for m in meetings} | {m.b_id for m in meetings}
    available: dict[int, set[int]] = {pk: set() for pk in people}
    for profile_id, slot_id in Profile.available_slots.through.objects.filter(
        profile_id__in=people
    ).values_list("profile_id", "slot_id"):
        available[profile_id].add(slot_id)
    for profile_id, slot_id in SlotBooking.objects.filter(
        profile_id__in=people, consultation__isnull=False
    ).values_list("profile_id", "slot_id"):
        available[profile_id].discard(slot_id)
    maxima = dict(Profile.objects.filter(pk__in=people).values_list("pk", "max_meetings"))
    session_slots: dict[int, list[str]] = {}
    for slot in slots:
        session_slots.setdefault(slot.session_id, []).append(slot_ids[slot.pk])
    instance = {
        "slots": [
            {
                "id": slot_ids[s.pk],
                "session": f"s{s.session_id}",
                "day": selectors.slot_day(s).isoformat(),
                "tables": s.session.tables,
            }
            for s in slots
        ],
        "participants": [
            {
                "id": f"p{pk}",
                "available": [slot_ids[s.pk] for s in slots if s.pk in available[pk]],
                "max_meetings": maxima[pk],
            }
            for pk in sorted(people)
        ],
        "meetings": [],
        "fixed": [],
    }
    used: dict[int, int] = {}
    busy: set[tuple[int, int]] = set()
    tables: set[tuple[int, int]] = set()
    tables_of = {slot.pk: slot.session.tables for slot in slots}
    for meeting in meetings:
        item = {"id": f"m{meeting.pk}", "a": f"p{meeting.a_id}", "b": f"p{meeting.b_id}"}
        item["priority"] = meeting.priority
        session_id = meeting.request.session_id if meeting.request_id else None
        if session_id:
            item["slots"] = session_slots.get(session_id, [])
        instance["meetings"].append(item)
        if not (keep_published and meeting.is_published and meeting.slot_id):
            continue
        s = meeting.slot_id
        sides = (meeting.a_id, meeting.b_id)
        valid = (
            all(s in available[p] for p in sides)
            and all(used.get(p, 0) < maxima[p] for p in sides)
            and all((p, s) not in busy for p in sides)
            and (s, meeting.table) not in tables
            and meeting.table <= tables_of[s]
            and (not session_id or slot_ids[s] in item["slots"])
        )
        if valid:
            instance["fixed"].append(
                {"meeting": item["id"], "slot": slot_ids[s], "table": meeting.table}
            )
            for p in sides:
                used[p] = used.get(p, 0) + 1
                busy.add((p, s))
            tables.add((s, meeting.table))
    return instance


def _shortfall(edition, instance: dict, result: dict) -> list[dict]:
    """Who got fewer meetings than they accepted, and the likely reasons."""
    slot_of = {row["meeting"]: row["slot"] for row in result["assignments"]}
    person = {p["id"]: p for p in instance["participants"]}
    accepted: dict[str, list[dict]] = {}
    for meeting in instance["meetings"]:
        for side in (meeting["a"], meeting["b"]):
            accepted.setdefault(side, []).append(meeting)
    scheduled = {pid: sum(1 for m in ms if m["id"] in slot_of) for pid, ms in accepted.items()}
    short = []
    ids = [int(pid[1:]) for pid, ms in accepted.items() if scheduled[pid] < len(ms)]
    profiles = {p.pk: p for p in Profile.objects.filter(pk__in=ids).select_related("registration")}
    for pid, meetings in accepted.items():
        if scheduled[pid] >= len(meetings):
            continue
        me = person[pid]
        reasons = []
        if len(meetings) > me["max_meetings"]:
            reasons.append(ShortfallReason.MAX_MEETINGS)
        if scheduled[pid] >= len(me["available"]):
            reasons.append(ShortfallReason.AVAILABILITY)
        missing = [m for m in meetings if m["id"] not in slot_of]
        for meeting in missing:
            partner = person[meeting["b"] if meeting["a"] == pid else meeting["a"]]
            common = set(me["available"]) & set(partner["available"])
            if meeting.get("slots") is not None:
                common &= set(meeting["slots"])
            if not common:
                reasons.append(ShortfallReason.NO_COMMON_SLOT)
            elif scheduled.get(partner["id"], 0) >= min(
                partner["max_meetings"], len(partner["available"])
            ):
                reasons.append(ShortfallReason.PARTNER_FULL)
            else:
                reasons.append(ShortfallReason.COMPETITION)
        profile = profiles.get(int(pid[1:]))
        short.append(
            {
                "profile": int(pid[1:]),
                "name": profile.registration.full_name if profile else "",
                "organisation": profile.organisation if profile else "",
                "accepted": len(meetings),
                "scheduled": scheduled[pid],
                "max_meetings": me["max_meetings"],
                "available": len(me["available"]),
                "reasons": sorted({str(reason) for reason in reasons}),
                "unscheduled": [int(m["id"][1:]) for m in missing],
            }
        )
    short.sort(key=lambda row: (row["scheduled"], row["scheduled"] - row["accepted"], row["name"]))
    return short


# Seconds the solver may take in the worker; the demo needs a fraction of one.
RUN_TIME_LIMIT = 60.0
# A run still queued or running this long after it was asked for (or started) is taken as
# abandoned (a crashed or stopped worker): asking for a new run marks it failed.
RUN_STALE_AFTER = timedelta(minutes=10)


def _solve(edition, *, keep_published: bool, time_limit: float | None, progress=None):
    """The instance, the solver's result and the shortfall; no writes."""
    from kongres.matchmaking.scheduler import InstanceError, schedule

    instance = scheduler_instance(edition, keep_published=keep_published)
    try:
        result = schedule(instance, time_limit=time_limit, progress=progress)
    except InstanceError as error:  # pragma: no cover - the instance is built consistently
        logger.exception("scheduler refused the instance of %s", edition)
        raise MatchmakingError(
            _("The scheduler could not run: %(error)s") % {"error": error}
        ) from error
    return instance, result, _shortfall(edition, instance, result)


def _store_draft(edition, result: dict) -> int:
    """Write the result as the draft of the planned meetings (under the settings lock);
    returns how many were placed."""
    slot_pk = {f"s{pk}": pk for pk in selectors.slots_of(edition).values_list("pk", flat=True)}
    placed = {int(row["meeting"][1:]): row for row in result["assignments"]}
    planned = Meeting.objects.filter(edition=edition, state=MeetingState.PLANNED)
    planned.update(draft_slot=None, draft_table=None)
    changed = []
    for meeting in planned.filter(pk__in=list(placed)).only("pk"):
        row = placed[meeting.pk]
        meeting.draft_slot_id = slot_pk[row["slot"]]
        meeting.draft_table = row["table"]
        changed.append(meeting)
    Meeting.objects.bulk_update(changed, ["draft_slot", "draft_table"], batch_size=500)
    return len(changed)


def _result_fields(instance: dict, result: dict, shortfall: list, scheduled: int) -> dict:
    return {
        "meetings": len(instance["meetings"]),
        "scheduled": scheduled,
        "upper_bound": result["upper_bound"],
        "seconds": result["seconds"],
        "shortfall": shortfall,
        "unscheduled": [int(mid[1:]) for mid in result["unscheduled"]],
    }


def _user(by):
    return by if by is not None and not isinstance(by, Profile) else None


def scheduler_run(
    edition, keep_published: bool = True, time_limit: float | None = 30.0, *, by=None
) -> SchedulerRun:
    """Run the scheduler now, in this process, over the edition's accepted meetings and store
    the result as a draft (``draft_slot``/``draft_table`` on the meetings), to be checked and
    published. For scripts and tests; the back office queues a run for the worker instead
    (``scheduler_run_request``)."""
    started = timezone.now()
    instance, result, shortfall = _solve(
        edition, keep_published=keep_published, time_limit=time_limit
    )
    with transaction.atomic():
        _settings_locked(edition)
        scheduled = _store_draft(edition, result)
        run = SchedulerRun.objects.create(
            edition=edition,
            created_by=_user(by),
            keep_published=keep_published,
            state=SchedulerRunState.DONE,
            started_at=started,
            finished_at=timezone.now(),
            **_result_fields(instance, result, shortfall, scheduled),
        )
        log_activity(
            obj=run,
            action="matchmaking.scheduler.run",
            **_actor(by),
            data={"scheduled": run.scheduled, "upper_bound": run.upper_bound},
        )
    return run


def scheduler_run_active(edition) -> SchedulerRun | None:
    """The edition's queued or running run, if any."""
    return SchedulerRun.objects.filter(edition=edition, state__in=ACTIVE_RUN_STATES).first()


def scheduler_run_request(
    edition, *, keep_published: bool = True, by=None, now: datetime | None = None
) -> SchedulerRun:
    """Queue a scheduler run for the worker (``tasks.scheduler_run_task``); returns it queued.

    One run per edition at a time: under the lock of the edition's matchmaking settings, a
    queued or running run refuses the request (``MatchmakingError``), unless it is older than
    ``RUN_STALE_AFTER`` (its worker crashed): then it is marked failed and the new run queued.
    A partial unique constraint backs the rule. The task row is written in this transaction.
    """
    from kongres.matchmaking.tasks import scheduler_run_task

    now = _now(now)
    try:
        with transaction.atomic():
            _settings_locked(edition)
            active = scheduler_run_active(edition)
            if active is not None:
                since = active.started_at or active.created_at
                if since > now - RUN_STALE_AFTER:
                    raise MatchmakingError(
                        _(
                            "The scheduler is already running for this edition; wait for "
                            "its result before starting it again."
                        )
                    )
                before = active.state
                active.state = SchedulerRunState.FAILED
                active.finished_at = now
                active.error = str(
                    _(
                        "The worker did not finish this run in %(minutes)d minutes; it was "
                        "given up when a new run was requested."
                    )
                    % {"minutes": RUN_STALE_AFTER.total_seconds() // 60}
                )
                active.save(update_fields=["state", "finished_at", "error"])
                log_activity(
                    obj=active,
                    action="matchmaking.scheduler.abandoned",
                    **_actor(by),
                    data={"before": {"state": before}, "after": {"state": active.state}},
                )
            run = SchedulerRun.objects.create(
                edition=edition,
                created_by=_user(by),
                keep_published=keep_published,
                state=SchedulerRunState.QUEUED,
            )
            log_activity(
                obj=run,
                action="matchmaking.scheduler.requested",
                **_actor(by),
                data={"keep_published": keep_published},
            )
            scheduler_run_task.enqueue(run.pk)
    except IntegrityError:  # another request won the race past the lock (cannot on PG/SQLite)
        raise MatchmakingError(
            _("The scheduler is already running for this edition; wait for its result.")
        ) from None
    return run


def scheduler_run_execute(run_id: int, *, time_limit: float | None = None) -> str:
    """Solve a queued run (the worker's task); returns the run's final state.

    The run is claimed (queued → running) by a conditional update, so a run is solved once;
    its phase is written to ``progress`` as the solver goes on. A run given up meanwhile
    (stale, see ``scheduler_run_request``) leaves the drafts alone. Any error marks the run
    failed with its message; the drafts are then unchanged.
    """
    with scopes_disabled():
        run = SchedulerRun.objects.select_related("edition", "created_by").filter(pk=run_id).first()
    if run is None:
        return "missing"
    edition = run.edition
    by = run.created_by
    with scope(edition=edition):
        claimed = SchedulerRun.objects.filter(pk=run.pk, state=SchedulerRunState.QUEUED).update(
            state=SchedulerRunState.RUNNING,
            started_at=timezone.now(),
            progress=SchedulerPhase.INSTANCE,
        )
        if not claimed:
            return SchedulerRun.objects.get(pk=run.pk).state

        def progress(phase: str) -> None:
            SchedulerRun.objects.filter(pk=run.pk, state=SchedulerRunState.RUNNING).update(
                progress=phase
            )

        try:
            instance, result, shortfall = _solve(
                edition,
                keep_published=run.keep_published,
                time_limit=time_limit if time_limit is not None else RUN_TIME_LIMIT,
                progress=progress,
            )
            progress(SchedulerPhase.SAVING)
            with transaction.atomic():
                _settings_locked(edition)
                run = SchedulerRun.objects.select_for_update().get(pk=run.pk)
                if run.state != SchedulerRunState.RUNNING:
                    return run.state  # given up while it ran: a newer run owns the draft
                scheduled = _store_draft(edition, result)
                for name, value in _result_fields(instance, result, shortfall, scheduled).items():
                    setattr(run, name, value)
                run.state = SchedulerRunState.DONE
                run.finished_at = timezone.now()
                run.progress = ""
                run.save()
                log_activity(
                    obj=run,
                    action="matchmaking.scheduler.finished",
                    **_actor(by),
                    data={"scheduled": run.scheduled, "upper_bound": run.upper_bound},
                )
            return run.state
        except Exception as error:
            logger.exception("scheduler run %s of %s failed", run.pk, edition)
            if isinstance(error, MatchmakingError):
                message = str(error.message)
            else:
                message = str(
                    _("The scheduler stopped with an error: %(error)s")
                    % {"error": f"{type(error).__name__}: {error}"}
                )
            with transaction.atomic():
                failed = SchedulerRun.objects.filter(
                    pk=run.pk, state=SchedulerRunState.RUNNING
                ).update(
                    state=SchedulerRunState.FAILED,
                    finished_at=timezone.now(),
                    error=message,
                    progress="",
                )
                if failed:
                    log_activity(
                        obj=run,
                        action="matchmaking.scheduler.failed",
                        **_actor(by),
                        data={"error": message},
                    )
            return SchedulerRunState.FAILED


@dataclass
class PublishResult:
    changed: int  # meetings whose visible placement changed
    notified: int  # people e-mailed


def schedule_publish(edition, *, by=None, now: datetime | None = None) -> PublishResult:
    """Make the draft the visible schedule: placements and slot bookings are rewritten for the
    meetings that changed, and only the people whose agenda changed get an e-mail."""
    now = _now(now)
    with transaction.atomic():
        config = _settings_locked(edition)
        run = (
            SchedulerRun.objects.filter(edition=edition, state=SchedulerRunState.DONE)
            .order_by("-created_at", "-id")
            .first()
        )
        if run is None:
            raise MatchmakingError(_("Run the scheduler first."))
        meetings = list(
            Meeting.objects.select_for_update()
            .filter(edition=edition, state=MeetingState.PLANNED)
            .order_by("pk")
        )
        changed = [
            m
            for m in meetings
            if (m.slot_id, m.table) != (m.draft_slot_id, m.draft_table)
            or (m.slot_id is not None and not m.is_published)
        ]
        ids = [m.pk for m in changed]
        try:
            with transaction.atomic():
                SlotBooking.objects.filter(meeting_id__in=ids).delete()
                Meeting.objects.filter(pk__in=ids).update(slot=None, table=None)
                bookings = []
                for meeting in changed:
                    meeting.slot_id = meeting.draft_slot_id
                    meeting.table = meeting.draft_table
                    meeting.is_published = meeting.slot_id is not None
                    meeting.version += 1
                    if meeting.slot_id is not None:
                        bookings.extend(
                            SlotBooking(profile_id=p, slot_id=meeting.slot_id, meeting=meeting)
                            for p in (meeting.a_id, meeting.b_id)
                        )
                Meeting.objects.bulk_update(
                    changed, ["slot", "table", "is_published", "version"], batch_size=500
                )
                SlotBooking.objects.bulk_create(bookings, batch_size=500)
        except IntegrityError:
            raise MatchmakingError(
                _(
                    "Something changed since the scheduler ran (e.g. a consultation was booked). "
                    "Run the scheduler again."
                )
            ) from None
        affected = {m.a_id for m in changed} | {m.b_id for m in changed}
        notified = 0
        versions: dict[int, list[tuple[int, int]]] = {}
        for m in meetings:
            for p in (m.a_id, m.b_id):
                versions.setdefault(p, []).append((m.pk, m.version))
        for profile in Profile.objects.filter(pk__in=affected).select_related(
            "registration__edition"
        ):
            digest = hashlib.sha256(repr(sorted(versions[profile.pk])).encode()).hexdigest()[:20]
            if _mail(profile, MatchmakingMessage.MM_SCHEDULE_PUBLISHED, digest):
                notified += 1
        config.schedule_published_at = now
        config.save(update_fields=["schedule_published_at"])
        run.published_at = now
        run.save(update_fields=["published_at"])
        log_activity(
            obj=run,
            action="matchmaking.schedule.published",
            **_actor(by),
            data={
                "changed": len(changed),
                "notified": notified,
                # Meetings given a time: the webhooks' meeting.scheduled events.
                "scheduled": [m.pk for m in changed if m.slot_id is not None],
            },
        )
    return PublishResult(changed=len(changed), notified=notified)
