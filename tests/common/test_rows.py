"""Plain INSERTs of prepared instances (kongres.common.db.rows) against the ORM's own writes."""

import pytest
from django.db import connection
from django.utils import timezone

from kongres.common.db import rows
from kongres.common.models import ActivityLog
from kongres.registration.enums import RegistrationState
from kongres.registration.models import ConsentRecord, Registration
from kongres.registration.services import email_key
from tests.factories import EditionFactory
from tests.registration.factories import CategoryFactory, ConsentTextFactory

pytestmark = pytest.mark.django_db
WHEN = timezone.now()

COMPARED = [
    f.attname
    for f in Registration._meta.concrete_fields
    if f.attname not in ("id", "created_at", "updated_at")
]


def _registration(edition, category, email, place=None):
    return Registration(
        edition=edition,
        category=category,
        first_name="Łukasz",
        last_name="Żółć-Gęślak",
        email=email,
        email_key=email_key(email),
        answers={"q": ["a", "ą"]},
        state=RegistrationState.UNVERIFIED,
        place=place,
        hold_expires_at=WHEN,
    )


def test_insert_writes_what_save_writes_and_sets_the_ids():
    edition = EditionFactory()
    category = CategoryFactory(edition=edition)
    by_orm = _registration(edition, category, "orm@example.org", place=3)
    by_orm.save()
    by_rows = _registration(edition, category, "rows@example.org", place=4)
    by_rows.link_secret, by_rows.feed_secret = by_orm.link_secret + "x", by_orm.feed_secret + "x"
    with connection.cursor() as cursor:
        rows.insert(cursor, [by_rows])
    assert by_rows.pk is not None
    assert by_rows.pk != by_orm.pk
    assert by_rows.created_at is not None
    orm_row = Registration.objects.values(*COMPARED).get(pk=by_orm.pk)
    rows_row = Registration.objects.values(*COMPARED).get(pk=by_rows.pk)
    differing = {k for k in COMPARED if orm_row[k] != rows_row[k]}
    assert differing == {"email", "email_key", "link_secret", "feed_secret", "place"}
    assert rows_row["answers"] == {"q": ["a", "ą"]}


def test_insert_takes_foreign_keys_from_objects_saved_after_assignment():
    edition = EditionFactory()
    consent = ConsentTextFactory(edition=edition)
    registration = _registration(edition, CategoryFactory(edition=edition), "fk@example.org")
    records = [
        ConsentRecord(registration=registration, consent=consent, accepted_at=timezone.now())
    ]
    with connection.cursor() as cursor:
        rows.insert(cursor, [registration])  # after the record was made
        rows.insert(cursor, records)
    assert ConsentRecord.objects.get(pk=records[0].pk).registration_id == registration.pk


def test_many_rows_in_one_statement_get_their_ids_in_order():
    entries = [ActivityLog(action=f"test.{n}", object_type="x", object_id=str(n)) for n in range(5)]
    with connection.cursor() as cursor:
        rows.insert(cursor, entries)
    stored = dict(
        ActivityLog.objects.filter(pk__in=[e.pk for e in entries]).values_list("pk", "action")
    )
    assert [stored[e.pk] for e in entries] == [f"test.{n}" for n in range(5)]


def test_execute_all_returns_each_statements_rows():
    with connection.cursor() as cursor:
        results = rows.execute_all(cursor, [("SELECT 1", []), ("SELECT %s, %s", [2, "ż"])])
    assert [list(map(tuple, r)) for r in results] == [[(1,)], [(2, "ż")]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="sequences: PostgreSQL only")
def test_reserved_ids_are_new_distinct_and_usable():
    edition = EditionFactory()
    category = CategoryFactory(edition=edition)
    before = _registration(edition, category, "before@example.org")
    before.save()
    reserved = rows.reserve_ids({Registration: 3, ConsentRecord: 0})
    assert reserved[ConsentRecord] == []
    ids = reserved[Registration]
    assert len(set(ids)) == 3
    assert min(ids) > before.pk
    registration = _registration(edition, category, "reserved@example.org")
    registration.pk = ids[1]
    with connection.cursor() as cursor:
        rows.insert(cursor, [registration])
    after = _registration(edition, category, "after@example.org")
    after.save()  # the sequence moved past the reserved ids: no collision
    assert Registration.objects.filter(pk=ids[1], email="reserved@example.org").exists()
    assert after.pk > max(ids)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="client-side binding: PostgreSQL")
@pytest.mark.django_db(transaction=True)  # the connection is closed and replaced
def test_literal_sql_binds_as_psycopg_does_and_follows_a_new_connection():
    sql = "SELECT %s, %s, %s, %s, %s"
    params = ["O'Brien; DROP TABLE x", "100 % ąę", None, 42, WHEN]
    expected = connection.ops.compose_sql(sql, params)
    assert rows.literal_sql(sql, params) == expected
    with connection.cursor() as cursor:
        cursor.execute(rows.literal_sql(sql, params))
        assert list(cursor.fetchone()) == params
    first = rows._mogrifier()
    connection.close()  # a replaced connection gets a new mogrifier, not the closed one's
    assert rows.literal_sql(sql, params) == expected
    assert rows._mogrifier() is not first
    assert rows._mogrifier().connection is connection.connection
