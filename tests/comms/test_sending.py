"""Sending e-mail through a real SMTP server: language, links, attachments, retries, dedupe."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.comms.services import message_queue, message_send
from kongres.registration.enums import RegistrationMessage, RegistrationState
from kongres.registration.services import registration_verify
from tests.registration.factories import RegistrationFactory

pytestmark = pytest.mark.integration

SUBJECTS = {
    "pl": "Potwierdź adres e-mail – 11. Kongres Klastrów Polskich",
    "en": "Confirm your e-mail address – 11th Congress of Polish Clusters",
}


def _register(edition, *, language="pl"):
    return RegistrationFactory(
        edition=edition,
        first_name="Łukasz",
        last_name="Żółć-Gęślak",
        email="lukasz@example.org",
        language=language,
        details={"organisation": "Klaster <b>Ś</b>"},
    )


def _only(kind, registration) -> Message:
    return Message.objects.get(kind=kind, registration=registration)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_verification_mail_sent_in_language_with_working_link(
    demo_data, smtp_sink, client, language
):
    registration = _register(demo_data, language=language)
    message = _only(RegistrationMessage.VERIFY_EMAIL, registration)

    state = message_send(message.pk)

    assert state == MessageState.SENT
    [mail] = smtp_sink.messages
    assert mail["Subject"].strip() == SUBJECTS[language]
    assert mail["To"] == "lukasz@example.org"
    body = mail.get_body(preferencelist=("plain",)).get_content()
    message.refresh_from_db()
    assert (message.state, message.attempts, message.subject) == (
        MessageState.SENT,
        1,
        SUBJECTS[language],
    )
    verify_url = next(url for url in re.findall(r"https?://\S+", body) if "/verify/" in url)
    response = client.post(urlsplit(verify_url).path)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CONFIRMED


def test_verification_mail_ends_with_personal_link_and_organiser(demo_data, smtp_sink):
    registration = _register(demo_data, language="en")

    message_send(_only(RegistrationMessage.VERIFY_EMAIL, registration).pk)

    body = smtp_sink.messages[0].get_body(preferencelist=("plain",)).get_content()
    lines = body.strip().splitlines()
    assert "/me/" in body
    assert "Związek Pracodawców Klastry Polskie" in lines[-3:]


def test_confirmation_mail_carries_ticket_pdf_and_calendar(demo_data, smtp_sink):
    registration = _register(demo_data, language="en")
    registration_verify(registration=registration)
    message = _only(RegistrationMessage.REGISTRATION_CONFIRMED, registration)

    message_send(message.pk)

    [mail] = smtp_sink.messages
    attachments = {part.get_filename(): part for part in mail.iter_attachments()}
    assert sorted(attachments) == ["kkp-2025.ics", "ticket-kkp-2025.pdf"]
    pdf = attachments["ticket-kkp-2025.pdf"]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_content().startswith(b"%PDF")
    ics = attachments["kkp-2025.ics"]
    assert ics.get_content_type() == "text/calendar"
    calendar = Calendar.from_ical(ics.get_content())
    assert len(calendar.walk("VEVENT")) == 3


def test_message_sent_twice_goes_out_once(demo_data, smtp_sink):
    registration = _register(demo_data)
    message = _only(RegistrationMessage.VERIFY_EMAIL, registration)

    first = message_send(message.pk)
    second = message_send(message.pk)

    assert (first, second) == (MessageState.SENT, "skipped")
    assert len(smtp_sink.envelopes) == 1


def test_smtp_failure_leaves_message_retrying_with_a_new_task(demo_data, smtp_closed):
    registration = _register(demo_data)
    message = _only(RegistrationMessage.VERIFY_EMAIL, registration)
    tasks_before = DBTaskResult.objects.count()

    state = message_send(message.pk)

    message.refresh_from_db()
    assert (state, message.state, message.attempts) == (
        MessageState.RETRYING,
        MessageState.RETRYING,
        1,
    )
    assert message.last_error != ""
    assert DBTaskResult.objects.count() == tasks_before + 1
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert retry.args_kwargs == {"args": [message.pk], "kwargs": {}}
    assert retry.run_after > message.claimed_at


def test_smtp_failure_after_all_retries_leaves_message_failed(demo_data, smtp_closed, settings):
    registration = _register(demo_data)
    message = _only(RegistrationMessage.VERIFY_EMAIL, registration)
    attempts = len(settings.EMAIL_RETRY_DELAYS) + 1

    states = [message_send(message.pk) for _ in range(attempts)]

    message.refresh_from_db()
    assert states == [MessageState.RETRYING] * (attempts - 1) + [MessageState.FAILED]
    assert (message.state, message.attempts) == (MessageState.FAILED, attempts)
    assert message_send(message.pk) == "skipped"


def test_message_queue_with_existing_key_returns_none_and_adds_nothing(demo_data):
    registration = _register(demo_data)
    messages_before = Message.objects.count()
    tasks_before = DBTaskResult.objects.count()

    again = message_queue(
        edition=demo_data,
        kind=RegistrationMessage.VERIFY_EMAIL,
        to_email=registration.email,
        language="pl",
        registration=registration,
        dedupe_key=f"{RegistrationMessage.VERIFY_EMAIL}:{registration.pk}:1",
    )

    assert again is None
    assert Message.objects.count() == messages_before
    assert DBTaskResult.objects.count() == tasks_before


@pytest.mark.django_db(transaction=True)
def test_worker_batch_sends_queued_mail(demo_data, smtp_sink):
    registration = _register(demo_data, language="en")

    # --nice 0: the command runs in the test process, whose priority must stay as it is.
    call_command("worker", "--batch", "--housekeeping-every", "0", "--nice", "0", verbosity=0)

    [mail] = smtp_sink.messages
    assert mail["Subject"].strip() == SUBJECTS["en"]
    assert _only(RegistrationMessage.VERIFY_EMAIL, registration).state == MessageState.SENT


def test_worker_refuses_a_negative_nice_value():
    with pytest.raises(CommandError, match="cannot be negative"):
        call_command("worker", "--batch", "--nice", "-3", verbosity=0)
