"""Organiser pages of badges, lists and certificates; the personal link; public verification."""

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from kongres.events.enums import TeamRole
from kongres.onsite.documents import services
from kongres.onsite.models import BadgeLayout, BadgePrint, Certificate
from kongres.program.models import Day
from kongres.registration import tokens
from tests.factories import DayFactory, EditionFactory, SessionFactory, at
from tests.onsite.documents_setup import (
    category,
    check_in,
    hall,
    organiser,
    person,
    user_with_role,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def edition():
    edition = EditionFactory(start_date=dt.date(2025, 10, 29), end_date=dt.date(2025, 10, 30))
    DayFactory(edition=edition, date=edition.start_date)
    return edition


def _session(edition):
    day = Day.objects.get(edition=edition, date=edition.start_date)
    return SessionFactory(edition=edition, day=day, capacity=10)


def _url(name, edition, *args, lang="pl"):
    return f"/{lang}" + reverse(name, args=[edition.slug, *args])[3:]


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages)


def organiser_urls(edition, registration, session):
    get = [
        _url("onsite:documents", edition),
        _url("onsite:badges", edition),
        _url("onsite:attendance_day", edition, edition.start_date.isoformat()),
        _url("onsite:attendance_session", edition, session.pk),
        _url("onsite:checkins_xlsx", edition),
    ]
    post = [
        _url("onsite:badges_print", edition),
        _url("onsite:certificates_issue", edition),
    ]
    return get, post


def test_anonymous_is_sent_to_login_on_every_organiser_page(client, edition):
    session = _session(edition)
    get, post = organiser_urls(edition, None, session)

    for url in get + post:
        response = client.post(url) if url in post else client.get(url)
        assert response.status_code == 302, url
        assert "/checkin/login/" in response["Location"], url


@pytest.mark.parametrize("role", [TeamRole.CHECKIN, TeamRole.PARTNER_VIEWER])
def test_roles_without_the_key_get_403(client, edition, role):
    session = _session(edition)
    client.force_login(user_with_role(edition, role))
    get, post = organiser_urls(edition, None, session)
    allowed_reports = role == TeamRole.PARTNER_VIEWER  # holds event.reports:read

    for url in get:
        expected = 200 if allowed_reports and "/attendance/" in url else 403
        assert client.get(url).status_code == expected, url
    for url in post:
        assert client.post(url).status_code == 403, url


def test_organiser_of_another_edition_gets_403(client, edition):
    other = EditionFactory()
    client.force_login(organiser(other))

    assert client.get(_url("onsite:documents", edition)).status_code == 403
    assert client.get(_url("onsite:documents", other)).status_code == 200


def test_checkin_staff_print_one_badge_on_demand_and_it_counts(client, edition):
    anna = person(edition, "Żaneta", "Łukasiewicz")
    client.force_login(user_with_role(edition, TeamRole.CHECKIN))
    url = _url("onsite:badge_print", edition, anna.pk)

    preview = client.get(url)
    printed = client.post(url)
    reprinted = client.post(url)

    assert preview.status_code == printed.status_code == reprinted.status_code == 200
    assert printed["Content-Type"] == "application/pdf"
    assert "Łukasiewicz" in _text(printed)
    assert BadgePrint.objects.get(registration=anna).count == 2


def test_badge_of_another_edition_is_404(client, edition):
    other = EditionFactory()
    stranger = person(other, "Obcy", "Człowiek")
    client.force_login(organiser(edition))

    assert client.post(_url("onsite:badge_print", edition, stranger.pk)).status_code == 404
    assert not BadgePrint.objects.exists()


def test_bulk_badges_for_not_printed_marks_them_and_skips_the_printed(client, edition):
    vip = category(edition, slug="vip", pl="VIP", en="VIP")
    first, second = person(edition, "Anna", "Nowak"), person(edition, "Jan", "Łoś")
    guest = person(edition, "Ewa", "Gość", in_category=vip)
    services.badges_mark_printed(edition=edition, registration_ids=[first.pk])
    client.force_login(organiser(edition))

    response = client.post(_url("onsite:badges_print", edition), {"not_printed": "on"})
    only_vip = client.post(
        _url("onsite:badges_print", edition), {"category": vip.pk, "not_printed": "on"}
    )

    text = _text(response)
    assert "Łoś" in text
    assert "Gość" in text
    assert "Nowak" not in text
    assert only_vip.status_code == 302  # nothing left to print in VIP
    assert dict(BadgePrint.objects.values_list("registration_id", "count")) == {
        first.pk: 1,
        second.pk: 1,
        guest.pk: 1,
    }


def test_bulk_badges_with_a_category_of_another_edition_changes_nothing(client, edition):
    foreign = category(EditionFactory(), slug="obca")
    person(edition, "Anna", "Nowak")
    client.force_login(organiser(edition))

    response = client.post(_url("onsite:badges_print", edition), {"category": foreign.pk})

    assert response.status_code == 302
    assert not BadgePrint.objects.exists()


def test_layout_form_saves_and_rejects_a_bad_colour(client, edition):
    category(edition)
    client.force_login(organiser(edition))
    url = _url("onsite:documents", edition)

    bad = client.post(url, {"stock": "card", "default_colour": "red", "colour_uczestnik": ""})
    good = client.post(
        url,
        {"stock": "card", "two_per_sheet": "on", "default_colour": "#112233",
         "colour_uczestnik": "#a4161a"},
    )  # fmt: skip

    assert bad.status_code == 200
    assert "#rrggbb" in bad.content.decode()
    assert good.status_code == 302
    layout = BadgeLayout.objects.get(edition=edition)
    assert (layout.stock, layout.two_per_sheet, layout.colours) == (
        "card",
        True,
        {"uczestnik": "#a4161a"},
    )


def test_badges_list_query_count_does_not_grow(client, edition):
    client.force_login(organiser(edition))
    url = _url("onsite:badges", edition)
    person(edition, "Anna", "Nowak")
    client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    for number in range(2):
        someone = person(edition, "Jan", f"Kowalski {number}")
        services.badges_mark_printed(edition=edition, registration_ids=[someone.pk])
    with CaptureQueriesContext(connection) as three:
        more = client.get(url)

    assert response.status_code == more.status_code == 200
    assert more.content.decode().count("Kowalski") >= 2
    assert len(one) == len(three)


def test_documents_overview_query_count_does_not_grow(client, edition):
    client.force_login(organiser(edition))
    url = _url("onsite:documents", edition)
    _session(edition)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _number in range(2):
        _session(edition)
        category(edition, slug=f"k{_number}")
    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert len(one) == len(three)


def test_attendance_day_outside_the_program_is_404(client, edition):
    client.force_login(organiser(edition))

    assert client.get(_url("onsite:attendance_day", edition, "2025-11-01")).status_code == 404
    assert client.get(_url("onsite:attendance_day", edition, "nonsense")).status_code == 404


def test_attendance_session_of_another_edition_is_404(client, edition):
    foreign = SessionFactory(edition=EditionFactory(), capacity=5)
    client.force_login(organiser(edition))

    assert client.get(_url("onsite:attendance_session", edition, foreign.pk)).status_code == 404


def test_xlsx_download(client, edition):
    anna = person(edition, "Anna", "Nowak")
    check_in(anna, hall(edition), at(edition.start_date, 9))
    client.force_login(organiser(edition))

    response = client.get(_url("onsite:checkins_xlsx", edition))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


def _certified(edition, **kwargs):
    someone = person(edition, "Żaneta", "Łukasiewicz", **kwargs)
    check_in(someone, hall(edition), at(edition.start_date, 9))
    services.certificates_issue(edition=edition)
    return someone, Certificate.objects.get(registration=someone)


def test_personal_page_links_the_certificate_only_when_issued(client, edition):
    anna = person(edition, "Anna", "Nowak")
    token = tokens.personal_link_token(anna)
    page = _url("registration:personal", edition, token)
    download = _url("onsite:certificate_personal", edition, token)

    before = client.get(page).content.decode()
    missing = client.get(download)
    check_in(anna, hall(edition), at(edition.start_date, 9))
    services.certificates_issue(edition=edition)
    after = client.get(page).content.decode()
    pdf = client.get(download)

    assert download not in before
    assert missing.status_code == 404
    assert download in after
    assert pdf.status_code == 200
    assert "Anna Nowak" in _text(pdf)


def test_personal_certificate_with_a_bad_token_or_another_edition_is_404(client, edition):
    someone, _certificate = _certified(edition)
    token = tokens.personal_link_token(someone)
    other = EditionFactory()

    assert client.get(_url("onsite:certificate_personal", edition, "x" + token)).status_code == 404
    assert client.get(_url("onsite:certificate_personal", other, token)).status_code == 404


def test_verify_shows_name_event_and_dates_only(client, edition):
    someone, certificate = _certified(edition)

    response = client.get(_url("onsite:certificate_verify", edition, certificate.code))

    html = response.content.decode()
    assert response.status_code == 200
    assert "To zaświadczenie jest prawdziwe." in html
    assert "Żaneta Łukasiewicz" in html
    assert str(edition.name) in html
    assert someone.email not in html
    assert someone.organisation not in html


def test_verify_accepts_typed_variants_and_redirects_to_the_canonical_code(client, edition):
    _someone, certificate = _certified(edition)
    typed = f"{certificate.code[:5].lower()}-{certificate.code[5:]}"

    response = client.get(_url("onsite:certificate_find", edition), {"code": typed})

    assert response.status_code == 302
    assert response["Location"].endswith(f"/certificate/{certificate.code}/")


def test_verify_unknown_code_and_code_of_another_edition_are_404(client, edition):
    _someone, certificate = _certified(edition)
    other = EditionFactory()

    unknown = client.get(_url("onsite:certificate_verify", edition, "ABCDE12345"))
    elsewhere = client.get(_url("onsite:certificate_verify", other, certificate.code))

    assert unknown.status_code == 404
    assert "Żadne zaświadczenie" in unknown.content.decode()
    assert elsewhere.status_code == 404
    assert "Łukasiewicz" not in elsewhere.content.decode()


def test_verify_is_rate_limited_per_address(client, edition, settings):
    _someone, certificate = _certified(edition)
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "certificate_ip": "3/3600"}
    url = _url("onsite:certificate_verify", edition, certificate.code)

    answers = [client.get(url).status_code for _attempt in range(4)]

    assert answers == [200, 200, 200, 429]


def test_certificates_issue_button(client, edition):
    anna = person(edition, "Anna", "Nowak")
    check_in(anna, hall(edition), at(edition.start_date, 9))
    client.force_login(organiser(edition))

    response = client.post(_url("onsite:certificates_issue", edition), follow=True)

    assert "Wystawiono zaświadczeń: 1." in response.content.decode()
    assert Certificate.objects.filter(registration=anna).exists()
