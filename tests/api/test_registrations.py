"""Registrations through the API: filters, cursor pages, no N+1, a safe write, bad input."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kongres.api.enums import ApiScope
from kongres.common.i18n import i18n
from kongres.common.models import ActivityLog
from kongres.registration.enums import RegistrationState
from kongres.registration.models import Category, Registration
from tests.api.api_setup import READ_SCOPES, bearer, team_user, token_for
from tests.factories import EditionFactory
from tests.onsite.checkin_setup import people

pytestmark = pytest.mark.integration


@pytest.fixture
def edition(db):
    return EditionFactory()


@pytest.fixture
def secret(edition):
    return token_for(edition, team_user(edition))


def url(edition, tail=""):
    return f"/api/v1/editions/{edition.slug}/registrations/{tail}"


def test_list_shows_the_editions_registrations_only(client, edition, secret):
    mine = people(edition, 3)
    people(EditionFactory(), 2, prefix="x")

    body = client.get(url(edition), **bearer(secret)).json()

    assert [r["id"] for r in body["results"]] == [r.pk for r in mine]
    assert body["results"][0]["category"] == "uczestnik"
    assert body["results"][0]["email"] == "p0@example.org"


def test_filters_by_state_category_and_updated_since(client, edition, secret):
    confirmed = people(edition, 2)
    waiting = people(edition, 1, state=RegistrationState.WAITLISTED, prefix="w")
    vip = Category.objects.create(edition=edition, slug="vip", name=i18n("VIP", "VIP"))
    Registration.objects.filter(pk=confirmed[0].pk).update(category=vip)
    old = timezone.now() - dt.timedelta(days=3)
    Registration.objects.filter(pk=confirmed[1].pk).update(updated_at=old)

    def ids(query):
        response = client.get(url(edition), query, **bearer(secret))
        assert response.status_code == 200
        return [r["id"] for r in response.json()["results"]]

    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert ids({"state": "waitlisted"}) == [waiting[0].pk]
    assert ids({"category": "vip"}) == [confirmed[0].pk]
    assert ids({"updated_since": since}) == [confirmed[0].pk, waiting[0].pk]
    assert ids({"state": "confirmed", "category": "uczestnik"}) == [confirmed[1].pk]


@pytest.mark.parametrize(
    "query",
    [
        {"state": "bogus"},
        {"updated_since": "yesterday"},
        {"updated_since": "2025-13-45T99:00"},
        {"category": "not a slug!"},
        {"cursor": "garbage"},
        {"cursor": "cD1hYmM="},  # base64 of "p=abc": a position that is not an id
        {"page_size": "0"},
        {"page_size": "101"},
        {"page_size": "ten"},
    ],
)
def test_malformed_filter_is_400_json(client, edition, secret, query):
    people(edition, 2)

    response = client.get(url(edition), query, **bearer(secret))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_cursor_pages_walk_every_row_once(client, edition, secret):
    everyone = people(edition, 230)
    seen, link, pages = [], url(edition), 0

    while link:
        body = client.get(link, **bearer(secret)).json()
        seen += [r["id"] for r in body["results"]]
        link, pages = body["next"], pages + 1

    assert pages == 3
    assert seen == [r.pk for r in everyone]


def test_page_size_is_100_by_default(client, edition, secret):
    people(edition, 120)

    body = client.get(url(edition), **bearer(secret)).json()

    assert len(body["results"]) == 100
    assert body["next"].startswith("http://testserver/api/v1/")


def _queries(client, edition, secret) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(edition), **bearer(secret))
    assert response.status_code == 200
    return len(queries)


def test_query_count_of_a_page_is_the_same_for_3_and_30_rows(client, edition, secret):
    people(edition, 3)
    client.get(url(edition), **bearer(secret))  # writes last_used_at once
    three = _queries(client, edition, secret)
    people(edition, 27, prefix="q")

    thirty = _queries(client, edition, secret)

    assert len(client.get(url(edition), **bearer(secret)).json()["results"]) == 30
    assert three == thirty


def test_detail_of_another_editions_registration_is_404(client, edition, secret):
    theirs = people(EditionFactory(), 1, prefix="x")[0]

    response = client.get(url(edition, f"{theirs.pk}/"), **bearer(secret))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_detail_with_a_huge_id_is_404(client, edition, secret):
    response = client.get(url(edition, f"{2**70}/"), **bearer(secret))

    assert response.status_code == 404


def test_patch_changes_a_safe_field_through_the_service_and_logs_the_user(client, edition, secret):
    registration = people(edition, 1)[0]

    response = client.patch(
        url(edition, f"{registration.pk}/"),
        {"organisation": "Klaster Nowy", "voivodeship": "lubuskie"},
        content_type="application/json",
        **bearer(secret),
    )

    assert response.status_code == 200
    assert response.json()["organisation"] == "Klaster Nowy"
    registration.refresh_from_db()
    assert (registration.organisation, registration.voivodeship) == ("Klaster Nowy", "lubuskie")
    entry = ActivityLog.objects.get(action="registration.updated")
    assert entry.actor_label == "crm"
    assert entry.data["fields"] == ["organisation", "voivodeship"]
    assert entry.data["after"] == {"organisation": "Klaster Nowy", "voivodeship": "lubuskie"}
    assert set(entry.data["before"]) == {"organisation", "voivodeship"}
    assert entry.data["before"]["organisation"] != "Klaster Nowy"


@pytest.mark.parametrize(
    "body",
    [
        {"email": "new@example.org"},
        {"state": "confirmed"},
        {"organisation": "Nowy", "category": "vip"},
        {"voivodeship": "atlantyda"},
        {"first_name": "x" * 101},
        {},
        ["organisation"],
    ],
)
def test_patch_with_bad_input_is_400_and_changes_nothing(client, edition, secret, body):
    registration = people(edition, 1)[0]
    before = Registration.objects.filter(pk=registration.pk).values().get()

    response = client.patch(
        url(edition, f"{registration.pk}/"), body, content_type="application/json", **bearer(secret)
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert Registration.objects.filter(pk=registration.pk).values().get() == before
    assert not ActivityLog.objects.filter(action="registration.updated").exists()


def test_patch_of_a_cancelled_registration_is_refused_by_the_service(client, edition, secret):
    registration = people(edition, 1, state=RegistrationState.CANCELLED)[0]

    response = client.patch(
        url(edition, f"{registration.pk}/"),
        {"organisation": "Nowy"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(secret),
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "This registration has been cancelled.",
        "code": "refused",
    }
    registration.refresh_from_db()
    assert registration.organisation == "Klaster Lubuski"


def test_patch_without_the_write_scope_is_403_and_changes_nothing(client, edition):
    secret = token_for(edition, team_user(edition), READ_SCOPES)
    registration = people(edition, 1)[0]

    response = client.patch(
        url(edition, f"{registration.pk}/"),
        {"organisation": "Nowy"},
        content_type="application/json",
        **bearer(secret),
    )

    assert response.status_code == 403
    assert "registrations:write" in response.json()["detail"]
    registration.refresh_from_db()
    assert registration.organisation == "Klaster Lubuski"


def test_patch_of_another_editions_registration_is_refused(client, edition):
    other = EditionFactory()
    theirs = people(other, 1, prefix="x")[0]
    secret = token_for(edition, team_user(edition), [ApiScope.REGISTRATIONS_WRITE])

    via_own = client.patch(
        url(edition, f"{theirs.pk}/"),
        {"organisation": "Nowy"},
        content_type="application/json",
        **bearer(secret),
    )
    via_theirs = client.patch(
        url(other, f"{theirs.pk}/"),
        {"organisation": "Nowy"},
        content_type="application/json",
        **bearer(secret),
    )

    assert (via_own.status_code, via_theirs.status_code) == (404, 403)
    theirs.refresh_from_db()
    assert theirs.organisation == "Klaster Lubuski"


def test_form_encoded_patch_is_415(client, edition, secret):
    registration = people(edition, 1)[0]

    response = client.patch(
        url(edition, f"{registration.pk}/"),
        "organisation=Nowy",
        content_type="application/x-www-form-urlencoded",
        **bearer(secret),
    )

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_fast_representation_equals_drfs_field_by_field_one(edition):
    from kongres.registration.api import RegistrationSerializer
    from kongres.registration.models import RegistrationGroup

    registration = people(edition, 1, state=RegistrationState.CANCELLED)[0]
    group = RegistrationGroup.objects.create(
        edition=edition, coordinator_name="K", coordinator_email="k@example.org", organisation="O"
    )
    now = timezone.now()
    Registration.objects.filter(pk=registration.pk).update(
        group=group,
        organisation_type="company",
        voivodeship="lubuskie",
        cancel_reason="participant",
        answers={"q1": ["a", "b"]},
        email_verified_at=now,
        confirmed_at=now - dt.timedelta(days=1),
        cancelled_at=now,
    )
    registration = Registration.objects.select_related("category").get(pk=registration.pk)
    serializer = RegistrationSerializer()

    assert serializer.to_representation(registration) == (
        serializer.to_representation_by_fields(registration)
    )
