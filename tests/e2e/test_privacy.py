"""A participant downloads everything held about them from the personal page (GDPR)."""

import json
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from kongres.registration import tokens


def test_participant_downloads_their_data_as_pdf_and_json(demo_site, page):
    edition = demo_site.edition
    someone = edition.registrations.filter(state="confirmed").order_by("id").first()
    another = edition.registrations.exclude(pk=someone.pk).order_by("id").first()
    page.goto(demo_site.page_url(f"/pl/{edition.slug}/me/{tokens.personal_link_token(someone)}/"))
    section = page.get_by_role("region", name="Twoje dane")
    expect(section).to_be_visible()

    with page.expect_download() as download:
        section.get_by_role("link", name="Pobierz moje dane (PDF)").click()
    reader = PdfReader(download.value.path())
    text = " ".join(p.extract_text() for p in reader.pages)
    assert someone.last_name in text
    assert someone.email in text
    assert "Zgody" in text
    assert another.email not in text

    with page.expect_download() as download:
        section.get_by_role("link", name="Pobierz moje dane (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["registration"]["email"] == someone.email
    assert {"consents", "sessions_and_visits", "emails", "matchmaking", "onsite"} <= set(data)
    assert another.email not in json.dumps(data)
