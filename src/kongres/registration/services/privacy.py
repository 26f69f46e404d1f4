"""Personal data of a registration (GDPR): export, erasure, retention.

Erasure anonymises in place rather than deleting: the row keeps its edition, category, state,
dates and the non-identifying choices (voivodeship, organisation type), so the figures of the
edition stay true; names, addresses, answers and free text are overwritten, the secrets of the
personal link and the feed are rotated. Apps below registration (visits, comms) are called
directly; apps above it (matchmaking, onsite) erase their own data through
``registration.hooks.on_registration_erased``.
"""

from calendar import monthrange

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from kongres.common.activity import SYSTEM, log_activity
from kongres.common.audit import activity_scrub
from kongres.comms import services as comms_services
from kongres.events.models import Edition
from kongres.events.permissions import require_permission
from kongres.events.selectors import team_permissions_get
from kongres.registration import hooks
from kongres.registration.enums import CancelReason, RegistrationState
from kongres.registration.models import ConsentRecord, Registration, RegistrationGroup, new_secret
from kongres.registration.services.base import _lock, logger
from kongres.registration.services.transitions import registration_cancel
from kongres.visits import services as visit_services

ERASED = "—"
ERASED_DOMAIN = "erased.invalid"

# Registration fields that hold personal data, with what they become.
_BLANKED = {
    "first_name": ERASED,
    "last_name": ERASED,
    "phone": "",
    "organisation": "",
    "position": "",
    "cluster_name": "",
    "nip": "",
    "dietary_needs": "",
    "accessibility_needs": "",
}
# Keys whose logged values (before/after in the activity log) are personal data of the person.
_PERSONAL_KEYS = {
    *_BLANKED,
    *("email", "email_key", "answers", "coordinator_name", "coordinator_email"),
}
# Exported as they are (besides answers, consents and the sections of other apps).
_EXPORTED = (
    "first_name",
    "last_name",
    "email",
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


def can_erase(*, user, edition_id: int) -> bool:
    """Staff with the registration change permission, or a team member who may write the
    edition's registrations."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff and user.has_perm("registration.change_registration"):
        return True
    return "event.registrations:write" in team_permissions_get(user=user, edition_id=edition_id)


def erased_email(registration_id: int) -> str:
    """A unique address that no one owns (RFC 2606 ``.invalid``): constraints keep holding."""
    return f"erased-{registration_id}@{ERASED_DOMAIN}"


def _when(value):
    return value.isoformat() if value else None


def registration_personal_data(*, registration: Registration) -> dict:
    """Everything Kongres holds about the person of ``registration``, by section."""
    reg = registration
    data = {
        "registration": {
            "edition": str(reg.edition.name),
            "category": str(reg.category.name),
            "state": reg.state,
            "created_at": _when(reg.created_at),
            "email_verified_at": _when(reg.email_verified_at),
            "confirmed_at": _when(reg.confirmed_at),
            "cancelled_at": _when(reg.cancelled_at),
            **{name: getattr(reg, name) for name in _EXPORTED},
        },
        "consents": [
            {
                "consent": record.consent.kind,
                "version": record.consent.version,
                "text": str(record.consent.text),
                "accepted_at": _when(record.accepted_at),
                "withdrawn_at": _when(record.withdrawn_at),
            }
            for record in ConsentRecord.objects.filter(registration=reg).select_related("consent")
        ],
        "sessions_and_visits": visit_services.signups_personal_data(registration_id=reg.pk),
        "emails": comms_services.messages_personal_data(registration_id=reg.pk),
    }
    for name, section in hooks.personal_data_sections().items():
        data[name] = section(reg)
    return data


def registration_erase(*, registration: Registration, actor=None, reason: str = "request"):
    """Anonymise a person's registration: on request, cancel it first (place and seats
    released, the waiting list moves up, under the usual locks); then overwrite its personal
    data and let every app erase its own. Logged without the erased data. Idempotent.

    The retention job (``reason="retention"``) runs months after the event: the state stays
    as it was (the edition's figures), and nobody is told of cancelled meetings."""
    require_permission(
        actor,
        registration.edition_id,
        "event.registrations:write",
        model_perm="registration.change_registration",
    )
    with transaction.atomic():
        if reason != "retention" and registration.state != RegistrationState.CANCELLED:
            registration_cancel(
                registration=registration, reason=CancelReason.BY_ORGANISER, actor=actor
            )
        _category, registration = _lock(registration)
        if registration.erased_at is not None:
            return registration
        original_key = registration.email_key
        identifying = _identifying_texts(registration)
        hooks.registration_erased(registration)
        visit_services.signups_erase_personal(registration_id=registration.pk)
        placeholder = erased_email(registration.pk)
        comms_services.messages_erase_personal(
            registration_id=registration.pk, placeholder=placeholder
        )
        for name, value in _BLANKED.items():
            setattr(registration, name, value)
        registration.email = registration.email_key = placeholder
        registration.answers = {}
        registration.link_secret = new_secret()
        registration.feed_secret = new_secret()
        registration.erased_at = timezone.now()
        registration.save()
        # A group coordinated by this person loses the coordinator's name and address.
        RegistrationGroup.objects.filter(
            edition_id=registration.edition_id, coordinator_email__iexact=original_key
        ).update(coordinator_name=ERASED, coordinator_email=placeholder)
        # The audit trail keeps who did what, but no longer the person's data in before/after.
        activity_scrub(
            edition_id=registration.edition_id,
            own_objects=_own_objects(registration),
            personal_fields=_PERSONAL_KEYS,
            needles=identifying,
            searchable=[original_key],
            replacement=ERASED,
        )
        log_activity(
            obj=registration,
            action=f"registration.erased.{reason}",
            actor=actor,
            actor_label=SYSTEM,
        )
    logger.info("registration %s erased (%s)", registration.pk, reason)
    return registration


def _identifying_texts(registration) -> list[str]:
    """Texts that name the person, as they may appear inside logged values."""
    first, last = registration.first_name.strip(), registration.last_name.strip()
    texts = [registration.email, registration.email_key]
    if first and last:
        texts += [f"{first} {last}", f"{last} {first}"]
    texts += [registration.phone, registration.nip]
    return [text for text in texts if text and len(text) >= 5]


def _own_objects(registration) -> list[tuple[str, str]]:
    """The registration and the rows that hang on it (sign-ups, consents, profiles, …), as
    ``(object_type, object_id)``: their logged values may hold the person's data. Found
    through the model's reverse relations, so apps above registration need not be named."""
    objects = [(registration._meta.label_lower, str(registration.pk))]
    with scopes_disabled():
        for relation in registration._meta.related_objects:
            if relation.many_to_many or not relation.field.concrete:
                continue
            model = relation.related_model
            ids = model._base_manager.filter(**{relation.field.name: registration.pk}).values_list(
                "pk", flat=True
            )
            objects += [(model._meta.label_lower, str(pk)) for pk in ids]
    return objects


def editions_past_retention(*, now) -> list[Edition]:
    """Editions whose retention period has run out by ``now``."""
    today = timezone.localdate(now)
    editions = Edition.objects.filter(personal_data_retention_months__isnull=False)
    return [
        edition
        for edition in editions
        if _add_months(edition.end_date, edition.personal_data_retention_months) < today
    ]


def _add_months(day, months: int):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def registrations_retention_apply(now=None, *, batch: int = 200) -> int:
    """Housekeeping: anonymise the registrations of every edition past its retention period,
    ``batch`` at a time (one transaction each). Erased ones are skipped: idempotent."""
    now = now or timezone.now()
    erased = 0
    with scopes_disabled():
        for edition in editions_past_retention(now=now):
            while True:
                ids = list(
                    Registration.objects.filter(edition=edition, erased_at__isnull=True)
                    .order_by("pk")
                    .values_list("pk", flat=True)[:batch]
                )
                if not ids:
                    break
                for registration in Registration.objects.filter(pk__in=ids).select_related(
                    "edition", "category"
                ):
                    registration_erase(registration=registration, reason="retention")
                    erased += 1
    return erased


__all__ = [
    "ERASED",
    "can_erase",
    "editions_past_retention",
    "erased_email",
    "registration_erase",
    "registration_personal_data",
    "registrations_retention_apply",
]
