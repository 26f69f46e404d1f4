"""The audit trail in a real browser: the organiser changes a category's quota in the admin and
reads the before and after in the category's history, then in the edition's audit log.

The admin is read in English (the browser asks for en-GB).
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP
from tests.registration.admin_factories import staff_user
from tests.registration.factories import CategoryFactory

pytestmark = pytest.mark.e2e

PASSWORD = "haslo-testowe-123"


@pytest.fixture
def context_options():
    return {**DESKTOP, "locale": "en-GB"}


def test_organiser_changes_a_quota_and_sees_it_in_the_history(transactional_db, live_server, page):
    from django.contrib.auth import get_user_model

    category = CategoryFactory(quota=100)
    staff_user("organizator", "registration.change_category", "registration.view_category")
    user = get_user_model().objects.get(username="organizator")
    user.is_superuser = True  # the audit page of the edition needs the audit key
    user.save()
    base = live_server.url

    page.goto(f"{base}/admin/login/?next=/admin/registration/category/{category.pk}/change/")
    page.get_by_label("Username").fill("organizator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Quota").fill("120")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{base}/admin/registration/category/{category.pk}/history/")
    history = page.locator("#activity-history")
    row = history.locator("tr", has_text="Quota")
    expect(history).to_contain_text("admin.registration.category.changed")
    expect(history).to_contain_text("organizator")
    expect(row.locator(".audit-before")).to_have_text("100")
    expect(row.locator(".audit-after")).to_have_text("120")

    page.goto(f"{base}/admin/office/{category.edition_id}/audit/")
    expect(page.get_by_role("heading", name="Audit log", exact=True)).to_be_visible()
    page.get_by_label("Who").select_option("organizator")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".audit-log > tbody > tr")).to_have_count(1)
    page.get_by_role("link", name=f"#{category.pk}").click()
    expect(page.get_by_label("Quota")).to_have_value("120")
