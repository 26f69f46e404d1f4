"""Bulk e-mail to a filtered list of an edition's registrations: who gets it, what it says,
and the worker's part (one ``comms.Message`` per recipient, in batches).

The organiser's text is plain text with placeholders in braces (``PLACEHOLDERS``); the mail is
rendered per recipient when the worker sends it (kind ``bulk``, registered in
``BackofficeConfig.ready()``; templates ``templates/comms/email/bulk*.txt``), so the preview
shows exactly what a recipient gets. A message's key is ``bulk:<bulk id>:<registration id>``:
a retried or doubled task never queues a recipient twice.
"""

import re
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scope, scopes_disabled
from django_tasks_db.models import DBTaskResult

from kongres.backoffice.enums import BackofficeMessage, BulkMailState
from kongres.backoffice.models import BulkMail
from kongres.common.activity import log_activity
from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.comms.registry import MessageBuildError
from kongres.comms.services import message_unsaved
from kongres.comms.tasks import send_message, send_message_row
from kongres.registration.enums import RegistrationState
from kongres.registration.mails import mail_context
from kongres.registration.models import Registration

KIND = str(BackofficeMessage.BULK)
KIND_LABEL = BackofficeMessage.BULK.label
LANGUAGES = ("pl", "en")
# Recipients queued per transaction by the worker.
BATCH_SIZE = 200

# {placeholder}: what it stands for (shown on the form), and the context value it takes.
PLACEHOLDERS = {
    "name": (gettext_lazy("first and last name"), "name"),
    "first_name": (gettext_lazy("first name"), "first_name"),
    "last_name": (gettext_lazy("last name"), "last_name"),
    "organisation": (gettext_lazy("organisation"), "organisation"),
    "category": (gettext_lazy("participant category"), "category"),
    "edition": (gettext_lazy("name of the congress"), "edition_name"),
    "link": (gettext_lazy("the person's personal page (link)"), "personal_url"),
}
_PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")


# --- Text and placeholders ---------------------------------------------------------------------


def placeholders_unknown(text: str) -> list[str]:
    """The placeholders in ``text`` that are not in ``PLACEHOLDERS``, in order, once each."""
    unknown = []
    for name in _PLACEHOLDER.findall(text):
        if name not in PLACEHOLDERS and name not in unknown:
            unknown.append(name)
    return unknown


def placeholders_fill(text: str, values: dict) -> str:
    """Put the recipient's values in; anything else in braces is left as written."""

    def value(match):
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        return str(values.get(PLACEHOLDERS[name][1]) or "")

    return _PLACEHOLDER.sub(value, text)


def languages_needed(filters: dict) -> tuple[str, ...]:
    return (filters["language"],) if filters.get("language") in LANGUAGES else LANGUAGES


def bulk_mail_problems(*, filters: dict, texts: dict[str, str]) -> dict[str, list[str]]:
    """What is wrong with a bulk mail's texts, by field (``subject_pl``, ``body_en``, …).

    Every language the recipients may have needs a subject and a text; only known placeholders.
    """
    problems: dict[str, list[str]] = {}
    for language in languages_needed(filters):
        for part in ("subject", "body"):
            field = f"{part}_{language}"
            if not (texts.get(field) or "").strip():
                problems.setdefault(field, []).append(
                    _("Write the subject.") if part == "subject" else _("Write the text.")
                )
    for field, text in texts.items():
        unknown = placeholders_unknown(text or "")
        if unknown:
            problems.setdefault(field, []).append(
                _("Unknown placeholder: %(unknown)s. You can use: %(known)s.")
                % {
                    "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                    "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                }
            )
    return problems


# --- Recipients and progress (selectors) -------------------------------------------------------


def bulk_mail_recipients(*, edition, filters: dict):
    """The registrations a bulk mail goes to, by id: the edition's people matching the filters,
    never those whose personal data was erased. (Registrations have no general opt-out of
    e-mail; a newsletter consent does not cover mail about one's own registration.)"""
    registrations = Registration.objects.filter(edition=edition, erased_at__isnull=True)
    if filters.get("states"):
        registrations = registrations.filter(state__in=filters["states"])
    if filters.get("only_confirmed"):
        registrations = registrations.filter(state=RegistrationState.CONFIRMED)
    if filters.get("categories"):
        registrations = registrations.filter(category_id__in=filters["categories"])
    if filters.get("language") in LANGUAGES:
        registrations = registrations.filter(language=filters["language"])
    return registrations.order_by("pk")


def bulk_mail_progress(*, bulk: BulkMail) -> dict[str, int]:
    """How the bulk mail's messages stand: waiting (queued, being sent, to retry), sent,
    failed and suppressed, counted in the delivery log."""
    counts = dict.fromkeys(("waiting", "sent", "failed", "suppressed"), 0)
    rows = (
        Message.objects.filter(
            edition_id=bulk.edition_id, dedupe_key__startswith=bulk.dedupe_prefix
        )
        .order_by()
        .values_list("state")
        .annotate(count=Count("pk"))
    )
    for state, count in rows:
        key = {
            MessageState.SENT: "sent",
            MessageState.FAILED: "failed",
            MessageState.SUPPRESSED: "suppressed",
        }.get(state, "waiting")
        counts[key] += count
    counts["total"] = sum(counts.values())
    return counts


# --- What a message of kind "bulk" says ---------------------------------------------------------


def bulk_mail_context(message) -> dict:
    """The context of one recipient's mail (the registration's mail context, plus the bulk
    mail's subject and text in the message's language with the placeholders filled in)."""
    with scopes_disabled():
        bulk = BulkMail.objects.filter(pk=message.context.get("bulk")).first()
    if bulk is None:
        raise MessageBuildError(f"message {message.pk} names no bulk e-mail")
    context = mail_context(message)
    registration = context["registration"]
    language = message.language if message.language in LANGUAGES else "pl"
    other = "en" if language == "pl" else "pl"
    values = {
        **context,
        "name": registration.full_name,
        "first_name": registration.first_name,
        "last_name": registration.last_name,
        "organisation": registration.organisation,
    }
    subject = bulk.subject(language) or bulk.subject(other)
    body = bulk.body(language) or bulk.body(other)
    context["bulk_subject"] = placeholders_fill(subject, values)
    context["bulk_body"] = placeholders_fill(body, values)
    return context


# --- The worker's part ---------------------------------------------------------------------------


def _batches(ids: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _write(messages: list[Message]) -> None:
    """Insert the messages and the tasks that send them (inside the caller's transaction)."""
    if connection.features.can_return_rows_from_bulk_insert:
        Message.objects.bulk_create(messages)
    else:
        for message in messages:
            message.save(force_insert=True)
    rows = [send_message_row(message.pk) for message in messages]
    if rows and rows[0] is not None:
        DBTaskResult.objects.bulk_create(rows)
    else:
        for message in messages:
            send_message.enqueue(message.pk)


def _queue_batch(bulk: BulkMail, ids: list[int]) -> bool:
    """Queue the batch's recipients who have no message of this bulk mail yet; False when the
    bulk mail was finished meanwhile (by another run of the task)."""
    with transaction.atomic():
        locked = BulkMail.objects.select_for_update().filter(pk=bulk.pk).first()
        if locked is None or locked.state != BulkMailState.SENDING:
            return False
        registrations = Registration.objects.filter(pk__in=ids, erased_at__isnull=True).only(
            "pk", "edition_id", "email", "language"
        )
        keys = {r.pk: f"{bulk.dedupe_prefix}{r.pk}" for r in registrations}
        existing = set(
            Message.objects.filter(dedupe_key__in=keys.values()).values_list(
                "dedupe_key", flat=True
            )
        )
        messages = [
            message_unsaved(
                edition=bulk.edition,
                kind=KIND,
                to_email=registration.email,
                language=registration.language,
                dedupe_key=keys[registration.pk],
                registration=registration,
                context={"bulk": bulk.pk},
            )
            for registration in registrations
            if keys[registration.pk] not in existing
        ]
        _write(messages)
        queued = Message.objects.filter(
            edition_id=bulk.edition_id, dedupe_key__startswith=bulk.dedupe_prefix
        ).count()
        BulkMail.objects.filter(pk=bulk.pk).update(queued_count=queued)
    return True


def bulk_mail_deliver(bulk_id: int) -> str:
    """The worker's task: queue one message per recipient, in batches. Returns the outcome.

    Runs again safely: recipients who already have their message are skipped, so each gets
    exactly one. A failure marks the bulk mail failed (the messages queued so far still go).
    """
    with scopes_disabled():
        bulk = BulkMail.objects.select_related("edition").filter(pk=bulk_id).first()
    if bulk is None or bulk.state not in (BulkMailState.QUEUED, BulkMailState.SENDING):
        return "skipped"
    with scope(edition=bulk.edition):
        try:
            ids = list(
                bulk_mail_recipients(edition=bulk.edition, filters=bulk.filters).values_list(
                    "pk", flat=True
                )
            )
            BulkMail.objects.filter(pk=bulk.pk).update(
                state=BulkMailState.SENDING, total=len(ids), last_error=""
            )
            for batch in _batches(ids, BATCH_SIZE):
                if not _queue_batch(bulk, batch):
                    return "skipped"
            with transaction.atomic():
                locked = BulkMail.objects.select_for_update().get(pk=bulk.pk)
                if locked.state != BulkMailState.SENDING:
                    return "skipped"
                locked.state = BulkMailState.DONE
                locked.finished_at = timezone.now()
                locked.save(update_fields=["state", "finished_at"])
                log_activity(
                    obj=locked,
                    action="backoffice.bulk_mail.queued",
                    data={
                        "before": {"state": BulkMailState.SENDING},
                        "after": {"state": BulkMailState.DONE},
                        "recipients": locked.total,
                        "queued": locked.queued_count,
                    },
                )
        except Exception as error:
            BulkMail.objects.filter(pk=bulk.pk).update(
                state=BulkMailState.FAILED,
                last_error=repr(error)[:2000],
                finished_at=timezone.now(),
            )
            raise
    return BulkMailState.DONE
