"""Two-step sign-in for staff (django-otp): forced set-up, TOTP, recovery codes, the setting."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kongres.common.models import ActivityLog
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from tests.factories import EditionFactory

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("two_factor_required")]

PASSWORD = "correct horse battery staple"


SETUP = "/admin/2fa/setup/"
VERIFY = "/admin/2fa/"


@pytest.fixture
def two_factor_required():
    with override_settings(STAFF_2FA="required"):
        yield


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_user(
        "boss", "boss@example.org", PASSWORD, is_staff=True, is_superuser=True
    )


def _code(device: TOTPDevice, *, offset: int = 0) -> str:
    value = totp(device.bin_key, device.step, device.t0, device.digits, offset)
    return str(value).zfill(device.digits)


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _signed_in(user) -> Client:
    client = Client(REMOTE_ADDR="203.0.113.7")
    response = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    return client


def test_superuser_without_device_forced_to_set_one_up(superuser):
    client = _signed_in(superuser)

    index = client.get("/admin/")
    model_page = client.get("/admin/auth/user/")

    assert index.status_code == 302
    assert index["Location"] == f"{SETUP}?next=%2Fadmin%2F"
    assert model_page["Location"].startswith(SETUP)


def test_setup_shows_qr_and_confirms_with_a_code_then_shows_recovery_codes(superuser):
    client = _signed_in(superuser)
    page = client.get(SETUP, {"next": "/admin/"})
    device = TOTPDevice.objects.get(user=superuser)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    assert device.confirmed is False

    wrong = client.post(SETUP, {"token": "000000" if _code(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "Ten kod jest nieprawidłowy" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttle_reset()  # the wrong code above starts django-otp's short back-off
    done = client.post(SETUP, {"token": _code(device), "next": "/admin/"})

    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert done.status_code == 200
    assert len(codes) == 10
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(codes)
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/admin/").status_code == 200
    assert (
        ActivityLog.objects.filter(action="auth.2fa_enabled", object_id=str(superuser.pk)).count()
        == 1
    )
    # The codes are not shown again: the next visit of the set-up page makes a new device.
    assert "<code>" + codes[0] not in client.get(SETUP).content.decode()


def test_login_with_device_needs_a_valid_code(superuser):
    device = _device(superuser)
    client = _signed_in(superuser)

    assert client.get("/admin/")["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    # A second device cannot be set up with the password alone.
    assert client.get(SETUP)["Location"].startswith(VERIFY)

    good = _code(device)
    wrong = client.post(VERIFY, {"token": "123456" if good != "123456" else "654321"})
    assert wrong.status_code == 200
    assert "Ten kod jest nieprawidłowy" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttle_reset()  # the wrong code above starts django-otp's short back-off
    ok = client.post(VERIFY, {"token": good, "next": "/admin/"})

    assert ok.status_code == 302
    assert ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    actions = list(
        ActivityLog.objects.filter(action__startswith="auth.2fa").values_list("action", flat=True)
    )
    assert sorted(actions) == ["auth.2fa_failed", "auth.2fa_verified"]


def test_recovery_code_works_once(superuser):
    _device(superuser)
    recovery = StaticDevice.objects.create(user=superuser, name="recovery codes")
    recovery.token_set.create(token="abcd2345")
    recovery.token_set.create(token="efgh6723")

    first = _signed_in(superuser)
    assert first.post(VERIFY, {"token": "ABCD 2345"}).status_code == 302
    assert first.get("/admin/").status_code == 200

    second = _signed_in(superuser)
    again = second.post(VERIFY, {"token": "abcd2345"})

    assert again.status_code == 200
    assert second.get("/admin/").status_code == 302
    assert list(recovery.token_set.values_list("token", flat=True)) == ["efgh6723"]
    used = ActivityLog.objects.get(action="auth.recovery_code_used")
    assert used.data == {"codes_left": 1}


def test_owner_must_use_two_factor_and_organiser_need_not(db):
    edition = EditionFactory()
    users = get_user_model().objects
    owner = users.create_user("owner", "o@example.org", PASSWORD, is_staff=True)
    organiser = users.create_user("orga", "g@example.org", PASSWORD, is_staff=True)
    TeamMember.objects.create(edition=edition, user=owner, role=TeamRole.OWNER)
    TeamMember.objects.create(edition=edition, user=organiser, role=TeamRole.ORGANISER)

    assert _signed_in(owner).get("/admin/")["Location"].startswith(SETUP)
    assert _signed_in(organiser).get("/admin/").status_code == 200


def test_checkin_login_of_a_superuser_also_needs_the_second_step(superuser):
    edition = EditionFactory()
    _device(superuser)
    client = Client(REMOTE_ADDR="203.0.113.8")
    login_url = reverse("onsite:checkin_login", args=[edition.slug])
    checkin_url = reverse("onsite:checkin", args=[edition.slug])
    client.post(login_url, {"username": "boss", "password": PASSWORD, "next": checkin_url})

    response = client.get(checkin_url)

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_setting_off_no_second_step(superuser):
    _device(superuser)
    with override_settings(STAFF_2FA="off"):
        client = _signed_in(superuser)

        assert client.get("/admin/").status_code == 200


def test_unknown_setting_value_refused():
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import kongres.settings"],
        env={**os.environ, "KONGRES_STAFF_2FA": "maybe"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "KONGRES_STAFF_2FA must be 'required' or 'off'" in result.stderr


def test_production_default_is_required():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"KONGRES_STAFF_2FA", "KONGRES_DEBUG"}}
    code = "import kongres.settings as s; print(s.STAFF_2FA)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    debug = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "KONGRES_DEBUG": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert (result.stdout.strip(), debug.stdout.strip()) == ("required", "off")
