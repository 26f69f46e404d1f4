"""The organiser's day in the back office, in a real browser, as a team member with no model
permissions of their own (the organiser role of one edition): the dashboard, a category change
on a registration, a bulk e-mail sent by the worker, and the dashboard again, whose chart of
places by category and whose e-mail figures now show the new numbers.

Read in English (the browser asks for en-GB), so the assertions do not depend on the Polish
catalogue.
"""

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import expect

from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from kongres.registration.models import Registration
from tests.e2e.conftest import DESKTOP
from tests.factories import EditionFactory
from tests.registration.admin_factories import RegistrationRowFactory, staff_user
from tests.registration.factories import CategoryFactory

pytestmark = pytest.mark.e2e

PASSWORD = "haslo-testowe-123"


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
        worker_id="e2e-office",
        excluded_queue_names=[],
    ).run()


@pytest.fixture
def office(transactional_db, live_server, settings):
    from django.core.cache import cache

    cache.clear()
    settings.SITE_URL = live_server.url
    edition = EditionFactory(name={"pl": "Kongres Próbny", "en": "Trial Congress"})
    vip = CategoryFactory(edition=edition, slug="vip", name={"pl": "VIP", "en": "VIP"}, quota=5)
    guests = CategoryFactory(
        edition=edition, slug="goscie", name={"pl": "Goście", "en": "Guests"}, quota=50
    )
    RegistrationRowFactory(edition=edition, category=vip, first_name="Anna")
    moving = RegistrationRowFactory(edition=edition, category=guests, first_name="Bogdan")
    RegistrationRowFactory(edition=edition, category=guests, first_name="Celina")
    user = staff_user("organizatorka")  # staff, but no model permission: the role decides
    TeamMember.objects.create(edition=edition, user=user, role=TeamRole.ORGANISER)
    return live_server.url, edition, vip, moving


def test_category_change_and_bulk_mail_show_on_the_dashboard(office, page, smtp_sink):
    base, edition, vip, moving = office
    dashboard = f"/admin/office/{edition.pk}/"
    page.goto(f"{base}/admin/login/?next={dashboard}")
    page.get_by_label("Username").fill("organizatorka")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    chart = page.locator("svg#chart-by-category")
    expect(chart.locator("title", has_text="VIP: 1 place taken")).to_have_count(1)
    expect(chart.locator("title", has_text="Guests: 2 places taken")).to_have_count(1)

    # From the Guests figure to the list, to Bogdan's registration, to the category change.
    page.locator("#by-category tr", has_text="Guests").get_by_role("link", name="2").first.click()
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    page.locator("#result_list").get_by_role("link", name="Bogdan").click()
    page.get_by_role("link", name="Change category").click()
    page.get_by_label("New category").select_option(label="VIP (quota 5)")
    page.get_by_role("button", name="Save the change").click()
    expect(page.locator(".messagelist")).to_contain_text("moved to the category “VIP”")
    assert Registration.objects.get(pk=moving.pk).category_id == vip.pk

    # A bulk e-mail to everyone with a confirmed place, sent by the worker.
    page.goto(f"{base}{dashboard}")
    office_nav = page.get_by_role("navigation", name="Back office of this edition")
    expect(office_nav.get_by_role("link", name="Audit log")).to_be_visible()
    office_nav.get_by_role("link", name="Bulk e-mail").click()
    page.get_by_role("link", name="Write a new e-mail").click()
    page.get_by_label("Subject (Polish)").fill("Plan obrad")
    page.get_by_label("Text (Polish)").fill("Dzień dobry {name},\nplan obrad jest już gotowy.")
    page.get_by_label("Subject (English)").fill("The programme")
    page.get_by_label("Text (English)").fill("Dear {first_name}, the programme is ready.")
    page.get_by_role("button", name="Save and preview").click()
    expect(page.locator("#recipient-count")).to_have_text("3 people will get this e-mail.")
    page.get_by_role("button", name="Send to 3 people").click()
    run_worker()
    expect(page.locator("#bulk-state")).to_have_attribute("data-state", "done", timeout=10_000)
    # The worker also sent Bogdan the mail about his new category.
    bulk = [m for m in smtp_sink.messages if m["Subject"] in {"Plan obrad", "The programme"}]
    assert len(bulk) == 3

    # The dashboard shows both: VIP has two places now, and three e-mails went out.
    page.goto(f"{base}{dashboard}")
    expect(chart.locator("title", has_text="VIP: 2 places taken")).to_have_count(1)
    expect(chart.locator("title", has_text="Guests: 1 place taken")).to_have_count(1)
    mail = page.locator("section[aria-labelledby=mail-heading]")
    sent = mail.locator("tr").filter(has=page.get_by_role("rowheader", name="sent", exact=True))
    expect(sent.locator("td")).to_have_text("4")
    expect(page.locator("#mail-waiting .tile-value")).to_have_text("0")
