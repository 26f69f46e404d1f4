"""POST a check-in through the API: the onsite service's rules, duplicates, errors, webhook."""

import pytest

from kongres.api.enums import ApiScope
from kongres.api.webhooks.events import WebhookEvent, events_of_entry
from kongres.common.models import ActivityLog
from kongres.events.enums import TeamRole
from kongres.onsite.models import CheckIn, Scan
from kongres.registration.enums import RegistrationState
from kongres.registration.tokens import ticket_token
from tests.api.api_setup import READ_SCOPES, bearer, team_user, token_for
from tests.matchmaking.factories import matchmaking_edition
from tests.onsite.checkin_setup import hall, people

pytestmark = pytest.mark.integration


@pytest.fixture
def edition(db):
    edition = matchmaking_edition().edition
    hall(edition)
    return edition


@pytest.fixture
def secret(edition):
    return token_for(edition, team_user(edition))


def _post(client, edition, secret, body):
    return client.post(
        f"/api/v1/editions/{edition.slug}/checkins/",
        body,
        content_type="application/json",
        **bearer(secret),
    )


def test_check_in_by_ticket_code_returns_201_and_logs_the_webhook_entry(client, edition, secret):
    person = people(edition, 1)[0]

    response = _post(client, edition, secret, {"code": ticket_token(person)})

    assert response.status_code == 201
    body = response.json()
    checkin = CheckIn.objects.get()
    assert body["outcome"] == "accepted"
    assert body["checkin"]["id"] == checkin.pk
    assert body["checkin"]["registration"] == person.pk
    assert body["checkin"]["point_kind"] == "hall"
    entry = ActivityLog.objects.get(action="onsite.scans_recorded")
    assert entry.data["checkins"] == [checkin.pk]
    assert events_of_entry(entry.action, entry.object_id, entry.data) == [
        (WebhookEvent.CHECKIN_CREATED, "checkin", checkin.pk)
    ]


def test_check_in_by_registration_id(client, edition, secret):
    person = people(edition, 1)[0]

    response = _post(client, edition, secret, {"registration": person.pk})

    assert response.status_code == 201
    assert CheckIn.objects.get().registration_id == person.pk


def test_a_second_check_in_answers_200_with_the_first_and_adds_none(client, edition, secret):
    person = people(edition, 1)[0]
    first = _post(client, edition, secret, {"registration": person.pk}).json()

    again = _post(client, edition, secret, {"code": ticket_token(person)})

    assert again.status_code == 200
    assert again.json()["outcome"] == "repeated"
    assert again.json()["reason"] == "already_in"
    assert again.json()["checkin"]["id"] == first["checkin"]["id"]
    assert CheckIn.objects.count() == 1
    assert Scan.objects.count() == 2


def test_a_cancelled_registration_is_refused_with_409(client, edition, secret):
    person = people(edition, 1, state=RegistrationState.CANCELLED)[0]

    response = _post(client, edition, secret, {"registration": person.pk})

    assert response.status_code == 409
    assert response.json()["code"] == "cancelled"
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"code": "x", "registration": 1},
        {"registration": "abc"},
        {"registration": 999999},
        {"code": "not-a-ticket", "point": 999999},
    ],
)
def test_malformed_requests_are_400_and_change_nothing(client, edition, secret, body):
    people(edition, 1)

    response = _post(client, edition, secret, body)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert (CheckIn.objects.count(), Scan.objects.count()) == (0, 0)


def test_an_unknown_ticket_is_refused_as_a_door_would(client, edition, secret):
    response = _post(client, edition, secret, {"code": "not-a-ticket"})

    assert response.status_code == 409
    assert response.json()["code"] == "unknown_ticket"
    assert CheckIn.objects.count() == 0


def test_without_a_token_401(client, edition):
    person = people(edition, 1)[0]

    response = client.post(
        f"/api/v1/editions/{edition.slug}/checkins/",
        {"registration": person.pk},
        content_type="application/json",
    )

    assert response.status_code == 401
    assert CheckIn.objects.count() == 0


def test_a_read_only_token_or_a_role_without_check_in_is_403(client, edition):
    person = people(edition, 1)[0]
    read_only = token_for(edition, team_user(edition, "ro"), READ_SCOPES)
    viewer = token_for(
        edition,
        team_user(edition, "partner", TeamRole.PARTNER_VIEWER),
        [ApiScope.CHECKINS_WRITE],
    )

    for secret in (read_only, viewer):
        response = _post(client, edition, secret, {"registration": person.pk})
        assert response.status_code == 403
    assert CheckIn.objects.count() == 0


def test_a_token_of_another_edition_is_403(client, edition):
    person = people(edition, 1)[0]
    other = matchmaking_edition().edition
    secret = token_for(other, team_user(other, "obcy"))

    response = _post(client, edition, secret, {"registration": person.pk})

    assert response.status_code == 403
    assert CheckIn.objects.count() == 0


def test_the_schema_documents_the_post(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    post = schema["paths"]["/api/v1/editions/{edition_slug}/checkins/"]["post"]

    assert post["operationId"] == "checkins_create"
    assert set(post["responses"]) == {"200", "201", "400", "401", "403", "404", "409"}
    assert "requestBody" in post
