"""Public pages are cached per edition content version and never shown stale."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kongres.common.i18n import i18n
from kongres.events.enums import EditionStatus
from kongres.events.models import Edition
from tests.factories import (
    DayFactory,
    EditionFactory,
    PartnerFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    VenueFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _cache_on(settings):
    """The page cache is on, and empty at the start and end of every test."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def edition():
    edition = EditionFactory(slug="kongres")
    day = DayFactory(edition=edition)
    SessionFactory(edition=edition, day=day, slug="panel", title=i18n("Stary tytuł", "Old title"))
    PartnerFactory(edition=edition, name="Firma Do Usunięcia")
    PartnerFactory(edition=edition, name="Firma Zostająca")
    return edition


def version_of(edition: Edition) -> int:
    return Edition.objects.values_list("content_version", flat=True).get(pk=edition.pk)


PAGES = [
    "/pl/kongres/",
    "/en/kongres/program/",
    "/pl/kongres/program/?day=all",
    "/pl/kongres/program/panel/",
    "/pl/kongres/program.ics",
    "/pl/kongres/program/panel.ics",
    "/pl/kongres/speakers/",
    "/pl/kongres/partners/",
    "/pl/kongres/venue/",
    "/pl/kongres/privacy/",
]  # /visits/ is live (seats left change with every sign-up), so it is not cached


@pytest.mark.parametrize("path", PAGES)
def test_public_page_second_request_makes_at_most_edition_query(client, edition, path):
    first = client.get(path)

    with CaptureQueriesContext(connection) as captured:
        second = client.get(path)

    assert len(captured) <= 1
    assert second.status_code == 200
    assert second.content == first.content


@pytest.mark.parametrize("path", ["/pl/kongres/program.ics", "/pl/kongres/program/panel.ics"])
def test_cached_calendar_keeps_type_and_download_headers(client, edition, path):
    first = client.get(path)

    second = client.get(path)

    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Disposition"] == first["Content-Disposition"]


def test_cached_page_is_kept_apart_per_language(client, edition):
    client.get("/pl/kongres/program/panel/")

    response = client.get("/en/kongres/program/panel/")

    assert "<h1>Old title</h1>" in response.content.decode()


def test_cached_page_is_kept_apart_per_query_string(client, edition):
    client.get("/pl/kongres/program/?day=all")

    response = client.get("/pl/kongres/program/?day=2025-10-29")

    html = response.content.decode()
    assert '<a href="?day=2025-10-29" aria-current="page">' in html
    assert '<a href="?day=all" aria-current="page">' not in html


def test_not_found_page_is_not_cached(client, edition):
    client.get("/pl/kongres/program/nowy/")
    SessionFactory(edition=edition, day=edition.days.get(), slug="nowy")

    response = client.get("/pl/kongres/program/nowy/")

    assert response.status_code == 200


def test_page_shows_new_session_title_after_save(client, edition):
    client.get("/pl/kongres/program/")
    session = edition.sessions.get(slug="panel")
    session.title = i18n("Nowy tytuł", "New title")
    session.save()

    response = client.get("/pl/kongres/program/")

    html = response.content.decode()
    assert "Nowy tytuł" in html
    assert "Stary tytuł" not in html


def test_session_page_shows_new_title_after_save(client, edition):
    client.get("/en/kongres/program/panel/")
    session = edition.sessions.get(slug="panel")
    session.title = i18n("Nowy tytuł", "New title")
    session.save()

    response = client.get("/en/kongres/program/panel/")

    assert "<h1>New title</h1>" in response.content.decode()


def test_partners_page_drops_deleted_partner(client, edition):
    before = client.get("/pl/kongres/partners/").content.decode()
    edition.partners.get(name="Firma Do Usunięcia").delete()

    after = client.get("/pl/kongres/partners/").content.decode()

    assert "Firma Do Usunięcia" in before
    assert "Firma Do Usunięcia" not in after
    assert "Firma Zostająca" in after


def test_speakers_page_shows_speaker_added_after_caching(client, edition):
    client.get("/pl/kongres/speakers/")
    SpeakerFactory(edition=edition, name="Nowa Prelegentka")

    response = client.get("/pl/kongres/speakers/")

    assert "Nowa Prelegentka" in response.content.decode()


def test_venue_page_shows_venue_change_after_caching(client, edition):
    client.get("/pl/kongres/venue/")
    venue = edition.venue
    venue.name = "Nowa Hala"
    venue.save()

    response = client.get("/pl/kongres/venue/")

    assert "Nowa Hala" in response.content.decode()


def test_privacy_page_shows_organisation_change_after_caching(client, edition):
    client.get("/pl/kongres/privacy/")
    organisation = edition.series.organisation
    organisation.privacy_policy = i18n("Nowa polityka prywatności.")
    organisation.save()

    response = client.get("/pl/kongres/privacy/")

    assert "Nowa polityka prywatności." in response.content.decode()


def test_home_shows_new_motto_after_edition_save(client, edition):
    client.get("/pl/kongres/")
    fresh = Edition.objects.get(pk=edition.pk)
    fresh.motto = i18n("Nowe hasło")
    fresh.save()

    response = client.get("/pl/kongres/")

    assert "Nowe hasło" in response.content.decode()


def test_home_shows_second_motto_after_edition_saved_twice(client, edition):
    edition.motto = i18n("Pierwsze hasło")
    edition.save()
    client.get("/pl/kongres/")
    edition.motto = i18n("Drugie hasło")
    edition.save()

    response = client.get("/pl/kongres/")

    assert "Drugie hasło" in response.content.decode()


def test_edition_content_version_never_goes_back_on_save_of_stale_instance(edition):
    stale = Edition.objects.get(pk=edition.pk)
    session = edition.sessions.get(slug="panel")
    session.title = i18n("Zmiana")
    session.save()
    before = version_of(edition)

    stale.host_city = "Kraków"
    stale.save()

    assert version_of(edition) > before


# --- Content version ------------------------------------------------------------------------


def test_content_version_increases_on_session_save(edition):
    before = version_of(edition)
    session = edition.sessions.get(slug="panel")

    session.title = i18n("Nowy tytuł")
    session.save()

    assert version_of(edition) == before + 1


def test_content_version_increases_on_partner_delete(edition):
    before = version_of(edition)

    edition.partners.get(name="Firma Do Usunięcia").delete()

    assert version_of(edition) == before + 1


def test_content_version_increases_on_session_speaker_add_and_remove(edition):
    before = version_of(edition)
    speaker = SpeakerFactory(edition=edition)
    appearance = SessionSpeakerFactory(session=edition.sessions.get(), speaker=speaker)
    after_add = version_of(edition)

    appearance.delete()

    assert after_add == before + 2
    assert version_of(edition) == before + 3


def test_content_version_increases_on_venue_save(edition):
    before = version_of(edition)

    edition.venue.save()

    assert version_of(edition) == before + 1


def test_content_version_of_other_edition_stays_on_edit(edition):
    other = EditionFactory(venue=VenueFactory())
    before = version_of(other)
    session = edition.sessions.get(slug="panel")

    session.title = i18n("Inna zmiana")
    session.save()
    PartnerFactory(edition=edition)

    assert version_of(other) == before


def test_page_of_edition_turned_draft_is_not_served_from_cache(client, edition):
    client.get("/pl/kongres/program/")
    fresh = Edition.objects.get(pk=edition.pk)
    fresh.status = EditionStatus.DRAFT
    fresh.save()

    response = client.get("/pl/kongres/program/")

    assert response.status_code == 404
