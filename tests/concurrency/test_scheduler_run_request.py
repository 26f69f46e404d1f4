"""Many organisers press "Run the scheduler" at once: exactly one run is queued, one task."""

import pytest

from kongres.matchmaking import services
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import SchedulerRun
from tests.concurrency.conftest import run_parallel
from tests.matchmaking.factories import MatchmakingSettingsFactory
from tests.matchmaking.worker import queued_scheduler_tasks

pytestmark = [pytest.mark.concurrency, pytest.mark.integration]


def test_parallel_run_requests_queue_exactly_one_run(edition):
    MatchmakingSettingsFactory(edition=edition)

    def request():
        try:
            return services.scheduler_run_request(edition)
        except MatchmakingError as error:
            return error

    outcome = run_parallel([request for _ in range(8)])

    assert outcome.errors == []
    runs = [r for r in outcome.results if isinstance(r, SchedulerRun)]
    refused = [r for r in outcome.results if isinstance(r, MatchmakingError)]
    assert (len(runs), len(refused)) == (1, 7)
    assert SchedulerRun.objects.filter(edition=edition).count() == 1
    assert queued_scheduler_tasks().count() == 1
