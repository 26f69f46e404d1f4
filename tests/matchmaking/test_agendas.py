"""Agendas: the person's PDF and .ics, and the table hosts' PDF, with Polish letters intact."""

from io import BytesIO

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from kongres.matchmaking import services
from kongres.matchmaking.agendas import person_agenda_ics, person_agenda_pdf, table_agendas_pdf
from kongres.matchmaking.enums import ListingKind
from kongres.matchmaking.models import Slot
from tests.matchmaking.factories import (
    DAY,
    ConsultationHostFactory,
    ConsultationSlotFactory,
    ListingFactory,
    MeetingRequestFactory,
    ProfileFactory,
    local,
    matchmaking_edition,
)
from tests.registration.factories import RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


@pytest.fixture
def placed():
    """Łukasz meets Zofia in the second slot; Łukasz also booked a consultation."""
    edition = matchmaking_edition(slots=4, tables=3).edition
    lukasz = ProfileFactory(
        edition=edition,
        organisation="Żółć i Syn Sp. z o.o.",
        registration=RegistrationFactory(
            edition=edition, first_name="Łukasz", last_name="Żółć", language="pl", verified=True
        ),
    )
    zofia = ProfileFactory(
        edition=edition,
        organisation="Gęślarnia Świętokrzyska",
        registration=RegistrationFactory(
            edition=edition, first_name="Zofia", last_name="Źdźbło", language="pl", verified=True
        ),
    )
    ListingFactory(profile=zofia, kind=ListingKind.OFFER, title="Spawanie dla przemysłu obronnego")
    ListingFactory(profile=zofia, kind=ListingKind.REQUEST, title="Partner badawczo-rozwojowy")
    slot = Slot.objects.filter(session__edition=edition).order_by("starts_at")[1]
    meeting = services.request_accept(
        MeetingRequestFactory(edition=edition, sender=zofia, recipient=lukasz), slot=slot
    )
    host = ConsultationHostFactory(edition=edition, name="Grzegorz Ślusarczyk")
    consultation = ConsultationSlotFactory(host=host, starts_at=local(DAY, 14))
    services.consultation_book(consultation, lukasz.registration)
    return lukasz, zofia, meeting, consultation


def test_person_agenda_pdf_has_partner_table_listings_in_polish(placed):
    lukasz, _zofia, meeting, _consultation = placed

    text = _text(person_agenda_pdf(lukasz))

    assert "Łukasz Żółć" in text
    assert "Zofia Źdźbło" in text
    assert "Gęślarnia Świętokrzyska" in text
    assert "Spawanie dla przemysłu obronnego" in text
    assert "Partner badawczo-rozwojowy" in text
    assert f"stolik {meeting.table}" in text or f"table {meeting.table}" in text
    assert "10:20–10:40" in text
    assert "Grzegorz Ślusarczyk" in text
    assert text.index("10:20") < text.index("14:00")  # time order


def test_person_agenda_pdf_of_the_partner_names_me(placed):
    _lukasz, zofia, _meeting, _consultation = placed

    text = _text(person_agenda_pdf(zofia))

    assert "Łukasz Żółć" in text
    assert "Żółć i Syn Sp. z o.o." in text


def test_person_agenda_pdf_without_meetings_says_so(placed):
    lonely = ProfileFactory(edition=placed[0].edition)

    text = _text(person_agenda_pdf(lonely))

    assert lonely.registration.full_name in text
    assert "Grzegorz" not in text


def test_person_agenda_ics_parses_with_times_in_warsaw(placed):
    lukasz, _zofia, meeting, consultation = placed

    calendar = Calendar.from_ical(person_agenda_ics(lukasz))
    events = calendar.walk("VEVENT")

    assert [str(event["UID"]) for event in events] == [
        f"meeting-{meeting.pk}@{lukasz.edition.slug}.kongres",
        f"consultation-{consultation.pk}@{lukasz.edition.slug}.kongres",
    ]
    starts = [event["DTSTART"].dt for event in events]
    assert [(s.hour, s.minute, str(s.tzinfo)) for s in starts] == [
        (10, 20, "Europe/Warsaw"),
        (14, 0, "Europe/Warsaw"),
    ]
    assert "Zofia Źdźbło" in str(events[0]["SUMMARY"])
    assert "Spawanie dla przemysłu obronnego" in str(events[0]["DESCRIPTION"])
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_person_agenda_ics_is_stable_between_downloads(placed):
    lukasz = placed[0]

    assert person_agenda_ics(lukasz) == person_agenda_ics(lukasz)


def test_table_agendas_pdf_lists_both_people_at_the_table(placed):
    lukasz, _zofia, meeting, _consultation = placed

    text = _text(table_agendas_pdf(lukasz.edition))

    assert f"{meeting.table}" in text
    assert "Łukasz Żółć (Żółć i Syn Sp. z o.o.)" in text
    assert "Zofia Źdźbło (Gęślarnia Świętokrzyska)" in text
    assert meeting.slot.code in text


def test_table_agendas_pdf_of_an_edition_without_meetings(db):
    edition = matchmaking_edition().edition

    pdf = table_agendas_pdf(edition)

    assert pdf.startswith(b"%PDF")
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
