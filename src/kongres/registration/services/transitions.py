"""The state transitions of an existing registration: verification, approval, rejection,
cancellation, expired holds, and promotion from the waiting list when a place frees.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kongres.common.activity import (
    PARTICIPANT,
    SYSTEM,
    log_activity,
)
from kongres.events.permissions import require_permission
from kongres.registration import hooks
from kongres.registration.enums import (
    CancelReason,
    RegistrationMessage,
    RegistrationState,
)
from kongres.registration.exceptions import RegistrationError
from kongres.registration.models import (
    Category,
    Registration,
)
from kongres.registration.services.base import _free_place, _lock, _message
from kongres.visits import services as visit_services
from kongres.visits.enums import SignupState
from kongres.visits.models import Signup


def _confirm_or_await_approval(registration: Registration, now) -> None:
    registration.hold_expires_at = None
    if registration.category.requires_approval:
        registration.state = RegistrationState.PENDING_APPROVAL
        _message(registration, RegistrationMessage.PENDING_APPROVAL, "1")
    else:
        registration.state = RegistrationState.CONFIRMED
        registration.confirmed_at = now
        _message(registration, RegistrationMessage.REGISTRATION_CONFIRMED, "1")


def registration_verify(*, registration: Registration) -> Registration:
    """The participant opened the link from the first e-mail: the address is theirs."""
    now = timezone.now()
    with transaction.atomic():
        _category, registration = _lock(registration)
        if registration.state == RegistrationState.CANCELLED:
            raise RegistrationError(_("This registration has been cancelled."))
        if registration.email_verified_at is None:
            registration.email_verified_at = now
            if registration.state == RegistrationState.UNVERIFIED:
                _confirm_or_await_approval(registration, now)
            elif registration.state == RegistrationState.WAITLISTED:
                _message(registration, RegistrationMessage.WAITLISTED, "1")
            registration.save()
            log_activity(
                obj=registration,
                action=f"registration.verified.{registration.state}",
                actor_label=PARTICIPANT,
            )
    return registration


WRITE_KEY = "event.registrations:write"
WRITE_PERM = "registration.change_registration"


def _require_organiser(actor, registration: Registration) -> None:
    """An organiser's write: the actor holds the key in the registration's edition."""
    require_permission(actor, registration.edition_id, WRITE_KEY, model_perm=WRITE_PERM)


def registration_approve(*, registration: Registration, actor) -> Registration:
    _require_organiser(actor, registration)
    now = timezone.now()
    with transaction.atomic():
        _category, registration = _lock(registration)
        if registration.state != RegistrationState.PENDING_APPROVAL:
            raise RegistrationError(_("Only registrations awaiting approval can be approved."))
        registration.state = RegistrationState.CONFIRMED
        registration.confirmed_at = now
        registration.save()
        log_activity(obj=registration, action="registration.approved", actor=actor)
        _message(registration, RegistrationMessage.REGISTRATION_CONFIRMED, "1")
    return registration


def registration_reject(*, registration: Registration, actor) -> Registration:
    _require_organiser(actor, registration)
    if registration.state != RegistrationState.PENDING_APPROVAL:
        raise RegistrationError(_("Only registrations awaiting approval can be rejected."))
    return registration_cancel(registration=registration, reason=CancelReason.REJECTED, actor=actor)


def registration_cancel(
    *, registration: Registration, reason: CancelReason, actor=None
) -> Registration:
    """Cancel, release the place and every seat, and promote whoever waits for them."""
    _require_organiser(actor, registration)
    actor_label = PARTICIPANT if reason == CancelReason.BY_PARTICIPANT else SYSTEM
    now = timezone.now()
    with transaction.atomic():
        category, registration = _lock(registration)
        if registration.state == RegistrationState.CANCELLED:
            return registration
        if reason == CancelReason.NOT_VERIFIED and (
            registration.state != RegistrationState.UNVERIFIED
            or registration.hold_expires_at is None
            or registration.hold_expires_at > now
        ):
            return registration  # verified in the meantime: nothing to release
        registration.state = RegistrationState.CANCELLED
        registration.cancel_reason = reason
        registration.cancelled_at = now
        registration.place = None
        registration.hold_expires_at = None
        registration.save()
        log_activity(
            obj=registration,
            action=f"registration.cancelled.{reason}",
            actor=actor,
            actor_label=actor_label,
        )
        kind = (
            RegistrationMessage.REJECTED
            if reason == CancelReason.REJECTED
            else RegistrationMessage.CANCELLED
        )
        _message(registration, kind, "1", reason=reason)
        visit_services.signups_cancel_all(
            registration=registration, actor_label=actor_label, actor=actor
        )
        _promote_category(category, now)
        # Apps above registration (matchmaking) let go of the person: registration.hooks.
        hooks.registration_cancelled(registration)
    return registration


def _promote_category(category: Category, now) -> list[Registration]:
    """Give free places of the quota to the waiting list in arrival order (lock held)."""
    promoted = []
    waiting = (
        Registration.objects.filter(category=category, state=RegistrationState.WAITLISTED)
        .select_related("edition", "category")
        .order_by("created_at", "id")
    )
    for registration in waiting:
        place = _free_place(category)
        if place == 0:
            break
        registration.place = place
        if registration.email_verified_at:
            _confirm_or_await_approval(registration, now)
        else:
            registration.state = RegistrationState.UNVERIFIED
            registration.hold_expires_at = now + timedelta(hours=settings.REGISTRATION_HOLD_HOURS)
        registration.save()
        log_activity(
            obj=registration,
            action="registration.promoted",
            actor_label=SYSTEM,
            data={"state": registration.state, "place": place},
        )
        _message(registration, RegistrationMessage.PROMOTED, "1")
        promoted.append(registration)
        # Its sign-ups waiting for seats are eligible now.
        session_ids = Signup.objects.filter(
            registration=registration, state=SignupState.WAITLISTED
        ).values_list("session_id", flat=True)
        visit_services.sessions_promote(session_ids=session_ids)
    return promoted


def registrations_expire_holds(*, now=None) -> int:
    """Release places held by registrations whose e-mail was not confirmed in time."""
    now = now or timezone.now()
    expired = Registration.objects.filter(
        state=RegistrationState.UNVERIFIED, hold_expires_at__lte=now
    ).order_by("pk")
    count = 0
    for registration in expired:
        registration_cancel(registration=registration, reason=CancelReason.NOT_VERIFIED)
        count += 1
    return count
