"""A cancelled registration leaves matchmaking: profile off, requests and meetings cancelled,
partners told, consultation bookings released (``services.registration_cancelled``)."""

import pytest

from kongres.comms.models import Message
from kongres.matchmaking import services
from kongres.matchmaking.enums import MatchmakingMessage, MeetingState, RequestState
from kongres.matchmaking.models import (
    ConsultationSlot,
    Meeting,
    MeetingRequest,
    Profile,
    Slot,
    SlotBooking,
)
from kongres.registration.enums import CancelReason, RegistrationState
from kongres.registration.services import registration_cancel
from tests.matchmaking.factories import (
    DAY,
    ConsultationSlotFactory,
    ProfileFactory,
    local,
    matchmaking_edition,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return matchmaking_edition(slots=4, tables=2).edition


def _mails(kind, profile) -> int:
    return Message.objects.filter(kind=kind, to_email=profile.registration.email).count()


def test_registration_cancel_cancels_requests_meetings_and_tells_partners(edition):
    me, partner, asker, asked = (ProfileFactory(edition=edition) for _ in range(4))
    slot = Slot.objects.filter(session__edition=edition).order_by("starts_at").first()
    meeting = services.request_accept(services.request_send(me, partner, "Porozmawiajmy"), slot)
    incoming = services.request_send(asker, me, "")
    outgoing = services.request_send(me, asked, "")

    registration_cancel(registration=me.registration, reason=CancelReason.BY_PARTICIPANT)

    me.refresh_from_db()
    meeting.refresh_from_db()
    assert me.registration.state == RegistrationState.CANCELLED
    assert me.is_active is False
    assert meeting.state == MeetingState.CANCELLED
    assert SlotBooking.objects.filter(meeting=meeting).count() == 0
    assert set(
        MeetingRequest.objects.filter(pk__in=[incoming.pk, outgoing.pk]).values_list(
            "state", flat=True
        )
    ) == {RequestState.CANCELLED}
    assert _mails(MatchmakingMessage.MM_MEETING_CANCELLED, partner) == 1
    assert _mails(MatchmakingMessage.MM_MEETING_CANCELLED, me) == 0


def test_registration_cancel_releases_consultation_bookings(edition):
    me = ProfileFactory(edition=edition)
    consultation = ConsultationSlotFactory(host__edition=edition, starts_at=local(DAY, 10))
    services.consultation_book(consultation, me.registration)
    assert SlotBooking.objects.filter(profile=me, consultation=consultation).count() == 1

    registration_cancel(registration=me.registration, reason=CancelReason.BY_PARTICIPANT)

    consultation.refresh_from_db()
    assert (consultation.booked_by, consultation.booked_at) == (None, None)
    assert SlotBooking.objects.filter(profile=me).count() == 0


def test_registration_cancel_without_profile_changes_no_matchmaking_row(edition):
    me, partner = ProfileFactory(edition=edition), ProfileFactory(edition=edition)
    services.request_send(me, partner, "")
    other = ProfileFactory(edition=edition)
    Profile.objects.filter(pk=other.pk).delete()
    before = (
        list(MeetingRequest.objects.values_list("pk", "state")),
        list(Meeting.objects.values_list("pk", "state")),
        list(ConsultationSlot.objects.values_list("pk", "booked_by")),
    )

    registration_cancel(registration=other.registration, reason=CancelReason.BY_PARTICIPANT)

    after = (
        list(MeetingRequest.objects.values_list("pk", "state")),
        list(Meeting.objects.values_list("pk", "state")),
        list(ConsultationSlot.objects.values_list("pk", "booked_by")),
    )
    assert after == before


def test_registration_cancel_twice_mails_partners_once(edition):
    me, partner = ProfileFactory(edition=edition), ProfileFactory(edition=edition)
    slot = Slot.objects.filter(session__edition=edition).order_by("starts_at").first()
    services.request_accept(services.request_send(me, partner, ""), slot)

    registration_cancel(registration=me.registration, reason=CancelReason.BY_PARTICIPANT)
    registration_cancel(registration=me.registration, reason=CancelReason.BY_PARTICIPANT)

    assert _mails(MatchmakingMessage.MM_MEETING_CANCELLED, partner) == 1
