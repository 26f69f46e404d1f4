"""SQLite writers queue on a file lock: a second writer waits for the first, then proceeds."""

import fcntl
import os
import threading
import time

import pytest
from django.db import connection, connections, transaction

from kongres.common.models import RateCounter

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only"),
]


def _expires():
    from django.utils import timezone

    return timezone.now()


def test_second_writer_waits_for_the_first_and_then_writes():
    events = []
    first_inside = threading.Event()

    def second():
        try:
            first_inside.wait(5)
            with transaction.atomic():
                events.append("second in")
                RateCounter.objects.create(key="second", count=1, expires_at=_expires())
        finally:
            connections.close_all()

    worker = threading.Thread(target=second)
    worker.start()
    with transaction.atomic():
        RateCounter.objects.create(key="first", count=1, expires_at=_expires())
        first_inside.set()
        time.sleep(0.3)  # the second writer is queued meanwhile, not failing
        events.append("first out")
    worker.join(10)

    assert events == ["first out", "second in"]
    assert set(RateCounter.objects.values_list("key", flat=True)) == {"first", "second"}


def _queue_is_free() -> bool:
    """Whether a writer could take the queue's lock right now (tried from a new descriptor)."""
    fd = os.open(f"{connection.settings_dict['NAME']}-writers.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


def test_a_transaction_holds_the_queue_until_commit():
    with transaction.atomic():
        RateCounter.objects.create(key="held", count=1, expires_at=_expires())
        with transaction.atomic():  # a savepoint does not take it twice
            inside = _queue_is_free()
        still_inside = _queue_is_free()

    assert (inside, still_inside) == (False, False)
    assert _queue_is_free()


def _failing_write():
    with transaction.atomic():
        RateCounter.objects.create(key="gone", count=1, expires_at=_expires())
        raise ZeroDivisionError


def test_the_lock_is_released_after_a_rollback():
    with pytest.raises(ZeroDivisionError):
        _failing_write()

    assert _queue_is_free()
    done = threading.Event()

    def other():
        try:
            with transaction.atomic():
                RateCounter.objects.create(key="after", count=1, expires_at=_expires())
            done.set()
        finally:
            connections.close_all()

    worker = threading.Thread(target=other)
    worker.start()
    worker.join(10)

    assert done.is_set()
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["after"]


def test_the_workers_checkpoint_copies_the_whole_log_into_the_database():
    from kongres.common.management.commands.worker import wal_checkpoint

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        (autocheckpoint,) = cursor.fetchone()
    for n in range(50):
        RateCounter.objects.create(key=f"k{n}", count=1, expires_at=_expires())

    busy, frames, copied = wal_checkpoint()

    assert autocheckpoint == 10000  # requests leave checkpoints to the worker
    assert busy == 0
    assert frames > 0
    assert copied == frames
