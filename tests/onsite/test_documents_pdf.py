"""Badges, attendance lists, certificates and the XLSX, read back with pypdf and openpyxl."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from kongres.events.enums import PartnerRole
from kongres.onsite.badges.layout import STOCKS
from kongres.onsite.badges.pdf import badges_pdf, qr_matrix
from kongres.onsite.documents import pdf, selectors, services
from kongres.onsite.models import BadgeLayout
from kongres.registration.enums import RegistrationState
from kongres.visits.enums import SignupState
from kongres.visits.models import Signup
from tests.factories import DayFactory, EditionFactory, PartnerFactory, SessionFactory, at
from tests.onsite.documents_setup import category, check_in, hall, person

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


@pytest.fixture
def edition():
    edition = EditionFactory(start_date=dt.date(2025, 10, 29), end_date=dt.date(2025, 10, 30))
    DayFactory(edition=edition, date=edition.start_date)
    DayFactory(edition=edition, date=edition.end_date)
    return edition


@pytest.mark.parametrize(("stock", "two", "pages"), [("a6", False, 3), ("card", True, 2)])
def test_badges_pdf_has_every_name_with_polish_letters(edition, stock, two, pages):
    vip = category(edition, slug="vip", pl="Gość specjalny", en="VIP")
    people = [
        person(edition, "Żaneta", "Łukasiewicz", organisation="Zielonogórski Ośrodek Badań"),
        person(edition, "Grzegorz", "Brzęczyszczykiewicz", in_category=vip),
        person(edition, "Anna", "Nowak"),
    ]
    BadgeLayout.objects.create(
        edition=edition, stock=stock, two_per_sheet=two, colours={"vip": "#a4161a"}
    )
    layout = selectors.badge_layout_get(edition=edition)

    with translation.override("pl"):
        content = badges_pdf(
            selectors.badge_specs(edition=edition, registrations=people, layout=layout),
            stock=STOCKS[stock],
            two_per_sheet=two,
        )

    texts = _pages(content)
    assert len(texts) == pages
    joined = " ".join(" ".join(t.split()) for t in texts)
    for expected in ("Żaneta", "Łukasiewicz", "Zielonogórski Ośrodek Badań", "GOŚĆ SPECJALNY"):
        assert expected in joined
    assert "Brzęczyszczykiewicz" in joined


def test_badges_pdf_two_per_sheet_pages_are_a4(edition):
    people = [person(edition, "Anna", f"Nowak {n}") for n in range(3)]
    layout = BadgeLayout(edition=edition, stock="a6", two_per_sheet=True)

    content = badges_pdf(
        selectors.badge_specs(edition=edition, registrations=people, layout=layout),
        stock=STOCKS["a6"],
        two_per_sheet=True,
    )

    reader = PdfReader(BytesIO(content))
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_qr_matrix_is_a_version_6_code_with_finder_patterns():
    matrix = qr_matrix("x" * 98)

    assert len(matrix) == 41
    finder = [row[:7] for row in matrix[:7]]
    assert finder[0] == [True] * 7
    assert finder[1] == [True, False, False, False, False, False, True]
    assert finder[3] == [True, False, True, True, True, False, True]
    assert [row[-7:] for row in matrix[:7]] == finder
    assert [row[:7] for row in matrix[-7:]] == finder


def _names(text: str) -> list[str]:
    """Surnames in the order of the rows: each row starts with its number on a line."""
    return re.findall(r"^\d+\n(\S+) Osoba\d+$", text, flags=re.MULTILINE)


def test_attendance_pdf_sorted_polish_with_page_numbers_and_totals(edition):
    door = hall(edition)
    surnames = [
        "Żak", "Zając", "Łukasiewicz", "Lis", "Śliwa", "Sowa", "Ćwik", "Cebula", "Nowak",
    ]  # fmt: skip
    for number in range(40):
        surname = surnames[number % len(surnames)]
        someone = person(edition, f"Osoba{number:02d}", surname)
        if number < 37:
            check_in(someone, door, at(edition.start_date, 9, number))
    PartnerFactory(edition=edition, role=PartnerRole.ORGANISER, name="Klastry Polskie")
    PartnerFactory(edition=edition, role=PartnerRole.STRATEGIC_PARTNER, name="Urząd Marszałkowski")

    with translation.override("pl"):
        listing = selectors.attendance_for_day(
            edition=edition, date=edition.start_date, everyone=True
        )
        content = pdf.attendance_pdf(listing, kind_label="Dzień")

    texts = _pages(content)
    pages = len(texts)
    assert pages == 2
    for number, text in enumerate(texts, start=1):
        assert f"strona {number} z {pages}" in text
        assert "Lista obecności" in text
        assert "wydrukowano" in text
        assert "Podpis" in text
        assert "Klastry Polskie" in text
        assert "Urząd Marszałkowski" in text
    assert "Razem: 40 osób" in texts[-1]
    assert "Wejście zarejestrowane przy rejestracji: 37 z 40" in texts[-1]
    order = [name for text in texts for name in _names(text)]
    assert len(order) == 40
    expected = ["Cebula", "Ćwik", "Lis", "Łukasiewicz", "Nowak", "Sowa", "Śliwa", "Zając", "Żak"]
    assert list(dict.fromkeys(order)) == expected


def test_attendance_for_session_lists_checked_in_and_optionally_the_seated(edition):
    day = DayFactory(edition=edition, date=dt.date(2025, 10, 31))
    session = SessionFactory(edition=edition, day=day, capacity=30)
    point = hall(edition).__class__.objects.create(
        edition=edition, kind="session", name="Sala 2", session=session
    )
    came, seated = person(edition, "Anna", "Nowak"), person(edition, "Jan", "Łoś")
    Signup.objects.create(
        edition=edition, session=session, registration=seated, state=SignupState.CONFIRMED, seat=1
    )
    check_in(came, point, at(day.date, 10, 5))

    only = selectors.attendance_for_session(edition=edition, session=session)
    everyone = selectors.attendance_for_session(edition=edition, session=session, everyone=True)

    assert [row.last_name for row in only.rows] == ["Nowak"]
    assert [row.last_name for row in everyone.rows] == ["Łoś", "Nowak"]
    assert (everyone.total, everyone.checked_in) == (2, 1)


def test_attendance_pdf_empty_list_has_one_page_with_zero_total(edition):
    with translation.override("pl"):
        listing = selectors.attendance_for_day(edition=edition, date=edition.start_date)
        texts = _pages(pdf.attendance_pdf(listing, kind_label="Dzień"))

    assert len(texts) == 1
    assert "Razem: 0 osób" in texts[0]
    assert "strona 1 z 1" in texts[0]


def test_checkins_xlsx_rows_in_polish_order_and_totals(edition):
    door, side = hall(edition), hall(edition, name="Wejście boczne")
    zak, lis = person(edition, "Żaneta", "Żak"), person(edition, "Ludwik", "Lis")
    check_in(zak, door, at(edition.start_date, 9))
    check_in(lis, door, at(edition.start_date, 9, 30))
    check_in(lis, side, at(edition.end_date, 8))

    with translation.override("pl"):
        content = pdf.checkins_xlsx(selectors.checkins_for_export(edition=edition), edition=edition)

    workbook = load_workbook(BytesIO(content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("Nazwisko", "Imię")
    assert [(r[0], r[4]) for r in rows[1:]] == [
        ("Lis", "Sala główna"),
        ("Lis", "Wejście boczne"),
        ("Żak", "Sala główna"),
    ]
    assert rows[1][5] == at(edition.start_date, 9, 30).replace(tzinfo=None)
    totals = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert totals[1:] == [
        ("Sala główna", 2),
        ("Wejście boczne", 1),
        ("Wszyscy (dowolne wejście)", 2),
    ]


def test_certificate_pdf_in_the_participants_language(edition):
    door = hall(edition)
    polish = person(edition, "Żaneta", "Łukasiewicz")
    english = person(edition, "John", "Smith", language="en")
    for someone in (polish, english):
        check_in(someone, door, at(edition.start_date, 9))
    services.certificates_issue(edition=edition)
    polish.refresh_from_db()
    english.refresh_from_db()

    text_pl = _pages(pdf.certificate_pdf(polish.certificate))[0]
    text_en = _pages(pdf.certificate_pdf(english.certificate))[0]

    assert "ZAŚWIADCZENIE O UCZESTNICTWIE" in text_pl
    assert "Żaneta Łukasiewicz" in text_pl
    assert "29–30 października 2025" in text_pl
    assert pdf.format_code(polish.certificate.code) in text_pl
    assert f"/pl/{edition.slug}/certificate/{polish.certificate.code}/" in text_pl
    assert "CERTIFICATE OF ATTENDANCE" in text_en
    assert "John Smith" in text_en
    assert f"/en/{edition.slug}/certificate/" in text_en


def test_cancelled_registrations_get_no_badge(edition):
    person(edition, "Ewa", "Wycofana", state=RegistrationState.CANCELLED)

    assert selectors.badge_registrations(edition=edition) == []
