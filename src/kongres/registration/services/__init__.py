"""Writes of registration: the only place where a registration changes state.

States (see enums): unverified → pending approval | confirmed; waitlisted → (a place frees)
unverified | pending approval | confirmed; any → cancelled. Each transition runs in one
transaction that locks the category row first (the owner of the quota), then sessions in id
order, and writes the activity log and the e-mail to send in the same transaction.
"""

# Imported by the services module before it was a package, and used through it by tests.
from kongres.registration.models import new_secret
from kongres.registration.services.base import (
    EDITABLE_FIELDS,
    RegistrationInput,
    consents_current,
    email_key,
    logger,
)
from kongres.registration.services.creation import (
    _registration_write,
    group_register,
    registration_create,
)
from kongres.registration.services.self_service import (
    consent_give,
    consent_withdraw,
    registration_change_sessions,
    registration_rotate_feed,
    registration_send_link,
    registration_update,
)
from kongres.registration.services.transitions import (
    registration_approve,
    registration_cancel,
    registration_reject,
    registration_verify,
    registrations_expire_holds,
)

__all__ = [
    "EDITABLE_FIELDS",
    "RegistrationInput",
    "_registration_write",
    "consent_give",
    "consent_withdraw",
    "consents_current",
    "email_key",
    "group_register",
    "logger",
    "new_secret",
    "registration_approve",
    "registration_cancel",
    "registration_change_sessions",
    "registration_create",
    "registration_reject",
    "registration_rotate_feed",
    "registration_send_link",
    "registration_update",
    "registration_verify",
    "registrations_expire_holds",
]
from kongres.registration.services.organiser import (
    registration_change_category,
    registration_change_email,
    registration_change_signups,
)
from kongres.registration.services.privacy import (
    registration_erase,
    registration_personal_data,
    registrations_retention_apply,
)

__all__ += [
    "registration_change_category",
    "registration_change_email",
    "registration_change_signups",
    "registration_erase",
    "registration_personal_data",
    "registrations_retention_apply",
]
