"""The registration's critical section outside any transaction of the caller.

On PostgreSQL it begins and commits the transaction itself (two round trips); these tests run
without Django's test transaction so that this path is the one taken. Whatever fails inside
leaves nothing behind, releases the locks and leaves the connection ready for the next request.
"""

import copy
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone

from kongres.common.i18n import i18n
from kongres.comms.models import Message
from kongres.registration import services
from kongres.registration.enums import RegistrationState
from kongres.registration.exceptions import RegistrationError
from kongres.registration.models import Category, ConsentText, Registration
from kongres.visits.models import Signup
from tests.factories import EditionFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting():
    edition = EditionFactory(slug="kkp-critical")
    consent = ConsentText.objects.create(
        edition=edition, kind="processing", version=1, text=i18n("Zgoda", "Consent"), required=True
    )
    category = Category.objects.create(
        edition=edition, slug="uczestnik", name=i18n("Uczestnik", "Participant"), quota=2
    )
    visit = SessionFactory(edition=edition, kind="study_visit", capacity=1)
    return edition, consent, category, visit


def _data(consent, visit, email):
    return services.RegistrationInput(
        first_name="Łukasz",
        last_name="Żółć-Gęślak",
        email=email,
        consent_ids=[consent.pk],
        session_ids=[visit.pk],
    )


def _counts():
    return Registration.objects.count(), Signup.objects.count(), Message.objects.count()


def _connection_idle():
    assert not connection.in_atomic_block
    if connection.vendor == "postgresql":
        from psycopg.pq import TransactionStatus

        assert connection.connection.info.transaction_status == TransactionStatus.IDLE
    with connection.cursor() as cursor:  # and it still works
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1


def test_places_seats_and_waiting_list_outside_a_transaction(setting):
    edition, consent, category, visit = setting
    made = [
        services.registration_create(
            edition=edition, category=category, data=_data(consent, visit, f"p{n}@example.org")
        )[0]
        for n in range(3)
    ]
    assert [(r.state, r.place) for r in made] == [
        (RegistrationState.UNVERIFIED, 1),
        (RegistrationState.UNVERIFIED, 2),
        (RegistrationState.WAITLISTED, None),
    ]
    seats = list(Signup.objects.order_by("registration_id").values_list("state", "seat"))
    assert seats == [("confirmed", 1), ("waitlisted", None), ("waitlisted", None)]
    assert Message.objects.filter(registration__in=made, kind="verify_email").count() == 3
    _connection_idle()


def test_a_duplicate_address_written_in_parallel_leaves_nothing(setting):
    edition, consent, category, visit = setting
    first, _created = services.registration_create(
        edition=edition, category=category, data=_data(consent, visit, "same@example.org")
    )
    before = _counts()
    # As if a parallel request had passed the duplicate check a moment before this one.
    with pytest.raises(IntegrityError):
        services._registration_write(
            edition, category, _data(consent, visit, "same@example.org"),
            services.email_key("same@example.org"), "", None, "participant",
            [consent.pk], [visit], timezone.now(),
        )  # fmt: skip
    assert _counts() == before
    _connection_idle()
    # The service itself answers with the existing registration.
    again, created = services.registration_create(
        edition=edition, category=category, data=_data(consent, visit, "same@example.org")
    )
    assert (again.pk, created) == (first.pk, False)


def test_a_category_closed_meanwhile_refuses_and_leaves_nothing(setting):
    edition, consent, category, visit = setting
    Category.objects.filter(pk=category.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    before = _counts()
    with pytest.raises(RegistrationError, match=r"closed|zamknięta"):
        services.registration_create(
            edition=edition, category=category, data=_data(consent, visit, "late@example.org")
        )
    assert _counts() == before
    _connection_idle()


def test_values_with_quotes_and_percent_signs_are_stored_as_typed(setting):
    edition, consent, category, visit = setting
    data = _data(consent, visit, "o'brien+100%@example.org")
    data.first_name, data.last_name = "Anna %s %(x)s 100%", "O'Brien; DROP TABLE x; --"
    registration, created = services.registration_create(
        edition=edition, category=category, data=data
    )
    stored = Registration.objects.get(pk=registration.pk)
    assert created
    assert (stored.first_name, stored.last_name, stored.email) == (
        "Anna %s %(x)s 100%",
        "O'Brien; DROP TABLE x; --",
        "o'brien+100%@example.org",
    )
    _connection_idle()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's write-ahead log")
def test_the_registration_is_on_disk_when_the_call_returns(setting):
    # Nothing confirmed is lost, even if the database server crashes right after. The
    # transaction commits without waiting for the disk, so that its locks go at once; the call
    # must still return only once the commit record is flushed. pg_walinspect reads the log up
    # to the flushed position; that commit must be there.
    edition, consent, category, visit = setting
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_walinspect")
        cursor.execute("SELECT pg_current_wal_insert_lsn()")
        start = cursor.fetchone()[0]
    registration = services.registration_create(
        edition=edition, category=category, data=_data(consent, visit, "disk@example.org")
    )[0]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT xmin::text FROM {Registration._meta.db_table} WHERE id = %s",  # noqa: S608
            [registration.pk],
        )
        xid = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM pg_get_wal_records_info(%s::pg_lsn, pg_current_wal_flush_lsn())"
            " WHERE resource_manager = 'Transaction' AND record_type = 'COMMIT'"
            " AND xid = %s::xid",
            [start, xid],
        )
        assert cursor.fetchone()[0] == 1
    _connection_idle()


def test_seats_are_decided_by_the_capacity_read_under_lock_not_the_one_shown(setting):
    edition, consent, category, visit = setting  # the visit has one seat
    shown = copy.copy(visit)
    shown.capacity = 5  # as the form showed it a moment before the organiser lowered it
    for n in range(2):
        data = _data(consent, visit, f"shown{n}@example.org")
        data.sessions_shown = [shown]
        services.registration_create(edition=edition, category=category, data=data)
    seats = list(Signup.objects.order_by("registration_id").values_list("state", "seat"))
    assert seats == [("confirmed", 1), ("waitlisted", None)]
    _connection_idle()
