"""Webhooks against a real HTTP receiver on 127.0.0.1, events made by the real services."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kongres.api.webhooks import services
from kongres.api.webhooks.events import WebhookEvent
from kongres.api.webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from kongres.api.webhooks.signing import signature_header, signature_verify
from kongres.common.housekeeping import run_housekeeping
from kongres.matchmaking import services as mm_services
from kongres.matchmaking.enums import SchedulingMode
from kongres.matchmaking.models import Slot
from kongres.onsite import services as onsite_services
from kongres.registration.enums import CancelReason
from kongres.registration.services import registration_cancel, registration_verify
from kongres.registration.tokens import ticket_token
from tests.factories import EditionFactory
from tests.matchmaking.factories import ProfileFactory, matchmaking_edition
from tests.onsite.checkin_setup import batch, checkin_user, hall, people
from tests.registration.factories import CategoryFactory, RegistrationFactory
from tests.webhooks.receiver import ReceiverServer

pytestmark = pytest.mark.django_db

ALL = list(WebhookEvent.values)


def endpoint_for(edition, receiver, events=ALL):
    endpoint = services.endpoint_create(edition=edition, url=receiver.url, events=events)
    receiver.secret = endpoint.secret
    return endpoint


def test_confirmed_registration_arrives_once_after_two_failures():
    edition = EditionFactory()
    with ReceiverServer(fail_first=2) as receiver:
        endpoint = endpoint_for(edition, receiver, [WebhookEvent.REGISTRATION_CONFIRMED])
        registration = RegistrationFactory(edition=edition, verified=True)
        start = timezone.now()

        first = services.webhooks_run(start)
        early = services.webhooks_run(start + dt.timedelta(seconds=20))  # not due yet
        second = services.webhooks_run(start + dt.timedelta(seconds=31))
        early_again = services.webhooks_run(start + dt.timedelta(seconds=31 + 100))
        third = services.webhooks_run(start + dt.timedelta(seconds=31 + 121))
        after = services.webhooks_run(start + dt.timedelta(days=1))

    assert (first, early, second, early_again, third, after) == (1, 0, 1, 0, 1, 0)
    assert [r.status for r in receiver.requests] == [500, 500, 200]
    assert all(r.signed for r in receiver.requests)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert {r.delivery for r in receiver.requests} == {str(delivery.pk)}
    assert {r.event for r in receiver.requests} == {"registration.confirmed"}
    (accepted,) = receiver.accepted()
    assert accepted.body["data"]["registration"]["id"] == registration.pk
    assert accepted.body["data"]["registration"]["state"] == "confirmed"
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("delivered", 3, 200)
    assert delivery.delivered_at is not None
    assert delivery.response_ms is not None


def test_signature_is_refused_with_another_secret_or_an_old_timestamp():
    body = b'{"id":"evt_1_0"}'
    header = signature_header("whsec_a", 1_700_000_000, body)

    assert signature_verify("whsec_a", header, body, now=1_700_000_010)
    assert not signature_verify("whsec_b", header, body, now=1_700_000_010)
    assert not signature_verify("whsec_a", header, body + b" ", now=1_700_000_010)
    assert not signature_verify("whsec_a", header, body, now=1_700_000_000 + 301)
    assert not signature_verify("whsec_a", "garbage", body, now=1_700_000_000)


def test_dispatching_again_or_replaying_from_the_start_makes_no_second_delivery():
    edition = EditionFactory()
    with ReceiverServer() as receiver:
        endpoint = endpoint_for(edition, receiver)
        RegistrationFactory(edition=edition, verified=True)
        now = timezone.now()
        created = [services.webhooks_dispatch(now), services.webhooks_dispatch(now)]
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(cursor=0)  # a replay
        created.append(services.webhooks_dispatch(now))
        services.webhooks_run(now)
        services.webhooks_run(now)

    assert created == [2, 0, 0]
    assert sorted(r.event for r in receiver.requests) == [
        "registration.confirmed",
        "registration.created",
    ]
    assert WebhookDelivery.objects.count() == 2


def test_cursor_passes_only_settled_entries_and_new_endpoint_skips_history():
    edition = EditionFactory()
    RegistrationFactory(edition=edition)  # before the endpoint: not sent
    with ReceiverServer() as receiver:
        endpoint = endpoint_for(edition, receiver)
        RegistrationFactory(edition=edition)
        now = timezone.now()
        services.webhooks_dispatch(now)
        cursor_fresh = WebhookEndpoint.objects.get(pk=endpoint.pk).cursor
        services.webhooks_dispatch(now + dt.timedelta(seconds=services.SETTLE_SECONDS + 1))
        cursor_settled = WebhookEndpoint.objects.get(pk=endpoint.pk).cursor

    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 1
    assert cursor_fresh == endpoint.cursor
    assert cursor_settled > endpoint.cursor


def test_payloads_of_registration_events():
    edition = EditionFactory(slug="kkp-hooks")
    category = CategoryFactory(edition=edition, slug="uczestnik")
    with ReceiverServer() as receiver:
        endpoint_for(edition, receiver)
        registration = RegistrationFactory(
            edition=edition, category=category, first_name="Zofia", email="zofia@example.org"
        )
        registration_verify(registration=registration)
        registration_cancel(registration=registration, reason=CancelReason.BY_PARTICIPANT)
        services.webhooks_run()

    by_type = {r.body["type"]: r.body for r in receiver.requests}
    assert sorted(by_type) == [
        "registration.cancelled",
        "registration.confirmed",
        "registration.created",
    ]
    created = by_type["registration.created"]
    assert created["edition"] == "kkp-hooks"
    assert created["id"].startswith("evt_")
    person = created["data"]["registration"]
    assert (person["id"], person["first_name"], person["email"], person["category"]) == (
        registration.pk,
        "Zofia",
        "zofia@example.org",
        "uczestnik",
    )
    # Built when dispatched: the object as it is then.
    assert person["state"] == "cancelled"
    cancelled = by_type["registration.cancelled"]["data"]["registration"]
    assert cancelled["cancel_reason"] == CancelReason.BY_PARTICIPANT
    assert len({r.body["id"] for r in receiver.requests}) == 3


def test_payload_of_a_checkin():
    edition = EditionFactory()
    point = hall(edition)
    (person,) = people(edition, 1)
    user = checkin_user(edition)
    now = timezone.now()
    with ReceiverServer() as receiver:
        endpoint_for(edition, receiver, [WebhookEvent.CHECKIN_CREATED])
        data = batch(uuid.uuid4(), [("s1", point.pk, ticket_token(person), now)], now=now)
        onsite_services.scans_record(edition=edition, user=user, data=data, now=now)
        # The same batch again (a replayed sync) checks nobody in a second time.
        onsite_services.scans_record(edition=edition, user=user, data=data, now=now)
        services.webhooks_run()

    (received,) = receiver.requests
    assert received.event == "checkin.created"
    checkin = received.body["data"]["checkin"]
    assert checkin["point"] == {"id": point.pk, "name": point.name, "kind": "hall"}
    assert checkin["registration"]["id"] == person.pk


def test_payload_of_a_scheduled_meeting():
    config = matchmaking_edition()
    edition = config.edition
    slot = Slot.objects.filter(session__edition=edition).order_by("starts_at").first()
    a, b = ProfileFactory(edition=edition), ProfileFactory(edition=edition)
    with ReceiverServer() as receiver:
        endpoint_for(edition, receiver, [WebhookEvent.MEETING_SCHEDULED])
        meeting = mm_services.request_accept(mm_services.request_send(a, b, ""), slot)
        services.webhooks_run()

    (received,) = receiver.requests
    body = received.body["data"]["meeting"]
    assert body["id"] == meeting.pk
    assert body["slot"] == slot.code
    assert body["starts_at"] == slot.starts_at.isoformat()
    assert body["table"] == 1
    assert [p["registration"] for p in body["participants"]] == [
        a.registration_id,
        b.registration_id,
    ]


def test_published_schedule_sends_each_placed_meeting_once():
    config = matchmaking_edition(scheduling_mode=SchedulingMode.ORGANISER)
    edition = config.edition
    a, b, c = (ProfileFactory(edition=edition) for _ in range(3))
    with ReceiverServer() as receiver:
        endpoint_for(edition, receiver, [WebhookEvent.MEETING_SCHEDULED])
        meetings = [
            mm_services.request_accept(mm_services.request_send(x, y, ""), None)
            for x, y in ((a, b), (a, c), (b, c))
        ]
        services.webhooks_run()  # accepted without a time: nothing scheduled yet
        unscheduled = len(receiver.requests)
        mm_services.scheduler_run(edition, time_limit=5)
        mm_services.schedule_publish(edition)
        mm_services.scheduler_run(edition, time_limit=5)
        mm_services.schedule_publish(edition)  # the same schedule again: no new events
        services.webhooks_run()

    assert unscheduled == 0
    received = sorted(r.body["data"]["meeting"]["id"] for r in receiver.requests)
    assert received == sorted(m.pk for m in meetings)
    assert all(r.body["data"]["meeting"]["starts_at"] for r in receiver.requests)


def test_failed_after_every_retry_then_resent(settings):
    settings.WEBHOOK_RETRY_DELAYS = [1, 1]
    edition = EditionFactory()
    with ReceiverServer(fail_first=3) as receiver:
        endpoint_for(edition, receiver, [WebhookEvent.REGISTRATION_CREATED])
        RegistrationFactory(edition=edition)
        start = timezone.now()
        for second in (0, 2, 4, 6):
            services.webhooks_run(start + dt.timedelta(seconds=second))
        failed = WebhookDelivery.objects.get()
        resent = services.deliveries_resend([failed], now=start + dt.timedelta(seconds=6))
        services.webhooks_run(start + dt.timedelta(seconds=6))

    assert (failed.state, failed.attempts, failed.last_error) == ("failed", 3, "HTTP 500")
    assert resent == 1
    assert [r.status for r in receiver.requests] == [500, 500, 500, 200]
    assert WebhookDelivery.objects.get().state == DeliveryState.DELIVERED


def test_unreachable_receiver_is_retried():
    edition = EditionFactory()
    with ReceiverServer() as receiver:
        url = receiver.url
    endpoint = services.endpoint_create(edition=edition, url=url, events=ALL)
    RegistrationFactory(edition=edition)

    services.webhooks_run()

    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.state == DeliveryState.PENDING
    assert delivery.attempts == 1
    assert "Connection" in delivery.last_error or "refused" in delivery.last_error


def test_other_editions_and_inactive_endpoints_get_nothing():
    edition, other = EditionFactory(), EditionFactory()
    with ReceiverServer() as receiver:
        endpoint_for(edition, receiver)
        idle = services.endpoint_create(edition=edition, url=receiver.url, events=ALL)
        idle.active = False
        idle.save()
        RegistrationFactory(edition=other, verified=True)
        results = run_housekeeping()
        RegistrationFactory(edition=edition)
        services.webhooks_run()

    assert results["webhooks"] == 0
    assert [r.event for r in receiver.requests] == ["registration.created"]
    assert not WebhookDelivery.objects.filter(endpoint=idle).exists()


@pytest.mark.parametrize(
    ("url", "events"),
    [
        ("ftp://example.org/hook", ALL),
        ("file:///etc/passwd", ALL),
        ("javascript:alert(1)", ALL),
        ("example.org/hook", ALL),
        ("https://example.org/hook", ["registration.deleted"]),
        ("https://example.org/hook", []),
    ],
)
def test_bad_endpoint_is_refused_and_nothing_saved(url, events):
    edition = EditionFactory()

    with pytest.raises(ValidationError):
        services.endpoint_create(edition=edition, url=url, events=events)

    assert not WebhookEndpoint.objects.exists()


def test_admin_delivery_log_filters_and_resend(admin_client):
    edition = EditionFactory()
    with ReceiverServer(fail_first=1) as receiver:
        endpoint_for(edition, receiver, [WebhookEvent.REGISTRATION_CREATED])
        RegistrationFactory(edition=edition)
        services.webhooks_run()
        delivery = WebhookDelivery.objects.get()
        changelist = reverse("admin:api_webhookdelivery_changelist")
        listed = admin_client.get(changelist, {"state": "pending"})
        detail = admin_client.get(reverse("admin:api_webhookdelivery_change", args=[delivery.pk]))
        answer = admin_client.post(
            changelist, {"action": "resend", "_selected_action": [delivery.pk]}, follow=True
        )
        services.webhooks_run()

    assert listed.status_code == 200
    assert delivery.event_id in listed.content.decode()
    assert detail.status_code == 200
    assert answer.status_code == 200
    assert [r.status for r in receiver.requests] == [500, 200]
    assert WebhookDelivery.objects.get().attempts == 1  # a fresh round after the resend


def test_admin_refuses_a_non_http_endpoint(admin_client):
    edition = EditionFactory()
    answer = admin_client.post(
        reverse("admin:api_webhookendpoint_add"),
        {"edition": edition.pk, "url": "ftp://example.org/x", "events": ["checkin.created"]},
    )

    assert answer.status_code == 200
    errors = answer.context["adminform"].form.errors.as_data()
    assert [error.code for error in errors["url"]] == ["webhook_url"]
    assert not WebhookEndpoint.objects.exists()
