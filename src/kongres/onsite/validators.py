import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_hex_colour(value: str) -> None:
    if not _HEX.match(value or ""):
        raise ValidationError(_("Enter a colour as #rrggbb, e.g. #0b6e4f."), code="colour")


def validate_colours(value) -> None:
    """A JSON object of category slug to colour."""
    if not isinstance(value, dict):
        raise ValidationError(_("Enter colours as {category: #rrggbb}."), code="colours")
    for colour in value.values():
        validate_hex_colour(colour)
