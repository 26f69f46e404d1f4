"""The demo prints an API token of the demo organiser: it works, and it is made only once."""

import pytest

from kongres.api.models import ApiToken
from kongres.cli import _demo_organiser, demo_api_token
from tests.api.api_setup import bearer
from tests.onsite.checkin_setup import hall

pytestmark = pytest.mark.integration


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_the_demo_token_reads_the_demo_edition_and_checks_in(client, demo_data, data_dir):
    username, _password = _demo_organiser()

    token = demo_api_token(username)

    editions = client.get("/api/v1/editions/", **bearer(token))
    assert editions.status_code == 200
    assert [e["slug"] for e in editions.json()] == [demo_data.slug]
    registrations = client.get(
        f"/api/v1/editions/{demo_data.slug}/registrations/",
        {"state": "confirmed"},
        **bearer(token),
    )
    assert registrations.status_code == 200
    person = registrations.json()["results"][0]
    point = hall(demo_data, "Wejście API (open every day)")
    checkin = client.post(
        f"/api/v1/editions/{demo_data.slug}/checkins/",
        {"registration": person["id"], "point": point.pk},
        content_type="application/json",
        **bearer(token),
    )
    assert checkin.status_code == 201
    assert checkin.json()["checkin"]["registration"] == person["id"]
    # Read-only otherwise: no registration writes.
    patch = client.patch(
        f"/api/v1/editions/{demo_data.slug}/registrations/{person['id']}/",
        {"organisation": "X"},
        content_type="application/json",
        **bearer(token),
    )
    assert patch.status_code == 403


def test_the_demo_token_is_made_once_and_again_when_revoked(demo_data, data_dir):
    username, _password = _demo_organiser()

    first = demo_api_token(username)
    again = demo_api_token(username)
    ApiToken.objects.filter(name="Demo").update(revoked_at="2020-01-01T00:00:00Z")
    fresh = demo_api_token(username)

    assert first == again
    assert fresh != first
    assert (data_dir / "demo-api-token").read_text() == fresh
    assert ApiToken.objects.filter(name="Demo").count() == 2
