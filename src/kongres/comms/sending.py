"""Sending one queued message, as the worker does: claim it, render it, send it, record the
outcome. A failed SMTP conversation is retried later; a message is sent at most once.

This module knows neither the task nor the queue: ``kongres.comms.tasks.send_message`` calls
``message_send`` and passes how to schedule a retry (enqueue itself again), so the imports
inside comms go one way: services > tasks > sending > rendering > registry.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.comms.rendering import message_build

logger = logging.getLogger(__name__)

# retry(message_id, delay_seconds): schedule another attempt, inside the caller's transaction.
Retry = Callable[[int, float], object]


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


def suppression_reason(to_email: str) -> str:
    """Why a message to this address must not be sent, or "" when it may be.

    The domains are ``settings.EMAIL_SUPPRESS_DOMAINS`` (a domain covers its subdomains).
    """
    domain = to_email.rpartition("@")[2].lower().rstrip(".")
    for blocked in settings.EMAIL_SUPPRESS_DOMAINS:
        if domain == blocked or domain.endswith(f".{blocked}"):
            return f"not sent: mail to {blocked} is suppressed (KONGRES_EMAIL_SUPPRESS_DOMAINS)"
    return ""


def message_send(message_id: int, *, retry: Retry) -> str:
    """Send a queued message. Returns the resulting state (for logs and tests)."""
    message = _claim(message_id)
    if message is None:
        return "skipped"
    if reason := suppression_reason(message.to_email):
        with scopes_disabled():
            Message.objects.filter(pk=message.pk).update(
                state=MessageState.SUPPRESSED, last_error=reason
            )
        return MessageState.SUPPRESSED
    try:
        with scopes_disabled():
            email, subject = message_build(message)
        email.send(fail_silently=False)
    except Exception as error:  # any failure of rendering or SMTP is retried, then reported
        return _record_failure(message, error, retry)
    with scopes_disabled():
        Message.objects.filter(pk=message.pk).update(
            state=MessageState.SENT, sent_at=timezone.now(), subject=subject[:300], last_error=""
        )
    return MessageState.SENT


def _record_failure(message: Message, error: Exception, retry: Retry) -> str:
    delays = settings.EMAIL_RETRY_DELAYS
    logger.warning("e-mail %s failed (attempt %s): %s", message.pk, message.attempts, error)
    with transaction.atomic(), scopes_disabled():
        if message.attempts <= len(delays):
            delay = delays[message.attempts - 1]
            Message.objects.filter(pk=message.pk).update(
                state=MessageState.RETRYING, last_error=repr(error)[:2000]
            )
            retry(message.pk, delay)
            return MessageState.RETRYING
        Message.objects.filter(pk=message.pk).update(
            state=MessageState.FAILED, last_error=repr(error)[:2000]
        )
        return MessageState.FAILED
