"""CSV and XLSX exports: formula injection neutralised, Polish letters and HTML kept as text."""

import csv
import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from django.utils import translation

from kongres.registration.enums import RegistrationState
from kongres.registration.exports import (
    dietary_rows,
    export_filename,
    registrations_rows,
    safe_cell,
    to_csv,
    to_xlsx,
)
from kongres.registration.models import Registration
from tests.registration.admin_factories import ConsentRecordFactory, RegistrationRowFactory
from tests.registration.factories import CategoryFactory, QuestionFactory

DANGEROUS = [
    '=HYPERLINK("http://example.org";"klik")',
    "+48 600 000 000",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture(autouse=True)
def _english():
    """Headers are translated; the English message ids do not depend on the catalogue."""
    with translation.override("en"):
        yield


def _read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _read_xlsx(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


@pytest.mark.unit
@pytest.mark.parametrize("value", DANGEROUS)
def test_safe_cell_formula_prefix_gets_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.unit
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Klaster Ślężański", "Klaster Ślężański"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("a=b", "a=b"),
        (None, ""),
        (-3, -3),
        (12, 12),
    ],
)
def test_safe_cell_harmless_value_unchanged(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.unit
def test_to_csv_dangerous_values_neutralised():
    content = to_csv([DANGEROUS], [f"kolumna {n}" for n in range(len(DANGEROUS))])

    rows = _read_csv(content)

    assert rows[1] == ["'" + value for value in DANGEROUS]


@pytest.mark.unit
def test_to_csv_polish_letters_and_html_survive():
    content = to_csv([["Zażółć gęślą jaźń", "<b>Klaster</b> & Co"]], ["Imię", "Organizacja"])

    rows = _read_csv(content)

    assert rows == [["Imię", "Organizacja"], ["Zażółć gęślą jaźń", "<b>Klaster</b> & Co"]]


@pytest.mark.unit
def test_to_xlsx_dangerous_values_are_text_not_formulas():
    content = to_xlsx([DANGEROUS], [f"kolumna {n}" for n in range(len(DANGEROUS))])

    sheet = _read_xlsx(content)

    cells = list(sheet[2])
    assert [cell.data_type for cell in cells] == ["s"] * len(DANGEROUS)
    # XML reads a carriage return back as a line feed; the text is otherwise the raw input.
    assert [cell.value for cell in cells] == [value.replace("\r", "\n") for value in DANGEROUS]
    assert all(cell.quotePrefix for cell in cells)


@pytest.mark.unit
def test_to_xlsx_file_has_no_formula_element():
    content = to_xlsx([["=1+1", "@A1"]], ["a", "b"])

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    assert "=1+1" in sheet_xml


@pytest.mark.unit
def test_to_xlsx_polish_letters_html_and_numbers_survive():
    content = to_xlsx([["Łódź – Źródło", "<script>alert(1)</script>", 7]], ["Miasto", "Uwagi", "N"])

    sheet = _read_xlsx(content)

    assert [cell.value for cell in sheet[2]] == ["Łódź – Źródło", "<script>alert(1)</script>", 7]
    assert sheet["A1"].value == "Miasto"


@pytest.mark.unit
def test_to_xlsx_control_characters_dropped():
    content = to_xlsx([["Klaster\x01\x0b Testowy"]], ["Organizacja"])

    assert _read_xlsx(content)["A2"].value == "Klaster Testowy"


@pytest.mark.unit
def test_export_filename_carries_edition_and_date():
    name = export_filename("registrations", "kkp-2025", "xlsx", today=dt.date(2025, 10, 20))

    assert name == "registrations-kkp-2025-2025-10-20.xlsx"


@pytest.mark.integration
def test_registrations_rows_neutralise_participant_input(db):
    registration = RegistrationRowFactory(
        first_name="=cmd|' /C calc'!A0",
        last_name="Wiśniewska",
        organisation="<img src=x onerror=alert(1)>",
    )

    header, rows = registrations_rows(Registration.objects.all())
    csv_rows = _read_csv(to_csv(rows, header))

    row = dict(zip(csv_rows[0], csv_rows[1], strict=True))
    assert row["First name"] == "'=cmd|' /C calc'!A0"
    assert row["Last name"] == "Wiśniewska"
    assert row["Organisation"] == "<img src=x onerror=alert(1)>"
    assert row["E-mail"] == registration.email


@pytest.mark.integration
def test_registrations_rows_answers_and_consents_in_columns(db):
    category = CategoryFactory()
    question = QuestionFactory(
        edition=category.edition,
        label={"pl": "Skąd wiesz o Kongresie?", "en": "How did you hear?"},
        kind="choice",
        options=[{"value": "klaster", "label": {"pl": "Od mojego klastra", "en": "Cluster"}}],
    )
    registration = RegistrationRowFactory(
        edition=category.edition, category=category, answers={str(question.pk): "klaster"}
    )
    consent = ConsentRecordFactory(registration=registration)

    header, rows = registrations_rows(Registration.objects.all())

    row = dict(zip(header, rows[0], strict=True))
    assert row["How did you hear?"] == "Cluster"
    assert row["Consent: Processing of personal data"] == f"v{consent.consent.version}"


@pytest.mark.integration
def test_registrations_rows_query_count_constant(db, django_assert_num_queries):
    category = CategoryFactory()
    RegistrationRowFactory(edition=category.edition, category=category)
    with django_assert_num_queries(3):
        registrations_rows(Registration.objects.all())
    RegistrationRowFactory.create_batch(3, edition=category.edition, category=category)

    with django_assert_num_queries(3):
        registrations_rows(Registration.objects.all())


@pytest.mark.integration
def test_dietary_rows_list_holders_with_needs_and_count_diets(db):
    category = CategoryFactory()
    edition = category.edition
    RegistrationRowFactory(
        edition=edition, category=category, last_name="Adamska", dietary_needs="Wegańska"
    )
    RegistrationRowFactory(
        edition=edition, category=category, last_name="Bąk", dietary_needs="wegańska "
    )
    RegistrationRowFactory(
        edition=edition, category=category, last_name="Cichy", accessibility_needs="wózek"
    )
    RegistrationRowFactory(edition=edition, category=category, last_name="Dudek")
    RegistrationRowFactory(
        edition=edition,
        category=category,
        last_name="Ex",
        dietary_needs="bezglutenowa",
        state=RegistrationState.CANCELLED,
        confirmed_at=None,
    )

    _header, rows = dietary_rows(edition)

    people = [row[1] for row in rows if row and row[0] != ""]
    assert people == ["Adamska", "Bąk", "Cichy"]
    summary = {row[1]: row[2] for row in rows if row and row[0] == ""}
    assert summary == {
        "People holding a place": 4,
        "With dietary needs": 2,
        "With accessibility needs": 1,
        "Wegańska": 2,
    }
