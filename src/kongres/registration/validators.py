"""Validators of registration data: the Polish tax number (NIP) and phone numbers.

Both accept what people type (spaces, dashes, a "PL" prefix, brackets) and normalise it; the
stored value is the plain form.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
_NIP_SEPARATORS = re.compile(r"[\s\-.]")
_PHONE_ALLOWED = re.compile(r"^\+?[\d\s\-.()/]+$")
PHONE_MIN_DIGITS = 7
PHONE_MAX_DIGITS = 15  # ITU-T E.164


def nip_normalize(value: str) -> str:
    """``PL 123-456-32-18`` → ``1234563218``; anything else is returned without separators."""
    cleaned = _NIP_SEPARATORS.sub("", value or "")
    if cleaned[:2].upper() == "PL":
        cleaned = cleaned[2:]
    return cleaned


def nip_is_valid(value: str) -> bool:
    """Ten digits whose weighted sum modulo 11 equals the last digit (10 is never valid)."""
    digits = nip_normalize(value)
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    checksum = sum(int(d) * w for d, w in zip(digits, NIP_WEIGHTS, strict=False)) % 11
    return checksum != 10 and checksum == int(digits[9])


def validate_nip(value: str) -> None:
    digits = nip_normalize(value)
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        raise ValidationError(_("A NIP has 10 digits, e.g. 123-456-32-18."), code="nip_length")
    if not nip_is_valid(digits):
        raise ValidationError(
            _("This NIP is not valid: please check the digits."), code="nip_checksum"
        )


def phone_normalize(value: str) -> str:
    """Trim and collapse spaces; keep the person's own grouping of digits."""
    return " ".join((value or "").split())


def validate_phone(value: str) -> None:
    """A plausible phone number: digits with optional + at the start, spaces, dashes, brackets."""
    value = phone_normalize(value)
    if not _PHONE_ALLOWED.match(value):
        raise ValidationError(
            _("Use only digits, spaces and a + at the start, e.g. +48 600 100 200."),
            code="phone_characters",
        )
    digits = sum(ch.isdigit() for ch in value)
    if digits < PHONE_MIN_DIGITS or digits > PHONE_MAX_DIGITS:
        raise ValidationError(
            _("A phone number has 7 to 15 digits, e.g. +48 600 100 200."), code="phone_length"
        )
