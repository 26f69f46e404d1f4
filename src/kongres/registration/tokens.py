"""Signed, unguessable tokens for links in e-mails and on tickets.

Each token carries the registration id and a prefix of a random secret stored with the
registration, signed with the site's key. Rotating the secret revokes every token made from it;
the signature's timestamp makes personal and verification links expire. A verification token
also carries a digest of the address it was sent to, so after the organiser changes the address
only a link sent to the new one confirms it (the personal link keeps working).
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django_scopes import scopes_disabled

from kongres.registration.models import Registration

_PERSONAL = "kongres.registration.personal-link"
_VERIFY = "kongres.registration.verify-email"
_TICKET = "kongres.registration.ticket"
VERIFY_LINK_DAYS = 30


class InvalidTokenError(Exception):
    pass


def _address_digest(registration: Registration) -> str:
    return hashlib.sha256(registration.email_key.encode()).hexdigest()[:12]


def _make(registration: Registration, salt: str, **extra) -> str:
    payload = {"r": registration.pk, "s": registration.link_secret[:16], **extra}
    return signing.TimestampSigner(salt=salt).sign_object(payload, compress=True)


def _read(
    token: str, salt: str, max_age: timedelta | None, *, address: bool = False
) -> Registration:
    try:
        payload = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvalidTokenError("expired") from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidTokenError("bad") from error
    if not isinstance(payload, dict):
        raise InvalidTokenError("bad")
    with scopes_disabled():  # the token names its registration; callers check the edition
        registration = (
            Registration.objects.select_related("edition", "category")
            .filter(pk=payload.get("r"))
            .first()
        )
    if registration is None or registration.link_secret[:16] != payload.get("s"):
        raise InvalidTokenError("revoked")
    if address and payload.get("e") != _address_digest(registration):
        raise InvalidTokenError("other address")  # made for an address changed since
    return registration


def personal_link_token(registration: Registration) -> str:
    return _make(registration, _PERSONAL)


def registration_from_personal_token(token: str) -> Registration:
    return _read(token, _PERSONAL, timedelta(days=settings.PERSONAL_LINK_DAYS))


def verification_token(registration: Registration) -> str:
    """Confirms the registration's current address only (see ``_address_digest``)."""
    return _make(registration, _VERIFY, e=_address_digest(registration))


def registration_from_verification_token(token: str) -> Registration:
    return _read(token, _VERIFY, timedelta(days=VERIFY_LINK_DAYS), address=True)


def ticket_token(registration: Registration) -> str:
    """What the ticket's QR code holds: proof of the registration, not a guessable id."""
    return _make(registration, _TICKET)


def registration_from_ticket_token(token: str) -> Registration:
    return _read(token, _TICKET, None)


def ticket_token_read(token: str) -> tuple[int, str]:
    """(registration id, secret prefix) of a ticket token whose signature is valid.

    Reads no database, so many tokens can be checked and their registrations loaded in one
    query (the check-in sync); the caller compares the secret prefix with the registration's.
    """
    try:
        payload = signing.TimestampSigner(salt=_TICKET).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidTokenError("bad") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("r"), int):
        raise InvalidTokenError("bad")
    return payload["r"], str(payload.get("s"))
