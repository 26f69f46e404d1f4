"""Writes for badges and certificates: atomic, logged.

- ``badge_layout_save``: the edition's layout.
- ``badges_mark_printed``: records that badges were printed (first time or a reprint), in one
  transaction under the edition's row lock, so two desks printing at once never lose a count.
- ``certificates_issue``: a certificate for every checked-in participant who has none yet,
  with a short random code; the edition row is locked, so two workers never issue twice.
- ``certificates_send(now)``: housekeeping after the event: issues, then queues one e-mail per
  certificate (the outbox's ``dedupe_key`` makes it once, ever).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_scopes import scopes_disabled

from kongres.common.activity import SYSTEM, activity_entry, log_activities, log_activity
from kongres.comms.services import message_queue
from kongres.events.models import Edition
from kongres.onsite.documents import selectors
from kongres.onsite.enums import OnsiteMessage
from kongres.onsite.models import BadgeLayout, BadgePrint, Certificate
from kongres.program.models import LOCAL_TZ
from kongres.registration.enums import RegistrationState

logger = logging.getLogger(__name__)

# The kind of the certificate e-mail (templates comms/email/certificate*.txt).
CERTIFICATE_MESSAGE_KIND = OnsiteMessage.CERTIFICATE
# Certificates are mailed the morning after the last day, for this long after the event.
SEND_AT = dt.time(9, 0)
SEND_WINDOW = dt.timedelta(days=30)
CODE_LENGTH = 10


def badge_layout_save(
    *, edition, stock: str, two_per_sheet: bool, colours: dict, default_colour: str, actor=None
) -> BadgeLayout:
    with transaction.atomic():
        layout, _created = BadgeLayout.objects.update_or_create(
            edition=edition,
            defaults={
                "stock": stock,
                "two_per_sheet": two_per_sheet,
                "colours": colours,
                "default_colour": default_colour,
            },
        )
        log_activity(
            obj=layout,
            action="onsite.badge_layout.saved",
            actor=actor,
            edition=edition,
            data={"stock": stock, "two_per_sheet": two_per_sheet},
        )
    return layout


def badges_mark_printed(*, edition, registration_ids, actor=None, now=None) -> dict[int, int]:
    """Count one print for each registration; returns {registration id: times printed}."""
    now = now or timezone.now()
    ids = sorted(set(registration_ids))
    if not ids:
        return {}
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        # The edition row is the lock: a badge printed for the first time has no row to lock
        # yet, and two desks inserting it at once would collide.
        Edition.objects.select_for_update().filter(pk=edition.pk).values_list("pk").first()
        existing = set(
            BadgePrint.objects.filter(edition=edition, registration_id__in=ids).values_list(
                "registration_id", flat=True
            )
        )
        if existing:
            BadgePrint.objects.filter(edition=edition, registration_id__in=existing).update(
                count=F("count") + 1, last_printed_at=now, last_printed_by=user
            )
        BadgePrint.objects.bulk_create(
            [
                BadgePrint(
                    edition=edition,
                    registration_id=registration_id,
                    first_printed_at=now,
                    last_printed_at=now,
                    count=1,
                    last_printed_by=user,
                )
                for registration_id in ids
                if registration_id not in existing
            ]
        )
        counts = dict(
            BadgePrint.objects.filter(edition=edition, registration_id__in=ids).values_list(
                "registration_id", "count"
            )
        )
        log_activity(
            obj=edition,
            action="onsite.badges.printed",
            actor=actor,
            edition=edition,
            data={"printed": len(ids), "reprinted": len(existing)},
        )
    return counts


def _new_code() -> str:
    return "".join(secrets.choice(selectors.CODE_ALPHABET) for _ in range(CODE_LENGTH))


def certificates_issue(*, edition, now=None) -> list[Certificate]:
    """A certificate for every checked-in, not cancelled participant who has none yet."""
    now = now or timezone.now()
    with transaction.atomic():
        # The edition row is the lock: a second worker waits, then finds nothing to issue.
        Edition.objects.select_for_update().filter(pk=edition.pk).values_list("pk").first()
        registrations = selectors.checked_in_without_certificate(edition=edition)
        if not registrations:
            return []
        attendance = selectors.attendance_of(
            edition=edition, registration_ids=[r.pk for r in registrations]
        )
        taken: set[str] = set()
        certificates = []
        for registration in registrations:
            code = _new_code()
            while code in taken:  # pragma: no cover - 50 bits; a clash within one batch
                code = _new_code()
            taken.add(code)
            seen = attendance.get(registration.pk, selectors.Attendance([], None))
            certificates.append(
                Certificate(
                    edition=edition,
                    registration=registration,
                    code=code,
                    full_name=registration.full_name,
                    days=seen.days,
                    minutes=seen.minutes,
                    issued_at=now,
                )
            )
        # A code already used by another edition's certificate fails the unique constraint,
        # and the transaction with it; the next run draws new codes.
        certificates = Certificate.objects.bulk_create(certificates)
        log_activities(
            [
                activity_entry(
                    obj=certificate, action="onsite.certificate.issued", actor_label=SYSTEM
                )
                for certificate in certificates
            ]
        )
    logger.info("certificates issued", extra={"edition": edition.pk, "count": len(certificates)})
    return certificates


def _send_from(edition) -> dt.datetime:
    day_after = edition.end_date + dt.timedelta(days=1)
    return dt.datetime.combine(day_after, SEND_AT, tzinfo=LOCAL_TZ)


def certificates_send(now=None) -> int:
    """Housekeeping: after an event, issue certificates and queue one e-mail for each.

    Runs for editions whose last day ended (from 9:00 the next morning) no longer than
    ``SEND_WINDOW`` ago. Each certificate's e-mail has the key ``certificate:<id>``, so a
    certificate is mailed once however often this runs. Returns the number of mails queued.
    """
    now = now or timezone.now()
    local_today = timezone.localtime(now, LOCAL_TZ).date()
    earliest_end = local_today - SEND_WINDOW - dt.timedelta(days=1)
    queued = 0
    with scopes_disabled():
        editions = Edition.objects.filter(end_date__lt=local_today, end_date__gte=earliest_end)
        for edition in editions:
            if now < _send_from(edition):
                continue
            certificates_issue(edition=edition, now=now)
            queued += _queue_mails(edition)
    return queued


def _queue_mails(edition) -> int:
    from kongres.comms.models import Message

    certificates = list(
        Certificate.objects.filter(edition=edition)
        .exclude(registration__state=RegistrationState.CANCELLED)
        .select_related("registration")
    )
    keys = {certificate.pk: f"certificate:{certificate.pk}" for certificate in certificates}
    sent = set(
        Message.objects.filter(dedupe_key__in=list(keys.values())).values_list(
            "dedupe_key", flat=True
        )
    )
    queued = 0
    for certificate in certificates:
        if keys[certificate.pk] in sent:
            continue
        registration = certificate.registration
        with transaction.atomic():
            message = message_queue(
                edition=edition,
                kind=CERTIFICATE_MESSAGE_KIND,
                to_email=registration.email,
                language=registration.language,
                dedupe_key=keys[certificate.pk],
                registration=registration,
                context={"certificate": certificate.pk},
            )
        queued += message is not None
    return queued
