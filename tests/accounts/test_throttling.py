"""Login throttling (django-axes): per account, per address, cool-off, activity log."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from kongres.common.models import ActivityLog
from tests.factories import EditionFactory

pytestmark = pytest.mark.integration

PASSWORD = "correct horse battery staple"


ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def organiser(db):
    return get_user_model().objects.create_user(
        "organiser", "org@example.org", PASSWORD, is_staff=True, is_superuser=True
    )


def _client(ip="203.0.113.7", language="pl"):
    return Client(REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE=language)


def _login(client, username, password, url=ADMIN_LOGIN):
    return client.post(url, {"username": username, "password": password, "next": "/admin/"})


def _age_attempts(by):
    """Let time pass for the counted failures: the cool-off is measured from the last one."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= by
        attempt.save(update_fields=["attempt_time"])


def test_admin_login_25_wrong_passwords_locked_with_polish_page(organiser):
    client = _client()

    statuses = [_login(client, "organiser", f"wrong{i}").status_code for i in range(25)]

    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert statuses[limit - 1 :] == [429] * (26 - limit)
    page = _login(client, "organiser", "wrong again")
    assert page.status_code == 429
    assert "Logowanie jest na chwilę zablokowane" in page.content.decode()


def test_admin_login_locked_page_in_english(organiser):
    client = _client(language="en")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "organiser", f"wrong{i}")

    page = _login(client, "organiser", "wrong")

    assert page.status_code == 429
    assert "Signing in is blocked for a while" in page.content.decode()


def test_admin_login_right_password_refused_during_lockout(organiser):
    client = _client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "organiser", f"wrong{i}")

    response = _login(client, "organiser", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_login_works_again_after_cool_off(organiser):
    client = _client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "organiser", f"wrong{i}")
    assert _login(client, "organiser", PASSWORD).status_code == 429

    _age_attempts(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))
    response = _login(client, "organiser", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(organiser.pk)


def test_admin_login_not_yet_after_part_of_cool_off(organiser):
    client = _client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "organiser", f"wrong{i}")

    _age_attempts(settings.AXES_COOLOFF_TIME - timedelta(minutes=1))

    assert _login(client, "organiser", PASSWORD).status_code == 429


def test_admin_login_account_locked_from_another_address_too(organiser):
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(_client(ip=f"198.51.100.{i + 1}"), "organiser", f"wrong{i}")

    response = _login(_client(ip="192.0.2.200"), "organiser", PASSWORD)

    assert response.status_code == 429


def test_admin_login_address_locked_for_other_accounts_too(organiser):
    client = _client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"guess{i}", "password")

    assert _login(client, "organiser", PASSWORD).status_code == 429
    assert _login(_client(ip="192.0.2.1"), "organiser", PASSWORD).status_code == 302


@override_settings(BEHIND_PROXY=True)
def test_admin_login_behind_proxy_counts_the_forwarded_client(organiser):
    proxy = "10.0.0.5"
    for i in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="forged, 203.0.113.9").post(
            ADMIN_LOGIN, {"username": f"guess{i}", "password": "x"}
        )

    other = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.10")
    same = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert _login(other, "organiser", PASSWORD).status_code == 302
    assert _login(same, "organiser", PASSWORD).status_code == 429


def test_admin_login_success_resets_the_count(organiser):
    client = _client()
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "organiser", f"wrong{i}")
    assert _login(client, "organiser", PASSWORD).status_code == 302

    other = _client()
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(other, "organiser", f"wrong{i}")

    assert _login(other, "organiser", PASSWORD).status_code == 302


def test_checkin_login_throttled_too(organiser):
    edition = EditionFactory()
    url = reverse("onsite:checkin_login", args=[edition.slug])
    client = _client()
    statuses = [_login(client, "organiser", f"wrong{i}", url).status_code for i in range(12)]

    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[-1] == 429
    assert _login(client, "organiser", PASSWORD, url).status_code == 429
    # ... and the account is locked at the admin's door as well.
    assert _login(_client(ip="192.0.2.3"), "organiser", PASSWORD).status_code == 429


def test_login_events_written_to_activity_log(organiser):
    client = _client()
    _login(client, "organiser", PASSWORD)
    _login(_client(ip="198.51.100.1"), "nobody", "x")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(_client(ip="198.51.100.2"), "organiser", f"wrong{i}")
    _login(_client(ip="198.51.100.2"), "organiser", "during the lockout")

    entries = list(ActivityLog.objects.order_by("id").values_list("action", "object_id", "data"))

    assert entries[0] == (
        "auth.login",
        str(organiser.pk),
        {"ip": "203.0.113.7", "path": "/admin/login/"},
    )
    assert entries[1][:2] == ("auth.login_failed", "")
    assert entries[1][2]["username"] == "nobody"
    failures = [e for e in entries if e[0] == "auth.login_failed" and e[1] == str(organiser.pk)]
    assert len(failures) == settings.AXES_FAILURE_LIMIT
    assert failures[-1][2]["failures"] == settings.AXES_FAILURE_LIMIT
    locks = [e for e in entries if e[0] == "auth.locked_out"]
    assert locks == [
        (
            "auth.locked_out",
            str(organiser.pk),
            {"ip": "198.51.100.2", "path": "/admin/login/", "username": "organiser"},
        )
    ]
    assert len(entries) == 2 + settings.AXES_FAILURE_LIMIT + 1
