"""Every list of the API: its rows, its edition only, and the same query count for 1 and 3."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kongres.matchmaking.models import Meeting, Slot
from kongres.onsite import services as onsite_services
from kongres.program.models import Day
from kongres.registration.tokens import ticket_token
from tests.api.api_setup import bearer, team_user, token_for
from tests.factories import DayFactory, EditionFactory, SessionSpeakerFactory, SpeakerFactory
from tests.matchmaking.factories import (
    ProfileFactory,
    SectorFactory,
    matchmaking_edition,
)
from tests.onsite.checkin_setup import batch, checkin_user, hall, people

pytestmark = pytest.mark.integration


@pytest.fixture
def edition(db):
    return matchmaking_edition().edition


@pytest.fixture
def secret(edition):
    return token_for(edition, team_user(edition))


def url(edition, tail):
    return f"/api/v1/editions/{edition.slug}/{tail}"


def add_sessions(edition, count):
    day = Day.objects.filter(edition=edition).first() or DayFactory(edition=edition)
    for _ in range(count):
        appearance = SessionSpeakerFactory(session__edition=edition, session__day=day)
        SessionSpeakerFactory(session=appearance.session)


def add_speakers(edition, count):
    SpeakerFactory.create_batch(count, edition=edition)


def add_checkins(edition, count):
    point = hall(edition)
    user = checkin_user(edition, username=f"bramka-{uuid.uuid4().hex[:6]}")
    now = dt.datetime.now(dt.UTC)
    scans = [
        (f"s{i}", point.pk, ticket_token(r), now)
        for i, r in enumerate(people(edition, count, prefix=uuid.uuid4().hex[:4]))
    ]
    onsite_services.scans_record(
        edition=edition, user=user, data=batch(uuid.uuid4(), scans, now=now), now=now
    )


def add_profiles(edition, count):
    for _ in range(count):
        ProfileFactory(edition=edition).sectors.set([SectorFactory(), SectorFactory()])


def add_meetings(edition, count):
    slot = Slot.objects.filter(session__edition=edition).first()
    for number in range(count):
        Meeting.objects.create(
            edition=edition,
            a=ProfileFactory(edition=edition),
            b=ProfileFactory(edition=edition),
            slot=slot if number % 2 else None,
            table=number + 1 if number % 2 else None,
        )


LISTS = {
    "sessions/": add_sessions,
    "speakers/": add_speakers,
    "checkins/": add_checkins,
    "matchmaking/profiles/": add_profiles,
    "matchmaking/meetings/": add_meetings,
}


@pytest.mark.parametrize(("tail", "add"), LISTS.items())
def test_list_query_count_is_the_same_for_1_and_3_rows(client, edition, secret, tail, add):
    add(edition, 1)
    client.get(url(edition, tail), **bearer(secret))

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(edition, tail), **bearer(secret))
        assert response.status_code == 200
        return len(queries), len(response.json()["results"])

    one, rows_one = count()
    add(edition, 2)
    three, rows_three = count()

    assert (rows_one, rows_three) == (1, 3)
    assert one == three


@pytest.mark.parametrize(("tail", "add"), LISTS.items())
def test_list_shows_only_the_tokens_edition(client, edition, secret, tail, add):
    other = matchmaking_edition().edition
    add(other, 2)

    response = client.get(url(edition, tail), **bearer(secret))

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_sessions_carry_speakers_and_translations(client, edition, secret):
    appearance = SessionSpeakerFactory(session__edition=edition, session__day__edition=edition)

    row = client.get(url(edition, "sessions/"), **bearer(secret)).json()["results"][0]

    assert row["title"] == {
        "pl": appearance.session.title.localize("pl"),
        "en": appearance.session.title.localize("en"),
    }
    assert row["speakers"] == [
        {"id": appearance.speaker_id, "name": appearance.speaker.name, "role": "panelist"}
    ]


def test_checkins_filter_by_point_and_since(client, edition, secret):
    add_checkins(edition, 2)
    point = edition.checkin_points.get()
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()

    def rows(query):
        response = client.get(url(edition, "checkins/"), query, **bearer(secret))
        assert response.status_code == 200
        return response.json()["results"]

    assert len(rows({})) == 2
    assert rows({"since": later}) == []
    assert len(rows({"point": point.pk})) == 2
    assert (
        client.get(url(edition, "checkins/"), {"point": "x"}, **bearer(secret)).status_code == 400
    )


def test_meetings_filter_by_state_and_refuse_an_unknown_one(client, edition, secret):
    add_meetings(edition, 2)

    planned = client.get(
        url(edition, "matchmaking/meetings/"), {"state": "planned"}, **bearer(secret)
    )
    bogus = client.get(url(edition, "matchmaking/meetings/"), {"state": "x"}, **bearer(secret))

    assert len(planned.json()["results"]) == 2
    assert bogus.status_code == 400


def test_editions_list_is_the_tokens_edition(client, edition, secret):
    EditionFactory()

    body = client.get("/api/v1/editions/", **bearer(secret)).json()
    detail = client.get(url(edition, ""), **bearer(secret)).json()

    assert [e["slug"] for e in body] == [edition.slug]
    assert detail["slug"] == edition.slug
    assert detail["name"]["en"] == edition.name.localize("en")


def test_editions_list_without_token_is_401(client, db):
    response = client.get("/api/v1/editions/")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
