"""Two desks print the same badges at once: every print is counted, none lost, one record each."""

import pytest

from kongres.onsite.documents import services
from kongres.onsite.models import BadgePrint
from tests.concurrency.conftest import run_parallel

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
