"""What a participant changes through the personal link: the link itself, personal data,
sessions, consents, the agenda feed address.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kongres.common.activity import (
    PARTICIPANT,
    log_activity,
)
from kongres.common.audit import jsonable
from kongres.registration import hooks
from kongres.registration.enums import (
    RegistrationMessage,
    RegistrationState,
)
from kongres.registration.exceptions import RegistrationError
from kongres.registration.models import (
    ConsentRecord,
    ConsentText,
    Registration,
    new_secret,
)
from kongres.registration.services.base import EDITABLE_FIELDS, _lock, _message
from kongres.visits import services as visit_services


def registration_send_link(*, registration: Registration) -> None:
    """Send the personal link again (at most once a minute per registration)."""
    minute = timezone.now().strftime("%Y%m%d%H%M")
    _message(registration, RegistrationMessage.LINK, minute)


def registration_update(*, registration: Registration, changes: dict, actor=None) -> Registration:
    """Edit of personal data (not the e-mail address, not the category).

    By the participant through the personal link, or by ``actor`` (a team member, the API).
    """
    with transaction.atomic():
        _category, registration = _lock(registration)
        if registration.state == RegistrationState.CANCELLED:
            raise RegistrationError(_("This registration has been cancelled."))
        before, after = {}, {}
        for name, value in changes.items():
            if name in EDITABLE_FIELDS and getattr(registration, name) != value:
                before[name] = jsonable(getattr(registration, name))
                after[name] = jsonable(value)
                setattr(registration, name, value)
        if after:
            registration.save()
            # Before and after for the audit log; erasure scrubs them (common.audit).
            log_activity(
                obj=registration,
                action="registration.updated",
                actor=actor,
                actor_label=PARTICIPANT,
                data={"fields": sorted(after), "before": before, "after": after},
            )
    return registration


def registration_change_sessions(*, registration: Registration, session_ids) -> Registration:
    with transaction.atomic():
        _category, registration = _lock(registration)
        if registration.state == RegistrationState.CANCELLED:
            raise RegistrationError(_("This registration has been cancelled."))
        visit_services.signups_change(registration=registration, session_ids=session_ids)
    return registration


def consent_withdraw(*, registration: Registration, kind: str) -> None:
    with transaction.atomic():
        records = ConsentRecord.objects.select_for_update().filter(
            registration=registration, consent__kind=kind, withdrawn_at__isnull=True
        )
        if any(record.consent.required for record in records):
            raise RegistrationError(
                _("This consent is needed to take part; to withdraw it, cancel the registration.")
            )
        now = timezone.now()
        for record in records:
            record.withdrawn_at = now
            record.save(update_fields=["withdrawn_at"])
            log_activity(
                obj=registration,
                action="consent.withdrawn",
                actor_label=PARTICIPANT,
                data={"kind": kind, "version": record.consent.version},
            )
        if records:
            # Apps that process data under this consent stop (registration.hooks).
            hooks.consent_withdrawn(registration, kind)


def consent_give(*, registration: Registration, consent: ConsentText) -> None:
    with transaction.atomic():
        already = ConsentRecord.objects.filter(
            registration=registration, consent=consent, withdrawn_at__isnull=True
        ).exists()
        if not already:
            ConsentRecord.objects.create(
                registration=registration, consent=consent, accepted_at=timezone.now()
            )
            log_activity(
                obj=registration,
                action="consent.given",
                actor_label=PARTICIPANT,
                data={"kind": consent.kind, "version": consent.version},
            )


def registration_rotate_feed(*, registration: Registration) -> Registration:
    """Revoke the agenda feed URL by giving it a new secret."""
    registration.feed_secret = new_secret()
    registration.save(update_fields=["feed_secret", "updated_at"])
    log_activity(obj=registration, action="registration.feed_rotated", actor_label=PARTICIPANT)
    return registration
