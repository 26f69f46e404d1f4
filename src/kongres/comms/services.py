"""Queueing and sending e-mail.

``message_queue`` is called inside the transaction of the change it reports, so the message
row and its task commit together with the change or not at all. The worker's task
(``kongres.comms.tasks``) sends it with ``kongres.comms.sending``: it claims the message,
renders it in the recipient's language, sends it, and records the outcome. A failed SMTP
conversation is retried later; a message is sent at most once. Inside comms the imports go
one way: services > tasks > sending > rendering > registry.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from kongres.comms import sending
from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.comms.tasks import send_message, send_message_later

# A message claimed by a worker that never reported back is not sent again automatically:
# the SMTP server may have accepted it. After this long it is marked failed for a human.
SENDING_TIMEOUT = timedelta(minutes=15)


def message_queue(
    *,
    edition,
    kind: str,
    to_email: str,
    language: str,
    dedupe_key: str,
    registration=None,
    context: dict | None = None,
    first: bool = False,
) -> Message | None:
    """Queue one message; returns None when a message with this key was queued before.

    ``first=True`` says the key cannot exist yet (it names an object created in the caller's
    transaction), which saves the savepoint that guards against a duplicate.
    """
    message = message_unsaved(
        edition=edition,
        kind=kind,
        to_email=to_email,
        language=language,
        dedupe_key=dedupe_key,
        registration=registration,
        context=context,
    )
    if first:
        message.save(force_insert=True)
    else:
        try:
            with transaction.atomic():
                message.save(force_insert=True)
        except IntegrityError:
            return None
    send_message.enqueue(message.pk)
    return message


def message_unsaved(
    *,
    edition,
    kind: str,
    to_email: str,
    language: str,
    dedupe_key: str,
    registration=None,
    context: dict | None = None,
) -> Message:
    """A message not written yet, for a caller that writes it with its own rows.

    Such a caller writes the task that sends it too: ``kongres.comms.tasks.send_message_row``.
    """
    return Message(
        edition=edition,
        registration=registration,
        kind=kind,
        dedupe_key=dedupe_key,
        to_email=to_email,
        language=language,
        context=context or {},
    )


def message_send(message_id: int) -> str:
    """Send a queued message now, in this process (the worker's task does the same); a
    failure is retried by the worker later. Returns the resulting state."""
    return sending.message_send(message_id, retry=send_message_later)


def messages_fail_stuck() -> int:
    """Mark messages whose worker vanished mid-send as failed, for a human to look at."""
    cutoff = timezone.now() - SENDING_TIMEOUT
    with scopes_disabled():
        return Message.objects.filter(state=MessageState.SENDING, claimed_at__lt=cutoff).update(
            state=MessageState.FAILED,
            last_error="The worker stopped while sending; the message may or may not have "
            "been delivered, so it is not sent again automatically.",
        )


# --- Personal data (GDPR): called by registration's export and erasure -----------------------


def messages_personal_data(*, registration_id: int) -> list[dict]:
    """The e-mails sent or queued to a registration (address, kind, subject, state, when)."""
    return [
        {
            "kind": row.kind,
            "to": row.to_email,
            "subject": row.subject,
            "state": row.state,
            "created_at": row.created_at.isoformat(),
        }
        for row in Message.objects.filter(registration_id=registration_id).order_by("pk")
    ]


def messages_erase_personal(*, registration_id: int, placeholder: str) -> int:
    """Blank the address, subject and data of a registration's e-mails; unsent ones never go.

    The rows stay (how many messages of which kind were sent), pointing at the placeholder.
    """
    messages = Message.objects.filter(registration_id=registration_id)
    messages.exclude(state__in=[MessageState.SENT, MessageState.FAILED]).update(
        state=MessageState.FAILED
    )
    return messages.update(to_email=placeholder, subject="", context={}, last_error="")
