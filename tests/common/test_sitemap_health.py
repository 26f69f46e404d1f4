"""The sitemap for search engines and the health endpoints for the operator."""

import re
import xml.etree.ElementTree as ET

import pytest

from kongres.events.enums import EditionStatus
from kongres.program.models import Session, Speaker
from tests.factories import EditionFactory, SessionFactory

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
HOST = "http://testserver"


def sitemap_entries(response) -> dict[str, dict[str, str]]:
    """``{loc: {hreflang: href}}`` of every URL in the sitemap."""
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


# --- Sitemap --------------------------------------------------------------------------------


@pytest.mark.integration
def test_sitemap_is_xml(client, demo_data):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"


@pytest.mark.integration
@pytest.mark.parametrize("lang", ["pl", "en"])
def test_sitemap_lists_home_page_of_demo_in_both_languages(client, demo_data, lang):
    entries = sitemap_entries(client.get("/sitemap.xml"))

    assert entries[f"{HOST}/{lang}/kkp-2025/"] == {
        "pl": f"{HOST}/pl/kkp-2025/",
        "en": f"{HOST}/en/kkp-2025/",
        "x-default": f"{HOST}/kkp-2025/",
    }


@pytest.mark.integration
def test_sitemap_lists_every_public_page_of_demo(client, demo_data):
    entries = sitemap_entries(client.get("/sitemap.xml"))

    pages = ["", "program/", "speakers/", "partners/", "venue/", "visits/", "privacy/"]
    expected = {f"{HOST}/{lang}/kkp-2025/{page}" for lang in ("pl", "en") for page in pages}
    assert expected <= set(entries)


@pytest.mark.integration
def test_sitemap_lists_every_session_of_demo_with_alternates(client, demo_data):
    slugs = Session.objects.filter(edition=demo_data).values_list("slug", flat=True)

    entries = sitemap_entries(client.get("/sitemap.xml"))

    sessions = {loc for loc in entries if re.search(r"/kkp-2025/program/[^/]+/$", loc)}
    assert sessions == {
        f"{HOST}/{lang}/kkp-2025/program/{slug}/" for lang in ("pl", "en") for slug in slugs
    }
    some = f"{HOST}/en/kkp-2025/program/{slugs[0]}/"
    assert entries[some] == {
        "pl": f"{HOST}/pl/kkp-2025/program/{slugs[0]}/",
        "en": f"{HOST}/en/kkp-2025/program/{slugs[0]}/",
    }


@pytest.mark.integration
def test_sitemap_lists_every_speaker_of_demo(client, demo_data):
    slugs = Speaker.objects.filter(edition=demo_data).values_list("slug", flat=True)

    entries = sitemap_entries(client.get("/sitemap.xml"))

    assert {f"{HOST}/pl/kkp-2025/speakers/{slug}/" for slug in slugs} <= set(entries)


@pytest.mark.integration
def test_sitemap_lists_archive_and_archived_editions(client, demo_data):
    entries = sitemap_entries(client.get("/sitemap.xml"))

    assert {
        f"{HOST}/pl/archive/",
        f"{HOST}/en/archive/",
        f"{HOST}/pl/kkp-2024/",
        f"{HOST}/en/kkp-2023/",
    } <= set(entries)


@pytest.mark.integration
@pytest.mark.django_db
def test_sitemap_leaves_out_draft_edition_and_its_sessions(client):
    draft = EditionFactory(slug="szkic", status=EditionStatus.DRAFT)
    SessionFactory(edition=draft, slug="tajny-panel")
    EditionFactory(slug="jawna")

    entries = sitemap_entries(client.get("/sitemap.xml"))

    assert [loc for loc in entries if "szkic" in loc or "tajny-panel" in loc] == []
    assert f"{HOST}/pl/jawna/" in entries


@pytest.mark.integration
def test_sitemap_urls_of_demo_answer(client, demo_data):
    entries = sitemap_entries(client.get("/sitemap.xml"))
    sample = [loc for loc in entries if "/en/" in loc][::7]

    statuses = {loc: client.get(loc.removeprefix(HOST)).status_code for loc in sample}

    assert set(statuses.values()) == {200}


@pytest.mark.integration
@pytest.mark.parametrize(("accept", "lang"), [("pl", "pl"), ("en", "en")])
def test_sitemap_default_alternate_leads_to_page_in_browser_language(
    client, demo_data, accept, lang
):
    entries = sitemap_entries(client.get("/sitemap.xml"))
    default = entries[f"{HOST}/pl/kkp-2025/"]["x-default"]

    response = client.get(default.removeprefix(HOST), headers={"Accept-Language": accept})

    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/kkp-2025/"


# --- Health ---------------------------------------------------------------------------------


@pytest.mark.unit
def test_healthz_answers_ok_without_database(client):
    # No django_db mark: any database access would fail this test.
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.unit
def test_healthz_is_never_cached(client):
    response = client.get("/healthz")

    assert "no-store" in response["Cache-Control"]


@pytest.mark.integration
@pytest.mark.django_db
def test_readyz_reports_database_ok(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.integration
@pytest.mark.django_db
def test_readyz_is_never_cached(client):
    response = client.get("/readyz")

    assert "no-store" in response["Cache-Control"]
