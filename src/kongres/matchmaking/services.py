"""Writes of matchmaking: profiles, requests, meetings, slots, consultations, the scheduler.

Every write follows the locking policy (docs/architecture.md, docs/matchmaking.md): one
transaction; the two profiles of a request locked in id order (``select_for_update``; SQLite's
IMMEDIATE transactions serialise writers), then the request, then the slot whose tables are
taken; check; write; log; queue the e-mail in the same transaction. The database backs the
rules: ``SlotBooking`` is unique per (profile, slot), so nobody has two meetings in one slot,
and planned meetings are unique per (slot, table). Bad input raises ``MatchmakingError`` with a
translated message before anything is written (or rolls the whole transaction back).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_scopes import scope

from kongres.common.activity import PARTICIPANT, SYSTEM, log_activity
from kongres.comms.enums import MessageKind
from kongres.comms.services import message_queue
from kongres.matchmaking import selectors
from kongres.matchmaking.enums import (
    CooperationType,
    ListingKind,
    MeetingLanguage,
    MeetingState,
    Outcome,
    RequestMode,
    RequestState,
    SchedulingMode,
    ShortfallReason,
)
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import (
    ConsultationSlot,
    MatchmakingSession,
    MatchmakingSettings,
    Meeting,
    MeetingRequest,
    Profile,
    SchedulerRun,
    Sector,
    Slot,
    SlotBooking,
)
from kongres.program.models import LOCAL_TZ
from kongres.registration.enums import HOLDING_STATES
from kongres.registration.models import Registration

logger = logging.getLogger(__name__)

MAX_LISTINGS = 10
MAX_MEETINGS_LIMIT = 50


# --- helpers ----------------------------------------------------------------------------------


def _now(now: datetime | None = None) -> datetime:
    return now or timezone.now()


def _actor(by) -> dict:
    """Activity-log arguments for ``by``: a user (organiser), a profile (participant) or None."""
    if by is None:
        return {"actor_label": SYSTEM}
    if isinstance(by, Profile):
        return {"actor_label": PARTICIPANT}
    return {"actor": by}


def _mail(profile: Profile, kind: MessageKind, key: str, **context):
    registration = profile.registration
    return message_queue(
        edition=registration.edition,
        kind=kind,
        to_email=registration.email,
        language=registration.language,
        registration=registration,
        dedupe_key=f"{kind}:{profile.pk}:{key}",
        context=context,
    )


def _check_enabled(config: MatchmakingSettings) -> None:
    if not config.enabled:
        raise MatchmakingError(_("B2B matchmaking is not open at this congress."))


def _check_window(config: MatchmakingSettings, now: datetime) -> None:
    if config.booking_opens_at and now < config.booking_opens_at:
        when = timezone.localtime(config.booking_opens_at, LOCAL_TZ)
        raise MatchmakingError(
            _("Meeting requests open on %(date)s.") % {"date": when.strftime("%d.%m.%Y %H:%M")}
        )
    if config.booking_closes_at and now >= config.booking_closes_at:
        raise MatchmakingError(_("Meeting requests and bookings are closed."))


def _lock_profiles(*profiles: Profile) -> list[Profile]:
    """Lock the profiles in id order (one fixed order, so two writers never wait in a cycle);
    returns them fresh from the database, in the order given."""
    fresh = {}
    for pk in sorted({profile.pk for profile in profiles}):
        fresh[pk] = (
            Profile.objects.select_for_update(of=("self",))
            .select_related("registration__edition", "edition")
            .get(pk=pk)
        )
    return [fresh[profile.pk] for profile in profiles]


def _planned_count(profile: Profile, *, exclude: Meeting | None = None) -> int:
    meetings = Meeting.objects.filter(Q(a=profile) | Q(b=profile), state=MeetingState.PLANNED)
    if exclude is not None:
        meetings = meetings.exclude(pk=exclude.pk)
    return meetings.count()


def _check_room_for_meeting(profile: Profile, *, me: Profile) -> None:
    if _planned_count(profile) >= profile.max_meetings:
        if profile.pk == me.pk:
            raise MatchmakingError(
                _("You have reached your maximum of %(count)d meetings.")
                % {"count": profile.max_meetings}
            )
        raise MatchmakingError(
            _("%(name)s has no room for more meetings.") % {"name": profile.registration.full_name}
        )


def _name(profile: Profile) -> str:
    return profile.registration.full_name


# --- sessions ---------------------------------------------------------------------------------


def session_slots_generate(session: MatchmakingSession, *, by=None) -> int:
    """Cut a session into slots of ``slot_minutes`` from its start to its end (codes like
    "A01"); slots already there are kept. Returns how many were made."""
    with transaction.atomic():
        session = MatchmakingSession.objects.select_for_update().get(pk=session.pk)
        existing = set(session.slots.values_list("starts_at", flat=True))
        step = timedelta(minutes=session.slot_minutes)
        made = []
        start, number = session.starts_at, 1
        while start + step <= session.ends_at:
            if start not in existing:
                made.append(
                    Slot(
                        session=session,
                        code=f"{session.code}{number:02d}",
                        starts_at=start,
                        ends_at=start + step,
                    )
                )
            start, number = start + step, number + 1
        try:
            with transaction.atomic():
                Slot.objects.bulk_create(made)
        except IntegrityError:
            raise MatchmakingError(
                _("Slot codes of this session clash; rename or delete the old slots first.")
            ) from None
        if made:
            log_activity(
                obj=session,
                action="matchmaking.slots.generated",
                **_actor(by),
                data={"count": len(made)},
            )
    return len(made)


# --- profiles ---------------------------------------------------------------------------------


def _ids(values) -> list[int]:
    ids = []
    for value in values or []:
        value = getattr(value, "pk", value)
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            raise MatchmakingError(_("The form contains an unknown choice.")) from None
    return ids


def _codes(values, allowed, message) -> list[str]:
    codes = []
    for value in values or []:
        value = str(value)
        if value not in allowed:
            raise MatchmakingError(message)
        if value not in codes:
            codes.append(value)
    return codes


def _listings(data) -> list[dict]:
    listings = []
    for item in data or []:
        kind = str(item.get("kind", ""))
        title = str(item.get("title", "")).strip()
        text = str(item.get("text", "")).strip()
        if not title and not text:
            continue
        if kind not in ListingKind.values:
            raise MatchmakingError(_("Say whether it is an offer or a request."))
        if not title:
            raise MatchmakingError(_("Give each offer and request a title."), field="listings")
        if len(title) > 200 or len(text) > 2000:
            raise MatchmakingError(
                _("A title may have at most 200 characters and a text at most 2000."),
                field="listings",
            )
        listings.append({"kind": kind, "title": title, "text": text})
    if len(listings) > MAX_LISTINGS:
        raise MatchmakingError(
            _("You can list at most %(count)d offers and requests.") % {"count": MAX_LISTINGS},
            field="listings",
        )
    return listings


def search_text_of(profile: Profile) -> str:
    """The stemmed words of a profile for search (``kongres.matchmaking.text`` when present)."""
    parts = [profile.organisation, profile.description]
    for listing in profile.listings.all():
        parts.extend((listing.title, listing.text))
    for sector in profile.sectors.all():
        names = sector.name.data
        parts.extend(names.values() if isinstance(names, dict) else [str(names or "")])
    joined = "\n".join(part for part in parts if part)
    try:
        from kongres.matchmaking.text import analyse
    except ImportError:  # the text module arrives with search; plain words until then
        return " ".join(joined.lower().split())
    return " ".join(analyse(joined))


def profile_reindex(profile: Profile) -> None:
    """Recompute a profile's ``search_text`` (after its listings or sectors changed)."""
    Profile.objects.filter(pk=profile.pk).update(search_text=search_text_of(profile))


def profile_save(registration: Registration, data: dict, *, now: datetime | None = None) -> Profile:
    """Create or update the registration's profile (and opt it in again if it had opted out).

    ``data`` keys: ``organisation``, ``description``, ``sectors`` (ids), ``cooperation_types``,
    ``languages``, ``max_meetings``, ``available_slots`` (slot ids), ``listings`` (a list of
    ``{"kind": "offer"|"request", "title": …, "text": …}``; the given list replaces the old).
    """
    edition = registration.edition
    config = selectors.matchmaking_settings(edition)
    _check_enabled(config)
    if registration.state not in HOLDING_STATES:
        raise MatchmakingError(_("Only registered participants can take part in matchmaking."))
    organisation = str(data.get("organisation") or registration.organisation or "").strip()
    if not organisation:
        raise MatchmakingError(_("Give the name of your organisation."), field="organisation")
    if len(organisation) > 200:
        raise MatchmakingError(_("The name of the organisation is too long."), field="organisation")
    description = str(data.get("description") or "").strip()
    if len(description) > 2000:
        raise MatchmakingError(
            _("The description may have at most 2000 characters."), field="description"
        )
    cooperation_types = _codes(
        data.get("cooperation_types"),
        CooperationType.values,
        _("Choose the types of cooperation from the list."),
    )
    languages = _codes(
        data.get("languages"), MeetingLanguage.values, _("Choose the languages from the list.")
    )
    sector_ids = _ids(data.get("sectors"))
    if len(set(sector_ids)) != Sector.objects.filter(pk__in=sector_ids).count():
        raise MatchmakingError(_("Choose the sectors from the list."), field="sectors")
    slot_ids = set(_ids(data.get("available_slots")))
    edition_slots = set(Slot.objects.filter(session__edition=edition).values_list("pk", flat=True))
    if not slot_ids <= edition_slots:
        raise MatchmakingError(
            _("Choose the times from the list of this congress."), field="available_slots"
        )
    if edition_slots and not slot_ids:
        raise MatchmakingError(
            _("Choose at least one time when you are available for meetings."),
            field="available_slots",
        )
    max_meetings = data.get("max_meetings")
    if max_meetings in (None, ""):
        max_meetings = None
    else:
        try:
            max_meetings = int(max_meetings)
        except (TypeError, ValueError):
            raise MatchmakingError(
                _("Give the number of meetings as a whole number."), field="max_meetings"
            ) from None
        if not 1 <= max_meetings <= MAX_MEETINGS_LIMIT:
            raise MatchmakingError(
                _("You can have between 1 and %(max)d meetings.") % {"max": MAX_MEETINGS_LIMIT},
                field="max_meetings",
            )
    listings = _listings(data.get("listings"))

    with transaction.atomic():
        Registration.objects.select_for_update().filter(pk=registration.pk).first()
        profile = Profile.objects.select_for_update().filter(registration=registration).first()
        created = profile is None
        if created:
            profile = Profile(edition=edition, registration=registration)
            if max_meetings is None:
                max_meetings = config.default_max_meetings
        else:
            profile = _lock_profiles(profile)[0]
            booked = {
                booking.slot_id: booking
                for booking in SlotBooking.objects.filter(profile=profile).select_related("slot")
            }
            dropped = [b for sid, b in booked.items() if sid not in slot_ids and b.meeting_id]
            if edition_slots and dropped:
                when = timezone.localtime(dropped[0].slot.starts_at, LOCAL_TZ)
                raise MatchmakingError(
                    _(
                        "You have a meeting at %(time)s. Cancel it before you mark that time "
                        "as unavailable."
                    )
                    % {"time": when.strftime("%d.%m %H:%M")},
                    field="available_slots",
                )
            planned = _planned_count(profile)
            if max_meetings is not None and max_meetings < planned:
                raise MatchmakingError(
                    ngettext(
                        "You already have %(count)d meeting; the maximum cannot be lower.",
                        "You already have %(count)d meetings; the maximum cannot be lower.",
                        planned,
                    )
                    % {"count": planned},
                    field="max_meetings",
                )
        profile.is_active = True
        profile.organisation = organisation
        profile.description = description
        profile.cooperation_types = cooperation_types
        profile.languages = languages
        if max_meetings is not None:
            profile.max_meetings = max_meetings
        profile.save()
        profile.sectors.set(sector_ids)
        profile.available_slots.set(slot_ids)
        profile.listings.all().delete()
        profile.listings.bulk_create(
            [
                profile.listings.model(profile=profile, order=order, **item)
                for order, item in enumerate(listings)
            ]
        )
        profile.search_text = search_text_of(profile)
        profile.save(update_fields=["search_text"])
        log_activity(
            obj=profile,
            action="matchmaking.profile.created" if created else "matchmaking.profile.changed",
            actor_label=PARTICIPANT,
        )
    return profile


def profile_opt_out(profile: Profile, *, by=None) -> Profile:
    """Leave matchmaking: open requests are cancelled, planned meetings too (partners told)."""
    with transaction.atomic():
        profile = _lock_profiles(profile)[0]
        if not profile.is_active:
            return profile
        requests = MeetingRequest.objects.filter(
            Q(sender=profile) | Q(recipient=profile), state=RequestState.PENDING
        )
        requests.update(state=RequestState.CANCELLED, answered_at=timezone.now())
        for meeting in selectors.planned_meetings_of(profile):
            _meeting_cancel_locked(meeting, by=profile)
        profile.is_active = False
        profile.save(update_fields=["is_active", "updated_at"])
        log_activity(obj=profile, action="matchmaking.profile.opted_out", **_actor(by or profile))
    return profile


def registration_cancelled(registration: Registration) -> None:
    """Called at the end of ``registration_cancel``'s transaction: the person leaves
    matchmaking. Their profile is deactivated, pending requests to and from them are cancelled,
    planned meetings are cancelled with an e-mail to each partner, and their consultation
    bookings are released. Locks: the registration is held by the caller; then the profile,
    then its meetings, then the consultation slots (the order of ``consultation_book``)."""
    with transaction.atomic(), scope(edition=registration.edition):
        profile = Profile.objects.filter(registration=registration).first()
        if profile is not None and profile.is_active:
            profile_opt_out(profile, by=None)
        booked = list(
            ConsultationSlot.objects.select_for_update(of=("self",))
            .filter(booked_by=registration)
            .order_by("pk")
        )
        for slot in booked:
            SlotBooking.objects.filter(consultation=slot).delete()
            slot.booked_by = None
            slot.booked_at = None
            slot.save(update_fields=["booked_by", "booked_at"])
            log_activity(
                obj=slot,
                action="matchmaking.consultation.cancelled",
                edition=registration.edition,
                actor_label=SYSTEM,
                data={"registration": registration.pk},
            )


# --- requests ---------------------------------------------------------------------------------


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
        _mail(recipient, MessageKind.MM_REQUEST_RECEIVED, str(request.pk), request=request.pk)
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
    _mail(sender, MessageKind.MM_REQUEST_ACCEPTED, str(request.pk), meeting=meeting.pk)
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


def _check_people_free(slot, a, b, *, me, exclude: Meeting | None = None) -> None:
    available = set(
        Profile.available_slots.through.objects.filter(
            slot_id=slot.pk, profile_id__in=[a.pk, b.pk]
        ).values_list("profile_id", flat=True)
    )
    bookings = SlotBooking.objects.filter(slot=slot, profile_id__in=[a.pk, b.pk])
    if exclude is not None:
        bookings = bookings.exclude(meeting=exclude)
    busy = set(bookings.values_list("profile_id", flat=True))
    people = [me] + [person for person in (a, b) if person.pk != me.pk]
    for person in people:
        if person.pk not in available:
            if person.pk == me.pk:
                raise MatchmakingError(
                    _("You marked this time as unavailable. Choose another one."), field="slot"
                )
            raise MatchmakingError(
                _("%(name)s is not available at this time. Choose another one.")
                % {"name": _name(person)},
                field="slot",
            )
        if person.pk in busy:
            if person.pk == me.pk:
                raise MatchmakingError(
                    _("You already have a meeting at this time. Choose another one."),
                    field="slot",
                )
            raise MatchmakingError(
                _("%(name)s already has a meeting at this time. Choose another one.")
                % {"name": _name(person)},
                field="slot",
            )


def request_decline(request: MeetingRequest, *, now: datetime | None = None) -> MeetingRequest:
    now = _now(now)
    with transaction.atomic():
        request, sender, _recipient = _locked_request(request)
        _check_pending(request, now)
        request.state = RequestState.DECLINED
        request.answered_at = now
        request.save(update_fields=["state", "answered_at"])
        log_activity(obj=request, action="matchmaking.request.declined", actor_label=PARTICIPANT)
        _mail(sender, MessageKind.MM_REQUEST_DECLINED, str(request.pk), request=request.pk)
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


# --- meetings ---------------------------------------------------------------------------------


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
            MessageKind.MM_MEETING_CANCELLED,
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
                    MessageKind.MM_MEETING_CHANGED,
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


# --- consultations ----------------------------------------------------------------------------


def consultation_book(
    slot: ConsultationSlot, registration: Registration, *, now: datetime | None = None
) -> ConsultationSlot:
    """Book a free consultation slot, first come first served."""
    now = _now(now)
    config = selectors.matchmaking_settings(registration.edition)
    _check_enabled(config)
    _check_window(config, now)
    if registration.state not in HOLDING_STATES:
        raise MatchmakingError(_("Only registered participants can book consultations."))
    with transaction.atomic():
        Registration.objects.select_for_update().get(pk=registration.pk)
        profile = Profile.objects.filter(registration=registration, is_active=True).first()
        if profile is not None:
            profile = _lock_profiles(profile)[0]
        slot = (
            ConsultationSlot.objects.select_for_update(of=("self",))
            .select_related("host")
            .filter(pk=slot.pk)
            .first()
        )
        if slot is None or slot.host.edition_id != registration.edition_id:
            raise MatchmakingError(_("Choose a consultation of this congress."))
        if slot.booked_by_id == registration.pk:
            raise MatchmakingError(_("You have already booked this consultation."))
        if slot.booked_by_id is not None:
            raise MatchmakingError(_("This time has just been booked. Choose another one."))
        if slot.starts_at <= now:
            raise MatchmakingError(_("This time has already passed. Choose another one."))
        if ConsultationSlot.objects.filter(booked_by=registration, host=slot.host).exists():
            raise MatchmakingError(
                _("You have already booked a consultation with %(name)s.")
                % {"name": slot.host.name}
            )
        if ConsultationSlot.objects.filter(
            booked_by=registration, starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at
        ).exists():
            raise MatchmakingError(_("You have another consultation at this time."))
        overlapping = []
        if profile is not None:
            overlapping = list(
                Slot.objects.filter(
                    session__edition=registration.edition,
                    starts_at__lt=slot.ends_at,
                    ends_at__gt=slot.starts_at,
                )
            )
            if SlotBooking.objects.filter(profile=profile, slot__in=overlapping).exists():
                raise MatchmakingError(_("You have a B2B meeting at this time."))
        slot.booked_by = registration
        slot.booked_at = now
        try:
            with transaction.atomic():
                slot.save(update_fields=["booked_by", "booked_at"])
                SlotBooking.objects.bulk_create(
                    [SlotBooking(profile=profile, slot=s, consultation=slot) for s in overlapping]
                )
        except IntegrityError:
            raise MatchmakingError(_("You have a B2B meeting at this time.")) from None
        log_activity(
            obj=slot,
            action="matchmaking.consultation.booked",
            edition=registration.edition,
            actor_label=PARTICIPANT,
            data={"registration": registration.pk},
        )
    return slot


def consultation_cancel(slot: ConsultationSlot, registration: Registration) -> ConsultationSlot:
    with transaction.atomic():
        Registration.objects.select_for_update().get(pk=registration.pk)
        slot = (
            ConsultationSlot.objects.select_for_update(of=("self",))
            .select_related("host")
            .get(pk=slot.pk)
        )
        if slot.booked_by_id != registration.pk:
            raise MatchmakingError(_("You have not booked this consultation."))
        SlotBooking.objects.filter(consultation=slot).delete()
        slot.booked_by = None
        slot.booked_at = None
        slot.save(update_fields=["booked_by", "booked_at"])
        log_activity(
            obj=slot,
            action="matchmaking.consultation.cancelled",
            edition=registration.edition,
            actor_label=PARTICIPANT,
            data={"registration": registration.pk},
        )
    return slot


# --- follow-up --------------------------------------------------------------------------------


def follow_ups_send(now: datetime | None = None) -> int:
    """After the event (plus ``follow_up_after_hours``) ask everyone who had meetings whether
    they led to cooperation, once per edition (housekeeping); returns the mails queued."""
    now = _now(now)
    queued = 0
    candidates = MatchmakingSettings.objects.filter(
        enabled=True, follow_up_sent_at__isnull=True
    ).select_related("edition")
    for config in candidates:
        if now < _event_end(config.edition) + timedelta(hours=config.follow_up_after_hours):
            continue
        with transaction.atomic():
            config = (
                MatchmakingSettings.objects.select_for_update(of=("self",))
                .filter(pk=config.pk, follow_up_sent_at__isnull=True)
                .select_related("edition")
                .first()
            )
            if config is None:
                continue
            placed = Meeting.objects.filter(
                edition=config.edition,
                state=MeetingState.PLANNED,
                slot__isnull=False,
                is_published=True,
            )
            ids = set(placed.values_list("a_id", flat=True)) | set(
                placed.values_list("b_id", flat=True)
            )
            for profile in Profile.objects.filter(pk__in=ids).select_related(
                "registration__edition"
            ):
                if profile.registration.state in HOLDING_STATES and _mail(
                    profile, MessageKind.MM_FOLLOW_UP, "1"
                ):
                    queued += 1
            config.follow_up_sent_at = now
            config.save(update_fields=["follow_up_sent_at"])
            log_activity(
                obj=config,
                action="matchmaking.follow_up.sent",
                edition=config.edition,
                data={"queued": queued},
            )
    return queued


# --- scheduler --------------------------------------------------------------------------------


def _settings_locked(edition) -> MatchmakingSettings:
    config, _created = MatchmakingSettings.objects.get_or_create(edition=edition)
    return MatchmakingSettings.objects.select_for_update().get(pk=config.pk)


def scheduler_instance(edition, *, keep_published: bool = True) -> dict:
    """The scheduler's instance (JSON shape of ``kongres.matchmaking.scheduler``) built from
    the database: slots in time order with their session's tables, people with the slots they
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
            {"id": slot_ids[s.pk], "session": f"s{s.session_id}", "tables": s.session.tables}
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


def scheduler_run(
    edition, keep_published: bool = True, time_limit: float | None = 30.0, *, by=None
) -> SchedulerRun:
    """Run the scheduler over the edition's accepted meetings and store the result as a draft
    (``draft_slot``/``draft_table`` on the meetings), to be checked and published."""
    from kongres.matchmaking.scheduler import InstanceError, schedule

    instance = scheduler_instance(edition, keep_published=keep_published)
    try:
        result = schedule(instance, time_limit=time_limit)
    except InstanceError as error:  # pragma: no cover - the instance is built consistently
        logger.exception("scheduler refused the instance of %s", edition)
        raise MatchmakingError(
            _("The scheduler could not run: %(error)s") % {"error": error}
        ) from error
    shortfall = _shortfall(edition, instance, result)
    slot_pk = {f"s{pk}": pk for pk in selectors.slots_of(edition).values_list("pk", flat=True)}
    placed = {int(row["meeting"][1:]): row for row in result["assignments"]}
    with transaction.atomic():
        _settings_locked(edition)
        planned = Meeting.objects.filter(edition=edition, state=MeetingState.PLANNED)
        planned.update(draft_slot=None, draft_table=None)
        changed = []
        for meeting in planned.filter(pk__in=list(placed)).only("pk"):
            row = placed[meeting.pk]
            meeting.draft_slot_id = slot_pk[row["slot"]]
            meeting.draft_table = row["table"]
            changed.append(meeting)
        Meeting.objects.bulk_update(changed, ["draft_slot", "draft_table"], batch_size=500)
        run = SchedulerRun.objects.create(
            edition=edition,
            created_by=by if by is not None and not isinstance(by, Profile) else None,
            keep_published=keep_published,
            meetings=len(instance["meetings"]),
            scheduled=len(changed),
            upper_bound=result["upper_bound"],
            seconds=result["seconds"],
            shortfall=shortfall,
            unscheduled=[int(mid[1:]) for mid in result["unscheduled"]],
        )
        log_activity(
            obj=run,
            action="matchmaking.scheduler.run",
            **_actor(by),
            data={"scheduled": run.scheduled, "upper_bound": run.upper_bound},
        )
    return run


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
        run = SchedulerRun.objects.filter(edition=edition).order_by("-created_at", "-id").first()
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
            if _mail(profile, MessageKind.MM_SCHEDULE_PUBLISHED, digest):
                notified += 1
        config.schedule_published_at = now
        config.save(update_fields=["schedule_published_at"])
        run.published_at = now
        run.save(update_fields=["published_at"])
        log_activity(
            obj=run,
            action="matchmaking.schedule.published",
            **_actor(by),
            data={"changed": len(changed), "notified": notified},
        )
    return PublishResult(changed=len(changed), notified=notified)
