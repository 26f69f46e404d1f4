"""Several workers dispatching and sending webhooks at once deliver each event once."""

from collections import Counter

import pytest

from kongres.api.webhooks import services
from kongres.api.webhooks.events import WebhookEvent
from kongres.api.webhooks.models import DeliveryState, WebhookDelivery
from kongres.common.activity import PARTICIPANT, activity_entry, log_activities
from tests.concurrency.conftest import run_parallel
from tests.webhooks.receiver import ReceiverServer

pytestmark = [pytest.mark.concurrency, pytest.mark.integration]


def test_four_workers_at_once_deliver_each_event_once(edition, make_registrations):
    people = make_registrations(120)
    with ReceiverServer() as receiver:
        endpoint = services.endpoint_create(
            edition=edition, url=receiver.url, events=list(WebhookEvent.values)
        )
        receiver.secret = endpoint.secret
        log_activities(
            activity_entry(
                obj=person, action="registration.created.unverified", actor_label=PARTICIPANT
            )
            for person in people
        )

        outcome = run_parallel([services.webhooks_run for _worker in range(4)])

    assert outcome.errors == []
    assert sum(outcome.results) == 120  # attempts made by all workers together
    counts = Counter(r.body["id"] for r in receiver.requests)
    assert len(counts) == 120
    assert set(counts.values()) == {1}
    assert all(r.signed and r.status == 200 for r in receiver.requests)
    assert WebhookDelivery.objects.filter(state=DeliveryState.DELIVERED).count() == 120
