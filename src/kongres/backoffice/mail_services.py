"""Writes of the bulk e-mail pages: save a draft, confirm it (the worker then sends it).

Each checks the team's permission key ``event.mail:send`` in the bulk mail's edition, works
in one transaction and logs the change (``backoffice.bulk_mail.*``).
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kongres.backoffice.bulk_mail import bulk_mail_problems, bulk_mail_recipients
from kongres.backoffice.enums import BulkMailState
from kongres.backoffice.models import BulkMail
from kongres.backoffice.tasks import deliver_bulk_mail
from kongres.common.activity import log_activity
from kongres.events.selectors import team_permissions_get

MAIL_SEND_KEY = "event.mail:send"
TEXT_FIELDS = ("subject_pl", "body_pl", "subject_en", "body_en")


@dataclass(frozen=True)
class BulkMailInput:
    subject_pl: str = ""
    body_pl: str = ""
    subject_en: str = ""
    body_en: str = ""
    filters: dict = field(default_factory=dict)

    def texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in TEXT_FIELDS}


def _require(actor, edition_id: int) -> None:
    if MAIL_SEND_KEY not in team_permissions_get(user=actor, edition_id=edition_id):
        raise PermissionDenied


def _snapshot(bulk: BulkMail) -> dict:
    return {**{name: getattr(bulk, name) for name in TEXT_FIELDS}, "filters": bulk.filters}


def bulk_mail_save(
    *, edition, actor, data: BulkMailInput, bulk: BulkMail | None = None
) -> BulkMail:
    """Create a draft, or change one (only a draft can change). Raises ``ValidationError`` by
    field for missing texts or unknown placeholders; nothing is saved then."""
    _require(actor, edition.pk)
    problems = bulk_mail_problems(filters=data.filters, texts=data.texts())
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        if bulk is None:
            bulk = BulkMail(edition=edition, created_by=actor)
            before = None
        else:
            bulk = BulkMail.objects.select_for_update().get(pk=bulk.pk, edition=edition)
            if bulk.state != BulkMailState.DRAFT:
                raise ValidationError(_("This e-mail has been sent; it can no longer be changed."))
            before = _snapshot(bulk)
        for name, value in data.texts().items():
            setattr(bulk, name, value.strip())
        bulk.filters = data.filters
        bulk.save()
        log_activity(
            obj=bulk,
            action="backoffice.bulk_mail.created"
            if before is None
            else "backoffice.bulk_mail.changed",
            actor=actor,
            data={"before": before, "after": _snapshot(bulk)},
        )
    return bulk


def bulk_mail_send(*, bulk: BulkMail, actor) -> BulkMail:
    """Confirm a draft: it goes to the worker, which queues one e-mail per recipient.

    A second confirmation (a double click, a second tab) changes nothing: only a draft is sent.
    Raises ``ValidationError`` when the texts are incomplete or nobody matches the filters.
    """
    _require(actor, bulk.edition_id)
    with transaction.atomic():
        locked = BulkMail.objects.select_for_update().get(pk=bulk.pk)
        if locked.state != BulkMailState.DRAFT:
            raise ValidationError(_("This e-mail has already been sent."), code="sent")
        problems = bulk_mail_problems(
            filters=locked.filters, texts={name: getattr(locked, name) for name in TEXT_FIELDS}
        )
        if problems:
            raise ValidationError(_("The e-mail is not complete; change it first."))
        total = bulk_mail_recipients(edition=locked.edition, filters=locked.filters).count()
        if not total:
            raise ValidationError(_("Nobody matches these filters; nothing was sent."))
        locked.state = BulkMailState.QUEUED
        locked.total = total
        locked.sent_at = timezone.now()
        locked.save(update_fields=["state", "total", "sent_at"])
        deliver_bulk_mail.enqueue(locked.pk)
        log_activity(
            obj=locked,
            action="backoffice.bulk_mail.sent",
            actor=actor,
            data={
                "before": {"state": BulkMailState.DRAFT},
                "after": {"state": BulkMailState.QUEUED},
                "recipients": total,
            },
        )
    return locked
