"""Meetings: cancel, move, record how they went."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kongres.common.activity import PARTICIPANT, log_activity
from kongres.matchmaking import selectors
from kongres.matchmaking.enums import (
    MatchmakingMessage,
    MeetingState,
    Outcome,
    RequestState,
    SchedulingMode,
)
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import (
    MatchmakingSession,
    Meeting,
    MeetingRequest,
    Profile,
    Slot,
    SlotBooking,
)
from kongres.matchmaking.services._base import (
    _actor,
    _check_people_free,
    _lock_profiles,
    _mail,
    _name,
    _now,
)
from kongres.program.models import LOCAL_TZ


def _meeting_cancel_locked(meeting: Meeting, *, by) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("a", "b").get(pk=meeting.pk)
    )
    if meeting.state != MeetingState.PLANNED:
        raise MatchmakingError(_("This meeting has already been cancelled."))
    was_visible = meeting.slot_id is not None and meeting.is_published
    SlotBooking.objects.filter(meeting=meeting).delete()
    meeting.state = MeetingState.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.draft_slot = None
    meeting.draft_table = None
    meeting.version += 1
    meeting.save()
    if meeting.request_id:
        MeetingRequest.objects.filter(pk=meeting.request_id).update(state=RequestState.CANCELLED)
    log_activity(obj=meeting, action="matchmaking.meeting.cancelled", **_actor(by))
    for side in (meeting.a, meeting.b):
        if isinstance(by, Profile) and by.pk == side.pk:
            continue
        side = Profile.objects.select_related("registration__edition").get(pk=side.pk)
        _mail(
            side,
            MatchmakingMessage.MM_MEETING_CANCELLED,
            str(meeting.pk),
            meeting=meeting.pk,
            was_scheduled=was_visible,
        )
    return meeting


def meeting_cancel(meeting: Meeting, by=None) -> Meeting:
    """Cancel a planned meeting (a side, or the organiser); its slot and table are freed."""
    with transaction.atomic():
        a, b = _lock_profiles(meeting.a, meeting.b)
        if isinstance(by, Profile) and by.pk not in (a.pk, b.pk):
            raise MatchmakingError(_("This meeting is not yours."))
        return _meeting_cancel_locked(meeting, by=by)


def meeting_move(
    meeting: Meeting,
    slot: Slot | None,
    table: int | None = None,
    *,
    draft: bool | None = None,
    by=None,
    now: datetime | None = None,
) -> Meeting:
    """Move a meeting by hand (organiser), validated like a participant's choice.

    ``draft`` (default: the edition is in organiser mode) changes the scheduler's unpublished
    proposal; otherwise the visible placement changes and both sides are told. ``slot=None``
    takes the meeting out of its slot; ``table=None`` takes the lowest free table.
    """
    now = _now(now)
    config = selectors.matchmaking_settings(meeting.edition)
    if draft is None:
        draft = config.scheduling_mode == SchedulingMode.ORGANISER
    with transaction.atomic():
        a, b = _lock_profiles(meeting.a, meeting.b)
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.state != MeetingState.PLANNED:
            raise MatchmakingError(_("This meeting has been cancelled."))
        session_id = meeting.request.session_id if meeting.request_id else None
        if slot is not None:
            slot = (
                Slot.objects.select_for_update(of=("self",))
                .select_related("session")
                .filter(pk=slot.pk)
                .first()
            )
            if slot is None or slot.session.edition_id != meeting.edition_id:
                raise MatchmakingError(_("Choose a time from the list."), field="slot")
            if session_id and slot.session_id != session_id:
                raise MatchmakingError(
                    _("This meeting is limited to another session."), field="slot"
                )
            if table is not None and not 1 <= int(table) <= slot.session.tables:
                raise MatchmakingError(
                    _("This session has tables 1 to %(count)d.") % {"count": slot.session.tables},
                    field="table",
                )
            if draft:
                table = _check_draft_place(meeting, slot, table, a, b)
            else:
                _check_people_free(slot, a, b, me=a, exclude=meeting)
                taken = set(
                    Meeting.objects.filter(slot=slot, state=MeetingState.PLANNED)
                    .exclude(pk=meeting.pk)
                    .values_list("table", flat=True)
                )
                if table is None:
                    table = next(
                        (t for t in range(1, slot.session.tables + 1) if t not in taken), None
                    )
                    if table is None:
                        raise MatchmakingError(
                            _("All tables are taken at this time. Choose another one."),
                            field="slot",
                        )
                elif int(table) in taken:
                    raise MatchmakingError(
                        _("Table %(table)d is taken at this time.") % {"table": int(table)},
                        field="table",
                    )
        else:
            table = None
        before = {"slot": meeting.slot_id, "table": meeting.table}
        try:
            with transaction.atomic():
                if draft:
                    meeting.draft_slot = slot
                    meeting.draft_table = table
                    meeting.save(update_fields=["draft_slot", "draft_table", "updated_at"])
                else:
                    SlotBooking.objects.filter(meeting=meeting).delete()
                    meeting.slot = slot
                    meeting.table = table
                    meeting.is_published = slot is not None
                    meeting.version += 1
                    meeting.save()
                    if slot is not None:
                        SlotBooking.objects.bulk_create(
                            [
                                SlotBooking(profile=a, slot=slot, meeting=meeting),
                                SlotBooking(profile=b, slot=slot, meeting=meeting),
                            ]
                        )
        except IntegrityError:
            raise MatchmakingError(_("This time was just taken. Choose another one.")) from None
        log_activity(
            obj=meeting,
            action="matchmaking.meeting.moved_draft" if draft else "matchmaking.meeting.moved",
            **_actor(by),
            data={"before": before, "slot": slot.code if slot else None, "table": table},
        )
        if not draft:
            for side in (a, b):
                _mail(
                    side,
                    MatchmakingMessage.MM_MEETING_CHANGED,
                    f"{meeting.pk}:{meeting.version}",
                    meeting=meeting.pk,
                )
    return meeting


def _check_draft_place(meeting, slot, table, a, b) -> int:
    """Validate a move within the scheduler's draft; returns the table to use."""
    available = set(
        Profile.available_slots.through.objects.filter(
            slot_id=slot.pk, profile_id__in=[a.pk, b.pk]
        ).values_list("profile_id", flat=True)
    )
    for person in (a, b):
        if person.pk not in available:
            raise MatchmakingError(
                _("%(name)s is not available at this time.") % {"name": _name(person)},
                field="slot",
            )
    others = Meeting.objects.filter(draft_slot=slot, state=MeetingState.PLANNED).exclude(
        pk=meeting.pk
    )
    for person in (a, b):
        if (
            others.filter(Q(a=person) | Q(b=person)).exists()
            or (
                SlotBooking.objects.filter(profile=person, slot=slot, consultation__isnull=False)
            ).exists()
        ):
            raise MatchmakingError(
                _("%(name)s already has a meeting at this time.") % {"name": _name(person)},
                field="slot",
            )
    taken = set(others.values_list("draft_table", flat=True))
    if table is None:
        table = next((t for t in range(1, slot.session.tables + 1) if t not in taken), None)
        if table is None:
            raise MatchmakingError(
                _("All tables are taken at this time. Choose another one."), field="slot"
            )
    elif int(table) in taken:
        raise MatchmakingError(
            _("Table %(table)d is taken at this time.") % {"table": int(table)}, field="table"
        )
    return int(table)


def meeting_record_outcome(
    meeting: Meeting, profile: Profile, outcome: str, *, now: datetime | None = None
) -> Meeting:
    """One side records how the meeting went (held, no-show, cooperation or not)."""
    now = _now(now)
    if outcome not in Outcome.values:
        raise MatchmakingError(_("Choose one of the answers."), field="outcome")
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("slot")
            .get(pk=meeting.pk)
        )
        if profile.pk not in (meeting.a_id, meeting.b_id):
            raise MatchmakingError(_("This meeting is not yours."))
        if meeting.state != MeetingState.PLANNED:
            raise MatchmakingError(_("This meeting has been cancelled."))
        starts = meeting.slot.starts_at if meeting.slot_id else _edition_start(meeting.edition)
        if now < starts:
            raise MatchmakingError(_("You can tell us how it went after the meeting."))
        if profile.pk == meeting.a_id:
            meeting.outcome_a = outcome
        else:
            meeting.outcome_b = outcome
        meeting.held = _held(meeting.outcome_a, meeting.outcome_b)
        meeting.save(update_fields=["outcome_a", "outcome_b", "held", "updated_at"])
        log_activity(
            obj=meeting,
            action="matchmaking.meeting.outcome",
            actor_label=PARTICIPANT,
            data={"profile": profile.pk, "outcome": outcome},
        )
    return meeting


def _held(*outcomes: str) -> bool | None:
    from kongres.matchmaking.enums import HELD_OUTCOMES

    if any(outcome in HELD_OUTCOMES for outcome in outcomes):
        return True
    if any(outcome == Outcome.NO_SHOW for outcome in outcomes):
        return False
    return None


def _edition_start(edition) -> datetime:
    return datetime.combine(edition.start_date, time(0, 0), tzinfo=LOCAL_TZ)


def _event_end(edition) -> datetime:
    """The end of the event: its last matchmaking session, else the end of its last day."""
    last = (
        MatchmakingSession.objects.filter(edition=edition)
        .order_by("-ends_at")
        .values_list("ends_at", flat=True)
        .first()
    )
    end_of_days = datetime.combine(
        edition.end_date + timedelta(days=1), time(0, 0), tzinfo=LOCAL_TZ
    )
    return last or end_of_days
