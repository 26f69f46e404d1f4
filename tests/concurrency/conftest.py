"""Many parallel clients against the real database (SQLite file or PostgreSQL).

Clients are threads released together at a barrier. Each uses its own database connection;
at most ``DB_SLOTS`` of them hold one at a time, as the worker pool of an app server would
(PostgreSQL here allows 100 connections, shared with the test process).
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from kongres.common.i18n import i18n
from kongres.program.enums import SessionKind
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Category, ConsentText, Registration
from kongres.registration.services import email_key
from tests.factories import DayFactory, EditionFactory, SessionFactory, at

DB_SLOTS = 40


@dataclass
class RunResult:
    results: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def run_parallel(calls: list[Callable[[], object]], *, slots: int = DB_SLOTS) -> RunResult:
    """Run every call in its own thread, all started at one barrier."""
    barrier = threading.Barrier(len(calls))
    gate = threading.Semaphore(slots)
    outcome = RunResult()
    lock = threading.Lock()

    def client(call):
        barrier.wait()
        with gate:
            try:
                with scopes_disabled():
                    result = call()
                with lock:
                    outcome.results.append(result)
            except Exception as error:  # collected and asserted empty by the tests
                with lock:
                    outcome.errors.append(repr(error))
            finally:
                connection.close()

    threads = [threading.Thread(target=client, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a client hung"
    return outcome


@pytest.fixture
def edition(transactional_db):
    return EditionFactory(slug="kkp-test")


@pytest.fixture
def consent(edition):
    return ConsentText.objects.create(
        edition=edition,
        kind="processing",
        version=1,
        text=i18n("Zgoda", "Consent"),
        required=True,
    )


@pytest.fixture
def make_category(edition):
    def make(*, quota=None, slug="uczestnik"):
        return Category.objects.create(
            edition=edition, slug=slug, name=i18n("Uczestnik", "Participant"), quota=quota
        )

    return make


@pytest.fixture
def visit(edition):
    """A study visit session with 40 seats."""
    day = DayFactory(edition=edition, date=edition.end_date)
    return SessionFactory(
        edition=edition,
        day=day,
        kind=SessionKind.STUDY_VISIT,
        start=at(day.date, 9),
        end=at(day.date, 13),
        capacity=40,
    )


@pytest.fixture
def make_registrations(edition, make_category):
    def make(count: int, *, state=RegistrationState.CONFIRMED) -> list[Registration]:
        category = make_category(slug=f"cat-{count}-{state}")
        return Registration.objects.bulk_create(
            Registration(
                edition=edition,
                category=category,
                state=state,
                first_name="Łucja",
                last_name=f"Żak {number}",
                email=f"lucja.{number}@example.org",
                email_key=email_key(f"lucja.{number}@example.org"),
            )
            for number in range(count)
        )

    return make
