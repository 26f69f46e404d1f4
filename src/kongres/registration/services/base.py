"""What the registration services share: the input of a registration, the e-mail key, the
messages they queue, free places of a quota, the lock of a registration.
"""

import contextlib
import logging
from dataclasses import dataclass, field

from django.db.models import Count, Max

from kongres.common.places import next_in_order
from kongres.comms.services import message_queue
from kongres.events.models import Edition
from kongres.program.models import Session
from kongres.registration.enums import (
    HOLDING_STATES,
    ConsentKind,
)
from kongres.registration.models import (
    Category,
    ConsentText,
    Registration,
)

logger = logging.getLogger(__name__)


# Personal data a participant can change through the personal link.
EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "organisation",
    "position",
    "organisation_type",
    "cluster_member",
    "cluster_name",
    "voivodeship",
    "country",
    "nip",
    "dietary_needs",
    "accessibility_needs",
    "language",
    "answers",
)


def email_key(email: str) -> str:
    """The form of an address used to find duplicates: trimmed, lower case, IDNA domain."""
    local, _at, domain = email.strip().rpartition("@")
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}".lower()


@dataclass
class RegistrationInput:
    """What the public form (or a group coordinator) submits for one person."""

    first_name: str
    last_name: str
    email: str
    language: str = "pl"
    details: dict = field(default_factory=dict)  # other fields of EDITABLE_FIELDS
    consent_ids: list[int] = field(default_factory=list)
    session_ids: list[int] = field(default_factory=list)
    # The consent texts the person was shown (the form's); None: the current ones.
    consents_shown: list[ConsentText] | None = None
    # The sessions the form offered, which session_ids are chosen from; None: loaded by id.
    # Seats and capacities are read again under lock, so these may be a moment old.
    sessions_shown: list[Session] | None = None


def _message_fields(registration: Registration, kind: str, key: str, context) -> dict:
    return {
        "edition": registration.edition,
        "kind": kind,
        "to_email": registration.email,
        "language": registration.language,
        "registration": registration,
        "dedupe_key": f"{kind}:{registration.pk}:{key}",
        "context": context,
    }


def _message(registration: Registration, kind: str, key: str, first=False, **context):
    return message_queue(**_message_fields(registration, kind, key, context), first=first)


def _free_place(category: Category) -> int | None:
    """The lowest free place of the quota, 0 when it is full, None when there is no quota."""
    if category.quota is None:
        return None
    held = Registration.objects.filter(category=category, state__in=HOLDING_STATES).aggregate(
        n=Count("place"), top=Max("place")
    )
    place = next_in_order(category.quota, held["n"], held["top"])
    return _free_place_listed(category.pk, category.quota) if place is None else place


def _free_place_listed(category_id: int, quota: int) -> int:
    """The lowest free place of a quota with a gap (a cancellation), 0 when it is full."""
    taken = set(
        Registration.objects.filter(category_id=category_id, state__in=HOLDING_STATES).values_list(
            "place", flat=True
        )
    )
    for place in range(1, quota + 1):
        if place not in taken:
            return place
    return 0


def consents_current(*, edition: Edition) -> list[ConsentText]:
    """The newest version of each consent of an edition."""
    newest = {}
    for consent in ConsentText.objects.filter(edition=edition).order_by("kind", "-version"):
        newest.setdefault(consent.kind, consent)
    return [newest[kind] for kind in ConsentKind.values if kind in newest]


def _lock(registration: Registration) -> tuple[Category, Registration]:
    category = Category.objects.select_for_update().get(pk=registration.category_id)
    registration = (
        Registration.objects.select_for_update()
        .select_related("edition", "category")
        .get(pk=registration.pk)
    )
    return category, registration
