"""The public site of the demo edition in a real browser: phone layout, htmx filter, language
switch, calendar downloads, error pages, keyboard use and speakers."""

import re
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from kongres.program.models import Session, SessionSpeaker, Speaker, Theme

pytestmark = pytest.mark.e2e

# Screenshots for humans go to a fixed, well-known place, not to a per-test temporary folder.
SCREENS = Path("/tmp/kongres-screens")  # noqa: S108
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "locale": "pl-PL",
}


def _screenshot(page, name: str) -> None:
    """A full-page picture for humans to look at; no test asserts on it."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / name, full_page=True)


def _pl_date(day: int) -> re.Pattern:
    """A day of October 2025 on a day tab, the month written out ("października") or short."""
    return re.compile(rf"^{day} paź(dziernika)?$")


def _has_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def _events(path: Path) -> list:
    calendar = Calendar.from_ical(path.read_bytes())
    return calendar.walk("VEVENT")


@pytest.mark.parametrize("context_options", [PHONE], ids=["phone"])
def test_home_to_program_on_phone_fits_the_screen(demo_site, page):
    page.goto(demo_site.page_url("/pl/kkp-2025/"))

    expect(page.locator("h1")).to_have_text("11. Kongres Klastrów Polskich")
    expect(page.locator(".motto")).to_have_text("„Przemysł i nauka dla bezpieczeństwa Polski”")
    page.locator("nav.main-nav").get_by_role("link", name="Program", exact=True).click()

    expect(page).to_have_url(demo_site.page_url("/pl/kkp-2025/program/"))
    expect(page.locator("h1")).to_have_text("Program")
    current_tab = page.locator("#day-tabs a[aria-current=page] .tab-date")
    expect(page.locator("#day-tabs .tab-date")).to_have_text(
        [_pl_date(29), _pl_date(30), _pl_date(31)]
    )
    expect(current_tab).to_have_text(_pl_date(29))
    page.locator("#day-tabs a").filter(has=page.locator(".tab-date", has_text=_pl_date(30))).click()
    expect(page).to_have_url(demo_site.page_url("/pl/kkp-2025/program/?day=2025-10-30"))
    expect(current_tab).to_have_text(_pl_date(30))
    _screenshot(page, "program-phone.png")
    assert _has_horizontal_overflow(page) is False


def test_program_theme_filter_updates_list_and_url(demo_site, page):
    theme = Theme.objects.get(edition=demo_site.edition, slug="sektor-kosmiczny")
    theme_name = theme.name.localize("pl")
    themed = Session.objects.filter(edition=demo_site.edition, theme=theme).count()
    with_any_theme = Session.objects.filter(edition=demo_site.edition, theme__isnull=False).count()
    assert 0 < themed < with_any_theme  # the filter really narrows the list
    page.goto(demo_site.page_url("/pl/kkp-2025/program/?day=all"))
    tags = page.locator("#program-list .theme-tag")
    expect(tags).to_have_count(with_any_theme)

    with page.expect_response(lambda r: "theme=sektor-kosmiczny" in r.url) as response_info:
        page.locator("#filter-theme").select_option(label=theme_name)

    assert response_info.value.request.headers.get("hx-request") == "true"
    expect(tags).to_have_text([theme_name] * themed)
    expect(page).to_have_url(re.compile(r"[?&]theme=sektor-kosmiczny(&|$)"))
    expect(page.locator("h1")).to_have_text("Program")  # swapped the list, not the page

    page.locator("#filter-theme").select_option(label="Wszystkie tematy")

    expect(tags).to_have_count(with_any_theme)
    expect(page).not_to_have_url(re.compile(r"theme=sektor-kosmiczny"))
    expect(page.locator("#filter-theme")).to_have_value("")


def test_language_switch_keeps_page_and_query(demo_site, page):
    page.goto(demo_site.page_url("/pl/kkp-2025/program/?day=2025-10-30"))
    lang_switch = page.locator("nav.lang-switch")

    lang_switch.get_by_role("link", name=re.compile(r"^EN\b")).click()

    expect(page).to_have_url(demo_site.page_url("/en/kkp-2025/program/?day=2025-10-30"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Program")
    expect(page.locator("nav.main-nav")).to_contain_text("Speakers")
    expect(page.locator("#day-tabs a[aria-current=page] .tab-date")).to_have_text(
        re.compile(r"^30 Oct(ober)?$")
    )

    lang_switch.get_by_role("link", name=re.compile(r"^PL\b")).click()

    expect(page).to_have_url(demo_site.page_url("/pl/kkp-2025/program/?day=2025-10-30"))
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator("nav.main-nav")).to_contain_text("Prelegenci")


def test_session_calendar_download_holds_the_session(demo_site, page, tmp_path):
    session = (
        Session.objects.filter(edition=demo_site.edition, kind="panel").order_by("start").first()
    )
    title = session.title.localize("pl")
    page.goto(demo_site.page_url(f"/pl/kkp-2025/program/{session.slug}/"))
    expect(page.locator("h1")).to_have_text(title)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Dodaj do kalendarza (.ics)").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)

    events = _events(saved)
    assert [str(event["SUMMARY"]) for event in events] == [title]


def test_program_calendar_download_holds_every_session(demo_site, page, tmp_path):
    sessions = Session.objects.filter(edition=demo_site.edition).count()
    page.goto(demo_site.page_url("/pl/kkp-2025/program/"))

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Dodaj program do kalendarza (.ics)").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)

    assert len(_events(saved)) == sessions


@pytest.mark.parametrize(
    ("language", "heading"), [("pl", "Nie znaleziono strony"), ("en", "Page not found")]
)
def test_unknown_session_shows_translated_404(demo_site, page, language, heading):
    response = page.goto(demo_site.page_url(f"/{language}/kkp-2025/program/nie-ma-takiej-sesji/"))

    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_text(heading)


def test_skip_link_is_first_tab_stop_and_jumps_to_main(demo_site, page):
    page.goto(demo_site.page_url("/pl/kkp-2025/"))
    _screenshot(page, "home-desktop.png")
    skip_link = page.get_by_role("link", name="Przejdź do treści")

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page).to_have_url(demo_site.page_url("/pl/kkp-2025/#main"))
    expect(page.locator("#main")).to_be_focused()


def test_speaker_page_lists_their_sessions(demo_site, page):
    speaker = Speaker.objects.filter(edition=demo_site.edition).order_by("name").first()
    titles = [
        appearance.session.title.localize("en")
        for appearance in SessionSpeaker.objects.filter(speaker=speaker).order_by("session__start")
    ]
    page.goto(demo_site.page_url("/en/kkp-2025/speakers/"))

    page.locator(".speaker h2 a").first.click()

    expect(page).to_have_url(demo_site.page_url(f"/en/kkp-2025/speakers/{speaker.slug}/"))
    expect(page.locator("h1")).to_have_text(speaker.name)
    expect(page.locator("#sessions")).to_have_text("Sessions")
    expect(page.locator("section[aria-labelledby=sessions] li > a")).to_have_text(titles)
