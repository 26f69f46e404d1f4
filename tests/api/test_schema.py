"""The served OpenAPI schema, the docs pages, and Schemathesis against the schema.

Schemathesis generates requests from ``/api/schema/`` (valid and invalid ones), sends them to
the WSGI application with a token of a seeded edition, and checks every answer: no 5xx, the
status code, content type and body as the schema says. The number of examples per operation is
bounded so that the run takes well under two minutes.
"""

import re

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from kongres.matchmaking.models import Meeting
from tests.api.api_setup import team_user, token_for
from tests.factories import SessionSpeakerFactory
from tests.matchmaking.factories import ProfileFactory, SectorFactory, matchmaking_edition
from tests.onsite.checkin_setup import hall, people

pytestmark = pytest.mark.integration

FUZZ_EXAMPLES = 30


def test_schema_is_served_as_openapi_3(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/editions/{edition_slug}/registrations/" in schema["paths"]
    registrations = schema["paths"]["/api/v1/editions/{edition_slug}/registrations/"]["get"]
    assert {p["name"] for p in registrations["parameters"]} >= {
        "edition_slug",
        "state",
        "category",
        "updated_since",
        "cursor",
        "page_size",
    }
    assert set(registrations["responses"]) == {"200", "400", "401", "403", "404"}
    assert schema["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"


def test_docs_page_loads_its_assets_from_this_server_only(client, db):
    # Redoc is not offered: its page loads fonts from Google.
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r"""(?:src|href)=["']([^"']+)""", html)
    assert urls
    assert all(url.startswith("/") for url in urls), urls
    assert "/static/drf_spectacular_sidecar/" in html
    for url in urls:
        if url.startswith("/static/"):
            asset = client.get(url)
            assert asset.status_code == 200, url
            asset.close()


@pytest.fixture
def fuzz_edition(db):
    edition = matchmaking_edition().edition
    registrations = people(edition, 5)
    hall(edition)  # POST checkins/ without a point checks in here
    SessionSpeakerFactory(session__edition=edition, session__day__edition=edition)
    profiles = [ProfileFactory(edition=edition, registration=r) for r in registrations[:2]]
    profiles[0].sectors.set([SectorFactory()])
    Meeting.objects.create(edition=edition, a=profiles[0], b=profiles[1])
    return edition


@pytest.fixture
def _connection_kept_open():
    """Django's handler closes the connection after each request; the test client (not a raw
    WSGI call) disconnects that, and so must we to stay inside the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


_TOKEN: dict[str, str] = {}


@pytest.fixture
def fuzz_token(fuzz_edition):
    _TOKEN["secret"] = token_for(fuzz_edition, team_user(fuzz_edition))
    yield
    _TOKEN.clear()


# Loaded from the served schema when the module is collected (no database needed). The lazy
# ``from_fixture`` loader of schemathesis 4.32 does not work with pytest 9.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@schema.auth(refresh_interval=None)  # a new token per test: the database is rolled back
class BearerToken:
    def get(self, case, context):
        return _TOKEN.get("secret", "kgr_unset_unset")  # also asked while collecting

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schema.parametrize()
@pytest.mark.usefixtures("_connection_kept_open", "fuzz_token")
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_answers_match_the_schema(case, fuzz_edition):
    if case.path_parameters and "edition_slug" in case.path_parameters:
        case.path_parameters["edition_slug"] = fuzz_edition.slug

    # positive_data_acceptance is left out: the cursor is opaque, so a schema cannot tell a
    # valid one, and an invalid cursor rightly gets a 400 (tested in test_registrations).
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
