"""Mail that is not sent is "suppressed", never "sent"; any finished message can be resent."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kongres.common.models import ActivityLog
from kongres.comms.enums import MessageState
from kongres.comms.models import Message
from kongres.comms.services import (
    MessageResendError,
    message_queue,
    message_resend,
    message_send,
)
from kongres.events.enums import TeamRole
from kongres.events.models import TeamMember
from kongres.registration.enums import RegistrationMessage
from tests.factories import EditionFactory
from tests.registration.admin_factories import MessageFactory, RegistrationRowFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def _queued(registration, email=None) -> Message:
    return message_queue(
        edition=registration.edition,
        kind=RegistrationMessage.LINK,
        to_email=email or registration.email,
        language="pl",
        registration=registration,
        dedupe_key=f"test:{registration.pk}:{email}",
    )


# --- Suppressed -----------------------------------------------------------------------------


def test_mail_to_a_suppressed_domain_is_never_handed_to_smtp(smtp_sink, settings):
    settings.EMAIL_SUPPRESS_DOMAINS = ["example.org"]
    registration = RegistrationRowFactory(email="zofia@dzial.example.org")
    suppressed = _queued(registration)
    delivered = _queued(registration, email="zofia@klaster.pl")

    assert message_send(suppressed.pk) == MessageState.SUPPRESSED
    assert message_send(delivered.pk) == MessageState.SENT

    suppressed.refresh_from_db()
    assert suppressed.state == MessageState.SUPPRESSED
    assert suppressed.sent_at is None
    assert "example.org" in suppressed.last_error
    assert [m["To"] for m in smtp_sink.messages] == ["zofia@klaster.pl"]
    # Finished: another run of its task does nothing.
    assert message_send(suppressed.pk) == "skipped"


def test_no_domain_is_suppressed_by_default(smtp_sink, settings):
    assert settings.EMAIL_SUPPRESS_DOMAINS == []
    message = _queued(RegistrationRowFactory(email="ola@example.org"))

    assert message_send(message.pk) == MessageState.SENT
    assert len(smtp_sink.messages) == 1


def test_delivery_log_filters_suppressed(admin_client):
    MessageFactory(state=MessageState.SUPPRESSED, to_email="nie@example.org")
    MessageFactory(state=MessageState.SENT, to_email="tak@example.org")

    response = admin_client.get(
        reverse("admin:comms_message_changelist"), {"state__exact": "suppressed"}
    )

    assert response.status_code == 200
    assert [m.to_email for m in response.context["cl"].result_list] == ["nie@example.org"]


# --- Resend -------------------------------------------------------------------------------------


@pytest.fixture
def superuser():
    return User.objects.create_superuser("szef", "szef@example.org", "x")


@pytest.mark.parametrize("state", [MessageState.SENT, MessageState.FAILED, MessageState.SUPPRESSED])
def test_resend_queues_a_fresh_copy_and_logs_it(superuser, smtp_sink, state):
    registration = RegistrationRowFactory()
    original = MessageFactory(
        edition=registration.edition,
        registration=registration,
        kind=RegistrationMessage.LINK,
        to_email=registration.email,
        state=state,
        subject="stary temat",
        context={"reason": "x"},
    )

    copy = message_resend(message=original, actor=superuser)

    assert copy.pk != original.pk
    assert (copy.kind, copy.to_email, copy.language, copy.registration, copy.context) == (
        original.kind,
        original.to_email,
        original.language,
        registration,
        original.context,
    )
    assert (copy.state, copy.subject, copy.dedupe_key) == (
        MessageState.QUEUED,
        "",
        f"resend:{original.pk}",
    )
    assert DBTaskResult.objects.filter(args_kwargs__args=[copy.pk]).count() == 1
    original.refresh_from_db()
    assert original.state == state  # history is not rewritten
    entry = ActivityLog.objects.get(action="comms.message.resent")
    assert (entry.object_id, entry.actor, entry.edition_id) == (
        str(copy.pk),
        superuser,
        registration.edition_id,
    )
    # Rendered anew when sent.
    assert message_send(copy.pk) == MessageState.SENT
    copy.refresh_from_db()
    assert copy.subject not in {"", "stary temat"}
    assert [m["To"] for m in smtp_sink.messages] == [registration.email]


def test_resend_twice_queues_one_copy_and_a_copy_can_be_resent(superuser):
    original = MessageFactory(state=MessageState.SENT)
    copy = message_resend(message=original, actor=superuser)

    with pytest.raises(MessageResendError, match="został już wysłany ponownie"):
        message_resend(message=original, actor=superuser)

    Message.objects.filter(pk=copy.pk).update(state=MessageState.SENT)
    copy.refresh_from_db()
    third = message_resend(message=copy, actor=superuser)
    assert Message.objects.count() == 3
    assert third.dedupe_key == f"resend:{copy.pk}"


@pytest.mark.parametrize(
    "state", [MessageState.QUEUED, MessageState.SENDING, MessageState.RETRYING]
)
def test_a_message_on_its_way_is_not_resent(superuser, state):
    message = MessageFactory(state=state)

    with pytest.raises(MessageResendError, match="jest jeszcze w drodze"):
        message_resend(message=message, actor=superuser)
    assert Message.objects.count() == 1


def test_resend_needs_the_mail_key_in_the_messages_edition_or_the_django_permission():
    message = MessageFactory(state=MessageState.SENT)
    team = User.objects.create_user("zespol", is_staff=True)
    TeamMember.objects.create(edition=message.edition, user=team, role=TeamRole.ORGANISER)
    other_edition = User.objects.create_user("obcy", is_staff=True)
    TeamMember.objects.create(edition=EditionFactory(), user=other_edition, role=TeamRole.OWNER)
    checkin = User.objects.create_user("bramka", is_staff=True)
    TeamMember.objects.create(edition=message.edition, user=checkin, role=TeamRole.CHECKIN)
    staff = User.objects.create_user("kadra", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_message"))

    for refused in (other_edition, checkin):
        with pytest.raises(PermissionDenied):
            message_resend(message=message, actor=refused)
    assert Message.objects.count() == 1

    first = message_resend(message=message, actor=team)
    Message.objects.filter(pk=first.pk).update(state=MessageState.FAILED)
    first.refresh_from_db()
    message_resend(message=first, actor=staff)
    assert Message.objects.count() == 3


def test_change_page_button_resends_and_shows_the_copy(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    message = MessageFactory(state=MessageState.SUPPRESSED)
    change = reverse("admin:comms_message_change", args=[message.pk])
    resend = reverse("admin:comms_message_resend", args=[message.pk])

    page = admin_client.get(change).content.decode()
    assert f'action="{resend}"' in page
    assert admin_client.get(resend).status_code == 405

    response = admin_client.post(resend)
    again = admin_client.post(resend, follow=True)

    copy = Message.objects.get(dedupe_key=f"resend:{message.pk}")
    assert response["Location"] == reverse("admin:comms_message_change", args=[copy.pk])
    assert "already been sent again" in again.content.decode()
    assert Message.objects.count() == 2
    # A copy still queued has no button.
    assert (
        f"comms/message/{copy.pk}/resend/"
        not in admin_client.get(
            reverse("admin:comms_message_change", args=[copy.pk])
        ).content.decode()
    )


def test_demo_follow_ups_to_example_people_are_suppressed_not_sent(demo_data, smtp_sink, settings):
    """What ``kongres demo`` does at start: the worker's housekeeping asks the demo's made-up
    people (at example.org, the domain the demo suppresses) about their meetings."""
    import datetime as dt

    from django.utils import timezone

    from kongres.matchmaking.services import follow_ups_send

    settings.EMAIL_SUPPRESS_DOMAINS = ["example.org", "example.com", "example.net"]
    queued = follow_ups_send(now=timezone.now() + dt.timedelta(days=3650))
    follow_ups = Message.objects.filter(kind="mm_follow_up")

    assert queued == follow_ups.count() > 0
    assert {message_send(m.pk) for m in follow_ups} == {MessageState.SUPPRESSED}
    assert smtp_sink.messages == []
    assert not follow_ups.exclude(state=MessageState.SUPPRESSED).exists()
