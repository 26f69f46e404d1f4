"""The check-in PWA in Chromium: two devices scan offline, come back online, the server merges."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from kongres.onsite.enums import ScanOutcome
from kongres.onsite.models import CheckIn, Scan
from kongres.registration.tokens import ticket_token
from tests.factories import EditionFactory
from tests.onsite.checkin_setup import PASSWORD, checkin_user, hall, people

pytestmark = pytest.mark.e2e

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "locale": "pl-PL",
    "is_mobile": True,
    "has_touch": True,
}

SCAN_ALL = """async (codes) => {
  const colours = [];
  for (const code of codes) {
    const scan = await window.kongresCheckin.handleCode(code);
    colours.push(scan.local.colour);
  }
  return colours;
}"""


@pytest.fixture
def checkin_site(transactional_db, live_server):
    edition = EditionFactory(slug="kkp-bramka")
    point = hall(edition)
    registrations = people(edition, 50)
    checkin_user(edition, username="bramka1")
    checkin_user(edition, username="bramka2")
    return live_server.url, edition, point, registrations


def sign_in(page, base, edition, username):
    page.goto(f"{base}/pl/{edition.slug}/checkin/")
    expect(page.get_by_role("heading", name="Logowanie do obsługi wejść")).to_be_visible()
    page.get_by_label("Nazwa użytkownika").fill(username)
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url(f"{base}/pl/{edition.slug}/checkin/")
    page.evaluate("() => window.kongresCheckin.ready")
    expect(page.locator("#list-state")).to_contain_text("Lista: 50 osób")
    # The service worker has installed and kept the page and its files for offline use.
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")


def watch(page, allowed, errors, foreign):
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if urlsplit(request.url).netloc not in {allowed, ""}
            else None
        ),
    )


def test_checkin_two_devices_offline_then_synced_one_checkin_per_person(
    browser, page, checkin_site
):
    base, edition, point, registrations = checkin_site
    codes = [ticket_token(registration) for registration in registrations]
    second_context = browser.new_context(**PHONE)
    second_context.set_default_timeout(15_000)
    second = second_context.new_page()
    errors, foreign = [], []
    watch(second, urlsplit(base).netloc, errors, foreign)
    try:
        sign_in(page, base, edition, "bramka1")
        sign_in(second, base, edition, "bramka2")

        page.context.set_offline(True)
        second_context.set_offline(True)
        # Offline, the page itself comes from the service worker.
        page.reload()
        page.evaluate("() => window.kongresCheckin.ready")
        expect(page.locator("#net-state")).to_have_text(
            "Bez sieci – skany są zapisywane na tym urządzeniu"
        )

        first_colours = page.evaluate(SCAN_ALL, codes)
        second_colours = second.evaluate(SCAN_ALL, codes[::-1])
        again = page.evaluate(SCAN_ALL, codes[:1])

        assert first_colours == ["green"] * 50
        assert second_colours == ["green"] * 50  # each device knows only its own scans
        assert again == ["amber"]
        expect(page.locator("#result")).to_have_attribute("data-colour", "amber")
        expect(page.locator("#result-message")).to_have_text("Już wszedł w tym punkcie.")
        expect(page.locator("#pending-count")).to_have_attribute("data-count", "51")
        assert Scan.objects.count() == 0  # nothing reached the server yet

        page.context.set_offline(False)
        second_context.set_offline(False)
        page.evaluate("() => window.kongresCheckin.sync()")
        second.evaluate("() => window.kongresCheckin.sync()")

        expect(page.locator("#pending-count")).to_have_attribute("data-count", "0")
        expect(second.locator("#pending-count")).to_have_attribute("data-count", "0")
    finally:
        second_context.close()

    assert errors == []
    assert foreign == []
    checkins = CheckIn.objects.filter(point=point)
    assert checkins.count() == 50
    assert sorted(checkins.values_list("registration_id", flat=True)) == sorted(
        r.pk for r in registrations
    )
    assert Scan.objects.count() == 101  # both devices' scans recorded, nothing lost
    assert Scan.objects.filter(outcome=ScanOutcome.ACCEPTED).count() == 50
    assert Scan.objects.filter(outcome=ScanOutcome.REPEATED).count() == 51
    assert Scan.objects.values("device").distinct().count() == 2
    assert Scan.objects.filter(offline=True).count() == 101


def test_checkin_search_by_name_online(page, checkin_site):
    base, edition, _point, registrations = checkin_site
    sign_in(page, base, edition, "bramka1")

    page.get_by_label("Nazwisko lub imię").fill("zak p0007")
    page.get_by_role("button", name="Wpuść: Łucja Żak p0007").click()

    expect(page.locator("#result")).to_have_attribute("data-colour", "green")
    expect(page.locator("#result-message")).to_have_text("Witamy! Wejście zarejestrowane.")
    expect(page.locator("#pending-count")).to_have_attribute("data-count", "0")
    checkin = CheckIn.objects.get()
    assert checkin.registration_id == registrations[7].pk
    assert checkin.scan.by_search is True
    assert checkin.scan.offline is False


def test_checkin_forged_code_red_on_device_and_server(page, checkin_site):
    base, edition, _point, registrations = checkin_site
    sign_in(page, base, edition, "bramka1")
    token = ticket_token(registrations[0])
    forged = token[:-2] + ("xx" if not token.endswith("xx") else "yy")

    page.evaluate("(code) => window.kongresCheckin.handleCode(code)", forged)

    # The device accepts the payload it knows; the server, checking the signature, refuses.
    expect(page.locator("#result")).to_have_attribute("data-colour", "red")
    expect(page.locator("#result-message")).to_have_text(
        "Kod nie jest ważnym biletem (zmieniony lub podrobiony)."
    )
    assert CheckIn.objects.count() == 0
