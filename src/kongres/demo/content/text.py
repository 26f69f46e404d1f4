"""Helpers of the demo content: slugs of Polish names, the en dash."""

import re
import unicodedata

NDASH = "\u2013"  # en dash, written as an escape to keep the source free of ambiguous characters


def slugify_pl(text: str) -> str:
    """Lowercase ASCII slug of a Polish (or other European) text: "Łukasz Ś." -> "lukasz-s"."""
    text = text.replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
