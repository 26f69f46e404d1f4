"""Queueing and sending e-mail.

``message_queue`` is called inside the transaction of the change it reports, so the message
row and its task commit together with the change or not at all. ``message_send`` runs in the
worker: it claims the message, renders it in the recipient's language, sends it, and records
the outcome. A failed SMTP conversation is retried later; a message is sent at most once.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from kongres.comms.enums import MessageKind, MessageState
from kongres.comms.models import Message

logger = logging.getLogger(__name__)

# A message claimed by a worker that never reported back is not sent again automatically:
# the SMTP server may have accepted it. After this long it is marked failed for a human.
SENDING_TIMEOUT = timedelta(minutes=15)


def message_queue(
    *,
    edition,
    kind: MessageKind,
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
    from kongres.comms.tasks import send_message

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
    kind: MessageKind,
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


def _claim(message_id: int) -> Message | None:
    with transaction.atomic(), scopes_disabled():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.state not in (MessageState.QUEUED, MessageState.RETRYING):
            return None
        message.attempts += 1
        message.state = MessageState.SENDING
        message.claimed_at = timezone.now()
        message.save(update_fields=["attempts", "state", "claimed_at"])
        return message


def message_send(message_id: int) -> str:
    """Send a queued message. Returns the resulting state (for logs and tests)."""
    from kongres.comms.rendering import message_build

    message = _claim(message_id)
    if message is None:
        return "skipped"
    try:
        with scopes_disabled():
            email, subject = message_build(message)
        email.send(fail_silently=False)
    except Exception as error:  # any failure of rendering or SMTP is retried, then reported
        return _record_failure(message, error)
    with scopes_disabled():
        Message.objects.filter(pk=message.pk).update(
            state=MessageState.SENT, sent_at=timezone.now(), subject=subject[:300], last_error=""
        )
    return MessageState.SENT


def _record_failure(message: Message, error: Exception) -> str:
    from kongres.comms.tasks import send_message

    delays = settings.EMAIL_RETRY_DELAYS
    logger.warning("e-mail %s failed (attempt %s): %s", message.pk, message.attempts, error)
    with transaction.atomic(), scopes_disabled():
        if message.attempts <= len(delays):
            delay = delays[message.attempts - 1]
            Message.objects.filter(pk=message.pk).update(
                state=MessageState.RETRYING, last_error=repr(error)[:2000]
            )
            send_message.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
                message.pk
            )
            return MessageState.RETRYING
        Message.objects.filter(pk=message.pk).update(
            state=MessageState.FAILED, last_error=repr(error)[:2000]
        )
        return MessageState.FAILED


def messages_fail_stuck() -> int:
    """Mark messages whose worker vanished mid-send as failed, for a human to look at."""
    cutoff = timezone.now() - SENDING_TIMEOUT
    with scopes_disabled():
        return Message.objects.filter(state=MessageState.SENDING, claimed_at__lt=cutoff).update(
            state=MessageState.FAILED,
            last_error="The worker stopped while sending; the message may or may not have "
            "been delivered, so it is not sent again automatically.",
        )
