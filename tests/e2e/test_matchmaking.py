"""B2B matchmaking in a real browser: two participants in two browser contexts.

One fills a profile, the other finds it with an inflected Polish query, sends a request; the
first accepts it from the link in the e-mail (through a real SMTP server) choosing a time; both
see the meeting in their agendas and download the .ics. A participant books and cancels a
consultation slot. Pages are in English (the participants chose English for their e-mails), so
the assertions do not depend on the Polish catalogue; the searched profile text is Polish.
"""

import re
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from kongres.matchmaking.enums import MeetingState
from kongres.matchmaking.models import Meeting
from kongres.registration import tokens
from tests.matchmaking.factories import (
    DAY,
    ConsultationHostFactory,
    ConsultationSlotFactory,
    local,
    matchmaking_edition,
)
from tests.registration.factories import RegistrationFactory

pytestmark = pytest.mark.e2e

SCREENS = Path("/tmp/kongres-screens")  # noqa: S108 (a fixed place for humans to look)


@pytest.fixture
def site(transactional_db, live_server, settings):
    """An edition with matchmaking on: one session of four 20-minute slots and two tables."""
    from django.core.cache import cache

    cache.clear()
    settings.SITE_URL = live_server.url
    config = matchmaking_edition(slots=4, tables=2)
    return live_server.url, config.edition


def _participant(edition, first_name: str, last_name: str, email: str):
    return RegistrationFactory(
        edition=edition,
        first_name=first_name,
        last_name=last_name,
        email=email,
        language="en",
        verified=True,
    )


def _hub(base: str, registration) -> str:
    token = tokens.personal_link_token(registration)
    return f"{base}/en/{registration.edition.slug}/me/{token}/matchmaking/"


def _body(mail) -> str:
    return mail.get_body(preferencelist=("plain",)).get_content()


def _screenshot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / name, full_page=True)


def _fill_profile(page, *, organisation: str, offer: str, offer_text: str, request: str):
    page.get_by_role("link", name="Take part: fill in my profile").click()
    expect(page.locator("h1")).to_have_text("My matchmaking profile")
    page.get_by_role("textbox", name="Organisation", exact=True).fill(organisation)
    offer_row = page.get_by_role("group", name="Offer 1")
    offer_row.get_by_role("textbox", name="Title").fill(offer)
    offer_row.get_by_role("textbox", name="Description").fill(offer_text)
    page.get_by_role("group", name="Request 1").get_by_role("textbox", name="Title").fill(request)
    page.get_by_role("checkbox", name="Supplier").check()
    availability = page.get_by_role("group", name="When you are available for meetings")
    for box in availability.get_by_role("checkbox").all():
        box.check()
    page.get_by_role("button", name="Save my profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your matchmaking profile is saved")


def _download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


def test_two_participants_find_each_other_and_meet(site, page, browser, deliver_queued_mail):
    base, edition = site
    anna = _participant(edition, "Anna", "Kowalska", "anna@example.org")
    bartek = _participant(edition, "Bartłomiej", "Żółtowski", "bartek@example.org")
    deliver_queued_mail()  # the registration e-mails of the set-up

    # Bartłomiej (second browser context) fills a profile with an inflected Polish offer.
    other_context = browser.new_context(accept_downloads=True, locale="en-GB")
    other_context.set_default_timeout(10_000)
    bartek_page = other_context.new_page()
    bartek_page.goto(_hub(base, bartek))
    _fill_profile(
        bartek_page,
        organisation="Żółtowski Spawalnictwo",
        offer="Spawanie konstrukcji dla przemysłu obronnego",
        offer_text="Certyfikowane spawanie stali pancernej.",
        request="Odbiorca elementów stalowych",
    )

    # Anna fills hers, then searches in Polish with the base form.
    page.goto(_hub(base, anna))
    _fill_profile(
        page,
        organisation="Kowalska CNC",
        offer="Obróbka CNC",
        offer_text="Frezowanie pięcioosiowe.",
        request="Spawanie dla obronności",
    )
    page.get_by_role("navigation", name="B2B meetings").get_by_role(
        "link", name="Participants"
    ).click()
    page.get_by_role("searchbox", name="Search").fill("przemysł obronny")
    results = page.locator("#mm-results")
    expect(results.get_by_role("heading", level=2)).to_have_text("1 profile found")
    expect(results.get_by_role("link", name="Żółtowski Spawalnictwo")).to_be_visible()
    _screenshot(page, "matchmaking-search.png")
    page.get_by_role("button", name="Search").click()  # the plain GET gives the same
    expect(page).to_have_url(re.compile(r"q=przemys"))
    expect(results.get_by_role("link", name="Żółtowski Spawalnictwo")).to_be_visible()

    results.get_by_role("link", name="Żółtowski Spawalnictwo").click()
    expect(page.locator("h1")).to_have_text("Żółtowski Spawalnictwo")
    page.get_by_role("textbox", name="Message").fill("Szukamy spawalni – porozmawiajmy!")
    page.get_by_role("button", name="Send a meeting request").click()
    expect(page.get_by_role("status")).to_contain_text("Your meeting request is sent")
    expect(page.locator("#outgoing")).to_contain_text("Bartłomiej Żółtowski")

    # Bartłomiej accepts from the e-mail, choosing the second time.
    [mail] = deliver_queued_mail()
    assert mail["To"] == "bartek@example.org"
    [accept_url] = re.findall(r"\S+/matchmaking/requests/\d+/accept/", _body(mail))
    assert accept_url.startswith(base)
    bartek_page.goto(accept_url)
    expect(bartek_page.locator("h1")).to_have_text("Accept the meeting request")
    expect(bartek_page.locator("main")).to_contain_text("Szukamy spawalni – porozmawiajmy!")
    times = bartek_page.get_by_role("group", name="Choose the time of the meeting")
    expect(times.get_by_role("radio")).to_have_count(4)
    times.get_by_role("radio", name=re.compile("10:20–10:40")).check()
    bartek_page.get_by_role("button", name="Accept and book this time").click()
    expect(bartek_page.get_by_role("status")).to_contain_text("You accepted the meeting")

    meeting = Meeting.objects.get()
    assert (meeting.state, meeting.table, meeting.slot.starts_at) == (
        MeetingState.PLANNED,
        1,
        local(DAY, 10, 20),
    )
    [accepted] = deliver_queued_mail()
    assert accepted["To"] == "anna@example.org"

    # Both see the meeting in their agendas and download the .ics.
    for who, person_page, partner in (
        (anna, page, "Bartłomiej Żółtowski"),
        (bartek, bartek_page, "Anna Kowalska"),
    ):
        person_page.goto(_hub(base, who).replace("/matchmaking/", "/matchmaking/agenda/"))
        agenda = person_page.locator(".mm-agenda")
        expect(agenda).to_contain_text(partner)
        expect(agenda).to_contain_text("table 1")
        expect(agenda).to_contain_text("10:20–10:40")
        ics = _download(person_page, "Add to my calendar (.ics)")
        [event] = Calendar.from_ical(ics).walk("VEVENT")
        assert partner in str(event["SUMMARY"])
        assert (event["DTSTART"].dt.hour, event["DTSTART"].dt.minute) == (10, 20)
    pdf = _download(page, "Download the agenda (PDF)")
    assert pdf.startswith(b"%PDF")
    _screenshot(bartek_page, "matchmaking-agenda.png")
    other_context.close()


def test_participant_books_and_cancels_a_consultation(site, page):
    base, edition = site
    registration = _participant(edition, "Celina", "Ćwik", "celina@example.org")
    host = ConsultationHostFactory(edition=edition, name="Dorota Ministerialna")
    slot = ConsultationSlotFactory(host=host, starts_at=local(DAY, 14))
    ConsultationSlotFactory(host=host, starts_at=local(DAY, 14, 15))

    page.goto(_hub(base, registration))
    page.get_by_role("link", name="Book a consultation").click()
    expect(page.locator("h1")).to_have_text("Consultations with experts and officials")
    card = page.get_by_role("article", name="Dorota Ministerialna")
    card.get_by_role("button", name=re.compile(r"^Book .*14:00")).click()

    expect(page.get_by_role("status")).to_have_text(
        "The consultation is booked. It is in your agenda."
    )
    expect(page.locator("#mine")).to_contain_text("Dorota Ministerialna")
    slot.refresh_from_db()
    assert slot.booked_by_id == registration.pk

    page.locator("#mine").get_by_role("button", name=re.compile("^Cancel the booking")).click()

    expect(page.get_by_role("status")).to_have_text("Your consultation booking is cancelled.")
    expect(page.locator("#mine")).to_contain_text("You have not booked any consultation.")
    slot.refresh_from_db()
    assert slot.booked_by_id is None
