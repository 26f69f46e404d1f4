"""Demo documents of the 2025 edition: the badge layout and certificates of attendance.

``load_documents`` runs after the demo check-ins exist (``demo/onsite.py`` calls it): the
badge layout gets a colour per registration category, and every checked-in demo participant
gets a certificate of attendance, issued as on the morning after the congress. Idempotent:
a second run changes nothing (certificates are issued only to those who have none).
"""

from __future__ import annotations

import datetime as dt

from kongres.onsite.documents.services import SEND_AT, certificates_issue
from kongres.onsite.enums import BadgeStock
from kongres.onsite.models import BadgeLayout
from kongres.program.models import LOCAL_TZ

# Category slug -> colour of the badge's band (contrasting text is chosen by the layout).
CATEGORY_COLOURS = {
    "uczestnik": "#0b6e4f",
    "prelegent": "#a4161a",
    "partner": "#1d4e89",
    "media": "#f6d55c",
    "administracja-i-vip": "#6a2c70",
    "obsluga": "#5b6675",
}


def load_documents(edition, *, upsert, writes: dict) -> int:
    """The badge layout and the certificates; returns the number of certificates issued now."""
    upsert(
        BadgeLayout,
        {"edition": edition},
        {
            "stock": BadgeStock.A6,
            "two_per_sheet": False,
            "colours": CATEGORY_COLOURS,
            "default_colour": "#1b2a41",
        },
        writes,
    )
    issued_at = dt.datetime.combine(
        edition.end_date + dt.timedelta(days=1), SEND_AT, tzinfo=LOCAL_TZ
    )
    issued = certificates_issue(edition=edition, now=issued_at)
    writes["created"] += len(issued)
    return len(issued)
