"""Reads of the outbox for the organiser."""

from django.db.models import Count

from kongres.comms.enums import MessageState
from kongres.comms.models import Message

# Messages not sent yet that the worker will still try.
WAITING_STATES = (MessageState.QUEUED, MessageState.SENDING, MessageState.RETRYING)


def messages_by_state(*, edition) -> dict[str, int]:
    """How many of an edition's e-mails are in each state (every state present); one query."""
    counts = dict(
        Message.objects.filter(edition=edition)
        .order_by()
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    return {state: counts.get(state, 0) for state in [*MessageState.values, *counts]}
