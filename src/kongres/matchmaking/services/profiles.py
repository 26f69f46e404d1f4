"""Matchmaking sessions and their slots; profiles, opting in and out."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_scopes import scope

from kongres.common.activity import PARTICIPANT, SYSTEM, log_activity
from kongres.matchmaking import selectors
from kongres.matchmaking.enums import CooperationType, ListingKind, MeetingLanguage, RequestState
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import (
    ConsultationSlot,
    MatchmakingSession,
    MeetingRequest,
    Profile,
    Sector,
    Slot,
    SlotBooking,
)
from kongres.matchmaking.services._base import (
    MAX_LISTINGS,
    MAX_MEETINGS_LIMIT,
    _actor,
    _check_enabled,
    _lock_profiles,
    _planned_count,
)
from kongres.matchmaking.services.meetings import _meeting_cancel_locked
from kongres.program.models import LOCAL_TZ
from kongres.registration.enums import HOLDING_STATES
from kongres.registration.models import Registration


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
