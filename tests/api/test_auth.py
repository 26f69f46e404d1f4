"""Tokens: hashed, scoped, bound to an edition and a team role, expiring, revocable."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from kongres.api.enums import ApiScope
from kongres.api.models import ApiToken, token_hash
from kongres.api.services import ApiTokenError, api_token_create, api_token_revoke
from kongres.common.models import ActivityLog
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from tests.api.api_setup import bearer, team_user, token_for
from tests.factories import EditionFactory
from tests.onsite.checkin_setup import people

pytestmark = pytest.mark.integration


def url(edition, tail="registrations/"):
    return f"/api/v1/editions/{edition.slug}/{tail}"


@pytest.fixture
def edition(db):
    return EditionFactory()


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) >= {"detail", "code"}
    return body


def test_token_is_stored_hashed_and_shown_once(edition):
    user = team_user(edition)

    secret = token_for(edition, user)

    token = ApiToken.objects.get()
    key, raw = secret.split("_")[1], secret.split("_", 2)[2]
    assert token.key == key
    assert token.secret_hash == token_hash(raw)
    assert raw not in token.secret_hash
    assert ActivityLog.objects.filter(action="api_token.created").count() == 1


def test_request_without_token_is_401_json(client, edition):
    response = client.get(url(edition))

    body = assert_json_error(response, 401)
    assert body["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer a b", "Bearer nope", "Bearer kgr_abc", "Bearer kgr_abc_wrong"]
)
def test_malformed_or_unknown_token_is_401(client, edition, header):
    token_for(edition, team_user(edition))

    response = client.get(url(edition), HTTP_AUTHORIZATION=header)

    assert_json_error(response, 401)


def test_wrong_secret_of_a_real_key_is_401(client, edition):
    secret = token_for(edition, team_user(edition))
    forged = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")

    response = client.get(url(edition), **bearer(forged))

    assert_json_error(response, 401)


def test_expired_token_is_401(client, edition):
    secret = token_for(edition, team_user(edition))
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    response = client.get(url(edition), **bearer(secret))

    assert assert_json_error(response, 401)["detail"] == "This token has expired."


def test_revoked_token_is_401(client, edition):
    secret = token_for(edition, team_user(edition))
    api_token_revoke(token=ApiToken.objects.get())

    response = client.get(url(edition), **bearer(secret))

    assert assert_json_error(response, 401)["detail"] == "This token has been revoked."


def test_inactive_user_is_401(client, edition):
    user = team_user(edition)
    secret = token_for(edition, user)
    user.is_active = False
    user.save()

    assert_json_error(client.get(url(edition), **bearer(secret)), 401)


def test_token_without_the_scope_is_403(client, edition):
    secret = token_for(edition, team_user(edition), [ApiScope.PROGRAM_READ])

    response = client.get(url(edition), **bearer(secret))

    assert "registrations:read" in assert_json_error(response, 403)["detail"]


def test_role_without_the_permission_key_is_403_despite_the_scope(client, edition):
    user = team_user(edition, role=TeamRole.CHECKIN)
    secret = token_for(edition, user, [ApiScope.REGISTRATIONS_READ, ApiScope.CHECKINS_READ])

    denied = client.get(url(edition), **bearer(secret))
    allowed = client.get(url(edition, "checkins/"), **bearer(secret))

    assert_json_error(denied, 403)
    assert allowed.status_code == 200


def test_user_removed_from_the_team_is_403(client, edition):
    user = team_user(edition)
    secret = token_for(edition, user)
    TeamMember.objects.filter(user=user).delete()

    assert_json_error(client.get(url(edition), **bearer(secret)), 403)


def test_token_of_another_edition_is_403_and_reveals_nothing(client, edition):
    other = EditionFactory()
    people(other, 2)
    secret = token_for(edition, team_user(edition))

    response = client.get(url(other), **bearer(secret))

    body = assert_json_error(response, 403)
    assert "another edition" in body["detail"]
    assert "@example.org" not in response.content.decode()


def test_unknown_edition_is_404(client, edition):
    secret = token_for(edition, team_user(edition))

    response = client.get("/api/v1/editions/no-such-edition/registrations/", **bearer(secret))

    assert_json_error(response, 404)


def test_last_used_is_recorded(client, edition):
    secret = token_for(edition, team_user(edition))
    assert ApiToken.objects.get().last_used_at is None

    client.get(url(edition), **bearer(secret))

    assert ApiToken.objects.get().last_used_at is not None


def test_token_for_a_non_member_is_refused(edition):
    from django.contrib.auth import get_user_model

    stranger = get_user_model().objects.create_user(username="obcy")

    with pytest.raises(ApiTokenError):
        api_token_create(edition=edition, user=stranger, name="x", scopes=["program:read"])
    assert ApiToken.objects.count() == 0


def test_token_with_an_unknown_scope_is_refused(edition):
    with pytest.raises(ApiTokenError):
        api_token_create(edition=edition, user=team_user(edition), name="x", scopes=["everything"])


def test_management_command_prints_a_working_token(client, edition, capsys):
    team_user(edition, username="crm")

    call_command("api_token", edition.slug, "crm", "--scope", "registrations:read")

    secret = capsys.readouterr().out.strip()
    assert client.get(url(edition), **bearer(secret)).status_code == 200
    assert ApiToken.objects.get().scopes == ["registrations:read"]


def test_admin_issues_a_token_and_shows_the_secret_once(client, edition):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("szef", "szef@example.org", "x-2025!")
    member = team_user(edition)
    client.force_login(admin)
    expires = (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%d")

    response = client.post(
        "/admin/api/apitoken/add/",
        {
            "edition": edition.pk,
            "user": member.pk,
            "name": "CRM",
            "scopes": ["registrations:read", "program:read"],
            "expires_at_0": expires,
            "expires_at_1": "12:00:00",
        },
        follow=True,
    )

    token = ApiToken.objects.get()
    page = response.content.decode()
    assert token.scopes == ["program:read", "registrations:read"]
    secret = page.split("it is not shown again: ")[1].split("<")[0].strip()
    client.logout()
    assert client.get(url(edition), **bearer(secret)).status_code == 200


def test_errors_follow_accept_language(client, edition):
    secret = token_for(edition, team_user(edition), [ApiScope.PROGRAM_READ])

    polish = client.get(url(edition), HTTP_ACCEPT_LANGUAGE="pl", **bearer(secret))

    assert polish.status_code == 403
    assert polish.json()["detail"] == "Token nie ma zakresu registrations:read."
