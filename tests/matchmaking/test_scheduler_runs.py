"""The scheduler run as a background task: queued by the page, solved by the worker, polled."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from kongres.common.models import ActivityLog
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from kongres.matchmaking import scheduler, services
from kongres.matchmaking.enums import SchedulingMode
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import Meeting, SchedulerRun
from kongres.matchmaking.scheduler import schedule
from tests.matchmaking.factories import ProfileFactory, matchmaking_edition
from tests.matchmaking.worker import queued_scheduler_tasks, run_scheduler_tasks
from tests.registration.admin_factories import staff_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def edition():
    return matchmaking_edition(slots=4, tables=2, scheduling_mode=SchedulingMode.ORGANISER).edition


@pytest.fixture
def organiser(client):
    client.force_login(staff_user("organizator", "matchmaking.change_meeting"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _meetings(edition, count):
    made = []
    for _ in range(count):
        a = ProfileFactory(edition=edition)
        b = ProfileFactory(edition=edition)
        made.append(services.request_accept(services.request_send(a, b, "")))
    return made


def _scheduler(edition):
    return reverse("admin:matchmaking_scheduler", args=[edition.pk])


def _run_page(run):
    return reverse("admin:matchmaking_scheduler_run", args=[run.edition_id, run.pk])


def _status(run):
    return reverse("admin:matchmaking_scheduler_run_status", args=[run.edition_id, run.pk])


def _drafts():
    return list(Meeting.objects.order_by("pk").values_list("draft_slot_id", "draft_table"))


def _actions(run):
    return list(
        ActivityLog.objects.filter(object_type="matchmaking.schedulerrun", object_id=str(run.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_the_post_only_queues_and_the_task_then_solves(organiser, edition):
    _meetings(edition, 3)

    response = organiser.post(_scheduler(edition), {"action": "run", "keep_published": "on"})

    run = SchedulerRun.objects.get()
    assert response.status_code == 302
    assert response.url == _run_page(run)
    # Nothing was solved in the request: the run waits, no meeting has a draft place.
    assert (run.state, run.scheduled, run.upper_bound, run.started_at) == ("queued", 0, 0, None)
    assert _drafts() == [(None, None)] * 3
    assert queued_scheduler_tasks().count() == 1

    assert run_scheduler_tasks() == ["done"]

    run.refresh_from_db()
    assert (run.state, run.scheduled, run.upper_bound, run.progress) == ("done", 3, 3, "")
    assert run.started_at is not None
    assert run.finished_at >= run.started_at
    assert all(slot is not None for slot, _table in _drafts())
    assert queued_scheduler_tasks().count() == 0
    assert _actions(run) == ["matchmaking.scheduler.requested", "matchmaking.scheduler.finished"]


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_the_queued_scheduler_task(organiser, edition):
    _meetings(edition, 2)
    organiser.post(_scheduler(edition), {"action": "run"})

    call_command("worker", "--batch", "--housekeeping-every", "0", "--nice", "0", verbosity=0)

    run = SchedulerRun.objects.get()
    assert (run.state, run.scheduled) == ("done", 2)


def test_progress_page_polls_until_done_then_shows_the_result(organiser, edition):
    _meetings(edition, 2)
    organiser.post(_scheduler(edition), {"action": "run"})
    run = SchedulerRun.objects.get()

    page = organiser.get(_run_page(run)).content.decode()
    waiting = organiser.get(_status(run))

    assert 'hx-trigger="every 2s"' in page
    assert f'hx-get="{_status(run)}"' in page
    assert "vendor/htmx/htmx.min.js" in page
    assert waiting.status_code == 200
    assert "no-store" in waiting["Cache-Control"]
    assert "waiting for the worker" in waiting.content.decode()
    assert 'hx-trigger="every 2s"' in waiting.content.decode()

    run_scheduler_tasks()
    run.refresh_from_db()
    done = organiser.get(_status(run)).content.decode()

    assert "hx-trigger" not in done  # polling stops
    assert (
        "The scheduler placed 2 of 2 accepted meetings; no schedule can place more than 2 "
        f"({run.seconds:.1f} s)."
    ) in done
    assert f'href="{_scheduler(edition)}#result"' in done


def test_a_second_run_is_refused_while_one_is_queued(organiser, edition):
    _meetings(edition, 1)
    organiser.post(_scheduler(edition), {"action": "run"})
    first = SchedulerRun.objects.get()

    response = organiser.post(_scheduler(edition), {"action": "run"})

    assert SchedulerRun.objects.count() == 1
    assert queued_scheduler_tasks().count() == 1
    assert response.url == _run_page(first)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The scheduler is already running for this edition; wait for its result before "
        "starting it again."
    ]


def test_a_second_run_is_refused_while_one_is_running(edition):
    _meetings(edition, 1)
    run = services.scheduler_run_request(edition)
    SchedulerRun.objects.filter(pk=run.pk).update(state="running", started_at=timezone.now())

    with pytest.raises(MatchmakingError, match="jest już układany"):
        services.scheduler_run_request(edition)

    assert SchedulerRun.objects.count() == 1


def test_the_database_holds_one_active_run_per_edition(edition):
    services.scheduler_run_request(edition)

    with pytest.raises(IntegrityError), transaction.atomic():
        SchedulerRun.objects.create(edition=edition, state="running")


def test_a_stuck_run_is_given_up_after_the_timeout_and_a_new_one_queued(edition):
    _meetings(edition, 1)
    stuck = services.scheduler_run_request(edition)
    long_ago = timezone.now() - services.RUN_STALE_AFTER - timedelta(seconds=1)
    SchedulerRun.objects.filter(pk=stuck.pk).update(state="running", started_at=long_ago)

    fresh = services.scheduler_run_request(edition)

    stuck.refresh_from_db()
    assert (stuck.state, fresh.state) == ("failed", "queued")
    assert "nie ukończył" in stuck.error  # in Polish, the default
    assert "matchmaking.scheduler.abandoned" in _actions(stuck)
    # The stuck run's task, run again, does nothing; the new run is solved.
    assert run_scheduler_tasks() == ["failed", "done"]
    stuck.refresh_from_db()
    assert (stuck.state, stuck.scheduled) == ("failed", 0)


def test_a_run_that_fails_shows_its_error_and_leaves_the_drafts(organiser, edition, monkeypatch):
    _meetings(edition, 2)
    organiser.post(_scheduler(edition), {"action": "run"})
    run = SchedulerRun.objects.get()

    # No real instance makes the solver crash; stand in for a crash (e.g. of the LP solver).
    def crash(*args, **kwargs):
        raise RuntimeError("solver out of memory")

    monkeypatch.setattr(scheduler, "schedule", crash)
    assert run_scheduler_tasks() == ["failed"]

    run.refresh_from_db()
    assert run.state == "failed"
    assert "RuntimeError: solver out of memory" in run.error
    assert _drafts() == [(None, None)] * 2
    assert _actions(run)[-1] == "matchmaking.scheduler.failed"
    fragment = organiser.get(_status(run)).content.decode()
    assert "The run failed:" in fragment
    assert "solver out of memory" in fragment
    assert "hx-trigger" not in fragment
    # A failed run blocks nothing: the organiser runs again.
    monkeypatch.undo()
    organiser.post(_scheduler(edition), {"action": "run"})
    assert run_scheduler_tasks() == ["done"]


def test_publishing_uses_the_last_finished_run_while_another_waits(organiser, edition):
    meetings = _meetings(edition, 2)
    organiser.post(_scheduler(edition), {"action": "run"})
    run_scheduler_tasks()
    organiser.post(_scheduler(edition), {"action": "run"})  # queued, never solved here

    page = organiser.get(_scheduler(edition))
    organiser.post(_scheduler(edition), {"action": "publish"})

    assert page.context["run"].state == "done"
    assert page.context["active_run"].state == "queued"
    done = SchedulerRun.objects.get(state="done")
    assert done.published_at is not None
    for meeting in meetings:
        meeting.refresh_from_db()
        assert meeting.is_published
        assert meeting.slot_id is not None


def test_a_team_member_with_the_matchmaking_key_may_run(client, edition):
    _meetings(edition, 1)
    user = staff_user("menedzer")
    TeamMember.objects.create(edition=edition, user=user, role=TeamRole.MATCHMAKING_MANAGER)
    client.force_login(user)

    response = client.post(_scheduler(edition), {"action": "run"})

    run = SchedulerRun.objects.get()
    assert response.url == _run_page(run)
    assert client.get(_status(run)).status_code == 200


@pytest.mark.parametrize("role", [TeamRole.CHECKIN, TeamRole.PARTNER_VIEWER])
def test_team_roles_without_the_key_are_refused(client, edition, role):
    _meetings(edition, 1)
    user = staff_user("drzwi")
    TeamMember.objects.create(edition=edition, user=user, role=role)
    client.force_login(user)
    run = services.scheduler_run_request(edition)

    assert client.post(_scheduler(edition), {"action": "run"}).status_code == 403
    assert client.get(_run_page(run)).status_code == 403
    assert client.get(_status(run)).status_code == 403
    assert SchedulerRun.objects.count() == 1


def test_the_key_of_another_edition_does_not_count(client, edition):
    other = matchmaking_edition(slots=1, tables=1).edition
    user = staff_user("menedzer")
    TeamMember.objects.create(edition=other, user=user, role=TeamRole.MATCHMAKING_MANAGER)
    client.force_login(user)

    assert client.post(_scheduler(edition), {"action": "run"}).status_code == 403
    with scopes_disabled():
        assert SchedulerRun.objects.count() == 0


def test_a_run_of_another_edition_is_not_found_under_this_one(organiser, edition):
    other = matchmaking_edition(slots=1, tables=1).edition
    run = services.scheduler_run_request(other)

    assert (
        organiser.get(
            reverse("admin:matchmaking_scheduler_run", args=[edition.pk, run.pk])
        ).status_code
        == 404
    )


def test_the_pure_scheduler_reports_its_phases():
    instance = {
        "slots": [{"id": "s1", "session": "x", "day": "2026-05-01", "tables": 1}],
        "participants": [
            {"id": "a", "available": ["s1"], "max_meetings": 1},
            {"id": "b", "available": ["s1"], "max_meetings": 1},
        ],
        "meetings": [{"id": "m1", "a": "a", "b": "b"}],
        "fixed": [],
    }
    phases = []

    result = schedule(instance, time_limit=5, progress=phases.append)

    assert phases == ["bound", "construct", "search", "improve"]
    assert [row["meeting"] for row in result["assignments"]] == ["m1"]


def test_a_running_run_shows_its_phase_and_keeps_polling(organiser, edition):
    run = services.scheduler_run_request(edition)
    SchedulerRun.objects.filter(pk=run.pk).update(
        state="running", started_at=timezone.now(), progress="search"
    )

    fragment = organiser.get(_status(run)).content.decode()

    assert '<span id="run-state">running</span>' in fragment
    assert "Searching for more meetings" in fragment
    assert 'hx-trigger="every 2s"' in fragment


def test_the_scheduler_page_links_to_the_run_in_progress(organiser, edition):
    run = services.scheduler_run_request(edition)

    page = organiser.get(_scheduler(edition)).content.decode()

    assert f'href="{_run_page(run)}"' in page
    assert "A scheduler run is in progress (waiting for the worker)." in page
