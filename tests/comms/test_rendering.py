"""Building e-mails of every kind: subject, body, footer, attachments, user text as typed."""

import re

import pytest
from django.utils import timezone

from kongres.common.i18n import i18n
from kongres.comms import registry
from kongres.comms.models import Message
from kongres.comms.rendering import message_build
from kongres.onsite.documents.services import CERTIFICATE_MESSAGE_KIND
from kongres.onsite.models import Certificate
from kongres.registration import tokens
from kongres.registration.enums import CancelReason, RegistrationMessage
from kongres.visits.enums import SeatMessage, SignupState
from tests.comms.factories import SignupFactory, StudyVisitFactory
from tests.factories import EditionFactory, SessionFactory
from tests.registration.factories import RegistrationFactory

pytestmark = pytest.mark.integration

MARKUP = "<b>Panel</b> & <script>alert(1)</script>"


def _personal_link_in(body: str):
    """The registration the personal links in a body open (links carry a timestamp).

    A body may hold several (the personal page, the matchmaking pages); all must open the
    same registration.
    """
    urls = [url for url in re.findall(r"https?://\S+", body) if "/me/" in url]
    tokens_in_body = {url.split("/me/", 1)[1].split("/", 1)[0] for url in urls}
    [registration] = {tokens.registration_from_personal_token(t) for t in tokens_in_body}
    return registration


def _message(registration, kind, **context) -> Message:
    if kind == CERTIFICATE_MESSAGE_KIND:  # the one kind about an object of its own
        certificate = Certificate.objects.create(
            edition=registration.edition,
            registration=registration,
            code="TEST123456",
            full_name=registration.full_name,
            days=[registration.edition.start_date.isoformat()],
            issued_at=timezone.now(),
        )
        context["certificate"] = certificate.pk
    if kind == "bulk":  # the organiser's bulk e-mail (kongres.backoffice)
        from kongres.backoffice.models import BulkMail

        bulk = BulkMail.objects.create(
            edition=registration.edition,
            subject_pl="Ważne: {edition}",
            body_pl="Dzień dobry {name}",
            subject_en="Important: {edition}",
            body_en="Dear {name}",
        )
        context["bulk"] = bulk.pk
    return Message.objects.create(
        edition=registration.edition,
        registration=registration,
        kind=kind,
        dedupe_key=f"test:{kind}:{registration.pk}",
        to_email=registration.email,
        language=registration.language,
        context=context,
    )


@pytest.fixture
def offered(db):
    edition = EditionFactory(slug="kongres-test")
    registration = RegistrationFactory(edition=edition, language="en", verified=True)
    session = SessionFactory(edition=edition, title=i18n(MARKUP, MARKUP), capacity=5)
    signup = SignupFactory(
        registration=registration,
        session=session,
        state=SignupState.OFFERED,
        seat=1,
        offer_expires_at=session.start,
    )
    return registration, signup


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("kind", registry.kind_names())
def test_message_build_every_kind_has_subject_body_and_footer(offered, kind, language):
    registration, signup = offered
    registration.language = language
    registration.save()
    message = _message(
        registration,
        kind,
        session=signup.session_id,
        signup=signup.pk,
        reason=CancelReason.BY_PARTICIPANT,
    )

    email, subject = message_build(message)

    assert subject == email.subject
    assert subject.strip() == subject
    assert "\n" not in subject
    assert "{%" not in email.body
    assert "{{" not in email.body
    assert email.to == [registration.email]
    assert email.reply_to == ["biuro@example.org"]
    lines = email.body.strip().splitlines()
    edition_name = registration.edition.name.localize(language)
    assert lines[-3:] == ["Związek Testowy", edition_name, "biuro@example.org"]
    if kind == RegistrationMessage.EMAIL_CHANGED:
        # To the previous address after the organiser changed it: no link at all.
        assert "/me/" not in email.body
    else:
        assert _personal_link_in(email.body) == registration


def test_every_kind_of_every_sending_app_is_registered_with_its_templates():
    from django.template.loader import get_template

    from kongres.backoffice.enums import BackofficeMessage
    from kongres.matchmaking.enums import MatchmakingMessage
    from kongres.onsite.enums import OnsiteMessage
    from kongres.registration.enums import RegistrationMessage
    from kongres.visits.enums import SeatMessage

    every = [
        *RegistrationMessage,
        *SeatMessage,
        *MatchmakingMessage,
        *OnsiteMessage,
        *BackofficeMessage,
    ]
    assert registry.kind_names() == [str(kind) for kind in every]
    for kind in every:
        assert registry.kind_label(kind) == str(kind.label)
        get_template(f"comms/email/{kind}.subject.txt")
        get_template(f"comms/email/{kind}.txt")


def test_message_of_an_unregistered_kind_is_not_built(db):
    registration = RegistrationFactory()
    message = _message(registration, "no_such_kind")

    with pytest.raises(registry.MessageBuildError):
        message_build(message)
    assert str(message) == f"no_such_kind → {registration.email}"


@pytest.mark.parametrize("kind", [SeatMessage.SEAT_OFFERED, SeatMessage.SEAT_OFFER_EXPIRED])
def test_message_build_shows_markup_in_titles_as_typed(offered, kind):
    registration, signup = offered
    message = _message(registration, kind, session=signup.session_id, signup=signup.pk)

    email, subject = message_build(message)

    assert MARKUP in subject
    assert MARKUP in email.body
    assert "&lt;" not in email.body
    assert "&amp;" not in email.body


def test_message_build_confirmed_attaches_ticket_and_calendar(db):
    registration = RegistrationFactory(edition=EditionFactory(slug="kongres-x"), verified=True)
    message = _message(registration, RegistrationMessage.REGISTRATION_CONFIRMED)

    email, _subject = message_build(message)

    assert [(name, mimetype) for name, _content, mimetype in email.attachments] == [
        ("ticket-kongres-x.pdf", "application/pdf"),
        ("kongres-x.ics", "text/calendar"),
    ]


def test_message_build_promoted_to_unverified_asks_to_confirm_without_ticket(db):
    registration = RegistrationFactory(language="en")  # e-mail not confirmed yet
    message = _message(registration, RegistrationMessage.PROMOTED)

    email, _subject = message_build(message)

    assert email.attachments == []
    assert f"/en/{registration.edition.slug}/verify/" in email.body


def test_message_build_lists_study_visit_needing_id_data(db):
    visit = StudyVisitFactory(requires_id_data=True)
    registration = RegistrationFactory(edition=visit.edition, language="en", verified=True)
    SignupFactory(registration=registration, session=visit.session, seat=1)
    message = _message(registration, RegistrationMessage.REGISTRATION_CONFIRMED)

    email, _subject = message_build(message)

    assert "identity document" in email.body
    assert f"- {visit.session.title.localize('en')}" in email.body
    assert "Car park at the main entrance" in email.body
