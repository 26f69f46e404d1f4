"""Identity document data for study visits whose host needs it in advance.

It is asked only of people signed up for such a visit, kept only while they are, and deleted
automatically a day after the visit (``id_data_purge``, run by the worker's housekeeping). The
activity log records that data was saved or deleted, never the data itself.
"""

import datetime as dt
import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kongres.common.activity import PARTICIPANT, SYSTEM, log_activity
from kongres.visits.enums import ACTIVE_STATES, DocumentType
from kongres.visits.exceptions import VisitError
from kongres.visits.models import IdData, Signup, StudyVisit

logger = logging.getLogger(__name__)

# ID data stays this long after the visit returns (or its session ends), then it is deleted.
KEEP_AFTER_VISIT = timedelta(hours=24)
ID_DATA_FIELDS = ("document_type", "document_number", "date_of_birth", "nationality")


def id_data_delete_after(signup: Signup) -> dt.datetime:
    visit = getattr(signup.session, "study_visit", None)
    end = visit.return_at if visit is not None and visit.return_at else signup.session.end
    return end + KEEP_AFTER_VISIT


def _clean(data: dict) -> dict:
    document_type = data.get("document_type") or DocumentType.ID_CARD
    if document_type not in DocumentType.values:
        raise VisitError(_("Choose the kind of identity document."))
    number = " ".join(str(data.get("document_number") or "").split()).upper()
    if not number:
        raise VisitError(_("Enter the number of your identity document."))
    if len(number) > 30:
        raise VisitError(_("The document number is too long."))
    born = data.get("date_of_birth")
    if not isinstance(born, dt.date) or isinstance(born, dt.datetime):
        raise VisitError(_("Enter your date of birth."))
    if born >= timezone.localdate():
        raise VisitError(_("The date of birth must be in the past."))
    nationality = " ".join(str(data.get("nationality") or "").split())
    if not nationality:
        raise VisitError(_("Enter your citizenship."))
    if len(nationality) > 60:
        raise VisitError(_("The citizenship is too long."))
    return {
        "document_type": document_type,
        "document_number": number,
        "date_of_birth": born,
        "nationality": nationality,
    }


def id_data_save(*, signup: Signup, data: dict) -> IdData:
    """Create or replace the ID data of a sign-up for a visit that needs it.

    ``data`` holds ``document_type``, ``document_number``, ``date_of_birth`` (a date) and
    ``nationality``. Raises ``VisitError`` when the visit does not need ID data, the sign-up is
    no longer active, the visit is over, or a value is missing.
    """
    values = _clean(data)
    with transaction.atomic():
        signup = (
            Signup.objects.select_for_update()
            .select_related("session", "registration")
            .get(pk=signup.pk)
        )
        visit = StudyVisit.objects.filter(session_id=signup.session_id).first()
        if visit is None or not visit.requires_id_data:
            raise VisitError(_("This visit does not need identity document data."))
        if signup.state not in ACTIVE_STATES or signup.registration.is_cancelled:
            raise VisitError(_("You are no longer signed up for this visit."))
        delete_after = id_data_delete_after(signup)
        if delete_after <= timezone.now():
            raise VisitError(_("This visit is over."))
        id_data, created = IdData.objects.update_or_create(
            signup=signup, defaults={**values, "delete_after": delete_after}
        )
        log_activity(
            obj=signup,
            action="id_data.saved" if created else "id_data.updated",
            actor_label=PARTICIPANT,
            data={"session": signup.session_id, "delete_after": delete_after.isoformat()},
        )
    return id_data


def id_data_purge(*, now=None) -> int:
    """Delete ID data whose time is up, or whose sign-up was cancelled. Returns how many."""
    now = now or timezone.now()
    due = (
        IdData.objects.filter(
            Q(delete_after__lte=now) | ~Q(signup__state__in=ACTIVE_STATES),
        )
        .select_related("signup__edition")
        .order_by("pk")
    )
    deleted = 0
    for id_data in due:
        with transaction.atomic():
            signup = id_data.signup
            reason = "visit_over" if id_data.delete_after <= now else "signup_cancelled"
            IdData.objects.filter(pk=id_data.pk).delete()
            log_activity(
                obj=signup,
                action="id_data.deleted",
                actor_label=SYSTEM,
                data={"session": signup.session_id, "reason": reason},
            )
        deleted += 1
    if deleted:
        logger.info("deleted ID data of %s sign-ups", deleted)
    return deleted
