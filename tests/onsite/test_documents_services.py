"""Badges printed and reprinted; certificates issued from check-ins and mailed after the event."""

import datetime as dt

import pytest

from kongres.comms.models import Message
from kongres.comms.rendering import message_build
from kongres.onsite.documents import selectors, services
from kongres.onsite.enums import PointKind
from kongres.onsite.models import BadgePrint, Certificate, CheckInPoint
from kongres.registration.enums import RegistrationState
from tests.comms import conftest as comms_conftest
from tests.factories import DayFactory, EditionFactory, SessionFactory, at
from tests.onsite.documents_setup import check_in, hall, person

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# A real SMTP server (aiosmtpd) for the certificate mail.
smtp_sink = comms_conftest.smtp_sink


@pytest.fixture
def edition():
    return EditionFactory(start_date=dt.date(2025, 10, 29), end_date=dt.date(2025, 10, 30))


def test_badges_mark_printed_first_print_then_reprints_count(edition):
    anna, jan = person(edition, "Anna", "Nowak"), person(edition, "Jan", "Łoś")

    first = services.badges_mark_printed(edition=edition, registration_ids=[anna.pk, jan.pk])
    second = services.badges_mark_printed(edition=edition, registration_ids=[anna.pk, anna.pk])

    assert first == {anna.pk: 1, jan.pk: 1}
    assert second == {anna.pk: 2}
    record = BadgePrint.objects.get(registration=anna)
    assert record.count == 2
    assert record.reprints == 1
    assert BadgePrint.objects.get(registration=jan).count == 1


def test_badge_registrations_not_printed_and_category_filters(edition):
    anna, jan = person(edition, "Anna", "Nowak"), person(edition, "Jan", "Łoś")
    person(edition, "Ewa", "Cancelled", state=RegistrationState.CANCELLED)
    services.badges_mark_printed(edition=edition, registration_ids=[anna.pk])

    everyone = selectors.badge_registrations(edition=edition)
    waiting = selectors.badge_registrations(edition=edition, not_printed=True)

    assert [r.pk for r in everyone] == [jan.pk, anna.pk]  # Łoś before Nowak
    assert [r.pk for r in waiting] == [jan.pk]


def test_badge_counts_per_category(edition):
    anna = person(edition, "Anna", "Nowak")
    person(edition, "Jan", "Łoś")
    services.badges_mark_printed(edition=edition, registration_ids=[anna.pk])

    (count,) = selectors.badge_counts(edition=edition)

    assert (count.total, count.printed, count.not_printed) == (2, 1, 1)


def _visit(edition, day_date):
    day = DayFactory(edition=edition, date=day_date)
    session = SessionFactory(
        edition=edition, day=day, start=at(day_date, 9), end=at(day_date, 12, 30), capacity=40
    )
    return CheckInPoint.objects.create(
        edition=edition, kind=PointKind.VISIT, name="Autokar 1", session=session
    )


def test_certificates_issue_for_checked_in_only_with_days_and_minutes(edition):
    door = hall(edition)
    bus = _visit(edition, edition.end_date)
    came, both, absent = (
        person(edition, "Anna", "Nowak"),
        person(edition, "Żaneta", "Łukasiewicz"),
        person(edition, "Jan", "Kowalski"),
    )
    gone = person(edition, "Ewa", "Wycofana")
    check_in(came, door, at(edition.start_date, 9))
    check_in(both, door, at(edition.start_date, 9, 5))
    check_in(both, door.__class__.objects.create(edition=edition, kind="hall", name="B"),
             at(edition.end_date, 8))  # fmt: skip
    check_in(both, bus, at(edition.end_date, 8, 50))
    check_in(gone, door, at(edition.start_date, 10))
    gone.state = RegistrationState.CANCELLED
    gone.save()

    issued = services.certificates_issue(edition=edition)
    again = services.certificates_issue(edition=edition)

    assert sorted(c.registration_id for c in issued) == sorted([came.pk, both.pk])
    assert again == []
    assert not Certificate.objects.filter(registration=absent).exists()
    certificate = Certificate.objects.get(registration=both)
    assert certificate.full_name == "Żaneta Łukasiewicz"
    assert certificate.days == ["2025-10-29", "2025-10-30"]
    assert certificate.minutes == 210
    assert Certificate.objects.get(registration=came).minutes is None
    assert len(certificate.code) == 10
    assert selectors.normalise_code(certificate.code) == certificate.code


def test_normalise_code_accepts_dashes_spaces_and_confused_letters():
    assert selectors.normalise_code(" abcde-fgh0o ") == "ABCDEFGH00"
    assert selectors.normalise_code("ab1l-i") == "AB111"
    assert selectors.normalise_code("ABC$%") == ""
    assert selectors.normalise_code("A" * 13) == ""


def test_certificates_send_waits_for_the_morning_after_then_mails_once(edition, mailoutbox):
    door = hall(edition)
    anna = person(edition, "Anna", "Nowak")
    check_in(anna, door, at(edition.start_date, 9))

    during = services.certificates_send(now=at(edition.end_date, 18))
    early = services.certificates_send(now=at(edition.end_date + dt.timedelta(days=1), 8, 59))
    sent = services.certificates_send(now=at(edition.end_date + dt.timedelta(days=1), 9))
    repeated = services.certificates_send(now=at(edition.end_date + dt.timedelta(days=2), 9))
    too_late = EditionFactory(start_date=dt.date(2025, 6, 1), end_date=dt.date(2025, 6, 2))
    old = person(too_late, "Stary", "Uczestnik")
    check_in(old, hall(too_late), at(too_late.start_date, 9))
    late = services.certificates_send(now=at(edition.end_date + dt.timedelta(days=3), 9))

    assert (during, early, sent, repeated, late) == (0, 0, 1, 0, 0)
    message = Message.objects.get(registration=anna)
    assert message.kind == services.CERTIFICATE_MESSAGE_KIND
    assert message.dedupe_key == f"certificate:{anna.certificate.pk}"
    assert not Certificate.objects.filter(edition=too_late).exists()


def test_certificate_mail_renders_with_code_and_personal_link(edition):
    door = hall(edition)
    anna = person(edition, "Anna", "Nowak")
    check_in(anna, door, at(edition.start_date, 9))
    services.certificates_send(now=at(edition.end_date + dt.timedelta(days=1), 10))
    message = Message.objects.get(registration=anna)

    email, subject = message_build(message)

    assert subject.startswith("Twoje zaświadczenie o uczestnictwie")
    assert anna.certificate.code in email.body
    assert "/me/" in email.body


def test_certificate_mail_goes_out_through_smtp_once(edition, smtp_sink):
    from kongres.comms.enums import MessageState
    from kongres.comms.services import message_send

    anna = person(edition, "Żaneta", "Łukasiewicz")
    check_in(anna, hall(edition), at(edition.start_date, 9))
    morning = at(edition.end_date + dt.timedelta(days=1), 9)
    services.certificates_send(now=morning)
    services.certificates_send(now=morning + dt.timedelta(minutes=1))
    (message,) = Message.objects.filter(registration=anna)

    outcome = message_send(message.pk)

    assert outcome == MessageState.SENT
    (mail,) = smtp_sink.messages
    assert mail["To"] == anna.email
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert anna.certificate.code in body
    assert "Twoje zaświadczenie o uczestnictwie" in mail["Subject"]
