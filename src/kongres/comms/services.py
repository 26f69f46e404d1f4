"""Queueing and sending e-mail.

``message_queue`` is called inside the transaction of the change it reports, so the message
row and its task commit together with the change or not at all. The worker's task
(``kongres.comms.tasks``) sends it with ``kongres.comms.sending``: it claims the message,
renders it in the recipient's language, sends it, and records the outcome. A failed SMTP
conversation is retried later; a message is sent at most once. Inside comms the imports go
one way: services > tasks > sending > rendering > registry.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kongres.common.activity import log_activity
from kongres.comms import sending
from kongres.comms.enums import FINISHED_STATES, MessageState
from kongres.comms.models import Message
from kongres.comms.tasks import send_message, send_message_later
from kongres.events.selectors import team_permissions_get

# The team's permission key that allows sending and resending an edition's e-mail.
MAIL_SEND_KEY = "event.mail:send"

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


class MessageResendError(Exception):
    """The message cannot be sent again now; the text says why, in the user's language."""


def message_resend_allowed(*, user, edition_id: int) -> bool:
    """Staff with the Django permission, or a team member holding ``event.mail:send``."""
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_staff):
        return False
    if user.has_perm("comms.change_message"):
        return True
    return MAIL_SEND_KEY in team_permissions_get(user=user, edition_id=edition_id)


def message_resend(*, message: Message, actor) -> Message:
    """Queue a fresh copy of a finished message (sent, failed or suppressed).

    The copy has the same kind, recipient, language, registration and data, and is rendered
    anew when the worker sends it (so it tells the current state). The original row is kept as
    it is. Its unique key is derived from the original, so a double click queues one copy;
    to send it once more, resend the copy. Raises ``PermissionDenied`` for a user who may not,
    and ``MessageResendError`` for a message still on its way or already resent.
    """
    if not message_resend_allowed(user=actor, edition_id=message.edition_id):
        raise PermissionDenied
    if message.state not in FINISHED_STATES:
        raise MessageResendError(
            _(
                "This e-mail is still on its way (%(state)s); it can be sent again once it "
                "is sent or has failed."
            )
            % {"state": message.get_state_display()}
        )
    with transaction.atomic():
        copy = message_queue(
            edition=message.edition,
            kind=message.kind,
            to_email=message.to_email,
            language=message.language,
            registration=message.registration,
            context=message.context,
            dedupe_key=f"resend:{message.pk}",
        )
        if copy is None:
            raise MessageResendError(
                _("This e-mail has already been sent again; see the newer entry in the log.")
            )
        log_activity(
            obj=copy,
            action="comms.message.resent",
            actor=actor,
            data={
                "before": {"message": message.pk, "state": message.state},
                "after": {"message": copy.pk, "state": copy.state},
            },
        )
    return copy


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
    messages.exclude(state__in=FINISHED_STATES).update(state=MessageState.FAILED)
    return messages.update(to_email=placeholder, subject="", context={}, last_error="")
