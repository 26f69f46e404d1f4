"""The organiser's dashboard in a real browser: from the admin index to the edition's
dashboard, the chart is drawn (SVG, no script), and a figure's link opens the filtered list."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from kongres.registration.models import Registration
from tests.e2e.conftest import DESKTOP
from tests.factories import EditionFactory
from tests.registration.admin_factories import RegistrationRowFactory
from tests.registration.factories import CategoryFactory

pytestmark = pytest.mark.e2e

SCREENS = Path("/tmp/kongres-screens")  # noqa: S108 (a fixed place for humans to look)
PASSWORD = "haslo-testowe-123"


@pytest.fixture
def context_options():
    return {**DESKTOP, "locale": "en-GB"}


@pytest.fixture
def dashboard_site(transactional_db, live_server):
    edition = EditionFactory(name={"pl": "Kongres Próbny", "en": "Trial Congress"})
    vip = CategoryFactory(edition=edition, slug="vip", name={"pl": "VIP", "en": "VIP"}, quota=5)
    guests = CategoryFactory(edition=edition, slug="goscie", name={"pl": "Goście", "en": "Guests"})
    for n in range(7):
        row = RegistrationRowFactory(edition=edition, category=vip if n < 3 else guests)
        Registration.objects.filter(pk=row.pk).update(
            created_at=dt.datetime(2025, 9, 1 + n % 3, 12, tzinfo=dt.UTC)
        )
    user = get_user_model().objects.create_superuser("organizatorka", password=PASSWORD)
    TeamMember.objects.create(edition=edition, user=user, role=TeamRole.ORGANISER)
    return live_server.url, edition


def test_organiser_opens_the_dashboard_and_follows_a_figure(dashboard_site, page):
    base, _edition = dashboard_site
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("organizatorka")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.locator("#office-editions").get_by_role("link", name="Congress").click()

    expect(page.locator("h1")).to_contain_text("Dashboard")
    chart = page.locator("svg#chart-by-day")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.bar")).to_have_count(3)
    page.screenshot(path=str(SCREENS / "dashboard.png"), full_page=True)

    vip = page.locator("#by-category tr", has_text="VIP")
    vip.get_by_role("link", name="3").first.click()

    expect(page).to_have_url(re.compile(r"/admin/registration/registration/\?"))
    expect(page.locator("#changelist")).to_be_visible()
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
