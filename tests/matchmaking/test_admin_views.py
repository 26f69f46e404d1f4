"""The organiser's matchmaking pages in the admin: permissions, run, move, publish, statistics."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kongres.comms.models import Message
from kongres.matchmaking import services
from kongres.matchmaking.enums import MatchmakingMessage, Outcome, SchedulingMode
from kongres.matchmaking.models import Meeting, SchedulerRun, Slot
from tests.matchmaking.factories import ProfileFactory, matchmaking_edition
from tests.matchmaking.worker import run_scheduler_tasks
from tests.registration.admin_factories import staff_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def edition():
    return matchmaking_edition(slots=4, tables=2, scheduling_mode=SchedulingMode.ORGANISER).edition


@pytest.fixture
def slots(edition):
    return list(Slot.objects.filter(session__edition=edition).order_by("starts_at"))


@pytest.fixture
def organiser(client):
    user = staff_user("organizator", "matchmaking.change_meeting")
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _url(name, edition):
    return reverse(f"admin:matchmaking_{name}", args=[edition.pk])


def _meetings(edition, count, **profile_kwargs):
    """``count`` accepted meetings between fresh pairs of people (no slot yet: organiser mode)."""
    made = []
    for _ in range(count):
        a = ProfileFactory(edition=edition, **profile_kwargs)
        b = ProfileFactory(edition=edition, **profile_kwargs)
        made.append(services.request_accept(services.request_send(a, b, "")))
    return made


def _run(client, edition, data=None):
    """Ask for a run (queued, nothing solved), play the worker, then open the scheduler page."""
    response = client.post(_url("scheduler", edition), {"action": "run", **(data or {})})
    run = SchedulerRun.objects.order_by("-pk").first()
    assert run.state == "queued"
    assert response.status_code == 302
    assert response.url == reverse("admin:matchmaking_scheduler_run", args=[edition.pk, run.pk])
    assert run_scheduler_tasks() == ["done"]
    return client.get(_url("scheduler", edition))


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _placements():
    return list(
        Meeting.objects.order_by("pk").values_list(
            "pk", "slot_id", "table", "draft_slot_id", "draft_table", "is_published", "version"
        )
    )


# --- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["scheduler", "statistics", "tables_pdf"])
def test_organiser_pages_send_anonymous_visitors_to_the_login(client, edition, name):
    response = client.get(_url(name, edition))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("name", ["scheduler", "statistics", "tables_pdf"])
def test_organiser_pages_refuse_users_who_are_not_staff(client, django_user_model, edition, name):
    user = django_user_model.objects.create_user(username="uczestnik", password="x-123-haslo")
    client.force_login(user)

    response = client.get(_url(name, edition))

    # Signed in but not staff (e.g. door staff): refused outright, not sent to a login page.
    assert response.status_code == 403


@pytest.mark.parametrize("name", ["scheduler", "tables_pdf"])
def test_scheduler_refuses_staff_without_the_matchmaking_change_permission(client, edition, name):
    client.force_login(staff_user("biuro", "matchmaking.view_meeting"))

    response = client.get(_url(name, edition))

    assert response.status_code == 403


def test_scheduler_post_refused_without_permission_runs_nothing(client, edition):
    _meetings(edition, 1)
    client.force_login(staff_user("biuro", "matchmaking.view_meeting"))

    response = client.post(_url("scheduler", edition), {"action": "run", "keep_published": "on"})

    assert response.status_code == 403
    assert SchedulerRun.objects.count() == 0


def test_statistics_allowed_with_the_view_permission(client, edition):
    client.force_login(staff_user("biuro", "matchmaking.view_meeting"))

    response = client.get(_url("statistics", edition))

    assert response.status_code == 200


def test_scheduler_of_an_unknown_edition_is_not_found(organiser, edition):
    response = organiser.get(reverse("admin:matchmaking_scheduler", args=[edition.pk + 999]))

    assert response.status_code == 404


def test_settings_list_links_to_the_organiser_pages(admin_client, edition):
    response = admin_client.get(reverse("admin:matchmaking_matchmakingsettings_changelist"))

    assert _url("scheduler", edition) in response.content.decode()
    assert _url("statistics", edition) in response.content.decode()


# --- the scheduler page -----------------------------------------------------------------------


def test_scheduler_page_before_any_run_lists_unplaced_meetings(organiser, edition):
    meeting = _meetings(edition, 1)[0]

    response = organiser.get(_url("scheduler", edition))

    assert response.status_code == 200
    assert response.context["run"] is None
    assert [m.pk for m in response.context["unplaced"]] == [meeting.pk]
    assert "The scheduler has not run yet." in response.content.decode()


def test_run_stores_the_result_and_shows_it_against_the_bound(organiser, edition):
    _meetings(edition, 3)

    response = _run(organiser, edition, {"keep_published": "on"})

    run = SchedulerRun.objects.get()
    assert (run.meetings, run.scheduled, run.upper_bound) == (3, 3, 3)
    assert run.keep_published is True
    assert response.context["run"] == run
    page = response.content.decode()
    assert '<strong id="run-scheduled">3</strong>' in page
    assert '<strong id="run-bound">3</strong>' in page
    assert "100.0 %" in page
    assert Meeting.objects.filter(draft_slot__isnull=False).count() == 3
    assert response.context["unplaced"] == []
    progress = organiser.get(reverse("admin:matchmaking_scheduler_run", args=[edition.pk, run.pk]))
    assert (
        "The scheduler placed 3 of 3 accepted meetings; no schedule can place more than 3 "
        f"({run.seconds:.1f} s)."
    ) in progress.content.decode()


def test_run_without_keeping_published_meetings(organiser, edition):
    _meetings(edition, 1)

    _run(organiser, edition)

    assert SchedulerRun.objects.get().keep_published is False


def test_run_lists_people_with_fewer_meetings_and_why(organiser, edition, slots):
    busy = ProfileFactory(edition=edition, available=[slots[0]])
    for _ in range(2):
        other = ProfileFactory(edition=edition)
        services.request_accept(services.request_send(other, busy, ""))

    response = _run(organiser, edition)

    rows = response.context["shortfall"]
    busy_row = next(row for row in rows if row["profile"] == busy.pk)
    assert (busy_row["accepted"], busy_row["scheduled"], busy_row["missing"]) == (2, 1, 1)
    assert "every time they are available is used" in busy_row["reason_labels"]
    assert busy.registration.full_name in response.content.decode()


def test_move_to_a_table_taken_shows_an_error_and_changes_nothing(organiser, edition, slots):
    first, second = _meetings(edition, 2)
    services.scheduler_run(edition)
    second.refresh_from_db()
    before = _placements()
    messages_before = Message.objects.count()

    response = organiser.post(
        _url("scheduler", edition),
        {
            "action": "move",
            "meeting": first.pk,
            "slot": second.draft_slot_id,
            "table": second.draft_table,
        },
    )

    assert response.status_code == 400
    assert response.context["move_form"].errors["table"] == [
        f"Table {second.draft_table} is taken at this time."
    ]
    page = response.content.decode()
    assert "The meeting was not moved; nothing changed." in page
    assert _placements() == before
    assert Message.objects.count() == messages_before


def test_move_to_a_time_a_side_is_unavailable_changes_nothing(organiser, edition, slots):
    meeting = _meetings(edition, 1, available=[slots[0]])[0]
    services.scheduler_run(edition)
    before = _placements()

    response = organiser.post(
        _url("scheduler", edition),
        {"action": "move", "meeting": meeting.pk, "slot": slots[3].pk, "table": ""},
    )

    assert response.status_code == 400
    assert "is not available at this time." in " ".join(
        response.context["move_form"].errors["slot"]
    )
    assert _placements() == before


def test_move_to_a_table_outside_the_session_changes_nothing(organiser, edition, slots):
    meeting = _meetings(edition, 1)[0]
    services.scheduler_run(edition)
    before = _placements()

    response = organiser.post(
        _url("scheduler", edition),
        {"action": "move", "meeting": meeting.pk, "slot": slots[1].pk, "table": "9"},
    )

    assert response.status_code == 400
    assert response.context["move_form"].errors["table"] == ["This session has tables 1 to 2."]
    assert _placements() == before


def test_move_a_meeting_of_another_edition_is_refused(organiser, edition, slots):
    other_edition = matchmaking_edition(scheduling_mode=SchedulingMode.ORGANISER).edition
    foreign = _meetings(other_edition, 1)[0]
    before = _placements()

    response = organiser.post(
        _url("scheduler", edition),
        {"action": "move", "meeting": foreign.pk, "slot": slots[1].pk, "table": ""},
    )

    assert response.status_code == 400
    assert "meeting" in response.context["move_form"].errors
    assert _placements() == before


def test_move_changes_the_draft_and_says_where(organiser, edition, slots):
    meeting = _meetings(edition, 1)[0]
    services.scheduler_run(edition)

    response = organiser.post(
        _url("scheduler", edition),
        {"action": "move", "meeting": meeting.pk, "slot": slots[2].pk, "table": "2"},
        follow=True,
    )

    meeting.refresh_from_db()
    assert (meeting.draft_slot_id, meeting.draft_table) == (slots[2].pk, 2)
    assert (meeting.slot_id, meeting.table) == (None, None)
    assert _messages(response) == [f"Meeting #{meeting.pk} moved to {slots[2].code}, table 2."]


def test_publish_places_the_meetings_and_notifies_the_people(organiser, edition):
    meetings = _meetings(edition, 2)
    _run(organiser, edition)

    response = organiser.post(_url("scheduler", edition), {"action": "publish"}, follow=True)

    published = Message.objects.filter(kind=MatchmakingMessage.MM_SCHEDULE_PUBLISHED)
    assert published.count() == 4
    assert _messages(response)[-1] == (
        "Schedule published: 2 meetings changed, 4 people notified by e-mail."
    )
    for meeting in meetings:
        meeting.refresh_from_db()
        assert meeting.is_published is True
        assert (meeting.slot_id, meeting.table) == (meeting.draft_slot_id, meeting.draft_table)
    assert SchedulerRun.objects.get().published_at is not None


def test_publish_again_notifies_nobody(organiser, edition):
    _meetings(edition, 2)
    _run(organiser, edition)
    organiser.post(_url("scheduler", edition), {"action": "publish"})

    response = organiser.post(_url("scheduler", edition), {"action": "publish"}, follow=True)

    assert _messages(response)[-1] == (
        "Schedule published: 0 meetings changed, 0 people notified by e-mail."
    )
    assert Message.objects.filter(kind=MatchmakingMessage.MM_SCHEDULE_PUBLISHED).count() == 4


def test_publish_before_any_run_shows_the_error(organiser, edition):
    _meetings(edition, 1)

    response = organiser.post(_url("scheduler", edition), {"action": "publish"}, follow=True)

    assert _messages(response) == ["Run the scheduler first."]
    assert Meeting.objects.filter(is_published=True).count() == 0


def test_scheduler_page_in_self_mode_shows_what_participants_see(client, slots):
    edition = slots[0].session.edition
    config = edition.matchmaking_settings
    config.scheduling_mode = SchedulingMode.SELF
    config.save()
    a, b = ProfileFactory(edition=edition), ProfileFactory(edition=edition)
    meeting = services.request_accept(services.request_send(a, b, ""), slots[1])
    client.force_login(staff_user("organizator", "matchmaking.change_meeting"))

    response = client.get(_url("scheduler", edition))

    assert response.context["shows_draft"] is False
    cells = [cell for grid in response.context["grids"] for row in grid.rows for cell in row.cells]
    assert [cell.pk for cell in cells if cell] == [meeting.pk]


def test_scheduler_page_queries_do_not_grow_with_meetings(organiser, edition):
    _meetings(edition, 1)
    services.scheduler_run(edition)
    organiser.get(_url("scheduler", edition))  # warm up (sessions, content types)
    with CaptureQueriesContext(connection) as one:
        organiser.get(_url("scheduler", edition))
    _meetings(edition, 2)
    services.scheduler_run(edition)
    with CaptureQueriesContext(connection) as three:
        organiser.get(_url("scheduler", edition))

    assert len(three) == len(one)


def test_table_agendas_pdf_downloads(organiser, edition):
    _meetings(edition, 1)
    services.scheduler_run(edition)
    services.schedule_publish(edition)

    response = organiser.get(_url("tables_pdf", edition))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'filename="stoliki-{edition.slug}.pdf"' in response["Content-Disposition"]


# --- statistics -------------------------------------------------------------------------------


def test_statistics_show_requests_acceptance_meetings_and_outcomes(organiser, edition, slots):
    config = edition.matchmaking_settings
    config.scheduling_mode = SchedulingMode.SELF
    config.save()
    a, b, c, d = (ProfileFactory(edition=edition) for _ in range(4))
    meeting = services.request_accept(services.request_send(a, b, ""), slots[0])
    services.request_decline(services.request_send(c, a, ""))
    services.request_accept(services.request_send(d, c, ""), slots[1])
    services.request_send(b, d, "")
    Meeting.objects.filter(pk=meeting.pk).update(
        outcome_a=Outcome.COOPERATION, outcome_b=Outcome.NO_SHOW, held=True
    )

    response = organiser.get(_url("statistics", edition))

    assert response.status_code == 200
    rows = {str(label): count for label, count in response.context["requests_rows"]}
    assert rows == {
        "all sent": 4,
        "accepted by the recipient": 2,
        "declined by the recipient": 1,
        "expired without an answer": 0,
        "still awaiting an answer": 1,
        "withdrawn or cancelled": 0,
    }
    page = response.content.decode()
    assert '<strong id="stat-acceptance">67 %</strong>' in page
    assert '<strong id="stat-scheduled">2</strong>' in page
    assert '<strong id="stat-held">1</strong>' in page
    assert '<strong id="stat-no-shows">1</strong>' in page
    assert response.context["cooperation_answers"] == 1
    assert response.context["cooperation_percent"] == 100


def test_organiser_index_lists_editions_with_matchmaking(organiser, edition):
    response = organiser.get(reverse("admin:matchmaking_organiser"))

    assert response.status_code == 200
    assert _url("scheduler", edition) in response.content.decode()


def test_scheduler_page_shows_the_breaks_and_who_has_them(organiser, edition, slots):
    host = ProfileFactory(edition=edition)
    guests = [ProfileFactory(edition=edition) for _ in range(2)]
    first, second = (services.request_accept(services.request_send(g, host, "")) for g in guests)
    services.scheduler_run(edition)

    response = organiser.get(_url("scheduler", edition))

    # two meetings of one person, nothing else: the scheduler puts them side by side
    assert response.context["breaks"].total == 0
    assert 'id="breaks-total">0<' in response.content.decode()
    assert "Nobody waits between two meetings." in response.content.decode()

    # by hand: the host meets in the first and the last slot -> two free slots between
    Meeting.objects.filter(pk=first.pk).update(draft_slot=slots[0], draft_table=1)
    Meeting.objects.filter(pk=second.pk).update(draft_slot=slots[3], draft_table=1)
    response = organiser.get(_url("scheduler", edition))

    page = response.content.decode()
    breaks = response.context["breaks"]
    assert breaks.total == 2
    assert [(row.profile.pk, row.count) for row in breaks.people] == [(host.pk, 2)]
    assert 'id="breaks-total">2<' in page
    assert 'id="breaks-people">1<' in page
    assert host.registration.full_name in page.split('id="breaks-table"')[1]
    assert all(
        g.registration.full_name not in page.split('id="breaks-table"')[1].split("</table>")[0]
        for g in guests
    )
    assert f"{slots[1].code} " in page.split('id="breaks-table"')[1]


def test_scheduler_page_counts_no_break_where_the_person_is_away(organiser, edition, slots):
    host = ProfileFactory(edition=edition, available=[slots[0], slots[3]])
    guests = [ProfileFactory(edition=edition) for _ in range(2)]
    first, second = (services.request_accept(services.request_send(g, host, "")) for g in guests)
    Meeting.objects.filter(pk=first.pk).update(draft_slot=slots[0], draft_table=1)
    Meeting.objects.filter(pk=second.pk).update(draft_slot=slots[3], draft_table=1)

    response = organiser.get(_url("scheduler", edition))

    assert response.context["breaks"].total == 0
    assert 'id="breaks-people">0<' in response.content.decode()
