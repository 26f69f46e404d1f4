"""The ticket PDF: Polish letters and markup come out exactly as typed; the QR holds a token."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from kongres.common.i18n import i18n
from kongres.registration import tokens
from kongres.registration.tickets import ticket_pdf
from kongres.visits.enums import SignupState
from tests.comms.factories import SignupFactory, StudyVisitFactory
from tests.factories import SessionFactory
from tests.registration.factories import RegistrationFactory

pytestmark = pytest.mark.integration


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_ticket_pdf_text_keeps_polish_letters_and_markup_as_typed(db):
    registration = RegistrationFactory(
        first_name="Łukasz",
        last_name="Żółć-Gęślak",
        details={"organisation": "Klaster <b>Ś</b>"},
        verified=True,
    )

    text = _text(ticket_pdf(registration))

    assert "Łukasz Żółć-Gęślak" in text
    assert "Klaster <b>Ś</b>" in text
    assert "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ" not in text  # sanity: only what was drawn
    assert registration.category.name.localize("pl") in text
    assert registration.edition.name.localize("pl") in text


def test_ticket_pdf_renders_every_polish_letter(db):
    registration = RegistrationFactory(first_name="ąćęłńóśźż", last_name="ĄĆĘŁŃÓŚŹŻ", verified=True)

    text = _text(ticket_pdf(registration))

    assert "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ" in text


def test_ticket_pdf_lists_confirmed_seats_only(db):
    visit = StudyVisitFactory()
    registration = RegistrationFactory(edition=visit.edition, language="en", verified=True)
    SignupFactory(registration=registration, session=visit.session, seat=3)
    panel = SessionFactory(
        edition=visit.edition, day=visit.session.day, title=i18n("Panel rezerwowy", "Waiting panel")
    )
    waiting = SignupFactory(registration=registration, session=panel, state=SignupState.WAITLISTED)

    text = _text(ticket_pdf(registration))

    assert visit.session.title.localize("en") in text
    assert "seat 3" in text
    assert "Car park at the main entrance" in text
    assert waiting.session.title.localize("en") not in text


def test_ticket_token_identifies_the_registration_and_is_not_its_id(db):
    registration = RegistrationFactory(verified=True)

    token = tokens.ticket_token(registration)

    assert str(registration.pk) != token
    assert len(token) > 40
    assert tokens.registration_from_ticket_token(token) == registration
