"""The Content-Security-Policy and Permissions-Policy headers: exact values, every response."""

import pytest
from django.test import override_settings

from kongres.common.security_headers import csp_header_value, permissions_header_value
from tests.factories import EditionFactory
from tests.onsite.checkin_setup import checkin_user

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
FEATURES_OFF = (
    "accelerometer=(), autoplay=(), bluetooth=(), {camera}, display-capture=(), "
    "fullscreen=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), "
    "midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), "
    "usb=(), xr-spatial-tracking=()"
)


def test_header_values_are_written_from_the_settings_shape():
    assert csp_header_value({"default-src": ["'self'"], "upgrade-insecure-requests": []}) == (
        "default-src 'self'; upgrade-insecure-requests"
    )
    assert permissions_header_value({"camera": ["self"], "usb": []}) == "camera=(self), usb=()"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/pl/", "/healthz", "/admin/login/", "/pl/no-such-page/", "/static/kongres/site.css"]
)
def test_every_response_carries_the_strict_policy_without_camera(client, path):
    response = client.get(path)
    response.close()  # the static file's handle
    assert response["Content-Security-Policy"] == CSP
    assert response["Permissions-Policy"] == FEATURES_OFF.format(camera="camera=()")
    for loose in ("unsafe-inline", "unsafe-eval", "nonce-", "*", "data:", "http:"):
        assert loose not in response["Content-Security-Policy"]
    # The neighbours set by Django's SecurityMiddleware stay as they were.
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_only_the_checkin_page_may_use_the_camera(client):
    edition = EditionFactory(slug="kkp-csp")
    client.force_login(checkin_user(edition, username="bramka-csp"))
    page = client.get(f"/pl/{edition.slug}/checkin/")
    assert page.status_code == 200
    assert page["Permissions-Policy"] == FEATURES_OFF.format(camera="camera=(self)")
    assert page["Content-Security-Policy"] == CSP
    login = client.get(f"/pl/{edition.slug}/checkin/login/")
    assert "camera=()" in login["Permissions-Policy"]


@pytest.mark.django_db
def test_htmx_is_told_to_inject_no_style_and_evaluate_nothing(client, demo_data):
    response = client.get(f"/pl/{demo_data.slug}/")
    assert (
        b'<meta name="htmx-config" content=\'{"includeIndicatorStyles": false, '
        b'"allowEval": false}\'>' in response.content
    )


@pytest.mark.django_db
@override_settings(
    CONTENT_SECURITY_POLICY={"default-src": ["'none'"]}, PERMISSIONS_POLICY={"usb": []}
)
def test_the_policy_comes_from_the_settings(client):
    response = client.get("/healthz")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Permissions-Policy"] == "usb=()"


@pytest.mark.django_db
def test_only_the_api_docs_page_allows_data_images_and_it_has_no_inline_style(client):
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert docs["Content-Security-Policy"] == CSP.replace(
        "img-src 'self';", "img-src 'self' data:;"
    )
    html = docs.content.decode()
    assert "<style" not in html
    assert " style=" not in html
    assert "/static/api/swagger-page.css" in html
    schema = client.get("/api/schema/")
    assert schema["Content-Security-Policy"] == CSP
