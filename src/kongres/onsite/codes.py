"""What a check-in device matches offline and sends back: ticket digests and person refs."""

import hashlib

from django.core import signing

_REF_SALT = "kongres.onsite.person-ref"


def ticket_digest(code: str) -> str:
    """The one-way digest of a ticket's QR payload that the check-in list carries.

    Only the token's first part (the signed payload: registration id and secret prefix) is
    digested, because the same ticket issued twice differs in its timestamp; the device
    digests what it scans in the same way (``static/kongres/onsite/checkin.js``).
    """
    payload = code.strip().split(":", 1)[0]
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def person_ref(*, edition_id: int, registration_id: int) -> str:
    """A signed reference to a person, sent by a device that found them by name."""
    return signing.Signer(salt=_REF_SALT).sign(f"{edition_id}.{registration_id}")


def person_ref_read(ref: str, *, edition_id: int) -> int | None:
    try:
        value = signing.Signer(salt=_REF_SALT).unsign(ref)
    except signing.BadSignature:
        return None
    edition_part, _dot, registration_part = value.partition(".")
    if edition_part != str(edition_id) or not registration_part.isdigit():
        return None
    return int(registration_part)
