"""N+1 guards: every list page makes as many queries for three items as for one."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kongres.events.enums import EditionStatus, PartnerRole
from kongres.events.models import PartnerTier
from kongres.program.enums import SessionKind
from tests.factories import (
    DayFactory,
    EditionFactory,
    PartnerFactory,
    RoomFactory,
    SeriesFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    ThemeFactory,
    VenueFactory,
    at,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY = dt.date(2025, 10, 29)
VISIT_DAY = dt.date(2025, 10, 31)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def queries_of(client, path: str) -> int:
    """Queries of one uncached render of ``path``."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def counts_for_one_and_three(client, path: str, add_item: Callable[[int], None]) -> tuple:
    add_item(0)
    one = queries_of(client, path)
    add_item(1)
    add_item(2)
    three = queries_of(client, path)
    return one, three


@pytest.fixture
def edition():
    edition = EditionFactory(slug="kongres", start_date=DAY, end_date=DAY)
    DayFactory(edition=edition, date=DAY)
    DayFactory(edition=edition, date=VISIT_DAY)
    return edition


def add_session(edition, n: int, *, kind: str = SessionKind.PANEL, date: dt.date = DAY) -> None:
    """A session with its own room, theme and two speakers: every relation the page shows."""
    session = SessionFactory(
        edition=edition,
        day=edition.days.get(date=date),
        kind=kind,
        start=at(date, 9 + n),
        end=at(date, 10 + n),
        room=RoomFactory(edition=edition, order=n),
        theme=ThemeFactory(edition=edition),
        capacity=30,
    )
    for order in (1, 2):
        SessionSpeakerFactory(session=session, speaker=SpeakerFactory(edition=edition), order=order)


@pytest.mark.parametrize("query", ["", "?day=all", "?day=all&theme=", "?day=2025-10-29"])
def test_program_query_count_does_not_grow_with_sessions(client, edition, query):
    one, three = counts_for_one_and_three(
        client, f"/pl/kongres/program/{query}", lambda n: add_session(edition, n)
    )

    assert one == three


def test_program_htmx_query_count_does_not_grow_with_sessions(client, edition):
    def measure() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get("/pl/kongres/program/?day=all", headers={"HX-Request": "true"})
        return len(captured)

    add_session(edition, 0)
    one = measure()
    add_session(edition, 1)
    add_session(edition, 2)
    three = measure()

    assert one == three


def test_program_calendar_query_count_does_not_grow_with_sessions(client, edition):
    one, three = counts_for_one_and_three(
        client, "/pl/kongres/program.ics", lambda n: add_session(edition, n)
    )

    assert one == three


def test_speakers_query_count_does_not_grow_with_speakers(client, edition):
    def add_speaker(n: int) -> None:
        SessionSpeakerFactory(
            session=SessionFactory(edition=edition, day=edition.days.get(date=DAY)),
            speaker=SpeakerFactory(edition=edition),
        )

    one, three = counts_for_one_and_three(client, "/pl/kongres/speakers/", add_speaker)

    assert one == three


def test_speaker_page_query_count_does_not_grow_with_sessions(client, edition):
    speaker = SpeakerFactory(edition=edition, slug="ewa")

    def add_appearance(n: int) -> None:
        SessionSpeakerFactory(
            session=SessionFactory(
                edition=edition,
                day=edition.days.get(date=DAY),
                start=at(DAY, 9 + n),
                end=at(DAY, 10 + n),
                room=RoomFactory(edition=edition),
                theme=ThemeFactory(edition=edition),
            ),
            speaker=speaker,
        )

    one, three = counts_for_one_and_three(client, "/pl/kongres/speakers/ewa/", add_appearance)

    assert one == three


def test_session_page_query_count_does_not_grow_with_speakers(client, edition):
    session = SessionFactory(edition=edition, day=edition.days.get(date=DAY), slug="panel")

    def add_speaker(n: int) -> None:
        SessionSpeakerFactory(session=session, speaker=SpeakerFactory(edition=edition), order=n)

    one, three = counts_for_one_and_three(client, "/pl/kongres/program/panel/", add_speaker)

    assert one == three


def test_partners_query_count_does_not_grow_with_partners(client, edition):
    roles = [PartnerRole.ORGANISER, PartnerRole.PARTNER, PartnerRole.MEDIA_PATRON]

    def add_partner(n: int) -> None:
        tier = PartnerTier.objects.create(edition=edition, name={"pl": f"Poziom {n}"}, rank=n)
        PartnerFactory(edition=edition, role=roles[n], tier=tier, description={"pl": "Opis"})

    one, three = counts_for_one_and_three(client, "/pl/kongres/partners/", add_partner)

    assert one == three


def test_visits_query_count_does_not_grow_with_visits(client, edition):
    one, three = counts_for_one_and_three(
        client,
        "/pl/kongres/visits/",
        lambda n: add_session(edition, n, kind=SessionKind.STUDY_VISIT, date=VISIT_DAY),
    )

    assert one == three


def test_home_query_count_does_not_grow_with_program_and_partners(client, edition):
    roles = [PartnerRole.ORGANISER, PartnerRole.STRATEGIC_PARTNER, PartnerRole.CO_ORGANISER]

    def add_items(n: int) -> None:
        add_session(edition, n)
        add_session(edition, n, kind=SessionKind.STUDY_VISIT, date=VISIT_DAY)
        PartnerFactory(edition=edition, role=roles[n])

    one, three = counts_for_one_and_three(client, "/pl/kongres/", add_items)

    assert one == three


def test_archive_query_count_does_not_grow_with_editions(client):
    series = [SeriesFactory(), SeriesFactory(), SeriesFactory()]

    def add_edition(n: int) -> None:
        EditionFactory(
            series=series[n],
            venue=VenueFactory(),
            start_date=DAY - dt.timedelta(days=365 * n),
            end_date=DAY - dt.timedelta(days=365 * n),
            status=EditionStatus.ARCHIVED if n else EditionStatus.PUBLISHED,
        )

    one, three = counts_for_one_and_three(client, "/pl/archive/", add_edition)

    assert one == three


def test_sitemap_query_count_does_not_grow_with_editions_and_sessions(client):
    def add_edition(n: int) -> None:
        edition = EditionFactory(start_date=DAY, end_date=VISIT_DAY)
        DayFactory(edition=edition, date=DAY)
        DayFactory(edition=edition, date=VISIT_DAY)
        add_session(edition, 0)
        SpeakerFactory(edition=edition)

    one, three = counts_for_one_and_three(client, "/sitemap.xml", add_edition)

    assert one == three
