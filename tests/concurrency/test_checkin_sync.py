import datetime as dt
import uuid

import pytest

from kongres.onsite import services
from kongres.onsite.enums import ScanOutcome
from kongres.onsite.models import CheckIn, Scan
from kongres.registration.tokens import ticket_token
from tests.concurrency.conftest import run_parallel
from tests.onsite.checkin_setup import batch, hall

pytestmark = [pytest.mark.concurrency, pytest.mark.integration]


def offline_batch(device, point, codes, *, start):
    return batch(
        device,
        [
            (f"scan-{number}", point.pk, code, start + dt.timedelta(seconds=number))
            for number, code in enumerate(codes)
        ],
    )


def test_checkin_two_devices_sync_the_same_500_people_at_once(edition, make_registrations):
    point = hall(edition)
    codes = [ticket_token(r) for r in make_registrations(500)]
    start = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    batches = [
        offline_batch(uuid.uuid4(), point, codes, start=start),
        offline_batch(uuid.uuid4(), point, codes, start=start + dt.timedelta(milliseconds=500)),
    ]
    calls = [
        (lambda data=data: services.scans_record(edition=edition, user=None, data=data))
        for data in batches
    ]

    outcome = run_parallel(calls)

    assert outcome.errors == []
    checkins = CheckIn.objects.filter(point=point)
    assert checkins.count() == 500
    assert checkins.values("registration").distinct().count() == 500
    assert Scan.objects.count() == 1000  # nothing lost
    assert Scan.objects.filter(outcome=ScanOutcome.ACCEPTED).count() == 500
    assert Scan.objects.filter(outcome=ScanOutcome.REPEATED).count() == 500
    # First scan wins by device time, whichever device synced first: the first device's.
    assert set(checkins.values_list("device__key", flat=True)) == {uuid.UUID(batches[0]["device"])}


def test_checkin_one_device_replaying_its_batch_at_once_stores_it_once(edition, make_registrations):
    point = hall(edition)
    codes = [ticket_token(r) for r in make_registrations(500)]
    data = offline_batch(uuid.uuid4(), point, codes, start=dt.datetime.now(dt.UTC))
    calls = [
        (lambda: services.scans_record(edition=edition, user=None, data=data)) for _ in range(2)
    ]

    outcome = run_parallel(calls)

    assert outcome.errors == []
    assert CheckIn.objects.count() == 500
    assert Scan.objects.count() == 500
    assert sorted(r.counts["new"] for r in outcome.results) == [0, 500]
