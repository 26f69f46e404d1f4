"""The PostgreSQL health check without a round trip still notices a connection the server ended."""

import time

import pytest
from django.db import connection, connections
from django.db.backends.postgresql import base

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL backend"),
]


def _other_cursor():
    # A second connection to the same database, as an administrator's session would be.
    other = connections.create_connection("default")
    return other, other.cursor()


def test_an_idle_connection_is_usable_without_a_statement(monkeypatch):
    connection.ensure_connection()
    full_checks = []
    monkeypatch.setattr(
        base.DatabaseWrapper, "is_usable", lambda self: full_checks.append(self) or True
    )
    assert connection.is_usable()
    assert full_checks == []  # no SELECT 1 sent


def test_a_connection_the_server_terminated_is_not_usable():
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    other, cursor = _other_cursor()
    try:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert cursor.fetchone()[0] is True
    finally:
        cursor.close()
        other.close()
    for _ in range(50):  # the server's message reaches the socket within moments
        if not connection.is_usable():
            break
        time.sleep(0.02)
    assert not connection.is_usable()
    connection.close()
    with connection.cursor() as cursor:  # Django opens a new one
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1
