import datetime as dt
import json
import re
import uuid

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kongres.events.enums import TeamRole
from kongres.onsite.models import CheckIn, Scan
from kongres.registration.tokens import ticket_token
from tests.factories import EditionFactory
from tests.onsite.checkin_setup import PASSWORD, checkin_user, hall, people

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return EditionFactory(slug="kkp-checkin")


@pytest.fixture
def staff_client(edition):
    user = checkin_user(edition)
    client = Client()
    client.force_login(user)
    return client


def url(name, edition, **kwargs):
    return reverse(f"onsite:{name}", args=[edition.slug], kwargs=kwargs or None)


def post_json(client, address, data):
    return client.post(address, data=json.dumps(data), content_type="application/json")


def test_checkin_page_anonymous_sent_to_checkin_login(client, edition):
    response = client.get(url("checkin", edition))

    assert response.status_code == 302
    assert response["Location"] == "/pl/kkp-checkin/checkin/login/?next=/pl/kkp-checkin/checkin/"


def test_checkin_login_then_page(client, edition):
    checkin_user(edition)
    hall(edition)

    response = client.post(
        url("checkin_login", edition),
        {"username": "bramka", "password": PASSWORD, "next": "/pl/kkp-checkin/checkin/"},
    )
    page = client.get(response["Location"])

    assert response.status_code == 302
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sala główna – wejście A" in html
    assert 'rel="manifest"' in html
    assert "<script>" not in html  # no inline scripts (a strict CSP comes later)
    assert re.findall(r"<script(?![^>]*(?:src=|application/json))", html) == []


def test_checkin_login_wrong_password_shows_error(client, edition):
    checkin_user(edition)

    response = client.post(url("checkin_login", edition), {"username": "bramka", "password": "x"})

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_checkin_page_of_another_edition_forbidden(edition):
    other = EditionFactory(slug="kkp-other")
    client = Client()
    client.force_login(checkin_user(other, username="obca"))

    assert client.get(url("checkin", edition)).status_code == 403
    assert client.get(url("checkin_list", edition)).status_code == 403
    response = post_json(client, url("checkin_sync", edition), {})
    assert response.status_code == 403
    assert "error" in response.json()


@pytest.mark.parametrize("role", [TeamRole.PARTNER_VIEWER, TeamRole.MATCHMAKING_MANAGER])
def test_checkin_page_without_the_key_forbidden(edition, role):
    client = Client()
    client.force_login(checkin_user(edition, username="inny", role=role))

    assert client.get(url("checkin", edition)).status_code == 403


def test_checkin_scan_endpoint_answers_green_then_amber(staff_client, edition):
    point = hall(edition)
    (person,) = people(edition, 1)
    now = dt.datetime.now(dt.UTC).isoformat()
    scan = {"point": point.pk, "code": ticket_token(person), "at": now}

    first = post_json(
        staff_client,
        url("checkin_scan", edition),
        {"device": str(uuid.uuid4()), "now": now, "scans": [{**scan, "id": "1"}]},
    )
    second = post_json(
        staff_client,
        url("checkin_scan", edition),
        {"device": str(uuid.uuid4()), "now": now, "scans": [{**scan, "id": "1"}]},
    )

    assert first.status_code == 200
    assert first.json()["results"][0]["colour"] == "green"
    assert second.json()["results"][0]["colour"] == "amber"
    assert CheckIn.objects.count() == 1
    assert Scan.objects.filter(offline=False).count() == 2


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"device": 1}'])
def test_checkin_sync_malformed_answers_400(staff_client, edition, body):
    response = staff_client.post(
        url("checkin_sync", edition), data=body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]
    assert Scan.objects.count() == 0


def test_checkin_sync_needs_csrf(edition):
    client = Client(enforce_csrf_checks=True)
    client.force_login(checkin_user(edition))

    response = post_json(client, url("checkin_sync", edition), {"scans": []})

    assert response.status_code == 403


def test_checkin_list_downloaded_signed(staff_client, edition):
    hall(edition)
    people(edition, 2)

    response = staff_client.get(url("checkin_list", edition))

    body = response.json()
    assert "no-store" in response["Cache-Control"]
    assert len(body["people"]) == 2
    assert body["signature"]
    assert body["csrf"]


def test_checkin_manifest_and_service_worker(client, edition):
    manifest = client.get(url("checkin_manifest", edition))
    worker = client.get(url("checkin_sw", edition))

    data = json.loads(manifest.content)
    assert manifest["Content-Type"] == "application/manifest+json"
    assert data["scope"] == data["start_url"] == "/pl/kkp-checkin/checkin/"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
    assert worker["Content-Type"].startswith("text/javascript")
    assert worker.request["PATH_INFO"].startswith(data["scope"])  # its scope covers the page
    assert "/static/kongres/onsite/checkin.js" in worker.content.decode()
    icon = client.get("/static/kongres/onsite/icon-512.png")
    icon.close()
    assert icon.status_code == 200


def _admin_urls() -> list[str]:
    """Every URL of the admin site: each pattern with sample values for its arguments."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            text = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, text)
            elif isinstance(pattern, URLPattern):
                found.append(text)

    admin_resolver = next(p for p in get_resolver().url_patterns if str(p.pattern) == "admin/")
    walk(admin_resolver.url_patterns, "/admin/")
    urls = []
    for text in found:
        text = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: "1", text)
        text = re.sub(r"\(\?P<\w+>([^)|]+)[^)]*\)", lambda m: m.group(1), text)
        text = text.replace("\\", "")
        urls.append(text)
    return sorted(set(urls))


def test_admin_every_url_forbidden_for_checkin_staff(staff_client, edition):
    urls = _admin_urls()
    # Every registered model's list, add and change pages are among them.
    for model in admin.site._registry:
        meta = model._meta
        assert f"/admin/{meta.app_label}/{meta.model_name}/" in urls
        assert f"/admin/{meta.app_label}/{meta.model_name}/add/" in urls
        assert f"/admin/{meta.app_label}/{meta.model_name}/1/change/" in urls
    assert len(urls) > 3 * len(admin.site._registry)

    answers = {address: staff_client.get(address).status_code for address in urls}
    posts = {address: staff_client.post(address, {}).status_code for address in urls}

    assert {a: s for a, s in answers.items() if s != 403} == {}
    assert {a: s for a, s in posts.items() if s != 403} == {}


def test_admin_still_redirects_anonymous_to_login(client):
    assert client.get("/admin/").status_code == 302


def test_admin_open_to_staff(client):
    user = get_user_model().objects.create_superuser("szef", password=PASSWORD)
    client.force_login(user)

    assert client.get("/admin/").status_code == 200


def test_admin_checkin_points_listed_and_added_by_staff(client, edition):
    hall(edition)
    client.force_login(get_user_model().objects.create_superuser("szef", password=PASSWORD))

    listed = client.get("/admin/onsite/checkinpoint/")
    scans = client.get("/admin/onsite/scan/")
    added = client.get("/admin/onsite/checkinpoint/add/")

    assert (listed.status_code, scans.status_code, added.status_code) == (200, 200, 200)
    assert "Sala główna – wejście A" in listed.content.decode()
