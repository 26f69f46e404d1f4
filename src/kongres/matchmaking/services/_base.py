"""Helpers shared by the matchmaking services: time, actors, mail, locks and checks."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kongres.common.activity import PARTICIPANT, SYSTEM
from kongres.comms.services import message_queue
from kongres.matchmaking.enums import MeetingState
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import MatchmakingSettings, Meeting, Profile, SlotBooking
from kongres.program.models import LOCAL_TZ

MAX_LISTINGS = 10
MAX_MEETINGS_LIMIT = 50


def _now(now: datetime | None = None) -> datetime:
    return now or timezone.now()


def _actor(by) -> dict:
    """Activity-log arguments for ``by``: a user (organiser), a profile (participant) or None."""
    if by is None:
        return {"actor_label": SYSTEM}
    if isinstance(by, Profile):
        return {"actor_label": PARTICIPANT}
    return {"actor": by}


def _mail(profile: Profile, kind: str, key: str, **context):
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
