"""Webhooks: turn new activity-log entries into deliveries, and send them with retries.

The activity log is the outbox (see ``events``). ``webhooks_run`` is the worker's job
(registered as housekeeping by the api app): it dispatches, then sends whatever is due.

- Dispatch, per endpoint, under a lock of the endpoint row (``select_for_update``; on SQLite
  the IMMEDIATE transaction takes the write lock): the log entries past the endpoint's cursor
  become deliveries; the unique (endpoint, event id) constraint makes a second delivery of one
  event impossible even for a path that forgot the lock. The cursor only passes entries older
  than ``SETTLE_SECONDS``: on PostgreSQL ids are taken before commit, so an entry with a lower
  id may become visible after a higher one; entries past the cursor that already have their
  delivery are skipped.
- Sending: deliveries that are due are claimed in batches (``skip_locked`` on PostgreSQL, so
  several workers share the work), marked as being sent, and posted outside any transaction.
  A 2xx answer delivers; anything else (status, timeout, refused connection) is retried after
  ``RETRY_DELAYS`` and then marked failed. A worker that dies mid-send leaves the delivery
  "being sent"; after ``STUCK_AFTER`` it is due again (the receiver deduplicates by the
  ``Kongres-Delivery`` header), so an event is delivered at least once.
"""

import http.client
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Max
from django.utils import timezone
from django_scopes import scopes_disabled

from kongres.api.webhooks import payloads
from kongres.api.webhooks.events import ACTIVITY_FILTER, events_of_entry
from kongres.api.webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from kongres.api.webhooks.signing import SIGNATURE_HEADER, signature_header
from kongres.common.models import ActivityLog

logger = logging.getLogger(__name__)

RETRY_DELAYS = [30, 120, 600, 3600, 6 * 3600]  # seconds after attempts 1..5; then failed
SETTLE_SECONDS = 300
STUCK_AFTER = timedelta(minutes=5)
TIMEOUT_SECONDS = 10
BATCH = 50
CONCURRENCY = 8  # POSTs in flight at once per worker
DISPATCH_PAGE = 500
USER_AGENT = "Kongres-Webhooks/1"


def _retry_delays() -> list[int]:
    return list(getattr(settings, "WEBHOOK_RETRY_DELAYS", RETRY_DELAYS))


def endpoint_create(*, edition, url: str, events: list[str], active: bool = True):
    """A new endpoint; it receives events logged from now on, not the edition's history."""
    with scopes_disabled():
        endpoint = WebhookEndpoint(edition=edition, url=url, events=list(events), active=active)
        endpoint.full_clean()
        endpoint.cursor = ActivityLog.objects.aggregate(top=Max("id"))["top"] or 0
        endpoint.save()
    return endpoint


# Dispatch -----------------------------------------------------------------------------------


def _dispatch_endpoint(endpoint_id: int, now: datetime) -> int:
    created = 0
    settled = now - timedelta(seconds=SETTLE_SECONDS)
    with transaction.atomic():
        endpoint = (
            WebhookEndpoint.objects.select_for_update()
            .select_related("edition")
            .filter(pk=endpoint_id, active=True)
            .first()
        )
        if endpoint is None:
            return 0
        wanted_events = set(endpoint.events)
        after, cursor, settled_run = endpoint.cursor, endpoint.cursor, True
        while True:
            entries = list(
                ActivityLog.objects.filter(ACTIVITY_FILTER, edition_id=endpoint.edition_id)
                .filter(id__gt=after)
                .order_by("id")
                .values("id", "action", "object_id", "data", "created_at")[:DISPATCH_PAGE]
            )
            if not entries:
                break
            after = entries[-1]["id"]
            known = set(
                WebhookDelivery.objects.filter(
                    endpoint=endpoint, activity_id__range=(entries[0]["id"], after)
                ).values_list("event_id", flat=True)
            )
            planned = []
            for entry in entries:
                if settled_run and entry["created_at"] <= settled:
                    cursor = entry["id"]
                else:
                    settled_run = False
                for index, (event, kind, object_id) in enumerate(
                    events_of_entry(entry["action"], entry["object_id"], entry["data"])
                ):
                    event_id = f"evt_{entry['id']}_{index}"
                    if event in wanted_events and event_id not in known:
                        planned.append((entry, event_id, event, kind, object_id))
            objects = payloads.objects_load(
                {
                    kind: {p[4] for p in planned if p[3] == kind}
                    for kind in ("registration", "checkin", "meeting")
                }
            )
            deliveries = []
            for entry, event_id, event, kind, object_id in planned:
                data = objects.get((kind, object_id))
                deliveries.append(
                    WebhookDelivery(
                        endpoint=endpoint,
                        event_id=event_id,
                        event=event,
                        activity_id=entry["id"],
                        payload={
                            "id": event_id,
                            "type": str(event),
                            "created_at": entry["created_at"].isoformat(),
                            "edition": endpoint.edition.slug,
                            # None when the object was deleted before the event was sent.
                            "data": {kind: data},
                        },
                        next_attempt_at=now,
                    )
                )
            WebhookDelivery.objects.bulk_create(deliveries)
            created += len(deliveries)
        if cursor != endpoint.cursor:
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(cursor=cursor)
    return created


def webhooks_dispatch(now: datetime | None = None) -> int:
    """Deliveries for every active endpoint's new events; returns how many were created."""
    now = now or timezone.now()
    with scopes_disabled():
        ids = list(WebhookEndpoint.objects.filter(active=True).values_list("pk", flat=True))
        return sum(_dispatch_endpoint(pk, now) for pk in ids)


# Sending ------------------------------------------------------------------------------------


def _claim(now: datetime, limit: int) -> list[WebhookDelivery]:
    with transaction.atomic():
        due = WebhookDelivery.objects.filter(
            state=DeliveryState.PENDING, next_attempt_at__lte=now, endpoint__active=True
        ).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        ids = list(due.values_list("pk", flat=True)[:limit])
        if not ids:
            return []
        WebhookDelivery.objects.filter(pk__in=ids).update(
            state=DeliveryState.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    return list(
        WebhookDelivery.objects.filter(pk__in=ids).select_related("endpoint").order_by("id")
    )


class Connections:
    """Kept-alive connections of one sending run, one per thread and receiver.

    A receiver is usually sent many deliveries in a row; a new TCP (and TLS) connection for
    each would cost more than the request. ``close_all`` ends them when the run ends.
    """

    def __init__(self):
        self.local = threading.local()
        self.lock = threading.Lock()
        self.opened: list[http.client.HTTPConnection] = []

    def get(self, scheme: str, host: str, port: int | None) -> http.client.HTTPConnection:
        cache = self.local.__dict__.setdefault("cache", {})
        key = (scheme, host, port)
        if key not in cache:
            kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
            cache[key] = kind(host, port, timeout=TIMEOUT_SECONDS)
            with self.lock:
                self.opened.append(cache[key])
        return cache[key]

    def close_all(self) -> None:
        with self.lock:
            for conn in self.opened:
                conn.close()
            self.opened.clear()


def _post(delivery: WebhookDelivery, body: bytes, connections: Connections | None) -> int:
    """POST the body; returns the HTTP status. Redirects are not followed."""
    endpoint = delivery.endpoint
    parts = urlsplit(endpoint.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) address: {endpoint.url}")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    pool = connections or Connections()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Kongres-Event": delivery.event,
        "Kongres-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: signature_header(endpoint.secret, int(time.time()), body),
    }
    for fresh in (False, True):
        conn = pool.get(parts.scheme, parts.hostname, parts.port)
        reused = conn.sock is not None
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read(65536)
            if not response.isclosed():  # a longer answer than we read: do not reuse
                conn.close()
            return response.status
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            conn.close()
            if not reused or fresh:
                raise
            # The receiver closed a kept-alive connection between two requests: once more,
            # on a new connection (nothing reached it).
        except Exception:
            conn.close()
            raise
        finally:
            if connections is None:
                pool.close_all()
    raise AssertionError("unreachable")


def _attempt(
    delivery: WebhookDelivery, now: datetime, connections: Connections | None = None
) -> dict:
    """POST a claimed delivery once; the fields that record the outcome (no database work,
    so attempts of a batch may run in threads). ``now`` schedules the retry."""
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
    started = time.monotonic()
    status, error = None, ""
    try:
        status = _post(delivery, body, connections)
        if not 200 <= status < 300:
            error = f"HTTP {status}"
    except Exception as exc:  # timeouts, refused connections, TLS: all retried
        error = repr(exc)[:2000]
    elapsed = round((time.monotonic() - started) * 1000)
    now = now + timedelta(milliseconds=elapsed)
    fields = {"last_status": status, "last_error": error, "response_ms": elapsed}
    delays = _retry_delays()
    if not error:
        fields.update(state=DeliveryState.DELIVERED, delivered_at=now, next_attempt_at=None)
    elif delivery.attempts <= len(delays):
        fields.update(
            state=DeliveryState.PENDING,
            next_attempt_at=now + timedelta(seconds=delays[delivery.attempts - 1]),
        )
    else:
        fields.update(state=DeliveryState.FAILED, next_attempt_at=None)
    if error:
        logger.warning(
            "webhook %s to %s failed (attempt %s): %s",
            delivery.pk,
            delivery.endpoint.url,
            delivery.attempts,
            error,
        )
    return fields


def _record(outcomes: list[tuple[WebhookDelivery, dict]]) -> None:
    """Write the outcomes of a batch in one transaction (one commit, not one per delivery)."""
    with transaction.atomic():
        for delivery, fields in outcomes:
            WebhookDelivery.objects.filter(pk=delivery.pk, state=DeliveryState.SENDING).update(
                claimed_at=None, **fields
            )


def delivery_send(delivery: WebhookDelivery, *, now: datetime | None = None) -> str:
    """One attempt of a claimed delivery; records the outcome and returns the new state."""
    fields = _attempt(delivery, now or timezone.now())
    with scopes_disabled():
        _record([(delivery, fields)])
    return fields["state"]


def webhooks_send_due(now: datetime | None = None, *, budget_seconds: float = 50) -> int:
    """Send due deliveries in batches until none is due or the time budget is spent.

    The POSTs of a batch run in ``WEBHOOK_CONCURRENCY`` threads (a slow receiver does not
    hold up the rest); their outcomes are written together. Returns the attempts made.
    """
    now = now or timezone.now()
    started = time.monotonic()
    sent = 0
    threads = int(getattr(settings, "WEBHOOK_CONCURRENCY", CONCURRENCY))
    connections = Connections()
    try:
        with scopes_disabled(), ThreadPoolExecutor(max_workers=max(threads, 1)) as pool:
            while time.monotonic() < started + budget_seconds:
                batch = _claim(now, BATCH)
                if not batch:
                    break
                clock = now + timedelta(seconds=time.monotonic() - started)
                results = list(pool.map(lambda d: _attempt(d, clock, connections), batch))  # noqa: B023
                _record(list(zip(batch, results, strict=True)))
                sent += len(batch)
    finally:
        connections.close_all()
    return sent


def webhooks_release_stuck(now: datetime) -> int:
    """Deliveries whose worker died mid-send are due again (receivers deduplicate)."""
    with scopes_disabled():
        return WebhookDelivery.objects.filter(
            state=DeliveryState.SENDING, claimed_at__lt=now - STUCK_AFTER
        ).update(state=DeliveryState.PENDING, next_attempt_at=now, claimed_at=None)


def webhooks_run(now: datetime | None = None) -> int:
    """The worker's job: release stuck sends, dispatch new events, send what is due."""
    now = now or timezone.now()
    webhooks_release_stuck(now)
    webhooks_dispatch(now)
    return webhooks_send_due(now)


def deliveries_resend(deliveries, *, now: datetime | None = None) -> int:
    """The organiser's "send again": due at once, with a fresh round of attempts."""
    now = now or timezone.now()
    ids = [d.pk for d in deliveries]
    with scopes_disabled():
        return (
            WebhookDelivery.objects.filter(pk__in=ids)
            .exclude(state=DeliveryState.SENDING)
            .update(state=DeliveryState.PENDING, next_attempt_at=now, attempts=0, last_error="")
        )
