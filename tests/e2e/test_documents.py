"""Organiser prints badges and downloads lists; a participant downloads and verifies a
certificate; the badge's QR code is read by the same library as the check-in camera."""

import datetime as dt
import re
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from kongres.onsite.badges.pdf import qr_matrix
from kongres.onsite.models import BadgePrint, Certificate
from kongres.program.models import LOCAL_TZ
from kongres.registration import tokens
from kongres.registration.models import Category
from tests.onsite.documents_setup import PASSWORD, check_in, hall, organiser

pytestmark = pytest.mark.e2e


def _pdf_text(path: str) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def _sign_in(page, site, username):
    page.goto(site.page_url(f"/pl/{site.edition.slug}/onsite/documents/"))
    page.get_by_label("Nazwa użytkownika").fill(username)
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url(re.compile(r".*/onsite/documents/$"))


def test_organiser_prints_badges_of_a_category_then_reprints_one_and_downloads_lists(
    demo_site, page
):
    edition = demo_site.edition
    user = organiser(edition, username="organizatorka")
    speakers = Category.objects.get(edition=edition, slug="prelegent")
    expected = edition.registrations.filter(category=speakers, state="confirmed").count()
    assert expected > 0
    first = edition.registrations.filter(state="confirmed").order_by("id").first()
    check_in(first, hall(edition), dt.datetime.combine(edition.start_date, dt.time(9), LOCAL_TZ))

    _sign_in(page, demo_site, user.username)
    expect(
        page.get_by_role("heading", name="Identyfikatory, listy i zaświadczenia")
    ).to_be_visible()
    page.get_by_label("Kategoria").select_option(label=str(speakers.name.localize("pl")))
    page.get_by_label("Tylko jeszcze niewydrukowane").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Drukuj identyfikatory (PDF)").click()
    badges = _pdf_text(download.value.path())
    assert len(PdfReader(download.value.path()).pages) == expected
    assert "PRELEGENT" in badges
    assert BadgePrint.objects.filter(registration__category=speakers).count() == expected

    # One reprint from the list of everyone with a badge.
    page.goto(demo_site.page_url(f"/pl/{edition.slug}/onsite/badges/?category={speakers.pk}"))
    person = edition.registrations.filter(category=speakers, state="confirmed").first()
    with page.expect_download() as download:
        page.get_by_role(
            "button",
            name=f"Wydrukuj ponownie identyfikator: {person.first_name} {person.last_name}",
        ).click()
    assert person.last_name in _pdf_text(download.value.path())
    assert BadgePrint.objects.get(registration=person).count == 2

    # The attendance list of the first day and the check-ins as XLSX.
    page.goto(demo_site.page_url(f"/pl/{edition.slug}/onsite/documents/"))
    with page.expect_download() as download:
        page.get_by_role("link", name="obecni (PDF)").first.click()
    listing = _pdf_text(download.value.path())
    assert "Lista obecności" in listing
    assert first.last_name in listing
    assert re.search(r"strona 1 z \d+", listing)
    assert "wydrukowano" in listing
    with page.expect_download() as download:
        page.get_by_role("link", name="Kto i gdzie wszedł (XLSX)").click()
    workbook = load_workbook(BytesIO(Path(download.value.path()).read_bytes()))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert first.last_name in [row[0] for row in rows[1:]]
    assert rows[0][0] == "Nazwisko"


def test_participant_downloads_the_certificate_and_anyone_verifies_it(demo_site, page):
    edition = demo_site.edition
    someone = edition.registrations.filter(state="confirmed").order_by("id").first()
    check_in(someone, hall(edition), dt.datetime.combine(edition.start_date, dt.time(9), LOCAL_TZ))
    user = organiser(edition, username="wystawca")
    _sign_in(page, demo_site, user.username)
    page.get_by_role("button", name="Wystaw zaświadczenia teraz").click()
    expect(page.get_by_role("status")).to_contain_text("Wystawiono zaświadczeń:")
    certificate = Certificate.objects.get(registration=someone)

    page.goto(demo_site.page_url(f"/pl/{edition.slug}/me/{tokens.personal_link_token(someone)}/"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Pobierz zaświadczenie o uczestnictwie (PDF)").click()
    text = _pdf_text(download.value.path())
    assert f"{someone.first_name} {someone.last_name}" in text
    code = re.search(r"Kod weryfikacyjny: (\w{5}-\w{5})", text).group(1)

    page.goto(demo_site.page_url(f"/pl/{edition.slug}/certificate/"))
    page.get_by_label("Kod z zaświadczenia").fill(code.lower())
    page.get_by_role("button", name="Sprawdź").click()
    expect(page.get_by_role("status")).to_contain_text("To zaświadczenie jest prawdziwe.")
    expect(page.get_by_role("status")).to_contain_text(f"{someone.first_name} {someone.last_name}")
    assert page.url.endswith(f"/certificate/{certificate.code}/")

    page.get_by_label("Kod z zaświadczenia").fill("ZZZZZ-ZZZZZ")
    page.get_by_role("button", name="Sprawdź").click()
    expect(page.get_by_role("alert")).to_contain_text("Żadne zaświadczenie")


def test_badge_qr_code_is_read_by_the_check_in_camera_library(demo_site, page):
    someone = demo_site.edition.registrations.filter(state="confirmed").first()
    token = tokens.ticket_token(someone)
    matrix = [[int(cell) for cell in row] for row in qr_matrix(token)]
    page.goto(demo_site.page_url("/healthz"))
    # From its static URL: the Content-Security-Policy refuses an inline copy.
    page.add_script_tag(url=demo_site.page_url("/static/vendor/jsqr/jsQR.js"))

    decoded = page.evaluate(
        """(m) => {
            const scale = 5, quiet = 4, n = m.length, size = (n + 2 * quiet) * scale;
            const px = new Uint8ClampedArray(size * size * 4).fill(255);
            for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (m[r][c])
              for (let y = 0; y < scale; y++) for (let x = 0; x < scale; x++) {
                const i = (((r + quiet) * scale + y) * size + (c + quiet) * scale + x) * 4;
                px[i] = px[i + 1] = px[i + 2] = 0;
              }
            const found = jsQR(px, size, size);
            return found && found.data;
        }""",
        matrix,
    )

    assert decoded == token
    assert tokens.registration_from_ticket_token(decoded) == someone
