"""The organiser's scheduler in a real browser: log in to the admin, run the scheduler, see the
result against the upper bound, publish; the participant's agenda then shows the meeting.

The admin is read in English (the browser asks for en-GB), so the assertions do not depend on
the Polish catalogue.
"""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kongres.comms.models import Message
from kongres.matchmaking import services
from kongres.matchmaking.enums import MatchmakingMessage, SchedulingMode
from kongres.matchmaking.models import Slot
from kongres.registration import tokens
from tests.e2e.conftest import DESKTOP
from tests.matchmaking.factories import ProfileFactory, matchmaking_edition
from tests.matchmaking.worker import run_scheduler_tasks
from tests.registration.admin_factories import staff_user

pytestmark = pytest.mark.e2e

SCREENS = Path("/tmp/kongres-screens")  # noqa: S108 (a fixed place for humans to look)
PASSWORD = "haslo-testowe-123"


@pytest.fixture
def context_options():
    return {**DESKTOP, "locale": "en-GB"}


@pytest.fixture
def organiser_site(transactional_db, live_server, settings):
    """An edition in organiser mode (four slots, two tables) with one accepted meeting."""
    from django.core.cache import cache

    cache.clear()
    settings.SITE_URL = live_server.url
    edition = matchmaking_edition(
        slots=4, tables=2, scheduling_mode=SchedulingMode.ORGANISER
    ).edition
    anna = ProfileFactory(
        edition=edition,
        organisation="Przykładowa Obróbka CNC",
        registration__first_name="Anna",
        registration__last_name="Kowalska",
    )
    bartek = ProfileFactory(
        edition=edition,
        organisation="Przykładowe Drony",
        registration__first_name="Bartłomiej",
        registration__last_name="Żółtowski",
    )
    meeting = services.request_accept(services.request_send(bartek, anna, "Porozmawiajmy"))
    staff_user("organizator", "matchmaking.change_meeting")
    return live_server.url, edition, anna, bartek, meeting


def test_organiser_runs_the_scheduler_and_publishes(organiser_site, page):
    base, edition, anna, _bartek, meeting = organiser_site

    SCREENS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{base}/admin/login/?next=/admin/matchmaking/matchmakingsettings/organiser/")
    page.get_by_label("Username").fill("organizator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Scheduler", exact=True).click()
    expect(page.locator("h1")).to_have_text("Meeting scheduler")
    expect(page.get_by_text("The scheduler has not run yet.")).to_be_visible()
    expect(page.locator("#unplaced")).to_contain_text("Anna Kowalska")

    keep = page.get_by_label("Keep published meetings in place")
    expect(keep).to_be_checked()
    page.get_by_role("button", name="Run the scheduler").click()

    # The request only queued the run: the progress page waits for the worker and polls.
    expect(page.locator("h1")).to_have_text("Scheduler run")
    expect(page.locator("#run-state")).to_have_text("waiting for the worker")
    page.screenshot(path=str(SCREENS / "matchmaking-scheduler-run-queued.png"), full_page=True)
    assert run_scheduler_tasks() == ["done"]  # the worker's turn, while the page polls
    expect(page.locator("#run-state")).to_have_text("done")
    expect(page.locator("#run-result")).to_contain_text(
        "The scheduler placed 1 of 1 accepted meetings; no schedule can place more than 1"
    )
    page.screenshot(path=str(SCREENS / "matchmaking-scheduler-run-done.png"), full_page=True)
    page.get_by_role("link", name="Back to the scheduler: check and publish the draft").click()
    expect(page.locator("#run-scheduled")).to_have_text("1")
    expect(page.locator("#run-bound")).to_have_text("1")
    expect(page.locator("#run-percent")).to_have_text("100.0 %")
    expect(page.locator(f"#cell-{meeting.pk}")).to_contain_text("Bartłomiej Żółtowski")
    expect(page.get_by_text("Everybody got all the meetings they accepted.")).to_be_visible()

    page.get_by_role("button", name="Publish the schedule").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "Schedule published: 1 meeting changed, 2 people notified by e-mail."
    )
    page.screenshot(path=str(SCREENS / "matchmaking-scheduler.png"), full_page=True)
    assert Message.objects.filter(kind=MatchmakingMessage.MM_SCHEDULE_PUBLISHED).count() == 2
    meeting.refresh_from_db()
    assert (meeting.is_published, meeting.slot_id is not None, meeting.table) == (True, True, 1)

    token = tokens.personal_link_token(anna.registration)
    page.goto(f"{base}/en/{edition.slug}/me/{token}/matchmaking/agenda/")
    agenda = page.locator(".mm-agenda")
    expect(agenda).to_contain_text("Bartłomiej Żółtowski")
    expect(agenda).to_contain_text("table 1")


def test_organiser_sees_the_breaks_and_who_has_them(organiser_site, page):
    base, edition, anna, bartek, first = organiser_site
    celina = ProfileFactory(
        edition=edition,
        organisation="Przykładowe Sensory",
        registration__first_name="Celina",
        registration__last_name="Wiśniewska",
    )
    second = services.request_accept(services.request_send(celina, anna, "Spotkajmy się"))

    page.goto(f"{base}/admin/login/?next=/admin/matchmaking/matchmakingsettings/organiser/")
    page.get_by_label("Username").fill("organizator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Scheduler", exact=True).click()
    page.get_by_role("button", name="Run the scheduler").click()
    expect(page.locator("#run-state")).to_have_text("waiting for the worker")
    run_scheduler_tasks()
    page.get_by_role("link", name="Back to the scheduler: check and publish the draft").click()

    # Anna's two meetings side by side: nobody waits
    expect(page.locator("#breaks-total")).to_have_text("0")
    expect(page.get_by_text("Nobody waits between two meetings.")).to_be_visible()

    # the organiser moves one of them two slots away from the other: Anna waits one slot
    slots = list(Slot.objects.filter(session__edition=edition).order_by("starts_at"))
    first.refresh_from_db()
    other = [s.pk for s in slots].index(first.draft_slot_id)
    target = slots[other + 2] if other + 2 < len(slots) else slots[other - 2]
    scheduler = reverse("admin:matchmaking_scheduler", args=[edition.pk])
    page.goto(f"{base}{scheduler}?meeting={second.pk}#move")
    page.get_by_role("combobox", name="Time slot").select_option(str(target.pk))
    page.get_by_role("spinbutton", name="Table").fill("2")
    page.get_by_role("button", name="Move the meeting").click()

    expect(page.locator("#breaks-total")).to_have_text("1")
    expect(page.locator("#breaks-people")).to_have_text("1")
    table = page.locator("#breaks-table")
    expect(table).to_contain_text("Anna Kowalska")
    expect(table).to_contain_text("Przykładowa Obróbka CNC")
    expect(table).not_to_contain_text(bartek.registration.full_name)
    page.screenshot(path=str(SCREENS / "matchmaking-scheduler-breaks.png"), full_page=True)
