"""Desks printing the same badges at once, workers issuing certificates at once."""

import pytest

from kongres.onsite.documents import services
from kongres.onsite.models import BadgePrint, Certificate
from tests.concurrency.conftest import run_parallel
from tests.factories import at
from tests.onsite.documents_setup import check_in, hall

pytestmark = [pytest.mark.concurrency, pytest.mark.integration]


def test_badges_printed_by_20_desks_at_once_are_all_counted(edition, make_registrations):
    people = make_registrations(30)
    ids = [person.pk for person in people]

    outcome = run_parallel(
        [
            lambda: services.badges_mark_printed(edition=edition, registration_ids=ids)
            for _desk in range(20)
        ]
    )

    assert outcome.errors == []
    counts = dict(BadgePrint.objects.values_list("registration_id", "count"))
    assert counts == dict.fromkeys(ids, 20)


def test_certificates_issued_by_5_workers_at_once_are_issued_once(edition, make_registrations):
    door = hall(edition)
    people = make_registrations(25)
    for person in people:
        check_in(person, door, at(edition.start_date, 9))

    outcome = run_parallel(
        [lambda: len(services.certificates_issue(edition=edition)) for _worker in range(5)]
    )

    assert outcome.errors == []
    assert sorted(outcome.results) == [0, 0, 0, 0, 25]
    assert Certificate.objects.filter(edition=edition).count() == 25
    assert len(set(Certificate.objects.values_list("code", flat=True))) == 25
