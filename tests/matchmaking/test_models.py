"""The database itself refuses what the services refuse: constraints, not only checks."""

import pytest
from django.db import IntegrityError, transaction
from django_scopes import scope
from django_scopes.exceptions import ScopeError

from kongres.matchmaking.enums import MeetingState, RequestState
from kongres.matchmaking.models import Meeting, MeetingRequest, Profile, Slot, SlotBooking
from tests.matchmaking.factories import ProfileFactory, matchmaking_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return matchmaking_edition().edition


@pytest.fixture
def slot(edition):
    return Slot.objects.filter(session__edition=edition).order_by("starts_at").first()


def _refused(**kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        kwargs.pop("model").objects.create(**kwargs)


def test_request_to_oneself_is_refused_by_the_database(edition):
    a = ProfileFactory(edition=edition)

    _refused(model=MeetingRequest, edition=edition, sender=a, recipient=a)


def test_second_open_request_of_a_pair_in_either_direction_is_refused(edition):
    a, b = ProfileFactory(edition=edition), ProfileFactory(edition=edition)
    MeetingRequest.objects.create(edition=edition, sender=a, recipient=b)

    _refused(model=MeetingRequest, edition=edition, sender=b, recipient=a)
    _refused(model=MeetingRequest, edition=edition, sender=a, recipient=b)


def test_closed_requests_do_not_block_a_new_one(edition):
    a, b = ProfileFactory(edition=edition), ProfileFactory(edition=edition)
    for state in (RequestState.DECLINED, RequestState.EXPIRED, RequestState.CANCELLED):
        MeetingRequest.objects.create(edition=edition, sender=a, recipient=b, state=state)

    MeetingRequest.objects.create(edition=edition, sender=b, recipient=a)

    assert MeetingRequest.objects.count() == 4


def test_two_planned_meetings_on_one_table_in_one_slot_are_refused(edition, slot):
    a, b, c, d = (ProfileFactory(edition=edition) for _ in range(4))
    Meeting.objects.create(edition=edition, a=a, b=b, slot=slot, table=1)

    _refused(model=Meeting, edition=edition, a=c, b=d, slot=slot, table=1)
    Meeting.objects.create(
        edition=edition, a=c, b=d, slot=slot, table=1, state=MeetingState.CANCELLED
    )


def test_meeting_needs_slot_and_table_together_and_two_people(edition, slot):
    a, b = ProfileFactory(edition=edition), ProfileFactory(edition=edition)

    _refused(model=Meeting, edition=edition, a=a, b=b, slot=slot, table=None)
    _refused(model=Meeting, edition=edition, a=a, b=a)
    _refused(model=Meeting, edition=edition, a=a, b=b, slot=slot, table=0)


def test_one_booking_per_profile_and_slot(edition, slot):
    a, b, c = (ProfileFactory(edition=edition) for _ in range(3))
    first = Meeting.objects.create(edition=edition, a=a, b=b)
    second = Meeting.objects.create(edition=edition, a=a, b=c)
    SlotBooking.objects.create(profile=a, slot=slot, meeting=first)

    _refused(model=SlotBooking, profile=a, slot=slot, meeting=second)
    _refused(model=SlotBooking, profile=b, slot=slot)  # neither a meeting nor a consultation


def test_profiles_are_scoped_by_edition(edition):
    ProfileFactory(edition=edition)
    other = matchmaking_edition().edition
    ProfileFactory(edition=other)

    with scope(edition=edition):
        assert Profile.objects.filter(edition=edition).count() == 1
    with scope(), pytest.raises(ScopeError):
        list(Profile.objects.all())
