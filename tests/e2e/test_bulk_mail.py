"""The organiser writes a bulk e-mail in a real browser, checks the preview, confirms it, the
worker runs (in this process, as ``kongres worker`` would), and the progress page, polling by
itself, reaches "done" with every e-mail delivered to a real SMTP server.

The back office is read in English (the browser asks for en-GB), so the assertions do not
depend on the Polish catalogue.
"""

from pathlib import Path

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import expect

from kongres.backoffice.models import BulkMail
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from kongres.registration.enums import RegistrationState
from tests.e2e.conftest import DESKTOP
from tests.factories import EditionFactory
from tests.registration.admin_factories import RegistrationRowFactory, staff_user
from tests.registration.factories import CategoryFactory

pytestmark = pytest.mark.e2e

PASSWORD = "haslo-testowe-123"
SCREENS = Path("/tmp/kongres-screens")  # noqa: S108 (a fixed place for humans to look)


@pytest.fixture
def context_options():
    return {**DESKTOP, "locale": "en-GB"}


def run_worker() -> None:
    """What ``kongres worker`` does with the queue: run every task that is ready, then stop."""
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="e2e",
        excluded_queue_names=[],
    ).run()


@pytest.fixture
def mail_site(transactional_db, live_server, settings):
    from django.core.cache import cache

    cache.clear()
    settings.SITE_URL = live_server.url
    edition = EditionFactory()
    category = CategoryFactory(edition=edition)
    people = [
        RegistrationRowFactory(edition=edition, category=category, first_name="Anna"),
        RegistrationRowFactory(edition=edition, category=category, first_name="Bogdan"),
        RegistrationRowFactory(
            edition=edition, category=category, first_name="John", language="en"
        ),
    ]
    RegistrationRowFactory(
        edition=edition, category=category, state=RegistrationState.WAITLISTED, confirmed_at=None
    )
    user = staff_user("organizator")
    TeamMember.objects.create(edition=edition, user=user, role=TeamRole.ORGANISER)
    return live_server.url, edition, people


def test_organiser_sends_a_bulk_mail_and_watches_it_go(mail_site, page, smtp_sink):
    base, edition, people = mail_site

    page.goto(f"{base}/admin/login/?next=/admin/office/{edition.pk}/mail/")
    page.get_by_label("Username").fill("organizator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Write a new e-mail").click()

    expect(page.get_by_label("confirmed", exact=True)).to_be_checked()
    page.get_by_label("Subject (Polish)").fill("Zmiana sali")
    page.get_by_label("Text (Polish)").fill("Dzień dobry {name},\nobrady w sali B.")
    page.get_by_label("Subject (English)").fill("Room change")
    page.get_by_label("Text (English)").fill("Dear {first_name}, the talks move to room B.")
    page.get_by_role("button", name="Save and preview").click()

    expect(page.locator("#recipient-count")).to_have_text("3 people will get this e-mail.")
    expect(page.locator("#recipients tbody tr")).to_have_count(3)
    expect(page.locator("#sample-pl .mail-body")).to_contain_text(
        f"Dzień dobry {people[0].full_name},"
    )
    expect(page.locator("#sample-en .mail-subject")).to_have_text("Room change")
    expect(page.locator("#sample-en .mail-body")).to_contain_text("Dear John, the talks move")

    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / "bulk-mail-preview.png", full_page=True)
    page.get_by_role("button", name="Send to 3 people").click()
    expect(page.locator("#bulk-state")).to_have_attribute("data-state", "queued")
    expect(page.locator("#figure-total")).to_have_text("3")

    run_worker()  # the bulk task, then the three e-mails it queued

    expect(page.locator("#bulk-state")).to_have_attribute("data-state", "done", timeout=10_000)
    expect(page.locator("#figure-sent")).to_have_text("3", timeout=10_000)
    expect(page.locator("#figure-failed")).to_have_text("0")
    expect(page.locator("#figure-waiting")).to_have_text("0")
    page.screenshot(path=SCREENS / "bulk-mail-progress.png", full_page=True)
    assert BulkMail.objects.get().queued_count == 3
    assert sorted(m["To"] for m in smtp_sink.messages) == sorted(p.email for p in people)

    # Back on the list, the e-mail is there, done.
    page.get_by_role("link", name="All bulk e-mails").click()
    expect(page.locator("#bulk-mails tbody tr")).to_have_count(1)
    expect(page.locator("#bulk-mails tbody")).to_contain_text("done")
