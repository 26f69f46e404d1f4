"""Signing in to the back office as a person does: the lockout page, two-step sign-in set-up."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"


@pytest.fixture
def boss(transactional_db):
    return get_user_model().objects.create_user(
        "boss", "boss@example.org", PASSWORD, is_staff=True, is_superuser=True
    )


def _code(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, device.step, device.t0, device.digits)).zfill(device.digits)


def _sign_in(page, base, password):
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.get_by_label("Nazwa użytkownika").fill("boss")
    page.get_by_label("Hasło").fill(password)
    page.get_by_role("button", name="Zaloguj się").click()


def test_repeated_wrong_passwords_show_the_lockout_page(boss, live_server, page, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(page, live_server.url, f"wrong{i}")

    assert page.get_by_role("heading", name="Logowanie jest na chwilę zablokowane").is_visible()
    _sign_in(page, live_server.url, PASSWORD)
    assert page.get_by_role("heading", name="Logowanie jest na chwilę zablokowane").is_visible()


def test_superuser_sets_up_an_authenticator_then_reaches_the_back_office(boss, live_server, page):
    with override_settings(STAFF_2FA="required"):
        _sign_in(page, live_server.url, PASSWORD)
        page.get_by_role("heading", name="Włącz logowanie dwuetapowe").wait_for()
        assert page.get_by_role("img", name="Kod QR dla aplikacji uwierzytelniającej").is_visible()

        device = TOTPDevice.objects.get(user=boss)
        page.get_by_role("textbox", name="Kod").fill(_code(device))
        page.get_by_role("button", name="Potwierdź").click()
        page.get_by_role("heading", name="Twoje kody zapasowe").wait_for()
        codes = page.locator(".kongres-recovery-codes code").all_inner_texts()
        assert len(codes) == 10
        assert all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)

        page.get_by_role("link", name="Zapisane, dalej").click()
        page.wait_for_url(re.compile(r"/admin/$"))
        assert page.get_by_role("heading", name="Panel organizatora").is_visible()

        # Signing in again asks for the code; a recovery code lets the user in once.
        page.context.clear_cookies()
        _sign_in(page, live_server.url, PASSWORD)
        page.get_by_role("heading", name="Drugi krok logowania").wait_for()
        page.get_by_role("textbox", name="Kod").fill(codes[0])
        page.get_by_role("button", name="Dalej").click()
        page.wait_for_url(re.compile(r"/admin/$"))
