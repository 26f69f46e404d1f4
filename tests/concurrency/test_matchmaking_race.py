"""Self-scheduling under load: many acceptances at once compete for people, slots and tables.

Whatever the interleaving, nobody has two meetings in one slot, no table holds two meetings
in one slot, and every loser gets a ``MatchmakingError`` (never a crash).
"""

import random
from collections import Counter

import pytest
from django.utils.translation import gettext

from kongres.matchmaking import services
from kongres.matchmaking.enums import MeetingState, RequestState
from kongres.matchmaking.exceptions import MatchmakingError
from kongres.matchmaking.models import Meeting, MeetingRequest, Profile, Slot, SlotBooking
from tests.concurrency.conftest import run_parallel
from tests.matchmaking.factories import MatchmakingSessionFactory, MatchmakingSettingsFactory

pytestmark = [pytest.mark.concurrency, pytest.mark.integration]


@pytest.fixture
def make_profiles(edition, make_registrations):
    def make(count: int) -> list[Profile]:
        registrations = make_registrations(count)
        profiles = Profile.objects.bulk_create(
            Profile(edition=edition, registration=r, organisation=f"Firma {r.last_name}")
            for r in registrations
        )
        slots = list(Slot.objects.filter(session__edition=edition))
        Profile.available_slots.through.objects.bulk_create(
            Profile.available_slots.through(profile_id=p.pk, slot_id=s.pk)
            for p in profiles
            for s in slots
        )
        return profiles

    return make


def _session(edition, *, slots: int, tables: int):
    MatchmakingSettingsFactory(edition=edition, max_pending_requests=1000)
    session = MatchmakingSessionFactory(edition=edition, code="A", slots=slots, tables=tables)
    return list(session.slots.order_by("starts_at"))


def _requests(edition, pairs) -> list[MeetingRequest]:
    return MeetingRequest.objects.bulk_create(
        MeetingRequest(edition=edition, sender=a, recipient=b) for a, b in pairs
    )


def _accept(request, slot):
    def call():
        try:
            return services.request_accept(MeetingRequest.objects.get(pk=request.pk), slot)
        except MatchmakingError as error:
            return error

    return call


def _assert_consistent():
    planned = list(Meeting.objects.filter(state=MeetingState.PLANNED, slot__isnull=False))
    people = Counter()
    tables = Counter()
    for meeting in planned:
        people[(meeting.a_id, meeting.slot_id)] += 1
        people[(meeting.b_id, meeting.slot_id)] += 1
        tables[(meeting.slot_id, meeting.table)] += 1
    assert max(people.values(), default=0) <= 1, "a person has two meetings in one slot"
    assert max(tables.values(), default=0) <= 1, "a table has two meetings in one slot"
    bookings = Counter(SlotBooking.objects.values_list("profile_id", "slot_id"))
    assert bookings == people
    accepted = MeetingRequest.objects.filter(state=RequestState.ACCEPTED).count()
    assert accepted == len(planned)
    return planned


def test_matchmaking_30_acceptances_by_one_person_in_one_slot_give_one_meeting(
    edition, make_profiles
):
    (slot,) = _session(edition, slots=1, tables=40)
    host, *senders = make_profiles(31)
    requests = _requests(edition, [(sender, host) for sender in senders])

    outcome = run_parallel([_accept(request, slot) for request in requests])

    assert outcome.errors == []
    winners = [r for r in outcome.results if isinstance(r, Meeting)]
    losers = [r for r in outcome.results if isinstance(r, MatchmakingError)]
    assert (len(winners), len(losers)) == (1, 29)
    # Messages come in the default language (Polish), like the threads' own.
    assert {str(e.message) for e in losers} == {
        gettext("You already have a meeting at this time. Choose another one.")
    }
    assert winners[0].table == 1
    _assert_consistent()


def test_matchmaking_60_pairs_for_20_tables_fill_each_table_once(edition, make_profiles):
    (slot,) = _session(edition, slots=1, tables=20)
    profiles = make_profiles(120)
    requests = _requests(edition, zip(profiles[::2], profiles[1::2], strict=True))

    outcome = run_parallel([_accept(request, slot) for request in requests])

    assert outcome.errors == []
    winners = [r for r in outcome.results if isinstance(r, Meeting)]
    losers = [r for r in outcome.results if isinstance(r, MatchmakingError)]
    assert (len(winners), len(losers)) == (20, 40)
    assert {str(e.message) for e in losers} == {
        gettext("All tables are taken at this time. Choose another one.")
    }
    planned = _assert_consistent()
    assert sorted(m.table for m in planned) == list(range(1, 21))


def test_matchmaking_random_overlapping_acceptances_stay_consistent(edition, make_profiles):
    slots = _session(edition, slots=3, tables=4)
    profiles = make_profiles(24)
    rng = random.Random(20251029)  # noqa: S311 - a seeded test graph, not a secret
    pairs = set()
    while len(pairs) < 80:
        a, b = rng.sample(profiles, 2)
        if (b.pk, a.pk) not in pairs:
            pairs.add((a.pk, b.pk))
    by_pk = {p.pk: p for p in profiles}
    requests = _requests(edition, [(by_pk[a], by_pk[b]) for a, b in sorted(pairs)])

    outcome = run_parallel([_accept(request, rng.choice(slots)) for request in requests])

    assert outcome.errors == []
    winners = [r for r in outcome.results if isinstance(r, Meeting)]
    assert len(winners) + sum(isinstance(r, MatchmakingError) for r in outcome.results) == 80
    planned = _assert_consistent()
    assert len(planned) == len(winners)
    assert 0 < len(planned) <= 3 * 4
