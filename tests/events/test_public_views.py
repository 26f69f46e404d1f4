"""Public edition pages: languages, 404s, redirects, language links, JSON-LD and escaping."""

import datetime as dt
import json
import re

import pytest
from django.core.cache import cache

from kongres.common.i18n import i18n
from kongres.events.enums import EditionStatus
from tests.factories import (
    EditionFactory,
    PartnerFactory,
    SeriesFactory,
    SessionFactory,
    SpeakerFactory,
    VenueFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

XSS = "</script><script>alert(1)</script>"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Public pages are cached in memory; a page must not leak from one test into another."""
    cache.clear()
    yield
    cache.clear()


def jsonld_blocks(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.DOTALL
        )
    ]


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]*)">', html).group(1)


@pytest.fixture
def edition():
    return EditionFactory(
        slug="kongres-testowy",
        name=i18n("Kongres Testowy", "Test Congress"),
        start_date=dt.date(2025, 10, 29),
        end_date=dt.date(2025, 10, 30),
    )


# --- Languages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "lang", "expected"),
    [
        ("/pl/kongres-testowy/", "pl", "<dt>Kiedy</dt>"),
        ("/en/kongres-testowy/", "en", "<dt>When</dt>"),
        ("/pl/kongres-testowy/partners/", "pl", "<h1>Partnerzy</h1>"),
        ("/en/kongres-testowy/partners/", "en", "<h1>Partners</h1>"),
        ("/pl/kongres-testowy/venue/", "pl", "<h1>Miejsce i dojazd</h1>"),
        ("/en/kongres-testowy/venue/", "en", "<h1>Venue and travel</h1>"),
        ("/pl/kongres-testowy/privacy/", "pl", "<h1>Polityka prywatności</h1>"),
        ("/en/kongres-testowy/privacy/", "en", "<h1>Privacy policy</h1>"),
        ("/pl/archive/", "pl", "<h1>Archiwum edycji</h1>"),
        ("/en/archive/", "en", "<h1>Archive of editions</h1>"),
    ],
)
def test_public_page_renders_in_language_of_prefix(client, edition, path, lang, expected):
    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert html_lang(html) == lang
    assert expected in html


@pytest.mark.parametrize(
    ("path", "unexpected"),
    [
        ("/en/kongres-testowy/partners/", "Partnerzy"),
        ("/pl/kongres-testowy/partners/", "Partners"),
    ],
)
def test_public_page_has_no_strings_of_other_language(client, edition, path, unexpected):
    response = client.get(path)

    assert unexpected not in response.content.decode()


@pytest.mark.parametrize(
    ("path", "expected_name"),
    [("/pl/kongres-testowy/", "Kongres Testowy"), ("/en/kongres-testowy/", "Test Congress")],
)
def test_home_shows_organiser_content_in_language_of_prefix(client, edition, path, expected_name):
    response = client.get(path)

    html = response.content.decode()
    heading = re.search(r'<h1 id="edition-title">(.*?)</h1>', html).group(1)
    assert heading == expected_name


# --- Edition status -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "notice"),
    [
        ("/pl/stara-edycja/", "To archiwalna edycja kongresu."),
        ("/en/stara-edycja/", "This is an archived edition."),
    ],
)
def test_home_of_archived_edition_shows_archive_notice(client, path, notice):
    EditionFactory(slug="stara-edycja", status=EditionStatus.ARCHIVED)

    response = client.get(path)

    assert response.status_code == 200
    assert notice in response.content.decode()


def test_home_of_published_edition_has_no_archive_notice(client, edition):
    response = client.get("/en/kongres-testowy/")

    assert "This is an archived edition." not in response.content.decode()


@pytest.mark.parametrize(
    "page", ["", "partners/", "venue/", "privacy/", "program/", "speakers/", "visits/"]
)
def test_public_page_of_draft_edition_is_not_found(client, page):
    EditionFactory(slug="szkic", status=EditionStatus.DRAFT)

    response = client.get(f"/pl/szkic/{page}")

    assert response.status_code == 404


def test_archive_lists_public_editions_but_not_drafts(client):
    series = SeriesFactory()
    EditionFactory(series=series, name=i18n("Edycja opublikowana", "Published edition"))
    EditionFactory(
        series=series,
        name=i18n("Edycja archiwalna", "Archived edition"),
        status=EditionStatus.ARCHIVED,
    )
    EditionFactory(
        series=series, name=i18n("Edycja szkic", "Draft edition"), status=EditionStatus.DRAFT
    )

    html = client.get("/en/archive/").content.decode()

    assert ("Published edition" in html, "Archived edition" in html, "Draft edition" in html) == (
        True,
        True,
        False,
    )


# --- Not found ------------------------------------------------------------------------------


@pytest.fixture
def edition_with_program(edition):
    SessionFactory(edition=edition, slug="panel-istniejacy")
    SpeakerFactory(edition=edition, slug="jan-istniejacy")
    return edition


@pytest.mark.parametrize(
    ("path", "lang", "text"),
    [
        ("/pl/nie-ma-takiej-edycji/", "pl", "Nie znaleziono strony"),
        ("/en/nie-ma-takiej-edycji/", "en", "Page not found"),
        ("/pl/kongres-testowy/program/nie-ma-takiej-sesji/", "pl", "Nie znaleziono strony"),
        ("/en/kongres-testowy/program/nie-ma-takiej-sesji/", "en", "Page not found"),
        ("/pl/kongres-testowy/program/nie-ma-takiej-sesji.ics", "pl", "Nie znaleziono strony"),
        ("/pl/kongres-testowy/speakers/nie-ma-takiej-osoby/", "pl", "Nie znaleziono strony"),
        ("/en/kongres-testowy/speakers/nie-ma-takiej-osoby/", "en", "Page not found"),
        ("/pl/nie-ma-takiej-edycji/program/", "pl", "Nie znaleziono strony"),
        ("/en/nie-ma-takiej-edycji/program.ics", "en", "Page not found"),
        ("/pl/kongres-testowy/nie-ma-takiej-strony/", "pl", "Nie znaleziono strony"),
        ("/de/kongres-testowy/", "pl", "Nie znaleziono strony"),
    ],
)
def test_unknown_address_gives_not_found_page_in_visitor_language(
    client, edition_with_program, path, lang, text
):
    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 404
    assert html_lang(html) == lang
    assert f"<h1>{text}</h1>" in html


def test_unknown_language_prefix_gives_not_found_page_in_browser_language(client, edition):
    response = client.get("/de/kongres-testowy/", headers={"Accept-Language": "en"})

    html = response.content.decode()
    assert response.status_code == 404
    assert html_lang(html) == "en"
    assert "<h1>Page not found</h1>" in html


def test_known_session_and_speaker_of_edition_are_found(client, edition_with_program):
    session = client.get("/pl/kongres-testowy/program/panel-istniejacy/")
    speaker = client.get("/pl/kongres-testowy/speakers/jan-istniejacy/")

    assert (session.status_code, speaker.status_code) == (200, 200)


# --- Index redirect -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_index_redirects_to_latest_published_edition(client, lang):
    series = SeriesFactory()
    EditionFactory(
        series=series,
        slug="edycja-2024",
        start_date=dt.date(2024, 11, 6),
        end_date=dt.date(2024, 11, 7),
        status=EditionStatus.ARCHIVED,
    )
    EditionFactory(
        series=series,
        slug="edycja-2025",
        start_date=dt.date(2025, 10, 29),
        end_date=dt.date(2025, 10, 30),
    )
    EditionFactory(
        series=series,
        slug="edycja-2026-szkic",
        start_date=dt.date(2026, 10, 28),
        end_date=dt.date(2026, 10, 29),
        status=EditionStatus.DRAFT,
    )

    response = client.get(f"/{lang}/")

    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/edycja-2025/"


def test_index_redirects_to_latest_archived_edition_when_none_published(client):
    series = SeriesFactory()
    EditionFactory(
        series=series,
        slug="edycja-2023",
        start_date=dt.date(2023, 11, 8),
        end_date=dt.date(2023, 11, 9),
        status=EditionStatus.ARCHIVED,
    )
    EditionFactory(
        series=series,
        slug="edycja-2024",
        start_date=dt.date(2024, 11, 6),
        end_date=dt.date(2024, 11, 7),
        status=EditionStatus.ARCHIVED,
    )

    response = client.get("/pl/")

    assert response["Location"] == "/pl/edycja-2024/"


def test_index_without_public_edition_is_not_found(client):
    EditionFactory(status=EditionStatus.DRAFT)

    response = client.get("/pl/")

    assert response.status_code == 404


def test_root_redirects_to_language_prefix(client, edition):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/pl/"


# --- Language links -------------------------------------------------------------------------


def language_link(html: str, code: str) -> str:
    match = re.search(rf'<a href="([^"]*)" hreflang="{code}" lang="{code}"', html)
    return match.group(1)


@pytest.mark.parametrize(
    ("path", "other", "expected"),
    [
        ("/pl/kongres-testowy/", "en", "/en/kongres-testowy/"),
        ("/en/kongres-testowy/", "pl", "/pl/kongres-testowy/"),
        ("/pl/kongres-testowy/partners/", "en", "/en/kongres-testowy/partners/"),
        ("/pl/kongres-testowy/program/?theme=x", "en", "/en/kongres-testowy/program/?theme=x"),
        ("/en/kongres-testowy/program/?theme=x", "pl", "/pl/kongres-testowy/program/?theme=x"),
        (
            "/pl/kongres-testowy/program/?day=all&theme=x",
            "en",
            "/en/kongres-testowy/program/?day=all&amp;theme=x",
        ),
        ("/pl/archive/", "en", "/en/archive/"),
    ],
)
def test_language_link_points_to_same_page_in_other_language(
    client, edition, path, other, expected
):
    response = client.get(path)

    assert language_link(response.content.decode(), other) == expected


def test_language_link_of_current_language_is_marked_current(client, edition):
    response = client.get("/en/kongres-testowy/")

    html = response.content.decode()
    assert '<a href="/en/kongres-testowy/" hreflang="en" lang="en" aria-current="true">' in html
    assert '<a href="/pl/kongres-testowy/" hreflang="pl" lang="pl">' in html


def test_language_link_escapes_markup_in_query_string(client, edition):
    response = client.get('/pl/kongres-testowy/program/?theme="><b>x</b>')

    html = response.content.decode()
    assert response.status_code == 200
    assert "<b>x</b>" not in html


# --- JSON-LD --------------------------------------------------------------------------------


def test_home_jsonld_describes_demo_edition(client, demo_data):
    response = client.get("/pl/kkp-2025/")

    blocks = jsonld_blocks(response.content.decode())
    assert len(blocks) == 1
    data = blocks[0]
    assert data["@type"] == "Event"
    assert data["name"] == "11. Kongres Klastrów Polskich"
    assert data["startDate"] == "2025-10-29"
    assert data["endDate"] == "2025-10-30"
    assert data["location"]["name"] == demo_data.venue.name
    assert "Park Technologii Kosmicznych" in data["location"]["name"]
    assert data["location"]["address"]["addressLocality"] == demo_data.venue.city
    assert data["url"] == "http://testserver/pl/kkp-2025/"


def test_home_jsonld_uses_english_name_under_en(client, demo_data):
    response = client.get("/en/kkp-2025/")

    data = jsonld_blocks(response.content.decode())[0]
    assert data["name"] == "11th Congress of Polish Clusters"


def test_home_jsonld_without_venue_names_host_city(client):
    EditionFactory(slug="bez-miejsca", venue=None, host_city="Białystok")

    response = client.get("/pl/bez-miejsca/")

    data = jsonld_blocks(response.content.decode())[0]
    assert data["location"]["name"] == "Białystok"


def test_home_jsonld_does_not_let_organiser_text_close_script(client):
    EditionFactory(
        slug="xss",
        motto=i18n(f"Hasło {XSS}", f"Motto {XSS}"),
        description=i18n(f"Opis {XSS}", f"Description {XSS}"),
        venue=VenueFactory(name=f"Hala {XSS}", city=f"Miasto {XSS}"),
    )

    response = client.get("/pl/xss/")

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    data = jsonld_blocks(html)[0]
    assert data["description"] == f"Opis {XSS}"
    assert data["location"]["name"] == f"Hala {XSS}"
    assert data["location"]["address"]["addressLocality"] == f"Miasto {XSS}"


def test_session_jsonld_does_not_let_organiser_text_close_script(client, edition):
    SessionFactory(
        edition=edition,
        slug="xss",
        title=i18n(f"Tytuł {XSS}", f"Title {XSS}"),
        abstract=i18n(f"Opis {XSS}"),
    )

    response = client.get("/pl/kongres-testowy/program/xss/")

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert jsonld_blocks(html)[0]["name"] == f"Tytuł {XSS}"


# --- Escaping of organiser-written text -----------------------------------------------------

MARKUP = '<b onmouseover="alert(1)">pogrubione</b>'
ESCAPED = "&lt;b onmouseover=&quot;alert(1)&quot;&gt;pogrubione&lt;/b&gt;"


def test_partner_description_with_markup_is_shown_escaped(client, edition):
    PartnerFactory(edition=edition, name=f"Firma {MARKUP}", description=i18n(MARKUP))

    html = client.get("/pl/kongres-testowy/partners/").content.decode()

    assert MARKUP not in html
    assert f"Firma {ESCAPED}" in html
    assert f"<p>{ESCAPED}</p>" in html


def test_edition_description_with_markup_is_shown_escaped(client):
    EditionFactory(slug="opis", description=i18n(MARKUP), motto=i18n(MARKUP))

    html = client.get("/pl/opis/").content.decode()

    assert MARKUP not in html
    assert f"<p>{ESCAPED}</p>" in html
    assert f'<p class="motto">„{ESCAPED}”</p>' in html


def test_venue_travel_with_markup_is_shown_escaped(client):
    EditionFactory(slug="dojazd", venue=VenueFactory(travel=i18n(MARKUP)))

    html = client.get("/pl/dojazd/venue/").content.decode()

    assert MARKUP not in html
    assert f"<p>{ESCAPED}</p>" in html


def test_privacy_policy_with_markup_is_shown_escaped(client, edition):
    organisation = edition.series.organisation
    organisation.privacy_policy = i18n(MARKUP)
    organisation.save()

    html = client.get("/pl/kongres-testowy/privacy/").content.decode()

    assert MARKUP not in html
    assert f"<p>{ESCAPED}</p>" in html


def test_session_title_with_markup_is_shown_escaped(client, edition):
    SessionFactory(edition=edition, slug="znaczniki", title=i18n(MARKUP))

    program = client.get("/pl/kongres-testowy/program/").content.decode()
    session = client.get("/pl/kongres-testowy/program/znaczniki/").content.decode()

    assert MARKUP not in program
    assert MARKUP not in session
    assert f"<h1>{ESCAPED}</h1>" in session


# --- Privacy promises of the privacy page ---------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/pl/kongres-testowy/",
        "/en/kongres-testowy/program/",
        "/pl/kongres-testowy/partners/",
        "/pl/kongres-testowy/privacy/",
        "/pl/archive/",
        "/pl/nie-ma-takiej-edycji/",
    ],
)
def test_public_page_sets_no_cookies(client, edition, path):
    response = client.get(path)

    assert list(response.cookies) == []


@pytest.mark.parametrize(
    "path", ["/pl/kongres-testowy/", "/en/kongres-testowy/program/", "/pl/archive/"]
)
def test_public_page_loads_scripts_and_styles_from_own_server(client, edition, path):
    html = client.get(path).content.decode()

    sources = re.findall(r'<script[^>]* src="([^"]*)"', html) + re.findall(
        r'<link rel="(?:stylesheet|icon)" href="([^"]*)"', html
    )
    assert len(sources) >= 3
    assert [source for source in sources if not source.startswith("/static/")] == []
