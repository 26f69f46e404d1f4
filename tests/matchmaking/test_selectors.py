import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kongres.matchmaking import selectors, services
from kongres.matchmaking.enums import Outcome
from kongres.matchmaking.models import MatchmakingSettings, Slot
from tests.factories import EditionFactory
from tests.matchmaking.factories import (
    ConsultationHostFactory,
    ConsultationSlotFactory,
    ProfileFactory,
    matchmaking_edition,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return matchmaking_edition(slots=4, tables=1).edition


@pytest.fixture
def slots(edition):
    return list(Slot.objects.filter(session__edition=edition).order_by("starts_at"))


def test_matchmaking_settings_default_when_none_saved():
    edition = EditionFactory()

    config = selectors.matchmaking_settings(edition)

    assert (config.pk, config.enabled, config.request_expiry_hours) == (None, False, 120)
    assert MatchmakingSettings.objects.count() == 0


def test_free_slots_for_leaves_out_busy_people_unavailable_times_and_full_tables(edition, slots):
    a, b, c, d = (ProfileFactory(edition=edition) for _ in range(4))
    a.available_slots.remove(slots[3])
    services.request_accept(services.request_send(a, c, ""), slots[0])  # a busy in slot 0
    services.request_accept(services.request_send(b, d, ""), slots[1])  # the only table of 1
    request = services.request_send(a, b, "")

    free = selectors.free_slots_for(request)

    assert free == [slots[2]]
    assert free[0].free_tables == 1


def test_agenda_for_lists_meetings_and_consultations_in_time_order(edition, slots):
    a, b, c = (ProfileFactory(edition=edition) for _ in range(3))
    services.request_accept(services.request_send(a, b, ""), slots[2])
    services.request_accept(services.request_send(c, a, ""), slots[0])
    host = ConsultationHostFactory(edition=edition)
    consultation = ConsultationSlotFactory(host=host, starts_at=slots[1].starts_at)
    services.consultation_book(consultation, a.registration)

    agenda = selectors.agenda_for(a)

    assert [(item.kind, item.slot) for item in agenda] == [
        ("meeting", slots[0]),
        ("consultation", None),
        ("meeting", slots[2]),
    ]
    assert [item.partner for item in agenda if item.partner] == [c, b]
    assert agenda[0].table == 1


def test_agenda_for_query_count_does_not_grow_with_meetings(edition, slots):
    a = ProfileFactory(edition=edition)
    partners = [ProfileFactory(edition=edition) for _ in range(3)]
    services.request_accept(services.request_send(partners[0], a, ""), slots[0])
    with CaptureQueriesContext(connection) as one:
        selectors.agenda_for(a)
    for partner, slot in zip(partners[1:], slots[1:], strict=False):
        services.request_accept(services.request_send(partner, a, ""), slot)

    with CaptureQueriesContext(connection) as three:
        agenda = selectors.agenda_for(a)

    assert len(agenda) == 3
    assert len(three) == len(one)


def test_table_agendas_group_by_table_in_slot_order(edition, slots):
    a, b, c, d = (ProfileFactory(edition=edition) for _ in range(4))
    services.request_accept(services.request_send(a, b, ""), slots[1])
    services.request_accept(services.request_send(c, d, ""), slots[0])

    tables = selectors.table_agendas(edition)

    assert [(t.session.code, t.table) for t in tables] == [("A", 1)]
    assert [m.slot for m in tables[0].meetings] == [slots[0], slots[1]]


def test_matchmaking_stats_counts_requests_meetings_and_outcomes(edition, slots):
    a, b, c, d = (ProfileFactory(edition=edition) for _ in range(4))
    meeting = services.request_accept(services.request_send(a, b, ""), slots[0])
    services.request_decline(services.request_send(a, c, ""))
    services.request_send(a, d, "")
    later = slots[0].ends_at
    services.meeting_record_outcome(meeting, a, Outcome.COOPERATION, now=later)
    services.meeting_record_outcome(meeting, b, Outcome.HELD, now=later)

    stats = selectors.matchmaking_stats(edition)

    assert stats["requests"] == 3
    assert stats["requests_by_state"]["pending"] == 1
    assert stats["acceptance_rate"] == 0.5
    assert (stats["meetings"], stats["meetings_scheduled"], stats["meetings_held"]) == (1, 1, 1)
    assert (stats["cooperation"], stats["no_shows"]) == (1, 0)
    assert stats["people_with_meetings"] == 2
