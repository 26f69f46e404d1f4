"""The organiser changes a registration's category in the admin of a real browser and sees the
new category on the registration's page and in the list. Read in English (en-GB)."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kongres.registration.models import Registration
from tests.e2e.conftest import DESKTOP
from tests.factories import EditionFactory
from tests.registration.admin_factories import staff_user
from tests.registration.factories import CategoryFactory, RegistrationFactory

pytestmark = pytest.mark.e2e

PASSWORD = "haslo-testowe-123"
SCREENS = Path("/tmp/kongres-screens")  # noqa: S108 (a fixed place for humans to look)


@pytest.fixture
def context_options():
    return {**DESKTOP, "locale": "en-GB"}


@pytest.fixture
def registration_site(transactional_db, live_server):
    from django.core.cache import cache

    cache.clear()
    edition = EditionFactory()
    participant = CategoryFactory(edition=edition, slug="uczestnik", quota=10)
    speaker = CategoryFactory(edition=edition, slug="prelegent", quota=2)
    registration = RegistrationFactory(
        edition=edition, category=participant, first_name="Anna", verified=True
    )
    staff_user("organizator", "registration.change_registration", "registration.view_registration")
    return live_server.url, registration, speaker


def test_organiser_changes_the_category_and_sees_it(registration_site, page):
    base, registration, speaker = registration_site
    name = speaker.name.localize("en")
    change_page = reverse("admin:registration_registration_change", args=[registration.pk])

    page.goto(f"{base}/admin/login/?next={change_page}")
    page.get_by_label("Username").fill("organizator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Change category").click()
    expect(page.locator("h1")).to_have_text("Change category")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / "organiser-change-category.png", full_page=True)
    page.get_by_label("New category").select_option(label=f"{name} (quota 2)")
    page.get_by_role("button", name="Save the change").click()

    expect(page.locator(".messagelist")).to_contain_text(
        f"The registration was moved to the category “{name}”."
    )
    assert page.url.endswith(change_page)
    expect(page.locator(".fieldBox.field-category")).to_contain_text(name)
    page.goto(f"{base}{reverse('admin:registration_registration_changelist')}")
    expect(page.locator("#result_list tbody tr").first).to_contain_text(name)
    assert Registration.objects.get(pk=registration.pk).category_id == speaker.pk
