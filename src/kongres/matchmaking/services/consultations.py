"""Consultation slots with officials and experts: book and cancel."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from kongres.common.activity import PARTICIPANT, log_activity
from kongres.matchmaking import selectors
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import ConsultationSlot, Profile, Slot, SlotBooking
from kongres.matchmaking.services._base import _check_enabled, _check_window, _lock_profiles, _now
from kongres.registration.enums import HOLDING_STATES
from kongres.registration.models import Registration


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
