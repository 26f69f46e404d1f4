"""Meeting requests: send, accept (taking a slot and a table), decline, cancel, expire."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kongres.common.activity import PARTICIPANT, log_activity
from kongres.matchmaking import selectors
from kongres.matchmaking.enums import (
    MatchmakingMessage,
    MeetingState,
    RequestMode,
    RequestState,
    SchedulingMode,
)
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import Meeting, MeetingRequest, Profile, Slot, SlotBooking
from kongres.matchmaking.services._base import (
    _actor,
    _check_enabled,
    _check_people_free,
    _check_room_for_meeting,
    _check_window,
    _lock_profiles,
    _mail,
    _now,
)
from kongres.matchmaking.services.meetings import _meeting_cancel_locked
from kongres.registration.enums import HOLDING_STATES


def request_send(
    sender: Profile,
    recipient: Profile,
    message: str = "",
    session=None,
    *,
    now: datetime | None = None,
) -> MeetingRequest:
    """Send a meeting request; in the ``auto`` request mode it is accepted at once."""
    now = _now(now)
    message = (message or "").strip()
    if sender.pk == recipient.pk:
        raise MatchmakingError(_("You cannot send a meeting request to yourself."))
    if sender.edition_id != recipient.edition_id:
        raise MatchmakingError(_("This person takes part in another congress."))
    config = selectors.matchmaking_settings(sender.edition)
    _check_enabled(config)
    _check_window(config, now)
    if len(message) > 1000:
        raise MatchmakingError(_("The message may have at most 1000 characters."), field="message")
    if session is not None:
        if not config.allow_session_limit:
            raise MatchmakingError(_("Requests cannot be limited to one session at this congress."))
        if session.edition_id != sender.edition_id:
            raise MatchmakingError(_("Choose a session of this congress."), field="session")

    with transaction.atomic():
        sender, recipient = _lock_profiles(sender, recipient)
        if not sender.is_active:
            raise MatchmakingError(_("Fill in your matchmaking profile first."))
        if not recipient.is_active or recipient.registration.state not in HOLDING_STATES:
            raise MatchmakingError(_("This person does not take part in matchmaking."))
        existing = selectors.open_request_between(sender, recipient)
        if existing is not None:
            if existing.state == RequestState.ACCEPTED:
                raise MatchmakingError(_("You already have a meeting with this person."))
            if existing.sender_id == recipient.pk:
                raise MatchmakingError(
                    _("This person has already sent you a request. Accept it instead.")
                )
            raise MatchmakingError(_("You have already sent this person a request."))
        pending = MeetingRequest.objects.filter(sender=sender, state=RequestState.PENDING).count()
        if pending >= config.max_pending_requests:
            raise MatchmakingError(
                ngettext(
                    "You have %(count)d request awaiting an answer. Wait for answers before "
                    "sending more.",
                    "You have %(count)d requests awaiting an answer. Wait for answers before "
                    "sending more.",
                    pending,
                )
                % {"count": pending}
            )
        _check_room_for_meeting(sender, me=sender)
        _check_room_for_meeting(recipient, me=sender)
        expires_at = (
            now + timedelta(hours=config.request_expiry_hours)
            if config.request_expiry_hours
            else None
        )
        try:
            with transaction.atomic():
                request = MeetingRequest.objects.create(
                    edition=sender.edition,
                    sender=sender,
                    recipient=recipient,
                    message=message,
                    session=session,
                    expires_at=expires_at,
                )
        except IntegrityError:
            raise MatchmakingError(_("You have already sent this person a request.")) from None
        log_activity(obj=request, action="matchmaking.request.sent", actor_label=PARTICIPANT)
        if config.request_mode == RequestMode.AUTO:
            slot = None
            if config.scheduling_mode == SchedulingMode.SELF:
                free = selectors.free_slots_for(request, now=now)
                if not free:
                    raise MatchmakingError(_("You have no free time in common with this person."))
                slot = free[0]
            _accept_locked(request, sender, recipient, slot=slot, config=config, now=now)
        # In the auto mode the mail says the meeting is already agreed.
        _mail(
            recipient, MatchmakingMessage.MM_REQUEST_RECEIVED, str(request.pk), request=request.pk
        )
    return request


def _locked_request(request: MeetingRequest) -> tuple[MeetingRequest, Profile, Profile]:
    """Lock the request's two profiles (id order) and then the request; return them fresh."""
    sender, recipient = _lock_profiles(request.sender, request.recipient)
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    return request, sender, recipient


def _check_pending(request: MeetingRequest, now: datetime) -> None:
    if request.state == RequestState.ACCEPTED:
        raise MatchmakingError(_("This request has already been accepted."))
    if request.state == RequestState.DECLINED:
        raise MatchmakingError(_("This request has already been declined."))
    if request.state != RequestState.PENDING or (
        request.expires_at is not None and request.expires_at <= now
    ):
        raise MatchmakingError(_("This request is no longer open."))


def request_accept(
    request: MeetingRequest, slot: Slot | None = None, *, now: datetime | None = None
) -> Meeting:
    """Accept a request: self mode places the meeting in the chosen slot at the lowest free
    table; organiser mode makes a meeting without a slot, placed later by the scheduler."""
    now = _now(now)
    config = selectors.matchmaking_settings(request.edition)
    _check_enabled(config)
    _check_window(config, now)
    with transaction.atomic():
        request, sender, recipient = _locked_request(request)
        _check_pending(request, now)
        if not sender.is_active:
            raise MatchmakingError(_("This person no longer takes part in matchmaking."))
        if not recipient.is_active:
            raise MatchmakingError(_("Fill in your matchmaking profile first."))
        return _accept_locked(request, sender, recipient, slot=slot, config=config, now=now)


def _accept_locked(request, sender, recipient, *, slot, config, now) -> Meeting:
    _check_room_for_meeting(recipient, me=recipient)
    _check_room_for_meeting(sender, me=recipient)
    table = None
    if config.scheduling_mode == SchedulingMode.SELF:
        if slot is None:
            raise MatchmakingError(_("Choose a time for the meeting."), field="slot")
        slot, table = _take_slot(
            slot, sender, recipient, session_id=request.session_id, me=recipient, now=now
        )
    else:
        slot = None
    request.state = RequestState.ACCEPTED
    request.answered_at = now
    try:
        with transaction.atomic():
            request.save(update_fields=["state", "answered_at"])
            meeting = Meeting.objects.create(
                edition=request.edition,
                request=request,
                a=sender,
                b=recipient,
                slot=slot,
                table=table,
                is_published=slot is not None,
            )
            if slot is not None:
                SlotBooking.objects.bulk_create(
                    [
                        SlotBooking(profile=sender, slot=slot, meeting=meeting),
                        SlotBooking(profile=recipient, slot=slot, meeting=meeting),
                    ]
                )
    except IntegrityError:
        # Only a path that skipped the locks could get here; the constraints hold regardless.
        raise MatchmakingError(_("This time was just taken. Choose another one.")) from None
    log_activity(
        obj=meeting,
        action="matchmaking.request.accepted",
        actor_label=PARTICIPANT,
        data={"request": request.pk, "slot": slot.code if slot else None, "table": table},
    )
    _mail(sender, MatchmakingMessage.MM_REQUEST_ACCEPTED, str(request.pk), meeting=meeting.pk)
    return meeting


def _take_slot(slot, a, b, *, session_id, me, now, exclude: Meeting | None = None):
    """Lock the slot (the owner of its tables), check both people can meet in it, and return
    it with the lowest free table. Profiles must be locked already."""
    slot = (
        Slot.objects.select_for_update(of=("self",))
        .select_related("session")
        .filter(pk=slot.pk)
        .first()
    )
    if slot is None or slot.session.edition_id != a.edition_id:
        raise MatchmakingError(_("Choose a time from the list."), field="slot")
    if slot.starts_at <= now:
        raise MatchmakingError(_("This time has already passed. Choose another one."), field="slot")
    if session_id and slot.session_id != session_id:
        raise MatchmakingError(
            _("This request is limited to another session. Choose a time in it."), field="slot"
        )
    _check_people_free(slot, a, b, me=me, exclude=exclude)
    table = selectors.free_table(slot) if exclude is None else _free_table_excluding(slot, exclude)
    if table is None:
        raise MatchmakingError(
            _("All tables are taken at this time. Choose another one."), field="slot"
        )
    return slot, table


def _free_table_excluding(slot: Slot, meeting: Meeting) -> int | None:
    taken = set(
        Meeting.objects.filter(slot=slot, state=MeetingState.PLANNED)
        .exclude(pk=meeting.pk)
        .values_list("table", flat=True)
    )
    for table in range(1, slot.session.tables + 1):
        if table not in taken:
            return table
    return None


def request_decline(request: MeetingRequest, *, now: datetime | None = None) -> MeetingRequest:
    now = _now(now)
    with transaction.atomic():
        request, sender, _recipient = _locked_request(request)
        _check_pending(request, now)
        request.state = RequestState.DECLINED
        request.answered_at = now
        request.save(update_fields=["state", "answered_at"])
        log_activity(obj=request, action="matchmaking.request.declined", actor_label=PARTICIPANT)
        _mail(sender, MatchmakingMessage.MM_REQUEST_DECLINED, str(request.pk), request=request.pk)
    return request


def request_cancel(request: MeetingRequest, by, *, now: datetime | None = None) -> MeetingRequest:
    """Withdraw a pending request (its sender), or cancel an accepted one with its meeting
    (either side, or the organiser when ``by`` is a user)."""
    now = _now(now)
    with transaction.atomic():
        request, sender, recipient = _locked_request(request)
        if isinstance(by, Profile) and by.pk not in (sender.pk, recipient.pk):
            raise MatchmakingError(_("This request is not yours."))
        if request.state == RequestState.PENDING:
            if isinstance(by, Profile) and by.pk != sender.pk:
                raise MatchmakingError(_("Decline the request instead."))
            request.state = RequestState.CANCELLED
            request.answered_at = now
            request.save(update_fields=["state", "answered_at"])
            log_activity(obj=request, action="matchmaking.request.cancelled", **_actor(by))
        elif request.state == RequestState.ACCEPTED:
            meeting = Meeting.objects.filter(request=request, state=MeetingState.PLANNED).first()
            if meeting is not None:
                _meeting_cancel_locked(meeting, by=by)
            else:
                request.state = RequestState.CANCELLED
                request.save(update_fields=["state"])
        else:
            raise MatchmakingError(_("This request is no longer open."))
        request.refresh_from_db()
    return request


def requests_expire(now: datetime | None = None) -> int:
    """Mark pending requests past their expiry as expired (housekeeping); returns how many."""
    now = _now(now)
    expired = 0
    ids = list(
        MeetingRequest.objects.filter(
            state=RequestState.PENDING, expires_at__isnull=False, expires_at__lte=now
        ).values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        with transaction.atomic():
            request = (
                MeetingRequest.objects.select_for_update()
                .filter(pk=pk, state=RequestState.PENDING, expires_at__lte=now)
                .first()
            )
            if request is None:
                continue
            request.state = RequestState.EXPIRED
            request.save(update_fields=["state"])
            log_activity(obj=request, action="matchmaking.request.expired")
            expired += 1
    return expired
